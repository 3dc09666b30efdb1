"""What each OS is given to start the window at login and to run ``watch poll`` on a schedule: pure
functions, checked here on every OS; the Linux autostart entry written and removed for real in a
temporary XDG_CONFIG_HOME."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys
from pathlib import Path

import pytest

from xianyu_desktop.core.background.autostart import (
    AGENT_LABEL,
    Autostart,
    autostart_command,
    desktop_entry,
    launch_agent,
)
from xianyu_desktop.core.background.launch import desktop_exec, profile_options, systemd_exec, windows_command_line
from xianyu_desktop.core.background.schedule import (
    CRON_MARK,
    check_minutes,
    cron_line,
    cron_minutes,
    crontab_entry,
    crontab_with,
    crontab_without,
    launchd_agent,
    poll_command,
    schtasks_create,
    schtasks_delete,
    schtasks_minutes,
    systemd_service,
    systemd_timer,
    timer_minutes,
)

AWKWARD = ["/opt/My Apps/python3", "-m", "xianyu_desktop", "--home", "/home/a b/100%$HOME\\x\"q'"]


def desktop_exec_args(value: str) -> list[str]:
    """Reads an Exec= value back as a desktop environment does: the string escapes, then %% → %, then
    the quoting rules (which are a shell's double quotes)."""
    unescaped = value.replace("\\\\", "\\").replace("%%", "%")
    args: list[str] = []
    current: str | None = None
    quoted = escaped = False
    for c in unescaped:
        if escaped:
            current, escaped = (current or "") + c, False
        elif quoted and c == "\\":
            escaped = True
        elif c == '"':
            quoted, current = not quoted, current or ""
        elif c == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + c
    return [*args, current] if current is not None else args


def test_the_desktop_entry_starts_the_same_command_minimised(monkeypatch):
    monkeypatch.setenv("XIANYU_DESKTOP_HOME", "/tmp/profile one")
    command = autostart_command()
    assert command[-3:] == ["--home", str(Path("/tmp/profile one").resolve()), "--minimized"]
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(desktop_entry(AWKWARD))
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["X-GNOME-Autostart-enabled"] == "true"
    assert desktop_exec_args(section["Exec"]) == AWKWARD


def test_desktop_exec_leaves_plain_arguments_bare_and_doubles_field_codes():
    assert desktop_exec(["/usr/bin/xianyu-desktop", "--minimized"]) == "/usr/bin/xianyu-desktop --minimized"
    assert desktop_exec(["a%b"]) == "a%%b"
    assert desktop_exec([""]) == '""'


def test_no_home_option_without_a_portable_profile():
    assert profile_options({}) == []
    assert profile_options({"XIANYU_DESKTOP_HOME": "  "}) == []


def test_the_launch_agent_runs_at_login_and_the_poll_agent_every_interval():
    login = plistlib.loads(launch_agent(AGENT_LABEL, AWKWARD))
    assert login == {"Label": AGENT_LABEL, "ProgramArguments": AWKWARD, "RunAtLoad": True, "ProcessType": "Interactive"}
    poll = plistlib.loads(launchd_agent([*AWKWARD, "watch", "poll"], 15))
    assert poll["StartInterval"] == 900 and poll["RunAtLoad"] is False
    assert poll["ProgramArguments"][-2:] == ["watch", "poll"] and poll["Label"] == "com.xianyu-desktop.poll"


def test_windows_command_lines_quote_spaces_and_quotes():
    line = windows_command_line(
        [r"C:\Program Files\Xianyu\xianyu-desktop.exe", "--home", r"D:\data dir", "--minimized"]
    )
    assert line == r'"C:\Program Files\Xianyu\xianyu-desktop.exe" --home "D:\data dir" --minimized'
    create = schtasks_create([r"C:\x y\a.exe", "watch", "poll"], 10)
    assert create == [
        "schtasks", "/Create", "/F", "/SC", "MINUTE", "/MO", "10",
        "/TN", "XianyuDesktopPoll", "/TR", r'"C:\x y\a.exe" watch poll',
    ]  # fmt: skip
    assert schtasks_delete() == ["schtasks", "/Delete", "/F", "/TN", "XianyuDesktopPoll"]


def test_the_interval_is_read_back_from_the_task_xml():
    assert schtasks_minutes("<Repetition><Interval>PT10M</Interval></Repetition>") == 10
    assert schtasks_minutes("<Interval>PT1H</Interval>") == 60
    assert schtasks_minutes("<Task/>") is None


def test_the_systemd_units_run_watch_poll_every_interval():
    command = [*AWKWARD, "watch", "poll"]
    service = systemd_service(command)
    assert "Type=oneshot" in service
    exec_line = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    # systemd's own reading: %% and $$ are single again, then the C-style double quotes.
    assert shlex.split(exec_line.removeprefix("ExecStart=").replace("%%", "%").replace("$$", "$")) == command
    timer = systemd_timer(15)
    assert "OnUnitActiveSec=15min" in timer and "WantedBy=timers.target" in timer
    assert "Unit=xianyu-desktop-poll.service" in timer and timer_minutes(timer) == 15
    assert systemd_exec(["a b"]) == '"a b"'


def test_the_crontab_line_replaces_only_its_own_line():
    theirs = "MAILTO=me@example.org\n5 4 * * * /usr/bin/backup --all\n"
    line = cron_line(["/opt/my apps/py", "-m", "xianyu_desktop", "watch", "poll"], 10)
    assert line == f"*/10 * * * * '/opt/my apps/py' -m xianyu_desktop watch poll >/dev/null 2>&1 {CRON_MARK}"
    once = crontab_with(theirs, line)
    assert once == theirs + line + "\n"
    again = crontab_with(once, cron_line(["/usr/bin/xianyu-desktop", "watch", "poll"], 60))
    assert again.count(CRON_MARK) == 1 and again.startswith(theirs)
    assert cron_minutes(crontab_entry(again) or "") == 60 and cron_minutes(line) == 10
    assert crontab_without(again) == theirs
    assert crontab_without("no newline at the end") == "no newline at the end\n"
    assert crontab_entry(theirs) is None


@pytest.mark.parametrize("minutes", [0, 61, -5])
def test_an_interval_outside_one_to_sixty_minutes_is_refused(minutes):
    with pytest.raises(ValueError, match="1–60"):
        check_minutes(minutes)


def test_the_poll_command_is_this_program_with_the_profile(monkeypatch):
    monkeypatch.setenv("XIANYU_DESKTOP_HOME", "/srv/xd")
    assert poll_command() == [
        sys.executable,
        "-m",
        "xianyu_desktop",
        "--home",
        str(Path("/srv/xd").resolve()),
        "watch",
        "poll",
    ]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert poll_command()[0] == sys.executable and poll_command()[1] == "--home"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG autostart folder is Linux's")
def test_linux_autostart_is_written_and_removed_in_the_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    autostart = Autostart()
    assert autostart.supported and not autostart.enabled()
    autostart.enable(["/usr/bin/xianyu-desktop", "--minimized"])
    entry = tmp_path / "cfg" / "autostart" / "xianyu-desktop.desktop"
    assert autostart.enabled() and autostart.where() == str(entry)
    assert "Exec=/usr/bin/xianyu-desktop --minimized\n" in entry.read_text(encoding="utf-8")
    autostart.disable()
    assert not entry.exists() and not autostart.enabled()
    autostart.disable()  # removing what is not there is not an error
