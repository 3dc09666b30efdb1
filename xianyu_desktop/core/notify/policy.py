"""When messages go out: quiet hours (Beijing time, held alerts sent as one digest when they end), a daily
cap per channel (past it, alerts are held and sent as one digest the next Beijing day: never dropped),
a cooldown per item (a second alert for the same item within it waits and is folded into the next
message), and whether a channel may post to the home or office network."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xianyu_desktop.core.timeutil import BEIJING

DEFAULT_CAP = 50
DEFAULT_COOLDOWN_S = 30 * 60.0
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~至到]\s*(\d{1,2}):(\d{2})\s*$")


class BadQuietHours(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class QuietHours:
    """From ``start`` to ``end`` minutes after Beijing midnight; past midnight when end < start."""

    start: int
    end: int

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """``"23:00-08:00"``; an empty text or "off" means none."""
        if not text.strip() or text.strip().lower() in ("off", "none", "关"):
            return None
        match = _HHMM.match(text)
        if match is None:
            raise BadQuietHours(f"免打扰时段「{text}」格式不对：应像 23:00-08:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise BadQuietHours(f"免打扰时段「{text}」里的时间不存在")
        if (h1, m1) == (h2, m2):
            raise BadQuietHours("免打扰时段的开始和结束不能相同")
        return cls(h1 * 60 + m1, h2 * 60 + m2)

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"

    def covers(self, now: float) -> bool:
        local = dt.datetime.fromtimestamp(now, BEIJING)
        minute = local.hour * 60 + local.minute
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    quiet: QuietHours | None = None
    daily_cap: int = DEFAULT_CAP
    cooldown_s: float = DEFAULT_COOLDOWN_S
    allow_lan: bool = False

    def quiet_at(self, now: float) -> bool:
        return self.quiet is not None and self.quiet.covers(now)


def beijing_day_start(now: float) -> float:
    local = dt.datetime.fromtimestamp(now, BEIJING)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
