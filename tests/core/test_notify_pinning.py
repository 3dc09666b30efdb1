"""A channel posts to the address its check approved, never to a second answer for the same name: real
Apprise plugins (json://, jsons://, rsyslog://) posting to real servers on 127.0.0.1 under host names
that only the tests' resolvers know. The system resolver is fenced for every test here (``system_dns``):
it answers addresses and localhost only, so no DNS query leaves the machine, and it records what it
was asked, so a test shows a pinned post never asked it."""

from __future__ import annotations

import _socket
import errno
import http.client
import ipaddress
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler

import apprise
import pytest

from tests.hostile import HostileServer, self_signed_context
from tests.notify_fixtures import receiver
from xianyu_desktop.core.net.netguard import Origin
from xianyu_desktop.core.net.pinning import UncheckedAddress, current_pin, pinned
from xianyu_desktop.core.notify.addresses import AddressPolicy, Approved, check_target
from xianyu_desktop.core.notify.apprise_link import SendFailed, parse_url, post

TOKEN = "tokPIN0123456789ABC"
PUBLIC = "93.184.216.34"  # the netguard's public: 203.0.113.0/24 (documentation) is 内网 to ipaddress


class SystemDns:
    def __init__(self) -> None:
        self.asked: list[str] = []


@pytest.fixture(autouse=True)
def system_dns(monkeypatch):
    dns = SystemDns()
    real = _socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(name.split("%")[0])
        except ValueError:
            dns.asked.append(name)
            if name != "localhost":
                raise socket.gaierror(socket.EAI_NONAME, f"the tests ask no DNS server ({name})") from None
        return real(host, port, family, type, proto, flags)

    monkeypatch.setattr(_socket, "getaddrinfo", getaddrinfo)
    return dns


@pytest.fixture
def hook():
    with receiver() as r:
        yield r


def loopback_policy(host: str, port: int, answer: str = "127.0.0.1", asked: list | None = None) -> AddressPolicy:
    """The channel's own origin on this computer allowed, as ``--allow-loopback`` does."""

    def resolver(name, wanted_port):
        if asked is not None:
            asked.append((name, wanted_port))
        return [answer]

    return AddressPolicy(loopback=frozenset({Origin(host, port)}), resolver=resolver)


