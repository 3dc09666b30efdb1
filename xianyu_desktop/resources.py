"""Where the app's resources (icon, style sheet, translations, the market vocabulary) are: inside the
bundle when frozen by PyInstaller, inside the package when installed from a wheel (setup.py's build hook
puts them in xianyu_desktop/_resources, catalogues compiled), beside the package in a source checkout or
editable install."""

from __future__ import annotations

import sys
from pathlib import Path

INSTALLED = "_resources"  # setup.py: INSTALLED


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / INSTALLED
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource(*parts: str) -> Path | None:
    path = resource_dir().joinpath(*parts)
    return path if path.exists() else None
