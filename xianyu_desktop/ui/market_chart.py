"""A comparison's price distribution: each comparable a point (x: its price; y: its condition, jittered a
little so equal prices stay apart), sold prices (成交价) as squares in another colour, the item itself a
larger red point, the median a line and the P25–P75 band shaded. The price axis carries chart_axes's
round ¥ ticks; no stranger's text is ever put in the chart (its title and labels are the window's own)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from PySide6.QtCharts import QAreaSeries, QChart, QChartView, QLineSeries, QScatterSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from xianyu_desktop.core.items.item import CONDITION_LABELS
from xianyu_desktop.core.market.comparison import Comparison
from xianyu_desktop.core.market.filtering import Candidate, Source
from xianyu_desktop.core.market.stats import CONDITION_RANK, condition_rank
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.chart_axes import Axis, category_axis, price_axis, show_ticks
from xianyu_desktop.ui.formatting import core_text

JITTER = 0.6  # of a condition step: points of one condition spread over ±0.3
Y_LOW, Y_HIGH = -0.6, 5.6


def jitter(item_id: str, salt: int = 0) -> float:
    """A fixed offset per listing (the same chart every time it is drawn)."""
    return ((zlib.crc32(f"{item_id}:{salt}".encode()) % 1000) / 1000 - 0.5) * JITTER


def _scatter(color: str, size: float, shape: QScatterSeries.MarkerShape) -> QScatterSeries:
    series = QScatterSeries()
    series.setMarkerShape(shape)
    series.setMarkerSize(size)
    series.setColor(QColor(color))
    series.setBorderColor(QColor(color).darker(130))
    return series


class MarketChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setObjectName("marketChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        chart = self.chart_
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.band_low, self.band_high = QLineSeries(), QLineSeries()
        self.band = QAreaSeries(self.band_high, self.band_low)
        self.band.setName(self.tr("P25–P75 区间"))
        self.band.setBrush(QBrush(QColor(52, 152, 219, 45)))
        self.band.setPen(QPen(Qt.PenStyle.NoPen))
        self.median_line = QLineSeries()
        self.median_line.setName(self.tr("中位价"))
        self.median_line.setPen(QPen(QColor("#2c3e50"), 2, Qt.PenStyle.DashLine))
        circle, square = QScatterSeries.MarkerShape.MarkerShapeCircle, QScatterSeries.MarkerShape.MarkerShapeRectangle
        self.asks = _scatter("#3498db", 9, circle)
        self.asks.setName(self.tr("在售同款（标价）"))
        self.sold = _scatter("#27ae60", 9, square)
        self.sold.setName(self.tr("成交价"))
        self.item = _scatter("#e74c3c", 15, circle)
        self.item.setName(self.tr("本商品"))
        self.x_axis = category_axis()
        self.x_axis.setTitleText(self.tr("价格（元）"))
        self.y_axis = category_axis()
        self.y_axis.setTitleText(self.tr("成色"))
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.band, self.median_line, self.asks, self.sold, self.item):
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self._listings: dict[int, list[Candidate]] = {id(self.asks): [], id(self.sold): []}
        self.asks.hovered.connect(lambda point, on: self._hovered(self.asks, point, on))
        self.sold.hovered.connect(lambda point, on: self._hovered(self.sold, point, on))
        self._condition_ticks()
        self.show_comparison(None, None)

    def _condition_ticks(self) -> None:
        """The y axis: one label per condition rank (全新 at the top)."""
        ticks = []
        for code, rank in sorted(CONDITION_RANK.items(), key=lambda pair: pair[1]):
            name = CONDITION_LABELS.get(code)  # for_parts (配件机) is a rank of the score, not an item's condition
            ticks.append((float(rank), core_text(name) if name else self.tr("配件机")))
        show_ticks(self.y_axis, Axis(Y_LOW, Y_HIGH, tuple(ticks)))

    def show_comparison(self, comparison: Comparison | None, item: Candidate | None) -> None:
        for series in (self.asks, self.sold, self.item, self.median_line, self.band_low, self.band_high):
            series.clear()
        self._listings = {id(self.asks): [], id(self.sold): []}
        if comparison is None or item is None:
            self.chart_.setTitle(self.tr("输入商品链接或 ID，点“比价”查看同款价格分布"))
            self._show_axes(False)
            return
        asks = [c for c in comparison.comparables if c.source is not Source.TRADE_RECORD and c.price is not None]
        sold = [c for c in comparison.comparables if c.source is Source.TRADE_RECORD and c.price is not None]
        self._plot(self.asks, asks, 0)
        self._plot(self.sold, sold, 1)
        prices = [float(c.price) for c in (*asks, *sold) if c.price is not None]
        if item.price is not None:
            self.item.append(float(item.price), condition_rank(item.condition))
            prices.append(float(item.price))
        stats = comparison.stats
        if stats.median is not None:
            median = float(stats.median)
            self.median_line.append(median, Y_LOW)
            self.median_line.append(median, Y_HIGH)
        if stats.p25 is not None and stats.p75 is not None:
            for x in (float(stats.p25), float(stats.p75)):
                self.band_low.append(x, Y_LOW)
                self.band_high.append(x, Y_HIGH)
        self.chart_.setTitle(
            self.tr("同款价格分布：在售 %1 件，成交 %2 条").replace("%1", str(len(asks))).replace("%2", str(len(sold)))
        )
        if not prices:
            self._show_axes(False)
            return
        show_ticks(self.x_axis, price_axis(min(prices), max(prices)))
        self._show_axes(True)

    def _plot(self, series: QScatterSeries, listings: Sequence[Candidate], salt: int) -> None:
        for c in listings:
            assert c.price is not None
            series.append(float(c.price), condition_rank(c.condition) + jitter(c.item_id, salt))
        self._listings[id(series)] = list(listings)

    def _show_axes(self, visible: bool) -> None:
        self.x_axis.setVisible(visible)
        self.y_axis.setVisible(visible)

    def _hovered(self, series: QScatterSeries, point: QPointF, on: bool) -> None:
        """A point's listing in a plain-text tooltip (its title is a seller's)."""
        if not on:
            QToolTip.hideText()
            return
        for n, c in enumerate(self._listings.get(id(series), [])):
            at = series.at(n)
            if abs(at.x() - point.x()) < 1e-6 and abs(at.y() - point.y()) < 1e-6:
                text = f"{formatting.money(c.price)}  {c.title}\n{c.seller_nick or ''}"
                QToolTip.showText(self.cursor().pos(), formatting.plain_tooltip(text), self)
                return

    def point_count(self) -> tuple[int, int, int]:
        """(asking prices, sold prices, the item) plotted: what the tests read."""
        return self.asks.count(), self.sold.count(), self.item.count()
