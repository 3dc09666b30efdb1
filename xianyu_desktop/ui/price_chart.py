"""A watched item's price over time: a step line (a price holds until it changes), with status changes
(sold, taken down, gone, back) marked."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from xianyu_desktop.core.item import BEIJING
from xianyu_desktop.core.watch_rules import ONSALE, HistoryPoint, status_label
from xianyu_desktop.ui.formatting import core_text

BEIJING_OFFSET_S = 8 * 3600


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
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("MM-dd HH:mm")
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.0f")
        self.y_axis.setTitleText(self.tr("价格（元）"))
        self.chart_.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.price_series, self.status_series):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self.status_notes: list[str] = []

    def show_history(self, title: str, points: list[HistoryPoint], now: float) -> None:
        title = escape(title, quote=False)  # a chart title is always rich text, and this one is a seller's
        self.price_series.clear()
        self.status_series.clear()
        self.status_notes = []
        self.chart_.setTitle(title)
        prices = [float(p.price) for p in points if p.price is not None]
        if not points or not prices:
            self.chart_.setTitle(title + self.tr("（还没有价格记录）"))
            return
        last_price: float | None = None
        previous_status = None
        # The axis labels in the computer's time zone; shift so they read Beijing time like the rest of the app.
        shift = BEIJING_OFFSET_S - (dt.datetime.now().astimezone().utcoffset() or dt.timedelta()).total_seconds()
        for point in points:
            ms = (point.at + shift) * 1000
            if point.price is not None and point.status == ONSALE:
                price = float(point.price)
                if last_price is not None:
                    self.price_series.append(ms, last_price)  # hold the old price until this change
                self.price_series.append(ms, price)
                last_price = price
            if previous_status is not None and point.status != previous_status:
                self.status_series.append(ms, last_price if last_price is not None else prices[0])
                when = dt.datetime.fromtimestamp(point.at, BEIJING).strftime("%m-%d %H:%M")
                self.status_notes.append(f"{when} {core_text(status_label(point.status))}")
            previous_status = point.status
        end_ms = (max(now, points[-1].at) + shift) * 1000
        if last_price is not None and (points[-1].status == ONSALE):
            self.price_series.append(end_ms, last_price)
        low, high = min(prices), max(prices)
        margin = max(1.0, (high - low) * 0.1)
        self.y_axis.setRange(max(0.0, low - margin), high + margin)
        start_ms = (points[0].at + shift) * 1000
        start = QDateTime.fromMSecsSinceEpoch(int(start_ms))
        end = QDateTime.fromMSecsSinceEpoch(int(max(end_ms, start_ms + 60_000)))
        self.x_axis.setRange(start, end)
        if self.status_notes:
            self.chart_.setTitle(f"{title}（{'，'.join(self.status_notes[-3:])}）")
