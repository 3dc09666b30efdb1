"""What a poll means for a watched item: pure functions, no I/O, so every rule is testable with a
scripted sequence of observations.

- Only changes are history: the first observation, then each change of price or status.
- A price drop alerts when it reaches the item's threshold against the last alerted price (so two 5%
  drops add up to one alert, and re-polling an unchanged item never repeats one).
- Sold, taken down and gone are status alerts, never a "price drop to 0": a price is only compared
  while the item is on sale.
- A rise is recorded and shown; it alerts only when the user asked for it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.items.status import ItemStatus, status_label

ONSALE = ItemStatus.ONSALE
HUNDRED = Decimal(100)


class AlertKind(enum.StrEnum):
    PRICE_DROP = "price_drop"
    TARGET_REACHED = "target_reached"
    SOLD = "sold"
    OFFLINE = "offline"
    BACK_ON_SALE = "back_on_sale"
    GONE = "gone"
    PRICE_RISE = "price_rise"


_STATUS_ALERTS: dict[ItemStatus | None, AlertKind] = {
    ItemStatus.SOLDOUT: AlertKind.SOLD,
    ItemStatus.OFFLINE: AlertKind.OFFLINE,
    ItemStatus.GONE: AlertKind.GONE,
}


@dataclass(frozen=True, slots=True)
class WatchState:
    """A watched item's rules and what was last seen (the watch_items row)."""

    item_id: str
    added_at: float
    note: str = ""
    target_price: Decimal | None = None
    threshold_pct: Decimal = Decimal(10)
    alert_on_rise: bool = False
    snoozed_until: float | None = None
    title: str | None = None
    last_status: str | None = None  # a status code (ItemStatus, or one the program does not know)
    last_price: Decimal | None = None
    previous_price: Decimal | None = None
    first_price: Decimal | None = None
    lowest_price: Decimal | None = None
    highest_price: Decimal | None = None
    alerted_price: Decimal | None = None
    last_checked: float | None = None
    next_check: float | None = None
    last_error: str | None = None

    @property
    def change_pct(self) -> Decimal | None:
        """Last price against the one before it, in percent (negative: cheaper)."""
        if self.last_price is None or not self.previous_price:
            return None
        return ((self.last_price - self.previous_price) / self.previous_price * HUNDRED).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    def snoozed(self, now: float) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > now


@dataclass(frozen=True, slots=True)
class Observation:
    """One poll's answer: the status (an ItemStatus, or a code the program does not know, which is recorded
    but never alerted) and, when known, the price."""

    at: float
    status: str
    price: Decimal | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class AlertDraft:
    kind: AlertKind
    old: str | None
    new: str | None
    message: str


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    at: float
    price: Decimal | None
    status: str


@dataclass(frozen=True, slots=True)
class Outcome:
    state: WatchState
    history: HistoryPoint | None
    alerts: tuple[AlertDraft, ...]


def drop_pct(old: Decimal, new: Decimal) -> Decimal:
    return ((old - new) / old * HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP) if old else Decimal(0)


def observe(state: WatchState, seen: Observation) -> Outcome:
    """The new state, the history point to record (if anything changed) and the alerts to raise."""
    title = seen.title or state.title
    name = f"「{title}」" if title else state.item_id
    checked = replace(state, title=title, last_checked=seen.at, last_error=None)

    if state.last_status is None:  # first observation: the baseline (a sold item's last price is still news)
        price = seen.price if seen.price is not None and seen.price > 0 else None
        first = replace(
            checked,
            last_status=seen.status,
            last_price=price,
            first_price=price,
            lowest_price=price,
            highest_price=price,
            alerted_price=price,
        )
        alerts: tuple[AlertDraft, ...] = ()
        on_sale = seen.status == ONSALE
        if on_sale and price is not None and state.target_price is not None and price <= state.target_price:
            alerts = (_target_alert(name, None, price, state.target_price),)
        return Outcome(first, HistoryPoint(seen.at, price, seen.status), alerts)

    if seen.status != state.last_status:
        return _status_change(checked, seen, name)

    if seen.status != ONSALE or seen.price is None or seen.price == state.last_price:
        return Outcome(checked, None, ())  # nothing changed (or nothing comparable): no history, no alert

    return _price_change(checked, seen.price, seen.at, name)


