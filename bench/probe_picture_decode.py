"""What a picture's decode costs the window: a worker decodes a 1600×1600 JPEG and fits it to 260 px again
and again while the main thread sleeps 1 ms in a loop (the switch interval the app sets: 1 ms). Qt's
decoders hold the GIL for the whole decode, so the main thread's worst wait follows the decode's length.

Two ways, one after the other in the same process: decoded full size then fitted (``request_scaled``
before it asked the reader for the size shown), and decoded at about the size shown (``fit_to``).
Reports the median decode time and the main thread's worst and 99th percentile wait beyond its 1 ms.

Run: .venv/bin/python bench/probe_picture_decode.py  (PROBE_SECONDS per way, 4 by default)
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

from xianyu_desktop.core.web.pictures import Picture, PictureFormat
from xianyu_desktop.ui.images import DecodeWords, decode_picture, fitted

SECONDS = float(os.environ.get("PROBE_SECONDS", "4"))
SIDE, SHOWN = 1600, 260
WORDS = DecodeWords("不是有效的图片", "图片尺寸过大（%1），不予显示")


def photo_like_jpeg() -> bytes:
    """A gradient with a few lines, saved at quality 90: about what a seller's photo costs to decode."""
    image = QImage(SIDE, SIDE, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, SIDE, SIDE)
    gradient.setColorAt(0, QColor("red"))
    gradient.setColorAt(1, QColor("blue"))
    painter.fillRect(image.rect(), gradient)
    for y in range(0, SIDE, 60):
        painter.setPen(QColor((y * 37) % 255, (y * 11) % 255, (y * 5) % 255))
        painter.drawLine(0, y, SIDE, (y * 13) % SIDE)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 90)
    return bytes(buffer.data())


def measure(decode: Callable[[], QImage]) -> tuple[float, float, float, int]:
    """Median decode ms, the main thread's worst and 99th percentile extra wait (ms), decodes done."""
    times: list[float] = []
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            decode()
            times.append(time.perf_counter() - started)

    thread = threading.Thread(target=worker)
    thread.start()
    waits: list[float] = []
    end = time.perf_counter() + SECONDS
    while time.perf_counter() < end:
        started = time.perf_counter()
        time.sleep(0.001)
        waits.append(time.perf_counter() - started - 0.001)
    stop.set()
    thread.join()
    waits.sort()
    return statistics.median(times) * 1000, waits[-1] * 1000, waits[int(len(waits) * 0.99)] * 1000, len(times)


def main() -> None:
    sys.setswitchinterval(0.001)
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter on a QImage wants one)
    picture = Picture(photo_like_jpeg(), PictureFormat.JPEG)
    ways = {
        "full size, then fitted": lambda: fitted(decode_picture(picture, WORDS), SHOWN, SHOWN),
        "at the size shown": lambda: fitted(decode_picture(picture, WORDS, fit_to=(SHOWN, SHOWN)), SHOWN, SHOWN),
    }
    print(f"# A {SIDE} px JPEG ({len(picture.data) // 1024} KB) fitted to {SHOWN} px on a worker, {SECONDS:.0f} s each")
    print("| way | decode (median) | main thread's worst wait | 99th percentile | decodes |")
    print("|---|---|---|---|---|")
    for name, decode in ways.items():
        median, worst, p99, count = measure(decode)
        print(f"| {name} | {median:.1f} ms | {worst:.1f} ms | {p99:.2f} ms | {count} |")


if __name__ == "__main__":
    main()
