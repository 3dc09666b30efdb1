"""ShortLinkResolver over real loopback HTTP: every outcome, the safety rules, bounded pages, the cache."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.items.links import REASON_NOT_XIANYU, REASON_SHORT_LINK, canonical_item_url, extract_item_ids
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.web.shortlinks import (
    DETAIL_NAME_UNRESOLVED,
    DETAIL_PAGE_TOO_LARGE,
    DETAIL_PRIVATE_ADDRESS,
    FAILED_LIFETIME,
    REASON_SHORT_EXPIRED,
    REASON_SHORT_NETWORK,
    REASON_SHORT_TAOBAO,
    RESOLVED_LIFETIME,
    ShortLinkCache,
    ShortLinkOutcome,
    ShortLinkResolution,
    ShortLinkResolver,
    merge_resolutions,
    resolve_short_links,
    short_link_key,
)
from xianyu_desktop.sandbox.server import SandboxGateway

ID = "698765432109876543"
ID12 = "123456789012"
ID13 = "1234567890123"
PAD = b"<!-- " + b"x" * 1000 + b" -->\n"

JS_PAGE = (
    "<html><script>var url = 'https:\\/\\/h5.m.goofish.com\\/item?id=" + ID13 + "&amp;ut_sk=1';"
    "location.replace(url);</script></html>"
).encode()
EXPIRED_PAGE = b'<html><p>\xe9\x93\xbe\xe6\x8e\xa5\xe5\xb7\xb2\xe5\xa4\xb1\xe6\x95\x88</p><a href="https://m.taobao.com/">home</a></html>'
SHOP_PAGE = b"<script>var url = 'https://www.goofish.com/personal?userId=2123456789';</script>"
TAOBAO_PAGE = b"<script>var url = '//item.taobao.com/item.htm?id=680000000001';</script>"


class _Handler(BaseHTTPRequestHandler):
    """Plays m.tb.cn and www.goofish.com (by the Host header); records every request."""

    protocol_version = "HTTP/1.1"
    requests: ClassVar[list[tuple[str, str, str | None]]] = []
    redirects: ClassVar[dict[str, tuple[int, str]]] = {
        "/h.goofish": (302, f"https://www.goofish.com/item?spm=share&id={ID}"),
        "/h.hop": (301, "/h.goofish?tk=again"),
        "/h.h5": (302, f"https://h5.m.goofish.com/item?itemId={ID13}"),
        "/h.taobao": (302, f"https://item.taobao.com/item.htm?id={ID12}"),
        "/h.tmall": (302, f"https://detail.tmall.com/item.htm?id={ID12}"),
        "/h.elsewhere": (302, "https://evil.example.com/steal"),
        "/h.jd": (302, f"https://item.jd.com/{ID12}.html"),
        "/h.plain": (302, "http://m.tb.cn/h.goofish"),
        "/h.xianyu-page": (302, "https://www.goofish.com/landing"),
        "/h.loop": (302, "/h.loop"),
    }
    pages: ClassVar[dict[str, tuple[int, bytes]]] = {
        "/h.js": (200, JS_PAGE),
        "/h.expired": (200, EXPIRED_PAGE),
        "/h.gone": (404, b"not found"),
        "/h.shop": (200, SHOP_PAGE),
        "/h.taobao-page": (200, TAOBAO_PAGE),
        "/h.busy": (503, b"busy"),
        "/h.near": (200, PAD * 100 + JS_PAGE),
        "/landing": (200, b"<html>" + PAD * 3 + b"<a href='https://www.goofish.com/item?id=" + ID.encode() + b"'>"),
    }

    def do_GET(self) -> None:
        path = self.path.partition("?")[0]
        self.requests.append((self.headers.get("Host", ""), path, self.headers.get("Cookie")))
        if path in ("/h.huge", "/h.slow"):
            self._stream(path)
            return
        status, location = self.redirects.get(path, (0, ""))
        if path.startswith("/h.admin"):  # this very server, by its loopback address
            scheme = "http" if path == "/h.admin-http" else "https"
            status, location = 302, f"{scheme}://127.0.0.1:{self.server.server_address[1]}/internal-admin"
        if path.startswith("/h.step"):  # a chain of hops, each a little slow
            time.sleep(0.3)
            status, location = 302, f"/h.step{int(path[7:] or 0) + 1}"
        body = b""
        if not status:
            status, body = self.pages.get(path, (500, b""))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Set-Cookie", "tbsess=from-short-link; Path=/")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, path: str) -> None:
        """/h.huge: 600 KB of padding, then the item URL, then padding without end. /h.slow: a byte a beat."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            while True:
                piece = PAD * 64 if path == "/h.huge" else b" "
                if path == "/h.huge" and 600_000 <= sent < 600_000 + len(piece):
                    piece = JS_PAGE + piece
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
                if path == "/h.slow":
                    time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            type(self).stopped_after = sent
        self.close_connection = True

    stopped_after: ClassVar[int] = -1

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    _Handler.requests.clear()
    with make_http_client(timeout=5.0) as client:
        yield client


