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

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from xianyu_desktop.core.items.status import ItemStatus, status_label
from xianyu_desktop.core.watch.alerts import HUNDRED, AlertKind, alert_sentence, alert_subject, drop_pct

ONSALE = ItemStatus.ONSALE

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
    mine: bool = False  # the seller's own listing (我的): its market is compared on the watch schedule

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
    """An alert to store: its kind, what changed (two prices, or two status labels), the item's target and
    last price then, and its Chinese sentence (alerts.alert_sentence, from those same values)."""

    kind: AlertKind
    old: str | None
    new: str | None
    message: str
    target_price: Decimal | None = None
    last_price: Decimal | None = None


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


def observe(state: WatchState, seen: Observation) -> Outcome:
    """The new state, the history point to record (if anything changed) and the alerts to raise."""
    title = seen.title or state.title
    name = alert_subject(title, state.item_id)
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
            alerts = (_target_alert(name, first, None, price),)
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
        alert = _draft(AlertKind.BACK_ON_SALE, name, updated, old_label, new_label)
        return Outcome(updated, HistoryPoint(seen.at, price, seen.status), (alert,))
    if kind is None:  # an unknown status code: recorded, not alerted
        return Outcome(updated, HistoryPoint(seen.at, None, seen.status), ())
    alert = _draft(kind, name, updated, old_label, new_label)
    return Outcome(updated, HistoryPoint(seen.at, None, seen.status), (alert,))


def _draft(
    kind: AlertKind,
    name: str,
    state: WatchState,
    old: str | None,
    new: str | None,
    *,
    old_price: Decimal | None = None,
    new_price: Decimal | None = None,
) -> AlertDraft:
    """``state`` is the item as it is after the change: its target and last price go with the alert."""
    target, last = state.target_price, state.last_price
    message = alert_sentence(kind, name, old=old_price, new=new_price, target=target, last=last)
    return AlertDraft(kind, old, new, message, target_price=target, last_price=last)


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
            rise = _draft(AlertKind.PRICE_RISE, name, updated, str(old), str(price), old_price=old, new_price=price)
            return Outcome(updated, point, (rise,))
        return Outcome(updated, point, ())
    crossed_target = target is not None and price <= target and (old is None or old > target)
    if crossed_target:
        updated = replace(updated, alerted_price=price)
        return Outcome(updated, point, (_target_alert(name, updated, old, price),))
    if baseline is not None and drop_pct(baseline, price) >= state.threshold_pct:
        updated = replace(updated, alerted_price=price)
        old_text, new_text = str(baseline), str(price)
        drop = _draft(AlertKind.PRICE_DROP, name, updated, old_text, new_text, old_price=baseline, new_price=price)
        return Outcome(updated, point, (drop,))
    return Outcome(updated, point, ())


def _target_alert(name: str, state: WatchState, old: Decimal | None, price: Decimal) -> AlertDraft:
    old_text = None if old is None else str(old)
    return _draft(AlertKind.TARGET_REACHED, name, state, old_text, str(price), old_price=old, new_price=price)