def _status_change(state: WatchState, seen: Observation, name: str) -> Outcome:
    old_label, new_label = status_label(state.last_status), status_label(seen.status)
    updated = replace(state, last_status=seen.status)
    kind = _STATUS_ALERTS.get(ItemStatus.of(seen.status))
    if seen.status == ONSALE:
        price = seen.price if seen.price is not None else state.last_price
        updated = _with_price(updated, price)
        updated = replace(updated, alerted_price=price)
        message = f"{name} 重新上架" + (f"，现价 {format_money(price)}" if price is not None else "")
        alert = AlertDraft(AlertKind.BACK_ON_SALE, old_label, new_label, message)
        return Outcome(updated, HistoryPoint(seen.at, price, seen.status), (alert,))
    messages = {
        AlertKind.SOLD: f"{name} 已售出（最后价格 {format_money(state.last_price)}）",
        AlertKind.OFFLINE: f"{name} 已下架",
        AlertKind.GONE: f"{name} 已删除或不可见（网关不再返回数据）",
    }
    if kind is None:  # an unknown status code: recorded, not alerted
        return Outcome(updated, HistoryPoint(seen.at, None, seen.status), ())
    alert = AlertDraft(kind, old_label, new_label, messages[kind])
    return Outcome(updated, HistoryPoint(seen.at, None, seen.status), (alert,))


def _with_price(state: WatchState, price: Decimal | None) -> WatchState:
    if price is None or price == state.last_price:
        return state
    return replace(
        state,
        previous_price=state.last_price if state.last_price is not None else state.previous_price,
        last_price=price,
        first_price=state.first_price if state.first_price is not None else price,
        lowest_price=price if state.lowest_price is None else min(state.lowest_price, price),
        highest_price=price if state.highest_price is None else max(state.highest_price, price),
    )


def _price_change(state: WatchState, price: Decimal, at: float, name: str) -> Outcome:
    old = state.last_price
    updated = _with_price(state, price)
    point = HistoryPoint(at, price, ONSALE)
    baseline = state.alerted_price if state.alerted_price is not None else old
    target = state.target_price
    if old is not None and price > old:
        # A rise re-bases the drop baseline: a later fall back from the higher price is news.
        updated = replace(updated, alerted_price=max(baseline or price, price))
        if state.alert_on_rise:
            pct = drop_pct(old, price).copy_negate()
            message = f"{name} 涨价 {pct}%：{format_money(old)} → {format_money(price)}"
            return Outcome(updated, point, (AlertDraft(AlertKind.PRICE_RISE, str(old), str(price), message),))
        return Outcome(updated, point, ())
    crossed_target = target is not None and price <= target and (old is None or old > target)
    if crossed_target:
        assert target is not None
        updated = replace(updated, alerted_price=price)
        return Outcome(updated, point, (_target_alert(name, old, price, target),))
    if baseline is not None and drop_pct(baseline, price) >= state.threshold_pct:
        updated = replace(updated, alerted_price=price)
        message = f"{name} 降价 {drop_pct(baseline, price)}%：{format_money(baseline)} → {format_money(price)}"
        return Outcome(updated, point, (AlertDraft(AlertKind.PRICE_DROP, str(baseline), str(price), message),))
    return Outcome(updated, point, ())


def _target_alert(name: str, old: Decimal | None, price: Decimal, target: Decimal) -> AlertDraft:
    message = f"{name} 到达目标价 {format_money(target)}：现价 {format_money(price)}"
    if old is not None:
        message += f"（原价 {format_money(old)}，降 {drop_pct(old, price)}%）"
    return AlertDraft(AlertKind.TARGET_REACHED, None if old is None else str(old), str(price), message)