def resolver_for(http: httpx.Client, server: str, **kwargs: object) -> ShortLinkResolver:
    route = {"m.tb.cn": server, "www.goofish.com": server}
    return ShortLinkResolver(http, route=route, allow_loopback_http=True, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "outcome", "item_id"),
    [
        ("/h.goofish", ShortLinkOutcome.RESOLVED, ID),
        ("/h.hop", ShortLinkOutcome.RESOLVED, ID),
        ("/h.h5", ShortLinkOutcome.RESOLVED, ID13),
        ("/h.js", ShortLinkOutcome.RESOLVED, ID13),
        ("/h.near", ShortLinkOutcome.RESOLVED, ID13),
        ("/h.xianyu-page", ShortLinkOutcome.RESOLVED, ID),
        ("/h.taobao", ShortLinkOutcome.TAOBAO, None),
        ("/h.tmall", ShortLinkOutcome.TAOBAO, None),
        ("/h.taobao-page", ShortLinkOutcome.TAOBAO, None),
        ("/h.expired", ShortLinkOutcome.EXPIRED, None),
        ("/h.gone", ShortLinkOutcome.EXPIRED, None),
        ("/h.shop", ShortLinkOutcome.NO_ITEM, None),
        ("/h.loop", ShortLinkOutcome.NO_ITEM, None),
        ("/h.busy", ShortLinkOutcome.NETWORK, None),
    ],
)
def test_each_answer_of_the_shortener_has_its_outcome(
    http: httpx.Client, server: str, path: str, outcome: ShortLinkOutcome, item_id: str | None
) -> None:
    resolution = resolver_for(http, server).resolve(f"https://m.tb.cn{path}?tk=T1")
    assert (resolution.outcome, resolution.item_id) == (outcome, item_id)
    assert resolution.cached is False
    # Landings on an item or on Taobao are read from the Location, never fetched.
    asked = {host.partition(":")[0] for host, _, _ in _Handler.requests}
    assert asked == ({"m.tb.cn", "www.goofish.com"} if path == "/h.xianyu-page" else {"m.tb.cn"})


@pytest.mark.parametrize(("path", "detail"), [("/h.elsewhere", "evil.example.com"), ("/h.jd", "item.jd.com")])
def test_a_redirect_off_the_taobao_family_is_not_followed(
    http: httpx.Client, server: str, path: str, detail: str
) -> None:
    resolution = resolver_for(http, server).resolve(f"https://m.tb.cn{path}")
    assert resolution.outcome is ShortLinkOutcome.NOT_FOLLOWED
    assert resolution.detail == detail
    assert [p for _, p, _ in _Handler.requests] == [path]


def test_a_redirect_to_plain_http_is_not_followed(http: httpx.Client, server: str) -> None:
    resolution = resolver_for(http, server).resolve("https://m.tb.cn/h.plain")
    assert (resolution.outcome, resolution.detail) == (ShortLinkOutcome.NOT_FOLLOWED, "http://m.tb.cn")
    assert [p for _, p, _ in _Handler.requests] == ["/h.plain"]


# A public address of the shortener, for the injected resolver: no packet is sent (MockTransport).
PUBLIC = "140.205.94.189"


def test_a_pasted_http_short_link_is_asked_over_https(http: httpx.Client) -> None:
    seen: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["Host"]))
        return httpx.Response(302, headers={"Location": canonical_item_url(ID)})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        resolver = ShortLinkResolver(client, resolver=lambda host, port: [PUBLIC])
        assert resolver.resolve("http://m.tb.cn/h.abc?tk=1").item_id == ID
    # Sent over https to the address that was checked, naming the host (and, in TLS, its SNI).
    assert seen == [(f"https://{PUBLIC}/h.abc?tk=1", "m.tb.cn")]


