"""The watchlist as a table model: rows updated in place as poll results arrive (never a reset per
result), so a 2,000-item list stays smooth. Target price, alert threshold and note edit in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import repeat
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from xianyu_desktop.core.items.status import ItemStatus, status_label
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.rule_input import (
    NOTE_MAX_CHARS,
    RuleInputError,
    RuleInputProblem,
    parse_note,
    parse_target_price,
    parse_threshold_pct,
)
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.tables import SORT_ROLE, Index, LegacyColumnTableModel

STATE_ROLE = Qt.ItemDataRole.UserRole + 3
RowTexts = tuple[tuple[str, ...], tuple[Any, ...]]  # a row's display texts and sort keys

# Chinese market colours: falling prices green, rising red.
FALL, RISE = QColor("#1e8449"), QColor("#c0392b")


def _num(value: Decimal | None) -> float:
    return float(value) if value is not None else -1.0


_Column = tuple[object, Callable[[WatchState], str], Callable[[WatchState], Any], str | None]  # see results_model


def _status(state: WatchState) -> str:
    never = QCoreApplication.translate("WatchModel", "未检查")
    return (core_text(status_label(state.last_status)) if state.last_status else never) + (
        " ⚠" if state.last_error else ""
    )


def _columns() -> list[_Column]:
    """(header, display, sort key, editable field); headers are source texts, translated when shown. The
    status comes right after the title, so it stays on screen however narrow the window."""
    return [
        (QT_TRANSLATE_NOOP("WatchModel", "商品ID"), lambda s: s.item_id, lambda s: int(s.item_id), None),
        (QT_TRANSLATE_NOOP("WatchModel", "标题"), lambda s: s.title or "", lambda s: s.title or "", None),
        (
            QT_TRANSLATE_NOOP("WatchModel", "状态"),
            _status,
            lambda s: s.last_status or "",
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "现价"),
            lambda s: formatting.money(s.last_price),
            lambda s: _num(s.last_price),
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "上次价格"),
            lambda s: formatting.money(s.previous_price),
            lambda s: _num(s.previous_price),
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "涨跌幅"),
            lambda s: "" if s.change_pct is None else f"{s.change_pct:+}%",
            lambda s: float(s.change_pct) if s.change_pct is not None else 0.0,
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "最低价"),
            lambda s: formatting.money(s.lowest_price),
            lambda s: _num(s.lowest_price),
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "目标价"),
            lambda s: formatting.money(s.target_price),
            lambda s: _num(s.target_price),
            "target",
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "降价提醒"),
            lambda s: f"≥{s.threshold_pct}%",
            lambda s: float(s.threshold_pct),
            "threshold",
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "最后检查"),
            lambda s: formatting.when_epoch(s.last_checked),
            lambda s: s.last_checked or 0.0,
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "下次检查"),
            lambda s: formatting.when_epoch(s.next_check),
            lambda s: s.next_check or 0.0,
            None,
        ),
        (QT_TRANSLATE_NOOP("WatchModel", "备注"), lambda s: s.note, lambda s: s.note, "note"),
        (QT_TRANSLATE_NOOP("WatchModel", "我的"), _mine, lambda s: int(s.mine), None),
    ]


def _mine(state: WatchState) -> str:
    return QCoreApplication.translate("WatchModel", "我的") if state.mine else ""


TITLE_COLUMN = "标题"
HIDDEN_COLUMNS = ("最后检查", "下次检查")  # the plan line above the table says when checks run


def widest_texts() -> dict[str, list[str]]:
    """Each column's widest expected texts in the interface language (tables.fit_columns)."""
    when = formatting.when(dt.datetime(2024, 12, 28, 23, 58, tzinfo=BEIJING))
    money = formatting.money(Decimal("99999.99"))
    statuses = [core_text(status.label) for status in ItemStatus]
    return {
        "商品ID": ["8" * 19],
        "状态": [*statuses, QCoreApplication.translate("WatchModel", "未检查")],
        "现价": [money],
        "上次价格": [money],
        "涨跌幅": ["-100.0%", "+999.9%"],
        "最低价": [money],
        "目标价": [money],
        "降价提醒": ["≥100%"],
        "最后检查": [when],
        "下次检查": [when],
        "备注": ["对手的 iPhone 15"],
        "我的": [QCoreApplication.translate("WatchModel", "我的")],
    }


