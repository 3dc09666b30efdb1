"""Item descriptions come from strangers: keep a small set of harmless tags, drop scripts, styles,
event handlers, links and every attribute, and keep only images that the item itself lists.

An image is written as an opaque name (``picture:0``) that only the app's own loader can fill, never as
the seller's address: a widget that loads resources by itself then has nothing it could open (a local
file, a Windows share, a tracker).

What is shown is bounded, because Qt lays a document out on the GUI thread: measured on the
development machine, a 20,000-character paragraph takes ~50 ms and 1,000 table cells ~100 ms, while a
10 MB description (a million cells) froze the window for over a minute. The cleaning itself stops as
soon as a bound is reached, so even a 10 MB description is cleaned in a fraction of a second (off the
GUI thread: ui/detail_pane.py)."""

from __future__ import annotations

import html
import threading
from collections.abc import Collection
from dataclasses import dataclass
from html.parser import HTMLParser

from xianyu_desktop.core.items.item import picture_url

MAX_SOURCE_CHARS = 1_000_000  # of the seller's text looked at
MAX_TEXT_CHARS = 10_000  # of text shown
MAX_ELEMENTS = 500  # tags (or plain-text lines) shown
MAX_TAGS_READ = 20_000  # tags looked at, shown or not: bounds the cleaning time
MAX_TABLE_CELLS = 100
MAX_TABLE_DEPTH = 2
MAX_DEPTH = 16
MAX_PICTURES = 12
PICTURE_SCHEME = "picture"
_CHUNK = 64 * 1024

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


@dataclass(frozen=True, slots=True)
class CleanDescription:
    """Safe rich text; ``pictures[n]`` is the address behind the name ``picture:n`` in it."""

    html: str = ""
    pictures: tuple[str, ...] = ()
    truncated: bool = False


def picture_name(index: int) -> str:
    return f"{PICTURE_SCHEME}:{index}"


class _Full(Exception):
    """A bound was reached: stop reading."""


class _Sanitizer(HTMLParser):
    def __init__(self, allowed_images: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_images = {u for u in allowed_images if picture_url(u) == u}
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0
        self.pictures: list[str] = []
        self.elements = 0
        self.tags_read = 0
        self.text_chars = 0
        self.cells = 0
        self.truncated = False

    def _count_element(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _Full

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags_read += 1
        if self.tags_read > MAX_TAGS_READ:
            raise _Full
        if tag in _DROP_WITH_CONTENT:
            if tag not in _VOID:
                self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "img":
            self._image(dict(attrs).get("src") or "")
            return
        if tag not in _ALLOWED or len(self.open) >= MAX_DEPTH:
            return
        if tag == "table" and self.open.count("table") >= MAX_TABLE_DEPTH:
            return
        if tag in ("td", "th"):
            self.cells += 1
        if self.cells > MAX_TABLE_CELLS or (tag == "tr" and self.cells == MAX_TABLE_CELLS):
            raise _Full  # (Qt gives an empty row a cell of its own)
        self._count_element()
        self.out.append(f"<{tag}>")
        if tag not in _VOID:
            self.open.append(tag)

    def _image(self, src: str) -> None:
        if src not in self.allowed_images:
            return
        if src not in self.pictures:
            if len(self.pictures) >= MAX_PICTURES:
                return
            self.pictures.append(src)
        self._count_element()
        self.out.append(f'<img src="{picture_name(self.pictures.index(src))}" width="240">')

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
        if self.dropping:
            return
        room = MAX_TEXT_CHARS - self.text_chars
        self.text_chars += len(data)
        self.out.append(html.escape(data[:room], quote=False))
        if self.text_chars > MAX_TEXT_CHARS:
            raise _Full

    def result(self) -> str:
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out)


def clean_description(
    text: str | None, allowed_images: Collection[str] = (), cancel: threading.Event | None = None
) -> CleanDescription:
    """The description as bounded safe rich text; ``truncated`` when a bound cut it short.

    ``allowed_images`` are the item's own picture addresses (only http(s) ones are kept). Runs in a
    worker: ``cancel`` stops it between chunks (the result is then empty)."""
    if not text:
        return CleanDescription()
    source = text[:MAX_SOURCE_CHARS]
    truncated = len(text) > MAX_SOURCE_CHARS
    if "<" not in source:  # plain text: keep its lines
        lines = source[:MAX_TEXT_CHARS].split("\n", MAX_ELEMENTS)
        truncated = truncated or len(source) > MAX_TEXT_CHARS or len(lines) > MAX_ELEMENTS
        shown = (html.escape(line) if line.strip() else "&nbsp;" for line in lines[:MAX_ELEMENTS])
        return CleanDescription("".join(f"<div>{line}</div>" for line in shown), (), truncated)
    parser = _Sanitizer(allowed_images)
    try:
        for start in range(0, len(source), _CHUNK):
            if cancel is not None and cancel.is_set():
                return CleanDescription()
            parser.feed(source[start : start + _CHUNK])
        parser.close()
    except _Full:
        truncated = True
    return CleanDescription(parser.result(), tuple(parser.pictures), truncated)