class _Unreachable:
    """A transport that fails the test if a request reaches it; ``allowed`` lets the first hops through."""

    def __init__(self, allowed: dict[str, httpx.Response]) -> None:
        self.allowed = allowed
        self.sent: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.headers['Host']}{request.url.path}")
        answer = self.allowed.get(self.sent[-1])
        if answer is None:
            pytest.fail(f"a request reached {request.url} (Host {request.headers['Host']})")
        return answer


@pytest.mark.parametrize(
    ("start", "redirect", "addresses"),
    [
        ("https://m.tb.cn/h.ten", None, {"m.tb.cn": ["10.0.0.1"]}),
        ("https://m.tb.cn/h.meta", None, {"m.tb.cn": ["169.254.169.254"]}),
        ("https://m.tb.cn/h.mixed", None, {"m.tb.cn": [PUBLIC, "10.0.0.1"]}),
        ("https://m.tb.cn/h.hop", "https://intranet.goofish.com/landing", {"intranet.goofish.com": ["10.0.0.1"]}),
        ("https://m.tb.cn/h.hop", "https://s.tb.cn/h.meta", {"s.tb.cn": ["169.254.169.254"]}),
        ("https://m.tb.cn/h.hop", "https://admin.tb.cn/internal-admin", {"admin.tb.cn": ["127.0.0.1"]}),
        ("https://m.tb.cn/h.hop", "https://v6.goofish.com/x", {"v6.goofish.com": ["::ffff:192.168.1.1"]}),
    ],
    ids=["name-to-10.x", "name-to-metadata", "one-address-private", "hop-to-10.x", "hop-to-metadata",
         "hop-to-loopback", "hop-to-mapped-v6"],
)  # fmt: skip
def test_a_taobao_family_name_on_a_private_address_is_refused_before_any_connection(
    start: str, redirect: str | None, addresses: dict[str, list[str]]
) -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return addresses.get(host, [PUBLIC])

    first = httpx.Response(302, headers={"Location": redirect or "/"})
    transport = _Unreachable({"m.tb.cn/h.hop": first} if redirect else {})
    with httpx.Client(transport=httpx.MockTransport(transport)) as client:
        resolution = ShortLinkResolver(client, resolver=resolve).resolve(start)
    assert (resolution.outcome, resolution.detail) == (ShortLinkOutcome.NOT_FOLLOWED, DETAIL_PRIVATE_ADDRESS)
    assert "没有继续打开" in resolution.message and "内网" in resolution.message
    assert transport.sent == (["m.tb.cn/h.hop"] if redirect else [])
    assert asked[-1] == httpx.URL(redirect or start).host


def test_a_name_that_does_not_resolve_is_a_network_outcome_without_a_request() -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    transport = _Unreachable({})
    with httpx.Client(transport=httpx.MockTransport(transport)) as client:
        resolution = ShortLinkResolver(client, resolver=resolve).resolve("https://m.tb.cn/h.x")
    assert (resolution.outcome, resolution.detail) == (ShortLinkOutcome.NETWORK, DETAIL_NAME_UNRESOLVED)
    assert transport.sent == []


@pytest.mark.parametrize("path", ["/h.admin", "/h.admin-http"])
def test_a_redirect_to_a_loopback_admin_page_is_not_followed(http: httpx.Client, server: str, path: str) -> None:
    """The stand-in itself is on 127.0.0.1 and reachable through its route; a redirect naming 127.0.0.1 is
    not (it is not a Taobao-family host, and no hop but the routed one may reach a local address)."""
    resolution = resolver_for(http, server).resolve(f"https://m.tb.cn{path}")
    assert resolution.outcome is ShortLinkOutcome.NOT_FOLLOWED
    assert [p for _, p, _ in _Handler.requests] == [path]


def test_one_deadline_bounds_the_whole_chain_of_hops(http: httpx.Client, server: str) -> None:
    """Each hop answers in 0.3 s, under the 0.8 s bound; four of them together do not."""
    started = time.monotonic()
    resolution = resolver_for(http, server, page_seconds=0.8).resolve("https://m.tb.cn/h.step")
    assert (resolution.outcome, resolution.reason) == (ShortLinkOutcome.NETWORK, REASON_SHORT_NETWORK)
    assert time.monotonic() - started < 1.5
    assert 2 <= len(_Handler.requests) <= 3


