"""The 搜索 results as a table model: one row per listing (summary fields only), appended page by page,
each row's picture a thumbnail loaded in the background when the row is first on screen."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import repeat
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QTableView

from xianyu_desktop.core.gateway.search import Listing
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.tables import SORT_ROLE, Cells, ColumnTableModel

THUMB_SIDE = 40
ROW_HEIGHT = THUMB_SIDE + 6
# Pictures fetched and decoded at once: each is a worker busy on a CPU (HTTP in Python, PNG/JPEG decoding,
# scaling), and on a 2-core machine four of them beside the search kept the window waiting for a CPU.
PICTURES_IN_FLIGHT = 2


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A listing as shown, with when its page was answered and whether by the search cache."""

    listing: Listing
    fetched_at: float | None = None
    from_cache: bool = False


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else -1.0


_Column = tuple[object, Callable[[Listing], str], Callable[[Listing], Any]]


def _columns() -> list[_Column]:
    def text_of(name: str) -> Callable[[Listing], str]:
        return lambda listing: str(getattr(listing, name) or "")

    def condition(listing: Listing) -> str:
        return core_text(listing.condition_label or "")

    return [
        (QT_TRANSLATE_NOOP("SearchModel", "图片"), lambda listing: "", lambda listing: 0),
        (QT_TRANSLATE_NOOP("SearchModel", "标题"), text_of("title"), text_of("title")),
        (
            QT_TRANSLATE_NOOP("SearchModel", "价格"),
            lambda listing: formatting.money(listing.price),
            lambda listing: _number(listing.price),
        ),
        (QT_TRANSLATE_NOOP("SearchModel", "成色"), condition, condition),
        (QT_TRANSLATE_NOOP("SearchModel", "所在地"), text_of("location"), text_of("location")),
        (QT_TRANSLATE_NOOP("SearchModel", "卖家"), text_of("seller_nick"), text_of("seller_nick")),
        (
            QT_TRANSLATE_NOOP("SearchModel", "上架时间"),
            lambda listing: formatting.when(listing.valid_time),
            lambda listing: listing.valid_time.timestamp() if listing.valid_time else 0.0,
        ),
    ]


PICTURE_COLUMN = 0
TITLE_COLUMN = "标题"
PRICE_COLUMN = 2


def widest_texts() -> dict[str, list[str]]:
    """Each column's widest expected texts in the interface language (tables.fit_columns)."""
    return {
        "图片": ["M" * 3],
        "价格": [formatting.money(Decimal("99999.99"))],
        "成色": [core_text(label) for label in CONDITION_LABELS.values()],
        "所在地": ["黑龙江哈尔滨"],
        "卖家": ["杭州老李的闲置"],
        "上架时间": [formatting.when(dt.datetime(2024, 12, 28, 23, 58, tzinfo=BEIJING))],
    }


class BuiltRow(list[Mapping[int, Any]]):
    """A row's cells (``cells_of``), made by the search's worker: the GUI thread only inserts the row (Qt
    makes its items from them: ColumnTableModel._fill)."""


