"""Writing an export file safely: a private temporary file beside the target, renamed into place with the
mode a plain file would have. A failure or a cancel never leaves half a file under the seller's name."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from xianyu_desktop.core.errors import UserError, UserErrorKind


class ExportError(UserError):
    """Plain words for the seller: the folder is read-only, the file is open in Excel, …"""

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message, remedy, kind=UserErrorKind.EXPORT)


def temp_beside(target: Path) -> tuple[Path, int]:
    """The private temporary file, and the mode the finished file is to have: the target's own when it is
    replaced (as writing over it would keep), else what a plain new file gets under the umask. The umask
    is read from the temporary file as created with 0o666 (os.umask cannot be read without setting it, which
    would race other threads), then the file is made private while it is written."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"保存位置不存在：{folder}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = folder / f".{target.stem}.{secrets.token_hex(4)}.part"
        try:
            handle = os.open(path, flags, 0o666)
        except FileExistsError:
            continue
        except PermissionError:
            raise ExportError(f"没有权限写入文件夹 {folder}，请换一个保存位置。") from None
        except OSError as exc:
            raise ExportError(f"无法在 {folder} 写文件：{exc.strerror or exc}") from None
        try:
            mode = stat.S_IMODE(os.fstat(handle).st_mode)
            with contextlib.suppress(OSError):
                mode = stat.S_IMODE(os.stat(target).st_mode)
            if hasattr(os, "fchmod"):
                os.fchmod(handle, 0o600)
        finally:
            os.close(handle)
        return path, mode
    raise ExportError(f"无法在 {folder} 创建临时文件")


def move_into_place(partial: Path, target: Path, mode: int) -> None:
    try:
        os.chmod(partial, mode)
        os.replace(partial, target)
    except PermissionError:
        raise ExportError(f"无法覆盖 {target.name}：文件可能正在 Excel 等程序中打开，请关闭后重试。") from None
    except OSError as exc:
        raise ExportError(f"无法保存 {target}：{exc.strerror or exc}") from None
