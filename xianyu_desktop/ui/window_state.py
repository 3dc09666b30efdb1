"""The window's remembered state (window.ini in the profile's config folder): its size, the splitters
and the tables' columns, and the clipboard offer. Kept by layout version: an older layout's state would
bring back a cramped view."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from xianyu_desktop.core.storage.private_files import private_file, private_folder

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView

    from xianyu_desktop.ui.lookup_tab import LookupTab
    from xianyu_desktop.ui.watch_tab import WatchTab

log = logging.getLogger(__name__)

LAYOUT_VERSION = 2  # of the saved splitters and headers: 2 = fitted columns, the watch table full width


class WindowState:
    def __init__(self, config_dir: Path) -> None:
        self.settings = QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat)  # made on first save

    def value(self, key: str, default: object = None, type: type | None = None) -> object:
        return self.settings.value(key, default) if type is None else self.settings.value(key, default, type=type)

    def setValue(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def restore_geometry(self, window: QMainWindow) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)

    def restore_tabs(self, lookup: LookupTab, watch: WatchTab) -> None:
        """Splitters and column widths as the seller left them, unless saved by an older layout (every
        column 100 px, the watch table beside the chart)."""
        lookup.offer_clipboard = bool(self.settings.value("lookup/clipboardOffers", True, type=bool))
        if self.settings.value("layout/version", 0, type=int) != LAYOUT_VERSION:
            return
        for key, splitter in _splitters(lookup, watch):
            value = self.settings.value(key)
            if value is not None:
                splitter.restoreState(value)
        for key, table in _tables(lookup, watch):
            header = self.settings.value(key)
            if header is not None:
                table.horizontalHeader().restoreState(header)

    def save(self, window: QMainWindow, tabs: tuple[LookupTab, WatchTab] | None) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        if tabs is not None:
            for key, splitter in _splitters(*tabs):
                self.settings.setValue(key, splitter.saveState())
            for key, table in _tables(*tabs):
                self.settings.setValue(key, table.horizontalHeader().saveState())
            self.settings.setValue("layout/version", LAYOUT_VERSION)
        self._sync()

    def _sync(self) -> None:
        """window.ini is the seller's file like the rest of the profile: made 0600 before Qt writes it (Qt
        keeps an existing file's mode when it rewrites it)."""
        path = Path(self.settings.fileName())
        try:
            private_folder(path.parent)
            private_file(path)
        except OSError as exc:
            log.warning("window state file not made private: %s", exc)
        self.settings.sync()


def _splitters(lookup: LookupTab, watch: WatchTab) -> list[tuple[str, QSplitter]]:
    return [
        ("lookup/splitter", lookup.splitter),
        ("lookup/leftSplitter", lookup.left_splitter),
        ("watch/splitter", watch.splitter),
        ("watch/sideSplitter", watch.side),
    ]


def _tables(lookup: LookupTab, watch: WatchTab) -> list[tuple[str, QTableView]]:
    return [("lookup/resultsHeader", lookup.table), ("watch/header", watch.table)]
