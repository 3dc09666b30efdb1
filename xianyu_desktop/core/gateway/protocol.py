"""Reading gateway answers: success, no data, ``error_response`` and everything that is neither.

Pure functions of (HTTP status, headers, body), so they can be tested and fuzzed without a server.
Liberal in what they accept: a 200 carrying ``error_response`` is an error, a non-JSON body is a
protocol error, never a crash.

Whatever text of the answer a failure carries (``msg``, ``sub_msg``, ``sub_code``, ``request_id``, a
field's value the item data could not be read from) is the gateway's, and a gateway may echo the request:
``parse_item_response`` scrubs every failure it raises with the log's redaction (``core/net/redact.py``)
before anything stores, prints or shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.items.item import Item, ItemDataError, normalize_item
from xianyu_desktop.core.net.redact import scrub

METHOD = "xianyu.item.get"
VERSION = "v2"
RESPONSE_KEY = "item_get_response"
ERROR_KEY = "error_response"

# The item fields a caller may name in ``fields`` (PROTOCOL.md: the seed's raw fields), and the gateway's
# shorthand for all the seller's. A name outside these is refused for every item (code 41), so the client
# checks before the first call instead of learning it one call per item.
ITEM_FIELDS = (
    "item_id", "title", "pic_url", "item_imgs", "price", "original_price", "condition", "category", "params",
    "status", "sales", "logistics", "location", "valid_time", "guarantee", "seller_id", "seller_nick",
    "seller_avatar", "seller_level", "seller_score", "seller_location", "desc", "same_items", "trade_record",
)  # fmt: skip
FIELD_ALIASES = {"seller_info": tuple(f for f in ITEM_FIELDS if f.startswith("seller_"))}

# A ban longer than this is the daily quota, not the per-second frequency limit.
MAX_FREQUENCY_BAN = 60.0

_AUTH_CODES = frozenset({24, 25, 26, 27, 28, 29})
_BAD_REQUEST_CODES = frozenset({21, 22, 23, 30, 32, 33, 34, 40, 41})
_BAN_SECONDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:more\s+)?seconds?", re.IGNORECASE)

_CODE_MESSAGES = {
    7: "调用受限",
    11: "没有调用该接口或字段的权限",
    15: "网关远程服务出错",
    24: "缺少签名",
    25: "签名无效",
    28: "缺少 app_key",
    29: "app_key 无效",
    30: "缺少时间戳",
    31: "时间戳无效",
    40: "缺少必填参数",
    41: "参数无效",
}


def decode_json(body: bytes) -> Any:
    """JSON with decimals kept exact (prices must never pass through float)."""
    return json.loads(body.decode("utf-8"), parse_float=Decimal)


def server_clock_offset(headers: Mapping[str, str], local_now: float) -> float | None:
    """Seconds the gateway's clock is ahead of ours, from its Date header (1 s resolution)."""
    value = headers.get("date")
    if not value:
        return None
    try:
        server = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=dt.UTC)
    return server.timestamp() - local_now


def _retry_after_header(headers: Mapping[str, str]) -> float | None:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _as_text(value: Any, limit: int = 300) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text[:limit]


def _clock_message(offset: float | None) -> str:
    if offset is None:
        return "网关拒绝了请求的时间戳，电脑时间可能不准"
    direction = "慢" if offset > 0 else "快"
    return f"网关拒绝了请求的时间戳：电脑时间比网关{direction}约 {abs(offset):.0f} 秒"


def failure_from_error_response(
    error: Mapping[str, Any],
    *,
    http_status: int,
    headers: Mapping[str, str],
    local_now: float,
) -> GatewayFailure:
    code = _as_int(error.get("code"))
    sub_code = _as_text(error.get("sub_code"), 120)
    msg = _as_text(error.get("msg")) or ""
    sub_msg = _as_text(error.get("sub_msg")) or ""
    request_id = _as_text(error.get("request_id"), 80)
    detail = "；".join(p for p in (msg, sub_msg) if p)
    summary = _CODE_MESSAGES.get(code or -1, "网关返回错误")
    message = f"{summary}（代码 {code}{'，' + sub_code if sub_code else ''}）" + (f"：{detail}" if detail else "")

    def make(kind: ErrorKind, **extra: Any) -> GatewayFailure:
        return GatewayFailure(
            kind,
            message,
            code=code,
            sub_code=sub_code,
            http_status=http_status,
            request_id=request_id,
            **extra,
        )

    if code == 7:
        ban = _retry_after_header(headers)
        match = _BAN_SECONDS.search(sub_msg) or _BAN_SECONDS.search(msg)
        if match:
            ban = max(ban or 0.0, float(match.group(1)))
        if ban is not None and ban > MAX_FREQUENCY_BAN:
            return make(ErrorKind.QUOTA_EXHAUSTED, retry_after=ban)
        return make(ErrorKind.RATE_LIMITED, retry_after=ban if ban is not None else 1.0)
    if code == 31:
        offset = server_clock_offset(headers, local_now)
        return GatewayFailure(
            ErrorKind.CLOCK,
            _clock_message(offset) + f"（代码 31{'，' + sub_code if sub_code else ''}）",
            code=code,
            sub_code=sub_code,
            http_status=http_status,
            clock_offset=offset,
            request_id=request_id,
        )
    if code in _AUTH_CODES:
        return make(ErrorKind.AUTH)
    if code == 11:
        return make(ErrorKind.PERMISSION)
    if code in _BAD_REQUEST_CODES:
        return make(ErrorKind.BAD_REQUEST)
    if code == 15 or (sub_code or "").startswith("isp."):
        return make(ErrorKind.TIMEOUT if http_status == 504 else ErrorKind.SERVER)
    return make(_kind_for_status(http_status, default=ErrorKind.BAD_REQUEST))


