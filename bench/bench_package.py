"""Footprint: the one-folder app `make package` builds (PyInstaller, build.spec), measured as the bytes of
its files (apparent size, symlinks not followed) in the folder `make package` left in dist/ (building it
takes minutes, so `make bench` reads it rather than rebuilding: run `make package` first). Side by side
with the previous size (227 MB, read as du -h reads, in MiB, before build.spec left out what the app
never uses) and the goal (at most 120 MiB; .ci/check-package fails past it). Then what takes the space,
by part, largest first.

Run: .venv/bin/python bench/bench_package.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dist" / "xianyu-desktop"
PREVIOUS_MIB = 227
GOAL_MIB = 120
MIB = 2**20


def part_of(relative: Path) -> str:
    """The part a file belongs to: Qt libraries, plugins and translations, each Python package, the
    shared libraries at the top."""
    parts = relative.parts
    if parts[0] != "_internal":
        return "the program (Python code, compressed)"
    inner = parts[1:]
    if inner[:2] == ("PySide6", "Qt") and len(inner) > 3:
        return "/".join(inner[:4]) if inner[2] == "lib" else "/".join(inner[:3])
    if inner[0] == "PySide6":
        return "PySide6 (Python bindings)"
    if len(inner) == 1:
        return "other shared libraries (top)" if ".so" in inner[0] or inner[0].endswith(".dll") else inner[0]
    return inner[0]


def sizes(folder: Path) -> Counter[str]:
    counted: Counter[str] = Counter()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            counted[part_of(path.relative_to(folder))] += path.stat().st_size
    return counted


def main() -> int:
    if not (FOLDER / "_internal").is_dir():
        print(f"no one-folder app in {FOLDER.relative_to(ROOT)}: run `make package` first (it builds it)")
        return 1
    counted = sizes(FOLDER)
    total = sum(counted.values())
    print("# The one-folder app (`make package`)")
    print()
    print(f"read from {FOLDER.relative_to(ROOT)} as `make package` left it (not rebuilt here)")
    print()
    print("| | size |")
    print("|---|---|")
    print(f"| before (previous `make bench`, du -h) | {PREVIOUS_MIB} MiB |")
    print(f"| now | {total / MIB:.1f} MiB ({total / 1e6:.1f} MB, {total:,} bytes) |")
    print(f"| goal | at most {GOAL_MIB} MiB |")
    print()
    verdict = "PASS" if total <= GOAL_MIB * MIB else "FAIL"
    print(f"{total / MIB:.1f} MiB, {PREVIOUS_MIB / (total / MIB):.1f}x smaller than before; goal: {verdict}")
    print()
    print("| part | MiB |")
    print("|---|---|")
    for part, size in counted.most_common(15):
        print(f"| {part} | {size / MIB:.1f} |")
    rest = total - sum(size for _, size in counted.most_common(15))
    print(f"| everything else ({len(counted) - 15} parts) | {rest / MIB:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
