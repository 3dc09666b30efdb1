"""The 行情 tab's view: layout only (the link or id to compare and the call budget, the plan, progress and
cancel, the price chart beside the item, its value score, suggested prices and verdict, then the table of
comparables and excluded listings). Its behaviour is ``market_tab``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.market.gather import DEFAULT_MAX_CALLS, MIN_MAX_CALLS
from xianyu_desktop.ui.credentials_bar import CredentialsBar
from xianyu_desktop.ui.market_chart import MarketChart
from xianyu_desktop.ui.plain import PlainLabel, SelectableLabel
from xianyu_desktop.ui.progress import ProgressBar
from xianyu_desktop.ui.tables import row_table

MAX_CALLS_LIMIT = 200
SIDE_WIDTH = 420


def _wrapping(name: str) -> PlainLabel:
    return SelectableLabel(objectName=name, wordWrap=True)


class MarketView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marketTab")
        self.input = QLineEdit(objectName="marketInput")
        self.input.setPlaceholderText(self.tr("粘贴商品链接或 ID（也可以是自己在售商品的链接），按回车比价"))
        self.input.setClearButtonEnabled(True)
        self.input.setMaxLength(4000)
        self.max_calls = QSpinBox(objectName="marketMaxCalls")
        self.max_calls.setRange(MIN_MAX_CALLS, MAX_CALLS_LIMIT)
        self.max_calls.setValue(DEFAULT_MAX_CALLS)
        self.max_calls.setPrefix(self.tr("最多 "))
        self.max_calls.setSuffix(self.tr(" 次调用"))
        self.max_calls.setToolTip(self.tr("这次比价最多用多少次网关调用（缓存命中不算）"))
        self.compare_button = QPushButton(self.tr("比价"), objectName="marketCompareButton")
        self.compare_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), objectName="marketCancelButton")
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("导出行情…"), objectName="marketExportButton")
        self.export_button.setToolTip(self.tr("把这次比价（每件同款及纳入或排除的原因、统计和建议价）导出为 Excel"))
        self.export_button.setEnabled(False)
        self.input_error = PlainLabel(objectName="marketInputError", wordWrap=True)
        self.input_error.setStyleSheet("color: #c0392b;")
        self.input_error.hide()
        self.plan_label = _wrapping("marketPlanLabel")
        self.progress = ProgressBar(objectName="marketProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.progress.hide()  # shown while a comparison runs
        self.summary = _wrapping("marketSummary")
        self.credentials_bar = CredentialsBar()
        self.chart = MarketChart()
        self.item_label = _wrapping("marketItemLabel")
        self.verdict_label = _wrapping("marketVerdictLabel")
        self.score_label = _wrapping("marketScoreLabel")
        self.stats_label = _wrapping("marketStatsLabel")
        self.suggested_label = _wrapping("marketSuggestedLabel")
        self.reasoning_label = _wrapping("marketReasoningLabel")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        for label in (self.verdict_label, self.score_label, self.suggested_label):
            label.setFont(font)
        self.table = row_table("marketComparablesView")
        self._lay_out()

    def _lay_out(self) -> None:
        inputs = QHBoxLayout()
        inputs.addWidget(self.input, 1)
        inputs.addWidget(self.max_calls)
        inputs.addWidget(self.compare_button)
        inputs.addWidget(self.cancel_button)
        inputs.addWidget(self.export_button)
        status = QHBoxLayout()
        status.addWidget(self.plan_label, 1)
        status.addWidget(self.progress)
        panel = QWidget()
        side_layout = QVBoxLayout(panel)
        labels = (self.item_label, self.verdict_label, self.score_label, self.stats_label, self.suggested_label)
        for widget in (*labels, self.reasoning_label):
            side_layout.addWidget(widget)
        side_layout.addStretch(1)
        side = QScrollArea(objectName="marketSidePanel")  # long titles and reasoning scroll, never cut
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setWidget(panel)
        side.setMinimumWidth(SIDE_WIDTH)
        self.top_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="marketTopSplitter")
        self.top_splitter.addWidget(self.chart)
        self.top_splitter.addWidget(side)
        self.top_splitter.setStretchFactor(0, 1)
        self.top_splitter.setStretchFactor(1, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="marketSplitter")
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.credentials_bar)
        layout.addLayout(inputs)
        layout.addWidget(self.input_error)
        layout.addLayout(status)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
