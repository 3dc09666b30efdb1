"""The alert kinds a channel can choose, by the codes the alerts table stores (core/watch/alerts.py)."""

from __future__ import annotations

from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP

# code → label; "offline" is the code of a taken-down item, "undercut" comes with issue 15's alerts.
NOTIFY_KINDS: dict[str, str] = {
    "price_drop": QT_TRANSLATE_NOOP("core", "降价"),
    "target_reached": QT_TRANSLATE_NOOP("core", "到达目标价"),
    "sold": QT_TRANSLATE_NOOP("core", "已售出"),
    "offline": QT_TRANSLATE_NOOP("core", "已下架"),
    "back_on_sale": QT_TRANSLATE_NOOP("core", "重新上架"),
    "gone": QT_TRANSLATE_NOOP("core", "已删除"),
    "new_listing": QT_TRANSLATE_NOOP("core", "关键词新发布"),
    "undercut": QT_TRANSLATE_NOOP("core", "被同款低价超过"),
    "price_rise": QT_TRANSLATE_NOOP("core", "涨价"),
    "key_rotation": QT_TRANSLATE_NOOP("core", "密钥轮换提醒"),
}
ALIASES = {"taken_down": "offline", "down": "offline", "new": "new_listing", "drop": "price_drop"}
DEFAULT_KINDS = tuple(NOTIFY_KINDS)


class UnknownKind(ValueError):
    """A kind code that is not one of NOTIFY_KINDS; the message lists the known ones."""


def parse_kinds(text: str) -> tuple[str, ...]:
    """``"price_drop,sold"`` → the codes in NOTIFY_KINDS order; an empty text means every kind."""
    wanted = {ALIASES.get(part.strip().lower(), part.strip().lower()) for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - NOTIFY_KINDS.keys())
    if unknown:
        raise UnknownKind(f"不认识的提醒类型：{'、'.join(unknown)}（可选：{', '.join(NOTIFY_KINDS)}）")
    return tuple(code for code in NOTIFY_KINDS if code in wanted) if wanted else DEFAULT_KINDS