def parse_edit(field: str, text: str) -> Any:
    """The value a user typed, or ValueError with a plain message (the rules are core.watch_input's,
    shared with ``watch set``)."""
    try:
        if field == "note":
            return parse_note(text)
        return parse_target_price(text) if field == "target" else parse_threshold_pct(text)
    except RuleInputError as exc:
        if exc.problem is RuleInputProblem.TOO_LONG:
            message = QCoreApplication.translate("WatchModel", "备注最多 %1 个字").replace("%1", str(NOTE_MAX_CHARS))
        elif exc.problem is RuleInputProblem.NOT_A_NUMBER:
            message = QCoreApplication.translate("WatchModel", "请输入数字")
        else:
            message = QCoreApplication.translate("WatchModel", "数字不在有效范围内")
        raise ValueError(message) from None


class WatchModel(LegacyColumnTableModel):
    HEADER_CONTEXT = "WatchModel"
    edit_requested = Signal(str, str, object)  # item_id, field, parsed value
    edit_refused = Signal(str)

    _EXTRA_ROLES = frozenset(
        {Qt.ItemDataRole.EditRole, STATE_ROLE, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole}
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = _columns()
        self._rows: list[WatchState] = []
        self._display: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []
        self._row_of: dict[str, int] = {}
        self.change_column = next(c for c in range(len(self._columns)) if self.source_header(c) == "涨跌幅")
        self._full_text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "备注")
        }

    def _texts(self, state: WatchState) -> RowTexts:
        return tuple(c[1](state) for c in self._columns), tuple(c[2](state) for c in self._columns)

    def texts_of(self, state: WatchState) -> RowTexts:
        """The row's display texts and sort keys: pure (formatting and translation only), so a poll's
        worker computes them and the GUI thread does not."""
        return self._texts(state)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._columns[index.column()][3] is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint, and by the filter for every column of
        # each changed row: display text and sort keys are computed once per update, not here.
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._sort[index.row()][index.column()]
        if role not in self._EXTRA_ROLES or not index.isValid():
            return None
        state = self._rows[index.row()]
        _, display, _, editable = self._columns[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            if editable == "target":
                return "" if state.target_price is None else str(state.target_price)
            if editable == "threshold":
                return str(state.threshold_pct)
            return display(state)
        if role == STATE_ROLE:
            return state
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.change_column and state.change_pct:
            return QBrush(FALL if state.change_pct < 0 else RISE)
        if role == Qt.ItemDataRole.ToolTipRole and state.last_error:
            return formatting.plain_tooltip(state.last_error)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self._full_text_columns:
            return formatting.plain_tooltip(display(state)) or None  # the whole title or note when elided
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        field = self._columns[index.column()][3] if index.isValid() else None
        if field is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            parsed = parse_edit(field, str(value))
        except ValueError as exc:
            self.edit_refused.emit(str(exc))
            return False
        self.edit_requested.emit(self._rows[index.row()].item_id, field, parsed)
        return True

    # --- updates --------------------------------------------------------------------------------------
    def reset_to(self, states: Iterable[WatchState]) -> None:
        self.beginResetModel()
        self._rows = list(states)
        texts = [self._texts(s) for s in self._rows]
        self._display = [t[0] for t in texts]
        self._sort = [t[1] for t in texts]
        self._row_of = {s.item_id: i for i, s in enumerate(self._rows)}
        self.endResetModel()

    def upsert(self, state: WatchState) -> None:
        self.upsert_many([state])

    def upsert_many(self, states: Iterable[WatchState], texts: Iterable[RowTexts | None] | None = None) -> None:
        """A batch of poll results: rows already shown are updated in place (a dataChanged each, see
        ``_rows_changed``), new rows are appended with one insertion over their range. ``texts``: each
        state's ``texts_of``, when the worker computed them."""
        changed: list[int] = []
        new: dict[str, tuple[WatchState, RowTexts]] = {}
        for state, known in zip(states, texts if texts is not None else repeat(None), strict=False):  # repeat: endless
            display, sort = known if known is not None else self._texts(state)
            row = self._row_of.get(state.item_id)
            if row is not None:
                self._rows[row], self._display[row], self._sort[row] = state, display, sort
                changed.append(row)
            else:
                new[state.item_id] = (state, (display, sort))  # the same item twice in one batch: its latest
        self._rows_changed(changed)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, (item_id, (state, (display, sort))) in enumerate(new.items()):
                self._rows.append(state)
                self._display.append(display)
                self._sort.append(sort)
                self._row_of[item_id] = first + offset
            self.endInsertRows()

    def remove(self, item_ids: Iterable[str]) -> None:
        for item_id in item_ids:
            row = self._row_of.get(item_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self._display[row], self._sort[row]
            self.endRemoveRows()
            self._row_of = {s.item_id: i for i, s in enumerate(self._rows)}

    def state_at(self, row: int) -> WatchState:
        return self._rows[row]

    def states(self) -> list[WatchState]:
        return list(self._rows)

    def row_of(self, item_id: str) -> int | None:
        return self._row_of.get(item_id)
