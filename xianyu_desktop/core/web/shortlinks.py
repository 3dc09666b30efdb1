"""Resolve the Xianyu app's share links (``https://m.tb.cn/h.CODE?tk=…``) to item ids.

Most links reach a seller as the app's share text copied on the phone. m.tb.cn is Taobao's shortener
for Taobao and Xianyu alike, and answers either with a redirect to the item or with a 200 page whose
JavaScript sends the browser there. So a resolution follows redirects by hand and, on a page, looks
for the Xianyu item URL in its text. Each link ends in one outcome: resolved (to an id), landed on
Taobao or Tmall (not Xianyu), expired or unknown code (the shortener's own page leads to no item),
no item in the page it leads to, a target the resolver does not follow (another site, plain http),
or a network failure.

Safety, because the link is a stranger's and the HTTP client is the app's shared one: no cookie or
credential is sent and none is kept; only https (plain http only to loopback and only with
``allow_loopback_http``, the gateway's rule in ``config.py``); only hosts of the Taobao family are asked
(``m.tb.cn``, ``*.taobao.com``, ``*.tmall.com``, ``*.goofish.com``), a redirect elsewhere is reported,
not followed; every hop's name is resolved and each of its addresses checked by ``netguard`` before
anything is sent (no loopback, private, link-local or cloud metadata address, so a Taobao-family name
pointed at 10.0.0.1 is refused like a redirect to 127.0.0.1), and the request goes to the checked
address itself (no second lookup to rebind); a page is read up to 512 KB (a bigger one is refused), and
the whole chain of hops ends within 10 s. The gateway is never called, so no quota is spent.

Demo mode and tests map the shortener's host onto the sandbox's stand-in with ``route`` (host → base
URL): the checks above still apply to the link as pasted, the mapping only changes where it is sent,
and a loopback stand-in is the one origin the address check lets through (``allow_loopback_http``).

Resolutions are kept in the disposable cache database: a resolved link or a Taobao landing for
30 days (a share code always names the same item), an expired code or an empty page for an hour,
a network failure not at all.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import httpx

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.items.links import REASON_SHORT_LINK, Extraction, LinkProblem
from xianyu_desktop.core.net.bounded import BoundedAnswer, Deadline, TooLarge, TooSlow, fetch_bounded
from xianyu_desktop.core.net.netguard import (
    AddressRefused,
    Origin,
    Resolver,
    UrlGuard,
    is_loopback_host,
    system_resolver,
)
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.web.shortlink_landing import (
    FOLLOWED_DOMAINS,
    REDIRECT_STATUSES,
    SHORT_DOMAINS,
    ShortLinkOutcome,
    classify_page,
    classify_url,
    domain_in,
    page_charset,
)

log = logging.getLogger(__name__)

SHORT_LINK_HOST = "m.tb.cn"
ENV_SHORT_LINK_SERVER = "XIANYU_SHORT_LINK_SERVER"
MAX_HOPS = 5
MAX_PAGE_BYTES = 512 * 1024
PAGE_SECONDS = 10.0
RESOLVED_LIFETIME = 30 * 86_400.0
FAILED_LIFETIME = 3_600.0
# Details that are words, not data (data: "HTTP 404", a host): the core words them in Chinese, a UI in its own.
DETAIL_TIMEOUT = "timeout"
DETAIL_SLOW_PAGE = "slow_page"
DETAIL_TOO_MANY_REDIRECTS = "too_many_redirects"
DETAIL_BAD_REDIRECT = "bad_redirect"
DETAIL_PRIVATE_ADDRESS = "private_address"
DETAIL_PAGE_TOO_LARGE = "page_too_large"
DETAIL_NAME_UNRESOLVED = "name_unresolved"
_DETAIL_WORDS = {
    DETAIL_TIMEOUT: "超时",
    DETAIL_SLOW_PAGE: "页面读取超时",
    DETAIL_TOO_MANY_REDIRECTS: "跳转次数过多",
    DETAIL_BAD_REDIRECT: "跳转地址无效",
    DETAIL_PRIVATE_ADDRESS: "地址指向本机、内网或云服务器元数据地址",
    DETAIL_PAGE_TOO_LARGE: "页面过大",
    DETAIL_NAME_UNRESOLVED: "无法解析域名",
}


# The problem reasons a failed resolution reports (LinkProblem.reason, the CLI's first column).
REASON_SHORT_TAOBAO = "short_link_taobao"
REASON_SHORT_EXPIRED = "short_link_expired"
REASON_SHORT_NO_ITEM = "short_link_no_item"
REASON_SHORT_NOT_FOLLOWED = "short_link_not_followed"
REASON_SHORT_NETWORK = "short_link_network"
_REASONS = {
    ShortLinkOutcome.TAOBAO: REASON_SHORT_TAOBAO,
    ShortLinkOutcome.EXPIRED: REASON_SHORT_EXPIRED,
    ShortLinkOutcome.NO_ITEM: REASON_SHORT_NO_ITEM,
    ShortLinkOutcome.NOT_FOLLOWED: REASON_SHORT_NOT_FOLLOWED,
    ShortLinkOutcome.NETWORK: REASON_SHORT_NETWORK,
}
_MESSAGES = {
    ShortLinkOutcome.TAOBAO: "短链接打开的是淘宝或天猫的页面，不是闲鱼商品",
    ShortLinkOutcome.EXPIRED: "短链接已失效或不存在，请在闲鱼 App 里重新分享",
    ShortLinkOutcome.NO_ITEM: "短链接打开的页面里没有闲鱼商品",
    ShortLinkOutcome.NOT_FOLLOWED: "短链接跳转到闲鱼和淘宝以外的地址，没有继续打开",
    ShortLinkOutcome.NETWORK: "无法从短链接服务器得到回答，请检查网络后再试",
}


@dataclass(frozen=True, slots=True)
class ShortLinkResolution:
    """What one short link led to. ``detail`` is the variable part of the sentence: an HTTP status, the
    host not followed, a DETAIL_ word; ``cached`` says the answer came from the cache, without a request."""

    url: str
    outcome: ShortLinkOutcome
    item_id: str | None = None
    detail: str = ""
    cached: bool = False

    @property
    def reason(self) -> str:
        return _REASONS.get(self.outcome, "")

    @property
    def message(self) -> str:
        if self.outcome is ShortLinkOutcome.RESOLVED:
            return f"短链接指向商品 {self.item_id}"
        text = _MESSAGES[self.outcome]
        detail = _DETAIL_WORDS.get(self.detail, self.detail)
        return f"{text}（{detail}）" if detail else text


def short_link_key(url: str) -> str:
    """host + path: the share code. The ``tk`` and other parameters differ per share, not per item."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, ValueError):
        return text
    return f"{parsed.host.lower().rstrip('.')}{parsed.path}"


