"""Pictures loaded in the background: bytes from the disk-backed cache, decoded to QImage off the GUI
thread (QImage, unlike QPixmap, may be built in any thread), handed over by signal.

A 184 KB PNG can declare 9000×7000 pixels and decode to 252 MB, so the header is read first
(``QImageReader.size()`` decodes nothing) and the decoded picture is held to ``MAX_SIDE`` px a side and
``MAX_PIXELS`` (4096 px / 16 Mpx, at most 64 MB). A larger JPEG is decoded already scaled down by
libjpeg (to fit ``SCALED_SIDE``) when its source is not absurd (``MAX_SCALABLE_PIXELS``); Qt's PNG,
WebP and GIF readers can only decode full size and scale afterwards, so those are refused. Decoded
pictures are kept in memory within a byte budget (64 MB), least recently shown dropped first.

Pictures shown smaller (a thumbnail, the detail pane's picture, a description's) are fitted on the worker
too (``request_scaled``), so the GUI thread only turns a small QImage into a QPixmap; a larger one is
asked of the reader at about the size shown (a JPEG then decodes in a quarter of the time, and the decode
holds the GIL throughout); fitted pictures are kept within their own budget (16 MB: 2,600 thumbnails of 40 px).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from xianyu_desktop.core.web.pictures import ImageCache, ImageFetchError, Picture
from xianyu_desktop.ui.tasks import Report, TaskRunner

MAX_SIDE = 4096
MAX_PIXELS = 16 * 1024 * 1024
SCALED_SIDE = 2048
MAX_SCALABLE_PIXELS = 100 * 1000 * 1000
MEMORY_BUDGET = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class DecodeWords:
    """The messages a worker may raise, translated on the GUI thread beforehand."""

    not_an_image: str
    too_big: str  # %1: width×height


def fits(size: QSize, max_side: int = MAX_SIDE, max_pixels: int = MAX_PIXELS) -> bool:
    return size.width() <= max_side and size.height() <= max_side and size.width() * size.height() <= max_pixels


class DecodeCounts:
    """How many pictures were decoded at their full size and how many already scaled down by the reader
    (counted on the workers; read by the tests and the benches)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.full = 0
        self.scaled = 0

    def count(self, scaled: bool) -> None:
        with self._lock:
            if scaled:
                self.scaled += 1
            else:
                self.full += 1


decode_counts = DecodeCounts()


