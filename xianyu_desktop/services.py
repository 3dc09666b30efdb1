"""The session the window works with: the profile (store, cache, audit log), the one shared HTTP client,
the short-link resolver, in demo mode the sandbox gateway (a child process), and what the settings make of them:
the gateway configuration, the client with its shared limits, the lookup, the poller, the quota ledger
and the picture cache. No Qt here.

A session is immutable. A settings change builds a new one over the same profile (``rebuilt``, off the
GUI thread) and the window swaps it in; work already running keeps the session it started with. The
profile, the HTTP client and the demo gateway are opened once and closed once (``close``), by whoever
holds the last session over them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.client import ItemClient
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.market.service import MarketService
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.net.netguard import loopback_allowance
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.cache import KEEP_DAYS
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.market_overrides import MarketOverrides
from xianyu_desktop.core.watch.poller import Poller
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.core.web.pictures import ImageCache
from xianyu_desktop.core.web.shortlinks import SHORT_LINK_HOST, ShortLinkCache, ShortLinkResolver
from xianyu_desktop.paths import AppPaths, app_paths, demo_paths
from xianyu_desktop.sandbox.process import SandboxProcess, SandboxStartError
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions

log = logging.getLogger(__name__)

DEMO_APP_KEY = "sandbox-basic"

# The demo's gateway: a child process (as a real gateway is: its threads do not take the GIL from the
# window), or, for the tests that read its state, one embedded in this process.
DemoGateway = SandboxGateway | SandboxProcess


@dataclass(frozen=True, slots=True)
class Session:
    profile: Profile
    http: httpx.Client
    demo_gateway: DemoGateway | None
    watchlist: Watchlist
    short_links: ShortLinkResolver
    settings: AppSettings
    config: GatewayConfig | None
    config_problem: str | None
    client: ItemClient | None
    lookup: ItemLookup | None
    searcher: Searcher | None
    poller: Poller | None
    quota: StoreQuotaLedger | None
    images: ImageCache
    market: MarketService | None = None  # comparisons (行情), with the seller's overrides
    market_overrides: MarketOverrides | None = None
    market_problem: str | None = None  # why there is no market although there are credentials

    @classmethod
    def open(
        cls,
        *,
        demo: bool,
        paths: AppPaths | None = None,
        sandbox: SandboxOptions | None = None,
        embedded_sandbox: bool = False,
    ) -> Session:
        """Raises StoreError when the profile cannot be opened (the caller explains it)."""
        base = paths or app_paths()
        options = sandbox or SandboxOptions(latency_ms=80, speed=60)
        gateway = open_demo_gateway(options, embedded_sandbox) if demo else None
        try:
            profile = Profile.open(demo_paths(base) if demo else base)
        except Exception:
            if gateway is not None:
                gateway.stop()
            raise
        http = make_http_client()
        # Demo mode sends m.tb.cn to the embedded sandbox's stand-in (over loopback http, allowed for it only).
        route = {SHORT_LINK_HOST: gateway.base_url} if gateway is not None else {}
        short_links = ShortLinkResolver(
            http, ShortLinkCache(profile.cache), route=route, allow_loopback_http=gateway is not None
        )
        session = cls.build(profile, http, gateway, Watchlist(profile.store), short_links)
        session.prune_cache()
        return session

    @classmethod
    def build(
        cls,
        profile: Profile,
        http: httpx.Client,
        demo_gateway: DemoGateway | None,
        watchlist: Watchlist,
        short_links: ShortLinkResolver,
    ) -> Session:
        """The configuration and client from the saved settings and credentials (off the GUI thread: it
        reads the store and the keyring)."""
        settings = AppSettings.load(profile.store)
        profile.cache.policy = settings.cache
        config: GatewayConfig | None = None
        problem: str | None = None
        try:
            if demo_gateway is not None:
                config = GatewayConfig(
                    demo_gateway.url, DEMO_APP_KEY, SANDBOX_SECRET, Tier.BASIC, timeout=settings.timeout
                )
            else:
                config = profile.resolve_config(timeout=settings.timeout)
        except ConfigError as exc:
            problem = str(exc)
        client = lookup = searcher = poller = quota = market = None
        overrides = MarketOverrides(profile.store)
        market_problem: str | None = None
        if config is not None:
            client = profile.make_client(config, http)
            lookup = profile.lookup(client)
            searcher = profile.searcher(client)
            poller = profile.poller(config, client)
            quota = profile.quota_ledger(config)
            try:
                market = MarketService(lookup, searcher, profile.vocabulary(), config.tier, overrides.for_item)
            except ConfigError as exc:  # the seller's vocabulary file cannot be used: said on the 行情 tab
                market_problem = str(exc)
        allowance = loopback_allowance(config.gateway_url if config is not None else None)
        # The configured gateway's own origin when it is on loopback (the sandbox serves its pictures).
        images = ImageCache(profile.paths.cache_dir / "images", http, allowance=lambda: allowance)
        return cls(
            profile, http, demo_gateway, watchlist, short_links, settings, config, problem,
            client, lookup, searcher, poller, quota, images, market, overrides, market_problem,
        )  # fmt: skip

    def rebuilt(self) -> Session:
        """A new session over the same profile, after the settings or credentials changed."""
        return Session.build(self.profile, self.http, self.demo_gateway, self.watchlist, self.short_links)

    @property
    def is_demo(self) -> bool:
        return self.demo_gateway is not None

    @property
    def gateway_label(self) -> str:
        """Where calls go, as the export's 说明 sheet names it (Chinese, like the rest of the file)."""
        if self.is_demo:
            return "演示网关"
        return self.config.gateway_url if self.config is not None else ""

    def prune_cache(self) -> None:
        """Once per start, off the GUI thread: old answers of unwatched items go. A failure here only
        costs disk space, so the environment's failures (classified by the store) are logged, not raised;
        anything else is a bug and reaches the crash handler."""
        try:
            removed = self.profile.cache.prune(self.watchlist.item_ids())
        except StoreError as exc:
            log.warning("could not prune the cache: %s", exc)
            return
        if removed:
            log.info("cache: forgot %d answers older than %d days", removed, KEEP_DAYS)

    def close(self) -> None:
        self.http.close()
        self.profile.close()
        if self.demo_gateway is not None:
            self.demo_gateway.stop()


def open_demo_gateway(options: SandboxOptions, embedded: bool) -> DemoGateway:
    """The demo's gateway, started: its own process unless ``embedded``, or when the process cannot be
    started (said in the log; the demo still works, sharing the GIL)."""
    if not embedded:
        try:
            return SandboxProcess(options).start()
        except SandboxStartError as exc:
            log.warning("demo gateway: %s; running it in this process instead", exc)
    return SandboxGateway(options).start()
