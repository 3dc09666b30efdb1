"""The price chart's tick maths (ui/chart_axes.py): round prices, time labels chosen by the span, sensible
ranges for a flat line and a single point. Pure functions: exact expectations, no window; and the axis
that shows them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCharts import QCategoryAxis

from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.ui.chart_axes import MAX_TICKS, category_axis, nice_step, price_axis, show_ticks, time_axis

MAY_1 = dt.datetime(2024, 5, 1, 9, 40, tzinfo=BEIJING).timestamp()
HOUR, DAY = 3600.0, 86_400.0


@pytest.mark.parametrize(
    ("rough", "step"), [(0.013, 0.02), (0.3, 0.5), (1.0, 1.0), (1.01, 2.0), (37.5, 50.0), (138.6, 200.0), (620, 1000)]
)
def test_steps_are_one_two_or_five_times_a_power_of_ten(rough, step):
    assert nice_step(rough) == pytest.approx(step)


def test_a_flat_price_gets_a_round_range_around_it_not_a_one_yuan_sliver():
    axis = price_axis(6300, 6300)
    assert axis.labels == ["¥6,100", "¥6,200", "¥6,300", "¥6,400", "¥6,500"]
    assert (axis.low, axis.high) == (6100, 6500)


def test_a_cheap_flat_price_and_cents():
    assert price_axis(50, 50).labels == ["¥48", "¥49", "¥50", "¥51", "¥52"]
    assert price_axis(0.5, 0.8).labels == ["¥0.4", "¥0.5", "¥0.6", "¥0.7", "¥0.8", "¥0.9"]


def test_a_moving_price_gets_round_steps_covering_it():
    axis = price_axis(2850, 3000)
    assert axis.labels == ["¥2,800", "¥2,850", "¥2,900", "¥2,950", "¥3,000", "¥3,050"]
    assert price_axis(1, 99_999).labels == ["¥0", "¥50,000", "¥100,000", "¥150,000"]
    assert price_axis(0, 480).low == 0  # never below zero


@pytest.mark.parametrize(("low", "high"), [(1, 1), (3, 9), (99, 101), (0.01, 0.02), (12_345, 67_890), (5e5, 5e5)])
def test_price_ticks_are_few_distinct_and_cover_the_prices(low, high):
    axis = price_axis(low, high)
    assert 3 <= len(axis.ticks) <= MAX_TICKS
    assert len(set(axis.labels)) == len(axis.labels)
    assert axis.low <= low and high <= axis.high


def test_within_a_day_the_time_axis_reads_hours_and_minutes():
    assert time_axis(MAY_1, MAY_1 + 3 * HOUR).labels == ["09:00", "10:00", "11:00", "12:00", "13:00"]
    assert time_axis(MAY_1, MAY_1 + 20 * 60).labels == ["09:40", "09:45", "09:50", "09:55", "10:00"]


def test_a_single_moment_is_shown_over_ten_minutes_not_one_minute_five_times():
    assert time_axis(MAY_1, MAY_1).labels == ["09:30", "09:32", "09:34", "09:36", "09:38", "09:40"]


def test_midnight_on_an_hours_axis_shows_the_date():
    evening = dt.datetime(2024, 5, 1, 20, 10, tzinfo=BEIJING).timestamp()
    assert time_axis(evening, evening + 6 * HOUR).labels == ["20:00", "22:00", "05-02", "02:00", "04:00"]


def test_within_a_year_the_time_axis_reads_month_and_day():
    assert time_axis(MAY_1, MAY_1 + 3 * DAY).labels == ["05-01", "05-02", "05-03", "05-04", "05-05"]
    assert time_axis(MAY_1, MAY_1 + 20 * DAY).labels == ["04-29", "05-06", "05-13", "05-20", "05-27"]  # Mondays
    assert time_axis(MAY_1, MAY_1 + 100 * DAY).labels == ["05-01", "06-01", "07-01", "08-01", "09-01"]


def test_beyond_a_year_the_time_axis_reads_year_and_month():
    labels = time_axis(MAY_1, MAY_1 + 400 * DAY).labels
    assert labels == ["2024-04", "2024-07", "2024-10", "2025-01", "2025-04", "2025-07"]


@pytest.mark.parametrize("span", [0, 59, 3599, 23 * HOUR, DAY, 1.5 * DAY, 9 * DAY, 45 * DAY, 300 * DAY, 3000 * DAY])
def test_time_labels_are_few_distinct_and_cover_the_span(span):
    axis = time_axis(MAY_1, MAY_1 + span)
    assert 2 <= len(axis.ticks) <= MAX_TICKS
    assert len(set(axis.labels)) == len(axis.labels)
    assert axis.low <= MAY_1 and MAY_1 + span <= axis.high
    pattern = r"\d\d:\d\d|\d\d-\d\d" if span <= DAY else (r"\d\d-\d\d" if span <= 365 * DAY else r"\d{4}-\d\d")
    assert all(re.fullmatch(pattern, label) for label in axis.labels), axis.labels


def test_an_axis_shows_exactly_the_ticks_it_is_given_and_forgets_the_last_ones(qapp):
    axis = category_axis()
    show_ticks(axis, price_axis(2850, 3000))
    show_ticks(axis, price_axis(6300, 6300))
    assert axis.categoriesLabels() == ["¥6,100", "¥6,200", "¥6,300", "¥6,400", "¥6,500"]
    assert [axis.endValue(label) for label in axis.categoriesLabels()] == [6100, 6200, 6300, 6400, 6500]
    assert (axis.min(), axis.max()) == (6100, 6500)
    assert axis.labelsPosition() == QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue
