"""How values look in the UI: ¥1,234.50, Beijing times, percentages."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.texts import CONTEXT
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.alerts import (
    AlertKind,
    alert_sentence,
    alert_subject,
    new_listing_sentence,
    undercut_sentence,
)
from xianyu_desktop.core.watch.watchlist import Alert
from xianyu_desktop.i18n import DEFAULT_LANGUAGE, current_language


def money(value: Decimal | None) -> str:
    """The core's money formatter; an empty cell when there is no price."""
    return format_money(value, missing="")


def when(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def when_epoch(value: float | None) -> str:
    return "" if value is None else when(dt.datetime.fromtimestamp(value, dt.UTC))


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` as written. Qt renders a tooltip as rich text whenever it looks like
    markup, so a stranger's ``<img src="file:///…">`` would be loaded: the text goes escaped inside an
    explicit rich-text paragraph, which keeps its spaces and line breaks and shows every ``<`` as is."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def notification_text(text: str) -> str:
    """Text for a desktop notification (the tray). Linux notification servers may read the body as
    markup (``<img src>`` included) and show entities undecoded when they do not, so neither escaping
    nor passing through is safe: the markup characters become their full-width look-alikes."""
    return text.replace("&", "＆").replace("<", "＜").replace(">", "＞")


def core_text(text: str) -> str:
    """A fixed label from the core (a status, condition, error kind or remedy, tier name) in the
    interface language; the core marks them for lupdate (core/texts.py)."""
    return QCoreApplication.translate(CONTEXT, text)


def alert_text(alert: Alert, title: str | None) -> str:
    """An alert in the interface language. The store keeps each alert's Chinese sentence, written when the
    change was seen (the command line prints it); another language gets the same sentence from the core's
    builder, from the alert's kind, prices, target and last price, with the item's current title."""
    if current_language() == DEFAULT_LANGUAGE:
        return alert.message
    if alert.kind is AlertKind.NEW_LISTING:
        subject = alert_subject(alert.title, alert.item_id, core_text)
        return new_listing_sentence(alert.query or "", subject, alert.last_price, core_text)
    if alert.kind is AlertKind.UNDERCUT:
        mine = alert_subject(title, alert.item_id, core_text)
        rival = alert_subject(alert.competitor_title, alert.competitor_id or "", core_text)
        return undercut_sentence(mine, rival, _decimal_or_none(alert.new), _decimal_or_none(alert.old), core_text)
    return alert_sentence(
        alert.kind,
        alert_subject(title, alert.item_id, core_text),
        old=_decimal_or_none(alert.old),
        new=_decimal_or_none(alert.new),
        target=alert.target_price,
        last=alert.last_price,
        translate=core_text,
    )


def _decimal_or_none(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except ArithmeticError:  # a status label, for the status alerts
        return None
