"""One user profile on disk, wired together: store, cache, audit log, credentials, and clients that
share the store's quota ledger and send pacing."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from xianyu_desktop.core.errors import ConfigError, UserErrorKind
from xianyu_desktop.core.gateway.client import ItemClient, RetryPolicy
from xianyu_desktop.core.gateway.config import GatewayConfig, config_from_sources
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.audit import AuditLog
from xianyu_desktop.core.storage.cache import ItemCache
from xianyu_desktop.core.storage.credentials import CredentialStore, KeyringUnavailable
from xianyu_desktop.core.storage.db import StoreError, StoreProblem
from xianyu_desktop.core.storage.ledger import SharedRateLimiter, StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.poller import Poller
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.paths import AppPaths, app_paths


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

    def poller(self, config: GatewayConfig, client: ItemClient) -> Poller:
        ledger = self.quota_ledger(config)
        return Poller(
            Watchlist(self.store),
            self.lookup(client),
            lambda: ledger.remaining,
            config.tier.spec,
            intervals=AppSettings.load(self.store).intervals,
        )
