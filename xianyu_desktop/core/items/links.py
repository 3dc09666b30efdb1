"""Find Xianyu item ids in whatever a seller pastes: the one place the rest of the app imports from.

The work is split by job: item_ids.py holds what a reading yields (ids, reasons, problems),
link_reading.py reads one link and knows which site a host belongs to, paste_patterns.py holds the
regexes that find links and ids in a whole paste, and paste_scan.py walks a paste with them. Resolving
short links needs the network and lives in core/web/shortlinks.py.
"""

from __future__ import annotations

from xianyu_desktop.core.items.item_ids import (
    MAX_ID_DIGITS,
    MIN_ID_DIGITS,
    REASON_BAD_LENGTH,
    REASON_EXCEL_NUMBER,
    REASON_MAYBE_ROUNDED,
    REASON_NO_ID,
    REASON_NOT_XIANYU,
    REASON_SHORT_LINK,
    REASON_UNRESOLVED,
    Extraction,
    LinkProblem,
    canonical_item_url,
    is_valid_item_id,
)
from xianyu_desktop.core.items.link_reading import is_xianyu_host
from xianyu_desktop.core.items.paste_scan import extract

__all__ = [
    "MAX_ID_DIGITS",
    "MIN_ID_DIGITS",
    "REASON_BAD_LENGTH",
    "REASON_EXCEL_NUMBER",
    "REASON_MAYBE_ROUNDED",
    "REASON_NOT_XIANYU",
    "REASON_NO_ID",
    "REASON_SHORT_LINK",
    "REASON_UNRESOLVED",
    "Extraction",
    "LinkProblem",
    "canonical_item_url",
    "extract_item_ids",
    "is_valid_item_id",
    "is_xianyu_host",
]


def extract_item_ids(text: str) -> Extraction:
    """Never raises: any text in, the ids it holds and what could not be read out."""
    return extract(text)
