"""Where a URL from a stranger may lead: public internet addresses over https, nothing else.

Picture URLs (and short links) come from sellers and from the gateway's data, so they must not reach
this computer, the home or office network, or a cloud metadata service. The check runs after name
resolution on *every* address the name has, and the request is then sent to the checked address
itself (the original name travels in the Host header and in TLS's SNI, so certificates are still
verified against it): a name that resolves to a public address for the check and to 127.0.0.1 for
the connection (DNS rebinding) never gets a second resolution to exploit.

The one exception is explicit: the configured gateway's own origin when it is on loopback (the
sandbox), the same rule ``core/gateway/config.py`` applies to the gateway. Plain http is accepted only there.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

# Addresses that look public to ipaddress but answer as a cloud's instance metadata or wire server.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack (link-local: refused anyway)
        "100.100.100.200",  # Alibaba Cloud (shared address space: refused anyway)
        "168.63.129.16",  # Azure wire server: a global address
        "fd00:ec2::254",  # AWS over IPv6
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The address may not be reached (a stranger's URL, a notification channel's host); the message says
    why in plain words and names the host, never a signed URL or a token."""


@dataclass(frozen=True, slots=True)
class Origin:
    """scheme-less host and port, as the allowance names them."""

    host: str
    port: int

    @classmethod
    def of(cls, url: httpx.URL) -> Origin:
        return cls(url.host.lower(), url.port or (443 if url.scheme == "https" else 80))


def loopback_allowance(gateway_url: str | None) -> frozenset[Origin]:
    """The configured gateway's origin when it is on loopback (the sandbox serves its own pictures),
    else nothing: a real gateway gives no picture URL a way into this computer."""
    if not gateway_url:
        return frozenset()
    url = httpx.URL(gateway_url)
    return frozenset({Origin.of(url)}) if is_loopback_host(url.host) else frozenset()


def refusal_reason(address: IPAddress) -> str | None:
    """Why this address is not on the public internet, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            return refusal_reason(embedded)
    if address in METADATA_ADDRESSES:
        return "云服务器元数据地址"
    if address.is_loopback:
        return "本机地址"
    if address.is_link_local:
        return "链路本地地址"
    if address.is_multicast:
        return "组播地址"
    if address.is_unspecified:
        return "未指定地址"
    if address.is_reserved:
        return "保留地址"
    if address.is_private:
        return "内网地址"
    if not address.is_global:
        return "保留地址"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to, in its order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]).split("%")[0], None)
    return list(seen)


def resolve_addresses(host: str, port: int, resolver: Resolver, place: str) -> list[IPAddress]:
    """The addresses ``host`` stands for (itself when it is one), through ``resolver``; AddressRefused,
    naming ``place`` (图片地址, 通知服务器), when it resolves to nothing usable."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError):
        raise AddressRefused(f"无法解析{place}的主机名 {host}") from None
    addresses: list[IPAddress] = []
    for text in found:
        try:
            addresses.append(ipaddress.ip_address(text))
        except ValueError:
            raise AddressRefused(f"{place}的主机名 {host} 解析出无效地址") from None
    if not addresses:
        raise AddressRefused(f"无法解析{place}的主机名 {host}")
    return addresses


@dataclass(frozen=True, slots=True)
class PinnedRequest:
    """A checked URL rewritten to the checked address: send ``url`` with ``headers`` and ``extensions``."""

    original: str
    url: httpx.URL
    headers: dict[str, str]
    extensions: dict[str, Any] = field(default_factory=dict)


class UrlGuard:
    """Checks a stranger's URL and pins it to a checked address. Thread-safe (holds no mutable state)."""

    def __init__(
        self,
        *,
        allowance: Collection[Origin] = (),
        resolver: Resolver = system_resolver,
        what: str = "图片",
    ) -> None:
        self.allowance = frozenset(allowance)
        self._resolve = resolver
        self._what = what

    def pin(self, url: str) -> PinnedRequest:
        """Raises AddressRefused before anything is sent anywhere."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise AddressRefused(f"{self._what}地址无效") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise AddressRefused(f"不支持的{self._what}地址（只接受 https://）")
        origin = Origin.of(parsed)
        allowed_local = origin in self.allowance
        if parsed.scheme != "https" and not allowed_local:
            raise AddressRefused(f"{self._what}地址必须使用 https://（{origin.host}）")
        addresses = self._addresses(parsed.host, origin.port)
        for address in addresses:
            if allowed_local and address.is_loopback:
                continue
            reason = refusal_reason(address)
            if reason is not None:
                raise AddressRefused(f"拒绝访问{self._what}地址 {origin.host}：它指向{reason}（{address}）")
        chosen = addresses[0]
        headers = {"Host": parsed.netloc.decode("ascii")}
        extensions: dict[str, Any] = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
        return PinnedRequest(url, parsed.copy_with(host=str(chosen)), headers, extensions)

    def _addresses(self, host: str, port: int) -> list[IPAddress]:
        return resolve_addresses(host, port, self._resolve, f"{self._what}地址")
