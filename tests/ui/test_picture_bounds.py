"""Issue 12 item 5: a picture is measured from its header before it is decoded, bounded when decoded,
and the loader keeps decoded pictures within a byte budget. The real loader, TaskRunner and cache over
a hostile picture server on 127.0.0.1; memory measured as resident growth while the work runs."""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage, QImageReader

from tests.hostile import HostileServer, body, peak_rss_growth
from xianyu_desktop.core.net.netguard import Origin
from xianyu_desktop.core.web.pictures import ImageCache, ImageFetchError, Picture, PictureFormat
from xianyu_desktop.ui import images
from xianyu_desktop.ui.images import (
    MAX_PIXELS,
    MAX_SIDE,
    SCALED_SIDE,
    DecodeWords,
    ImageLoader,
    decode_picture,
    fitted,
)

WORDS = DecodeWords("不是有效的图片", "图片尺寸过大（%1），不予显示")
# 9000×7000 decodes to 252 MB; a refusal from the header costs a few pages of allocator noise.
RSS_BOUND = 32 * 1024 * 1024


def png(width: int, height: int, seed: int = 0) -> bytes:
    """A real PNG of black rows (tiny on disk: one zlib stream of zeros); ``seed`` makes each distinct."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    squeeze = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * width)
    pixels = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    text = chunk(b"tEXt", b"seed\0" + str(seed).encode())
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + text + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    return png(9000, 7000)


def encoded(image: QImage, fmt: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(buffer.data())


def test_a_9000_by_7000_png_is_refused_from_its_header(huge_png, monkeypatch):
    assert len(huge_png) < 300_000  # tiny on disk
    decoded: list[QImageReader] = []

    class NotingReader(QImageReader):
        def read(self) -> QImage:  # type: ignore[override]
            decoded.append(self)
            return super().read()

    monkeypatch.setattr(images, "QImageReader", NotingReader)
    with peak_rss_growth() as rss, pytest.raises(ImageFetchError, match="9000×7000"):
        decode_picture(Picture(huge_png, PictureFormat.PNG), WORDS)
    assert decoded == []  # measured from its header, never decoded
    assert rss[0] < RSS_BOUND, f"resident memory grew {rss[0] / 2**20:.1f} MB"


def test_a_picture_within_the_bounds_is_decoded_as_is():
    image = decode_picture(Picture(png(640, 480), PictureFormat.PNG), WORDS)
    assert (image.width(), image.height()) == (640, 480)


def test_a_big_jpeg_is_decoded_already_scaled_down():
    source = QImage(8000, 6000, QImage.Format.Format_Grayscale8)
    source.fill(128)
    data = encoded(source, "JPEG")
    del source
    with peak_rss_growth() as rss:
        image = decode_picture(Picture(data, PictureFormat.JPEG), WORDS)
    assert max(image.width(), image.height()) == SCALED_SIDE
    assert image.width() * image.height() <= MAX_PIXELS and image.width() <= MAX_SIDE
    # full size would be 8000×6000×4 = 183 MB; libjpeg decodes at a quarter scale instead
    assert rss[0] < 64 * 1024 * 1024, f"resident memory grew {rss[0] / 2**20:.1f} MB"
    print(f"8000×6000 JPEG decoded to {image.width()}×{image.height()}: resident growth {rss[0] / 2**20:.1f} MB")


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, PictureFormat.PNG), (b"GIF89a" + b"\xff" * 10, PictureFormat.GIF)],
)
def test_a_broken_picture_is_a_plain_message(data, fmt):
    with pytest.raises(ImageFetchError, match="不是有效的图片"):
        decode_picture(Picture(data, fmt), WORDS)


def loader_for(server: HostileServer, folder, http, runner, **kwargs) -> ImageLoader:
    allowance = frozenset({Origin("127.0.0.1", server.port)})
    return ImageLoader(ImageCache(folder, http, allowance=lambda: allowance), runner, **kwargs)


def collect(qtbot, loader: ImageLoader, urls: list[str]) -> tuple[dict[str, QImage], dict[str, str]]:
    loaded: dict[str, QImage] = {}
    failed: dict[str, str] = {}
    loader.loaded.connect(lambda url, image: loaded.__setitem__(url, image))
    loader.failed.connect(lambda url, message: failed.__setitem__(url, message))
    for url in urls:
        loader.request(url)
    qtbot.waitUntil(lambda: len(loaded) + len(failed) == len(urls), timeout=30_000)
    return loaded, failed


def test_twelve_huge_pictures_keep_memory_bounded(qtbot, tmp_path, runner, http, huge_png):
    routes = {f"/huge/{n}.png": body(huge_png, "image/png") for n in range(12)}
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        urls = [server.url(path) for path in routes]
        with peak_rss_growth() as rss:
            loaded, failed = collect(qtbot, loader, urls)
    assert loaded == {}
    assert set(failed) == set(urls)
    assert all("图片尺寸过大（9000×7000）" in message for message in failed.values())
    assert loader.held_bytes == 0
    # twelve decoded in full took 2.95 GB before the fix
    assert rss[0] < 64 * 1024 * 1024, f"resident memory grew {rss[0] / 2**20:.1f} MB"
    print(f"twelve 9000×7000 PNGs: resident growth {rss[0] / 2**20:.1f} MB")


def test_svg_and_bmp_are_refused_by_the_loader(qtbot, tmp_path, runner, http):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/hostname"/></svg>'
    bmp = encoded(QImage(4, 4, QImage.Format.Format_RGB32), "BMP")
    routes = {"/a.png": body(svg, "image/png"), "/b.png": body(bmp, "image/png")}
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        loaded, failed = collect(qtbot, loader, [server.url("/a.png"), server.url("/b.png")])
    assert loaded == {}
    assert all("不支持的图片格式" in message for message in failed.values()) and len(failed) == 2


def test_decoded_pictures_are_kept_within_a_byte_budget(qtbot, tmp_path, runner, http):
    routes = {f"/{n}.png": body(png(100, 100, n), "image/png") for n in range(5)}
    one = 100 * 100 * 4  # bytes of one decoded 100×100 picture (32 bits a pixel)
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner, budget=2 * one + one // 2)
        urls = [server.url(path) for path in routes]
        for url in urls:  # one at a time, so the order of use is known
            collect(qtbot, loader, [url])
        assert loader.held_bytes <= 2 * one + one // 2
    at_once: list[str] = []
    loader.loaded.connect(lambda url, image: at_once.append(url))
    for url in urls:
        loader.request(url)  # a picture kept in memory is handed over at once, the others load again
    assert at_once == urls[-2:]
    qtbot.waitUntil(lambda: len(at_once) == len(urls), timeout=10_000)


def test_pictures_are_fitted_off_the_gui_thread_in_a_few_tasks_and_failures_are_answered(
    qtbot, tmp_path, runner, http, monkeypatch
):
    """Issue 17: a selection asks for a dozen fitted pictures; they are scaled on the pool (a smooth scale
    of a big picture takes longer than a frame), started together in at most SCALED_TASKS tasks, and
    each is answered: fitted, or failed in plain words."""
    routes = {f"/{n}.png": body(png(640, 320, n), "image/png") for n in range(8)}
    routes["/broken.png"] = body(b"\x89PNG\r\n\x1a\nnot a picture", "image/png")
    started = []
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        original = runner.run
        monkeypatch.setattr(runner, "run", lambda work, **kw: started.append(work) or original(work, **kw))
        scaled: dict[tuple[str, int, int], QImage] = {}
        failed: dict[str, str] = {}
        loader.scaled.connect(lambda url, w, h, image: scaled.__setitem__((url, w, h), image))
        loader.failed.connect(lambda url, message: failed.__setitem__(url, message))
        urls = [server.url(f"/{n}.png") for n in range(8)]
        for url in urls:
            loader.request_scaled(url, 50, 50)
        loader.request_scaled(urls[0], 260, 260)
        loader.request_scaled(urls[0], 260, 260)  # asked twice: answered once
        loader.request_scaled(server.url("/broken.png"), 50, 50)
        loader.request_scaled(server.url("/small.png"), 50, 50)  # 404
        qtbot.waitUntil(lambda: len(scaled) + len(failed) == 11, timeout=30_000)
    assert len(started) == 3
    assert {key: (image.width(), image.height()) for key, image in scaled.items()} == {
        **{(url, 50, 50): (50, 25) for url in urls},
        (urls[0], 260, 260): (260, 130),
    }
    assert set(failed) == {server.url("/broken.png"), server.url("/small.png")}
    assert all(message and "Traceback" not in message for message in failed.values())
    at_once: list[QImage] = []
    loader.scaled.connect(lambda url, w, h, image: at_once.append(image))
    loader.request_scaled(urls[3], 50, 50)  # kept: handed over at once, no task
    assert len(at_once) == 1 and len(started) == 3


def test_a_small_picture_is_never_enlarged():
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    assert fitted(image, 50, 50) is image
    assert (fitted(image, 15, 50).width(), fitted(image, 15, 50).height()) == (15, 10)
