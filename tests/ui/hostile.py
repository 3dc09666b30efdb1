"""A hostile seller, for the tests of issue 12: a loopback sandbox whose items carry the seller's markup,
and a local file whose access time tells whether anything read it.

The gateway stays the faithful sandbox (signatures, tiers, limits): only the catalogue's answer for the
chosen ids is overwritten, as a seller would write it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer
from PySide6.QtGui import QImage

from xianyu_desktop.sandbox.catalogue import Catalogue


class HostileCatalogue:
    """The real catalogue, with the seller's own fields over chosen items."""

    def __init__(self, real: Catalogue, overrides: Mapping[str, Mapping[str, Any]]) -> None:
        self.real = real
        self.overrides = overrides

    def item(self, item_id: str, base_url: str) -> dict[str, Any] | None:
        raw = self.real.item(item_id, base_url)
        if raw is not None and item_id in self.overrides:
            raw.update(self.overrides[item_id])
        return raw

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def png_bytes() -> bytes:
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF8800)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class Bait:
    """A local file nothing may read. Its access time is set well before its change time, so even on a
    ``relatime`` mount (the common default) any read moves it; ``armed`` proves that first with one
    read of our own, so a ``noatime`` folder fails loudly instead of passing for the wrong reason."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        path.write_bytes(data)
        self.arm()
        path.read_bytes()
        if not self.was_read():
            raise RuntimeError(f"{path.parent} does not record access times: this test cannot see a read there")
        self.arm()

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def arm(self) -> None:
        stat = self.path.stat()
        old = stat.st_mtime_ns - 3 * 24 * 3600 * 10**9
        os.utime(self.path, ns=(old, stat.st_mtime_ns))
        self._atime = self.path.stat().st_atime_ns

    def was_read(self) -> bool:
        return self.path.stat().st_atime_ns != self._atime
