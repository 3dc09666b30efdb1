"""查询 (Lookup): paste anything, see what was recognised, fetch in the background, inspect a row."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QWidget,
)

from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.links import REASON_SHORT_LINK, Extraction, extract_item_ids
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.core.web.shortlinks import (
    ShortLinkResolution,
    ShortLinkResolver,
    merge_resolutions,
    short_link_key,
)
from xianyu_desktop.ui.batch_question import BatchQuestion
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.link_problems import problem_line, resolution_line
from xianyu_desktop.ui.lookup_view import LookupView
from xianyu_desktop.ui.results_model import HIDDEN_COLUMNS, TITLE_COLUMN, ResultsModel, widest_texts
from xianyu_desktop.ui.tables import fit_columns, selected_source_rows, sort_filter_proxy
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner
from xianyu_desktop.ui.watch_add import add_to_watchlist

EXTRACT_DELAY_MS = 250
FRAME_MS = 16  # answers arriving during a lookup are shown together, at most once a frame
CLIPBOARD_CHARS = 1_000_000  # of the clipboard looked at: more than that is not a few copied links


@dataclass(frozen=True, slots=True)
class LookupParts:
    """What the tab works with (None: no usable credentials)."""

    lookup: ItemLookup | None
    quota: StoreQuotaLedger | None
    short_links: ShortLinkResolver
    watchlist: Watchlist


class LookupTab(LookupView):
    """The behaviour: extraction as you type, background fetches, selection → detail."""

    status_message = Signal(str)
    quota_changed = Signal(object)  # int remaining, or None
    activity_changed = Signal(str)
    watchlist_changed = Signal()
    clipboard_offers_changed = Signal(bool)  # the seller's 不再提示 (False)

    def __init__(self, parts: LookupParts, runner: TaskRunner, images: ImageLoader, parent: QWidget | None = None):
        super().__init__(images, runner, parent)
        self.parts = parts
        self.runner = runner
        self.model = ResultsModel(self)
        self.proxy = sort_filter_proxy(self.model, self)
        self.table.setModel(self.proxy)
        fit_columns(self.table, self.model, stretch=TITLE_COLUMN, widest=widest_texts(), hidden=HIDDEN_COLUMNS)
        self.extraction = Extraction([], [], [])
        self.resolutions: dict[str, ShortLinkResolution] = {}  # by share code, kept while the app runs
        self._resolving = False
        self._extract_generation = 0
        self._extract_timer = QTimer(self, singleShot=True, interval=EXTRACT_DELAY_MS)
        self._arrived: list[FetchResult] = []  # answers not shown yet: shown together once a frame
        self._show_timer = QTimer(self, singleShot=True, interval=FRAME_MS)
        self.fetch_task: Task[int] | None = None
        self.batch_question = BatchQuestion(self)  # before a batch bigger than today's quota
        self.offer_clipboard = True
        self._clipboard_seen = ""  # the clipboard text last looked at: each copy is offered once
        self._clipboard_offer = ""
        self._expected = 0
        self._received = 0
        self._connect_callbacks()
        self._show_extraction()

    def _connect_callbacks(self) -> None:
        self.input.textChanged.connect(self._extract_timer.start)
        self._extract_timer.timeout.connect(self._extract_in_background)
        self._show_timer.timeout.connect(self._show_arrived)
        self.fetch_button.clicked.connect(lambda: self.start_lookup(force=False))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda: self.start_lookup(force=False))
        self.cancel_button.clicked.connect(self.cancel_lookup)
        self.refresh_button.clicked.connect(self.refresh_selected)
        self.watch_button.clicked.connect(self.add_selected_to_watchlist)
        self.clipboard_lookup.clicked.connect(self.lookup_clipboard)
        self.clipboard_dismiss.clicked.connect(self.clipboard_bar.hide)
        self.clipboard_never.clicked.connect(self._stop_clipboard_offers)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def bind(self, parts: LookupParts, *, new_profile: bool) -> None:
        """A new session: the next lookup uses it, one running ends on the one it started with. Another
        profile (the seller switched to demo mode) has other items: the old results go."""
        self.parts = parts
        if new_profile:
            self.cancel_lookup()
            self.resolutions.clear()
            self.model.clear()
            self.detail.show_result(None)

    def shutdown(self) -> None:
        """The window is closing: a running lookup stops."""
        self.cancel_lookup()

    # --- extraction --------------------------------------------------------------------------------
    def _extract_in_background(self) -> None:
        self._extract_generation += 1
        generation = self._extract_generation
        text = self.input.toPlainText()
        self.runner.run(
            lambda report, cancel: extract_item_ids(text),
            on_done=lambda extraction: self._extracted(generation, extraction),
        )

    def _extracted(self, generation: int, extraction: Extraction) -> None:
        if generation == self._extract_generation:
            self.extraction = extraction
            self._show_extraction()

    def _show_extraction(self) -> None:
        """ids found (with the short links resolved so far), short links still to resolve, and per
        problem or short link one line: why, or what it resolved to."""
        shown = merge_resolutions(self.extraction, self._known_resolutions(self.extraction))
        count = len(shown.ids)
        pending = len(shown.short_links)
        refused = sum(1 for p in shown.problems if p.reason != REASON_SHORT_LINK)
        if count or refused or pending:
            self.summary.setText(
                self.tr("识别到 %n 个商品 ID", "", count)
                + (self.tr("，%n 个短链接待解析", "", pending) if pending else "")
                + (self.tr("，%n 条无法识别", "", refused) if refused else "")
            )
        else:
            self.summary.setText(self.tr("还没有识别到商品 ID"))
        self.problems.clear()
        for problem in self.extraction.problems:
            resolution = None
            if problem.reason == REASON_SHORT_LINK:
                resolution = self.resolutions.get(short_link_key(problem.text))
            self.problems.addItem(
                problem_line(problem) if resolution is None else resolution_line(resolution, problem.text)
            )
        # Notes (an id Excel has probably rounded, taken all the same) follow the refusals.
        for note in self.extraction.notes:
            self.problems.addItem(problem_line(note))
        self.problems.setVisible(self.problems.count() > 0)

    def _known_resolutions(self, extraction: Extraction) -> list[ShortLinkResolution]:
        keys = (short_link_key(url) for url in extraction.short_links)
        return [self.resolutions[key] for key in keys if key in self.resolutions]

    # --- the clipboard ------------------------------------------------------------------------------
    def check_clipboard(self) -> None:
        """When the window comes to the front: item links copied meanwhile (a share text from the phone,
        say) are offered for lookup, once per copy. The text is read only here, never stored."""
        if not self.offer_clipboard:
            return
        text = QGuiApplication.clipboard().text()[:CLIPBOARD_CHARS]
        if not text.strip() or text == self._clipboard_seen:
            return
        self._clipboard_seen = text
        if text.strip() in self.input.toPlainText():
            return
        self.runner.run(
            lambda report, cancel: extract_item_ids(text),
            on_done=lambda extraction: self._offer_clipboard(text, extraction),
        )

    def _offer_clipboard(self, text: str, extraction: Extraction) -> None:
        found = len(extraction.ids) + len(extraction.short_links)  # a phone's share text: just a short link
        if not found or text != self._clipboard_seen or not self.offer_clipboard:
            return
        self._clipboard_offer = text
        self.clipboard_label.setText(self.tr("剪贴板里有 %n 个闲鱼商品，要查询吗？", "", found))
        self.clipboard_bar.show()

    def lookup_clipboard(self) -> None:
        self.clipboard_bar.hide()
        self.input.setPlainText(self._clipboard_offer)
        self.start_lookup(force=False)

    def _stop_clipboard_offers(self) -> None:
        self.clipboard_bar.hide()
        self.offer_clipboard = False
        self.clipboard_offers_changed.emit(False)

    # --- lookups -----------------------------------------------------------------------------------
    def start_lookup(self, *, force: bool, ids: list[str] | None = None) -> None:
        if self.fetch_task is not None and self.fetch_task.running:
            return
        lookup = self.parts.lookup
        if lookup is None:
            self.credentials_bar.show()
            self.status_message.emit(self.tr("还没有可用的调用凭据"))
            return
        text = self.input.toPlainText() if ids is None else ""
        ledger = self.parts.quota
        question = self.batch_question
        resolver = self.parts.short_links

        def work(report: Report, cancel: threading.Event) -> int:
            wanted = ids
            if wanted is None:
                extraction = extract_item_ids(text)
                report(("extracted", extraction))
                if extraction.short_links:
                    # Short links first, in the background like the fetch: no gateway call, no quota; the
                    # resolver's cache answers the ones seen before (a network failure is tried again).
                    report(("resolving", len({short_link_key(url) for url in extraction.short_links})))
                    resolutions = resolver.resolve_all(
                        extraction.short_links, cancel=cancel, on_each=lambda r: report(("resolved", r))
                    )
                    if cancel.is_set():
                        return 0
                    extraction = merge_resolutions(extraction, resolutions)
                wanted = extraction.ids
            report(("ids", wanted))
            if wanted and not question.confirm(lookup.plan(wanted, force=force), cancel):
                return 0  # declined: the lookup ends as cancelled
            done = 0
            for result in lookup.lookup_many(wanted, force=force, cancel=cancel):
                report(result)
                done += 1
                if ledger is not None and not result.from_cache and done % 5 == 0:
                    report(("quota", ledger.remaining))
            if ledger is not None:
                report(("quota", ledger.remaining))
            return done

        self._received = self._expected = 0
        self._set_running(True)
        self.activity_changed.emit(self.tr("正在查询……"))
        self.fetch_task = self.runner.run(
            work, on_progress=self._progress, on_done=self._finished, on_error=self._failed
        )

    def look_up(self, ids: list[str]) -> bool:
        """Ids sent from another tab (搜索's 查询详情): put in the paste box and looked up; False (nothing
        done) while a lookup runs."""
        if self.fetch_task is not None and self.fetch_task.running:
            return False
        self.input.setPlainText("\n".join(ids))
        self.start_lookup(force=False, ids=ids)
        return True

    def _progress(self, event: Any) -> None:
        if isinstance(event, FetchResult):
            if event.failure is not None and event.failure.kind is ErrorKind.CANCELLED:
                return
            # Answers are shown once a frame, together: one insertion and one layout for the table, not
            # one per answer (many arrive within a frame when the cache or a fast gateway answers).
            self._arrived.append(event)
            if not self._show_timer.isActive():
                self._show_timer.start()
            return
        self._show_arrived()  # what came before this event, first
        kind, value = event
        if kind == "extracted":
            self.extraction = value
            self._show_extraction()
        elif kind == "resolving":
            self._resolving = True
            self.progress.setMaximum(value)
            self.progress.setValue(0)
            self.activity_changed.emit(self.tr("正在解析 %n 个短链接……", "", value))
        elif kind == "resolved":
            self.resolutions[short_link_key(value.url)] = value
            self.progress.setValue(self.progress.value() + 1)
            self._show_extraction()
        elif kind == "ids":
            if self._resolving:
                self._resolving = False
                self.activity_changed.emit(self.tr("正在查询……"))
            self._expected = len(value)
            self.progress.setMaximum(max(1, self._expected))
            self.progress.setValue(0)
            self.progress.setTextVisible(True)
            if not value:
                self.status_message.emit(self.tr("没有识别到闲鱼商品 ID"))
        elif kind == "quota":
            self.quota_changed.emit(value)

    def _show_arrived(self) -> None:
        self._show_timer.stop()
        if not self._arrived:
            return
        arrived, self._arrived = self._arrived, []
        self._received += len(arrived)
        self.progress.setValue(self._received)
        self.model.upsert_many(arrived)

    def _finished(self, count: int) -> None:
        self._show_arrived()
        self._set_running(False)
        cancelled = self.fetch_task is not None and self.fetch_task.cancelled
        failed = sum(1 for r in self.model.results() if r.failure is not None)
        if cancelled and self._resolving:
            message = (
                self.tr("已取消：短链接解析了 %1 / %2 个")
                .replace("%1", str(self.progress.value()))
                .replace("%2", str(self.progress.maximum()))
            )
        elif cancelled:
            message = (
                self.tr("已取消：完成 %1 / %2").replace("%1", str(self._received)).replace("%2", str(self._expected))
            )
        else:
            message = self.tr("查询完成：%1 个商品，%2 个失败").replace("%1", str(count)).replace("%2", str(failed))
        self._resolving = False
        self.status_message.emit(message)
        self.activity_changed.emit("")

    def _failed(self, exc: BaseException) -> None:
        self._show_arrived()
        self._set_running(False)
        self._resolving = False
        self.activity_changed.emit("")
        self.status_message.emit(self.tr("查询没有完成"))
        self.runner.fail(exc)  # a user error shown in plain words, a bug to the crash handler

    def _set_running(self, running: bool) -> None:
        self.fetch_button.setEnabled(not running)
        self.refresh_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def cancel_lookup(self) -> None:
        if self.fetch_task is not None and self.fetch_task.running:
            self.fetch_task.cancel()
            self.cancel_button.setEnabled(False)

    def selected_ids(self) -> list[str]:
        return [self.model.result_at(r).item_id for r in selected_source_rows(self.table, self.proxy)]

    def refresh_selected(self) -> None:
        ids = self.selected_ids() or [r.item_id for r in self.model.results()]
        if ids:
            self.start_lookup(force=True, ids=ids)

    def add_selected_to_watchlist(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.status_message.emit(self.tr("请先在结果中选择要关注的商品"))
            return
        add_to_watchlist(
            self.runner, self.parts.watchlist, ids, say=self.status_message.emit, changed=self.watchlist_changed.emit
        )

    def _current_changed(self, current: Any, previous: Any) -> None:
        """The pane follows the selection a part per turn of the event loop (DetailPane.show_soon)."""
        if not current.isValid():
            self.detail.show_soon(None)
            return
        self.detail.show_soon(self.model.result_at(self.proxy.mapToSource(current).row()))
