"""How values look in the UI: ¥1,234.50, Beijing times, percentages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from xianyu_desktop.core.item import BEIJING
from xianyu_desktop.core.texts import CONTEXT


def money(value: Decimal | None) -> str:
    return "" if value is None else f"¥{value:,.2f}"


def when(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def when_epoch(value: float | None) -> str:
    return "" if value is None else when(dt.datetime.fromtimestamp(value, dt.UTC))


def percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def core_text(text: str) -> str:
    """A fixed label from the core (a status, condition, error kind or remedy, tier name) in the
    interface language; the core marks them for lupdate (core/texts.py)."""
    return QCoreApplication.translate(CONTEXT, text)
