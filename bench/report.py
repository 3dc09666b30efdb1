"""make bench: runs every benchmark in bench/ and writes docs/benchmarks.md with each figure, its
method (the script's own description), the machine and the side-by-side baseline it prints."""

from __future__ import annotations

import ast
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = [
    "bench_batch_fetch.py",
    "bench_extract.py",
    "bench_cache.py",
    "bench_sandbox.py",
    "bench_gui_heartbeat.py",
    "bench_watch_2000.py",
    "bench_export.py",
    "bench_search.py",
    "bench_market.py",
    "bench_startup.py",
    "bench_memory.py",
    "bench_package.py",  # reads the folder `make package` left (building it takes minutes)
]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(
            next(
                line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
            ).split()[1]
        )
        memory = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{memory}; {system}; Python {platform.python_version()}"


def method_of(script: Path) -> str:
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    return doc.split("\nRun:")[0].strip()


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min), {fifteen:.2f} (15 min) on {os.cpu_count()} cores"


def spread_of(output: str) -> str:
    """The lines a script prints as ``spread: ...`` (the range over its runs), or a note that it prints none."""
    lines = [line.split(":", 1)[1].strip() for line in output.splitlines() if line.lower().startswith("spread:")]
    return "; ".join(lines) if lines else "not printed by the script (a single measurement, or a median alone)."


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    parts = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.datetime.now():%Y-%m-%d %H:%M}. Machine: {machine()}.",
        "Every figure is measured by the script named in its section; none is a timed assertion in the tests.",
        "Every figure's baseline (the idle window, the seed's client, pandas, the previous size, a bare window)"
        " is measured in the same run of the same script, on this machine, minutes apart at most: none is"
        " carried over from an earlier run. Where a script repeats its runs, its section gives the spread.",
        f"Load average when the benchmarks started: {load()}.",
    ]
    for name in BENCHES:
        script = ROOT / "bench" / name
        print(f"running {name} ...", file=sys.stderr, flush=True)
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800, check=False
        )
        output = result.stdout.strip() or result.stderr.strip()[-2000:]
        parts += ["", f"## `bench/{name}`", "", "**Method.** " + method_of(script).replace("\n", " ")]
        parts += ["", f"**Spread of runs.** {spread_of(output)}", "", output]
        if result.returncode != 0:
            parts.append(f"\n(exit status {result.returncode})")
    parts += ["", f"Load average when the benchmarks ended: {load()}."]
    target = ROOT / "docs" / "benchmarks.md"
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
