"""Alert sentences, built in one place from an alert's kind and values: the watch rules build the Chinese
one stored with the alert (the command line prints it), the window builds the same sentence in its
interface language from the stored kind, prices, target and last price. The templates are marked for
lupdate (core/texts.py); ``translate`` looks each one up."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, fill

HUNDRED = Decimal(100)


class AlertKind(enum.StrEnum):
    PRICE_DROP = "price_drop"
    TARGET_REACHED = "target_reached"
    SOLD = "sold"
    OFFLINE = "offline"
    BACK_ON_SALE = "back_on_sale"
    GONE = "gone"
    PRICE_RISE = "price_rise"
    NEW_LISTING = "new_listing"  # a saved search found a listing it had not seen (core/watch/saved_searches.py)
    KEY_ROTATION = "key_rotation"  # the app secret is over 90 days old (core/notify/rotation.py); old = its age


def drop_pct(old: Decimal, new: Decimal) -> Decimal:
    return ((old - new) / old * HUNDRED).quantize(Decimal("0.1"), ROUND_HALF_UP) if old else Decimal(0)


_NAMED = QT_TRANSLATE_NOOP("core", "「%1」")
_DROP = QT_TRANSLATE_NOOP("core", "%1 降价 %2%：%3 → %4")
_RISE = QT_TRANSLATE_NOOP("core", "%1 涨价 %2%：%3 → %4")
_TARGET = QT_TRANSLATE_NOOP("core", "%1 到达目标价 %2：现价 %3")
_TARGET_UNKNOWN = QT_TRANSLATE_NOOP("core", "%1 到达目标价：现价 %2")  # an alert stored before targets were
_TARGET_FROM = QT_TRANSLATE_NOOP("core", "（原价 %1，降 %2%）")
_SOLD = QT_TRANSLATE_NOOP("core", "%1 已售出")
_SOLD_AT = QT_TRANSLATE_NOOP("core", "%1 已售出（最后价格 %2）")
_BACK = QT_TRANSLATE_NOOP("core", "%1 重新上架")
_BACK_AT = QT_TRANSLATE_NOOP("core", "%1 重新上架，现价 %2")
_OFFLINE = QT_TRANSLATE_NOOP("core", "%1 已下架")
_GONE = QT_TRANSLATE_NOOP("core", "%1 已删除或不可见（网关不再返回数据）")
_NEW_LISTING = QT_TRANSLATE_NOOP("core", "关键词「%1」有新发布：%2，%3")
_KEY_ROTATION = QT_TRANSLATE_NOOP("core", "app_secret 已使用 %1 天，建议轮换密钥（每 3 个月一次）")


def _as_written(text: str) -> str:
    return text


def alert_subject(title: str | None, item_id: str, translate: Callable[[str], str] = _as_written) -> str:
    """How an alert names its item: the title in quotes, or the id when there is none."""
    return fill(translate(_NAMED), title) if title else item_id


def alert_sentence(
    kind: AlertKind,
    subject: str,
    *,
    old: Decimal | None = None,
    new: Decimal | None = None,
    target: Decimal | None = None,
    last: Decimal | None = None,
    translate: Callable[[str], str] = _as_written,
) -> str:
    """The alert in words. ``old`` and ``new`` are the prices a price alert compares (``new`` is the
    price that reached the target); ``target`` the item's target price then; ``last`` its last known price
    (the one it sold at, the one it is back on sale at). A value an older alert did not keep is left out."""
    if kind is AlertKind.PRICE_DROP or kind is AlertKind.PRICE_RISE:
        pct = "—" if old is None or new is None else str(drop_pct(old, new))
        if kind is AlertKind.PRICE_RISE and old is not None and new is not None:
            pct = str(drop_pct(old, new).copy_negate())
        template = _DROP if kind is AlertKind.PRICE_DROP else _RISE
        return fill(translate(template), subject, pct, format_money(old), format_money(new))
    if kind is AlertKind.TARGET_REACHED:
        now = format_money(new if new is not None else last)
        if target is None:
            text = fill(translate(_TARGET_UNKNOWN), subject, now)
        else:
            text = fill(translate(_TARGET), subject, format_money(target), now)
        if old is not None and new is not None:
            text += fill(translate(_TARGET_FROM), format_money(old), str(drop_pct(old, new)))
        return text
    if kind is AlertKind.KEY_ROTATION:
        return fill(translate(_KEY_ROTATION), "—" if old is None else str(int(old)))
    if kind is AlertKind.SOLD or kind is AlertKind.BACK_ON_SALE:
        bare, priced = (_SOLD, _SOLD_AT) if kind is AlertKind.SOLD else (_BACK, _BACK_AT)
        if last is None:
            return fill(translate(bare), subject)
        return fill(translate(priced), subject, format_money(last))
    return fill(translate(_OFFLINE if kind is AlertKind.OFFLINE else _GONE), subject)


def new_listing_sentence(
    query: str, subject: str, price: Decimal | None, translate: Callable[[str], str] = _as_written
) -> str:
    """A saved search's alert: the query, the listing (alert_subject) and its price."""
    return fill(translate(_NEW_LISTING), query, subject, format_money(price))
