"""A smaller ICU data library for the frozen app (build.spec, Linux): PySide6's libicudata.so.73 is 32 MB of
ICU data (every locale's names of languages, regions, currencies and units, break-iterator dictionaries,
transliterators, 190 legacy code pages), linked by QtCore. Qt uses ICU for collation, time-zone display
names and code-page conversion; it keeps its own CLDR tables for QLocale and its own text boundaries. So
the copy bundled keeps root, Chinese and English locale data, collation and zones, normalisation, the
converters' alias table and the Chinese and web code pages, and leaves out the rest.

It needs ICU's icupkg (Debian/Ubuntu: icu-devtools) and a C compiler; without them the full library is
bundled (and .ci/check-package says the folder is too big).

Run: python tools/slim_icu.py LIBICUDATA OUT_DIR (prints the new library's path, or nothing)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DROPPED_TREES = ("translit/", "rbnf/", "unit/", "curr/", "lang/", "region/", "brkitr/")
KEPT_LOCALES = ("root", "zh", "en")
KEPT_CONVERTERS = ("gb18030", "windows-936-2000", "windows-950-2000", "ibm-5348_P100-1997", "ibm-1386_P100-2001")
_LOCALE_ITEM = re.compile(r"^(?:coll/|zone/)?([a-z]{2,3}(?:_[A-Za-z0-9]*)*)\.res$")
_MISSING = re.compile(r"depends on missing item (\S+)")


def kept(item: str) -> bool:
    if item.startswith(DROPPED_TREES):
        return False
    if item.endswith(".cnv"):
        return item.removesuffix(".cnv") in KEPT_CONVERTERS
    locale = _LOCALE_ITEM.match(item)
    if locale and locale.group(1) not in ("res_index", "pool"):
        return locale.group(1).split("_")[0] in KEPT_LOCALES
    return True


def slim(library: Path, out_dir: Path) -> Path | None:
    """The trimmed library in ``out_dir``, or None when the tools are missing or a step fails."""
    tools = [shutil.which(name) for name in ("icupkg", "objcopy", "cc")]
    if None in tools:
        return None
    icupkg, objcopy, cc = (str(tool) for tool in tools)
    symbol = re.search(r"libicudata\.so\.(\d+)", library.name)
    if symbol is None:
        return None
    name = f"icudt{symbol.group(1)}"
    out_dir.mkdir(parents=True, exist_ok=True)
    # icupkg names the items inside after the output file (icudt73l/coll/zh.res): same name, own folder.
    full, small = out_dir / f"{name}l.dat", out_dir / "slim" / f"{name}l.dat"
    small.parent.mkdir(exist_ok=True)
    # The library is the data package itself, as ICU's genccode wrapped it: one symbol in .rodata.
    run([objcopy, "-O", "binary", "--only-section=.rodata", str(library), str(full)])
    items = run([icupkg, "-l", str(full)]).split()
    dropped = [item for item in items if not kept(item)]
    if not items or not dropped:
        return None
    for _ in range(5):  # icupkg refuses to drop what a kept item needs: keep that too, and try again
        (out_dir / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="ascii")
        small.unlink(missing_ok=True)
        done = subprocess.run(
            [icupkg, "-r", str(out_dir / "dropped.txt"), str(full), str(small)], capture_output=True, text=True
        )
        needed = set(_MISSING.findall(done.stderr))
        if done.returncode == 0 and not needed:
            break
        if not needed:
            return None
        dropped = [item for item in dropped if item not in needed]
    else:
        return None
    source = out_dir / f"{name}.S"
    source.write_text(
        f"\t.section .rodata\n\t.balign 16\n\t.globl {name}_dat\n\t.type {name}_dat, @object\n"
        f'{name}_dat:\n\t.incbin "{small}"\n\t.size {name}_dat, . - {name}_dat\n'
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    target = out_dir / library.name
    run([cc, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target), str(source)])
    return target


def run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main() -> None:
    built = slim(Path(sys.argv[1]), Path(sys.argv[2]))
    if built is not None:
        print(built)


if __name__ == "__main__":
    main()
