"""Item pictures fetched once and kept on disk, with the shared HTTP client."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import httpx

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 8 * 1024 * 1024


class ImageFetchError(Exception):
    pass


def picture_format(data: bytes) -> str | None:
    """The picture's format from its first bytes ("PNG", "JPEG", "GIF", "WEBP"), or None for anything
    else. Only these are decoded: Qt's SVG reader, for one, opens the local files an SVG's ``<image>``
    names, and the other readers (TIFF, ICNS, PDF…) are code no item picture needs."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


class ImageCache:
    def __init__(self, folder: Path, http: httpx.Client) -> None:
        self.folder = folder
        self.http = http

    def path_for(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + ".img")

    def get(self, url: str) -> bytes:
        """The image's bytes, from disk when fetched before. Raises ImageFetchError."""
        path = self.path_for(url)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("image cache unreadable (%s), fetching again", exc)
        if not url.startswith(("http://", "https://")):
            raise ImageFetchError(f"不支持的图片地址：{url[:80]}")
        try:
            with self.http.stream("GET", url, timeout=15.0) as response:
                if response.status_code != 200:
                    raise ImageFetchError(f"图片下载失败（HTTP {response.status_code}）")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_IMAGE_BYTES:
                        raise ImageFetchError("图片太大")
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise ImageFetchError(f"图片下载失败（{type(exc).__name__}）") from None
        data = b"".join(chunks)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(path)
        except OSError as exc:
            log.warning("image not cached on disk: %s", exc)
        return data
