"""App settings that are not secrets, kept in the store: request timeout, cache lifetimes, watch intervals."""

from __future__ import annotations

from dataclasses import dataclass, field

from xianyu_desktop.core.gateway.config import DEFAULT_TIMEOUT
from xianyu_desktop.core.items.status import ItemStatus
from xianyu_desktop.core.notify.policy import BadQuietHours, DeliveryPolicy, QuietHours
from xianyu_desktop.core.storage.cache import CachePolicy
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.plan import PollIntervals

TIMEOUT_KEY = "app.timeout_s"
# The store's keys, by status. A gone item is checked as often as an offline one (one setting for both).
CACHE_KEYS = {
    ItemStatus.ONSALE: "cache.onsale_s",
    ItemStatus.SOLDOUT: "cache.soldout_s",
    ItemStatus.OFFLINE: "cache.offline_s",
    ItemStatus.GONE: "cache.no_data_s",
}
WATCH_KEYS = {
    ItemStatus.ONSALE: "watch.onsale_s",
    ItemStatus.SOLDOUT: "watch.soldout_s",
    ItemStatus.OFFLINE: "watch.offline_s",
    ItemStatus.GONE: "watch.offline_s",
}

NOTIFY_QUIET_KEY = "notify.quiet_hours"  # "23:00-08:00", Beijing time; absent: none
NOTIFY_CAP_KEY = "notify.daily_cap"
NOTIFY_COOLDOWN_KEY = "notify.cooldown_s"
NOTIFY_ALLOW_LAN_KEY = "notify.allow_lan"


def _notify_policy(store: Store) -> DeliveryPolicy:
    base = DeliveryPolicy()
    try:
        quiet = QuietHours.parse(store.get_setting(NOTIFY_QUIET_KEY) or "")
    except BadQuietHours:
        quiet = None
    try:
        cap = int(store.get_setting(NOTIFY_CAP_KEY) or base.daily_cap)
    except ValueError:
        cap = base.daily_cap
    try:
        cooldown = float(store.get_setting(NOTIFY_COOLDOWN_KEY) or base.cooldown_s)
    except ValueError:
        cooldown = base.cooldown_s
    return DeliveryPolicy(
        quiet=quiet,
        daily_cap=cap if cap > 0 else base.daily_cap,
        cooldown_s=cooldown if cooldown >= 0 else base.cooldown_s,
        allow_lan=store.get_setting(NOTIFY_ALLOW_LAN_KEY) == "1",
    )


@dataclass(frozen=True, slots=True)
class AppSettings:
    timeout: float = DEFAULT_TIMEOUT
    cache: CachePolicy = field(default_factory=CachePolicy)
    intervals: PollIntervals = field(default_factory=PollIntervals)
    notify: DeliveryPolicy = field(default_factory=DeliveryPolicy)

    @classmethod
    def load(cls, store: Store) -> AppSettings:
        def number(key: str, default: float) -> float:
            raw = store.get_setting(key)
            try:
                value = float(raw) if raw is not None else default
            except ValueError:
                return default
            return value if value > 0 else default

        base, every = CachePolicy(), PollIntervals()
        lifetimes = {status: number(key, base.lifetime(status)) for status, key in CACHE_KEYS.items()}
        intervals = {status: number(key, every.base_for(status)) for status, key in WATCH_KEYS.items()}
        return cls(
            timeout=number(TIMEOUT_KEY, DEFAULT_TIMEOUT),
            cache=CachePolicy(
                onsale=lifetimes[ItemStatus.ONSALE],
                soldout=lifetimes[ItemStatus.SOLDOUT],
                offline=lifetimes[ItemStatus.OFFLINE],
                no_data=lifetimes[ItemStatus.GONE],
            ),
            intervals=PollIntervals(
                onsale=intervals[ItemStatus.ONSALE],
                soldout=intervals[ItemStatus.SOLDOUT],
                offline=intervals[ItemStatus.OFFLINE],
                gone=intervals[ItemStatus.GONE],
            ),
            notify=_notify_policy(store),
        )

    def save(self, store: Store) -> None:
        values: dict[str, str | None] = {TIMEOUT_KEY: repr(self.timeout)}
        values |= {key: repr(self.cache.lifetime(status)) for status, key in CACHE_KEYS.items()}
        # Gone shares the offline key: the offline interval is the one saved there.
        values |= {
            key: repr(self.intervals.base_for(status))
            for status, key in WATCH_KEYS.items()
            if status is not ItemStatus.GONE
        }
        values |= {
            NOTIFY_QUIET_KEY: None if self.notify.quiet is None else str(self.notify.quiet),
            NOTIFY_CAP_KEY: str(self.notify.daily_cap),
            NOTIFY_COOLDOWN_KEY: repr(self.notify.cooldown_s),
            NOTIFY_ALLOW_LAN_KEY: "1" if self.notify.allow_lan else "0",
        }
        store.set_settings(values)
