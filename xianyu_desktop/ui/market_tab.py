"""行情 (Market): an item (a pasted link or id, one's own listing's link, or the selected item of another
tab's 查看行情) compared with its market in the background: the plan first (calls at most, cache free),
then progress and cancel as elsewhere; the chart, the comparables and excluded listings with reasons,
the value score, the suggested prices and the verdict. A row overridden in place (纳入 / 排除 / 屏蔽) is
persisted and the comparison recomputed from the listings already gathered: no call."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from xianyu_desktop.core.errors import GatewayError
from xianyu_desktop.core.export.market_sheet import write_market_export
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.limits import Cancelled
from xianyu_desktop.core.items.links import extract_item_ids
from xianyu_desktop.core.market.filtering import Overrides, Reason
from xianyu_desktop.core.market.gather import MarketPlan
from xianyu_desktop.core.market.service import MarketProgress, MarketReport, MarketService
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.market_overrides import BlockKind, MarketOverrides
from xianyu_desktop.core.web.shortlinks import ShortLinkResolver, resolve_short_links
from xianyu_desktop.i18n import DEFAULT_LANGUAGE, current_language
from xianyu_desktop.ui.market_model import TITLE_COLUMN, MarketModel, MarketRow, MarketTable, widest_texts
from xianyu_desktop.ui.market_texts import MarketTexts
from xianyu_desktop.ui.market_view import MarketView
from xianyu_desktop.ui.tables import fit_columns, selected_source_rows, sort_filter_proxy
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner


@dataclass(frozen=True, slots=True)
class MarketParts:
    """What the tab works with (market None: no usable credentials, or ``problem`` says why)."""

    market: MarketService | None
    overrides: MarketOverrides
    quota: StoreQuotaLedger | None
    short_links: ShortLinkResolver
    problem: str | None = None


def _block(store: MarketOverrides, kind: BlockKind, blocks: list[tuple[str, str]]) -> None:
    for value, label in blocks:
        store.block(kind, value, label)


Compared = tuple[MarketReport, Overrides, MarketTable]  # a worker's comparison, ready to show


class InputError(Exception):
    """What was pasted names no item: said under the input."""


class MarketTab(MarketView):
    status_message = Signal(str)
    quota_changed = Signal(object)  # int remaining, or None
    activity_changed = Signal(str)

    def __init__(self, parts: MarketParts, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.runner = runner
        self.texts = MarketTexts(self)
        self.model = MarketModel(self)
        self.proxy = sort_filter_proxy(self.model, self)
        self.table.setModel(self.proxy)
        fit_columns(self.table, self.model, stretch=TITLE_COLUMN, widest=widest_texts(), hidden=("商品 ID",))
        self.report: MarketReport | None = None
        self.overrides: Overrides | None = None  # what the report shown was filtered with
        self.plan: MarketPlan | None = None
        self.compare_task: Task[Compared | None] | None = None
        self._generation = 0
        self._add_row_actions()
        self._connect_callbacks()
        self.texts.show_report(None)

    def _add_row_actions(self) -> None:
        def action(text: str, name: str, slot: Callable[[], None]) -> QAction:
            made = QAction(text, self.table)
            made.setObjectName(name)
            made.triggered.connect(slot)
            self.table.addAction(made)
            return made

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.include_action = action(self.tr("纳入比较"), "marketIncludeAction", lambda: self._set_selected(True))
        self.exclude_action = action(self.tr("排除"), "marketExcludeAction", lambda: self._set_selected(False))
        self.reset_action = action(self.tr("恢复自动判断"), "marketResetAction", lambda: self._set_selected(None))
        self.block_seller_action = action(self.tr("屏蔽此卖家"), "marketBlockSellerAction", self.block_selected_sellers)
        self.block_listing_action = action(
            self.tr("屏蔽此商品"), "marketBlockListingAction", self.block_selected_listings
        )
        self.unblock_action = action(self.tr("解除屏蔽"), "marketUnblockAction", self.unblock_selected)

    def _connect_callbacks(self) -> None:
        self.compare_button.clicked.connect(lambda: self.start_compare())
        self.input.returnPressed.connect(lambda: self.start_compare())
        self.cancel_button.clicked.connect(self.cancel_compare)
        self.export_button.clicked.connect(self.choose_export_path)
        self.model.override_requested.connect(lambda item_id, include: self.set_included([item_id], include))

    def bind(self, parts: MarketParts, *, new_profile: bool) -> None:
        """A new session: the next comparison uses it. Another profile's market is another market: the
        comparison shown goes."""
        self.parts = parts
        if parts.market is not None:
            self.credentials_bar.hide()
        if new_profile:
            self.cancel_compare()
            self._show(None, None, MarketTable([], []))
            self.plan_label.clear()
            self.summary.clear()

    def shutdown(self) -> None:
        self.cancel_compare()

    @property
    def running(self) -> bool:
        return self.compare_task is not None and self.compare_task.running and not self.compare_task.cancelled

    # --- comparing ------------------------------------------------------------------------------------
    def start_compare(self, *, force: bool = False) -> None:
        """The item the input names (an id, a link, a share text with a short link) and its market."""
        text = self.input.text().strip()
        if not text:
            self._input_problem(self.tr("请先粘贴商品链接或 ID"))
            return
        extraction = extract_item_ids(text)  # a line or two: cheap; a short link is resolved in the background
        if not extraction.ids and not extraction.short_links:
            problem = extraction.problems[0].message if extraction.problems else ""
            self._input_problem(problem or self.tr("没有在输入中找到商品 ID 或链接"))
            return
        resolver = self.parts.short_links
        resolving = self.tr("正在解析短链接……")

        def item_id(report: Report, cancel: threading.Event) -> str:
            found = extraction
            if not found.ids:
                report(("activity", resolving))
                found = resolve_short_links(found, resolver)
            if found.ids:
                return found.ids[0]
            raise InputError(found.problems[0].message if found.problems else "")

        self._begin(item_id, None, force=force)

    def view_item(self, item_id: str, result: FetchResult | None = None) -> None:
        """查看行情 from another tab: that item compared here, its answer at hand used when there is one (no
        call for the item then); a comparison running is cancelled for it."""
        self.cancel_compare()
        self.input.setText(item_id)
        at_hand = result if result is not None and result.item is not None and result.raw is not None else None
        self._begin(lambda report, cancel: item_id, at_hand, force=False)

    def _begin(
        self, item_id: Callable[[Report, threading.Event], str], at_hand: FetchResult | None, *, force: bool
    ) -> None:
        if self.running:
            return
        market, ledger = self.parts.market, self.parts.quota
        if market is None:
            if self.parts.problem:
                self._input_problem(self.parts.problem)
            else:
                self.credentials_bar.show()
                self.status_message.emit(self.tr("还没有可用的调用凭据"))
            return
        self.input_error.hide()
        max_calls = self.max_calls.value()
        table_of = self.model.table_of

        def work(report: Report, cancel: threading.Event) -> Compared | None:
            if at_hand is not None and at_hand.item is not None and at_hand.raw is not None:
                report(market.plan(at_hand.item, max_calls, force=force))
                outcome = market.compare_item(
                    at_hand.item, at_hand.raw, max_calls=max_calls, force=force, cancel=cancel, progress=report
                )
            else:
                wanted = item_id(report, cancel)
                report(("id", wanted))
                report(market.plan_for(wanted, max_calls, force=force))
                outcome = market.compare(wanted, max_calls=max_calls, force=force, cancel=cancel, progress=report)
            if ledger is not None:
                report(("quota", ledger.remaining))
            if cancel.is_set():
                return None
            # What the table marks as included by hand, read here: the GUI thread never waits on the disk.
            overrides = market.overrides(outcome.item.item_id)
            return outcome, overrides, table_of(outcome.comparison, overrides)

        self._generation += 1
        generation = self._generation
        self.plan = None
        self.plan_label.setText(self.tr("正在估算这次比价要用的调用……"))
        self.summary.clear()
        self.activity_changed.emit(self.tr("正在比价……"))
        self.compare_task = self.runner.run(
            work,
            on_progress=lambda event: self._progress(generation, event),
            on_done=lambda outcome: self._finished(generation, outcome),
            on_error=lambda exc: self._failed(generation, exc),
        )
        self._set_running(True, max_calls)

    def _progress(self, generation: int, event: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(event, MarketPlan):
            self.plan = event
            self.plan_label.setText(self.texts.plan(event))
        elif isinstance(event, MarketProgress):
            text = event.text if current_language() == DEFAULT_LANGUAGE else self.texts.stage(event)
            self.summary.setText(text)
            self.progress.setRange(0, max(1, event.max_calls))
            self.progress.setValue(min(event.calls_used, event.max_calls))
        elif event[0] == "id":
            self.input.setText(event[1])
        elif event[0] == "activity":
            self.summary.setText(event[1])
        elif event[0] == "quota":
            self.quota_changed.emit(event[1])

    def _finished(self, generation: int, outcome: Compared | None) -> None:
        if generation != self._generation or outcome is None:
            return
        report = outcome[0]
        self._set_running(False)
        self.activity_changed.emit("")
        self._show(*outcome)
        text = self.texts.summary(report)
        self.summary.setText(text)
        self.status_message.emit(text)
        failed = [f.failure for f in report.failures]
        if failed:
            self.runner.fail(GatewayError(failed[0]))  # the message bar, in plain words

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_running(False)
        self.activity_changed.emit("")
        if isinstance(exc, Cancelled):
            self.summary.setText(self.tr("已取消比价"))
            return
        if isinstance(exc, InputError):
            self._input_problem(str(exc) or self.tr("没有在输入中找到商品 ID 或链接"))
            self.summary.clear()
            return
        self.summary.setText(self.tr("比价没有完成"))
        self.runner.fail(exc)  # a user error in plain words (the message bar), a bug to the crash handler

    def cancel_compare(self) -> None:
        """Stops at once: the window is free again; what the comparison still sends is dropped."""
        if self.compare_task is None or not self.compare_task.running or self.compare_task.cancelled:
            return
        self.compare_task.cancel()
        self._generation += 1
        self._set_running(False)
        self.activity_changed.emit("")
        text = self.tr("已取消比价")
        self.summary.setText(text)
        self.status_message.emit(text)

    def _set_running(self, running: bool, max_calls: int = 1) -> None:
        self.compare_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for action in self.table.actions():
            action.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, max(1, max_calls))
            self.progress.setValue(0)

    def _input_problem(self, text: str) -> None:
        self.input_error.setText(text)
        self.input_error.show()

    def _show(self, report: MarketReport | None, overrides: Overrides | None, table: MarketTable) -> None:
        self.report, self.overrides = report, overrides
        self.export_button.setEnabled(report is not None)
        self.model.show_table(table)
        self.texts.show_report(report)

    # --- export -----------------------------------------------------------------------------------------
    def choose_export_path(self) -> None:
        report = self.report
        if report is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"行情_{report.item.item_id}_{dt.datetime.now():%Y%m%d_%H%M}.xlsx"
        suggested = Path(folder or str(Path.home())) / name
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出行情"), str(suggested), self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The comparison shown (with the overrides as they stand) as an .xlsx: its 行情 and 行情统计 sheets,
        written off the GUI thread."""
        report = self.report
        if report is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")

        def work(_report: Report, cancel: threading.Event) -> Path:
            return write_market_export(path, report)

        def done(written: Path) -> None:
            text = self.tr("行情已导出到 %1").replace("%1", str(written))
            self.summary.setText(text)
            self.status_message.emit(text)

        self.runner.run(work, on_done=done)

    # --- overrides (persisted, then recomputed without a call) -----------------------------------------
    def selected_rows(self) -> list[MarketRow]:
        rows = [self.model.row_at(r) for r in selected_source_rows(self.table, self.proxy)]
        return [row for row in rows if self.model.can_override(row)]

    def _set_selected(self, include: bool | None) -> None:
        self.set_included([row.candidate.item_id for row in self.selected_rows()], include)

    def set_included(self, listing_ids: list[str], include: bool | None) -> None:
        report = self.report
        if report is None or not listing_ids:
            return
        item_id = report.item.item_id

        def change(store: MarketOverrides) -> None:
            for listing_id in listing_ids:
                store.set_included(item_id, listing_id, include)

        self._override(change)

    def block_selected_sellers(self) -> None:
        rows = self.selected_rows()
        # By id, and by nickname too: same_items rows name their seller only by that.
        blocks = [(key, row.candidate.seller_nick or key) for row in rows
                  for key in (row.candidate.seller_id, row.candidate.seller_nick) if key]  # fmt: skip
        self._override(lambda store: _block(store, BlockKind.SELLER, blocks))

    def block_selected_listings(self) -> None:
        rows = [(row.candidate.item_id, row.candidate.title) for row in self.selected_rows()]
        self._override(lambda store: _block(store, BlockKind.LISTING, rows))

    def unblock_selected(self) -> None:
        """The selected blocked rows' listings and sellers back in every comparison."""
        rows = [row.candidate for row in self.selected_rows() if row.reason is Reason.BLOCKED]
        blocks = [(BlockKind.LISTING, c.item_id) for c in rows]
        blocks += [(BlockKind.SELLER, key) for c in rows for key in (c.seller_id, c.seller_nick) if key]

        def change(store: MarketOverrides) -> None:
            for kind, value in blocks:
                store.unblock(kind, value)

        self._override(change)

    def _override(self, change: Callable[[MarketOverrides], object]) -> None:
        report, market, store = self.report, self.parts.market, self.parts.overrides
        if report is None or market is None or self.running:
            return
        generation = self._generation
        table_of = self.model.table_of

        def work(_report: Report, cancel: threading.Event) -> Compared:
            change(store)
            overrides = store.for_item(report.item.item_id)
            recompared = report.recompared(market.vocabulary, overrides)
            return recompared, overrides, table_of(recompared.comparison, overrides)

        self.runner.run(work, on_done=lambda outcome: self._recompared(generation, outcome))

    def _recompared(self, generation: int, outcome: Compared) -> None:
        if generation != self._generation:
            return  # another comparison started meanwhile: the override is kept, its result not shown
        report = outcome[0]
        self._show(*outcome)
        text = self.texts.recompared(report)
        self.summary.setText(text)
        self.status_message.emit(text)
