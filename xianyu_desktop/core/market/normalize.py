"""A title in the one form every matcher here reads: NFKC (full-width folded to half-width, the
ideographic space to a space), casefolded, capacities written one way (``256GB``/``256g``/``256 G`` →
``256g``, ``1TB`` → ``1t``), runs of spaces as one. Spacing inside names (``iPhone14Pro``) is left as
written: the vocabulary's patterns allow a name's parts glued or apart."""

from __future__ import annotations

import functools
import re
import unicodedata

_CAPACITY = re.compile(r"(?<![\d.])(\d{1,4})\s*(g|t)b?(?![a-z])")
# Separators sellers put between words that mean no more than a space (after NFKC: half-width forms).
_SEPARATORS = re.compile(r"[\s【】\[\]()「」『』|,;!?~*#/\\_]+")
_SQUEEZE = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=4096)
def normalize_title(title: str) -> str:
    """Cached: a market's titles are read by the template and the noise classes both."""
    text = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", title).casefold())
    return _CAPACITY.sub(r"\1\2", text).strip()


def flexible_pattern(name: str) -> str:
    """A regex for a normalised name whose parts may be glued or apart: ``iphone 14 pro`` also finds
    ``iphone14pro`` and ``iphone-14 pro``. Word edges: a name starting (ending) with a letter is not
    found inside a longer word of letters, one starting (ending) with a digit not inside a number."""
    name = normalize_title(name)
    out: list[str] = []
    previous = ""
    for ch in name:
        if ch in " -":
            if out and out[-1] != r"[\s\-]*":
                out.append(r"[\s\-]*")
            previous = ""
            continue
        if previous and _kind(previous) != _kind(ch) and _kind(ch) != "other" and _kind(previous) != "other":
            out.append(r"[\s\-]*")
        out.append(re.escape(ch))
        previous = ch
    body = "".join(out)
    first, last = name.replace("-", " ").strip()[:1], name.replace("-", " ").strip()[-1:]
    head = {"alpha": r"(?<![a-z])", "digit": r"(?<![\d.])"}.get(_kind(first), "")
    tail = {"alpha": r"(?![a-z])", "digit": r"(?![\d]|\.\d)"}.get(_kind(last), "")
    return head + body + tail


def _kind(ch: str) -> str:
    if "a" <= ch <= "z":
        return "alpha"
    if ch.isdigit():
        return "digit"
    return "other"


def compact(text: str) -> str:
    """A name with its spaces and hyphens dropped: the key two spellings of one name share."""
    return squeeze(normalize_title(text))


def squeeze(normalized: str) -> str:
    """``compact`` of a text already normalised."""
    return _SQUEEZE.sub("", normalized)