def test_plain_http_is_refused_without_the_allowance(http: httpx.Client, server: str) -> None:
    with pytest.raises(ConfigError, match="https"):
        ShortLinkResolver(http, route={"m.tb.cn": server})
    # The allowance is for loopback only.
    with pytest.raises(ConfigError, match="https"):
        ShortLinkResolver(http, route={"m.tb.cn": "http://example.com:8080"}, allow_loopback_http=True)
    assert _Handler.requests == []


def test_a_huge_page_is_refused_at_the_bound(http: httpx.Client, server: str) -> None:
    started = time.monotonic()
    resolution = resolver_for(http, server).resolve("https://m.tb.cn/h.huge")
    # The page never ends: its reading stopped at 512 KB, the item URL after 600 KB never read.
    assert (resolution.outcome, resolution.detail) == (ShortLinkOutcome.NO_ITEM, DETAIL_PAGE_TOO_LARGE)
    assert "页面过大" in resolution.message
    assert time.monotonic() - started < 5
    near = resolver_for(http, server).resolve("https://m.tb.cn/h.near")  # 100 KB of padding first: read whole
    assert (near.outcome, near.item_id) == (ShortLinkOutcome.RESOLVED, ID13)


def test_a_page_that_drips_is_given_up_after_its_time(http: httpx.Client, server: str) -> None:
    started = time.monotonic()
    resolution = resolver_for(http, server, page_seconds=0.5).resolve("https://m.tb.cn/h.slow")
    assert (resolution.outcome, resolution.reason) == (ShortLinkOutcome.NETWORK, REASON_SHORT_NETWORK)
    assert time.monotonic() - started < 3


def test_no_cookie_is_sent_and_none_is_kept(http: httpx.Client, server: str) -> None:
    http.cookies.set("gateway_session", "secret")
    assert resolver_for(http, server).resolve("https://m.tb.cn/h.goofish").item_id == ID
    assert [cookie for _, _, cookie in _Handler.requests] == [None]
    assert {c.name for c in http.cookies.jar} == {"gateway_session"}


def test_connection_refused_is_a_network_outcome(http: httpx.Client) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    resolver = ShortLinkResolver(http, route={"m.tb.cn": f"http://127.0.0.1:{closed}"}, allow_loopback_http=True)
    resolution = resolver.resolve("https://m.tb.cn/h.goofish")
    assert resolution.outcome is ShortLinkOutcome.NETWORK
    assert "网络" in resolution.message


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_750_000_000.0)


@pytest.fixture
def short_cache(tmp_path, clock: FakeClock) -> Iterator[ShortLinkCache]:
    cache = ItemCache(tmp_path).open()
    yield ShortLinkCache(cache, clock=clock)
    cache.close()


def test_a_cached_resolution_is_answered_without_a_request(
    http: httpx.Client, server: str, short_cache: ShortLinkCache, clock: FakeClock
) -> None:
    first = resolver_for(http, server, cache=short_cache).resolve("https://m.tb.cn/h.goofish?tk=A")
    assert first == ShortLinkResolution("https://m.tb.cn/h.goofish?tk=A", ShortLinkOutcome.RESOLVED, ID)
    assert len(_Handler.requests) == 1
    clock.now += RESOLVED_LIFETIME - 60
    again = resolver_for(http, server, cache=short_cache)
    hit = again.resolve("m.tb.cn/h.goofish?tk=other-share")
    assert (hit.outcome, hit.item_id, hit.cached) == (ShortLinkOutcome.RESOLVED, ID, True)
    assert again.requests == 0 and len(_Handler.requests) == 1
    clock.now += 120
    assert again.resolve("https://m.tb.cn/h.goofish").cached is False
    assert len(_Handler.requests) == 2


