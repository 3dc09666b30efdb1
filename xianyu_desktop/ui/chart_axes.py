"""The charts' ticks: round prices (steps of 1, 2 or 5 × 10ⁿ yuan) and round times in Beijing time,
labelled by the span (HH:mm within a day, MM-dd within a year, yyyy-MM beyond). The maths are pure
functions (the tests check them without a window); ``category_axis`` and ``show_ticks`` put them on a
chart's axis, a category axis labelled on its values, so the chart shows exactly these labels.

Each axis's range is widened to whole steps, so its ends carry labels too. A flat price or a single point
has no spread to divide: the range is then a few percent either side of the price, never a one-yuan
sliver (which Qt labels ``6300 6300 6299 6299 6298``) nor a one-minute one (five times the same minute).
A time scale is taken only when its labels are all different (six hourly ticks across midnight would
repeat ``06:00``); a tick at midnight on an HH:mm axis is labelled with its date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCharts import QCategoryAxis

from xianyu_desktop.core.timeutil import BEIJING

MAX_TICKS = 6
FLAT_SPREAD = 0.02  # a flat price is shown within ±2 % of itself
MIN_FLAT_SPREAD = 1.0  # yuan: a ¥0.50 item still gets a readable range
MIN_TIME_SPAN_S = 10 * 60.0  # a history of one moment is shown over ten minutes ending at it
MINUTE, HOUR, DAY = 60, 3600, 86_400


@dataclass(frozen=True, slots=True)
class Axis:
    low: float
    high: float
    ticks: tuple[tuple[float, str], ...]  # (value, label), ascending

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.ticks]


def nice_step(rough: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ that is at least ``rough`` (> 0)."""
    exponent = math.floor(math.log10(rough))
    for mantissa in (1, 2, 5, 10):
        step = mantissa * 10.0**exponent
        if step >= rough * (1 - 1e-9):
            return step
    raise AssertionError("unreachable: 10 × 10ⁿ ≥ rough")


def price_label(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else min(2, -math.floor(math.log10(step) + 1e-9))
    return f"¥{value:,.{decimals}f}"


def price_axis(low: float, high: float, *, max_ticks: int = MAX_TICKS) -> Axis:
    """Round ticks covering ``low``..``high`` (prices, ≥ 0), at most ``max_ticks`` of them."""
    if high - low < 0.005:
        middle = (low + high) / 2
        spread = max(abs(middle) * FLAT_SPREAD, MIN_FLAT_SPREAD)
        low, high = middle - spread, middle + spread
    margin = (high - low) * 0.05  # a little air above and below the line
    low, high = max(0.0, low - margin), high + margin
    step = nice_step(max((high - low) / (max_ticks - 1), 0.01))
    while True:
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        if last - first + 1 <= max_ticks:
            break
        step = nice_step(step * 1.5)  # the next of 1, 2, 5 × 10ⁿ
    values = [round(n * step, 2) for n in range(first, last + 1)]
    return Axis(values[0], values[-1], tuple((v, price_label(v, step)) for v in values))


# --- time ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Scale:
    floor: Callable[[dt.datetime], dt.datetime]  # the last tick at or before a moment
    advance: Callable[[dt.datetime], dt.datetime]  # the next tick
    label: Callable[[dt.datetime], str]


def _clock(step_s: int) -> _Scale:
    def floor(moment: dt.datetime) -> dt.datetime:
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        seconds = (moment - midnight).total_seconds()
        return midnight + dt.timedelta(seconds=seconds // step_s * step_s)

    def advance(moment: dt.datetime) -> dt.datetime:
        following = moment + dt.timedelta(seconds=step_s)
        return floor(following) if following.day == moment.day else following.replace(hour=0, minute=0)

    def label(moment: dt.datetime) -> str:
        return moment.strftime("%m-%d" if (moment.hour, moment.minute) == (0, 0) else "%H:%M")

    return _Scale(floor, advance, label)


def _days(step: int) -> _Scale:
    """Whole days; a week or a fortnight starts on a Monday."""
    anchor = dt.date(2024, 1, 1)  # a Monday

    def floor(moment: dt.datetime) -> dt.datetime:
        day = moment.date()
        day -= dt.timedelta(days=(day - anchor).days % step)
        return dt.datetime.combine(day, dt.time(), BEIJING)

    return _Scale(floor, lambda moment: moment + dt.timedelta(days=step), lambda moment: moment.strftime("%m-%d"))


def _months(step: int, label_format: str) -> _Scale:
    def floor(moment: dt.datetime) -> dt.datetime:
        index = moment.year * 12 + moment.month - 1
        index -= index % step
        return dt.datetime(index // 12, index % 12 + 1, 1, tzinfo=BEIJING)

    def advance(moment: dt.datetime) -> dt.datetime:
        index = moment.year * 12 + moment.month - 1 + step
        return dt.datetime(index // 12, index % 12 + 1, 1, tzinfo=BEIJING)

    return _Scale(floor, advance, lambda moment: moment.strftime(label_format))


def _scales() -> Iterator[tuple[_Scale, float]]:
    """Finest first, each with the longest span it may label: HH:mm within a day, MM-dd within a year."""
    for step in (1, 2, 5, 10, 15, 30):
        yield _clock(step * MINUTE), DAY
    for step in (1, 2, 3, 4, 6, 12):
        yield _clock(step * HOUR), DAY
    for step in (1, 2, 3, 7, 14):
        yield _days(step), 366 * DAY
    for step in (1, 2, 3):
        yield _months(step, "%m-%d"), 366 * DAY
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240):
        yield _months(step, "%Y-%m"), math.inf


def time_axis(start: float, end: float, *, max_ticks: int = MAX_TICKS) -> Axis:
    """Round ticks (epoch seconds, labelled in Beijing time) covering ``start``..``end``."""
    end = max(end, start)
    if end - start < MIN_TIME_SPAN_S:
        start = end - MIN_TIME_SPAN_S
    first_moment = dt.datetime.fromtimestamp(start, BEIJING)
    last_moment = dt.datetime.fromtimestamp(end, BEIJING)
    for scale, longest in _scales():
        if end - start > longest:
            continue
        moments = [scale.floor(first_moment)]
        while moments[-1] < last_moment and len(moments) <= max_ticks:
            moments.append(scale.advance(moments[-1]))
        labels = [scale.label(m) for m in moments]
        if len(moments) <= max_ticks and len(set(labels)) == len(labels):
            ticks = tuple((m.timestamp(), label) for m, label in zip(moments, labels, strict=True))
            return Axis(ticks[0][0], ticks[-1][0], ticks)
    raise AssertionError("unreachable: the last scale's steps cover 1,200 years")


def category_axis() -> QCategoryAxis:
    """An axis that shows the labels ``show_ticks`` gives it, each on its value."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    return axis


def show_ticks(axis: QCategoryAxis, ticks: Axis) -> None:
    """``ticks`` in place of the axis's labels, and its range; whether it is visible is the chart's to say."""
    for label in axis.categoriesLabels():
        axis.remove(label)
    axis.setStartValue(ticks.low)
    for value, label in ticks.ticks:
        axis.append(label, value)
    axis.setRange(ticks.low, ticks.high)
