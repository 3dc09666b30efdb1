"""``watch schedule install|remove|status`` on Linux, for real: the unit files in a temporary
XDG_CONFIG_HOME, the crontab in a file. ``systemctl`` and ``crontab`` are small recording scripts on PATH:
the operating system's scheduler (a running systemd user manager, a cron daemon) is what a test machine
cannot provide, so these tests show what the command asks of it and what it writes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import assert_plain_failure, run, sandbox_env, text

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd and cron are Linux's schedulers"),
]

SYSTEMCTL = """#!/bin/sh
echo "$*" >> "$FAKE_DIR/systemctl.log"
case "$*" in
  "--user show-environment") exit "${FAKE_SYSTEMD_USER:-0}" ;;
  "--user enable --now"*) [ -n "$FAKE_ENABLE_FAILS" ] && { echo "Failed to enable unit: Access denied" >&2; exit 1; } ;;
esac
exit 0
"""
CRONTAB = """#!/bin/sh
echo "$*" >> "$FAKE_DIR/crontab.log"
if [ "$1" = "-l" ]; then
  [ -f "$FAKE_DIR/crontab" ] || { echo "no crontab for seller" >&2; exit 1; }
  exec /bin/cat "$FAKE_DIR/crontab"
fi
[ "$1" = "-" ] && exec /bin/cat > "$FAKE_DIR/crontab"
exit 2
"""


@pytest.fixture
def fake_os(tmp_path) -> dict[str, object]:
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    env = {"PATH": str(bin_dir), "FAKE_DIR": str(state), "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def tool(name: str, script: str) -> None:
        path = bin_dir / name
        path.write_text(script, encoding="utf-8")
        path.chmod(0o755)

    return {"env": env, "state": state, "tool": tool, "units": tmp_path / "config" / "systemd" / "user"}


def calls(state: Path, tool: str) -> list[str]:
    log = state / f"{tool}.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_systemd_timer_installed_reported_and_removed(fake_os):
    fake_os["tool"]("systemctl", SYSTEMCTL)
    env, state, units = fake_os["env"], fake_os["state"], fake_os["units"]
    installed = run("watch", "schedule", "install", "--every", "15", env=env)
    assert installed.returncode == 0, text(installed.stderr)
    assert "systemd 用户定时器，每 15 分钟" in text(installed.stdout)
    service, timer = units / "xianyu-desktop-poll.service", units / "xianyu-desktop-poll.timer"
    exec_line = next(x for x in service.read_text().splitlines() if x.startswith("ExecStart="))
    home = os.environ["XIANYU_DESKTOP_HOME"]
    assert f'"{sys.executable}" "-m" "xianyu_desktop" "--home" "{Path(home).resolve()}" "watch" "poll"' in exec_line
    assert "OnUnitActiveSec=15min" in timer.read_text()
    assert calls(state, "systemctl")[-2:] == ["--user daemon-reload", "--user enable --now xianyu-desktop-poll.timer"]

    status = run("watch", "schedule", "status", env=env)
    assert status.returncode == 0 and "已安装：systemd 用户定时器，每 15 分钟" in text(status.stdout)
    assert "watch poll 还没有运行过" in text(status.stdout)

    removed = run("watch", "schedule", "remove", env=env)
    assert removed.returncode == 0 and "已移除：systemd 用户定时器" in text(removed.stdout)
    assert not service.exists() and not timer.exists()
    assert "--user disable --now xianyu-desktop-poll.timer" in calls(state, "systemctl")
    assert "未安装" in text(run("watch", "schedule", "status", env=env).stdout)
    assert "无需移除" in text(run("watch", "schedule", "remove", env=env).stdout)


def test_cron_when_the_user_systemd_does_not_answer_keeping_the_sellers_lines(fake_os):
    fake_os["tool"]("systemctl", SYSTEMCTL)
    fake_os["tool"]("crontab", CRONTAB)
    env = {**fake_os["env"], "FAKE_SYSTEMD_USER": "1"}
    state: Path = fake_os["state"]
    (state / "crontab").write_text("MAILTO=\n5 4 * * * /usr/bin/backup\n", encoding="utf-8")
    installed = run("watch", "schedule", "install", env=env)
    assert installed.returncode == 0, text(installed.stderr)
    crontab = (state / "crontab").read_text(encoding="utf-8")
    assert crontab.startswith("MAILTO=\n5 4 * * * /usr/bin/backup\n")
    ours = crontab.splitlines()[-1]
    assert ours.startswith("*/10 * * * * ") and " watch poll >/dev/null 2>&1 # xianyu-desktop watch schedule" in ours
    assert not fake_os["units"].exists()  # no unit files for a manager that is not there
    assert "cron（用户的 crontab），每 10 分钟" in text(run("watch", "schedule", "status", env=env).stdout)

    again = run("watch", "schedule", "install", "--every", "60", env=env)
    assert again.returncode == 0
    crontab = (state / "crontab").read_text(encoding="utf-8")
    assert crontab.count("xianyu-desktop watch schedule") == 1 and "\n0 * * * * " in crontab

    removed = run("watch", "schedule", "remove", env=env)
    assert removed.returncode == 0 and "cron" in text(removed.stdout)
    assert (state / "crontab").read_text(encoding="utf-8") == "MAILTO=\n5 4 * * * /usr/bin/backup\n"


def test_a_refused_timer_exits_3_and_leaves_nothing_behind(fake_os):
    fake_os["tool"]("systemctl", SYSTEMCTL)
    env = {**fake_os["env"], "FAKE_ENABLE_FAILS": "1"}
    refused = run("watch", "schedule", "install", env=env)
    assert_plain_failure(refused, 3, "Access denied")
    assert list(fake_os["units"].iterdir()) == []
    assert "未安装" in text(run("watch", "schedule", "status", env=env).stdout)


def test_no_scheduler_at_all_exits_3_saying_so(fake_os):
    refused = run("watch", "schedule", "install", env=fake_os["env"])  # PATH holds neither tool
    assert_plain_failure(refused, 3, "没有可用的计划任务程序")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("install", "--every", "0"), "1–60"),
        (("install", "--every", "soon"), "参数错误"),
        (("start",), "参数错误"),
        ((), "参数错误"),
    ],
)
def test_usage_errors_exit_2(fake_os, args, words):
    assert_plain_failure(run("watch", "schedule", *args, env=fake_os["env"]), 2, words)


def test_status_names_the_last_run_of_watch_poll(fake_os, sandbox):
    env = {**fake_os["env"], **sandbox_env(sandbox)}
    ids = sandbox.state.catalogue.demo_ids(2)
    assert run("watch", "add", *ids, env=env).returncode == 0
    polled = run("watch", "poll", env=env)
    assert polled.returncode == 0, text(polled.stderr)
    status = text(run("watch", "schedule", "status", env=env).stdout)
    assert "watch poll 上次运行：" in status and "（北京时间）" in status
    assert json.loads(text(run("watch", "list", "--json", env=env).stdout))[0]["last_checked"] is not None
