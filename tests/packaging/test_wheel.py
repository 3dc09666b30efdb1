"""The package as pip installs it: the sdist built from a clean copy of the source, the wheel built from that
sdist (what ``pip install xianyu-desktop`` does from an index), installed with pip into a folder, and both
interface languages loaded from there. Takes ~15 s (the build environments come from pip's cache)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.qm", "bench"
)
CATALOGUES = tuple(f"xianyu_desktop/_resources/i18n/xianyu_desktop_{lang}.qm" for lang in ("en", "zh_CN"))

# Run with -S: the test environment's .pth files (its editable install of this checkout) stay out, so
# xianyu_desktop can only come from the folder pip installed into; PySide6 comes from the environment.
CHECK_INSTALLED = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1]]
sys.path.append(sys.argv[2])
from PySide6.QtCore import QCoreApplication
import xianyu_desktop
from xianyu_desktop import i18n
from xianyu_desktop.resources import resource, resource_dir

site = Path(sys.argv[1]).resolve()
assert Path(xianyu_desktop.__file__).resolve().is_relative_to(site), xianyu_desktop.__file__
assert resource_dir().is_relative_to(site), resource_dir()
assert resource("icons", "xianyu-desktop-256.png") is not None and resource("style.qss") is not None
assert resource("market", "vocabulary.json") is not None
app = QCoreApplication([])
assert i18n.install_translators(app, "en"), "English missing"
print(QCoreApplication.translate("core", "在售"))
assert i18n.install_translators(app, "zh_CN")
print(QCoreApplication.translate("core", "在售"))
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_pip_install_from_the_sdist_carries_both_compiled_catalogues(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT)
    run(sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path / "dist", source)
    (sdist,) = (tmp_path / "dist").glob("xianyu_desktop-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("resources/i18n/xianyu_desktop_en.ts") for n in names)
    assert any(n.endswith("/setup.py") for n in names)
    assert not any(n.endswith(".qm") for n in names)  # built from the .ts by the wheel build, never shipped stale

    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", tmp_path / "wheels", sdist)
    (wheel,) = (tmp_path / "wheels").glob("xianyu_desktop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in CATALOGUES:
            assert archive.getinfo(name).file_size > 1000, name

    site = tmp_path / "site"
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", site, wheel)
    packages = sysconfig.get_path("purelib")
    # cwd: not the source checkout, whose resources/ must not be what is found
    shown = run(sys.executable, "-S", "-c", CHECK_INSTALLED, site, packages, cwd=tmp_path)
    assert shown.stdout.split() == ["On", "sale", "在售"]
