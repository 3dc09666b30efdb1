"""The demo's sandbox gateway as a process of its own (``xianyu-desktop sandbox``), as a real gateway is.

Embedded in the window's process, the sandbox's request threads (signature checks, the catalogue's
listings, JSON) took the GIL from the GUI thread during a lookup: ~190 ms of GIL in a 4-second, 50-item
lookup, in slices long enough to make the window's frames late. In a process of its own they run on the
other core. The child serves until its stdin closes, so it ends with the window however the window ends
(a crash or a kill included). No Qt here."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from typing import IO

from xianyu_desktop.sandbox.server import GATEWAY_PATH, SandboxOptions

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0


class SandboxStartError(RuntimeError):
    """The sandbox process did not start (or did not say its URL in time)."""


def sandbox_command(options: SandboxOptions) -> list[str]:
    """How to run ``xianyu-desktop sandbox`` with ``options``: the frozen app runs itself, a source install
    runs the package with the same interpreter."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "xianyu_desktop"]
    return [
        *program, "sandbox", "--until-stdin-closes",
        "--host", options.host, "--port", str(options.port), "--latency-ms", repr(options.latency_ms),
        "--fault-rate", repr(options.fault_rate), "--seed", str(options.seed), "--speed", repr(options.speed),
        *(["--no-limits"] if options.no_limits else []),
    ]  # fmt: skip


class SandboxProcess:
    """``xianyu-desktop sandbox`` in a child process, with the face the session needs of a gateway
    (``url``, ``base_url``, ``stop``). ``start`` blocks until the child has said its URL: call it off
    the GUI thread."""

    def __init__(self, options: SandboxOptions | None = None) -> None:
        self.options = options or SandboxOptions()
        self._proc: subprocess.Popen[str] | None = None
        self.base_url = ""

    @property
    def url(self) -> str:
        """The endpoint to configure as the gateway, like the seed's …/router/rest."""
        return self.base_url + GATEWAY_PATH

    def start(self) -> SandboxProcess:
        """Raises SandboxStartError when the child does not start or says no URL within START_TIMEOUT_S."""
        try:
            self._proc = subprocess.Popen(
                sandbox_command(self.options),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
            )
        except OSError as exc:
            raise SandboxStartError(f"cannot start the sandbox process: {exc}") from exc
        assert self._proc.stdout is not None
        line = _read_line(self._proc.stdout, START_TIMEOUT_S)
        url = line.strip()
        if not url.startswith("http://") or not url.endswith(GATEWAY_PATH):
            self.stop()
            raise SandboxStartError(f"the sandbox process did not start (it said {url!r})")
        self.base_url = url.removesuffix(GATEWAY_PATH)
        return self

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # the child's signal to stop
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.warning("the sandbox process did not stop in 5 s: killed")
            proc.kill()
            proc.wait(timeout=5)
        finally:
            if proc.stdout is not None:
                proc.stdout.close()

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _read_line(stream: IO[str], timeout: float) -> str:
    """The stream's first line, or "" after ``timeout`` seconds (a thread reads: pipes have no portable
    timeout)."""
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(stream.readline()), name="sandbox-start", daemon=True)
    reader.start()
    reader.join(timeout)
    return got[0] if got else ""
