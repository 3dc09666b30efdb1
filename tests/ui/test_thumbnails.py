"""ImageLoader.request_scaled (a thumbnail): fetched, decoded and scaled on a worker (the GUI thread only makes the
small QPixmap), kept once made, refused in plain words like a full picture. The real loader, TaskRunner
and cache over a picture server on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

from PySide6.QtGui import QImage

from tests.hostile import Behaviour, HostileServer, body
from tests.ui.test_picture_bounds import loader_for, png


def counted(behaviour: Behaviour, hits: list[int]) -> Behaviour:
    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        hits.append(1)
        behaviour(handler, stop)

    return serve


def test_a_thumbnail_is_scaled_on_the_worker_and_kept(qtbot, tmp_path, runner, http):
    hits: list[int] = []
    routes = {
        "/wide.png": counted(body(png(640, 480), "image/png"), hits),
        "/huge.png": body(png(9000, 7000), "image/png"),
    }
    with HostileServer(routes) as server:
        loader = loader_for(server, tmp_path, http, runner)
        thumbs: dict[str, QImage] = {}
        failed: dict[str, str] = {}
        loader.scaled.connect(lambda url, w, h, image: thumbs.__setitem__(url, image))
        loader.failed.connect(lambda url, message: failed.__setitem__(url, message))
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