def test_failures_are_cached_briefly_and_network_failures_not_at_all(
    http: httpx.Client, server: str, short_cache: ShortLinkCache, clock: FakeClock
) -> None:
    resolver = resolver_for(http, server, cache=short_cache)
    assert resolver.resolve("https://m.tb.cn/h.expired").outcome is ShortLinkOutcome.EXPIRED
    assert resolver.resolve("https://m.tb.cn/h.expired").cached is True
    clock.now += FAILED_LIFETIME + 1
    assert resolver.resolve("https://m.tb.cn/h.expired").cached is False
    resolver.resolve("https://m.tb.cn/h.busy")
    assert resolver.resolve("https://m.tb.cn/h.busy").cached is False
    assert [p for _, p, _ in _Handler.requests] == ["/h.expired", "/h.expired", "/h.busy", "/h.busy"]


def test_an_unusable_cache_is_a_miss_not_a_failure(http: httpx.Client, server: str, tmp_path) -> None:
    cache = ItemCache(tmp_path).open()
    with cache.db.write() as conn:
        conn.execute("DROP TABLE short_links")
    resolver = resolver_for(http, server, cache=ShortLinkCache(cache))
    assert resolver.resolve("https://m.tb.cn/h.goofish").item_id == ID
    assert resolver.resolve("https://m.tb.cn/h.goofish").cached is False
    cache.close()


def test_resolve_keeps_pasted_ids_first_and_asks_each_code_once(http: httpx.Client, server: str) -> None:
    text = "\n".join(
        [
            "https://m.tb.cn/h.h5?tk=1",
            canonical_item_url(ID12),
            "https://item.taobao.com/item.htm?id=1",
            "https://m.tb.cn/h.goofish?tk=2",
            "m.tb.cn/h.goofish?tk=3",
            "https://m.tb.cn/h.taobao",
            ID,
        ]
    )
    extraction = extract_item_ids(text)
    assert len(extraction.short_links) == 3
    result = resolve_short_links(extraction, resolver_for(http, server))
    assert result.ids == [ID12, ID, ID13]
    assert result.short_links == []
    assert [(p.text, p.reason) for p in result.problems] == [
        ("https://item.taobao.com/item.htm?id=1", REASON_NOT_XIANYU),
        ("https://m.tb.cn/h.taobao", REASON_SHORT_TAOBAO),
    ]
    assert [p for _, p, _ in _Handler.requests].count("/h.goofish") == 1


def test_merge_leaves_links_not_yet_resolved_pending() -> None:
    extraction = extract_item_ids("https://m.tb.cn/h.a https://m.tb.cn/h.b")
    merged = merge_resolutions(
        extraction, [ShortLinkResolution("https://m.tb.cn/h.a", ShortLinkOutcome.EXPIRED, detail="HTTP 404")]
    )
    assert merged.short_links == ["https://m.tb.cn/h.b"]
    assert [(p.reason, p.message) for p in merged.problems] == [
        (REASON_SHORT_EXPIRED, "短链接已失效或不存在，请在闲鱼 App 里重新分享（HTTP 404）"),
        (REASON_SHORT_LINK, extraction.problems[1].message),
    ]


def test_short_link_key_is_the_code_whatever_the_share_parameters() -> None:
    assert short_link_key("HTTPS://M.TB.CN/h.abc?tk=1") == short_link_key("m.tb.cn/h.abc?tk=2") == "m.tb.cn/h.abc"


# --- the sandbox's stand-in ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        ("AbCd12", ShortLinkOutcome.RESOLVED),
        ("js7QxK", ShortLinkOutcome.RESOLVED),
        ("tbQ1", ShortLinkOutcome.TAOBAO),
        ("ex9Z", ShortLinkOutcome.EXPIRED),
        ("shop1", ShortLinkOutcome.NO_ITEM),
    ],
)
def test_the_sandbox_stand_in_serves_each_case(
    http: httpx.Client, sandbox: SandboxGateway, code: str, outcome: ShortLinkOutcome
) -> None:
    resolver = ShortLinkResolver(http, route={"m.tb.cn": sandbox.base_url}, allow_loopback_http=True)
    resolution = resolver.resolve(f"https://m.tb.cn/h.{code}?tk=x")
    assert resolution.outcome is outcome
    if outcome is ShortLinkOutcome.RESOLVED:
        # Deterministic: the code picks one of the catalogue's demo items, the same each time.
        assert resolution.item_id in sandbox.state.catalogue.demo_ids(40)
        assert resolver.resolve(f"https://m.tb.cn/h.{code}").item_id == resolution.item_id
    assert sandbox.state.snapshot()["counts"].get("admitted", 0) == 0  # no gateway call, no quota
