"""导出 (Export): the watchlist, the current lookup results or the selection, or the search results, to
Excel or CSV, in the background, with the columns the seller picked last time."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop import __version__
from xianyu_desktop.core.background.child import ChildUnavailable
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.export.process import ExportJob, export_in_child
from xianyu_desktop.core.export.sources import listing_rows, result_rows, watchlist_rows
from xianyu_desktop.core.export.writer import (
    COLUMNS,
    Column,
    ExportCancelled,
    ExportMeta,
    ExportRow,
    HistoryRow,
    columns_for,
    holds_history,
    write_export,
)
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.search import Listing
from xianyu_desktop.core.market.vocabulary import Vocabulary
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.gcpause import gc_paused, release_gradually
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner, Work

COLUMNS_SETTING = "export.columns"
log = logging.getLogger(__name__)
Results = Callable[[], tuple[list[FetchResult], list[FetchResult]]]  # (all lookup results, the selected ones)


class ShownListing(Protocol):
    """A row of the search tab: the listing and when its page was answered."""

    @property
    def listing(self) -> Listing: ...
    @property
    def fetched_at(self) -> float | None: ...


SearchResults = Callable[[], Sequence[ShownListing]]


@dataclass(frozen=True, slots=True)
class ExportParts:
    """What the tab works with: the watchlist and its cached answers, the store (for the remembered
    columns), and where calls go and the tier (named in the file's 说明 sheet, in Chinese)."""

    watchlist: Watchlist
    cache: ItemCache
    store: Store
    gateway: str
    tier: str
    vocabulary: Callable[[], Vocabulary | None] = lambda: None  # for the fields completed from titles


def default_export_path(now: dt.datetime | None = None) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d_%H%M")
    return Path(folder) / f"闲鱼关注_{stamp}.xlsx"


class ExportView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportTab")
        self.what_watchlist = QRadioButton(self.tr("关注列表（含价格历史）"), objectName="exportWhatWatchlist")
        self.what_results = QRadioButton(self.tr("当前查询结果"), objectName="exportWhatResults")
        self.what_selection = QRadioButton(self.tr("查询结果中选中的商品"), objectName="exportWhatSelection")
        self.what_search = QRadioButton(self.tr("搜索结果"), objectName="exportWhatSearch")
        self.what_search.setToolTip(self.tr("“搜索”页现在显示的商品（搜索结果只有摘要信息）"))
        self.what_watchlist.setChecked(True)
        self.what = QButtonGroup(self)
        for button in (self.what_watchlist, self.what_results, self.what_selection, self.what_search):
            self.what.addButton(button)
        self.columns = QListWidget(objectName="exportColumns")
        for column in COLUMNS:
            row = QListWidgetItem(core_text(column.header) + (self.tr("（仅关注）") if column.watch_only else ""))
            row.setData(Qt.ItemDataRole.UserRole, column.key)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(row)
        self.format = QComboBox(objectName="exportFormat")
        self.format.addItem(self.tr("Excel 工作簿 (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("CSV，UTF-8 (.csv)"), ".csv")
        self.path = QLineEdit(objectName="exportPathEdit")
        self.browse = QPushButton(self.tr("浏览…"), objectName="exportBrowseButton")
        self.export_button = QPushButton(self.tr("导出"), objectName="exportButton")
        self.cancel_button = QPushButton(self.tr("取消"), objectName="exportCancelButton")
        self.cancel_button.setEnabled(False)
        self.progress = ProgressBar(objectName="exportProgress")
        self.result = PlainLabel(objectName="exportResultLabel", wordWrap=True)
        self.open_file = QPushButton(self.tr("打开文件"), objectName="exportOpenFileButton")
        self.open_folder = QPushButton(self.tr("打开所在文件夹"), objectName="exportOpenFolderButton")
        for button in (self.open_file, self.open_folder):
            button.setEnabled(False)

        what_box = QVBoxLayout()
        for button in (self.what_watchlist, self.what_results, self.what_selection, self.what_search):
            what_box.addWidget(button)
        destination = QHBoxLayout()
        destination.addWidget(self.path, 1)
        destination.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(PlainLabel(self.tr("导出内容")), what_box)
        form.addRow(PlainLabel(self.tr("列")), self.columns)
        form.addRow(PlainLabel(self.tr("格式")), self.format)
        form.addRow(PlainLabel(self.tr("保存到")), destination)
        actions = QHBoxLayout()
        for widget in (self.export_button, self.cancel_button):
            actions.addWidget(widget)
        actions.addWidget(self.progress, 1)
        done = QHBoxLayout()
        done.addWidget(self.result, 1)
        done.addWidget(self.open_file)
        done.addWidget(self.open_folder)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addLayout(done)


class ExportTab(ExportView):
    status_message = Signal(str)

    def __init__(
        self,
        parts: ExportParts,
        runner: TaskRunner,
        results: Results,
        parent: QWidget | None = None,
        *,
        search_results: SearchResults = list,
    ):
        super().__init__(parent)
        self.parts = parts
        self.runner = runner
        self.results = results
        self.search_results = search_results
        self.task: Task[tuple[Path, int, int]] | None = None
        self.last_file: Path | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=300)
        self.path.setText(str(default_export_path()))
        self._connect_callbacks()
        self._load_columns()

    def _connect_callbacks(self) -> None:
        self.browse.clicked.connect(self.choose_path)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel_export)
        self.open_file.clicked.connect(lambda: self._open(self.last_file))
        self.open_folder.clicked.connect(lambda: self._open(self.last_file.parent if self.last_file else None))
        # Ticking several columns saves once, after the last tick (saves in flight could land out of order).
        self.columns.itemChanged.connect(self._save_timer.start)
        self._save_timer.timeout.connect(self._save_columns)

    def bind(self, parts: ExportParts, *, new_profile: bool) -> None:
        """A new session; another profile has its own remembered columns. A running export ends on its own."""
        self.parts = parts
        if new_profile:
            self._load_columns()

    def shutdown(self) -> None:
        """The window is closing: a running export stops (and leaves no partial file)."""
        self._cancel_export()

    def _cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # --- columns, remembered in the store -----------------------------------------------------------
    def chosen_keys(self) -> list[str]:
        rows = (self.columns.item(i) for i in range(self.columns.count()))
        return [r.data(Qt.ItemDataRole.UserRole) for r in rows if r.checkState() == Qt.CheckState.Checked]

    def _load_columns(self) -> None:
        store = self.parts.store
        self.runner.run(lambda report, cancel: store.get_setting(COLUMNS_SETTING), on_done=self._show_columns)

    def _show_columns(self, saved: str | None) -> None:
        if not saved:
            return
        wanted = set(saved.split(","))
        self.columns.blockSignals(True)
        for i in range(self.columns.count()):
            row = self.columns.item(i)
            checked = row.data(Qt.ItemDataRole.UserRole) in wanted
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.columns.blockSignals(False)

    def _save_columns(self) -> None:
        store, keys = self.parts.store, ",".join(self.chosen_keys())
        self.runner.run(lambda report, cancel: store.set_settings({COLUMNS_SETTING: keys}))

    # --- destination -------------------------------------------------------------------------------
    def _format_changed(self) -> None:
        suffix = str(self.format.currentData())
        current = Path(self.path.text().strip() or default_export_path())
        self.path.setText(str(current.with_suffix(suffix)))

    def choose_path(self) -> None:
        suffix = str(self.format.currentData())
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), self.path.text(), self.tr("表格 (*%1)").replace("%1", suffix)
        )
        if name:
            self.path.setText(name if name.lower().endswith(suffix) else name + suffix)

    # --- exporting ------------------------------------------------------------------------------------
    def start_export(self) -> None:
        if self.task is not None and self.task.running:
            return
        target = Path(self.path.text().strip()).expanduser()
        try:
            columns = columns_for(self.chosen_keys())
        except ExportError as exc:
            self.result.setText(str(exc))
            return
        if not self.chosen_keys():
            self.result.setText(self.tr("请至少选择一列"))
            return
        parts = self.parts
        # The file's 说明 sheet is Chinese whatever the interface language, like the rest of the file.
        meta = ExportMeta(source="", gateway=parts.gateway, tier=parts.tier, app_version=__version__)
        if self.what_search.isChecked():
            self._export_search(target, columns, meta)
            return
        if self.what_watchlist.isChecked():
            self._export_watchlist(target, columns, ExportMeta("关注列表", meta.gateway, meta.tier, meta.app_version))
            return
        lookup_all, lookup_selected = self.results()
        if self.what_results.isChecked():
            source, picked = "当前查询结果", list(lookup_all)
        else:
            source, picked = "查询结果中选中的商品", list(lookup_selected)
        if not picked:
            self.result.setText(self.tr("没有可导出的查询结果"))
            return
        meta = ExportMeta(source, meta.gateway, meta.tier, meta.app_version)
        self._run_export(self._in_thread(lambda: (result_rows(picked, parts.vocabulary()), []), target, columns, meta))

    def _export_watchlist(self, target: Path, columns: list[Column], meta: ExportMeta) -> None:
        """In a process of its own (core/export/process.py): reading and writing thousands of rows in the
        window's process held the GIL most of the time and made the window stutter. Where no child can be
        started, in the pool as before."""
        parts = self.parts
        in_thread = self._in_thread(
            lambda: watchlist_rows(parts.watchlist, parts.cache, parts.vocabulary()), target, columns, meta
        )

        def work(report: Report, cancel: threading.Event) -> tuple[Path, int, int]:
            vocabulary = parts.vocabulary()
            job = ExportJob(
                parts.store.data_dir, parts.cache.cache_dir, target, tuple(c.key for c in columns), meta,
                None if vocabulary is None else Vocabulary(vocabulary.brands, vocabulary.models),  # no caches
            )  # fmt: skip
            try:
                outcome = export_in_child(job, progress=lambda done, total: report((done, total)), cancel=cancel)
            except ChildUnavailable as exc:
                log.warning("the watchlist is exported in the window's process: %s", exc)
                return in_thread(report, cancel)
            return outcome.path, outcome.rows, outcome.history

        self._run_export(work)

    def _export_search(self, target: Path, columns: list[Column], meta: ExportMeta) -> None:
        shown = [(row.listing, row.fetched_at) for row in self.search_results()]
        if not shown:
            self.result.setText(self.tr("没有可导出的搜索结果"))
            return
        meta = ExportMeta("搜索结果", meta.gateway, meta.tier, meta.app_version)
        self._run_export(self._in_thread(lambda: (listing_rows(shown), []), target, columns, meta))

    @staticmethod
    def _in_thread(
        make_rows: Callable[[], tuple[list[ExportRow], list[HistoryRow]]],
        target: Path,
        columns: list[Column],
        meta: ExportMeta,
    ) -> Work[tuple[Path, int, int]]:
        """Rows made and written on the pool."""

        def work(report: Report, cancel: threading.Event) -> tuple[Path, int, int]:
            with gc_paused():
                return export(report, cancel)

        def export(report: Report, cancel: threading.Event) -> tuple[Path, int, int]:
            rows, history = make_rows()
            try:
                written = write_export(
                    target,
                    rows,
                    columns,
                    history,
                    meta,
                    progress=lambda done, total: report((done, total)),
                    cancel=cancel,
                )
                return written, len(rows), len(history)
            finally:
                release_gradually(rows, history)

        return work

    def _run_export(self, work: Work[tuple[Path, int, int]]) -> None:
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.result.setText(self.tr("正在导出……"))
        self.progress.setValue(0)
        self.task = self.runner.run(work, on_progress=self._progress, on_done=self._done, on_error=self._failed)

    def _progress(self, event: tuple[int, int]) -> None:
        done, total = event
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _done(self, outcome: tuple[Path, int, int]) -> None:
        path, count, history = outcome
        self.last_file = path
        self._finished()
        message = self.tr("已导出 %1 个商品到 %2").replace("%1", str(count)).replace("%2", str(path))
        if history and holds_history(path):
            message += self.tr("（含 %n 条价格记录）", "", history)
        elif history:
            message += self.tr("（CSV 只有商品表；%n 条价格记录要导出为 .xlsx 才有）", "", history)
        self.result.setText(message)
        self.status_message.emit(self.result.text())
        self.open_file.setEnabled(True)
        self.open_folder.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        if isinstance(exc, ExportCancelled):
            self.result.setText(self.tr("已取消导出，没有留下不完整的文件"))
        elif isinstance(exc, ExportError):
            self.result.setText(str(exc))
        else:
            self.result.setText(self.tr("导出没有完成"))
            self.runner.fail(exc)

    def _finished(self) -> None:
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
