"""The 搜索 tab's view: layout only (the keyword and its filters, what is wrong with them, the buttons and
progress, what the last page cost, the results table and the detail pane). Its behaviour is
``search_tab``."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.gateway.search import MAX_LOCATION_CHARS, MAX_QUERY_CHARS, SearchSort
from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.ui.credentials_bar import CredentialsBar
from xianyu_desktop.ui.detail_pane import DetailPane
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.search_model import ROW_HEIGHT, THUMB_SIDE
from xianyu_desktop.ui.tables import row_table
from xianyu_desktop.ui.tasks import TaskRunner

PRICE_WIDTH = 110


class SearchView(QWidget):
    """Layout only."""

    def __init__(self, images: ImageLoader, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchTab")
        self.input = QLineEdit(objectName="searchInput")
        self.input.setPlaceholderText(self.tr("搜索关键词，例如 iPhone 14 Pro，按回车搜索"))
        self.input.setMaxLength(MAX_QUERY_CHARS * 2)  # runs of spaces are collapsed before the check
        self.input.setClearButtonEnabled(True)
        self.sort = QComboBox(objectName="searchSort")
        for text, sort in (
            (self.tr("综合"), SearchSort.DEFAULT),
            (self.tr("价格从低到高"), SearchSort.PRICE_ASC),
            (self.tr("价格从高到低"), SearchSort.PRICE_DESC),
            (self.tr("最新发布"), SearchSort.TIME_DESC),
        ):
            self.sort.addItem(text, sort.value)
        self.min_price = QLineEdit(objectName="searchMinPrice")
        self.min_price.setPlaceholderText(self.tr("最低价（元）"))
        self.max_price = QLineEdit(objectName="searchMaxPrice")
        self.max_price.setPlaceholderText(self.tr("最高价（元）"))
        for edit in (self.min_price, self.max_price):
            # As wide as its placeholder in the interface language, no wider: prices are short.
            edit.setFixedWidth(max(PRICE_WIDTH, edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 24))
            edit.setMaxLength(20)
        self.condition = QComboBox(objectName="searchCondition")
        self.condition.addItem(self.tr("任何成色"), "")
        for code, label in CONDITION_LABELS.items():
            self.condition.addItem(core_text(label), code)
        self.location = QLineEdit(objectName="searchLocation")
        self.location.setPlaceholderText(self.tr("所在地（省份或城市，可不填）"))
        self.location.setMaxLength(MAX_LOCATION_CHARS * 2)
        self.input_error = PlainLabel(objectName="searchInputError", wordWrap=True)
        self.input_error.setStyleSheet("color: #c0392b;")
        self.input_error.hide()
        self.search_button = QPushButton(self.tr("搜索"), objectName="searchButton")
        self.search_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), objectName="searchCancelButton")
        self.cancel_button.setEnabled(False)
        self.more_button = QPushButton(self.tr("更多"), objectName="searchMoreButton")
        self.more_button.setToolTip(self.tr("再加载一页（50 条），已显示的不会重复"))
        self.more_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("刷新"), objectName="searchRefreshButton")
        self.refresh_button.setToolTip(self.tr("不用缓存，重新向网关搜索"))
        self.refresh_button.setEnabled(False)
        self.watch_button = QPushButton(self.tr("加入关注"), objectName="searchAddWatchButton")
        self.details_button = QPushButton(self.tr("查询详情"), objectName="searchDetailsButton")
        self.details_button.setToolTip(self.tr("在“查询”页查询所选商品的完整信息"))
        self.save_button = QPushButton(self.tr("保存为关键词监控"), objectName="searchSaveButton")
        self.save_button.setToolTip(self.tr("把这个关键词和筛选条件加到“关注”页的关键词监控：有新发布的商品时提醒"))
        self.progress = ProgressBar(objectName="searchProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.summary = PlainLabel(objectName="searchSummary", wordWrap=True)
        # Two lines kept for it: a summary that wraps differently from the one before does not move the table
        # (a relayout and a repaint of the whole tab at each page's start and end).
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.credentials_bar = CredentialsBar()
        self.table = row_table("searchResultsView")
        self.table.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.detail = DetailPane(images, runner)
        self._lay_out()

    def _lay_out(self) -> None:
        inputs = QGridLayout()
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.addWidget(self.input, 0, 0, 1, 3)
        inputs.addWidget(self.sort, 0, 3)
        inputs.addWidget(self.search_button, 0, 4)
        price = QHBoxLayout()
        price.addWidget(self.min_price)
        price.addWidget(PlainLabel("–"))
        price.addWidget(self.max_price)
        inputs.addLayout(price, 1, 0)
        inputs.addWidget(self.condition, 1, 1)
        inputs.addWidget(self.location, 1, 2, 1, 2)
        inputs.addWidget(self.cancel_button, 1, 4)
        inputs.setColumnStretch(2, 1)
        buttons = QHBoxLayout()
        for widget in (self.more_button, self.refresh_button, self.watch_button, self.details_button, self.save_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.credentials_bar)
        left_layout.addLayout(inputs)
        left_layout.addWidget(self.input_error)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="searchSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
