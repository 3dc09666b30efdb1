"""This program's own command line, as the operating system should start it, and the quoting each
place that stores a command line wants (a desktop entry, a systemd unit, a shell, Windows)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_HOME = "XIANYU_DESKTOP_HOME"  # paths.ENV_HOME, written out: core does not import the app's paths module
_SHELL_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def program_command(*, windowless: bool = False) -> list[str]:
    """The frozen executable, or this interpreter running the package. ``windowless``: on Windows the
    interpreter that opens no console (pythonw.exe), for starting the window at login."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    python = Path(sys.executable)
    if windowless and sys.platform == "win32":
        pythonw = python.with_name("pythonw.exe")
        if pythonw.is_file():
            python = pythonw
    return [str(python), "-m", "xianyu_desktop"]


def profile_options(environ: Mapping[str, str] | None = None) -> list[str]:
    """``--home DIR`` when this run's profile lives in XIANYU_DESKTOP_HOME: the scheduled or autostarted
    program must use the same data folder, and a login session or a scheduler does not have this
    shell's environment. Without it the platform's folders apply there too."""
    env = os.environ if environ is None else environ
    home = env.get(ENV_HOME, "").strip()
    return ["--home", str(Path(home).expanduser().resolve())] if home else []


def shell_quote(arg: str) -> str:
    """POSIX sh quoting (what shlex.quote does), for a crontab line."""
    if arg and _SHELL_SAFE.fullmatch(arg):
        return arg
    return "'" + arg.replace("'", "'\"'\"'") + "'"


def desktop_exec(command: Sequence[str]) -> str:
    """The Exec= value of a desktop entry (freedesktop Desktop Entry spec, "The Exec key"): an argument
    with a reserved character in double quotes, with ``"`` `` ` `` ``$`` ``\\`` escaped inside; then the
    string escape of the file applies to backslashes again (a literal backslash is four), and ``%`` is a
    field code unless doubled."""
    parts = []
    for arg in command:
        if arg and not _DESKTOP_RESERVED.intersection(arg):
            quoted = arg
        else:
            inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            quoted = f'"{inner}"'
        parts.append(quoted.replace("\\", "\\\\").replace("%", "%%"))
    return " ".join(parts)


def systemd_exec(command: Sequence[str]) -> str:
    """ExecStart= of a systemd unit: each argument double-quoted with C escapes; ``%`` (specifiers) and
    ``$`` (variables) doubled."""
    parts = []
    for arg in command:
        inner = arg.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        parts.append('"' + inner.replace("%", "%%").replace("$", "$$") + '"')
    return " ".join(parts)


def windows_command_line(command: Sequence[str]) -> str:
    """One Windows command line (the C runtime's quoting, as CreateProcess hands it to the program)."""
    return subprocess.list2cmdline(list(command))
