"""The window's remembered state (window.ini in the profile's config folder): its size, each tab's
splitters and table columns, and the clipboard offer.

A tab's layout is read when the tab is built and written on close only for the tabs built in that run, so
a tab never built keeps what an earlier run saved for it. Layouts are kept by layout version: an older
layout's state would bring back a cramped view, so it is dropped when first read. A saved header brings
back the seller's widths and shown columns, never what the tab decides: which column stretches (the title,
always shown: the column menu cannot bring it back) and, for the search results and the comparables,
the order (the search's sort, the comparison's: a header sort saved by an earlier run would fight it)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QSettings

from xianyu_desktop.core.storage.private_files import private_file, private_folder

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView

    from xianyu_desktop.ui.lookup_tab import LookupTab
    from xianyu_desktop.ui.market_tab import MarketTab
    from xianyu_desktop.ui.search_tab import SearchTab
    from xianyu_desktop.ui.watch_tab import WatchTab

log = logging.getLogger(__name__)

LAYOUT_VERSION = 2  # of the saved splitters and headers: 2 = fitted columns, the watch table full width
LAYOUT_KEYS = (  # every tab's splitters and headers: what an older layout version leaves behind
    "lookup/splitter",
    "lookup/leftSplitter",
    "lookup/resultsHeader",
    "search/splitter",
    "search/resultsHeader",
    "watch/splitter",
    "watch/sideSplitter",
    "watch/header",
    "market/splitter",
    "market/topSplitter",
    "market/header",
)


class TabLayout(NamedTuple):
    """A built tab's remembered widgets by key; ``keeps_sort``: a header sort the seller chose comes back
    (False where the rows' order is the tab's own). Not a dataclass: this module loads before the first
    frame, and dataclasses would cost it ~3 ms to import."""

    splitters: tuple[tuple[str, QSplitter], ...]
    tables: tuple[tuple[str, QTableView], ...]
    keeps_sort: bool = True


class WindowState:
    def __init__(self, config_dir: Path) -> None:
        self.settings = QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat)  # made on first save
        self._built: list[TabLayout] = []  # the tabs built in this run, in the order they were
        self._layout_checked = False

    def value(self, key: str, default: object = None, type: type | None = None) -> object:
        return self.settings.value(key, default) if type is None else self.settings.value(key, default, type=type)

    def setValue(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def restore_geometry(self, window: QMainWindow) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)

    # --- each tab, as it is built ---------------------------------------------------------------------
    def restore_lookup(self, lookup: LookupTab) -> None:
        lookup.offer_clipboard = bool(self.settings.value("lookup/clipboardOffers", True, type=bool))
        splitters = (("lookup/splitter", lookup.splitter), ("lookup/leftSplitter", lookup.left_splitter))
        self._restore(TabLayout(splitters, (("lookup/resultsHeader", lookup.table),)))

    def restore_search(self, search: SearchTab) -> None:
        splitters = (("search/splitter", search.splitter),)
        self._restore(TabLayout(splitters, (("search/resultsHeader", search.table),), keeps_sort=False))

    def restore_watch(self, watch: WatchTab) -> None:
        splitters = (("watch/splitter", watch.splitter), ("watch/sideSplitter", watch.side))
        self._restore(TabLayout(splitters, (("watch/header", watch.table),)))

    def restore_market(self, market: MarketTab) -> None:
        splitters = (("market/splitter", market.splitter), ("market/topSplitter", market.top_splitter))
        self._restore(TabLayout(splitters, (("market/header", market.table),), keeps_sort=False))

    def _restore(self, layout: TabLayout) -> None:
        """The splitters and columns as the seller left them, if this layout version saved them."""
        self._drop_older_layout()
        self._built.append(layout)
        for key, splitter in layout.splitters:
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        for key, table in layout.tables:
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                _restore_header(table, value, keep_sort=layout.keeps_sort)

    def _drop_older_layout(self) -> None:
        """Once, before the first tab's state is read: splitters and headers saved by another layout version
        go (every column 100 px, the watch table beside the chart), including those of a tab this run may
        never build, which would otherwise pass for this version's after the next save."""
        if self._layout_checked:
            return
        self._layout_checked = True
        if self.settings.value("layout/version", 0, type=int) != LAYOUT_VERSION:
            for key in LAYOUT_KEYS:
                self.settings.remove(key)

    # --- closing ----------------------------------------------------------------------------------------
    def save(self, window: QMainWindow) -> None:
        """The window's size, and the layout of each tab built in this run (the others' is left as saved)."""
        self.settings.setValue("window/geometry", window.saveGeometry())
        for layout in self._built:
            for key, splitter in layout.splitters:
                self.settings.setValue(key, splitter.saveState())
            for key, table in layout.tables:
                self.settings.setValue(key, table.horizontalHeader().saveState())
        if self._built:
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


def _restore_header(table: QTableView, state: QByteArray, *, keep_sort: bool) -> None:
    """The seller's widths and shown columns over the tab's fitted layout (tables.fit_columns), which
    keeps each column's resize mode: the stretching title stays shown and stretching (the column menu
    leaves it out, so a hidden title could not come back)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(header.count())]
    stretch_last = header.stretchLastSection()
    if not header.restoreState(state):
        log.warning("saved columns of %s not readable: the fitted ones kept", table.objectName())
        return
    header.setStretchLastSection(stretch_last)
    for column, mode in enumerate(modes):
        header.setSectionResizeMode(column, mode)
        if mode == QHeaderView.ResizeMode.Stretch:
            header.setSectionHidden(column, False)
    if not keep_sort:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the proxy back to the rows' own order
