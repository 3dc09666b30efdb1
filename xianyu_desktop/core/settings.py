"""App settings that are not secrets, kept in the store: request timeout, cache lifetimes, watch intervals."""

from __future__ import annotations

from dataclasses import dataclass, field

from xianyu_desktop.core.gateway.config import DEFAULT_TIMEOUT
from xianyu_desktop.core.storage.cache import CachePolicy
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.plan import PollIntervals

_KEYS = {
    "timeout": "app.timeout_s",
    "onsale": "cache.onsale_s",
    "soldout": "cache.soldout_s",
    "offline": "cache.offline_s",
    "no_data": "cache.no_data_s",
    "watch_onsale": "watch.onsale_s",
    "watch_soldout": "watch.soldout_s",
    "watch_offline": "watch.offline_s",
}


@dataclass(frozen=True, slots=True)
class AppSettings:
    timeout: float = DEFAULT_TIMEOUT
    cache: CachePolicy = field(default_factory=CachePolicy)
    intervals: PollIntervals = field(default_factory=PollIntervals)

    @classmethod
    def load(cls, store: Store) -> AppSettings:
        def number(name: str, default: float) -> float:
            raw = store.get_setting(_KEYS[name])
            try:
                value = float(raw) if raw is not None else default
            except ValueError:
                return default
            return value if value > 0 else default

        base = CachePolicy()
        every = PollIntervals()
        return cls(
            timeout=number("timeout", DEFAULT_TIMEOUT),
            cache=CachePolicy(
                onsale=number("onsale", base.onsale),
                soldout=number("soldout", base.soldout),
                offline=number("offline", base.offline),
                no_data=number("no_data", base.no_data),
            ),
            intervals=PollIntervals(
                onsale=number("watch_onsale", every.onsale),
                soldout=number("watch_soldout", every.soldout),
                offline=number("watch_offline", every.offline),
                gone=number("watch_offline", every.gone),
            ),
        )

    def save(self, store: Store) -> None:
        store.set_settings(
            {
                _KEYS["timeout"]: repr(self.timeout),
                _KEYS["onsale"]: repr(self.cache.onsale),
                _KEYS["soldout"]: repr(self.cache.soldout),
                _KEYS["offline"]: repr(self.cache.offline),
                _KEYS["no_data"]: repr(self.cache.no_data),
                _KEYS["watch_onsale"]: repr(self.intervals.onsale),
                _KEYS["watch_soldout"]: repr(self.intervals.soldout),
                _KEYS["watch_offline"]: repr(self.intervals.offline),
            }
        )