def _kind_for_status(status: int, *, default: ErrorKind) -> ErrorKind:
    if status == 504:
        return ErrorKind.TIMEOUT
    if status >= 500:
        return ErrorKind.SERVER
    if status == 401:
        return ErrorKind.AUTH
    if status == 403:
        return ErrorKind.PERMISSION
    if status == 429:
        return ErrorKind.RATE_LIMITED
    if status >= 400:
        return ErrorKind.BAD_REQUEST
    return default


def redact_failure(failure: GatewayFailure, secrets: Iterable[str] = ()) -> GatewayFailure:
    """The failure with its texts scrubbed of signatures and secrets (``secrets``: the app secret, the
    request's signature: values the gateway could echo in any words)."""
    known = tuple(secrets)

    def clean(text: str | None) -> str | None:
        return None if text is None else scrub(text, known)

    return dataclasses.replace(
        failure,
        message=scrub(failure.message, known),
        sub_code=clean(failure.sub_code),
        request_id=clean(failure.request_id),
    )


def parse_item_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    item_id: str,
    *,
    local_now: float,
    secrets: Iterable[str] = (),
) -> tuple[Item, dict[str, Any]]:
    """The item and its raw dict, or a GatewayError of the right kind whose texts are scrubbed of
    signatures, ``app_secret`` parameters and the ``secrets`` given."""
    try:
        return _parse_item_response(status, headers, body, item_id, local_now=local_now)
    except GatewayError as exc:
        raise GatewayError(redact_failure(exc.failure, secrets)) from None


def read_answer(status: int, headers: Mapping[str, str], body: bytes, response_key: str, *, local_now: float) -> Any:
    """The envelope under ``response_key`` of any method's answer, or a GatewayError of the right kind:
    a body that is not JSON, an ``error_response`` (whatever the HTTP status), an HTTP error, a missing
    envelope. Not scrubbed: the caller's public parser scrubs every failure it raises."""
    try:
        document = decode_json(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # A proxy's 5xx page is the server's trouble; anything else that is not JSON (a 404 page, a
        # captive portal) means the URL does not lead to the gateway.
        kind = _kind_for_status(status, default=ErrorKind.PROTOCOL) if status >= 500 else ErrorKind.PROTOCOL
        raise GatewayError(
            GatewayFailure(kind, f"网关返回了非 JSON 内容（HTTP {status}，{len(body)} 字节）", http_status=status)
        ) from None

    if not isinstance(document, dict):
        raise GatewayError(GatewayFailure(ErrorKind.PROTOCOL, "网关响应不是 JSON 对象", http_status=status))

    error = document.get(ERROR_KEY)
    if error is not None:
        if not isinstance(error, dict):
            error = {"msg": _as_text(error)}
        raise GatewayError(failure_from_error_response(error, http_status=status, headers=headers, local_now=local_now))

    if status >= 400:
        kind = _kind_for_status(status, default=ErrorKind.PROTOCOL)
        raise GatewayError(GatewayFailure(kind, f"网关返回 HTTP {status}", http_status=status))

    if response_key not in document:
        raise GatewayError(GatewayFailure(ErrorKind.PROTOCOL, f"网关响应缺少 {response_key}", http_status=status))
    return document[response_key]


def _parse_item_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    item_id: str,
    *,
    local_now: float,
) -> tuple[Item, dict[str, Any]]:
    envelope = read_answer(status, headers, body, RESPONSE_KEY, local_now=local_now)
    raw = envelope.get("item") if isinstance(envelope, dict) else None
    if envelope in (None, "", {}) or raw in (None, "", {}, []):
        raise GatewayError(GatewayFailure(ErrorKind.NOT_FOUND, "网关没有返回该商品的数据", http_status=status))
    if not isinstance(envelope, dict) or not isinstance(raw, dict):
        raise GatewayError(GatewayFailure(ErrorKind.PROTOCOL, "商品数据格式不对", http_status=status))
    try:
        return normalize_item(raw, item_id), raw
    except ItemDataError as exc:
        raise GatewayError(GatewayFailure(ErrorKind.PROTOCOL, f"商品数据无法读取：{exc}", http_status=status)) from None
