"""Item pictures fetched once and kept on disk, with the shared HTTP client.

Picture URLs are strangers' data: each one passes ``netguard`` (public addresses over https, or the
sandbox gateway's own origin) before anything is sent, the download is capped at 8 MB and 20 s, and
only PNG, JPEG, WebP and GIF are kept, recognised by their first bytes (never by the URL or the
Content-Type, which the server chooses). SVG (which can name local files), BMP and everything else is
refused before it reaches a decoder.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import httpx

from xianyu_desktop.core.net.bounded import Deadline, TooLarge, TooSlow, fetch_bounded, format_size
from xianyu_desktop.core.net.netguard import AddressRefused, Origin, Resolver, UrlGuard, system_resolver
from xianyu_desktop.core.storage.private_files import private_folder, write_private

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 8 * 1024 * 1024
DOWNLOAD_SECONDS = 20.0


class PictureFormat(enum.StrEnum):
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"
    GIF = "gif"


def sniff_format(data: bytes) -> PictureFormat | None:
    """The picture format the bytes start with, among the four we accept."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PictureFormat.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return PictureFormat.JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return PictureFormat.GIF
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return PictureFormat.WEBP
    return None


@dataclass(frozen=True, slots=True)
class Picture:
    data: bytes
    format: PictureFormat


class ImageFetchError(Exception):
    """A picture that cannot be shown; the message says why in plain words."""


class ImageCache:
    """``allowance`` is asked on every fetch, so a gateway changed in the settings takes effect at once."""

    def __init__(
        self,
        folder: Path,
        http: httpx.Client,
        *,
        allowance: Callable[[], Collection[Origin]] = frozenset,
        resolver: Resolver = system_resolver,
        deadline: float = DOWNLOAD_SECONDS,
        max_bytes: int = MAX_IMAGE_BYTES,
    ) -> None:
        self.folder = folder
        self.http = http
        self._allowance = allowance
        self._resolver = resolver
        self._deadline = deadline
        self._max_bytes = max_bytes

    def path_for(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + ".img")

    def get(self, url: str) -> Picture:
        """The picture, from disk when fetched before. Raises ImageFetchError."""
        path = self.path_for(url)
        cached = self._from_disk(path)
        if cached is not None:
            return cached
        data = self._download(url)
        picture_format = sniff_format(data)
        if picture_format is None:
            raise ImageFetchError("不支持的图片格式（只接受 PNG、JPEG、WebP、GIF）")
        try:
            private_folder(self.folder)
            partial = path.with_suffix(f".{os.getpid()}.part")
            write_private(partial, data)
            partial.replace(path)
        except OSError as exc:
            log.warning("image not cached on disk: %s", exc)
        return Picture(data, picture_format)

    def _from_disk(self, path: Path) -> Picture | None:
        try:
            if path.stat().st_size > self._max_bytes:
                raise OSError("cached picture larger than the download cap")
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("image cache unreadable (%s), fetching again", exc)
            return None
        picture_format = sniff_format(data)
        if picture_format is None:  # written by an older version that kept any format
            path.unlink(missing_ok=True)
            return None
        return Picture(data, picture_format)

    def _download(self, url: str) -> bytes:
        guard = UrlGuard(allowance=self._allowance(), resolver=self._resolver)
        try:
            pinned = guard.pin(url)
        except AddressRefused as exc:
            raise ImageFetchError(str(exc)) from None
        try:
            answer = fetch_bounded(
                self.http,
                "GET",
                pinned.url,
                headers={**pinned.headers, "Accept": "image/png,image/jpeg,image/webp,image/gif"},
                extensions=pinned.extensions,
                max_bytes=self._max_bytes,
                deadline=Deadline(self._deadline),
            )
        except TooLarge:
            raise ImageFetchError(f"图片太大（超过 {format_size(self._max_bytes)}）") from None
        except (TooSlow, httpx.TimeoutException):
            raise ImageFetchError(f"图片下载超时（{self._deadline:g} 秒）") from None
        except httpx.HTTPError as exc:
            raise ImageFetchError(f"图片下载失败（{type(exc).__name__}）") from None
        except RuntimeError:
            if not self.http.is_closed:
                raise
            raise ImageFetchError("图片下载已取消：程序正在关闭") from None  # the client closed under a late fetch
        if answer.status != 200:
            raise ImageFetchError(f"图片下载失败（HTTP {answer.status}）")
        return answer.body
