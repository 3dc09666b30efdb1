"""One signed POST to the gateway, read within bounds, every transport failure typed and explained.

A real item answer is a few kilobytes; 2 MB is generous and still keeps a hostile or broken gateway
from filling memory (a 200 MB answer once took 1.4 GB). The call's overall deadline is the configured
timeout, so an answer that trickles forever ends like one that never starts. The description, the one
free-form field that can be large, is cut to 512 KB before anything caches or shows it.
"""

from __future__ import annotations

import dataclasses
import functools
import ssl
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import httpx

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.net.bounded import BoundedAnswer, Deadline, TooLarge, TooSlow, fetch_bounded, format_size

MAX_ANSWER_BYTES = 2 * 1024 * 1024
MAX_DESCRIPTION_BYTES = 512 * 1024
CONNECT_TIMEOUT = 5.0

# OpenSSL's X509_V_ERR_* codes a seller may meet, in plain words.
_CERT_REASONS = {
    18: "证书是自签名的，不受信任",
    19: "证书链中有自签名的证书，不受信任",
    10: "证书已过期",
    9: "证书尚未生效（也可能是电脑时间不准）",
    62: "证书与网关地址不符",
    64: "证书与网关地址不符",
    20: "无法确认证书的签发机构（系统中缺少对应的根证书）",
    21: "无法确认证书的签发机构（系统中缺少对应的根证书）",
    2: "无法确认证书的签发机构（系统中缺少对应的根证书）",
}


FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


@functools.lru_cache(maxsize=8)
def gateway_url(url: str) -> httpx.URL:
    """The gateway's URL parsed once (httpx parsed the same string again for every call)."""
    return httpx.URL(url)


def form_body(data: Mapping[str, str]) -> bytes:
    """The form-encoded body, byte for byte what httpx makes of ``data=`` (pairs in the mapping's order)."""
    return urlencode(list(data.items())).encode("utf-8")


WIRE_EVENTS = frozenset({"http11.send_request_body.complete", "http2.send_request_body.complete"})
CONNECT_EVENT = "connection.connect_tcp.complete"


def post_gateway(
    http: httpx.Client,
    config: GatewayConfig,
    data: Mapping[str, str],
    *,
    on_wire: Callable[[bool], None] | None = None,
) -> BoundedAnswer:
    """The gateway's answer, or GatewayError (timeout, network, certificate, too large). ``on_wire`` is
    called once the request is written to the connection (httpcore's trace), for the rate limiter, with
    whether the request opened that connection."""
    deadline = Deadline(config.timeout)
    opened = False

    def trace(event: str, info: Mapping[str, object]) -> None:
        nonlocal opened
        opened = opened or event == CONNECT_EVENT
        if on_wire is not None and event in WIRE_EVENTS:
            on_wire(opened)

    try:
        return fetch_bounded(
            http,
            "POST",
            gateway_url(config.gateway_url),
            content=form_body(data),
            headers=FORM_HEADERS,
            extensions={"trace": trace} if on_wire is not None else None,
            max_bytes=MAX_ANSWER_BYTES,
            deadline=deadline,
        )
    except TooLarge as exc:
        declared = f"（声明 {format_size(exc.declared)}）" if exc.declared is not None else ""
        raise GatewayError(
            GatewayFailure(
                ErrorKind.PROTOCOL,
                f"网关返回的数据过大{declared}，超过上限 {format_size(exc.limit)}",
                same_answer_again=True,
            )
        ) from None
    except TooSlow:
        raise GatewayError(
            GatewayFailure(ErrorKind.TIMEOUT, f"{config.timeout:g} 秒内没有收完网关的响应，已停止读取")
        ) from None
    except httpx.TimeoutException:
        raise GatewayError(GatewayFailure(ErrorKind.TIMEOUT, f"{config.timeout:g} 秒内没有收到网关响应")) from None
    except httpx.HTTPError as exc:
        raise GatewayError(transport_failure(exc, config.gateway_url)) from None


def certificate_problem(exc: BaseException) -> str | None:
    """What is wrong with the server's certificate, when that is why the connection failed."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for link in chain:
        if isinstance(link, ssl.SSLCertVerificationError):
            return _CERT_REASONS.get(link.verify_code, "证书无法验证")
    if any("CERTIFICATE_VERIFY_FAILED" in str(link) for link in chain):
        return "证书无法验证"
    return None


def transport_failure(exc: httpx.HTTPError, gateway_url: str) -> GatewayFailure:
    host = httpx.URL(gateway_url).host
    problem = certificate_problem(exc)
    if problem is not None:
        return GatewayFailure(ErrorKind.CERTIFICATE, f"网关 {host} 的 HTTPS 证书无法验证：{problem}")
    if isinstance(exc, httpx.ConnectError):
        return GatewayFailure(ErrorKind.NETWORK, f"无法连接到网关 {host}")
    if isinstance(exc, httpx.RemoteProtocolError):
        return GatewayFailure(ErrorKind.NETWORK, f"网关 {host} 中途断开了连接")
    return GatewayFailure(ErrorKind.NETWORK, f"与网关 {host} 通信失败（{type(exc).__name__}）")


def cap_text(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` of UTF-8, on a character boundary."""
    if len(text) * 4 <= max_bytes:
        return text
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", "ignore")


def cap_description(item: Item, raw: dict[str, Any]) -> tuple[Item, dict[str, Any]]:
    """The item and its raw dict with the description cut to MAX_DESCRIPTION_BYTES (before caching)."""
    desc = raw.get("desc")
    if isinstance(desc, str):
        capped = cap_text(desc, MAX_DESCRIPTION_BYTES)
        if capped is not desc:
            raw = {**raw, "desc": capped}
    if item.desc is not None:
        capped = cap_text(item.desc, MAX_DESCRIPTION_BYTES)
        if capped is not item.desc:
            item = dataclasses.replace(item, desc=capped)
    return item, raw
