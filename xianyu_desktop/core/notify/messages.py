"""The messages a seller reads on the phone, in Chinese: the item's title, old → new price with the
change (¥ and %), its status, the link; the query for a new listing. Every message stays within
DingTalk's limit (MAX_CHARS for title and body together); long titles are shortened, a long digest ends
with how many more there are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.items.status import status_label
from xianyu_desktop.core.notify.kinds import NOTIFY_KINDS
from xianyu_desktop.core.watch.alerts import drop_pct

MAX_CHARS = 2000
TITLE_CHARS = 40
APP_NAME = "闲鱼提醒"
_PRICED = ("price_drop", "price_rise", "target_reached", "undercut")


@dataclass(frozen=True, slots=True)
class Notice:
    """One alert as a message needs it (read from the alerts table and the item's row)."""

    alert_id: int
    item_id: str
    kind: str
    sentence: str
    old: str | None = None
    new: str | None = None
    title: str | None = None
    query: str | None = None
    status: str | None = None


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _money(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def price_change(old: Decimal, new: Decimal) -> str:
    """``¥100.00 → ¥85.00（-¥15.00，-15.0%）``"""
    diff = new - old
    sign = "-" if diff < 0 else "+"
    pct = drop_pct(old, new).copy_negate() if old else Decimal(0)
    return f"{format_money(old)} → {format_money(new)}（{sign}{format_money(abs(diff))}，{pct:+}%）"


def _detail(notice: Notice) -> list[str]:
    lines = [notice.sentence if len(notice.sentence) <= 200 else shorten(notice.sentence, 200)]
    old, new = _money(notice.old), _money(notice.new)
    if notice.kind in _PRICED and old is not None and new is not None:
        lines.append(f"价格：{price_change(old, new)}")
    if notice.kind == "new_listing" and notice.query:
        lines.append(f"关键词：{shorten(notice.query, 40)}")
        if new is not None:
            lines.append(f"价格：{format_money(new)}")
    if notice.status and notice.kind != "new_listing":
        lines.append(f"状态：{status_label(notice.status)}")
    if notice.item_id:
        lines.append(f"链接：{canonical_item_url(notice.item_id)}")
    return lines


def _kind_label(kind: str) -> str:
    return NOTIFY_KINDS.get(kind, kind)


def _fit(title: str, lines: list[str], more: int = 0) -> tuple[str, str]:
    """Keep whole lines while title and body fit in MAX_CHARS, then say how many alerts were left out."""
    budget = MAX_CHARS - len(title) - 40
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > budget:
            break
        kept.append(line)
        used += len(line) + 1
    return title, "\n".join(kept) + (f"\n……另有 {more} 条，请在程序中查看" if more else "")


def compose(notices: Sequence[Notice]) -> tuple[str, str]:
    """One item's alerts (usually one; more when a cooldown folded them) as (title, body)."""
    first = notices[-1]
    name = shorten(first.title, TITLE_CHARS) if first.title else first.item_id
    title = f"{APP_NAME}：{_kind_label(first.kind)}"
    if first.kind != "key_rotation":
        title += f" {name}"
    lines: list[str] = []
    if len(notices) > 1:
        lines.append(f"冷却期内的 {len(notices)} 条提醒：")
    for notice in notices:
        lines.extend(_detail(notice))
    return _fit(shorten(title, 80), lines)


def compose_digest(notices: Sequence[Notice], why: str) -> tuple[str, str]:
    """Held alerts as one message: a line each (sentence and link), as many as fit."""
    title = f"{APP_NAME}：{why}的 {len(notices)} 条提醒"
    lines: list[str] = []
    budget = MAX_CHARS - len(title) - 60
    shown = 0
    for notice in notices:
        line = shorten(notice.sentence, 160)
        if notice.item_id and notice.kind != "key_rotation":
            line += f" {canonical_item_url(notice.item_id)}"
        if sum(len(x) + 1 for x in lines) + len(line) + 3 > budget:
            break
        lines.append(f"• {line}")
        shown += 1
    return _fit(title, lines, len(notices) - shown)
