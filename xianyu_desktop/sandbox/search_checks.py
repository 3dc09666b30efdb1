"""The checks of an item_search call's own parameters (PROTOCOL.md "item_search"), after the common ones.

Each refusal is the router's 400 with code 40 (a required parameter missing) or 41 (a parameter invalid)
and the parameter named in the sub_code. Where PROTOCOL.md is silent: a ``q`` of spaces only is invalid
(41), not missing; prices are non-negative yuan with at most two decimals, and a ``start_price`` above
``end_price`` is refused rather than answered with nothing; ``location`` is at most 20 characters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from xianyu_desktop.sandbox.checks import Refusal
from xianyu_desktop.sandbox.market import SORTS, SUMMARY_FIELDS, SearchQuery, fold

CONDITION_CODES = ("new", "like_new", "very_good", "good", "acceptable")
MAX_RESULTS = 2000
MAX_PAGE_SIZE = 50
MAX_QUERY_CHARS = 60
MAX_LOCATION_CHARS = 20
_PRICE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")
_NUMBER = re.compile(r"[0-9]{1,6}")


def invalid(name: str, detail: str) -> Refusal:
    return Refusal(400, 41, "Invalid arguments", f"isv.invalid-parameter:{name}", detail)


def search_query(params: Mapping[str, str]) -> SearchQuery:
    q = params.get("q", "")
    if not q:
        raise Refusal(400, 40, "Missing required arguments", "isv.missing-parameter:q", "q is required")
    if len(q) > MAX_QUERY_CHARS:
        raise invalid("q", f"q must be 1 to {MAX_QUERY_CHARS} characters")
    words = tuple(fold(q).split())
    if not words:
        raise invalid("q", "q must contain a keyword")
    page_no = _number(params, "page_no", 1)
    page_size = _number(params, "page_size", 20)
    if page_no < 1:
        raise invalid("page_no", "page_no starts at 1")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise invalid("page_size", f"page_size must be 1 to {MAX_PAGE_SIZE}")
    if page_no * page_size > MAX_RESULTS:
        raise invalid("page_no", f"at most {MAX_RESULTS} results can be paged through (page_no x page_size)")
    sort = params.get("sort") or "default"
    if sort not in SORTS:
        raise invalid("sort", f"sort must be one of {', '.join(SORTS)}")
    start, end = _cents(params, "start_price"), _cents(params, "end_price")
    if start is not None and end is not None and start > end:
        raise invalid("start_price", "start_price is above end_price")
    condition = params.get("condition") or None
    if condition is not None and condition not in CONDITION_CODES:
        raise invalid("condition", f"condition must be one of {', '.join(CONDITION_CODES)}")
    location = params.get("location", "").strip() or None
    if location is not None and len(location) > MAX_LOCATION_CHARS:
        raise invalid("location", f"location must be at most {MAX_LOCATION_CHARS} characters")
    return SearchQuery(words, page_no, page_size, sort, start, end, condition, location)


def summary_fields(text: str | None) -> list[str]:
    """The summary fields to answer with (all when none are asked for); any other field is refused."""
    if not text:
        return list(SUMMARY_FIELDS)
    names = [name.strip() for name in text.split(",") if name.strip()]
    other = [name for name in names if name not in SUMMARY_FIELDS]
    if other:
        raise invalid("fields", f"item_search answers only {','.join(SUMMARY_FIELDS)}; not {','.join(other[:5])}")
    return ["item_id", *dict.fromkeys(n for n in names if n != "item_id")]


def _number(params: Mapping[str, str], name: str, default: int) -> int:
    text = params.get(name, "")
    if not text:
        return default
    if not _NUMBER.fullmatch(text):
        raise invalid(name, f"{name} must be a whole number")
    return int(text)


def _cents(params: Mapping[str, str], name: str) -> int | None:
    text = params.get(name, "")
    if not text:
        return None
    if not _PRICE.fullmatch(text):
        raise invalid(name, f"{name} must be a price in yuan, e.g. 3899 or 3899.50")
    return int(Decimal(text) * 100)
