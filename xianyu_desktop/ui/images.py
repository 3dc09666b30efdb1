"""Pictures loaded in the background: bytes from the disk-backed cache, decoded to QImage off the GUI
thread (QImage, unlike QPixmap, may be built in any thread), handed over by signal."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from xianyu_desktop.core.images import ImageCache, ImageFetchError, picture_format
from xianyu_desktop.ui.tasks import Report, TaskRunner


class ImageLoader(QObject):
    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, cache: ImageCache, runner: TaskRunner, parent: QObject | None = None, keep: int = 64) -> None:
        super().__init__(parent)
        self.cache = cache
        self.runner = runner
        self._memory: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._keep = keep

    def request(self, url: str) -> None:
        if not url:
            return
        if url in self._memory:
            self._memory.move_to_end(url)
            self.loaded.emit(url, self._memory[url])
            return
        if url in self._pending:
            return
        self._pending.add(url)
        not_an_image = self.tr("不是有效的图片")

        def work(report: Report, cancel: threading.Event) -> QImage:
            data = self.cache.get(url)
            kind = picture_format(data)
            if kind is None:  # never let Qt guess: SVG and friends are refused
                raise ImageFetchError(not_an_image)
            image = QImage.fromData(data, kind)
            if image.isNull():
                raise ImageFetchError(not_an_image)
            return image

        self.runner.run(
            work,
            on_done=lambda image: self._done(url, image),
            on_error=lambda exc: self._failed(url, exc),
        )

    def _done(self, url: str, image: Any) -> None:
        self._pending.discard(url)
        self._memory[url] = image
        while len(self._memory) > self._keep:
            self._memory.popitem(last=False)
        self.loaded.emit(url, image)

    def _failed(self, url: str, exc: BaseException) -> None:
        self._pending.discard(url)
        self.failed.emit(url, str(exc))