def decode_picture(
    picture: Picture,
    words: DecodeWords,
    *,
    fit_to: tuple[int, int] | None = None,
    max_side: int = MAX_SIDE,
    max_pixels: int = MAX_PIXELS,
    scaled_side: int = SCALED_SIDE,
) -> QImage:
    """The decoded picture within the bounds, or ImageFetchError; never decodes past them.

    With ``fit_to`` (width, height) a larger picture is asked of the reader at about the size it will be
    shown: Qt's decoders hold the GIL for the whole decode, and libjpeg decodes at 1/2, 1/4 or 1/8 scale
    (a 1600 px JPEG fitted to 260 px: a quarter of the time). Readers that cannot scale decode full size;
    the caller still fits the result (``fitted``), so it is never larger than asked nor ever enlarged."""
    buffer = QBuffer()
    buffer.setData(QByteArray(picture.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, picture.format.value.encode("ascii"))
    reader.setDecideFormatFromContent(False)  # only the format we sniffed: never SVG or another plugin
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise ImageFetchError(words.not_an_image)
    scalable = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
    target = QSize()
    if not fits(size, max_side, max_pixels):
        if not scalable or size.width() * size.height() > MAX_SCALABLE_PIXELS:
            raise ImageFetchError(words.too_big.replace("%1", f"{size.width()}×{size.height()}"))
        side = min(scaled_side, max_side)
        target = size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
    if fit_to is not None and scalable:
        box = target if target.isValid() else size
        width, height = fit_to
        if box.width() > width or box.height() > height:
            shown = box.scaled(max(1, width), max(1, height), Qt.AspectRatioMode.KeepAspectRatio)
            target = QSize(max(1, shown.width()), max(1, shown.height()))
    if target.isValid():
        reader.setScaledSize(target)
    image = reader.read()
    buffer.close()
    if image.isNull() or not fits(image.size(), max_side, max_pixels):
        raise ImageFetchError(words.not_an_image)
    decode_counts.count(image.size() != size)
    return image


SCALED_BUDGET = 16 * 1024 * 1024
SCALED_TASKS = 3
Key = tuple[str, int, int]  # url, width, height


def fitted(image: QImage, width: int, height: int) -> QImage:
    """``image`` scaled down (smoothly) to fit width × height, keeping its shape; never enlarged."""
    if image.width() <= width and image.height() <= height:
        return image
    return image.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ImageLoader(QObject):
    loaded = Signal(str, QImage)
    failed = Signal(str, str)
    scaled = Signal(str, int, int, QImage)  # url, width, height: the picture fitted to that box

    def __init__(
        self, cache: ImageCache, runner: TaskRunner, parent: QObject | None = None, budget: int = MEMORY_BUDGET
    ) -> None:
        super().__init__(parent)
        self.cache = cache
        self.runner = runner
        self._memory: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._budget = budget
        self._held = 0
        self._scaled: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._scaled_pending: set[tuple[str, int, int]] = set()
        self._queued: list[Key] = []
        self._scaled_held = 0

    def _words(self) -> DecodeWords:
        """The messages a worker may raise, translated here on the GUI thread."""
        return DecodeWords(self.tr("不是有效的图片"), self.tr("图片尺寸过大（%1），不予显示"))

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
        words = self._words()
        cache = self.cache

        def work(report: Report, cancel: threading.Event) -> QImage:
            return decode_picture(cache.get(url), words)

        self.runner.run(
            work,
            on_done=lambda image: self._done(url, image),
            on_error=lambda exc: self._failed(url, exc),
        )

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

    # --- pictures fitted to a box -------------------------------------------------------------------------
    def request_scaled(self, url: str, width: int, height: int) -> None:
        """The picture fitted to width × height, scaled off the GUI thread (a smooth scale of a 2,048 px
        picture takes longer than a frame), answered by ``scaled``; a failure by ``failed``.

        Requests made in one go (a selection asks for a dozen) are started together on the next turn of
        the event loop, in at most ``SCALED_TASKS`` tasks: a task started per picture cost the GUI thread
        about a millisecond each, mostly waiting to take the GIL back from the task it had just started."""
        if not url:
            return
        key = (url, width, height)
        if key in self._scaled:
            self._scaled.move_to_end(key)
            self.scaled.emit(url, width, height, self._scaled[key])
            return
        if key in self._scaled_pending:
            return
        self._scaled_pending.add(key)
        if not self._queued:
            QTimer.singleShot(0, self._start_queued)
        self._queued.append(key)

    def _start_queued(self) -> None:
        keys, self._queued = self._queued, []
        words = self._words()
        cache = self.cache
        for share in range(min(SCALED_TASKS, len(keys))):
            mine = keys[share::SCALED_TASKS]
            full = {url: self._memory[url] for url, _, _ in mine if url in self._memory}

            self.runner.run(
                partial(_fit_all, mine, full, cache, words),
                on_progress=self._scaled_arrived,
                on_error=partial(self._scaled_lost, mine),
            )

    def _scaled_arrived(self, answer: tuple[Key, QImage | ImageFetchError]) -> None:
        key, image = answer
        self._scaled_pending.discard(key)
        if isinstance(image, ImageFetchError):
            self.failed.emit(key[0], str(image))
            return
        self._scaled[key] = image
        self._scaled_held += image.sizeInBytes()
        while self._scaled_held > SCALED_BUDGET and len(self._scaled) > 1:
            _, dropped = self._scaled.popitem(last=False)
            self._scaled_held -= dropped.sizeInBytes()
        self.scaled.emit(*key, image)

    def _scaled_lost(self, keys: list[Key], exc: BaseException) -> None:
        """A task that failed past a picture's own errors: its pictures not yet answered fail (and the
        failure goes where any task's does)."""
        for key in keys:
            if key in self._scaled_pending:
                self._scaled_pending.discard(key)
                self.failed.emit(key[0], str(exc))
        self.runner.fail(exc)


def _fit_all(
    keys: list[Key],
    full: dict[str, QImage],
    cache: ImageCache,
    words: DecodeWords,
    report: Report,
    cancel: threading.Event,
) -> None:
    """On the pool: each picture decoded (unless already in memory) and fitted, reported one by one."""
    for key in keys:
        if cancel.is_set():
            return
        url, width, height = key
        try:
            image = full.get(url)
            if image is None:
                image = decode_picture(cache.get(url), words, fit_to=(width, height))
            report((key, fitted(image, width, height)))
        except ImageFetchError as exc:
            report((key, exc))
