"""``xianyu-desktop sandbox``: the gateway URL on stdout's first line, then serve until stopped."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING

from xianyu_desktop.cli import EXIT_OK, EXIT_USAGE
from xianyu_desktop.core.net.netguard import is_loopback_host

if TYPE_CHECKING:
    from xianyu_desktop.sandbox.server import SandboxGateway


def _options_error(args: argparse.Namespace) -> str | None:
    if not 0 <= args.port <= 65535:
        return f"端口必须在 0–65535 之间，收到 {args.port}"
    if args.latency_ms < 0 or args.latency_ms > 60_000:
        return f"--latency-ms 必须在 0–60000 之间，收到 {args.latency_ms:g}"
    if not 0 <= args.fault_rate <= 1:
        return f"--fault-rate 必须在 0–1 之间，收到 {args.fault_rate:g}"
    if not 0 < args.speed <= 1_000_000:
        return f"--speed 必须大于 0，收到 {args.speed:g}"
    return None


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop_when_stdin_closes(gateway: SandboxGateway) -> None:
    """The parent (the window) closed our stdin, or ended: stop serving."""
    if sys.stdin is None:  # no stdin to watch (a windowed build's child): SIGTERM or the parent's kill
        return
    while sys.stdin.buffer.read(4096):
        pass
    gateway.shutdown()


def run_sandbox(args: argparse.Namespace) -> int:
    from xianyu_desktop.sandbox.server import SANDBOX_APPS, SANDBOX_SECRET, SandboxGateway, SandboxOptions

    problem = _options_error(args)
    if problem:
        print(f"xianyu-desktop sandbox: {problem}", file=sys.stderr)
        return EXIT_USAGE
    options = SandboxOptions(
        host=args.host,
        port=args.port,
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        no_limits=args.no_limits,
        seed=args.seed,
        speed=args.speed,
    )
    try:
        gateway = SandboxGateway(options)
    except OSError as exc:
        print(
            f"xianyu-desktop sandbox: 无法监听 {args.host}:{args.port}：{exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(gateway.url, flush=True)
    if not is_loopback_host(args.host):
        print(f"注意：沙盒正在监听非本机地址 {args.host}，局域网内的其他电脑也能访问。", file=sys.stderr)
    keys = "、".join(SANDBOX_APPS)
    print(
        f"演示账号 app_key：{keys}；app_secret：{SANDBOX_SECRET}。按 Ctrl+C 停止。",
        file=sys.stderr,
        flush=True,
    )
    signal.signal(signal.SIGTERM, _stop)
    if args.until_stdin_closes:
        threading.Thread(target=_stop_when_stdin_closes, args=(gateway,), name="parent-watch", daemon=True).start()
    try:
        gateway.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        gateway.stop()
    return EXIT_OK
