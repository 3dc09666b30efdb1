"""Item descriptions come from strangers: keep a small set of harmless tags, drop scripts, styles,
event handlers and links, and keep only images that the item itself lists (so showing a description
never loads a tracker from elsewhere)."""

from __future__ import annotations

import html
from collections.abc import Collection
from html.parser import HTMLParser

_ALLOWED = frozenset(
    {
        "p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "u", "s", "span", "div", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "table", "thead", "tbody", "tr", "td", "th", "hr", "small", "sub",
        "sup", "pre", "code",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img"})
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "svg",
        "math",
        "head",
        "title",
        "textarea",
        "select",
        "button",
        "form",
    }
)
_MAX_DEPTH = 64


class _Sanitizer(HTMLParser):
    def __init__(self, allowed_images: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_images = set(allowed_images)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            if tag not in _VOID:
                self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if src in self.allowed_images:
                self.images.append(src)
                self.out.append(f'<img src="{html.escape(src, quote=True)}" width="240">')
            return
        if tag in _ALLOWED and len(self.open) < _MAX_DEPTH:
            self.out.append(f"<{tag}>")
            if tag not in _VOID:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.open and tag not in _VOID and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out)


def sanitize_description(text: str | None, allowed_images: Collection[str] = ()) -> tuple[str, list[str]]:
    """Safe rich text and the image URLs it shows (all from ``allowed_images``)."""
    if not text:
        return "", []
    if "<" not in text:  # plain text: keep its line breaks
        return html.escape(text).replace("\n", "<br>"), []
    parser = _Sanitizer(allowed_images)
    parser.feed(text)
    return parser.result(), parser.images
