"""ImageLoader.request_scaled (a thumbnail): fetched, decoded and scaled on a worker (the GUI thread only makes the
small QPixmap), kept once made, refused in plain words like a full picture. The real loader, TaskRunner
and cache over a picture server on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

import pytest
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from tests.hostile import Behaviour, HostileServer, body
from tests.ui.test_picture_bounds import encoded, loader_for, png
from xianyu_desktop.ui.images import ImageLoader, decode_counts


def counted(behaviour: Behaviour, hits: list[int]) -> Behaviour:
    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        hits.append(1)
        behaviour(handler, stop)

    return serve


def answers(loader: ImageLoader) -> tuple[dict[str, QImage], dict[str, str]]:
    """The pictures the loader fitted and the failures it answered, by address, as they come."""
    fitted: dict[str, QImage] = {}
    failed: dict[str, str] = {}
    loader.scaled.connect(lambda url, w, h, image: fitted.__setitem__(url, image))
    loader.failed.connect(lambda url, message: failed.__setitem__(url, message))
    return fitted, failed


def test_a_thumbnail_is_scaled_on_the_worker_and_kept(qtbot, tmp_path, runner, http):
    hits: list[int] = []
    routes = {
        "/wide.png": counted(body(png(640, 480), "image/png"), hits),
        "/huge.png": body(png(9000, 7000), "image/png"),
    }
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        thumbs, failed = answers(loader)
        wide, huge = server.url("/wide.png"), server.url("/huge.png")
        loader.request_scaled(wide, 40, 40)
        loader.request_scaled(wide, 40, 40)  # asked twice while on its way: one task
        loader.request_scaled(huge, 40, 40)
        qtbot.waitUntil(lambda: wide in thumbs and huge in failed, timeout=20_000)
    assert (thumbs[wide].width(), thumbs[wide].height()) == (40, 30)
    assert "图片尺寸过大（9000×7000）" in failed[huge] and huge not in thumbs
    assert len(hits) == 1
    assert loader.held_bytes == 0  # the full picture is not kept for a thumbnail
    thumbs.clear()
    loader.request_scaled(wide, 40, 40)
    assert (thumbs[wide].width(), thumbs[wide].height()) == (40, 30)  # at once, from memory


def jpeg(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor("orange"))
    gradient.setColorAt(1, QColor("navy"))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    return encoded(image, "JPEG")


# libjpeg's own words on Qt's log, for the broken one
@pytest.mark.qt_log_ignore("JPEG datastream contains no image", "Corrupt JPEG data")
def test_a_big_jpeg_is_decoded_at_the_size_shown_and_a_small_one_never_enlarged(qtbot, tmp_path, runner, http):
    routes = {
        "/big.jpg": body(jpeg(1600, 1600), "image/jpeg"),
        "/wide.jpg": body(jpeg(1600, 800), "image/jpeg"),
        "/small.jpg": body(jpeg(120, 90), "image/jpeg"),
        "/broken.jpg": body(b"\xff\xd8\xff\xe0" + b"\0" * 200, "image/jpeg"),
    }
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        shown, failed = answers(loader)
        big, wide, small, broken = (server.url(f"/{name}.jpg") for name in ("big", "wide", "small", "broken"))
        full, scaled = decode_counts.full, decode_counts.scaled
        for url in (big, wide, small, broken):
            loader.request_scaled(url, 260, 260)
        qtbot.waitUntil(lambda: len(shown) + len(failed) == 4, timeout=20_000)
        assert (shown[big].width(), shown[big].height()) == (260, 260)
        assert (shown[wide].width(), shown[wide].height()) == (260, 130)
        assert (shown[small].width(), shown[small].height()) == (120, 90)  # never enlarged
        assert failed == {broken: "不是有效的图片"}
        # the two big ones came out of the reader already scaled, the small one at its own size
        assert (decode_counts.scaled - scaled, decode_counts.full - full) == (2, 1)

        loaded: dict[str, QImage] = {}
        loader.loaded.connect(lambda url, image: loaded.__setitem__(url, image))
        loader.request(big)  # the full-size path decodes full size still
        qtbot.waitUntil(lambda: big in loaded, timeout=20_000)
    assert (loaded[big].width(), loaded[big].height()) == (1600, 1600)
    assert loaded[big].pixelColor(0, 0).red() > 200  # the picture itself, not a blank
    assert shown[big].pixelColor(0, 0).red() > 200 and shown[big].pixelColor(259, 259).blue() > 90
