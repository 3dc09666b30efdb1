"""The watchlist as a table model: rows updated in place as poll results arrive (never a reset per
result), so a 2,000-item list stays smooth. Target price, alert threshold and note edit in place.

Its cells live in Qt's own item storage (tables.ColumnTableModel): the poll's and the snapshot's workers
compute each row's cells, so a 10,000-item list loads without the GUI thread formatting 130,000 cells;
the rows are then added a chunk per frame (``load``), their items made by Qt itself (setItemData), not in
Python: a QStandardItem made in Python keeps a Python wrapper as long as it lives (57 MB for 10,000 rows,
and 130,000 more objects for each full collection to walk)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
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
from xianyu_desktop.ui.tables import SORT_ROLE, Cells, ColumnTableModel, Index, id_sort_key

STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's WatchState, on its first cell
EDIT_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4  # what an editable cell's editor opens on ("3500.00", not "¥3,500.00")
# Roles as plain ints: a cell's dict of ints, texts and numbers is not tracked by the cyclic collector
# (an enum key would make each of a 10,000-item list's 130,000 dicts one more object for it to walk).
DISPLAY, FOREGROUND, TOOLTIP = (
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)
)
LOAD_CHUNK_ROWS = 50  # rows added per turn of the event loop while a list loads (~3 ms of the GUI thread)

# Chinese market colours: falling prices green, rising red.
FALL, RISE = QColor("#1e8449"), QColor("#c0392b")


def minute_text(epoch: float | None) -> str:
    """formatting.when_epoch, remembered per minute (it shows minutes, in a fixed UTC+8): strftime was a
    tenth of the poll's worker time, four times a row."""
    return "" if epoch is None else _minute_text(int(epoch // 60))


@functools.lru_cache(maxsize=4096)
def _minute_text(minute: int) -> str:
    return formatting.when_epoch(minute * 60.0)


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
        (QT_TRANSLATE_NOOP("WatchModel", "商品ID"), lambda s: s.item_id, lambda s: id_sort_key(s.item_id), None),
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
            lambda s: minute_text(s.last_checked),
            lambda s: s.last_checked or 0.0,
            None,
        ),
        (
            QT_TRANSLATE_NOOP("WatchModel", "下次检查"),
            lambda s: minute_text(s.next_check),
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


def _edit_text(field: str, state: WatchState) -> str:
    """What the editor of an editable cell opens on: the plain value, as parse_edit reads it back."""
    if field == "target":
        return "" if state.target_price is None else str(state.target_price)
    if field == "threshold":
        return str(state.threshold_pct)
    return state.note


@dataclass(frozen=True, slots=True)
class BuiltRow:
    """A row made off the GUI thread: its state and its cells."""

    state: WatchState
    cells: Cells


class WatchModel(ColumnTableModel):
    HEADER_CONTEXT = "WatchModel"
    edit_requested = Signal(str, str, object)  # item_id, field, parsed value
    edit_refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_columns(), parent)
        self.change_column = next(c for c in range(len(self._columns)) if self.source_header(c) == "涨跌幅")
        self._full_text_columns = {
            c for c in range(len(self._columns)) if self.source_header(c) in (TITLE_COLUMN, "备注")
        }
        self._pending: dict[str, BuiltRow] = {}  # a load's rows not added yet, in order
        self._loader = QTimer(self, singleShot=True, interval=0)
        self._loader.timeout.connect(self._add_chunk)

    def editable(self, column: int) -> bool:
        return self._columns[column][3] is not None

    def cells_of(self, obj: Any) -> Cells:
        """Display text, sort key, tooltips (the whole title or note, or the last error on every cell), the
        change's colour, the editable cells' edit text and the state itself on the first cell. Pure: the
        poll's and the snapshot's workers call it."""
        state: WatchState = obj
        error_tip = formatting.plain_tooltip(state.last_error) if state.last_error else None
        change = state.change_pct
        change_brush = QBrush(FALL if change < 0 else RISE) if change else None
        cells = []
        for column, (_, display, sort_key, field) in enumerate(self._columns):
            # Only the roles a cell has: an update then compares and sets two or three roles a cell, not six.
            text = display(state)
            cell = {DISPLAY: text, SORT_ROLE: sort_key(state)}
            tip = error_tip
            if tip is None and column in self._full_text_columns:
                tip = formatting.plain_tooltip(text) or None  # the whole title or note when elided
            if tip is not None:
                cell[TOOLTIP] = tip
            if column == 0:
                cell[STATE_ROLE] = state
            elif column == self.change_column and change_brush is not None:
                cell[FOREGROUND] = change_brush
            if field is not None:
                cell[EDIT_TEXT_ROLE] = _edit_text(field, state)
            cells.append(cell)
        return tuple(cells)

    def built_rows(self, states: Iterable[WatchState]) -> list[BuiltRow]:
        """Each state's cells, for a worker loading a snapshot."""
        return [BuiltRow(state, self.cells_of(state)) for state in states]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit: parsed, then asked for (edit_requested; the row changes when the store has it) or
        refused with a plain message (edit_refused). The cells themselves change only through upserts."""
        field = self._columns[index.column()][3] if index.isValid() else None
        if field is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            parsed = parse_edit(field, str(value))
        except ValueError as exc:
            self.edit_refused.emit(str(exc))
            return False
        self.edit_requested.emit(self.state_at(index.row()).item_id, field, parsed)
        return True

    # --- loading a list a chunk per frame -------------------------------------------------------------
    def load(self, rows: Sequence[BuiltRow]) -> None:
        """Every row replaced: one reset, the first chunk now and the rest a chunk per frame, so a
        10,000-item list never holds the GUI thread for more than a few milliseconds at a time. An
        update of a row still waiting replaces it where it waits."""
        self.reset_to(())
        self._pending = {row.state.item_id: row for row in rows}  # the same item twice: its latest
        self._add_chunk()

    @property
    def loading(self) -> bool:
        return bool(self._pending)

    def _add_chunk(self) -> None:
        """The next rows, in one insertion (Qt makes their items: ColumnTableModel._fill)."""
        chunk = [self._pending.pop(key) for key in list(islice(self._pending, LOAD_CHUNK_ROWS))]
        if chunk:
            self._append({built.state.item_id: (built.state, built.cells) for built in chunk})
        if self._pending:
            self._loader.start()

    # --- updates --------------------------------------------------------------------------------------
    def reset_to(self, objects: Iterable[Any], cells: Iterable[Cells | None] | None = None) -> None:
        self._loader.stop()
        self._pending = {}
        super().reset_to(objects, cells)

    def upsert_many(self, objects: Iterable[Any], cells: Iterable[Cells | None] | None = None) -> None:
        """As ColumnTableModel's; a row a load has not added yet is replaced where it waits."""
        states: list[WatchState] = list(objects)
        known: list[Cells | None] = list(cells) if cells is not None else [None] * len(states)
        if self._pending:
            shown = []
            for state, row_cells in zip(states, known, strict=False):
                if state.item_id in self._pending:
                    made = row_cells if row_cells is not None else self.cells_of(state)
                    self._pending[state.item_id] = BuiltRow(state, made)
                else:
                    shown.append((state, row_cells))
            states, known = [s for s, _ in shown], [c for _, c in shown]
        super().upsert_many(states, known)

    def upsert(self, state: WatchState) -> None:
        self.upsert_many([state])

    def remove(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        for key in keys:
            self._pending.pop(key, None)
        super().remove(keys)

    # --- reading --------------------------------------------------------------------------------------
    def state_at(self, row: int) -> WatchState:
        return self._objects[row]  # type: ignore[no-any-return]

    def state_of(self, item_id: str) -> WatchState | None:
        """The item's state, shown or still waiting to be added."""
        row = self._row_of.get(item_id)
        if row is not None:
            return self.state_at(row)
        waiting = self._pending.get(item_id)
        return waiting.state if waiting is not None else None

    def states(self) -> list[WatchState]:
        """The list's states: the rows shown, then those a load has not added yet."""
        return [*self._objects, *(row.state for row in self._pending.values())]
