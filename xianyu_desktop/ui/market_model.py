"""A comparison's listings as a table model: every comparable (纳入 ✓) and every excluded listing (✗) with
its reason in the interface language, source, price, condition, seller and title, all plain text. The
纳入 column is checkable: ticking or unticking a row asks for an override (``override_requested``); the
tab persists it and recompares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal

from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.market.comparison import Comparison
from xianyu_desktop.core.market.filtering import Candidate, Overrides, Reason, Source
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.tables import SORT_ROLE, Index, LegacyColumnTableModel

CONTEXT = "MarketModel"
MANUAL_INCLUDED = QT_TRANSLATE_NOOP("MarketModel", "手动纳入")


def reason_text(reason: Reason) -> str:
    """The reason codes of core/market/filtering.py in the interface language."""
    return core_text(reason.label)


def source_text(source: Source) -> str:
    return core_text(source.label)


@dataclass(frozen=True, slots=True)
class MarketRow:
    candidate: Candidate
    reason: Reason | None  # None: a comparable
    by_hand: bool = False  # included by the seller's override

    @property
    def included(self) -> bool:
        return self.reason is None


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


class MarketModel(LegacyColumnTableModel):
    HEADER_CONTEXT = CONTEXT
    override_requested = Signal(str, bool)  # listing id, include

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = COLUMNS
        self._rows: list[MarketRow] = []

    def show_comparison(self, comparison: Comparison | None, overrides: Overrides | None = None) -> None:
        """Comparables first (cheapest first), then the excluded listings in the filter's order."""
        include = overrides.include if overrides is not None else frozenset()
        self.beginResetModel()
        self._rows = []
        if comparison is not None:
            kept = sorted(comparison.comparables, key=lambda c: (c.price is None, c.price or 0))
            self._rows += [MarketRow(c, None, c.item_id in include) for c in kept]
            self._rows += [MarketRow(e.candidate, e.reason) for e in comparison.excluded]
        self.endResetModel()

    def row_at(self, row: int) -> MarketRow:
        return self._rows[row]

    def rows(self) -> list[MarketRow]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        name, display, sort_key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row)
        if role == SORT_ROLE:
            return sort_key(row)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == INCLUDED_COLUMN:
            return Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and name in TEXT_COLUMNS:
            return formatting.plain_tooltip(display(row)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == PRICE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == INCLUDED_COLUMN and self.can_override(self._rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    @staticmethod
    def can_override(row: MarketRow) -> bool:
        """The item itself and a sale (a trade_record row, tied to its listing) are not rows to override."""
        return row.reason is not Reason.SELF and row.candidate.source is not Source.TRADE_RECORD

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != INCLUDED_COLUMN:
            return False
        row = self._rows[index.row()]
        if not self.can_override(row):
            return False
        include = Qt.CheckState(value) == Qt.CheckState.Checked
        if include != row.included:
            self.override_requested.emit(row.candidate.item_id, include)
        return True
