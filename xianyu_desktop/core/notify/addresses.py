"""Where a channel posts, and whether it may: an Apprise service with a fixed endpoint (WeCom, DingTalk,
Feishu, ServerChan, PushPlus, Telegram, ntfy.sh …) posts to its vendor's public host, which the URL cannot
change; a service whose URL names the host (json://, ntfy://host/topic, bark://server/key, a mail server,
Gotify …) is checked like a stranger's picture link (core/net/netguard.py) before anything is sent:
link-local and cloud-metadata addresses are always refused, the home or office network only with the
seller's "allow LAN" setting (a LAN ntfy server is a real case), this computer only for an origin the
seller allowed explicitly for that channel. The check resolves the name with an injectable resolver,
so tests show a refusal happens before any connection, and returns what it approved: the post then
reaches those addresses only (apprise_link.py pins them), never a second answer for the same name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from xianyu_desktop.core.net.netguard import (
    AddressRefused,
    IPAddress,
    Origin,
    Resolver,
    refusal_reason,
    resolve_addresses,
    system_resolver,
)


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    allow_private: bool = False  # the seller's "allow LAN" setting
    loopback: frozenset[Origin] = field(default_factory=frozenset)  # explicitly allowed local origins
    resolver: Resolver = system_resolver


@dataclass(frozen=True, slots=True)
class Approved:
    """Where a channel may post: its origin and every address the check found for it."""

    origin: Origin
    addresses: tuple[IPAddress, ...]


def _fixed_endpoint(plugin: Any) -> bool:
    fixed = getattr(type(plugin), "notify_url", None)
    if isinstance(fixed, str) and "://" in fixed and "{" not in urlsplit(fixed).netloc:
        return True
    return getattr(plugin, "mode", None) == "cloud"  # ntfy without a host: ntfy.sh


def target_of(plugin: Any) -> Origin | None:
    """The host and port the service posts to when the URL chooses them; None for a vendor's fixed one."""
    if _fixed_endpoint(plugin):
        return None
    host = getattr(plugin, "smtp_host", None) or getattr(plugin, "host", None)
    if not isinstance(host, str) or not host:
        return None
    port = getattr(plugin, "port", None)
    if not isinstance(port, int) or port <= 0:
        port = 443 if getattr(plugin, "secure", False) else 80
    return Origin(host.lower().strip("[]"), port)


def check_target(plugin: Any, policy: AddressPolicy) -> Approved | None:
    """What the service may reach (None: a vendor's fixed endpoint); raises AddressRefused before any
    connection when it would post somewhere it may not."""
    origin = target_of(plugin)
    if origin is None:
        return None
    addresses = resolve_addresses(origin.host, origin.port, policy.resolver, "通知服务器")
    for address in addresses:
        reason = refusal_reason(address)
        if reason is None:
            continue
        if address.is_loopback and origin in policy.loopback:
            continue
        if reason == "内网地址" and policy.allow_private:
            continue
        hint = "；如是局域网内的服务，可在设置中允许局域网地址" if reason == "内网地址" else ""
        raise AddressRefused(f"拒绝向 {origin.host} 发送：它指向{reason}（{address}）{hint}")
    return Approved(origin, tuple(addresses))
