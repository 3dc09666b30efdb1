"""What the operating system's scheduler is given to run ``watch poll`` while the app is closed: a systemd
user service and timer, a crontab line, a Task Scheduler command, a launchd agent. Pure functions of the
command and the interval, tested on every OS (``schedulers`` installs them)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from xianyu_desktop.core.background.autostart import launch_agent
from xianyu_desktop.core.background.launch import (
    profile_options,
    program_command,
    shell_quote,
    systemd_exec,
    windows_command_line,
)

UNIT_NAME = "xianyu-desktop-poll"
TASK_NAME = "XianyuDesktopPoll"
AGENT_LABEL = "com.xianyu-desktop.poll"
CRON_MARK = "# xianyu-desktop watch schedule"
DEFAULT_MINUTES = 10
MIN_MINUTES, MAX_MINUTES = 1, 60  # the poller decides what is due: the scheduler only wakes it up
_TIMER_EVERY = re.compile(r"^OnUnitActiveSec=(\d+)min$", re.MULTILINE)
_CRON_EVERY = re.compile(r"^\*/(\d+) ")


def poll_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """What the scheduler runs: this program, with this profile, ``watch poll``."""
    return [*program_command(), *profile_options(environ), "watch", "poll"]


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"间隔要在 {MIN_MINUTES}–{MAX_MINUTES} 分钟之间（给的是 {minutes}）")
    return minutes


def systemd_service(command: Sequence[str]) -> str:
    return "\n".join(
        (
            "[Unit]",
            "Description=闲鱼桌面助手：检查关注的商品 (xianyu-desktop watch poll)",
            "",
            "[Service]",
            "Type=oneshot",
            f"ExecStart={systemd_exec(command)}",
            "",
        )
    )


def systemd_timer(minutes: int) -> str:
    return "\n".join(
        (
            "[Unit]",
            f"Description=闲鱼桌面助手：每 {check_minutes(minutes)} 分钟检查关注的商品",
            "",
            "[Timer]",
            "OnBootSec=2min",
            f"OnUnitActiveSec={minutes}min",
            "AccuracySec=30s",
            f"Unit={UNIT_NAME}.service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        )
    )


def timer_minutes(timer: str) -> int | None:
    found = _TIMER_EVERY.search(timer)
    return int(found.group(1)) if found else None


def cron_line(command: Sequence[str], minutes: int) -> str:
    """One crontab line, marked so it can be found and removed again; its output goes nowhere (``watch
    poll`` writes its own log)."""
    when = "0 * * * *" if check_minutes(minutes) == 60 else f"*/{minutes} * * * *"
    return f"{when} {' '.join(shell_quote(a) for a in command)} >/dev/null 2>&1 {CRON_MARK}"


def crontab_entry(crontab: str) -> str | None:
    return next((line for line in crontab.splitlines() if line.endswith(CRON_MARK)), None)


def crontab_without(crontab: str) -> str:
    kept = [line for line in crontab.splitlines() if not line.endswith(CRON_MARK)]
    return "".join(line + "\n" for line in kept)


def crontab_with(crontab: str, line: str) -> str:
    """The seller's crontab with our line in place of any earlier one; every other line kept as it was."""
    return crontab_without(crontab) + line + "\n"


def cron_minutes(line: str) -> int | None:
    if line.startswith("0 * * * * "):
        return 60
    found = _CRON_EVERY.match(line)
    return int(found.group(1)) if found else None


def schtasks_create(command: Sequence[str], minutes: int) -> list[str]:
    """``schtasks /Create``: every ``minutes`` minutes for this user, replacing an earlier task (/F)."""
    return [
        "schtasks", "/Create", "/F", "/SC", "MINUTE", "/MO", str(check_minutes(minutes)),
        "/TN", TASK_NAME, "/TR", windows_command_line(command),
    ]  # fmt: skip


def schtasks_delete() -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", TASK_NAME]


def schtasks_query() -> list[str]:
    return ["schtasks", "/Query", "/XML", "/TN", TASK_NAME]


def schtasks_minutes(xml: str) -> int | None:
    """The repetition interval of the task's XML (``<Interval>PT10M</Interval>``, or PT1H)."""
    found = re.search(r"<Interval>PT(?:(\d+)H)?(?:(\d+)M)?</Interval>", xml)
    if not found or not any(found.groups()):
        return None
    return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)


def launchd_agent(command: Sequence[str], minutes: int) -> bytes:
    return launch_agent(AGENT_LABEL, command, start_interval_s=check_minutes(minutes) * 60)
