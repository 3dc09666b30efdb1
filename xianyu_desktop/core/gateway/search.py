"""``xianyu.item.search`` (PROTOCOL.md, "item_search"): the query, its signed params, and its answer.

A query is checked here the way the gateway would check it, so a blank keyword, a page past the 2,000
results anyone can page through or a price that is not one is refused in plain words before a call of the
day's quota is spent. Where PROTOCOL.md is silent this module chooses, like TOP's other search methods:
  - the keyword's runs of whitespace (full-width spaces too) become one space; 60 characters after that;
  - prices are yuan with at most two decimals, 0 to 100,000,000, and the lowest not above the highest;
  - a location is at most 30 characters (a province or city);
  - ``fields`` is limited to the summary fields, and ``item_id`` is always asked for: a listing without
    it can neither be de-duplicated nor looked up.

The answer is read as liberally as item_get's (``protocol.read_answer``: the same error path and
scrubbing). One unreadable listing does not cost the page: it is left out and counted in
``SearchPage.unreadable`` with the reason, for the caller to say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.protocol import VERSION, read_answer, redact_failure
from xianyu_desktop.core.gateway.signing import SIGN_PARAM, sign_params
from xianyu_desktop.core.items.item import CONDITION_LABELS, Item, ItemDataError, normalize_item
from xianyu_desktop.core.items.item_ids import is_valid_item_id
from xianyu_desktop.core.items.money import money_text
from xianyu_desktop.core.items.status import UNKNOWN_LABEL, status_label
from xianyu_desktop.core.net.redact import scrub

SEARCH_METHOD = "xianyu.item.search"
SEARCH_RESPONSE_KEY = "item_search_response"

SUMMARY_FIELDS = (
    "item_id", "title", "price", "pic_url", "condition", "location", "valid_time", "seller_id", "seller_nick",
    "status",
)  # fmt: skip
MAX_QUERY_CHARS = 60
MAX_LOCATION_CHARS = 30
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_RESULTS = 2000  # page_no × page_size beyond this is refused by the gateway
MAX_PRICE = Decimal(100_000_000)
MAX_UNREADABLE_REASONS = 5


class SearchQueryError(ConfigError):
    """A search the gateway would refuse: nothing was sent, nothing counted against the quota."""


class SearchSort(enum.StrEnum):
    DEFAULT = "default"  # relevance
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    TIME_DESC = "time_desc"  # newest listing first

    @classmethod
    def parse(cls, text: str) -> SearchSort:
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = "、".join(s.value for s in cls)
            raise SearchQueryError(f"未知的排序方式：{text!r}（可用：{known}）") from None


def parse_price(text: str | None, name: str) -> Decimal | None:
    """A price typed by the seller (``5000``, ``¥4,999.5``); blank is no bound."""
    if text is None or not text.strip():
        return None
    cleaned = text.strip().lstrip("¥￥").replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise SearchQueryError(f"{name}不是金额：{text.strip()[:20]!r}") from None


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """One page of one search. Checked on creation: an instance is a request the gateway accepts."""

    q: str
    page_no: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    sort: SearchSort = SearchSort.DEFAULT
    start_price: Decimal | None = None
    end_price: Decimal | None = None
    condition: str | None = None
    location: str | None = None
    fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        words = " ".join(self.q.split()) if isinstance(self.q, str) else ""
        if not words:
            raise SearchQueryError("请输入搜索关键词")
        if len(words) > MAX_QUERY_CHARS:
            raise SearchQueryError(f"搜索关键词最多 {MAX_QUERY_CHARS} 个字，收到 {len(words)} 个")
        object.__setattr__(self, "q", words)
        _check_paging(self.page_no, self.page_size)
        if not isinstance(self.sort, SearchSort):
            raise SearchQueryError(f"未知的排序方式：{self.sort!r}")
        _check_price(self.start_price, "最低价")
        _check_price(self.end_price, "最高价")
        if self.start_price is not None and self.end_price is not None and self.start_price > self.end_price:
            raise SearchQueryError(f"最低价 {self.start_price} 高于最高价 {self.end_price}")
        if self.condition is not None and self.condition not in CONDITION_LABELS:
            known = "、".join(CONDITION_LABELS)
            raise SearchQueryError(f"未知的成色：{self.condition!r}（可用：{known}）")
        location = " ".join(self.location.split()) if self.location else ""
        if len(location) > MAX_LOCATION_CHARS:
            raise SearchQueryError(f"所在地最多 {MAX_LOCATION_CHARS} 个字（填省份或城市）")
        object.__setattr__(self, "location", location or None)
        object.__setattr__(self, "fields", _summary_fields(self.fields))

    def private_params(self) -> dict[str, str]:
        """The method's own params, empty ones left out (the signature drops them: PROTOCOL.md)."""
        params = {
            "q": self.q,
            "page_no": str(self.page_no),
            "page_size": str(self.page_size),
            "sort": self.sort.value,
            "start_price": _price_param(self.start_price),
            "end_price": _price_param(self.end_price),
            "condition": self.condition or "",
            "location": self.location or "",
            "fields": ",".join(self.fields),
        }
        return {name: value for name, value in params.items() if value}

    def page(self, page_no: int) -> SearchQuery:
        """The same search at another page (refused past the 2,000-result cap)."""
        return dataclasses.replace(self, page_no=page_no)

    @property
    def last_page_allowed(self) -> int:
        """The last page the gateway lets anyone ask for at this page size."""
        return MAX_RESULTS // self.page_size


