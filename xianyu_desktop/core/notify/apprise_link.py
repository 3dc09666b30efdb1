"""The one place Apprise is called: parse a channel URL (``Apprise.instantiate``), mask it, post one
message and say why a post failed, in words that never hold the URL or its token.

Apprise reads a URL's scheme to pick a service; its warnings name the failure (``error=500``) and its
debug lines name the URL, so the app holds its logger at WARNING (logs.py) and every captured line is
scrubbed of the URL's parts before it becomes a failure reason.

A channel whose URL names its host is posted to the addresses ``check_target`` approved and nowhere
else: the post runs pinned (core/net/pinning.py: this thread resolves that name to those addresses only,
reaches no other host, and a redirect elsewhere fails before connecting), since each Apprise plugin opens
its own connection (requests, smtplib, a socket) and would otherwise ask DNS again. A pinned post ignores
the environment's proxy, as Apprise's own pinned ``HTTPPolicySession`` does: a proxy resolves the name
itself. A vendor's fixed endpoint is posted to as Apprise does it, proxy included.

Apprise itself (~45 modules, its plugin table built on first use) is imported only when a channel is
parsed or posted to, never on the window's or a command's start-up path."""

from __future__ import annotations

import logging
import re
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from xianyu_desktop.core.net.pinning import Pin, current_pin, pinned
from xianyu_desktop.core.notify.addresses import AddressPolicy, Approved, check_target

if TYPE_CHECKING:
    import apprise

MASK = "****"
_SPLIT = re.compile(r"[/:@?&=#,+]+")
_MARK = "_xianyu_pin"
_proxy_lock = threading.Lock()


class ChannelInvalid(ValueError):
    """Apprise cannot use the URL; the message shows it masked."""


class SendFailed(Exception):
    """A post did not go through; ``reason`` is safe to store and show (no URL, no token)."""

    def __init__(self, reason: str, *, retryable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.attempts = 1  # posts made before giving up (the Deliverer fills it in)


def scheme_of(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def mask_url(url: str) -> str:
    """``wecombot://****abcd``: the scheme and at most the last four characters, only when the URL ends
    in a part (the token, usually) long enough that they give nothing away."""
    scheme = scheme_of(url) or "?"
    rest = url.split("://", 1)[1] if "://" in url else url
    segments = [p for p in _SPLIT.split(rest) if p]
    tail = rest[-4:] if segments and len(segments[-1]) >= 12 and rest.endswith(segments[-1]) else ""
    return f"{scheme}://{MASK}{tail}"


def secret_parts(url: str) -> list[str]:
    """Every part of the URL that could be a token, longest first (for scrubbing a text of them)."""
    rest = url.split("://", 1)[1] if "://" in url else url
    parts = {url, rest, unquote(rest)}
    parts |= {p for p in _SPLIT.split(rest) if len(p) >= 4}
    parts |= {unquote(p) for p in _SPLIT.split(rest) if len(p) >= 4}
    return sorted(parts, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    for part in secret_parts(url):
        text = text.replace(part, MASK)
    return text


def _asset() -> apprise.AppriseAsset:
    import apprise

    return apprise.AppriseAsset(app_id="xianyu-desktop", app_desc="闲鱼桌面助手", async_mode=False)


def parse_url(url: str) -> Any:
    """The Apprise service for ``url``, or ChannelInvalid saying so with the URL masked."""
    url = url.strip()
    if not scheme_of(url):
        raise ChannelInvalid(f"通知地址 {mask_url(url)} 无效：应是 Apprise 格式的 URL，例如 wecombot://机器人key")
    import apprise

    plugin = apprise.Apprise.instantiate(url, asset=_asset(), suppress_exceptions=True)
    if plugin is None:
        raise ChannelInvalid(
            f"Apprise 无法识别通知地址 {mask_url(url)}：协议 {scheme_of(url)}:// 不受支持，或其中的 key/token 格式不对"
        )
    return plugin


def _reason(captured: str, url: str) -> str:
    lines = [line.split(" - ", 2)[-1].strip() for line in captured.splitlines() if line.strip()]
    text = "；".join(lines[-2:]) if lines else "服务没有接受这条消息"
    return scrub(text, url)[:300]


def post(url: str, title: str, body: str, policy: AddressPolicy) -> None:
    """One post, no retry. Raises SendFailed (an address refusal is not retryable: nothing was sent)."""
    try:
        plugin = parse_url(url)
    except ChannelInvalid as exc:
        raise SendFailed(str(exc), retryable=False) from None
    try:
        approved = check_target(plugin, policy)
    except Exception as exc:  # AddressRefused, or an odd resolver error
        raise SendFailed(str(exc), retryable=False) from None
    import apprise

    capture = apprise.LogCapture(level=logging.WARNING)  # type: ignore[no-untyped-call]
    with capture as captured, _pinned_to(approved) as pin:
        try:
            delivered, failure = bool(plugin.notify(body=body, title=title)), ""
        except Exception as exc:  # a plugin's own bug must not end the round; its text is scrubbed
            delivered, failure = False, f"{type(exc).__name__}: {exc}"
        if not delivered and not failure:
            failure = _reason(captured.getvalue(), url)
    if delivered:
        return
    if pin is not None and pin.refused and approved is not None:
        elsewhere = scrub("、".join(dict.fromkeys(pin.refused)), url)
        why = (
            f"已阻止：发往 {approved.origin.host} 的通知要连接未经检查的地址 {elsewhere}（例如重定向到别的主机）。"
            "请在通知地址里直接写最终的服务器主机名；Matrix 可加 ?discovery=no"
        )
        raise SendFailed(why[:300], retryable=False)
    raise SendFailed(scrub(failure, url)[:300])


def _pinned_to(approved: Approved | None) -> AbstractContextManager[Pin | None]:
    if approved is None:
        return nullcontext()
    _direct_while_pinned()
    # This computer is allowed origin by origin (host and port: addresses.py), so a loopback post may reach
    # no other port; a public or LAN host was checked by its addresses only (and may redirect http → https).
    port = approved.origin.port if any(address.is_loopback for address in approved.addresses) else None
    return pinned(approved.origin.host, approved.addresses, port=port)


def _direct_while_pinned() -> None:
    """requests sends through the environment's proxy (HTTPS_PROXY, Windows' system proxy), which would
    resolve the name again: on a pinned thread it goes direct. Should requests stop asking
    ``should_bypass_proxies``, the proxy's address is refused by the pin: the post fails, closed."""
    import requests.utils

    with _proxy_lock:
        original = requests.utils.should_bypass_proxies
        if getattr(original, _MARK, False):
            return

        def should_bypass_proxies(url: str, no_proxy: str | None) -> bool:
            return current_pin() is not None or original(url, no_proxy=no_proxy)

        setattr(should_bypass_proxies, _MARK, True)
        requests.utils.should_bypass_proxies = should_bypass_proxies
