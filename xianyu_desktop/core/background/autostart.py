"""Starting the window at login, minimised to the tray (opt-in): an XDG autostart entry on Linux, a value
under the HKCU Run key on Windows, a LaunchAgent on macOS.

The content each OS is given is a pure function of the command (tested everywhere); ``Autostart`` writes
or removes it where this OS looks. Only the Linux path runs on the test machine; the others are guarded by
``sys.platform`` and kept to the documented calls (winreg's SetValueEx/DeleteValue, a plist file)."""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xianyu_desktop.core.background.launch import desktop_exec, profile_options, program_command, windows_command_line

MINIMIZED_OPTION = "--minimized"
DESKTOP_FILE = "xianyu-desktop.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "XianyuDesktop"
AGENT_LABEL = "com.xianyu-desktop.app"


def autostart_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """What starts at login: the window, with this profile, minimised to the tray."""
    return [*program_command(windowless=True), *profile_options(environ), MINIMIZED_OPTION]


def desktop_entry(command: Sequence[str]) -> str:
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Name=闲鱼桌面助手",
            "Name[en]=Xianyu Desk",
            "Comment=登录后在托盘中检查关注的商品",
            "Comment[en]=Checks the watchlist from the tray after login",
            f"Exec={desktop_exec(command)}",
            "Icon=xianyu-desktop",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        )
    )


def launch_agent(label: str, command: Sequence[str], *, start_interval_s: int | None = None) -> bytes:
    """A launchd property list: at login (RunAtLoad) for the window, or every ``start_interval_s``."""
    agent: dict[str, object] = {"Label": label, "ProgramArguments": list(command), "ProcessType": "Interactive"}
    if start_interval_s is None:
        agent["RunAtLoad"] = True
    else:
        agent |= {"StartInterval": start_interval_s, "RunAtLoad": False, "ProcessType": "Background"}
        agent |= {"StandardOutPath": "/dev/null", "StandardErrorPath": "/dev/null"}
    return plistlib.dumps(agent, sort_keys=True)


def xdg_config_home(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME when set to an absolute path (the spec ignores a relative one), else ~/.config."""
    env = os.environ if environ is None else environ
    given = env.get("XDG_CONFIG_HOME", "")
    return Path(given) if given and os.path.isabs(given) else Path.home() / ".config"


def launch_agents_folder() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


@dataclass(frozen=True, slots=True)
class Autostart:
    """Start at login for this user, on ``platform`` (sys.platform by default). Raises OSError when the
    file or the registry value cannot be written."""

    platform: str = sys.platform

    @property
    def supported(self) -> bool:
        return self.platform.startswith(("linux", "freebsd")) or self.platform in ("win32", "darwin")

    def where(self) -> str:
        """Where the entry lives, for the settings dialog to name."""
        if self.platform == "win32":
            return "HKEY_CURRENT_USER\\" + RUN_KEY + "\\" + RUN_VALUE
        return str(self._file())

    def _file(self) -> Path:
        if self.platform == "darwin":
            return launch_agents_folder() / f"{AGENT_LABEL}.plist"
        return xdg_config_home() / "autostart" / DESKTOP_FILE

    def enabled(self) -> bool:
        if self.platform == "win32":
            return _run_value() is not None
        return self._file().is_file()

    def enable(self, command: Sequence[str] | None = None) -> None:
        command = list(command) if command is not None else autostart_command()
        if self.platform == "win32":
            _set_run_value(windows_command_line(command))
            return
        path = self._file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin":
            # Loaded by launchd at the next login; nothing to start now (the window is already open).
            path.write_bytes(launch_agent(AGENT_LABEL, command))
        else:
            path.write_text(desktop_entry(command), encoding="utf-8")

    def disable(self) -> None:
        if self.platform == "win32":
            _delete_run_value()
            return
        self._file().unlink(missing_ok=True)


def _run_value() -> str | None:
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _ = winreg.QueryValueEx(key, RUN_VALUE)
    except FileNotFoundError:
        return None
    return str(value)


def _set_run_value(command_line: str) -> None:
    if sys.platform != "win32":
        raise OSError("the Run key exists only on Windows")
    import winreg

    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
        winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, command_line)


def _delete_run_value() -> None:
    if sys.platform != "win32":
        return
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, RUN_VALUE)
    except FileNotFoundError:
        return