def answer(status: int, **headers: str):
    def serve(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return serve


def test_the_check_returns_what_it_approved():
    approved = check_target(
        parse_url("json://hooks.example.test:8080/hook"), AddressPolicy(resolver=lambda h, p: [PUBLIC])
    )
    assert approved == Approved(Origin("hooks.example.test", 8080), (ipaddress.ip_address(PUBLIC),))
    assert check_target(parse_url("wecombot://KEY0123456789"), AddressPolicy()) is None  # a vendor's fixed host


def test_a_post_goes_to_the_checked_address_and_never_asks_dns_again(hook, system_dns):
    asked: list = []
    policy = loopback_policy("notify.invalid", hook.port, asked=asked)
    post(f"json://notify.invalid:{hook.port}/hook/{TOKEN}", "降价", "iPhone ¥850", policy)
    assert [(p["path"], p["title"], p["message"]) for p in hook.posts] == [(f"/hook/{TOKEN}", "降价", "iPhone ¥850")]
    assert asked == [("notify.invalid", hook.port)]  # the check's one resolution
    assert system_dns.asked == []  # the post asked no resolver: .invalid exists in no DNS
    assert current_pin() is None


def test_a_name_rebound_after_the_check_is_posted_to_the_checked_address_only(hook, system_dns, monkeypatch):
    """The check sees a public address; the system's answer for the same name is this computer (what a
    rebinding DNS server does). The post connects to the checked address (recorded and refused here,
    so nothing leaves the machine), never to the webhook on 127.0.0.1."""
    connects = []

    def recording_connect(sock, address):
        connects.append(address[:2])
        raise ConnectionRefusedError(errno.ECONNREFUSED, "recorded, not connected")

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", recording_connect)  # whichever call a library makes
    policy = AddressPolicy(resolver=lambda host, port: [PUBLIC])
    with pytest.raises(SendFailed) as failed:
        post(f"json://localhost:{hook.port}/hook/{TOKEN}", "降价", "正文", policy)
    assert connects == [(PUBLIC, hook.port)]
    assert hook.connections == 0 and system_dns.asked == []
    assert failed.value.retryable and TOKEN not in failed.value.reason


def test_a_redirect_to_another_host_is_refused_before_connecting(hook, system_dns):
    """localhost would resolve, and reach the second webhook, were the redirect allowed to ask DNS."""
    with HostileServer({f"/hook/{TOKEN}": answer(307, Location=f"http://localhost:{hook.port}/stolen")}) as server:
        policy = loopback_policy("notify.invalid", server.port)
        with pytest.raises(SendFailed) as failed:
            post(f"json://notify.invalid:{server.port}/hook/{TOKEN}", "降价", "正文", policy)
    assert server.requests == [f"/hook/{TOKEN}"] and hook.connections == 0 and system_dns.asked == []
    assert not failed.value.retryable
    assert "已阻止：发往 notify.invalid 的通知" in failed.value.reason and "localhost" in failed.value.reason
    assert TOKEN not in failed.value.reason


def test_a_redirect_to_another_port_of_an_allowed_loopback_origin_is_refused(hook, system_dns):
    """This computer is allowed origin by origin (host and port): a redirect to another local port (another
    service on the machine) is refused before connecting, though the address is the one checked."""
    with HostileServer({f"/hook/{TOKEN}": answer(307, Location=f"http://notify.invalid:{hook.port}/other")}) as server:
        policy = loopback_policy("notify.invalid", server.port)
        with pytest.raises(SendFailed) as failed:
            post(f"json://notify.invalid:{server.port}/hook/{TOKEN}", "降价", "正文", policy)
    assert server.requests == [f"/hook/{TOKEN}"] and hook.connections == 0 and system_dns.asked == []
    assert not failed.value.retryable and f"端口 {hook.port}" in failed.value.reason
    assert TOKEN not in failed.value.reason


def test_a_pinned_thread_reaches_no_other_host_and_no_other_address(hook, system_dns):
    with pinned("notify.invalid", [ipaddress.ip_address("127.0.0.1")]) as pin:
        with pytest.raises(socket.gaierror):
            socket.create_connection(("localhost", hook.port), timeout=2)
        with pytest.raises(UncheckedAddress), socket.socket() as sock:
            sock.connect(("127.0.0.2", hook.port))  # an address learnt elsewhere
        connection = http.client.HTTPConnection("notify.invalid", hook.port, timeout=5)
        connection.request("POST", "/pinned", body=b'{"title": "t", "message": "m"}')
        assert connection.getresponse().status == 200
        connection.close()
    assert pin.refused == ["localhost", "127.0.0.2"] and system_dns.asked == []
    assert hook.connections == 1 and [p["path"] for p in hook.posts] == ["/pinned"]


def test_a_plugin_that_hands_the_name_to_its_socket_sends_to_the_checked_address(system_dns):
    """Apprise's rsyslog:// gives its host name to ``sendto`` (resolved inside the socket, past any
    getaddrinfo): the pin gives it the checked address."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as syslog:
        syslog.bind(("127.0.0.1", 0))
        syslog.settimeout(5)
        port = syslog.getsockname()[1]
        post(f"rsyslog://logs.invalid:{port}", "降价", "iPhone ¥850", loopback_policy("logs.invalid", port))
        assert syslog.recv(4096).decode().endswith("降价: iPhone ¥850")
    assert system_dns.asked == []


def test_threads_without_a_pin_resolve_as_before(system_dns):
    """During a pinned post (held in the server's handler), another thread resolves localhost normally."""
    arrived, proceed = threading.Event(), threading.Event()

    def held(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        arrived.set()
        proceed.wait(10)
        answer(200)(handler, stop)

    errors: list[BaseException] = []
    with HostileServer({f"/hook/{TOKEN}": held}) as server:
        url = f"json://notify.invalid:{server.port}/hook/{TOKEN}"
        policy = loopback_policy("notify.invalid", server.port)

        def run() -> None:
            try:
                post(url, "降价", "正文", policy)
            except BaseException as exc:
                errors.append(exc)

        poster = threading.Thread(target=run)
        poster.start()
        try:
            assert arrived.wait(10)
            found = {info[4][0] for info in socket.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)}
        finally:
            proceed.set()
            poster.join(10)
    assert "127.0.0.1" in found or "::1" in found
    assert system_dns.asked == ["localhost"] and errors == [] and server.requests == [f"/hook/{TOKEN}"]
    assert current_pin() is None


def test_tls_is_verified_against_the_host_name_not_the_pinned_address(tmp_path, monkeypatch, system_dns):
    """The certificate names notify.invalid only (no address): the pinned post verifies it against the
    name; a channel under another name on the same address is refused by TLS before anything is sent."""
    context = self_signed_context(tmp_path, "notify.invalid")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "cert.pem"))
    with HostileServer({f"/hook/{TOKEN}": answer(200)}, tls=context) as server:
        post(
            f"jsons://notify.invalid:{server.port}/hook/{TOKEN}",
            "降价",
            "正文",
            loopback_policy("notify.invalid", server.port),
        )
        assert server.requests == [f"/hook/{TOKEN}"]
        with apprise.LogCapture(level=logging.DEBUG) as apprise_log, pytest.raises(SendFailed) as failed:
            post(
                f"jsons://other.invalid:{server.port}/hook/{TOKEN}",
                "降价",
                "正文",
                loopback_policy("other.invalid", server.port),
            )
        assert server.requests == [f"/hook/{TOKEN}"] and TOKEN not in failed.value.reason
    assert "Hostname mismatch, certificate is not valid for 'other.invalid'" in apprise_log.getvalue()
    assert system_dns.asked == []


def test_a_pinned_post_goes_direct_past_the_environments_proxy(hook, monkeypatch, system_dns):
    """A proxy would resolve the name itself; this one (port 9 on this computer) answers nothing."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    post(
        f"json://notify.invalid:{hook.port}/hook/{TOKEN}", "降价", "正文", loopback_policy("notify.invalid", hook.port)
    )
    assert len(hook.posts) == 1 and system_dns.asked == []
