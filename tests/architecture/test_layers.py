"""The layer contracts of pyproject.toml ([tool.importlinter]) are checked by `make test` (lint-imports).
These tests show they bite: a copy of the package with one forbidden import added fails the check,
naming the contract, while the copy as it is passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "xianyu_desktop", tmp_path / "xianyu_desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def add_import(folder: Path, module: str, line: str) -> None:
    path = folder / (module.replace(".", "/") + ".py")
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("from __future__ import annotations\n")
    path.write_text(head + sep + line + "\n" + rest, encoding="utf-8")


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("xianyu_desktop.core.gateway.signing", "import PySide6.QtCore", "core imports no Qt"),
        ("xianyu_desktop.core.items.links", "import xianyu_desktop.ui.formatting", "core imports no Qt"),
        ("xianyu_desktop.core.gateway.client", "import xianyu_desktop.core.storage.db", "the gateway never imports"),
        ("xianyu_desktop.sandbox.catalogue", "import xianyu_desktop.core.storage.store", "the sandbox uses only"),
        ("xianyu_desktop.ui.tables", "import xianyu_desktop.sandbox.server", "the window reaches the sandbox"),
        ("xianyu_desktop.core.items.item", "import xianyu_desktop.core.watch.rules", "core's parts stand in layers"),
    ],
    ids=["qt-in-core", "ui-in-core", "storage-in-gateway", "storage-in-sandbox", "sandbox-in-ui", "layers"],
)
def test_a_forbidden_import_fails_the_check_naming_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    folder = copy_of_the_package(tmp_path)
    add_import(folder, module, line)
    result = lint_imports(folder)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
