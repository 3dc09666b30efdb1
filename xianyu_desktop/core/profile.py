"""One user profile on disk, wired together: store, cache, audit log, credentials, and clients that
share the store's quota ledger and send pacing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayFailure, UserErrorKind
from xianyu_desktop.core.gateway.client import ItemClient, RetryPolicy
from xianyu_desktop.core.gateway.config import GatewayConfig, config_from_sources
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.notify.channels import ChannelBook
from xianyu_desktop.core.notify.deliver import Deliverer
from xianyu_desktop.core.notify.rotation import KeyRotation
from xianyu_desktop.core.search.searcher import Searcher
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.audit import AuditLog
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.credentials import CredentialStore, KeyringUnavailable
from xianyu_desktop.core.storage.db import StoreError, StoreProblem
from xianyu_desktop.core.storage.ledger import SharedRateLimiter, StoreQuotaLedger
from xianyu_desktop.core.storage.locks import POLL_LOCK, StoreLock
from xianyu_desktop.core.storage.search_cache import SearchPageCache
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.texts import CONTEXT, QT_TRANSLATE_NOOP
from xianyu_desktop.core.watch.poller import Poller
from xianyu_desktop.core.watch.saved_searches import SavedSearches
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.paths import AppPaths, app_paths

CONNECTION_TEST_ITEM_ID = "698765432109876543"  # the seed's example id; "no data" for it still proves the signature
MISSING_SECRET = QT_TRANSLATE_NOOP(CONTEXT, "请填写 app_secret")


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """What the seller asked for in the settings. An empty ``secret`` keeps the saved one of the same key."""

    app_key: str
    secret: str
    tier: Tier
    gateway: str
    settings: AppSettings


class Profile:
    def __init__(self, paths: AppPaths, store: Store, cache: ItemCache, audit: AuditLog) -> None:
        self.paths = paths
        self.store = store
        self.cache = cache
        self.audit = audit
        self.credentials = CredentialStore(store)

    @classmethod
    def open(cls, paths: AppPaths | None = None) -> Profile:
        """Raises StoreError with a plain message when the store cannot be used."""
        paths = paths or app_paths()
        try:
            paths.ensure()
        except OSError as exc:
            raise StoreError(
                StoreProblem.ENVIRONMENT,
                f"无法使用数据文件夹 {exc.filename or paths.data_dir}：{exc.strerror or exc}。",
                "请检查文件夹权限，或用 XIANYU_DESKTOP_HOME 指定另一个文件夹。",
                kind=UserErrorKind.READ_ONLY,
            ) from None
        store = Store(paths.data_dir).open()
        try:
            cache = ItemCache(paths.cache_dir).open()
        except Exception:
            store.close()
            raise
        return cls(paths, store, cache, AuditLog(paths.log_dir))

    def close(self, *, backup: bool = True) -> None:
        """A clean close backs the store up when the seller's data changed (Store.close)."""
        self.cache.close()
        self.store.close(backup=backup)

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        # A command that failed with a message still committed what it did; Ctrl+C wants out at once.
        self.close(backup=exc_type is None or issubclass(exc_type, Exception))

    def resolve_config(
        self,
        *,
        gateway: str | None = None,
        tier: str | None = None,
        app_key: str | None = None,
        timeout: float | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> GatewayConfig:
        saved = self.credentials.load()
        keyring_problem: list[str] = []

        def from_keyring(key: str) -> str | None:
            try:
                return self.credentials.secret(key)
            except KeyringUnavailable as exc:
                keyring_problem.append(str(exc))
                return None

        try:
            return config_from_sources(
                gateway=gateway,
                tier=tier,
                app_key=app_key,
                timeout=timeout,
                environ=environ,
                stored={"app_key": saved.app_key, "tier": saved.tier, "gateway": saved.gateway},
                secret_provider=from_keyring,
            )
        except ConfigError as exc:
            if keyring_problem:
                raise ConfigError(f"{exc}。{keyring_problem[0]}") from None
            raise

    def save_settings(self, change: SettingsChange, current: GatewayConfig | None, *, demo: bool) -> None:
        """The settings into the store and, outside the demo (whose credentials are the sandbox's), the
        credentials into the keyring. Raises ConfigError (MISSING_SECRET) when no secret is typed or
        saved for the key, KeyringUnavailable when the keyring cannot take it."""
        change.settings.save(self.store)
        if demo:
            return
        secret = change.secret or _kept_secret(change, current)
        if not secret:
            raise ConfigError(MISSING_SECRET)
        self.credentials.save(change.app_key, secret, tier=change.tier.spec.name, gateway=change.gateway)

    def test_connection(
        self, change: SettingsChange, current: GatewayConfig | None, http: httpx.Client, *, demo: bool
    ) -> GatewayFailure | None:
        """One signed call with the asked-for credentials (the current ones in the demo): None when the
        gateway accepted the signature and timestamp ("no data" for the probe item still proves them),
        else what went wrong. Counted against the key's quota like any call."""
        if demo:
            if current is None:
                raise ConfigError(MISSING_SECRET)
            config = current
        else:
            secret = change.secret or _kept_secret(change, current) or self.credentials.secret(change.app_key) or ""
            config = GatewayConfig(change.gateway, change.app_key, secret, change.tier, timeout=change.settings.timeout)
        client = self.make_client(config, http, retry=RetryPolicy(max_attempts=1))
        result = client.fetch(CONNECTION_TEST_ITEM_ID, "title")
        if result.ok or (result.failure is not None and result.failure.kind is ErrorKind.NOT_FOUND):
            return None
        assert result.failure is not None
        return result.failure

    def quota_ledger(self, config: GatewayConfig) -> StoreQuotaLedger:
        return StoreQuotaLedger(self.store, config.app_key, config.tier.spec.daily_calls)

    def make_client(self, config: GatewayConfig, http: httpx.Client, *, retry: RetryPolicy | None = None) -> ItemClient:
        spec = config.tier.spec
        return ItemClient(
            config,
            http,
            limiter=SharedRateLimiter(self.store, config.app_key, spec.per_second),
            quota=self.quota_ledger(config),
            retry=retry,
            observer=self.audit.record_call,
        )

    def lookup(self, client: ItemClient) -> ItemLookup:
        return ItemLookup(client, self.cache, on_cache_hit=self.audit.record_cache_hit)

    def searcher(self, client: ItemClient) -> Searcher:
        return Searcher(client, SearchPageCache(self.cache), on_cache_hit=self.audit.record_search_cache_hit)

    def poller(self, config: GatewayConfig, client: ItemClient) -> Poller:
        ledger = self.quota_ledger(config)
        return Poller(
            Watchlist(self.store),
            self.lookup(client),
            lambda: ledger.remaining,
            config.tier.spec,
            intervals=AppSettings.load(self.store).intervals,
            searches=SavedSearches(self.store),
            searcher=self.searcher(client),
            lock=StoreLock(self.store, POLL_LOCK),
        )

    def deliverer(self) -> Deliverer:
        """Sends the alerts polling raised to the notification channels (and raises the key-rotation
        reminder when it is due, so it goes out too)."""
        return Deliverer(
            self.store,
            ChannelBook(self.store),
            AppSettings.load(self.store).notify,
            before_round=KeyRotation(self.store).check,
        )


def _kept_secret(change: SettingsChange, current: GatewayConfig | None) -> str:
    """The secret in use, when the key is the one in use."""
    return current.app_secret if current is not None and current.app_key == change.app_key else ""
