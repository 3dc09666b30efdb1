"""Run `xianyu-desktop sandbox` as a separate process for benchmarks (so it does not share our GIL)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx


@contextmanager
def sandbox_process(*options: str) -> Iterator[str]:
    command = [sys.executable, "-m", "xianyu_desktop", "sandbox", *options]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().strip()
            if not url.startswith("http://127.0.0.1:"):
                raise RuntimeError(f"sandbox did not start: {url!r}")
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def base_of(url: str) -> str:
    return url.removesuffix("/router/rest")


def stats(url: str) -> dict[str, Any]:
    return dict(httpx.get(base_of(url) + "/_sandbox/stats", timeout=10).json())


def demo_ids(url: str, n: int) -> list[str]:
    return list(httpx.get(base_of(url) + f"/_sandbox/catalogue?n={n}", timeout=10).json()["item_ids"])
