"""Pictures loaded in the background: bytes from the disk-backed cache, decoded to QImage off the GUI
thread (QImage, unlike QPixmap, may be built in any thread), handed over by signal.

A 184 KB PNG can declare 9000×7000 pixels and decode to 252 MB, so the header is read first
(``QImageReader.size()`` decodes nothing) and the decoded picture is held to ``MAX_SIDE`` px a side and
``MAX_PIXELS`` (4096 px / 16 Mpx, at most 64 MB). A larger JPEG is decoded already scaled down by
libjpeg (to fit ``SCALED_SIDE``) when its source is not absurd (``MAX_SCALABLE_PIXELS``); Qt's PNG,
WebP and GIF readers can only decode full size and scale afterwards, so those are refused. Decoded
pictures are kept in memory within a byte budget (64 MB), least recently shown dropped first.

Thumbnails (``request_thumbnail``) are scaled on the worker too, so the GUI thread only turns a small
QImage into a QPixmap; the last ``THUMBNAILS_KEPT`` are kept (40 px a side: 6 KB each).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from xianyu_desktop.core.web.pictures import ImageCache, ImageFetchError, Picture
from xianyu_desktop.ui.tasks import Report, TaskRunner

MAX_SIDE = 4096
MAX_PIXELS = 16 * 1024 * 1024
SCALED_SIDE = 2048
MAX_SCALABLE_PIXELS = 100 * 1000 * 1000
MEMORY_BUDGET = 64 * 1024 * 1024
THUMBNAILS_KEPT = 2000


@dataclass(frozen=True, slots=True)
class DecodeWords:
    """The messages a worker may raise, translated on the GUI thread beforehand."""

    not_an_image: str
    too_big: str  # %1: width×height


def fits(size: QSize, max_side: int = MAX_SIDE, max_pixels: int = MAX_PIXELS) -> bool:
    return size.width() <= max_side and size.height() <= max_side and size.width() * size.height() <= max_pixels


def decode_picture(
    picture: Picture,
    words: DecodeWords,
    *,
    max_side: int = MAX_SIDE,
    max_pixels: int = MAX_PIXELS,
    scaled_side: int = SCALED_SIDE,
) -> QImage:
    """The decoded picture within the bounds, or ImageFetchError; never decodes past them."""
    buffer = QBuffer()
    buffer.setData(QByteArray(picture.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, picture.format.value.encode("ascii"))
    reader.setDecideFormatFromContent(False)  # only the format we sniffed: never SVG or another plugin
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise ImageFetchError(words.not_an_image)
    if not fits(size, max_side, max_pixels):
        scalable = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
        if not scalable or size.width() * size.height() > MAX_SCALABLE_PIXELS:
            raise ImageFetchError(words.too_big.replace("%1", f"{size.width()}×{size.height()}"))
        side = min(scaled_side, max_side)
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    if image.isNull() or not fits(image.size(), max_side, max_pixels):
        raise ImageFetchError(words.not_an_image)
    return image


def thumbnail_of(image: QImage, side: int) -> QImage:
    """The picture fitted into a ``side`` px square, smoothly (any thread)."""
    return image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ImageLoader(QObject):
    loaded = Signal(str, QImage)
    failed = Signal(str, str)
    thumbnail_loaded = Signal(str, QImage)  # url, the picture fitted into the side asked for

    def __init__(
        self, cache: ImageCache, runner: TaskRunner, parent: QObject | None = None, budget: int = MEMORY_BUDGET
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self.runner = runner
        self._memory: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._thumbnails: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._pending_thumbnails: set[tuple[str, int]] = set()
        self._budget = budget
        self._held = 0

    @property
    def held_bytes(self) -> int:
        """Bytes of decoded pictures kept in memory (never above the budget)."""
        return self._held

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
        words = DecodeWords(self.tr("不是有效的图片"), self.tr("图片尺寸过大（%1），不予显示"))
        cache = self.cache

        def work(report: Report, cancel: threading.Event) -> QImage:
            return decode_picture(cache.get(url), words)

        self.runner.run(
            work,
            on_done=lambda image: self._done(url, image),
            on_error=lambda exc: self._failed(url, exc),
        )

    def request_thumbnail(self, url: str, side: int) -> None:
        """``thumbnail_loaded`` with the picture fitted into ``side`` px, decoded and scaled on a worker
        (from the picture in memory when it is there); ``failed`` as for ``request``."""
        if not url:
            return
        key = (url, side)
        if key in self._thumbnails:
            self._thumbnails.move_to_end(key)
            self.thumbnail_loaded.emit(url, self._thumbnails[key])
            return
        if key in self._pending_thumbnails:
            return
        self._pending_thumbnails.add(key)
        words = DecodeWords(self.tr("不是有效的图片"), self.tr("图片尺寸过大（%1），不予显示"))
        cache, held = self.cache, self._memory.get(url)

        def work(report: Report, cancel: threading.Event) -> QImage:
            return thumbnail_of(held if held is not None else decode_picture(cache.get(url), words), side)

        self.runner.run(
            work,
            on_done=lambda image: self._thumbnail_done(key, image),
            on_error=lambda exc: self._thumbnail_failed(key, exc),
        )

    def _thumbnail_done(self, key: tuple[str, int], image: Any) -> None:
        self._pending_thumbnails.discard(key)
        self._thumbnails[key] = image
        if len(self._thumbnails) > THUMBNAILS_KEPT:
            self._thumbnails.popitem(last=False)
        self.thumbnail_loaded.emit(key[0], image)

    def _thumbnail_failed(self, key: tuple[str, int], exc: BaseException) -> None:
        self._pending_thumbnails.discard(key)
        self.failed.emit(key[0], str(exc))

    def _done(self, url: str, image: Any) -> None:
        self._pending.discard(url)
        size = image.sizeInBytes()
        if size <= self._budget:
            self._memory[url] = image
            self._held += size
            while self._held > self._budget:
                _, dropped = self._memory.popitem(last=False)
                self._held -= dropped.sizeInBytes()
        self.loaded.emit(url, image)

    def _failed(self, url: str, exc: BaseException) -> None:
        self._pending.discard(url)
        self.failed.emit(url, str(exc))
