"""Connections from one thread held to addresses that were checked, for code that resolves names itself.

The picture fetch rewrites its URL to the checked address (netguard.py ``PinnedRequest``), because it
builds its own request. A notification is posted by Apprise, whose plugins build theirs with
``requests``, ``smtplib`` or a raw socket and resolve the host name again: a name whose DNS answer
changes between the check and the post (DNS rebinding) would get the message and the channel's token
at an address the check refused. No seam in Apprise reaches every plugin's connection (each plugin calls
``requests.post`` itself, so no ``Session`` can be mounted; SMTP and syslog never see requests), so the
pin sits under all of them, in the socket module, and only for the thread that asked:

- ``socket.getaddrinfo`` answers the pinned name with the checked addresses only (never asking DNS) and
  refuses every other name, so a redirect or a second host fails before any connection;
- ``socket.socket.connect``/``connect_ex``/``sendto`` let the thread reach only a checked address: a
  plugin that hands the name to the socket itself (syslog's ``sendto``) is given the checked address, and
  an address learnt elsewhere (a lookup on another thread) is refused.

Both wrappers are installed once and hand every call on a thread without a pin to the original untouched.
Only name resolution changes: the URL keeps the name, so TLS still sends it as SNI and verifies the
certificate against it. A plugin that connects from a thread of its own (XMPP, MQTT, AMQP: their
libraries are not installed with the app) is beyond a thread's pin."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from xianyu_desktop.core.net.netguard import IPAddress

_MARK = "_xianyu_pin"
_INET = (socket.AF_INET, socket.AF_INET6)
_local = threading.local()
_install_lock = threading.Lock()


class UncheckedAddress(OSError):
    """A pinned thread tried to reach an address that was not checked."""


def normal_host(host: str | bytes | None) -> str:
    """A host name as resolvers compare it: no brackets, no final dot, lower case, IDNA-encoded."""
    if host is None:
        return ""
    text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    text = text.strip("[]").rstrip(".").lower()
    try:
        return text.encode("idna").decode("ascii")
    except UnicodeError:
        return text


def _as_ip(host: object) -> IPAddress | None:
    if not isinstance(host, str):
        return None
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


@dataclass(slots=True)
class Pin:
    """One thread's pin: ``host`` resolves to ``addresses`` and nothing else is reached. ``refused`` lists
    what the thread asked for instead (host names or addresses, never a URL), for the failure's reason."""

    host: str
    addresses: tuple[IPAddress, ...]
    port: int | None = None  # set: only this port of those addresses (an origin allowed port by port)
    refused: list[str] = field(default_factory=list)

    def allows(self, address: IPAddress) -> bool:
        mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
        return address in self.addresses or (mapped is not None and mapped in self.addresses)

    def resolve(self, original: Callable[..., Any], host: Any, port: Any, *rest: Any) -> Any:
        """getaddrinfo for this thread: the checked addresses for the pinned name, a checked address
        for itself, socket.gaierror for anything else."""
        name = normal_host(host)
        literal = _as_ip(name)
        if name == self.host:
            chosen = self.addresses
        elif literal is not None and self.allows(literal):
            chosen = (literal,)
        else:
            self.refused.append(name or "（空主机名）")
            raise socket.gaierror(socket.EAI_NONAME, f"{name} 不是已检查的地址")
        family, kind, proto, flags = (*rest, 0, 0, 0, 0)[:4]
        answers: list[Any] = []
        for address in chosen:
            try:
                answers += original(str(address), port, family, kind, proto, flags | socket.AI_NUMERICHOST)
            except socket.gaierror:
                continue  # an address of the other family than the one asked for
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, f"{name} 没有所要类型的已检查地址")
        return answers

    def destination(self, address: Any, family: int) -> Any:
        """The socket address a pinned thread may connect or send to, instead of ``address``."""
        if not isinstance(address, tuple) or not address:
            return address  # the socket itself rejects it
        if self.port is not None and len(address) > 1 and address[1] != self.port:
            self.refused.append(f"{address[0]} 的端口 {address[1]}")
            raise UncheckedAddress(errno.EACCES, f"端口 {address[1]} 不是已检查的端口")
        literal = _as_ip(address[0])
        if literal is not None and self.allows(literal):
            return address
        if literal is None and normal_host(address[0]) == self.host:
            version = 4 if family == socket.AF_INET else 6
            for checked in self.addresses:
                if checked.version == version:
                    return (str(checked), *address[1:])
        self.refused.append(str(address[0]))
        raise UncheckedAddress(errno.EACCES, f"{address[0]} 不是已检查的地址")


def current_pin() -> Pin | None:
    pin: Pin | None = getattr(_local, "pin", None)
    return pin


@contextmanager
def pinned(host: str, addresses: Sequence[IPAddress], *, port: int | None = None) -> Iterator[Pin]:
    """Within the block, this thread resolves ``host`` to ``addresses`` only and connects nowhere else
    (with ``port``: to no other port of them either)."""
    if not addresses:
        raise ValueError("a pin needs at least one checked address")
    install()
    pin = Pin(normal_host(host), tuple(addresses), port)
    previous = current_pin()
    _local.pin = pin
    try:
        yield pin
    finally:
        _local.pin = previous


def install() -> None:
    """Wrap the resolver and the socket's connecting calls; again only if something replaced a wrapper."""
    if _installed():
        return
    with _install_lock:
        if not getattr(socket.getaddrinfo, _MARK, False):
            socket.getaddrinfo = _pinned_getaddrinfo(socket.getaddrinfo)
        for name, wrap in (("connect", _guard_first), ("connect_ex", _guard_first), ("sendto", _guard_last)):
            current = getattr(socket.socket, name)
            if not getattr(current, _MARK, False):
                setattr(socket.socket, name, wrap(current))


def _installed() -> bool:
    calls = (socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto)
    return all(getattr(call, _MARK, False) for call in calls)


def _pinned_getaddrinfo(original: Callable[..., Any]) -> Callable[..., Any]:
    def getaddrinfo(host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0) -> Any:
        pin = current_pin()
        if pin is None:
            return original(host, port, family, type, proto, flags)
        return pin.resolve(original, host, port, family, type, proto, flags)

    setattr(getaddrinfo, _MARK, True)
    return getaddrinfo


def _guard_first(original: Callable[..., Any]) -> Callable[..., Any]:
    """connect(address) and connect_ex(address)."""

    def guarded(sock: socket.socket, address: Any) -> Any:
        pin = current_pin()
        if pin is not None and sock.family in _INET:
            address = pin.destination(address, sock.family)
        return original(sock, address)

    setattr(guarded, _MARK, True)
    return guarded


def _guard_last(original: Callable[..., Any]) -> Callable[..., Any]:
    """sendto(data, address) and sendto(data, flags, address)."""

    def guarded(sock: socket.socket, data: Any, *rest: Any) -> Any:
        pin = current_pin()
        if pin is not None and sock.family in _INET and rest:
            rest = (*rest[:-1], pin.destination(rest[-1], sock.family))
        return original(sock, data, *rest)

    setattr(guarded, _MARK, True)
    return guarded
