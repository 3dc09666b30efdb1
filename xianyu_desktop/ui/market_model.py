"""A comparison's listings as a table model: every comparable (纳入 ✓) and every excluded listing (✗) with
its reason in the interface language, source, price, condition, seller and title, all plain text. The
纳入 column is checkable: ticking or unticking a row asks for an override (``override_requested``); the
tab persists it and recompares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal

from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.market.comparison import Comparison
from xianyu_desktop.core.market.filtering import Candidate, Overrides, Reason, Source
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.tables import SORT_ROLE, Cells, ColumnTableModel, Index

CONTEXT = "MarketModel"
MANUAL_INCLUDED = QT_TRANSLATE_NOOP("MarketModel", "手动纳入")
CHECKABLE_ROLE = Qt.ItemDataRole.UserRole + 3  # on the 纳入 cell: whether its check box can be toggled
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def reason_text(reason: Reason) -> str:
    """The reason codes of core/market/filtering.py in the interface language."""
    return core_text(reason.label)


def source_text(source: Source) -> str:
    return core_text(source.label)


@dataclass(frozen=True, slots=True)
class MarketRow:
    place: int  # in the comparison shown: the row's key
    candidate: Candidate
    reason: Reason | None  # None: a comparable
    by_hand: bool = False  # included by the seller's override

    @property
    def included(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, slots=True)
class MarketTable:
    """A comparison's rows and their cells (MarketModel.table_of), made off the GUI thread."""

    rows: list[MarketRow]
    cells: list[Cells]


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else -1.0


def _condition(c: Candidate) -> str:
    label = CONDITION_LABELS.get(c.condition or "")
    return core_text(label) if label else ""


def _seller(c: Candidate) -> str:
    return c.seller_nick or c.seller_id or ""


def _reason(row: MarketRow) -> str:
    if row.reason is not None:
        return reason_text(row.reason)
    return QCoreApplication.translate(CONTEXT, str(MANUAL_INCLUDED)) if row.by_hand else ""


_Column = tuple[object, Callable[[MarketRow], str], Callable[[MarketRow], Any]]
COLUMNS: list[_Column] = [
    (QT_TRANSLATE_NOOP("MarketModel", "纳入"), lambda r: "✓" if r.included else "✗", lambda r: int(r.included)),
    (QT_TRANSLATE_NOOP("MarketModel", "原因"), _reason, _reason),
    (
        QT_TRANSLATE_NOOP("MarketModel", "来源"),
        lambda r: source_text(r.candidate.source),
        lambda r: r.candidate.source.value,
    ),
    (
        QT_TRANSLATE_NOOP("MarketModel", "价格"),
        lambda r: formatting.money(r.candidate.price),
        lambda r: _number(r.candidate.price),
    ),
    (QT_TRANSLATE_NOOP("MarketModel", "成色"), lambda r: _condition(r.candidate), lambda r: _condition(r.candidate)),
    (QT_TRANSLATE_NOOP("MarketModel", "卖家"), lambda r: _seller(r.candidate), lambda r: _seller(r.candidate)),
    (QT_TRANSLATE_NOOP("MarketModel", "标题"), lambda r: r.candidate.title, lambda r: r.candidate.title),
    (QT_TRANSLATE_NOOP("MarketModel", "商品 ID"), lambda r: r.candidate.item_id, lambda r: r.candidate.item_id),
]
INCLUDED_COLUMN, PRICE_COLUMN = 0, 3
TITLE_COLUMN = "标题"
TEXT_COLUMNS = {"原因", "卖家", "标题"}


def widest_texts() -> dict[str, list[str]]:
    return {
        "纳入": ["✓✓"],
        "原因": [reason_text(r) for r in Reason],
        "来源": [source_text(s) for s in Source],
        "价格": [formatting.money(Decimal("99999.99"))],
        "成色": [core_text(label) for label in CONDITION_LABELS.values()],
        "卖家": ["杭州老李的闲置"],
        "商品 ID": ["698765432109876543"],
    }


class MarketModel(ColumnTableModel):
    """The rows live in Qt's item storage (tables.ColumnTableModel): painting and sorting never call
    Python. The 纳入 cell holds its check state; only a row that can be overridden gets a user-checkable
    item, and a toggle is not stored but asked for (``override_requested``): the recomputed comparison
    that follows sets the state."""

    HEADER_CONTEXT = CONTEXT
    override_requested = Signal(str, bool)  # listing id, include

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._right_columns = {PRICE_COLUMN}
        self._text_columns = {c for c in range(len(COLUMNS)) if self.source_header(c) in TEXT_COLUMNS}

    def table_of(self, comparison: Comparison | None, overrides: Overrides | None = None) -> MarketTable:
        """Comparables first (cheapest first), then the excluded listings in the filter's order, with their
        cells. Pure: the worker that compared calls it (a comparison's cells take milliseconds)."""
        include = overrides.include if overrides is not None else frozenset()
        listed: list[tuple[Candidate, Reason | None, bool]] = []
        if comparison is not None:
            kept = sorted(comparison.comparables, key=lambda c: (c.price is None, c.price or 0))
            listed += [(c, None, c.item_id in include) for c in kept]
            listed += [(e.candidate, e.reason, False) for e in comparison.excluded]
        rows = [MarketRow(n, *row) for n, row in enumerate(listed)]
        return MarketTable(rows, [self.cells_of(row) for row in rows])

    def show_table(self, table: MarketTable) -> None:
        self.reset_to(table.rows, table.cells)

    def row_at(self, row: int) -> MarketRow:
        return self.object_at(row)  # type: ignore[no-any-return]

    def rows(self) -> list[MarketRow]:
        return self.objects()

    def key_of(self, obj: Any) -> str:
        """A row's place in the comparison: a listing's sales (trade_record) share its id."""
        return str(obj.place)

    def cells_of(self, obj: Any) -> Cells:
        row: MarketRow = obj
        cells: list[dict[int, Any]] = []
        for column, (_, display, sort_key) in enumerate(self._columns):
            text = display(row)
            tip = formatting.plain_tooltip(text) or None if column in self._text_columns else None
            cell: dict[int, Any] = {
                Qt.ItemDataRole.DisplayRole: text,
                SORT_ROLE: sort_key(row),
                Qt.ItemDataRole.ToolTipRole: tip,
                Qt.ItemDataRole.TextAlignmentRole: RIGHT if column in self._right_columns else None,
            }
            if column == INCLUDED_COLUMN:
                cell[Qt.ItemDataRole.CheckStateRole] = (
                    Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
                )
                cell[CHECKABLE_ROLE] = self.can_override(row)
            cells.append(cell)
        return cells

    @staticmethod
    def can_override(row: MarketRow) -> bool:
        """The item itself and a sale (a trade_record row, tied to its listing) are not rows to override."""
        return row.reason is not Reason.SELF and row.candidate.source is not Source.TRADE_RECORD

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Only the 纳入 check box of a row that can be overridden: a toggle asks for the override."""
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != INCLUDED_COLUMN:
            return False
        row = self.row_at(index.row())
        if not self.can_override(row):
            return False
        include = Qt.CheckState(value) == Qt.CheckState.Checked
        if include != row.included:
            self.override_requested.emit(row.candidate.item_id, include)
        return True

    def cell_flags(self, column: int, roles: Mapping[int, Any]) -> int:
        """The 纳入 check box can be toggled only where a row can be overridden (``can_override``)."""
        flags = super().cell_flags(column, roles)
        if column == INCLUDED_COLUMN and roles.get(CHECKABLE_ROLE):
            flags |= Qt.ItemFlag.ItemIsUserCheckable.value
        return flags
