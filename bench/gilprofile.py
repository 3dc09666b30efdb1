"""The profiler's view of a benchmark phase: with BENCH_PYSPY=<folder> set, each Heartbeat phase runs
``py-spy record`` on this very process for as long as the phase lasts (two samplers: which thread held
the GIL, and the GUI thread's own stacks), and ``summary`` names what held them,
in milliseconds. A measuring instrument for the benches (py-spy is a dev tool, not a dependency of the
app); without BENCH_PYSPY nothing runs."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

RATE = 200  # samples per second: 5 ms a sample
_THREAD = re.compile(r"^thread \((\d+)\)(?:: ([^;]*))?;?")
_FRAME = re.compile(r"^(\S+) \(([^:]*):?\d*\)$")


def _py_spy() -> str | None:
    local = Path(sys.executable).with_name("py-spy")
    return str(local) if local.exists() else shutil.which("py-spy")


class PhaseProfile:
    """Two py-spy samplers over one phase: ``gil`` (only the thread holding the GIL is sampled) and
    ``gui`` (the GUI thread whenever it is on a CPU)."""

    def __init__(self, label: str) -> None:
        self.label = label
        folder = os.environ.get("BENCH_PYSPY")
        self.folder = Path(folder) if folder else None
        self._procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        tool = _py_spy()
        if self.folder is None or tool is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        pid = str(os.getpid())
        common = [tool, "record", "--pid", pid, "--threads", "-r", str(RATE), "-f", "raw"]
        # BENCH_PYSPY_NATIVE=1: the GUI thread's native (Qt) frames too; py-spy then pauses the process for
        # each sample, which lengthens the gaps: for the proportions only, not for the figures.
        gui = ["--native"] if os.environ.get("BENCH_PYSPY_NATIVE") else ["--nonblocking"]
        for kind, extra in (("gil", ["--gil", "--nonblocking"]), ("gui", gui)):
            out = self.folder / f"{self.label}-{kind}.txt"
            command = [*common, *extra, "-o", str(out)]
            self._procs.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def stop(self) -> None:
        for proc in self._procs:
            proc.send_signal(signal.SIGINT)
        for proc in self._procs:
            proc.wait(timeout=30)
        self._procs.clear()


def _stacks(path: Path) -> list[tuple[str, list[str], int]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, count = line.rpartition(" ")
        match = _THREAD.match(body)
        if not match or not count.isdigit():
            continue
        name = match.group(2) or "?"
        frames = [f for f in body[match.end() :].split(";") if f]
        rows.append((name, frames, int(count)))
    return rows


def _place(frames: list[str]) -> str:
    """The innermost frame of our own code (the app or the bench), else the innermost frame."""
    for frame in reversed(frames):
        if "xianyu_desktop/" in frame or "bench/" in frame:
            inner = f" → {frames[-1].split(' (')[0]}" if frames[-1] != frame else ""
            return f"{frame.split(' (')[0]} ({frame.rsplit('/', 1)[-1]}{inner}"
    return frames[-1] if frames else "?"


def _thread_kind(name: str) -> str:
    return re.sub(r"[_-]?\d+$", "", re.sub(r" \(.*\)$", "", name)) or name


def summary(label: str, seconds: float, top: int = 6) -> list[str]:
    """Markdown lines: per kind of thread, the ms it held the GIL in the phase, and the GUI thread's top
    places (ms on a CPU). Empty when the phase was not profiled."""
    folder = os.environ.get("BENCH_PYSPY")
    if not folder:
        return []
    ms = 1000 / RATE
    lines = [f"py-spy, {label} ({seconds:.1f} s; a sample = {ms:.0f} ms):"]
    gil = Path(folder) / f"{label}-gil.txt"
    if gil.exists():
        held: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for name, frames, count in _stacks(gil):
            held[_thread_kind(name)] += count
            places[f"{_thread_kind(name)}: {_place(frames)}"] += count
        lines.append("- GIL held: " + ", ".join(f"{k} {n * ms:.0f} ms" for k, n in held.most_common(top)))
        lines += [f"  - {p}: {n * ms:.0f} ms" for p, n in places.most_common(top)]
    gui = Path(folder) / f"{label}-gui.txt"
    if gui.exists():
        places = Counter()
        for name, frames, count in _stacks(gui):
            if name == "MainThread":
                places[_place(frames)] += count
        total = sum(places.values())
        lines.append(f"- GUI thread on a CPU: {total * ms:.0f} ms")
        lines += [f"  - {p}: {n * ms:.0f} ms" for p, n in places.most_common(top)]
    return lines
