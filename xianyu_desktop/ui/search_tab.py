"""搜索 (Search): a keyword and its filters, one page of 50 listings at a time in the background, 更多 for
the next page (none shown twice), a row's details fetched on demand, the selection to the watchlist or
to the 查询 tab."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from xianyu_desktop.core.errors import ErrorKind, GatewayError
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.search import SearchQuery, SearchQueryError, SearchSort, parse_price
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.search.searcher import SEARCH_PAGE_SIZE, Searcher, SearchPlan, SearchStep
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.saved_searches_box import SavedSearchDraft
from xianyu_desktop.ui.search_model import (
    TITLE_COLUMN,
    BuiltRow,
    PicturesOnScreen,
    SearchModel,
    SearchRow,
    widest_texts,
)
from xianyu_desktop.ui.search_view import SearchView
from xianyu_desktop.ui.tables import Cells, fit_columns, selected_source_rows, sort_filter_proxy
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner
from xianyu_desktop.ui.watch_add import add_to_watchlist


@dataclass(frozen=True, slots=True)
class ShownPage:
    """A page as the worker hands it over: the searcher's step, its rows, and their cells and items (made
    off the GUI thread: SearchModel.built_row)."""

    step: SearchStep
    rows: list[SearchRow]
    cells: list[BuiltRow]


@dataclass(frozen=True, slots=True)
class SearchParts:
    """What the tab works with (searcher and lookup None: no usable credentials)."""

    searcher: Searcher | None
    lookup: ItemLookup | None
    quota: StoreQuotaLedger | None
    watchlist: Watchlist


class SearchTab(SearchView):
    """The behaviour: the query checked as typed into it, pages in the background, selection → detail."""

    status_message = Signal(str)
    quota_changed = Signal(object)  # int remaining, or None
    activity_changed = Signal(str)
    watchlist_changed = Signal()
    lookup_requested = Signal(list)  # item ids for the 查询 tab
    save_requested = Signal(object)  # SavedSearchDraft: the inputs, for the 关注 tab's keyword monitors

    def __init__(self, parts: SearchParts, runner: TaskRunner, images: ImageLoader, parent: QWidget | None = None):
        super().__init__(images, runner, parent)
        self.parts = parts
        self.runner = runner
        self.model = SearchModel(images, self)
        self.proxy = sort_filter_proxy(self.model, self)
        self.table.setModel(self.proxy)
        self.pictures = PicturesOnScreen(self.table, self.proxy, self.model)
        fit_columns(self.table, self.model, stretch=TITLE_COLUMN, widest=widest_texts())
        self.search_task: Task[None] | None = None
        self.detail_task: Task[tuple[FetchResult | None, int | None]] | None = None
        self.query: SearchQuery | None = None  # the search shown (its first page)
        self.next_page = 1
        self.has_more = False
        self.total_results = 0
        self.unreadable = 0
        self.remaining: int | None = None
        self._generation = 0  # of the running search: what a cancelled one still sends is dropped
        self._detail_generation = 0
        self._page_no = 1
        self._page_note = ""
        self._failure = ""
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.search_button.clicked.connect(lambda: self.start_search())
        for edit in (self.input, self.min_price, self.max_price, self.location):
            edit.returnPressed.connect(lambda: self.start_search())
        self.cancel_button.clicked.connect(self.cancel_search)
        self.more_button.clicked.connect(self.load_more)
        self.refresh_button.clicked.connect(self.refresh)
        self.watch_button.clicked.connect(self.add_selected_to_watchlist)
        self.details_button.clicked.connect(self.look_up_selected)
        self.save_button.clicked.connect(self.request_save)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def bind(self, parts: SearchParts, *, new_profile: bool) -> None:
        """A new session: the next search uses it, one running ends on the one it started with. Another
        profile (the seller switched to demo mode) searches another market: the old results go."""
        self.parts = parts
        if parts.searcher is not None:
            self.credentials_bar.hide()
        if new_profile:
            self.cancel_search()
            self.model.clear()
            self.query = None
            self.has_more = False
            self.summary.clear()
            self.detail.show_result(None)
            self._set_running(False)

    def shutdown(self) -> None:
        """The window is closing: a running search and a detail fetch stop."""
        self.cancel_search()
        if self.detail_task is not None:
            self.detail_task.cancel()

    @property
    def running(self) -> bool:
        return self.search_task is not None and self.search_task.running and not self.search_task.cancelled

    # --- the query ------------------------------------------------------------------------------------
    def query_from_inputs(self) -> SearchQuery:
        """The first page of the search the inputs describe; SearchQueryError in plain words when the
        gateway would refuse it (nothing is sent then)."""
        return SearchQuery(
            self.input.text(),
            page_size=SEARCH_PAGE_SIZE,
            sort=SearchSort(str(self.sort.currentData())),
            start_price=parse_price(self.min_price.text(), "最低价"),
            end_price=parse_price(self.max_price.text(), "最高价"),
            condition=str(self.condition.currentData()) or None,
            location=self.location.text(),
        )

    def request_save(self) -> None:
        """保存为关键词监控: the keyword and filters as typed (the max price is the monitor's own; a minimum
        price and the sort have no place in one), checked in the dialog the 关注 tab opens."""
        self.save_requested.emit(
            SavedSearchDraft(
                self.input.text(),
                self.max_price.text(),
                str(self.condition.currentData() or ""),
                self.location.text(),
            )
        )

    def start_search(self, *, force: bool = False) -> None:
        if self.running:
            return
        try:
            query = self.query_from_inputs()
        except SearchQueryError as exc:
            self.input_error.setText(str(exc))
            self.input_error.show()
            return
        self.input_error.hide()
        self._begin(query, force=force, fresh=True)

    def refresh(self) -> None:
        """The search shown, again from its first page, asking the gateway rather than the cache."""
        if self.query is not None and not self.running:
            self._begin(self.query, force=True, fresh=True)

    def load_more(self) -> None:
        """The next page; listings already shown are left out of it."""
        if self.query is not None and self.has_more and not self.running:
            self._begin(self.query.page(self.next_page), force=False, fresh=False)

    def _begin(self, query: SearchQuery, *, force: bool, fresh: bool) -> None:
        searcher = self.parts.searcher
        if searcher is None:
            self.credentials_bar.show()
            self.status_message.emit(self.tr("还没有可用的调用凭据"))
            return
        if fresh:
            self.model.clear()
            self.detail.show_result(None)
            self.query = query
            self.total_results = self.unreadable = 0
            self.has_more = False
        seen = frozenset(self.model.item_ids())
        ledger = self.parts.quota
        built_row = self.model.built_row

        def work(report: Report, cancel: threading.Event) -> None:
            report(searcher.plan(query, SEARCH_PAGE_SIZE, force=force))
            for step in searcher.run(query, SEARCH_PAGE_SIZE, seen=seen, force=force, cancel=cancel):
                if cancel.is_set():
                    return  # 取消 was pressed while the page was on its way: it stays in the cache, unshown
                rows = [SearchRow(listing, step.fetched_at, step.from_cache) for listing in step.listings]
                report(ShownPage(step, rows, [built_row(row) for row in rows]))  # the rows' items made here
            if ledger is not None:
                report(("quota", ledger.remaining))

        self._generation += 1
        generation = self._generation
        self._page_note = self._failure = ""
        self._page_no = query.page_no
        self.summary.setText(self.tr("正在搜索第 %1 页……").replace("%1", str(query.page_no)))
        self.activity_changed.emit(self.tr("正在搜索……"))
        self.search_task = self.runner.run(
            work,
            on_progress=lambda event: self._progress(generation, event),
            on_done=lambda _: self._finished(generation),
            on_error=lambda exc: self._failed(generation, exc),
        )
        self._set_running(True)

    # --- what comes back ------------------------------------------------------------------------------
    def _progress(self, generation: int, event: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(event, SearchPlan):
            self.remaining = event.remaining
            self.summary.setText(
                self.tr("正在搜索第 %1 页……（今日还剩 %2 次调用）")
                .replace("%1", str(self._page_no))
                .replace("%2", str(event.remaining))
            )
        elif isinstance(event, ShownPage):
            self._show_step(event.step, event.rows, event.cells)
        elif isinstance(event, SearchStep):
            self._show_step(event)
        else:
            _, remaining = event
            self.remaining = remaining
            self.quota_changed.emit(remaining)

    def _show_step(
        self, step: SearchStep, rows: list[SearchRow] | None = None, cells: Sequence[Cells] | None = None
    ) -> None:
        if step.failure is not None:
            if step.failure.kind is not ErrorKind.CANCELLED:
                failure = step.failure  # as GatewayFailure.describe says it, in the interface language
                self._failure = f"{core_text(failure.kind.label)}：{failure.message}。{core_text(failure.remedy)}"
                self.runner.fail(GatewayError(step.failure))  # the message bar, as a lookup's failure is
            return
        if rows is None:
            rows = [SearchRow(listing, step.fetched_at, step.from_cache) for listing in step.listings]
        self.model.append(rows, cells)
        self.total_results = step.total_results
        self.has_more = step.has_more
        self.next_page = step.page_no + 1
        self.unreadable += step.unreadable_count
        if step.from_cache:
            note = self.tr("第 %1 页来自缓存，没有用调用")
        else:
            note = self.tr("第 %1 页用了 %n 次调用", "", step.attempts)
        self._page_note = note.replace("%1", str(step.page_no))
        if step.repeated:
            self._page_note += self.tr("，%n 条已显示过", "", step.repeated)

    def _finished(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._set_running(False)
        self.activity_changed.emit("")
        if self._failure:
            text = self.tr("搜索没有完成：") + self._failure
        elif self.model.rowCount() == 0 and self.total_results == 0:
            text = self.tr("没有找到相符的商品。换个关键词，或放宽价格、成色、所在地再试")
        else:
            text = (
                self.tr("共 %1 条结果，已显示 %2 条")
                .replace("%1", str(self.total_results))
                .replace("%2", str(self.model.rowCount()))
            )
            if self._page_note:
                text += self.tr("；") + self._page_note
        if self.unreadable:
            text += self.tr("；%n 条无法读取，已略过", "", self.unreadable)
        if self.remaining is not None:
            text += self.tr("；今日还剩 %1 次调用").replace("%1", str(self.remaining))
        self.summary.setText(text)
        self.status_message.emit(text)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_running(False)
        self.activity_changed.emit("")
        self.summary.setText(self.tr("搜索没有完成"))
        self.runner.fail(exc)  # a user error shown in plain words, a bug to the crash handler

    def cancel_search(self) -> None:
        """Stops at once: the window is free again, and whatever the search still sends is dropped."""
        if self.search_task is None or not self.search_task.running or self.search_task.cancelled:
            return
        self.search_task.cancel()
        self._generation += 1
        self._set_running(False)
        self.activity_changed.emit("")
        text = self.tr("已取消搜索")
        if self.model.rowCount():
            text += self.tr("；已显示 %1 条").replace("%1", str(self.model.rowCount()))
        self.summary.setText(text)
        self.status_message.emit(text)

    def _set_running(self, running: bool) -> None:
        self.search_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.refresh_button.setEnabled(not running and self.query is not None)
        self.more_button.setEnabled(not running and self.has_more)
        # Listings shown of those found. While a page is on its way the bar stays as it was (a fresh search:
        # empty): a page is one answer, there is nothing to count within it, and Qt's busy animation would
        # repaint the bar and every widget under it each frame (half of the window's paints during a search).
        # The summary says which page is being fetched, and 取消 is enabled.
        shown = self.model.rowCount()
        self.progress.setFormat(self.tr("%v / %m"))
        self.progress.setRange(0, max(1, self.total_results, shown))
        self.progress.setValue(shown)
        self.progress.setTextVisible(self.query is not None and (shown > 0 or not running))

    # --- the selection --------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [self.model.row_at(r).listing.item_id for r in selected_source_rows(self.table, self.proxy)]

    def selected_rows(self) -> list[SearchRow]:
        return [self.model.row_at(r) for r in selected_source_rows(self.table, self.proxy)]

    def add_selected_to_watchlist(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.status_message.emit(self.tr("请先在搜索结果中选择要关注的商品"))
            return
        add_to_watchlist(
            self.runner, self.parts.watchlist, ids, say=self.status_message.emit, changed=self.watchlist_changed.emit
        )

    def look_up_selected(self) -> None:
        """The selected listings in full, side by side on the 查询 tab (the window starts the lookup)."""
        ids = self.selected_ids()
        if not ids:
            self.status_message.emit(self.tr("请先在搜索结果中选择要查询的商品"))
            return
        self.lookup_requested.emit(ids)

    def _current_changed(self, current: Any, previous: Any) -> None:
        if self.detail_task is not None:
            self.detail_task.cancel()
        self._detail_generation += 1
        if not current.isValid():
            self.detail.show_result(None)
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        # The summary at once; the details (the cache's when fresh, else one call) replace it.
        listing = row.listing
        summary = FetchResult(listing.item_id, listing.as_item(), from_cache=row.from_cache, fetched_at=row.fetched_at)
        self.detail.show_result(summary)
        self._fetch_detail(listing.item_id)

    def _fetch_detail(self, item_id: str) -> None:
        lookup, ledger = self.parts.lookup, self.parts.quota
        if lookup is None:
            return
        generation = self._detail_generation

        def work(report: Report, cancel: threading.Event) -> tuple[FetchResult | None, int | None]:
            result = next(iter(lookup.lookup_many([item_id], cancel=cancel)), None)
            return result, ledger.remaining if ledger is not None else None

        self.detail_task = self.runner.run(
            work,
            on_done=lambda outcome: self._detail_fetched(generation, *outcome),
            on_error=lambda exc: self._detail_failed(generation, exc),
        )

    def _detail_fetched(self, generation: int, result: FetchResult | None, remaining: int | None) -> None:
        if remaining is not None:
            self.quota_changed.emit(remaining)
        if generation != self._detail_generation or result is None:
            return
        if result.failure is not None and result.failure.kind is ErrorKind.CANCELLED:
            return
        self.detail.show_result(result)  # a failure is said in the pane, in plain words

    def _detail_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._detail_generation:
            self.detail.show_result(None)
        self.runner.fail(exc)
