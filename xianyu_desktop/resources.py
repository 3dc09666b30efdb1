"""Where the app's resources (icon, style sheet, translations) are: beside the package in a source
checkout, inside the bundle when frozen by PyInstaller."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path | None:
    path = resource_dir().joinpath(*parts)
    return path if path.exists() else None