class ShortLinkCache:
    """Resolutions in the disposable cache database (its ``short_links`` table)."""

    def __init__(self, cache: ItemCache, *, clock: Callable[[], float] = time.time) -> None:
        self._cache = cache  # its database may be rebuilt when damaged: looked up at each use
        self._clock = clock

    def get(self, url: str) -> ShortLinkResolution | None:
        row = (
            self._cache.db.connection()
            .execute(
                "SELECT resolved_at, outcome, item_id, detail FROM short_links WHERE code = ?", (short_link_key(url),)
            )
            .fetchone()
        )
        if row is None:
            return None
        resolved_at, outcome_text, item_id, detail = row
        try:
            outcome = ShortLinkOutcome(outcome_text)
        except ValueError:
            return None
        age = self._clock() - resolved_at
        if not 0 <= age <= _lifetime(outcome):
            return None
        return ShortLinkResolution(url, outcome, item_id, detail, cached=True)

    def put(self, resolution: ShortLinkResolution) -> None:
        if _lifetime(resolution.outcome) <= 0:
            return
        now = self._clock()
        with self._cache.db.write() as conn:
            conn.execute(
                "INSERT INTO short_links (code, resolved_at, outcome, item_id, detail) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (code) DO UPDATE SET resolved_at = excluded.resolved_at,"
                " outcome = excluded.outcome, item_id = excluded.item_id, detail = excluded.detail",
                (short_link_key(resolution.url), now, resolution.outcome.value, resolution.item_id, resolution.detail),
            )
            conn.execute("DELETE FROM short_links WHERE resolved_at < ?", (now - RESOLVED_LIFETIME,))


def _lifetime(outcome: ShortLinkOutcome) -> float:
    if outcome in (ShortLinkOutcome.RESOLVED, ShortLinkOutcome.TAOBAO):
        return RESOLVED_LIFETIME
    return 0.0 if outcome is ShortLinkOutcome.NETWORK else FAILED_LIFETIME


def validate_route(route: Mapping[str, str], *, allow_loopback_http: bool) -> dict[str, httpx.URL]:
    """host → base URL, checked: https, or http to loopback when allowed."""
    checked: dict[str, httpx.URL] = {}
    for host, base in route.items():
        try:
            url = httpx.URL(base)
        except (httpx.InvalidURL, ValueError):
            raise ConfigError(f"短链接服务器地址无效：{base!r}") from None
        if url.scheme == "http" and not (allow_loopback_http and is_loopback_host(url.host)):
            raise ConfigError(f"短链接服务器必须使用 https://（只有允许时本机地址才可用 http://），收到：{base!r}")
        if url.scheme not in ("http", "https") or not url.host:
            raise ConfigError(f"短链接服务器地址必须以 https:// 开头，收到：{base!r}")
        checked[host.lower()] = url
    return checked


