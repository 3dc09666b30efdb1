"""``xianyu-desktop watch schedule install|remove|status``: the operating system's scheduler runs ``watch
poll`` while the app is closed (core.background.schedulers says how on each OS)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.core.background.schedule import check_minutes, poll_command
from xianyu_desktop.core.background.schedulers import Scheduler, SchedulerRefused, ScheduleStatus, scheduler_for
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.timeutil import BEIJING

LAST_POLL_KEY = "watch.last_poll_at"  # when ``watch poll`` last ran (epoch seconds), written by it
MECHANISMS = {
    "systemd": "systemd 用户定时器",
    "cron": "cron（用户的 crontab）",
    "schtasks": "Windows 任务计划程序",
    "launchd": "launchd（LaunchAgent）",
}


def record_poll(store: Store, at: float | None = None) -> None:
    store.set_settings({LAST_POLL_KEY: repr(time.time() if at is None else at)})


def last_poll(store: Store) -> float | None:
    raw = store.get_setting(LAST_POLL_KEY)
    try:
        return float(raw) if raw is not None else None
    except ValueError:
        return None


def describe(status: ScheduleStatus, last_run: float | None) -> list[str]:
    lines = []
    if status.installed:
        every = f"每 {status.minutes} 分钟" if status.minutes else "间隔未知"
        lines.append(f"已安装：{MECHANISMS.get(status.mechanism or '', status.mechanism)}，{every}运行 watch poll")
        if status.where:
            lines.append(f"位置：{status.where}")
    else:
        lines.append("未安装：窗口关着时不会检查关注的商品（用 xianyu-desktop watch schedule install 安装）")
    if last_run is None:
        lines.append("watch poll 还没有运行过")
    else:
        when = dt.datetime.fromtimestamp(last_run, BEIJING).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f"watch poll 上次运行：{when}（北京时间）")
    return lines


def run_watch_schedule(store: Store, args: argparse.Namespace, scheduler: Scheduler | None = None) -> int:
    action = args.schedule_action
    scheduler = scheduler or scheduler_for()
    try:
        if action == "install":
            try:
                minutes = check_minutes(args.every)
            except ValueError as exc:
                print(f"xianyu-desktop watch schedule: --every {exc}", file=sys.stderr)
                return EXIT_USAGE
            status = scheduler.install(poll_command(), minutes)
            print(*describe(status, last_poll(store))[:2], sep="\n")
            return EXIT_OK
        if action == "remove":
            removed = scheduler.remove()
            if removed:
                print("已移除：" + "、".join(MECHANISMS.get(m, m) for m in removed))
            else:
                print("没有安装定时检查，无需移除。")
            return EXIT_OK
        print(*describe(scheduler.status(), last_poll(store)), sep="\n")
        return EXIT_OK
    except SchedulerRefused as exc:
        print(f"xianyu-desktop watch schedule: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except OSError as exc:  # the unit folder or the plist not writable
        print(f"xianyu-desktop watch schedule: 无法写入 {exc.filename or ''}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
