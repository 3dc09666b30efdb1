"""A GUI-thread heartbeat: a 10 ms timer that records the gaps between its ticks. The longest gap is
how long the GUI thread was busy: what a seller feels as a frozen window.

Each phase also records the CPU time the virtual machine's host took from it ("steal" in /proc/stat, Linux):
a vCPU the host deschedules for tens of ms stops the window whatever the app does, and on the 2-core machine
of the benchmarks it comes in bursts (0 to 3 s of a 26 s phase). A run in which the host took more than
``STEAL_LIMIT`` of the machine's CPU time, in either phase, is shown but not counted; the runs go on until
``RUNS`` were left alone (at most three times as many tries, then every run counts, and the verdict says so).

A measuring instrument for the benchmarks, the GUI tests and tools/make_screenshots.py, not part of
the app, so it lives here rather than in the shipped package."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

from bench.gilprofile import PhaseProfile, summary


def run_queue_wait() -> tuple[float, int] | None:
    """The calling thread's time spent runnable but off a CPU (seconds) and how many times it got a CPU,
    so far (Linux schedstat; None elsewhere)."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stat:
            fields = stat.read().split()
        return int(fields[1]) / 1e9, int(fields[2])
    except (OSError, IndexError, ValueError):
        return None


class Heartbeat(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None, *, label: str = "phase") -> None:
        super().__init__(parent)
        self.label = label
        self._profile = PhaseProfile(label)
        self.seconds = self._started = 0.0
        # CPU time of the GUI thread (thread_time: this thread's own) and of the whole process over the
        # phase: what the window did, whatever the machine's load made of the gaps.
        self.gui_cpu_ms = self.process_cpu_ms = 0.0
        self._cpu_started = (0.0, 0.0)
        self.steal_ms: float | None = None  # CPU time the host took from the machine over the phase
        self._steal_started: float | None = None
        # The GUI thread's time runnable but waiting for a CPU over the phase, and its turns on one (Linux).
        self.gui_wait_ms: float | None = None
        self.gui_slices = 0
        self._wait_started: tuple[float, int] | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last: float | None = None

    def start(self) -> None:
        self.gaps.clear()
        self._profile.start()
        self._last = self._started = time.perf_counter()
        self._cpu_started = (time.thread_time(), time.process_time())
        self._steal_started = host_steal_ms()
        self._wait_started = run_queue_wait()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.seconds = time.perf_counter() - self._started
        self.gui_cpu_ms = (time.thread_time() - self._cpu_started[0]) * 1000
        self.process_cpu_ms = (time.process_time() - self._cpu_started[1]) * 1000
        steal = host_steal_ms()
        self.steal_ms = None if steal is None or self._steal_started is None else steal - self._steal_started
        wait = run_queue_wait()
        if wait is not None and self._wait_started is not None:
            self.gui_wait_ms = (wait[0] - self._wait_started[0]) * 1000
            self.gui_slices = wait[1] - self._wait_started[1]
        self._profile.stop()

    def profile_lines(self) -> list[str]:
        """What held the GIL and the GUI thread in this phase (with BENCH_PYSPY set; else nothing)."""
        return summary(self.label, self.seconds)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    @property
    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    def percentile_ms(self, fraction: float) -> float:
        if not self.gaps:
            return 0.0
        ordered = sorted(self.gaps)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def table_row(self, label: str) -> str:
        """A Markdown row for the benchmarks: | label | ticks | longest gap | 99th percentile gap |"""
        return f"| {label} | {len(self.gaps)} | {self.longest_ms:.1f} ms | {self.percentile_ms(0.99):.1f} ms |"


def host_steal_ms() -> float | None:
    """The CPU time the hypervisor has taken from this machine's CPUs since boot (all CPUs together), in
    ms; None where the system does not say (not Linux)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
        return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK")  # cpu user nice system idle iowait irq softirq steal
    except (OSError, IndexError, ValueError):
        return None


def run_events_for(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds (for scripts that drive the window: benchmarks,
    screenshots); the window keeps painting and signals keep arriving meanwhile."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# --- runs: each heartbeat bench measures RUNS times, each run in a fresh process ------------------------
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WITHIN_MS = 8.0  # the busy window's longest gap: at most this much above the idle one of the same run
UNDER_MS = 25.0  # and under this
STEAL_LIMIT = 0.01  # a phase in which the host took more than this share of the machine's CPU time is not counted
_MARK = "BENCH-RESULT "


def phase(beat: Heartbeat) -> dict[str, Any]:
    """What a run reports of one phase: the longest and 99th percentile gap, ticks, the profiler's lines."""
    return {"longest": beat.longest_ms, "p99": beat.percentile_ms(0.99), "ticks": len(beat.gaps),
            "seconds": beat.seconds, "gui_cpu_ms": beat.gui_cpu_ms, "process_cpu_ms": beat.process_cpu_ms,
            "steal_ms": beat.steal_ms, "cpus": os.cpu_count() or 1, "gui_wait_ms": beat.gui_wait_ms,
            "gui_slices": beat.gui_slices, "profile": beat.profile_lines()}  # fmt: skip


def steal_share(phase: dict[str, Any]) -> float | None:
    """The share of the machine's CPU time the host took during a phase (None: not known)."""
    if phase.get("steal_ms") is None:
        return None
    return float(phase["steal_ms"]) / max(1.0, phase["seconds"] * 1000 * phase["cpus"])


