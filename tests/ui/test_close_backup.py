"""Closing the real main window backs the store up when the seller changed something (issue 11, item 12)."""

from __future__ import annotations

import sqlite3

from xianyu_desktop.core.storage.backups import BackupKind, inspect_backup
from xianyu_desktop.ui.watch_model import WatchModel


def _note_column(model: WatchModel) -> int:
    from PySide6.QtCore import Qt

    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "备注")


def test_a_clean_close_of_the_window_leaves_a_backup_with_the_days_changes(qtbot, demo_window):
    store = demo_window.session.profile.store
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(2)
    demo_window.session.watchlist.add(ids)
    tab = demo_window.watch_tab
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert tab.model.setData(tab.model.index(tab.model.row_of(ids[0]), _note_column(tab.model)), "对手的, 便宜")
    qtbot.waitUntil(lambda: demo_window.session.watchlist.get(ids[0]).note == "对手的, 便宜", timeout=5000)
    assert [b.kind for b in store.backups()] == [BackupKind.DAILY]  # taken at the open, before the changes

    demo_window.close()

    newest = store.backups()[0]
    assert newest.kind is BackupKind.CLOSE
    assert inspect_backup(newest.path, full=True).watched == 2
    conn = sqlite3.connect(f"file:{newest.path}?mode=ro&immutable=1", uri=True)
    try:
        notes = dict(conn.execute("SELECT item_id, note FROM watch_items").fetchall())
    finally:
        conn.close()
    assert notes[ids[0]] == "对手的, 便宜"
