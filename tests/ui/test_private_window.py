"""Issue 12 item 9, the window's half: a demo profile made by the real window under a permissive umask
(store, cache, backups, app log, audit log, cached pictures, window.ini, ui.ini, a crash report) holds only
0700 folders and 0600 files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.e2e.test_private_files import modes_not_private, open_umask  # noqa: F401 (a fixture)
from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.crash import CrashHandler
from xianyu_desktop.i18n import save_language

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows uses ACLs")


def test_a_profile_made_by_the_window_is_private(qtbot, open_umask, open_window):  # noqa: F811
    window = open_window("--demo", "--sandbox-latency-ms", "10")
    home = Path(os.environ["XIANYU_DESKTOP_HOME"])
    services = window.session
    ids = services.demo_gateway.state.catalogue.demo_ids(3)
    lookup_and_wait(qtbot, window, "\n".join(ids))
    tab = window.lookup_tab
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: not tab.detail.picture.pixmap().isNull(), timeout=10_000)
    services.watchlist.add(ids)
    save_language(services.profile.paths.config_dir.parent, "zh_CN")
    report = CrashHandler(services.profile.paths.log_dir).write_report(ValueError, ValueError("x"), None)
    window.close()

    files = {p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()}
    assert {"data/demo/store.sqlite3", "cache/demo/cache.sqlite3", "config/demo/window.ini", "config/ui.ini"} <= files
    assert any(f.startswith("cache/demo/images/") for f in files)  # the picture the pane showed
    assert any(f.startswith("data/demo/backups/") and f.endswith("-close.sqlite3") for f in files)
    assert any(f.startswith("logs/demo/audit-") for f in files) and report.exists()
    assert modes_not_private(home) == []
    # The same process under the same umask makes a plain file readable by others: the modes above are ours.
    (home / "witness").write_text("x")
    assert stat.S_IMODE((home / "witness").stat().st_mode) == 0o644