def _check_paging(page_no: int, page_size: int) -> None:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchQueryError(f"每页条数必须在 1–{MAX_PAGE_SIZE} 之间，收到 {page_size!r}")
    if isinstance(page_no, bool) or not isinstance(page_no, int) or page_no < 1:
        raise SearchQueryError(f"页码必须从 1 开始，收到 {page_no!r}")
    if page_no * page_size > MAX_RESULTS:
        raise SearchQueryError(
            f"只能翻看前 {MAX_RESULTS} 条结果：每页 {page_size} 条时最多到第 {MAX_RESULTS // page_size} 页"
            "，请加关键词或价格范围缩小搜索"
        )


def _check_price(value: Decimal | None, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise SearchQueryError(f"{name}不是金额：{value!r}")
    if value < 0 or value > MAX_PRICE:
        raise SearchQueryError(f"{name}必须在 0–{MAX_PRICE} 元之间，收到 {value}")
    if value != value.quantize(Decimal("0.01")):
        raise SearchQueryError(f"{name}最多精确到分（两位小数），收到 {value}")


def _price_param(value: Decimal | None) -> str:
    """Plain decimal yuan, no exponent, no trailing zeros: 5000, 4999.5."""
    return "" if value is None else format(value.normalize(), "f")


def _summary_fields(names: Iterable[str]) -> tuple[str, ...]:
    wanted = list(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    unknown = [n for n in wanted if n not in SUMMARY_FIELDS]
    if unknown:
        raise SearchQueryError(f"搜索不支持这些字段：{'、'.join(unknown[:5])}（可用：{','.join(SUMMARY_FIELDS)}）")
    if wanted and "item_id" not in wanted:
        wanted.insert(0, "item_id")
    return tuple(wanted)


def signed_search_params(config: GatewayConfig, query: SearchQuery, now: float) -> dict[str, str]:
    """The form body of one search call, signed. Never logged: it holds the signature."""
    params = {
        "app_key": config.app_key,
        "method": SEARCH_METHOD,
        "timestamp": str(int(now * 1000)),
        "version": VERSION,
        **query.private_params(),
    }
    params[SIGN_PARAM] = sign_params(params, config.app_secret)
    return params


@dataclass(frozen=True, slots=True)
class Listing:
    """One search result: the summary fields only (the details come from item_get)."""

    item_id: str
    title: str | None = None
    price: Decimal | None = None
    pic_url: str | None = None
    condition: str | None = None
    location: str | None = None
    valid_time: dt.datetime | None = None
    seller_id: str | None = None
    seller_nick: str | None = None
    status: str | None = None

    @property
    def condition_label(self) -> str | None:
        return None if self.condition is None else CONDITION_LABELS.get(self.condition, UNKNOWN_LABEL)

    @property
    def status_label(self) -> str | None:
        return None if self.status is None else status_label(self.status)

    def as_item(self) -> Item:
        """The summary as an item with only these fields known (the rest come from item_get): what the
        window shows before the details arrive and what an export of search results writes."""
        return Item(
            item_id=self.item_id,
            title=self.title,
            pic_url=self.pic_url,
            price=self.price,
            condition=self.condition,
            status=self.status,
            location=self.location,
            valid_time=self.valid_time,
            seller_id=self.seller_id,
            seller_nick=self.seller_nick,
        )

    def to_json_dict(self) -> dict[str, Any]:
        """PROTOCOL.md's summary field names; money as a decimal string, the time in ISO form."""
        return {
            "item_id": self.item_id,
            "title": self.title,
            "price": money_text(self.price),
            "pic_url": self.pic_url,
            "condition": self.condition,
            "location": self.location,
            "valid_time": self.valid_time.isoformat() if self.valid_time else None,
            "seller_id": self.seller_id,
            "seller_nick": self.seller_nick,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class SearchPage:
    total_results: int
    page_no: int
    page_size: int
    listings: tuple[Listing, ...]
    unreadable: tuple[str, ...] = ()  # why listings were left out (at most a few reasons)
    unreadable_count: int = 0
    summaries: tuple[dict[str, Any], ...] = ()  # the readable listings' summary fields as answered

    def to_cache(self) -> dict[str, Any]:
        """What a search cache keeps of the page: the answer's own fields, read again by ``page_from_cache``."""
        return {
            "total_results": self.total_results,
            "page_no": self.page_no,
            "page_size": self.page_size,
            "items": list(self.summaries),
        }

    @property
    def has_more(self) -> bool:
        """Another page may hold results: this one was not past the end, and the total (capped at what
        the gateway lets anyone page through) goes beyond it."""
        answered = len(self.listings) + self.unreadable_count > 0
        return answered and self.page_no * self.page_size < min(self.total_results, MAX_RESULTS)


def parse_search_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    query: SearchQuery,
    *,
    local_now: float,
    secrets: Iterable[str] = (),
) -> SearchPage:
    """The page, or a GatewayError of the right kind whose texts are scrubbed of signatures,
    ``app_secret`` parameters and the ``secrets`` given (the unreadable reasons too)."""
    known = tuple(secrets)
    try:
        page = _parse_search_response(status, headers, body, query, local_now=local_now)
    except GatewayError as exc:
        raise GatewayError(redact_failure(exc.failure, known)) from None
    return dataclasses.replace(page, unreadable=tuple(scrub(r, known) for r in page.unreadable))


def page_from_cache(data: Any, query: SearchQuery) -> SearchPage | None:
    """A page kept by ``SearchPage.to_cache``, read the way an answer is; None when it no longer reads."""
    try:
        return _page_of(data, query, 200)
    except GatewayError:
        return None


def _protocol_error(message: str, status: int) -> GatewayError:
    return GatewayError(GatewayFailure(ErrorKind.PROTOCOL, message, http_status=status))


def _parse_search_response(
    status: int, headers: Mapping[str, str], body: bytes, query: SearchQuery, *, local_now: float
) -> SearchPage:
    envelope = read_answer(status, headers, body, SEARCH_RESPONSE_KEY, local_now=local_now)
    return _page_of(envelope, query, status)


def _page_of(envelope: Any, query: SearchQuery, status: int) -> SearchPage:
    if envelope in (None, "", [], {}):
        return SearchPage(0, query.page_no, query.page_size, ())
    if not isinstance(envelope, dict):
        raise _protocol_error("搜索结果格式不对", status)
    raws = _raw_listings(envelope.get("items"), status)
    total = _count(envelope.get("total_results"), "total_results", status)
    if total is None:
        if raws:
            raise _protocol_error("搜索结果缺少 total_results", status)
        total = 0
    page_no = _count(envelope.get("page_no"), "page_no", status) or query.page_no
    page_size = _count(envelope.get("page_size"), "page_size", status) or query.page_size
    if page_no != query.page_no:
        raise _protocol_error(f"网关返回了另一页（请求第 {query.page_no} 页，收到第 {page_no} 页）", status)
    listings: list[Listing] = []
    summaries: list[dict[str, Any]] = []
    reasons: list[str] = []
    for number, raw in enumerate(raws, start=1):
        try:
            listing, summary = _listing(raw)
        except ItemDataError as exc:
            if len(reasons) < MAX_UNREADABLE_REASONS:
                reasons.append(f"第 {number} 条：{exc}")
            continue
        listings.append(listing)
        summaries.append(summary)
    unreadable = len(raws) - len(listings)
    return SearchPage(total, page_no, page_size, tuple(listings), tuple(reasons), unreadable, tuple(summaries))


def _raw_listings(items: Any, status: int) -> list[Any]:
    """``{"item": [...]}`` as PROTOCOL.md shows it; also a bare list, or one object where a list of one
    was meant (TOP's XML-shaped JSON does that); nothing at all is no results."""
    if items in (None, "", [], {}):
        return []
    if isinstance(items, dict):
        items = items.get("item")
        if items in (None, "", [], {}):
            return []
    if isinstance(items, dict):
        return [items]
    if isinstance(items, list):
        return items
    raise _protocol_error("搜索结果的 items 格式不对", status)


def _count(value: Any, name: str, status: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _protocol_error(f"搜索结果的 {name} 不是整数", status)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _protocol_error(f"搜索结果的 {name} 不是整数：{str(value)[:20]!r}", status) from None
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        raise _protocol_error(f"搜索结果的 {name} 不是整数：{str(value)[:20]!r}", status)
    return int(number)


def _listing(raw: Any) -> tuple[Listing, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise ItemDataError("不是对象")
    raw_id = raw.get("item_id")
    item_id = str(raw_id).strip() if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else ""
    if not is_valid_item_id(item_id):
        raise ItemDataError(f"商品 ID 无效：{str(raw_id)[:30]!r}")
    summary = {name: raw[name] for name in SUMMARY_FIELDS if name in raw}
    summary["item_id"] = item_id
    item = normalize_item(summary, item_id)
    listing = Listing(
        item_id=item.item_id,
        title=item.title,
        price=item.price,
        pic_url=item.pic_url,
        condition=item.condition,
        location=item.location,
        valid_time=item.valid_time,
        seller_id=item.seller_id,
        seller_nick=item.seller_nick,
        status=item.status,
    )
    return listing, summary


def dedup_listings(listings: Iterable[Listing], seen: Collection[str] = ()) -> list[Listing]:
    """The listings not in ``seen`` (item ids already shown), each once, first seen kept: results shift
    between pages while listings change, so a listing can come back on a later page; the row the seller
    already has stays as it is."""
    fresh: dict[str, Listing] = {}
    for listing in listings:
        if listing.item_id not in seen and listing.item_id not in fresh:
            fresh[listing.item_id] = listing
    return list(fresh.values())
