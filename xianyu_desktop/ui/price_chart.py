"""A watched item's price over time: a step line (a price holds until it changes), with status changes
(sold, taken down, gone, back) marked. The axes carry the round ticks of chart_axes, as category axes
labelled on their values, so the chart shows exactly the labels those functions chose."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from xianyu_desktop.core.items.status import ItemStatus, status_label
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.rules import HistoryPoint
from xianyu_desktop.ui.chart_axes import category_axis, price_axis, show_ticks, time_axis
from xianyu_desktop.ui.formatting import core_text


class PriceChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setObjectName("priceChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_.legend().setVisible(False)
        self.chart_.setTitle(self.tr("选择一个关注的商品查看价格走势"))
        self.price_series = QLineSeries()
        self.status_series = QScatterSeries()
        self.status_series.setMarkerSize(11)
        self.status_series.setColor(QColor("#e67e22"))
        self.chart_.addSeries(self.price_series)
        self.chart_.addSeries(self.status_series)
        self.x_axis = category_axis()  # epoch seconds, labelled in Beijing time
        self.y_axis = category_axis()
        self.y_axis.setTitleText(self.tr("价格（元）"))
        self.chart_.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.price_series, self.status_series):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self.status_notes: list[str] = []
        self._show_axes(False)

    def _show_axes(self, visible: bool) -> None:
        for axis in (self.x_axis, self.y_axis):
            axis.setVisible(visible)
            if not visible:
                for label in axis.categoriesLabels():
                    axis.remove(label)

    def show_history(self, title: str, points: list[HistoryPoint], now: float) -> None:
        title = escape(title, quote=False)  # a chart title is always rich text, and this one is a seller's
        self.price_series.clear()
        self.status_series.clear()
        self.status_notes = []
        self.chart_.setTitle(title)
        prices = [float(p.price) for p in points if p.price is not None]
        if not points or not prices:
            self._show_axes(False)
            self.chart_.setTitle(self.tr("%1：暂无价格记录").replace("%1", title))
            return
        last_price: float | None = None
        previous_status = None
        for point in points:
            if point.price is not None and point.status == ItemStatus.ONSALE:
                price = float(point.price)
                if last_price is not None:
                    self.price_series.append(point.at, last_price)  # hold the old price until this change
                self.price_series.append(point.at, price)
                last_price = price
            if previous_status is not None and point.status != previous_status:
                self.status_series.append(point.at, last_price if last_price is not None else prices[0])
                when = dt.datetime.fromtimestamp(point.at, BEIJING).strftime("%m-%d %H:%M")
                self.status_notes.append(f"{when} {core_text(status_label(point.status))}")
            previous_status = point.status
        end = max(now, points[-1].at)
        if last_price is not None and points[-1].status == ItemStatus.ONSALE:
            self.price_series.append(end, last_price)
        self.price_series.setPointsVisible(len(points) == 1)  # one observation: a dot, not an empty line
        show_ticks(self.y_axis, price_axis(min(prices), max(prices)))
        show_ticks(self.x_axis, time_axis(points[0].at, end))
        self._show_axes(True)
        if self.status_notes:
            self.chart_.setTitle(f"{title}（{'，'.join(self.status_notes[-3:])}）")
