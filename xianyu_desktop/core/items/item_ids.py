"""What reading a paste yields: item ids, and for what yields none, a reason and a sentence saying why.

The vocabulary shared by reading one link (link_reading.py), scanning a whole paste (paste_scan.py)
and their callers (links.py is the face they import).
"""

from __future__ import annotations

from dataclasses import dataclass, field

REASON_SHORT_LINK = "short_link"
REASON_NOT_XIANYU = "not_xianyu"
REASON_NO_ID = "no_id"
REASON_BAD_LENGTH = "bad_length"
REASON_UNRESOLVED = "unresolved"
REASON_EXCEL_NUMBER = "excel_number"
# A note, not a refusal: the id is taken.
REASON_MAYBE_ROUNDED = "maybe_excel_rounded"

MIN_ID_DIGITS = 10
MAX_ID_DIGITS = 19


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """Something the seller pasted that yields no id, with a sentence that says why."""

    text: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """ids in first-seen order, each once; short_links also appear in problems until resolved.

    problems were not taken; notes are about ids that were taken (an id Excel has probably rounded).
    """

    ids: list[str]
    problems: list[LinkProblem]
    short_links: list[str]
    notes: list[LinkProblem] = field(default_factory=list)


def is_valid_item_id(s: str) -> bool:
    return MIN_ID_DIGITS <= len(s) <= MAX_ID_DIGITS and s.isascii() and s.isdigit()


def canonical_item_url(item_id: str) -> str:
    return f"https://www.goofish.com/item?id={item_id}"


def bad_length_message(digits: int) -> str:
    return f"商品 ID 应为 {MIN_ID_DIGITS}–{MAX_ID_DIGITS} 位数字，这里是 {digits} 位"