def route_from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """``XIANYU_SHORT_LINK_SERVER`` sends m.tb.cn to a stand-in (a loopback sandbox), like XIANYU_GATEWAY."""
    server = environ.get(ENV_SHORT_LINK_SERVER, "").strip()
    return {SHORT_LINK_HOST: server} if server else {}


class ShortLinkResolver:
    """Thread-safe, like the client it uses: one per app, shared by the window's lookups."""

    def __init__(
        self,
        http: httpx.Client,
        cache: ShortLinkCache | None = None,
        *,
        route: Mapping[str, str] | None = None,
        allow_loopback_http: bool = False,
        max_hops: int = MAX_HOPS,
        page_bytes: int = MAX_PAGE_BYTES,
        page_seconds: float = PAGE_SECONDS,
        resolver: Resolver = system_resolver,
    ) -> None:
        """``page_seconds`` bounds a whole resolution, every hop included; ``resolver`` turns a name
        into its addresses (tests inject one, so a refusal is proven without a packet sent)."""
        self._http = http
        self._cache = cache
        self._route = validate_route(route or {}, allow_loopback_http=allow_loopback_http)
        # The stand-in's own origin, when it is on loopback, is the one local address a hop may reach.
        allowance = {Origin.of(base) for base in self._route.values() if is_loopback_host(base.host)}
        self._resolver = resolver
        self._guard = UrlGuard(
            allowance=allowance if allow_loopback_http else (), resolver=self._resolve_name, what="短链接"
        )
        self._max_hops = max_hops
        self._page_bytes = page_bytes
        self._page_seconds = page_seconds
        self.requests = 0  # sent so far, for tests and the log
        self._lock = threading.Lock()

    def resolve(self, url: str) -> ShortLinkResolution:
        """Never raises for what the network or the page does."""
        if self._cache is not None:
            try:
                if (hit := self._cache.get(url)) is not None:
                    return hit
            except (StoreError, sqlite3.Error) as exc:  # the cache is disposable: a miss, not a failed lookup
                log.warning("short-link cache unreadable: %s", exc)
        resolution = self._follow(url)
        if self._cache is not None:
            try:
                self._cache.put(resolution)
            except (StoreError, sqlite3.Error) as exc:
                log.warning("short-link cache not written: %s", exc)
        return resolution

    def resolve_all(
        self,
        urls: Iterable[str],
        *,
        cancel: threading.Event | None = None,
        on_each: Callable[[ShortLinkResolution], None] | None = None,
    ) -> list[ShortLinkResolution]:
        """Each share code once, in order; stops (with what it has) when ``cancel`` is set."""
        done: dict[str, ShortLinkResolution] = {}
        for url in urls:
            if cancel is not None and cancel.is_set():
                break
            key = short_link_key(url)
            if key not in done:
                done[key] = self.resolve(url)
                if on_each is not None:
                    on_each(done[key])
        return list(done.values())

    def _resolve_name(self, host: str, port: int) -> Sequence[str]:
        try:
            return self._resolver(host, port)
        except (OSError, UnicodeError):
            raise _NameUnresolved from None  # the network's trouble (tried again later), not a refusal

    def _follow(self, start: str) -> ShortLinkResolution:
        deadline = Deadline(self._page_seconds)  # one for the whole chain: five slow hops end like one
        try:
            url = httpx.URL(start if "://" in start else "https://" + start)
            if url.scheme == "http" and domain_in(url.host, SHORT_DOMAINS):
                url = url.copy_with(scheme="https")  # the shortener serves https; never ask it in the clear
            for _ in range(self._max_hops):
                if url.scheme != "https":
                    return ShortLinkResolution(
                        start, ShortLinkOutcome.NOT_FOLLOWED, detail=f"{url.scheme}://{url.host}"
                    )
                if not domain_in(url.host, FOLLOWED_DOMAINS):
                    return ShortLinkResolution(start, ShortLinkOutcome.NOT_FOLLOWED, detail=url.host)
                answer, page = self._get(url, deadline)
                location = answer.headers.get("location")
                if answer.status in REDIRECT_STATUSES and location:
                    url = url.join(location)
                    landing = classify_url(url)
                    if landing is not None:
                        outcome, item_id = landing
                        return ShortLinkResolution(start, outcome, item_id)
                    continue
                return self._answer(start, url, answer.status, page)
            return ShortLinkResolution(start, ShortLinkOutcome.NO_ITEM, detail=DETAIL_TOO_MANY_REDIRECTS)
        except AddressRefused as exc:
            log.warning("short link %s not followed: %s", short_link_key(start), exc)
            return ShortLinkResolution(start, ShortLinkOutcome.NOT_FOLLOWED, detail=DETAIL_PRIVATE_ADDRESS)
        except _NameUnresolved:
            return ShortLinkResolution(start, ShortLinkOutcome.NETWORK, detail=DETAIL_NAME_UNRESOLVED)
        except TooLarge:
            return ShortLinkResolution(start, ShortLinkOutcome.NO_ITEM, detail=DETAIL_PAGE_TOO_LARGE)
        except httpx.TimeoutException:
            return ShortLinkResolution(start, ShortLinkOutcome.NETWORK, detail=DETAIL_TIMEOUT)
        except TooSlow:
            return ShortLinkResolution(start, ShortLinkOutcome.NETWORK, detail=DETAIL_SLOW_PAGE)
        except httpx.HTTPError as exc:
            return ShortLinkResolution(start, ShortLinkOutcome.NETWORK, detail=type(exc).__name__)
        except (httpx.InvalidURL, ValueError):
            return ShortLinkResolution(start, ShortLinkOutcome.NO_ITEM, detail=DETAIL_BAD_REDIRECT)

    def _answer(self, start: str, url: httpx.URL, status: int, page: str) -> ShortLinkResolution:
        """A final answer (not a redirect): the page's item, or why there is none."""
        from_shortener = domain_in(url.host, SHORT_DOMAINS)
        if status == 200:
            outcome, item_id = classify_page(page, from_shortener=from_shortener)
            return ShortLinkResolution(start, outcome, item_id)
        if status in (404, 410) and from_shortener:
            return ShortLinkResolution(start, ShortLinkOutcome.EXPIRED, detail=f"HTTP {status}")
        if status == 429 or status >= 500:
            return ShortLinkResolution(start, ShortLinkOutcome.NETWORK, detail=f"HTTP {status}")
        return ShortLinkResolution(start, ShortLinkOutcome.NO_ITEM, detail=f"HTTP {status}")

    def _get(self, url: httpx.URL, deadline: Deadline) -> tuple[BoundedAnswer, str]:
        """One hop to the checked address of the link's host (or of its stand-in), sending no cookie or
        credential and keeping none (the client is shared); a 200 page's text. Raises AddressRefused
        before anything is sent, TooLarge / TooSlow past the bounds."""
        target = url
        base = self._route.get(url.host.lower())
        if base is not None:
            target = url.copy_with(scheme=base.scheme, host=base.host, port=base.port)
        pinned = self._guard.pin(str(target))
        # identity: the bound is on the bytes that arrive, not on what a small gzip body expands to
        headers = {**pinned.headers, "Accept": "text/html,*/*;q=0.5", "Accept-Encoding": "identity"}
        if base is not None:
            headers["Host"] = url.host  # the stand-in sees the host the link names
        jar = self._http.cookies.jar
        with self._lock:
            self.requests += 1
            before = {(c.domain, c.path, c.name) for c in jar}
        try:
            answer = fetch_bounded(
                self._http,
                "GET",
                pinned.url,
                headers=headers,
                extensions=pinned.extensions,
                max_bytes=self._page_bytes,
                deadline=deadline,
                anonymous=True,
            )
        finally:
            for cookie in list(jar):
                new = (cookie.domain, cookie.path, cookie.name) not in before
                if new and domain_in(pinned.url.host, (cookie.domain.lstrip("."),)):
                    with contextlib.suppress(KeyError):
                        jar.clear(cookie.domain, cookie.path, cookie.name)
        page = answer.body.decode(page_charset(answer.headers), errors="replace") if answer.status == 200 else ""
        return answer, page


