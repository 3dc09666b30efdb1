"""An item's status on Xianyu, and the one place a status picks its number (a cache lifetime, a poll
interval): a status the program does not know, or none yet, counts as on sale, the most changeable."""

from __future__ import annotations

import enum
from typing import TypeVar

from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP

T = TypeVar("T")


class ItemStatus(enum.StrEnum):
    ONSALE = "onsale"
    SOLDOUT = "soldout"
    OFFLINE = "offline"
    GONE = "gone"  # the gateway has no data for the item (deleted, made private, never there)

    @classmethod
    def of(cls, code: str | None) -> ItemStatus | None:
        """The status a code names; None for no code or one the program does not know (it is kept as
        the gateway sent it, and shown as 未知)."""
        try:
            return None if code is None else cls(code)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    ItemStatus.ONSALE: QT_TRANSLATE_NOOP("core", "在售"),
    ItemStatus.SOLDOUT: QT_TRANSLATE_NOOP("core", "已售"),
    ItemStatus.OFFLINE: QT_TRANSLATE_NOOP("core", "下架"),
    ItemStatus.GONE: QT_TRANSLATE_NOOP("core", "已删除或不可见"),
}
UNKNOWN_LABEL = QT_TRANSLATE_NOOP("core", "未知")


def status_label(code: str | None) -> str:
    """The label of a status code as the core keeps it (``未知`` for a code the program does not know)."""
    status = ItemStatus.of(code)
    return UNKNOWN_LABEL if status is None else status.label


def by_status(status: ItemStatus | None, *, onsale: T, soldout: T, offline: T, gone: T) -> T:
    """The value for ``status`` among per-status values; unknown or no status: the on-sale one."""
    if status is ItemStatus.SOLDOUT:
        return soldout
    if status is ItemStatus.OFFLINE:
        return offline
    if status is ItemStatus.GONE:
        return gone
    return onsale
