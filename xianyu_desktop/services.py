"""Everything a running app uses, built once and handed to the windows: the profile (store, cache,
audit log), the one shared HTTP client, the gateway configuration, the client with its shared limits,
the short-link resolver, and in demo mode the embedded sandbox gateway. No Qt here."""

from __future__ import annotations

import logging
import sqlite3

import httpx

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.client import ItemClient
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.net.netguard import Origin, loopback_allowance
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.cache import KEEP_DAYS
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.poller import Poller
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.core.web.pictures import ImageCache
from xianyu_desktop.core.web.shortlinks import SHORT_LINK_HOST, ShortLinkCache, ShortLinkResolver
from xianyu_desktop.paths import AppPaths, app_paths, demo_paths
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions

log = logging.getLogger(__name__)

DEMO_APP_KEY = "sandbox-basic"


class AppServices:
    def __init__(self, profile: Profile, http: httpx.Client, demo_gateway: SandboxGateway | None) -> None:
        self.profile = profile
        self.http = http
        self.demo_gateway = demo_gateway
        # Demo mode sends m.tb.cn to the embedded sandbox's stand-in (over loopback http, allowed for it only).
        route = {SHORT_LINK_HOST: demo_gateway.base_url} if demo_gateway is not None else {}
        self.short_links = ShortLinkResolver(
            http, ShortLinkCache(profile.cache), route=route, allow_loopback_http=demo_gateway is not None
        )
        self.watchlist = Watchlist(profile.store)
        self.settings = AppSettings.load(profile.store)
        self.config: GatewayConfig | None = None
        self.config_problem: str | None = None
        self.client: ItemClient | None = None
        self.lookup: ItemLookup | None = None
        self.poller: Poller | None = None
        self.reconfigure()

    @classmethod
    def open(cls, *, demo: bool, paths: AppPaths | None = None, sandbox: SandboxOptions | None = None) -> AppServices:
        """Raises StoreError when the profile cannot be opened (the caller explains it)."""
        base = paths or app_paths()
        gateway = SandboxGateway(sandbox or SandboxOptions(latency_ms=80, speed=60)).start() if demo else None
        try:
            profile = Profile.open(demo_paths(base) if demo else base)
        except Exception:
            if gateway is not None:
                gateway.stop()
            raise
        services = cls(profile, make_http_client(), gateway)
        services.prune_cache()
        return services

    @property
    def is_demo(self) -> bool:
        return self.demo_gateway is not None

    def reconfigure(self) -> None:
        """(Re)build the configuration and client after start-up or a settings change."""
        self.settings = AppSettings.load(self.profile.store)
        self.profile.cache.policy = self.settings.cache
        try:
            if self.demo_gateway is not None:
                self.config = GatewayConfig(
                    self.demo_gateway.url,
                    DEMO_APP_KEY,
                    SANDBOX_SECRET,
                    Tier.BASIC,
                    timeout=self.settings.timeout,
                )
            else:
                self.config = self.profile.resolve_config(timeout=self.settings.timeout)
            self.config_problem = None
        except ConfigError as exc:
            self.config, self.config_problem = None, str(exc)
            self.client = self.lookup = self.poller = None
            return
        self.client = self.profile.make_client(self.config, self.http)
        self.lookup = self.profile.lookup(self.client)
        self.poller = self.profile.poller(self.config, self.client)

    def prune_cache(self) -> None:
        """Once per start, off the GUI thread: old answers of unwatched items go. A failure here only
        costs disk space, so it is logged, never raised."""
        try:
            removed = self.profile.cache.prune(self.watchlist.item_ids())
        except (StoreError, sqlite3.Error) as exc:
            log.warning("could not prune the cache: %s", exc)
            return
        if removed:
            log.info("cache: forgot %d answers older than %d days", removed, KEEP_DAYS)

    def picture_allowance(self) -> frozenset[Origin]:
        """The configured gateway's own origin when it is on loopback (the sandbox serves its pictures);
        the same explicit rule that lets the gateway itself use plain http there."""
        return loopback_allowance(self.config.gateway_url if self.config is not None else None)

    def image_cache(self) -> ImageCache:
        return ImageCache(self.profile.paths.cache_dir / "images", self.http, allowance=self.picture_allowance)

    def quota_ledger(self) -> StoreQuotaLedger | None:
        return None if self.config is None else self.profile.quota_ledger(self.config)

    def close(self) -> None:
        self.http.close()
        self.profile.close()
        if self.demo_gateway is not None:
            self.demo_gateway.stop()
