"""Where a short link landed: the Xianyu item a redirect target or a page names, Taobao, or nothing.

Pure functions over a URL or a page's text (core/web/shortlinks.py does the HTTP). A page is searched for
URLs after undoing JavaScript's and HTML's escapes (``https:\\/\\/…``, ``\\u002F``, ``&amp;``), at most
5,000 of them; the first Xianyu item URL wins, a Taobao or Tmall item URL means the code is Taobao's.
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import re
from collections.abc import Mapping

import httpx

from xianyu_desktop.core.items.links import extract_item_ids, is_xianyu_host


class ShortLinkOutcome(enum.StrEnum):
    RESOLVED = "resolved"
    TAOBAO = "taobao"
    EXPIRED = "expired"
    NO_ITEM = "no_item"
    NOT_FOLLOWED = "not_followed"
    NETWORK = "network"


MAX_URLS_IN_PAGE = 5_000

SHORT_DOMAINS = ("tb.cn",)
_TAOBAO_DOMAINS = ("taobao.com", "tmall.com", "tmall.hk")
FOLLOWED_DOMAINS = (*SHORT_DOMAINS, *_TAOBAO_DOMAINS, "goofish.com")
_IDLEFISH_MARKET_HOST = "market.m.taobao.com"
# JavaScript and HTML write "/" and "&" in many ways; a page's URLs are read after undoing them.
_UNESCAPES = (("\\/", "/"), ("\\u002F", "/"), ("\\u002f", "/"), ("\\x2F", "/"), ("\\x2f", "/"))
_AMP_UNESCAPES = (("&amp;", "&"), ("\\u0026", "&"), ("\\x26", "&"))
_PAGE_URL_RE = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\s\"'<>\\`]*)?", re.IGNORECASE)
_TAOBAO_ITEM_ID_RE = re.compile(r"[?&#](?:id|itemId|item_id)=[0-9]{6,}", re.IGNORECASE)
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def page_charset(headers: Mapping[str, str]) -> str:
    """The text encoding a page's Content-Type names, when Python knows it; else UTF-8."""
    match = _CHARSET_RE.search(headers.get("content-type", ""))
    if match is not None:
        with contextlib.suppress(LookupError):
            return codecs.lookup(match.group(1)).name
    return "utf-8"


def classify_url(url: httpx.URL) -> tuple[ShortLinkOutcome, str | None] | None:
    """Where a redirect lands: an item (or Taobao), or None when the hop is to be followed."""
    host = url.host.lower().rstrip(".")
    if _is_xianyu_url(host, url.path):
        item_id = _xianyu_item_id(str(url))
        return (ShortLinkOutcome.RESOLVED, item_id) if item_id is not None else None
    if domain_in(host, _TAOBAO_DOMAINS):
        return ShortLinkOutcome.TAOBAO, None
    return None


def classify_page(page: str, *, from_shortener: bool) -> tuple[ShortLinkOutcome, str | None]:
    """A page's first Xianyu item URL; else a Taobao item URL means Taobao; else the shortener's own page
    that leads to no Xianyu page is an expired or unknown code."""
    for old, new in _UNESCAPES:
        page = page.replace(old, new)
    leads_to_xianyu = taobao_item = False
    for n, match in enumerate(_PAGE_URL_RE.finditer(page)):
        if n >= MAX_URLS_IN_PAGE:
            break
        text = match.group()
        for old, new in _AMP_UNESCAPES:
            text = text.replace(old, new)
        text = "https:" + text if text.startswith("//") else text
        try:
            url = httpx.URL(text)
        except (httpx.InvalidURL, ValueError):
            continue
        host = url.host.lower().rstrip(".")
        if _is_xianyu_url(host, url.path):
            if (item_id := _xianyu_item_id(text)) is not None:
                return ShortLinkOutcome.RESOLVED, item_id
            leads_to_xianyu = leads_to_xianyu or host != _IDLEFISH_MARKET_HOST
        elif domain_in(host, _TAOBAO_DOMAINS) and _TAOBAO_ITEM_ID_RE.search(text):
            taobao_item = True
    if taobao_item:
        return ShortLinkOutcome.TAOBAO, None
    if from_shortener and not leads_to_xianyu:
        return ShortLinkOutcome.EXPIRED, None
    return ShortLinkOutcome.NO_ITEM, None


def _is_xianyu_url(host: str, path: str) -> bool:
    return is_xianyu_host(host) or (host == _IDLEFISH_MARKET_HOST and "idlefish" in path.lower())


def _xianyu_item_id(url: str) -> str | None:
    ids = extract_item_ids(url).ids
    return ids[0] if len(ids) == 1 else None


def domain_in(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)
