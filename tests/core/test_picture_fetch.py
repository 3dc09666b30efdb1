"""Issue 12 items 5 and 7 (pictures, core half): where a picture URL may lead, and what a download may be.

Refusals of private and metadata addresses are checked with an injected resolver and a transport that
fail the test if reached, so a broken refusal fails here without a packet leaving the machine. The
bounds and the format sniffing run against a hostile picture server on 127.0.0.1."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.hostile import HostileServer, body, elapsed, huge_chunked, huge_with_length, trickle
from xianyu_desktop.core.net.netguard import AddressRefused, Origin, UrlGuard, loopback_allowance
from xianyu_desktop.core.web.pictures import ImageCache, ImageFetchError, PictureFormat, sniff_format

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
BMP = b"BM" + b"\0" * 60


def refusing_transport() -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        pytest.fail(f"a request was sent to {request.url.host}")

    return httpx.MockTransport(handler)


def no_resolution(host: str, port: int) -> list[str]:
    pytest.fail(f"{host} was resolved: an IP literal needs no lookup")


def resolving(table: dict[str, list[str]]):
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "https://"),
        ("https://169.254.169.254/latest/meta-data/", "元数据"),
        ("https://100.100.100.200/latest/meta-data/", "元数据"),
        ("https://10.0.0.1/x.png", "内网"),
        ("https://192.168.1.1/x.png", "内网"),
        ("https://127.0.0.1/x.png", "本机"),
        ("https://127.0.0.1:8443/x.png", "本机"),
        ("https://[::1]/x.png", "本机"),
        ("https://[::ffff:127.0.0.1]/x.png", "本机"),
        ("https://[fe80::1]/x.png", "链路本地"),
        ("https://224.0.0.1/x.png", "组播"),
        ("https://0.0.0.0/x.png", "未指定"),
        ("https://240.0.0.1/x.png", "保留"),
        ("file:///etc/passwd", "https://"),
        ("//attacker.invalid/share/x.png", "https://"),
    ],
)
def test_private_and_metadata_addresses_are_refused_before_any_connection(tmp_path, url, reason):
    cache = ImageCache(tmp_path, httpx.Client(transport=refusing_transport()), resolver=no_resolution)
    with pytest.raises(ImageFetchError) as raised:
        cache.get(url)
    assert reason in str(raised.value)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "addresses",
    [["10.20.30.40"], ["192.168.0.7"], ["127.0.0.1"], ["::1"], ["93.184.216.34", "10.0.0.1"], ["169.254.169.254"]],
)
def test_a_name_is_checked_on_every_address_it_resolves_to(tmp_path, addresses):
    resolver = resolving({"pics.example.test": addresses})
    cache = ImageCache(tmp_path, httpx.Client(transport=refusing_transport()), resolver=resolver)
    with pytest.raises(ImageFetchError, match=r"pics\.example\.test"):
        cache.get("https://pics.example.test/a.png")
    assert resolver.calls == ["pics.example.test"]


def test_the_allowance_is_the_gateway_origin_only(tmp_path):
    allowance = loopback_allowance("http://127.0.0.1:8123/router/rest")
    assert allowance == {Origin("127.0.0.1", 8123)}
    assert loopback_allowance("https://gw.api.taobao.com/router/rest") == frozenset()
    assert loopback_allowance(None) == frozenset()
    cache = ImageCache(
        tmp_path, httpx.Client(transport=refusing_transport()), allowance=lambda: allowance, resolver=no_resolution
    )
    for other in ("http://127.0.0.1:8124/x.png", "http://127.0.0.2:8123/x.png", "http://10.0.0.1:8123/x.png"):
        with pytest.raises(ImageFetchError):
            cache.get(other)
    pinned = UrlGuard(allowance=allowance, resolver=no_resolution).pin("http://127.0.0.1:8123/img/1.png")
    assert str(pinned.url) == "http://127.0.0.1:8123/img/1.png"


def test_the_request_goes_to_the_checked_address_so_a_rebind_cannot_slip_through(tmp_path):
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])  # a rebinding name: public first, loopback next
    seen: list[httpx.Request] = []

    def resolve(host: str, port: int) -> list[str]:
        return next(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=PNG_1PX)

    cache = ImageCache(tmp_path, httpx.Client(transport=httpx.MockTransport(handler)), resolver=resolve)
    picture = cache.get("https://rebind.example.test/a.png")
    assert picture.format is PictureFormat.PNG
    (request,) = seen
    assert request.url.host == "93.184.216.34"  # the checked address, not a second lookup
    assert request.headers["host"] == "rebind.example.test"
    assert request.extensions["sni_hostname"] == "rebind.example.test"  # the certificate is checked for the name


def test_a_name_that_does_not_resolve_is_a_plain_message(tmp_path):
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    cache = ImageCache(tmp_path, httpx.Client(transport=refusing_transport()), resolver=fail)
    with pytest.raises(ImageFetchError, match="无法解析"):
        cache.get("https://nowhere.example.test/a.png")


def test_formats_are_recognised_by_content_only():
    assert sniff_format(PNG_1PX) is PictureFormat.PNG
    assert sniff_format(b"\xff\xd8\xff\xe0rest") is PictureFormat.JPEG
    assert sniff_format(b"GIF89a...") is PictureFormat.GIF
    assert sniff_format(b"RIFF\0\0\0\0WEBPVP8 ") is PictureFormat.WEBP
    for other in (SVG, BMP, b"<html>", b"", b"RIFF\0\0\0\0WAVE"):
        assert sniff_format(other) is None


@pytest.fixture
def picture_server():
    routes = {
        "/ok.png": body(PNG_1PX, "image/png"),
        "/svg.png": body(SVG, "image/png"),  # the Content-Type lies: the content decides
        "/bmp.png": body(BMP, "image/png"),
        "/big.png": huge_with_length(9 * 1024 * 1024),
        "/big-chunked.png": huge_chunked(200 * 1024 * 1024),
        "/slow.png": trickle(0.02),
    }
    with HostileServer(routes) as running:
        yield running


@pytest.fixture
def http():
    with httpx.Client() as client:
        yield client


def loopback_cache(folder, server, http, **kwargs) -> ImageCache:
    allowance = frozenset({Origin("127.0.0.1", server.port)})
    return ImageCache(folder, http, allowance=lambda: allowance, **kwargs)


def test_only_png_jpeg_webp_gif_are_kept(tmp_path, picture_server, http):
    cache = loopback_cache(tmp_path, picture_server, http)
    assert cache.get(picture_server.url("/ok.png")).data == PNG_1PX
    for path in ("/svg.png", "/bmp.png"):
        with pytest.raises(ImageFetchError, match="不支持的图片格式"):
            cache.get(picture_server.url(path))
        assert not cache.path_for(picture_server.url(path)).exists()


def test_a_picture_cached_in_another_format_is_dropped(tmp_path, picture_server, http):
    cache = loopback_cache(tmp_path, picture_server, http)
    url = picture_server.url("/ok.png")
    cache.path_for(url).write_bytes(SVG)  # left by a version that kept any format
    assert cache.get(url).data == PNG_1PX
    assert cache.path_for(url).read_bytes() == PNG_1PX


@pytest.mark.parametrize("path", ["/big.png", "/big-chunked.png"])
def test_downloads_are_capped_at_8_mb(tmp_path, picture_server, http, path):
    cache = loopback_cache(tmp_path, picture_server, http)
    with pytest.raises(ImageFetchError, match="图片太大（超过 8 MB）"):
        cache.get(picture_server.url(path))


def test_a_download_that_never_ends_stops_at_its_deadline(tmp_path, picture_server, http):
    cache = loopback_cache(tmp_path, picture_server, http, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(ImageFetchError, match="图片下载超时"):
        cache.get(picture_server.url("/slow.png"))
    assert elapsed(started) < 2.0


def test_a_pinned_guard_refuses_without_an_allowance():
    with pytest.raises(AddressRefused, match="https://"):
        UrlGuard(resolver=no_resolution).pin("http://127.0.0.1:8123/x.png")


def test_a_fetch_after_the_client_closed_fails_as_a_picture_not_as_a_bug(tmp_path, picture_server, http):
    # The window closes the profile's client once its tasks are done or 5 s have passed: a fetch still
    # on its way then fails as one picture does, never as a program error.
    cache = loopback_cache(tmp_path, picture_server, http)
    http.close()
    with pytest.raises(ImageFetchError, match="程序正在关闭"):
        cache.get(picture_server.url("/ok.png"))
    assert picture_server.requests == []
