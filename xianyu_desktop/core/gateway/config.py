"""Gateway configuration: where to call, as whom, at which tier. The secret never leaves this object
except as an HMAC key."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.net.netguard import is_loopback_host

DEFAULT_GATEWAY = "https://gw.api.taobao.com/router/rest"
DEFAULT_TIMEOUT = 15.0

ENV_GATEWAY = "XIANYU_GATEWAY"
ENV_TIER = "XIANYU_TIER"
ENV_APP_KEY = "XIANYU_APP_KEY"
ENV_APP_SECRET = "XIANYU_APP_SECRET"


def validate_gateway_url(url: str) -> str:
    """An https URL, or plain http on loopback (the sandbox). Returns it stripped."""
    url = url.strip()
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise ConfigError(f"网关地址无效：{url!r}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigError(f"网关地址必须以 https:// 开头（本机沙盒可用 http://），收到：{url!r}")
    if parsed.scheme == "http" and not is_loopback_host(parsed.host):
        raise ConfigError(f"为保护签名，远程网关必须使用 https://；只有本机地址可用 http://，收到：{url!r}")
    return url


@dataclass(frozen=True, slots=True)
class GatewayConfig:
    gateway_url: str
    app_key: str
    app_secret: str = field(repr=False)
    tier: Tier = Tier.PERSONAL
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        validate_gateway_url(self.gateway_url)
        if not self.app_key.strip():
            raise ConfigError(
                "缺少 app_key：请运行 xianyu-desktop credentials set，或用 --app-key / 环境变量 XIANYU_APP_KEY 提供"
            )
        if not self.app_secret:
            raise ConfigError("缺少 app_secret：请设置环境变量 XIANYU_APP_SECRET（不接受命令行参数，以免泄露）")
        if not 0 < self.timeout <= 300:
            raise ConfigError(f"请求超时必须在 0–300 秒之间，收到 {self.timeout}")


def config_from_sources(
    *,
    gateway: str | None = None,
    tier: str | None = None,
    app_key: str | None = None,
    timeout: float | None = None,
    environ: Mapping[str, str] | None = None,
    stored: Mapping[str, str | None] | None = None,
    secret_provider: Callable[[str], str | None] | None = None,
) -> GatewayConfig:
    """Command line, then environment, then what ``credentials set`` stored. The secret comes from the
    environment or, failing that, from ``secret_provider`` (the OS keyring), never from the command line."""
    env = os.environ if environ is None else environ
    saved = stored or {}
    key = (app_key or env.get(ENV_APP_KEY) or saved.get("app_key") or "").strip()
    secret = env.get(ENV_APP_SECRET, "")
    if not secret and key and secret_provider is not None:
        secret = secret_provider(key) or ""
    return GatewayConfig(
        gateway_url=validate_gateway_url(gateway or env.get(ENV_GATEWAY) or saved.get("gateway") or DEFAULT_GATEWAY),
        app_key=key,
        app_secret=secret,
        tier=Tier.parse(tier or env.get(ENV_TIER) or saved.get("tier") or Tier.PERSONAL.spec.name),
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
    )