class _NameUnresolved(Exception):
    pass


def merge_resolutions(extraction: Extraction, resolutions: Iterable[ShortLinkResolution]) -> Extraction:
    """The extraction with its short links replaced: resolved ids after the pasted ones, each failure a
    problem in place of the short link's "to be resolved"; links not (yet) resolved stay as they were."""
    by_key = {short_link_key(r.url): r for r in resolutions}
    ids = list(extraction.ids)
    seen = set(ids)
    for url in extraction.short_links:
        resolution = by_key.get(short_link_key(url))
        if resolution is not None and resolution.item_id is not None and resolution.item_id not in seen:
            seen.add(resolution.item_id)
            ids.append(resolution.item_id)
    problems: list[LinkProblem] = []
    for problem in extraction.problems:
        resolution = by_key.get(short_link_key(problem.text)) if problem.reason == REASON_SHORT_LINK else None
        if resolution is None:
            problems.append(problem)
        elif resolution.item_id is None:
            problems.append(replace(problem, reason=resolution.reason, message=resolution.message))
    pending = [url for url in extraction.short_links if short_link_key(url) not in by_key]
    return Extraction(ids=ids, problems=problems, short_links=pending, notes=extraction.notes)


def resolve_short_links(extraction: Extraction, resolver: ShortLinkResolver) -> Extraction:
    if not extraction.short_links:
        return extraction
    return merge_resolutions(extraction, resolver.resolve_all(extraction.short_links))
