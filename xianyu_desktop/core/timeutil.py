"""Time as the gateway counts it: Beijing time (UTC+8, no daylight saving), whose midnight resets the
daily quota, and the wall clock in UTC. One home for them, so a module that needs the Beijing day does
not have to import the item model or the rate limiter."""

from __future__ import annotations

import datetime as dt

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def beijing_day(now: dt.datetime) -> dt.date:
    return now.astimezone(BEIJING).date()


def next_beijing_midnight(now: dt.datetime) -> dt.datetime:
    day = beijing_day(now)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BEIJING)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
