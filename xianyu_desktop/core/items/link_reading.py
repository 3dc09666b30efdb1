"""One link, read: the item id it holds, or why it holds none; and which site a host belongs to.

Only links on a Xianyu host (goofish.com, 2.taobao.com, market.m.taobao.com under an idleFish path,
the fleamarket:// scheme) yield ids. Short links (m.tb.cn) are handed back for resolving; a link to
another marketplace says which one it is, so the seller knows why it was not taken.
"""

from __future__ import annotations

import functools
import json
import re
from typing import NamedTuple
from urllib.parse import unquote, unquote_plus

from xianyu_desktop.core.items.item_ids import (
    MAX_ID_DIGITS,
    MIN_ID_DIGITS,
    REASON_BAD_LENGTH,
    REASON_NO_ID,
    REASON_NOT_XIANYU,
    bad_length_message,
)

_MSG_NO_ID = "这个闲鱼链接里没有商品 ID"
_MAX_BFP_CHARS = 4000
_MAX_TRAILING_PUNCTUATION = 16

MARKETPLACES: dict[str, str] = {
    "taobao.com": "淘宝",
    "tmall.com": "天猫",
    "tmall.hk": "天猫国际",
    "jd.com": "京东",
    "jd.hk": "京东国际",
    "yangkeduo.com": "拼多多",
    "pinduoduo.com": "拼多多",
    "1688.com": "1688",
    "aliexpress.com": "速卖通",
    "alibaba.com": "阿里巴巴",
    "amazon.com": "亚马逊",
    "amazon.cn": "亚马逊",
    "ebay.com": "eBay",
    "suning.com": "苏宁易购",
    "vip.com": "唯品会",
    "dangdang.com": "当当",
    "zhuanzhuan.com": "转转",
    "paipai.com": "拍拍",
    "jinritemai.com": "抖音商城",
}
XIANYU_DOMAINS = ("goofish.com", "2.taobao.com")
SHORT_DOMAIN = "tb.cn"
_IDLEFISH_MARKET_HOST = "market.m.taobao.com"
MAX_HOST_CHARS = 253
_URL_PARTS_RE = re.compile(r"(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
TRAILING_PUNCTUATION = ".,;:!?*()[]"


def any_case(literal: str) -> str:
    """A regex for the literal in any case, without (?i) (which would slow a whole-paste scan)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in literal)


_LEADING_DIGITS_RE = re.compile(r"[0-9]+(?![A-Za-z0-9_])")
_PATH_ID_RE = re.compile(r"/item/([0-9]+)(?![A-Za-z0-9_])", re.IGNORECASE)
_JSON_ID_RE = re.compile(r"\"(?:id|itemId|item_id)\"\s*:\s*\"?([0-9]+)", re.IGNORECASE)
_ID_KEYS = ("id", "itemid", "item_id")
# What _query_params and _LEADING_DIGITS_RE find in "&" + a query without "%" or "+": a key that is
# the name in any case with whitespace around it (no other character lower-cases to plain ASCII).
_ID_PARAM_RES = [re.compile(rf"&\s*{any_case(key)}\s*=\s*([0-9]+)(?![A-Za-z0-9_])") for key in _ID_KEYS]


class Reading(NamedTuple):
    """Why a link holds no id: a problem, a short link to resolve, or nothing (a foreign URL)."""

    reason: str | None = None
    message: str = ""
    short_url: str | None = None
    short_key: str = ""


_NOTHING = Reading()
_NO_ID = Reading(REASON_NO_ID, _MSG_NO_ID)


def is_xianyu_host(host: str) -> bool:
    """True for hosts that are Xianyu whatever the path.

    market.m.taobao.com is Xianyu only under an idleFish path, so it is not a
    Xianyu host on its own.
    """
    return _domain_in(_normalize_host(host), XIANYU_DOMAINS)


def read_link(text: str) -> str | Reading:
    """The item id a link holds, or why it holds none.

    An id comes back bare, not inside a Reading: a paste can hold 200,000 links and most hold an id.
    """
    parts = _split_url(text)
    if parts is None:
        return _NOTHING
    url, scheme, netloc, path, query, fragment = parts
    host, kind = _host_and_kind(netloc)
    web = scheme == "https" or scheme == "http"
    if web and kind == SHORT:
        return Reading(short_url=url, short_key=host + path)
    if scheme == "fleamarket" or (
        web and (kind == XIANYU or (kind == _IDLEFISH_MARKET and "idlefish" in path.lower()))
    ):
        digits = _xianyu_item_digits(path, query, fragment)
        if digits is None:
            return _NO_ID
        if not MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:  # digits are ASCII digits
            return Reading(REASON_BAD_LENGTH, bad_length_message(len(digits)))
        return digits
    if kind in (OTHER, SHORT, XIANYU):  # XIANYU here: an odd scheme, "x.goofish.com+y://www.goofish.com"
        return _NOTHING
    return _NOT_XIANYU[kind]


XIANYU = "xianyu"
SHORT = "short"
_IDLEFISH_MARKET = "idlefish_market"
OTHER = ""


def host_kind(host: str) -> str:
    """XIANYU, SHORT, _IDLEFISH_MARKET, a marketplace domain, or OTHER."""
    return _host_kind_cached(host) if len(host) <= MAX_HOST_CHARS else OTHER


@functools.lru_cache(maxsize=1024)
def _host_kind_cached(host: str) -> str:
    host = _normalize_host(host)
    if _domain_in(host, XIANYU_DOMAINS):
        return XIANYU
    if _domain_in(host, (SHORT_DOMAIN,)):
        return SHORT
    if host == _IDLEFISH_MARKET_HOST:
        return _IDLEFISH_MARKET
    return next((domain for domain in MARKETPLACES if _domain_in(host, (domain,))), OTHER)


_NOT_XIANYU = {
    kind: Reading(
        REASON_NOT_XIANYU,
        f"这是{MARKETPLACES['taobao.com' if kind == _IDLEFISH_MARKET else kind]}的链接，不是闲鱼商品链接",
    )
    for kind in (*MARKETPLACES, _IDLEFISH_MARKET)
}

# url (with "https://" put in front if it had no scheme), scheme (lower case), netloc, path, query, fragment
_UrlParts = tuple[str, str, str, str, str, str]


def _split_url(text: str) -> _UrlParts | None:
    for _ in range(3):
        if "&amp;" not in text:
            break
        text = text.replace("&amp;", "&")
    m = _URL_PARTS_RE.match(text)
    if m is None:
        return None
    scheme, netloc, path, query, fragment = m.groups(default="")
    if not scheme:
        text = "https://" + text
        scheme = "https"
    elif not scheme.islower():
        # "HTTPS://…" is listed for fetching as "https://…".
        scheme = scheme.lower()
        text = scheme + text[len(scheme) :]
    return text, scheme, netloc, path, query, fragment


def _host_and_kind(netloc: str) -> tuple[str, str]:
    """The host a URL's netloc names (no user or port, lower case), and its host_kind."""
    # Most links in a paste share a handful of hosts; a long netloc is not kept.
    return (_host_and_kind_cached if len(netloc) <= MAX_HOST_CHARS else _host_and_kind_uncached)(netloc)


def _host_and_kind_uncached(netloc: str) -> tuple[str, str]:
    host = netloc.rpartition("@")[2]
    host = host[1:].partition("]")[0] if host.startswith("[") else host.partition(":")[0]
    host = host.lower().rstrip(".")
    return host, host_kind(host)


_host_and_kind_cached = functools.lru_cache(maxsize=1024)(_host_and_kind_uncached)


def _xianyu_item_digits(path: str, query: str, fragment: str) -> str | None:
    if "?" in fragment:
        # Parameters after a "?" in the fragment come after the query's.
        query = f"{query}&{fragment.partition('?')[2]}"
    if "%" not in query and "+" not in query:
        # Nothing to decode: each id parameter is found directly, in order of preference.
        pairs = f"&{query}"
        for id_param_re in _ID_PARAM_RES:
            if (m := id_param_re.search(pairs)) is not None:
                return m.group(1)
    else:
        params = _query_params(query)
        for wanted in _ID_KEYS:
            for key, value in params:
                if key == wanted and (m := _LEADING_DIGITS_RE.match(value.strip())) is not None:
                    return m.group()
    if (m := _PATH_ID_RE.search(path)) is not None:
        return m.group(1)
    for key, value in _query_params(query):
        if key == "bfp" and (digits := _bfp_item_digits(value)) is not None:
            return digits
    return None


def _query_params(query: str) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for pair in query.split("&") if query else ():
        key, _, value = pair.partition("=")
        if value:
            if "%" in pair or "+" in pair:
                key, value = unquote_plus(key), unquote_plus(value)
            params.append((key.strip().lower(), value))
    return params


def _bfp_item_digits(value: str) -> str | None:
    """bfp is URL-encoded JSON, sometimes encoded twice, holding the id as a number or a string."""
    value = value[:_MAX_BFP_CHARS]
    for _ in range(3):
        if value.lstrip().startswith("{") or "%" not in value:
            break
        value = unquote(value)
    try:
        data: object = json.loads(value)
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        for key in ("id", "itemId", "item_id"):
            item_id = data.get(key)
            if isinstance(item_id, int) and not isinstance(item_id, bool) and item_id >= 0:
                return str(item_id)
            if isinstance(item_id, str) and item_id.isascii() and item_id.strip().isdigit():
                return item_id.strip()
        return None
    m = _JSON_ID_RE.search(value)
    return m.group(1) if m is not None else None


def strip_trailing_punctuation(text: str) -> str:
    """Drop sentence punctuation after a link; keep a closing bracket that the link itself opened."""
    if not text or text[-1] not in TRAILING_PUNCTUATION:
        return text
    unmatched = {")": text.count(")") - text.count("("), "]": text.count("]") - text.count("[")}
    end = len(text)
    while end > len(text) - _MAX_TRAILING_PUNCTUATION:
        last = text[end - 1]
        if last in ")]" and unmatched[last] > 0:
            unmatched[last] -= 1
        elif last in "([":
            unmatched[")" if last == "(" else "]"] += 1
        elif last not in ".,;:!?*":
            break
        end -= 1
    return text[:end]


def _normalize_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host


def _domain_in(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)
