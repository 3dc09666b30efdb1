"""Installing, removing and reporting the scheduled ``watch poll`` on this OS.

Linux: a systemd user timer when the user's systemd answers (``systemctl --user show-environment``), else a
marked line in the user's crontab. Windows: Task Scheduler (``schtasks``). macOS: a LaunchAgent loaded with
``launchctl bootstrap``. A tool that refuses raises ``SchedulerRefused`` with what it said; what was written
for it is taken back, so a refused install leaves nothing half-installed."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from xianyu_desktop.core.background.autostart import launch_agents_folder, xdg_config_home
from xianyu_desktop.core.background.schedule import (
    AGENT_LABEL,
    UNIT_NAME,
    cron_line,
    cron_minutes,
    crontab_entry,
    crontab_with,
    crontab_without,
    launchd_agent,
    schtasks_create,
    schtasks_delete,
    schtasks_minutes,
    schtasks_query,
    systemd_service,
    systemd_timer,
    timer_minutes,
)

TOOL_TIMEOUT_S = 30


class SchedulerRefused(Exception):
    """The scheduler (or its tool) said no; the message says which and what it said."""


@dataclass(frozen=True, slots=True)
class ScheduleStatus:
    installed: bool
    mechanism: str | None = None  # systemd, cron, schtasks, launchd
    minutes: int | None = None
    where: str | None = None


class Scheduler(Protocol):
    def install(self, command: Sequence[str], minutes: int) -> ScheduleStatus: ...
    def remove(self) -> list[str]: ...
    def status(self) -> ScheduleStatus: ...


def _run(args: Sequence[str], *, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            list(args), input=stdin, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SchedulerRefused(f"{args[0]} 没能运行：{exc}") from None


def _refused(result: subprocess.CompletedProcess[str]) -> SchedulerRefused:
    said = (result.stderr or result.stdout or "").strip().splitlines()
    args = result.args if isinstance(result.args, list) else [str(result.args)]
    tool = " ".join(str(a) for a in args[:3])
    return SchedulerRefused(f"{tool} 失败（退出码 {result.returncode}）" + (f"：{said[0]}" if said else ""))


def _checked(args: Sequence[str], *, stdin: str | None = None) -> str:
    result = _run(args, stdin=stdin)
    if result.returncode != 0:
        raise _refused(result)
    return result.stdout


class LinuxScheduler:
    def __init__(self, config_home: Path | None = None) -> None:
        self.unit_dir = (config_home or xdg_config_home()) / "systemd" / "user"
        self.service = self.unit_dir / f"{UNIT_NAME}.service"
        self.timer = self.unit_dir / f"{UNIT_NAME}.timer"

    def systemd_available(self) -> bool:
        """A user manager that answers: not there in a container, over plain ssh without lingering, or
        on a system without systemd."""
        return (
            shutil.which("systemctl") is not None and _run(["systemctl", "--user", "show-environment"]).returncode == 0
        )

    def install(self, command: Sequence[str], minutes: int) -> ScheduleStatus:
        if self.systemd_available():
            self._install_systemd(command, minutes)
            self._remove_cron()  # one mechanism at a time: an earlier cron line would poll as well
            return self.status()
        if shutil.which("crontab") is None:
            raise SchedulerRefused("这台电脑上没有可用的计划任务程序：systemd 用户服务没有运行，也没有 crontab")
        self._remove_systemd()
        _checked(["crontab", "-"], stdin=crontab_with(self._crontab(), cron_line(command, minutes)))
        return self.status()

    def _install_systemd(self, command: Sequence[str], minutes: int) -> None:
        self.unit_dir.mkdir(parents=True, exist_ok=True)
        self.service.write_text(systemd_service(command), encoding="utf-8")
        self.timer.write_text(systemd_timer(minutes), encoding="utf-8")
        try:
            _checked(["systemctl", "--user", "daemon-reload"])
            _checked(["systemctl", "--user", "enable", "--now", self.timer.name])
        except SchedulerRefused:
            self.service.unlink(missing_ok=True)
            self.timer.unlink(missing_ok=True)
            _run(["systemctl", "--user", "daemon-reload"])
            raise

    def remove(self) -> list[str]:
        return [
            name for name, removed in (("systemd", self._remove_systemd()), ("cron", self._remove_cron())) if removed
        ]

    def _remove_systemd(self) -> bool:
        if not self.timer.exists() and not self.service.exists():
            return False
        if shutil.which("systemctl") is not None:
            result = _run(["systemctl", "--user", "disable", "--now", self.timer.name])
            if result.returncode != 0 and self.systemd_available():
                raise _refused(result)  # the manager is there and said no: the timer may still run
        self.timer.unlink(missing_ok=True)
        self.service.unlink(missing_ok=True)
        if shutil.which("systemctl") is not None:
            _run(["systemctl", "--user", "daemon-reload"])
        return True

    def _crontab(self) -> str:
        """The user's crontab, "" when they have none. Any other failure raises: writing after a failed
        read would replace the seller's own lines."""
        result = _run(["crontab", "-l"])
        if result.returncode == 0:
            return result.stdout
        if "no crontab" in (result.stderr + result.stdout).lower():
            return ""
        raise _refused(result)

    def _remove_cron(self) -> bool:
        if shutil.which("crontab") is None:
            return False
        current = self._crontab()
        if crontab_entry(current) is None:
            return False
        _checked(["crontab", "-"], stdin=crontab_without(current))
        return True

    def status(self) -> ScheduleStatus:
        if self.timer.is_file():
            return ScheduleStatus(
                True, "systemd", timer_minutes(self.timer.read_text(encoding="utf-8")), str(self.timer)
            )
        if shutil.which("crontab") is not None:
            line = crontab_entry(self._crontab())
            if line is not None:
                return ScheduleStatus(True, "cron", cron_minutes(line), "crontab")
        return ScheduleStatus(False)


