"""The 搜索 results as a table model: one row per listing (summary fields only), appended page by page,
each row's picture a thumbnail loaded in the background when the row is first shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap

from xianyu_desktop.core.gateway.search import Listing
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.tables import SORT_ROLE, Index, LegacyColumnTableModel

THUMB_SIDE = 40
ROW_HEIGHT = THUMB_SIDE + 6


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


class SearchModel(LegacyColumnTableModel):
    HEADER_CONTEXT = "SearchModel"

    def __init__(self, images: ImageLoader, parent: Any = None) -> None:
        super().__init__(parent)
        self.images = images
        self._columns = _columns()
        self._text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "所在地", "卖家")
        }
        self._rows: list[SearchRow] = []
        self._row_of: dict[str, int] = {}
        self._rows_of_picture: dict[str, list[int]] = {}
        self._thumbs: dict[str, QPixmap] = {}
        self._asked: set[str] = set()  # pictures requested (or failed): asked once
        images.loaded.connect(self._picture_loaded)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        listing = row.listing
        _, display, sort_key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(listing)
        if role == SORT_ROLE:
            return sort_key(listing)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == PICTURE_COLUMN:
            return self._thumbnail(listing.pic_url)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self._text_columns:
            return formatting.plain_tooltip(display(listing)) or None  # the whole text when elided
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == PRICE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- thumbnails ---------------------------------------------------------------------------------
    def _thumbnail(self, url: str | None) -> QPixmap | None:
        """The picture once loaded; asked for the first time a view shows the row (only the rows on
        screen are asked), decoded off the GUI thread by the loader."""
        if not url:
            return None
        thumb = self._thumbs.get(url)
        if thumb is None and url not in self._asked:
            self._asked.add(url)
            self.images.request(url)
        return thumb

    def _picture_loaded(self, url: str, image: QImage) -> None:
        rows = self._rows_of_picture.get(url)
        if not rows or url in self._thumbs:
            return
        self._thumbs[url] = QPixmap.fromImage(
            image.scaled(
                THUMB_SIDE, THUMB_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        for row in rows:
            cell = self.index(row, PICTURE_COLUMN)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, row: int) -> bool:
        url = self._rows[row].listing.pic_url
        return bool(url) and url in self._thumbs

    # --- updates -------------------------------------------------------------------------------------
    def append(self, rows: Iterable[SearchRow]) -> int:
        """Adds the rows whose listing is not shown yet; returns how many were added."""
        fresh: dict[str, SearchRow] = {}
        for row in rows:
            if row.listing.item_id not in self._row_of:
                fresh.setdefault(row.listing.item_id, row)
        if not fresh:
            return 0
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for offset, row in enumerate(fresh.values()):
            self._rows.append(row)
            self._row_of[row.listing.item_id] = first + offset
            if row.listing.pic_url:
                self._rows_of_picture.setdefault(row.listing.pic_url, []).append(first + offset)
        self.endInsertRows()
        return len(fresh)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self._rows_of_picture.clear()
        self._thumbs.clear()
        self._asked.clear()
        self.endResetModel()

    def row_at(self, row: int) -> SearchRow:
        return self._rows[row]

    def rows(self) -> list[SearchRow]:
        return list(self._rows)

    def item_ids(self) -> list[str]:
        return [r.listing.item_id for r in self._rows]