def left_alone(run: dict[str, Any]) -> bool:
    """Whether the host took at most STEAL_LIMIT of the machine in both phases (or nobody can tell)."""
    return all((steal_share(run[name]) or 0.0) <= STEAL_LIMIT for name in ("idle", "busy"))


def until_left_alone(run_one: Callable[[int], dict[str, Any]], runs: int = RUNS) -> list[dict[str, Any]]:
    """``run_one(n)`` until ``runs`` runs were left alone by the host, at most ``3 * runs`` tries: every
    try is returned (the verdict shows them all)."""
    results: list[dict[str, Any]] = []
    for n in range(3 * runs):
        results.append(run_one(n))
        if sum(left_alone(result) for result in results) >= runs:
            break
    return results


def repeated(run_once: Callable[[], dict[str, Any]], runs: int = RUNS) -> list[dict[str, Any]]:
    """Runs this script ``runs`` times, each in a fresh process (a fresh profile, a fresh sandbox): the
    child runs ``run_once`` and prints its result (with "idle" and "busy" phases); the parent gets them
    all. In a child this never returns."""
    if os.environ.get("BENCH_CHILD"):
        print(_MARK + json.dumps(run_once()), flush=True)
        raise SystemExit(0)

    def run_one(n: int) -> dict[str, Any]:
        out = subprocess.run(
            [sys.executable, sys.argv[0]], env={**os.environ, "BENCH_CHILD": "1"}, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        line = next((line for line in out.stdout.splitlines() if line.startswith(_MARK)), None)
        if line is None:
            raise SystemExit(f"a run failed (exit status {out.returncode}):\n{out.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(line.removeprefix(_MARK))
        return result

    return until_left_alone(run_one, runs)


def verdict_lines(runs: list[dict[str, Any]], busy_label: str) -> list[str]:
    """The runs side by side (idle baseline, busy, difference, the host's steal), their medians and
    spread, and PASS/FAIL for "the busy window's longest gap within 8 ms of the idle one and under 25 ms"
    (on the medians of the runs the host left alone, and also of every run); then the profiler's
    findings of the first run, when it ran."""
    lines = [
        f"| run | idle longest gap (baseline) | {busy_label}: longest gap | difference | busy 99th percentile "
        "| busy: GUI thread CPU / process CPU / wall | host steal: idle / busy | counted |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, run in enumerate(runs, 1):
        idle, busy = run["idle"], run["busy"]
        cpu = (f"{busy['gui_cpu_ms']:.0f} / {busy['process_cpu_ms']:.0f} / {busy['seconds'] * 1000:.0f} ms"
               if "gui_cpu_ms" in busy else "–")  # fmt: skip
        lines.append(f"| {n} | {idle['longest']:.1f} ms | {busy['longest']:.1f} ms "
                     f"| {busy['longest'] - idle['longest']:+.1f} ms | {busy['p99']:.1f} ms | {cpu} "
                     f"| {_steal_text(idle)} / {_steal_text(busy)} | {'yes' if left_alone(run) else 'no'} |"
                     )  # fmt: skip
    alone = [run for run in runs if left_alone(run)]
    counted = alone if len(alone) >= min(RUNS, len(runs)) else runs
    ok, median_line = _medians(counted, "runs the host left alone" if counted is alone else "runs")
    lines += ["", median_line]
    if counted is alone and len(alone) < len(runs):
        lines.append(_medians(runs, "runs, every one counted")[1])
    elif counted is runs and len(alone) < len(runs):
        lines.append(f"(fewer than {RUNS} runs in {len(runs)} tries were left alone by the host: every run counts)")
    lines.append(
        f"target (longest gap within {WITHIN_MS:.0f} ms of idle and under {UNDER_MS:.0f} ms, medians of the "
        f"counted runs): " + ("PASS" if ok else "FAIL")
    )
    if all(r["busy"].get("gui_wait_ms") is not None for r in runs):
        waits = ", ".join(f"{r['busy']['gui_wait_ms']:.0f} ms in {r['busy']['gui_slices']} turns" for r in runs)
        lines.append(f"busy: the GUI thread's run-queue wait (runnable, off a CPU) per run: {waits}")
    profile = runs[0]["idle"].get("profile", []) + runs[0]["busy"].get("profile", [])
    if profile:
        lines += ["", "Profiler (py-spy on the first run):", *profile]
    return lines


def _steal_text(phase: dict[str, Any]) -> str:
    share = steal_share(phase)
    return "–" if share is None else f"{phase['steal_ms']:.0f} ms ({share:.1%})"


def _medians(runs: list[dict[str, Any]], what: str) -> tuple[bool, str]:
    idles = [r["idle"]["longest"] for r in runs]
    busies = [r["busy"]["longest"] for r in runs]
    diffs = [b - i for b, i in zip(busies, idles, strict=True)]
    idle_m, busy_m, diff_m = statistics.median(idles), statistics.median(busies), statistics.median(diffs)
    line = (
        f"median of {len(runs)} {what}: idle {idle_m:.1f} ms (spread {min(idles):.1f}–{max(idles):.1f}), "
        f"busy {busy_m:.1f} ms (spread {min(busies):.1f}–{max(busies):.1f}), difference {diff_m:+.1f} ms "
        f"(spread {min(diffs):+.1f}–{max(diffs):+.1f})"
    )
    return diff_m <= WITHIN_MS and busy_m < UNDER_MS, line