class WindowsScheduler:
    def install(self, command: Sequence[str], minutes: int) -> ScheduleStatus:
        _checked(schtasks_create(command, minutes))
        return self.status()

    def remove(self) -> list[str]:
        if not self.status().installed:
            return []
        _checked(schtasks_delete())
        return ["schtasks"]

    def status(self) -> ScheduleStatus:
        result = _run(schtasks_query())
        if result.returncode != 0:
            return ScheduleStatus(False)
        return ScheduleStatus(True, "schtasks", schtasks_minutes(result.stdout), "Task Scheduler")


class MacScheduler:
    def __init__(self, agents: Path | None = None) -> None:
        self.plist = (agents or launch_agents_folder()) / f"{AGENT_LABEL}.plist"

    @staticmethod
    def _domain() -> str:
        return f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui/0"

    def install(self, command: Sequence[str], minutes: int) -> ScheduleStatus:
        if self.plist.exists():
            _run(["launchctl", "bootout", f"{self._domain()}/{AGENT_LABEL}"])  # the earlier one, if loaded
        self.plist.parent.mkdir(parents=True, exist_ok=True)
        self.plist.write_bytes(launchd_agent(command, minutes))
        try:
            _checked(["launchctl", "bootstrap", self._domain(), str(self.plist)])
        except SchedulerRefused:
            self.plist.unlink(missing_ok=True)
            raise
        return self.status()

    def remove(self) -> list[str]:
        if not self.plist.exists():
            return []
        _run(["launchctl", "bootout", f"{self._domain()}/{AGENT_LABEL}"])  # fails only when not loaded
        self.plist.unlink(missing_ok=True)
        return ["launchd"]

    def status(self) -> ScheduleStatus:
        if not self.plist.is_file():
            return ScheduleStatus(False)
        try:
            interval = plistlib.loads(self.plist.read_bytes()).get("StartInterval")
        except (plistlib.InvalidFileException, ValueError):
            interval = None
        minutes = interval // 60 if isinstance(interval, int) else None
        return ScheduleStatus(True, "launchd", minutes, str(self.plist))


def scheduler_for(platform: str = sys.platform) -> Scheduler:
    if platform == "win32":
        return WindowsScheduler()
    if platform == "darwin":
        return MacScheduler()
    return LinuxScheduler()
