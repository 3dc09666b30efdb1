"""Before Qt starts on Linux: name the missing system libraries (Qt would abort with a cryptic
"could not load the Qt platform plugin xcb") and a missing display, in plain words."""

from __future__ import annotations

import os
import sys

# Each library Qt's xcb platform plugin loads: the name it is loaded by, and its Debian/Ubuntu package.
XCB_LIBRARIES = {
    "xcb-cursor": ("libxcb-cursor.so.0", "libxcb-cursor0"),
    "xcb-icccm": ("libxcb-icccm.so.4", "libxcb-icccm4"),
    "xcb-keysyms": ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    "xcb-xkb": ("libxcb-xkb.so.1", "libxcb-xkb1"),
    "xkbcommon-x11": ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    "xcb-shape": ("libxcb-shape.so.0", "libxcb-shape0"),
    "xcb-render-util": ("libxcb-render-util.so.0", "libxcb-render-util0"),
    "xcb-image": ("libxcb-image.so.0", "libxcb-image0"),
    "EGL": ("libEGL.so.1", "libegl1"),
    "fontconfig": ("libfontconfig.so.1", "libfontconfig1"),
}
APT_LINE = "sudo apt install " + " ".join(sorted({package for _, package in XCB_LIBRARIES.values()}))


def gui_problem(environ: dict[str, str] | None = None) -> str | None:
    """A sentence saying why the window cannot open here, or None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return None
    if platform.startswith("wayland") or (not platform and env.get("WAYLAND_DISPLAY")):
        return None
    if not env.get("DISPLAY"):
        return (
            "没有图形界面（DISPLAY 未设置），无法打开窗口。请在桌面环境中运行；"
            "命令行功能（fetch、watch、export 等）不需要图形界面。"
        )
    missing = [package for library, (soname, package) in XCB_LIBRARIES.items() if not library_present(library, soname)]
    if missing:
        return f"缺少 Qt 窗口需要的系统库：{'、'.join(missing)}。请先安装：{APT_LINE}"
    return None


def library_present(library: str, soname: str) -> bool:
    """Loading it as Qt will takes microseconds when it is there; only a miss asks the slower
    ``find_library`` (it runs ldconfig), which also accepts another version of the library."""
    import ctypes  # here, not at the top: only the X11 path needs it (ctypes.util alone costs ~10 ms)

    try:
        ctypes.CDLL(soname)
    except OSError:
        import ctypes.util

        return ctypes.util.find_library(library) is not None
    return True


def qt_version() -> tuple[bool, str]:
    """Whether Qt loads here, and its version (or why it does not): the self-check's first line."""
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError as exc:  # a missing system library for Qt: say which
        return False, f"Qt 无法加载：{exc}"
    return True, f"Qt {QtCore.qVersion()}（PySide6 {getattr(PySide6, '__version__', '?')}）"
