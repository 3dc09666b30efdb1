"""The checks the sandbox gateway makes on an item_get call, in the router's order, and its refusals.

Each check reads the call's parameters and either returns what it found or raises the ``Refusal`` the
TOP router sends (HTTP status, code, msg, sub_code, sub_msg): a call missing several things hears about
the first. A parameter that must be present is refused by the one table, ``_MISSING``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.gateway.protocol import METHOD, VERSION
from xianyu_desktop.core.gateway.signing import SIGN_PARAM, signature_matches

SANDBOX_SECRET = "sandbox-secret"
SANDBOX_APPS: Mapping[str, Tier] = {
    "sandbox-personal": Tier.PERSONAL,
    "sandbox-basic": Tier.BASIC,
    "sandbox-advanced": Tier.ADVANCED,
}
TIMESTAMP_WINDOW_S = 300.0
SEARCH_METHOD = "xianyu.item.search"  # PROTOCOL.md "item_search"; the sandbox names it itself
METHODS = (METHOD, SEARCH_METHOD)

STANDARD_FIELDS = (
    "item_id", "title", "pic_url", "item_imgs", "price", "original_price", "condition", "category", "params",
    "status", "sales", "logistics", "location", "valid_time", "guarantee", "seller_id", "seller_nick",
    "seller_avatar", "seller_level", "seller_score", "seller_location", "desc",
)  # fmt: skip
SELLER_FIELDS = [f for f in STANDARD_FIELDS if f.startswith("seller_")]
FIELD_ALIASES = {"seller_info": SELLER_FIELDS}
# Which fields beyond the standard ones each tier may ask for (seed: same_items 进阶, trade_record 企业).
EXTRA_FIELDS: Mapping[Tier, tuple[str, ...]] = {
    Tier.PERSONAL: (),
    Tier.BASIC: ("trade_record",),
    Tier.ADVANCED: ("trade_record", "same_items"),
}
ALL_FIELDS = frozenset([*STANDARD_FIELDS, "trade_record", "same_items"])
FIELD_TIER_LABEL = {"trade_record": "企业基础", "same_items": "企业高级"}

_ID = re.compile(r"[0-9]{10,19}")


class Refusal(Exception):
    def __init__(
        self,
        status: int,
        code: int,
        msg: str,
        sub_code: str = "",
        sub_msg: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(msg)
        self.status, self.code, self.msg = status, code, msg
        self.sub_code, self.sub_msg = sub_code, sub_msg
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "msg": self.msg}
        if self.sub_code:
            error["sub_code"] = self.sub_code
        if self.sub_msg:
            error["sub_msg"] = self.sub_msg
        error["request_id"] = uuid.uuid4().hex[:13]
        return {"error_response": error}


# A parameter the call must carry: the status, code, msg and sub_code of its absence.
_MISSING: Mapping[str, tuple[int, int, str, str]] = {
    "method": (400, 21, "Missing method", "isv.missing-parameter:method"),
    "app_key": (401, 28, "Missing app key", "isv.missing-parameter:app_key"),
    "timestamp": (401, 30, "Missing timestamp", "isv.missing-parameter:timestamp"),
    "version": (400, 32, "Missing version", "isv.missing-parameter:version"),
    SIGN_PARAM: (401, 24, "Missing signature", "isv.missing-parameter:sign"),
    "item_id": (400, 40, "Missing required arguments", "isv.missing-parameter:item_id"),
}


def required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value:
        raise Refusal(*_MISSING[name])
    return value


def check_method(params: Mapping[str, str]) -> str:
    method = required(params, "method")
    if method not in METHODS:
        raise Refusal(400, 22, "Invalid method", "isv.invalid-parameter:method", f"unknown method {method[:60]}")
    return method


def check_app(params: Mapping[str, str]) -> tuple[str, Tier]:
    """The app key and the tier it was issued for."""
    app_key = required(params, "app_key")
    tier = SANDBOX_APPS.get(app_key)
    if tier is None:
        raise Refusal(401, 29, "Invalid app key", "isv.appkey-not-exists")
    return app_key, tier


def check_timestamp(params: Mapping[str, str], now: float) -> None:
    timestamp = required(params, "timestamp")
    if not timestamp.isdigit():
        raise Refusal(
            401, 31, "Invalid timestamp", "isv.invalid-parameter:timestamp", "timestamp must be epoch milliseconds"
        )
    if abs(int(timestamp) / 1000 - now) > TIMESTAMP_WINDOW_S:
        raise Refusal(
            401,
            31,
            "Invalid timestamp",
            "isv.invalid-parameter:timestamp",
            "timestamp is more than 5 minutes away from the server time",
        )


def check_version(params: Mapping[str, str]) -> None:
    if required(params, "version") != VERSION:
        raise Refusal(400, 34, "Unsupported version", "isv.invalid-parameter:version", f"use {VERSION}")


def check_signature(params: Mapping[str, str]) -> str:
    """The signature, once it matches the parameters and the app secret."""
    signature = required(params, SIGN_PARAM)
    if not signature_matches(params, SANDBOX_SECRET, signature):
        raise Refusal(
            401,
            25,
            "Invalid signature",
            "isv.invalid-signature",
            "the signature does not match the parameters and the app secret",
        )
    return signature


def check_item_id(params: Mapping[str, str]) -> str:
    item_id = required(params, "item_id")
    if not _ID.fullmatch(item_id):
        raise Refusal(400, 41, "Invalid arguments", "isv.invalid-parameter:item_id", "item_id must be 10 to 19 digits")
    return item_id


def requested_fields(text: str | None, tier: Tier) -> list[str]:
    """The fields to answer with: the tier's own when none are asked for; an unknown or a denied one refused."""
    allowed = [*STANDARD_FIELDS, *EXTRA_FIELDS[tier]]
    if not text:
        return allowed
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip()
        if name:
            names.extend(FIELD_ALIASES.get(name, [name]))
    unknown = [n for n in names if n not in ALL_FIELDS]
    if unknown:
        raise Refusal(
            400,
            41,
            "Invalid arguments",
            "isv.invalid-parameter:fields",
            f"unknown field(s): {','.join(unknown[:5])}",
        )
    denied = [n for n in names if n not in allowed]
    if denied:
        need = "、".join(f"{n} 需要{FIELD_TIER_LABEL.get(n, '更高')}权限" for n in denied)
        raise Refusal(403, 11, "Insufficient isv permissions", "isv.permission-denied", f"字段 {need}")
    return ["item_id", *dict.fromkeys(n for n in names if n != "item_id")]


def limited(ban_seconds: int, detail: str) -> Refusal:
    """Code 7: a frequency or daily limit reached; the ban's length in Retry-After and in words."""
    return Refusal(
        403,
        7,
        "App Call Limited",
        "accesscontrol.limited-by-app-access-count",
        f"This ban will last for {ban_seconds} more seconds ({detail})",
        headers={"Retry-After": str(ban_seconds)},
    )
