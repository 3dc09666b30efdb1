"""The 查询 tab's view: layout only (the paste box, the clipboard offer, what was recognised and refused,
the buttons and progress, the results table and the detail pane). Its behaviour is ``lookup_tab``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.ui.credentials_bar import CredentialsBar
from xianyu_desktop.ui.detail_pane import DetailPane
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.tables import row_table
from xianyu_desktop.ui.tasks import TaskRunner


class LookupView(QWidget):
    """Layout only."""

    def __init__(self, images: ImageLoader, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = QPlainTextEdit(objectName="lookupInput")
        self.input.setPlaceholderText(
            self.tr("粘贴闲鱼商品链接、分享文本或商品 ID（每行一个或用逗号分隔），按 Ctrl+Enter 查询")
        )
        self.input.setAcceptDrops(True)
        self.clipboard_bar = QWidget(objectName="clipboardOffer")
        self.clipboard_label = PlainLabel(objectName="clipboardOfferLabel")
        self.clipboard_lookup = QPushButton(self.tr("查询"), objectName="clipboardLookupButton")
        self.clipboard_dismiss = QPushButton(self.tr("忽略"), objectName="clipboardDismissButton")
        self.clipboard_never = QPushButton(self.tr("不再提示"), objectName="clipboardNeverButton")
        bar = QHBoxLayout(self.clipboard_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.clipboard_label, 1)
        for button in (self.clipboard_lookup, self.clipboard_dismiss, self.clipboard_never):
            bar.addWidget(button)
        self.clipboard_bar.hide()
        self.summary = PlainLabel(objectName="lookupSummary")
        self.problems = QListWidget(objectName="lookupProblems")
        self.problems.setMaximumHeight(90)
        self.problems.setWordWrap(True)  # a reason and what to do are one long sentence: read it whole
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setResizeMode(QListView.ResizeMode.Adjust)
        self.problems.hide()
        self.fetch_button = QPushButton(self.tr("查询"), objectName="lookupButton")
        self.fetch_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), objectName="lookupCancelButton")
        self.cancel_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("刷新"), objectName="refreshButton")
        self.refresh_button.setToolTip(self.tr("不用缓存，重新向网关查询所选（或全部）商品"))
        self.watch_button = QPushButton(self.tr("加入关注"), objectName="addToWatchlistButton")
        self.progress = ProgressBar(objectName="lookupProgress")
        self.progress.setFormat(self.tr("%v / %m"))
        self.progress.setValue(0)
        self.progress.setMaximum(1)
        self.progress.setTextVisible(False)  # no "0 / 1" before the first lookup
        self.credentials_bar = CredentialsBar()
        self.filter = QLineEdit(objectName="resultsFilter")
        self.filter.setPlaceholderText(self.tr("筛选结果（标题、卖家、所在地……）"))
        self.filter.setClearButtonEnabled(True)
        self.table = row_table("resultsView")
        self.detail = DetailPane(images, runner)

        buttons = QHBoxLayout()
        for widget in (self.fetch_button, self.cancel_button, self.refresh_button, self.watch_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.credentials_bar)
        top_layout.addWidget(self.clipboard_bar)
        top_layout.addWidget(self.input)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.problems)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.filter)
        bottom_layout.addWidget(self.table)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical, objectName="lookupLeftSplitter")
        self.left_splitter.addWidget(top)
        self.left_splitter.addWidget(bottom)
        self.left_splitter.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="lookupSplitter")
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
