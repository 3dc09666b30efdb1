"""The build hook: a wheel carries the app's resources (icon, style sheet) and the compiled interface
catalogues, so ``pip install`` gets both languages, and the market vocabulary.

The .qm catalogues are built here from the .ts sources with lrelease from PySide6 (a build requirement in
pyproject.toml), rather than committed: a committed binary drifts from its .ts each time a string changes,
and lrelease is already in the build environment because the app itself needs PySide6. A catalogue that
cannot be built fails the build: a wheel without English is never made. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "resources"
PACKAGE = "xianyu_desktop"
INSTALLED = "_resources"  # xianyu_desktop/_resources in the wheel: xianyu_desktop/resources.py looks there
COPIED = ("style.qss", "icons", "market")
# PySide6's own wrapper finds the lrelease binary it ships on every platform (PySide6/lrelease[.exe], or
# inside the Qt folder on macOS), whatever the scripts folder of the build environment is called.
LRELEASE = "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())"


def compile_catalogue(ts: Path, qm: Path) -> None:
    """Raises RuntimeError with lrelease's own words when the catalogue cannot be built."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", LRELEASE, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True
    )
    if done.returncode != 0 or not qm.is_file() or qm.stat().st_size == 0:
        raise RuntimeError(f"lrelease could not build {qm.name} from {ts}: {(done.stderr or done.stdout).strip()}")


class BuildPyWithResources(build_py):
    """build_py, plus the resources copied into the package and the catalogues compiled into it."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads resources/ in the source tree (make translations builds the .qm)
        target = Path(self.build_lib) / PACKAGE / INSTALLED
        shutil.rmtree(target, ignore_errors=True)
        for name in COPIED:
            source = SOURCE / name
            if source.is_dir():
                shutil.copytree(source, target / name)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        sources = sorted((SOURCE / "i18n").glob("*.ts"))
        if not sources:
            raise RuntimeError(f"no translation sources (*.ts) in {SOURCE / 'i18n'}")
        for ts in sources:
            compile_catalogue(ts, target / "i18n" / ts.with_suffix(".qm").name)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if self.editable_mode:
            return outputs
        target = Path(self.build_lib) / PACKAGE / INSTALLED
        return outputs + [str(p) for p in sorted(target.rglob("*")) if p.is_file()]


setup(cmdclass={"build_py": BuildPyWithResources})
