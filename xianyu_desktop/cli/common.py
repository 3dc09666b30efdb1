"""Shared CLI plumbing: UTF-8 consoles, reading pasted text, reporting link problems."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path

from xianyu_desktop.core.importer import decode_text
from xianyu_desktop.core.links import LinkProblem


class UsageError(Exception):
    """Bad input or configuration: one plain line, exit 2."""


def setup_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def read_inputs(files: Iterable[str]) -> str:
    parts: list[str] = []
    for name in files:
        path = Path(name)
        try:
            parts.append(decode_text(path.read_bytes()))
        except FileNotFoundError:
            raise UsageError(f"找不到文件：{name}") from None
        except IsADirectoryError:
            raise UsageError(f"这是一个文件夹，不是文件：{name}") from None
        except PermissionError:
            raise UsageError(f"没有权限读取文件：{name}") from None
        except OSError as exc:
            raise UsageError(f"无法读取文件 {name}：{exc.strerror or exc}") from None
    return "\n".join(parts)


def read_stdin() -> str:
    return decode_text(sys.stdin.buffer.read())


def report_problems(problems: Iterable[LinkProblem]) -> int:
    count = 0
    for problem in problems:
        print(f"{problem.reason}\t{problem.text}\t{problem.message}", file=sys.stderr)
        count += 1
    return count
