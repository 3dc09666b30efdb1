"""The price chart in the real window: history recorded through the core, the item selected in the
watch table, the tick labels read back from the chart's own axes."""

from __future__ import annotations

import re
import time

from PySide6.QtCharts import QCategoryAxis
from PySide6.QtCore import Qt

from tests.ui.scripted import record

HOUR, DAY = 3600.0, 86_400.0
ITEM = "712345678901234567"


def chart_after_selecting(qtbot, window, title: str) -> tuple[list[str], list[str], str]:
    tab = window.watch_tab
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.row_of(ITEM) is not None, timeout=5000)
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(ITEM), 0)).row())
    chart = tab.chart.chart()
    qtbot.waitUntil(lambda: chart.title().startswith(title), timeout=5000)
    x_axis, y_axis = (
        chart.axes(orientation)[0] for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical)
    )
    assert isinstance(x_axis, QCategoryAxis) and isinstance(y_axis, QCategoryAxis)
    labels = [axis.categoriesLabels() if axis.isVisible() else [] for axis in (x_axis, y_axis)]
    return labels[0], labels[1], chart.title()


def test_a_flat_price_shows_round_prices_and_hours(qtbot, demo_window):
    now = time.time()
    record(demo_window.session.watchlist, ITEM, [(now - 5 * HOUR, "6300"), (now - 2 * HOUR, "6300")], "平价相机")
    times, prices, _ = chart_after_selecting(qtbot, demo_window, "平价相机")
    assert prices == ["¥6,100", "¥6,200", "¥6,300", "¥6,400", "¥6,500"]
    assert 3 <= len(times) <= 6 and len(set(times)) == len(times)
    assert all(re.fullmatch(r"\d\d:\d\d|\d\d-\d\d", t) for t in times), times


def test_a_single_point_gets_a_range_around_it(qtbot, demo_window):
    record(demo_window.session.watchlist, ITEM, [(time.time() - 60, "1999")], "只看过一次")
    times, prices, _ = chart_after_selecting(qtbot, demo_window, "只看过一次")
    assert prices == ["¥1,950", "¥2,000", "¥2,050"]
    assert len(times) >= 3 and len(set(times)) == len(times)  # not one minute five times
    assert demo_window.watch_tab.chart.price_series.pointsVisible()


def test_an_empty_history_says_so_and_shows_no_ticks(qtbot, demo_window):
    demo_window.session.watchlist.add([ITEM])
    times, prices, title = chart_after_selecting(qtbot, demo_window, ITEM)
    assert title.endswith("暂无价格记录")
    assert times == [] and prices == []


def test_a_history_over_months_reads_month_and_day(qtbot, demo_window):
    now = time.time()
    seen = [(now - 120 * DAY, "3200"), (now - 70 * DAY, "2990"), (now - 10 * DAY, "2750")]
    record(demo_window.session.watchlist, ITEM, seen, "看了几个月")
    times, prices, _ = chart_after_selecting(qtbot, demo_window, "看了几个月")
    assert all(re.fullmatch(r"\d\d-\d\d", t) for t in times) and len(set(times)) == len(times) >= 3
    assert all(t.endswith("-01") for t in times)  # month starts
    assert prices == ["¥2,600", "¥2,800", "¥3,000", "¥3,200", "¥3,400"]
