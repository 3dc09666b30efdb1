"""Every path the app writes to, from one place.

``XIANYU_DESKTOP_HOME``, when set, holds everything (config, data, cache, logs): tests and portable
installs point it at a folder of their own. Otherwise platformdirs decides per OS.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

from xianyu_desktop import APP_NAME

ENV_HOME = "XIANYU_DESKTOP_HOME"


class AppPaths(NamedTuple):  # a NamedTuple, not a dataclass: dataclasses would add ~2 ms to start-up
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    def ensure(self) -> AppPaths:
        """Every folder made, and made private with all it holds (0700 folders, 0600 files): a profile
        an older version left readable by others is fixed here, at each open."""
        from xianyu_desktop.core.storage.private_files import make_tree_private, private_folder

        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            private_folder(folder)
            make_tree_private(folder)
        return self


def app_paths(environ: dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get(ENV_HOME, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_log_dir),
    )


def demo_paths(paths: AppPaths) -> AppPaths:
    """Demo data lives in a profile of its own, so it never mixes with the real watchlist."""
    return AppPaths(
        paths.config_dir / "demo", paths.data_dir / "demo", paths.cache_dir / "demo", paths.log_dir / "demo"
    )
