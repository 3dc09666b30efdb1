"""Deterministic placeholder PNGs for the sandbox: item photos and seller avatars.

Each image is a diagonal pastel gradient with a simple figure on top, both derived from the key,
so different items look different while every request for the same URL gets the same bytes.
Rows are built by slicing precomputed gradient strips (no per-pixel Python loop).
"""

from __future__ import annotations

import colorsys
import struct
import zlib
from collections.abc import Callable
from functools import lru_cache
from hashlib import blake2b
from math import sqrt

MAX_SIZE = 1024

# A figure maps a row index to the horizontal spans [x0, x1) it covers in that row.
_Spans = list[tuple[int, int]]
_Figure = Callable[[int], _Spans]


def _unit(key: str, salt: str) -> list[float]:
    d = blake2b(f"{salt}\x1f{key}".encode(), digest_size=16).digest()
    return [b / 255 for b in d]


def _strip(size: int, hue: float, hue_shift: float, sat: float, val: float, val_shift: float) -> bytes:
    """2*size RGB pixels of a gradient; row y of the image is strip[3y : 3(y+size)] (a diagonal)."""
    n = 2 * size
    out = bytearray(3 * n)
    for i in range(n):
        t = i / (n - 1) if n > 1 else 0.0
        r, g, b = colorsys.hsv_to_rgb((hue + hue_shift * t) % 1.0, sat, min(1.0, val + val_shift * t))
        out[3 * i : 3 * i + 3] = bytes((int(r * 255), int(g * 255), int(b * 255)))
    return bytes(out)


def _circle(cx: float, cy: float, r: float) -> _Figure:
    def spans(y: int) -> _Spans:
        dy = y + 0.5 - cy
        if abs(dy) >= r:
            return []
        dx = sqrt(r * r - dy * dy)
        return [(round(cx - dx), round(cx + dx))]

    return spans


def _ring(cx: float, cy: float, r: float, width: float) -> _Figure:
    outer, inner = _circle(cx, cy, r), _circle(cx, cy, r - width)

    def spans(y: int) -> _Spans:
        o, i = outer(y), inner(y)
        if not o or not i:
            return o
        return [(o[0][0], i[0][0]), (i[0][1], o[0][1])]

    return spans


def _rounded_rect(x0: float, y0: float, x1: float, y1: float, rad: float) -> _Figure:
    def spans(y: int) -> _Spans:
        yc = y + 0.5
        if not y0 <= yc < y1:
            return []
        d = max(y0 + rad - yc, yc - (y1 - rad), 0.0)
        inset = rad - sqrt(max(0.0, rad * rad - d * d))
        return [(round(x0 + inset), round(x1 - inset))]

    return spans


def _stripes(x0: float, y0: float, x1: float, y1: float, period: int) -> _Figure:
    def spans(y: int) -> _Spans:
        inside = y0 <= y + 0.5 < y1 and (y // period) % 2 == 0
        return [(round(x0), round(x1))] if inside else []

    return spans


def _render(size: int, bg: bytes, fg: bytes, figures: list[_Figure]) -> bytes:
    raw = bytearray()
    for y in range(size):
        row = bytearray(bg[3 * y : 3 * (y + size)])
        for fig in figures:
            for a, b in fig(y):
                a, b = max(0, a), min(size, b)
                if a < b:
                    row[3 * a : 3 * b] = fg[3 * (a + y) : 3 * (b + y)]
        raw += b"\x00"
        raw += row
    return _png(size, size, bytes(raw))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def _check_size(size: int) -> None:
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"size must be between 1 and {MAX_SIZE}")


@lru_cache(maxsize=256)
def item_png(key: str, index: int, size: int = 320) -> bytes:
    """Photo number ``index`` of the item ``key``: the item's palette, a figure that varies by index."""
    _check_size(size)
    u = _unit(key, "item")
    v = _unit(f"{key}/{index}", "photo")
    hue = u[0]
    bg = _strip(size, hue, 0.08 + 0.15 * u[1], 0.25 + 0.2 * u[2], 0.88, 0.1)
    fg = _strip(size, (hue + 0.45 + 0.1 * u[3]) % 1.0, -0.1, 0.45 + 0.25 * u[4], 0.72, 0.2)
    s = float(size)
    cx, cy = s * (0.35 + 0.3 * v[0]), s * (0.35 + 0.3 * v[1])
    kind = index % 4
    if kind == 0:
        figures = [_circle(cx, cy, s * (0.18 + 0.12 * v[2]))]
    elif kind == 1:
        half_w, half_h = s * (0.2 + 0.1 * v[2]), s * (0.15 + 0.1 * v[3])
        figures = [_rounded_rect(cx - half_w, cy - half_h, cx + half_w, cy + half_h, s * 0.06)]
    elif kind == 2:
        period = max(1, size // (10 + int(v[2] * 8)))
        figures = [_stripes(s * 0.12, s * 0.12, s * 0.88, s * 0.88, period), _circle(cx, cy, s * 0.1)]
    else:
        figures = [_ring(cx, cy, s * (0.2 + 0.1 * v[2]), s * 0.06), _circle(cx, cy, s * 0.07)]
    return _render(size, bg, fg, figures)


@lru_cache(maxsize=256)
def avatar_png(key: str, size: int = 96) -> bytes:
    """A seller avatar: a head-and-shoulders silhouette on the seller's own gradient."""
    _check_size(size)
    u = _unit(key, "avatar")
    hue = u[0]
    bg = _strip(size, hue, 0.1, 0.3 + 0.2 * u[1], 0.85, 0.12)
    fg = _strip(size, (hue + 0.5) % 1.0, 0.05, 0.15 + 0.15 * u[2], 0.97, 0.0)
    s = float(size)
    figures = [
        _circle(s * 0.5, s * 0.4, s * 0.19),
        _rounded_rect(s * 0.2, s * 0.66, s * 0.8, s * 1.2, s * 0.2),
    ]
    return _render(size, bg, fg, figures)