class SearchModel(ColumnTableModel):
    """Rows in Qt's item storage (ColumnTableModel). A row's picture is asked for by whoever knows the
    row is on screen (``ask_pictures``: PicturesOnScreen, for the rows between the view's top and bottom)
    and set on the picture cell's DecorationRole when it arrives, already scaled by the loader's worker."""

    HEADER_CONTEXT = "SearchModel"
    RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __init__(self, images: ImageLoader, parent: Any = None) -> None:
        super().__init__(_columns(), parent)
        self.images = images
        self._text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "所在地", "卖家")
        }
        self._rows_of_picture: dict[str, list[int]] = {}
        self._thumbs: dict[str, QPixmap] = {}
        self._asked: set[str] = set()  # pictures requested (or failed): asked once
        self._to_ask: deque[str] = deque()
        self._in_flight: set[str] = set()
        images.scaled.connect(self._picture_scaled)
        images.failed.connect(self._picture_failed)

    def key_of(self, obj: Any) -> str:
        return str(obj.listing.item_id)

    def cells_of(self, obj: Any) -> Cells:
        listing: Listing = obj.listing
        cells: list[dict[int, Any]] = []
        for column, (_, display, sort_key) in enumerate(self._columns):
            text = display(listing) if column != PICTURE_COLUMN else None
            cells.append(
                {
                    Qt.ItemDataRole.DisplayRole: text,
                    SORT_ROLE: sort_key(listing),
                    # the whole text when elided
                    Qt.ItemDataRole.ToolTipRole: (
                        (formatting.plain_tooltip(text) or None) if text and column in self._text_columns else None
                    ),
                    Qt.ItemDataRole.TextAlignmentRole: self.RIGHT if column == PRICE_COLUMN else None,
                }
            )
        return cells

    def built_row(self, row: SearchRow) -> BuiltRow:
        """The row's cells, made off the GUI thread (the search's worker)."""
        return BuiltRow(self.cells_of(row))

    # --- thumbnails ---------------------------------------------------------------------------------
    def ask_pictures(self, rows: Iterable[int]) -> None:
        """The pictures of these rows (the ones on screen), each asked for once; fetched, decoded and
        scaled off the GUI thread by the loader, ``PICTURES_IN_FLIGHT`` at a time."""
        for row in rows:
            url = self._objects[row].listing.pic_url
            if url and url not in self._asked:
                self._asked.add(url)
                self._to_ask.append(url)
        self._ask_more()

    def _ask_more(self) -> None:
        while self._to_ask and len(self._in_flight) < PICTURES_IN_FLIGHT:
            url = self._to_ask.popleft()
            self._in_flight.add(url)
            self.images.request_scaled(url, THUMB_SIDE, THUMB_SIDE)  # may answer at once (kept in memory)

    def _picture_done(self, url: str) -> None:
        if url in self._in_flight:
            self._in_flight.discard(url)
            self._ask_more()

    def _picture_failed(self, url: str, message: str) -> None:
        self._picture_done(url)  # the cell stays without a picture; asked once

    def _picture_scaled(self, url: str, width: int, height: int, image: QImage) -> None:
        if (width, height) != (THUMB_SIDE, THUMB_SIDE):
            return  # another view's size of a picture (the detail pane's)
        self._picture_done(url)
        rows = self._rows_of_picture.get(url)
        if not rows or url in self._thumbs:
            return
        thumb = self._thumbs[url] = QPixmap.fromImage(image)  # a QPixmap is made on the GUI thread
        for row in rows:
            self.setData(self.index(row, PICTURE_COLUMN), thumb, Qt.ItemDataRole.DecorationRole)

    def has_thumbnail(self, row: int) -> bool:
        """The row's picture is shown (asked for, arrived and set on its cell)."""
        return self.index(row, PICTURE_COLUMN).data(Qt.ItemDataRole.DecorationRole) is not None

    def asked_for_picture(self, row: int) -> bool:
        url = self._objects[row].listing.pic_url
        return bool(url) and url in self._asked

    # --- updates -------------------------------------------------------------------------------------
    def append(self, rows: Iterable[SearchRow], cells: Iterable[Cells] | None = None) -> int:
        """Adds the rows whose listing is not shown yet (one insertion); returns how many were added.
        ``cells``: each row's ``cells_of``, when a worker computed them."""
        fresh: dict[str, tuple[SearchRow, Cells | None]] = {}
        for row, known in zip(rows, cells if cells is not None else repeat(None), strict=False):
            key = row.listing.item_id
            if self.row_of(key) is None and key not in fresh:
                fresh[key] = (row, known)
        if not fresh:
            return 0
        first = self.rowCount()
        for offset, (row, _) in enumerate(fresh.values()):
            if row.listing.pic_url:
                self._rows_of_picture.setdefault(row.listing.pic_url, []).append(first + offset)
        self.upsert_many([row for row, _ in fresh.values()], [known for _, known in fresh.values()])
        return len(fresh)

    def clear(self) -> None:
        self.clear_rows()
        self._rows_of_picture.clear()
        self._thumbs.clear()
        self._asked.clear()
        self._to_ask.clear()
        self._in_flight.clear()

    def row_at(self, row: int) -> SearchRow:
        return self._objects[row]  # type: ignore[no-any-return]

    def rows(self) -> list[SearchRow]:
        return list(self._objects)

    def item_ids(self) -> list[str]:
        return [r.listing.item_id for r in self._objects]


class PicturesOnScreen(QObject):
    """Asks the model for the pictures of the rows between the view's top and bottom edge (through the
    sort proxy) once the view has settled after rows arrived, a scroll, a resize, a sort, a filter or the
    tab shown: the model has no data() a paint would ask through, and rows never on screen cost nothing."""

    def __init__(self, table: QTableView, proxy: QSortFilterProxyModel, model: SearchModel) -> None:
        super().__init__(table)
        self.table, self.proxy, self.model = table, proxy, model
        self._timer = QTimer(self, singleShot=True, interval=0)  # one look per turn of the event loop
        self._timer.timeout.connect(self.ask)
        for signal in (
            proxy.rowsInserted,
            proxy.layoutChanged,
            proxy.modelReset,
            table.verticalScrollBar().valueChanged,
            table.verticalScrollBar().rangeChanged,
        ):
            signal.connect(self._timer.start)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._timer.start()
        return False

    def ask(self) -> None:
        if not self.table.isVisible():
            return  # a hidden tab asks when shown
        top = self.table.rowAt(0)
        if top < 0:
            return
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        if bottom < 0:
            bottom = self.proxy.rowCount() - 1  # the last rows end above the bottom edge
        proxy = self.proxy
        self.model.ask_pictures(proxy.mapToSource(proxy.index(row, 0)).row() for row in range(top, bottom + 1))
