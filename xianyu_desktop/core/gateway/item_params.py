"""item_get's own params: the field list a seller types (checked before any call) and the signed form body."""

from __future__ import annotations

import re

from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.protocol import FIELD_ALIASES, ITEM_FIELDS, METHOD, VERSION
from xianyu_desktop.core.gateway.signing import SIGN_PARAM, sign_params
from xianyu_desktop.core.items.item import dedup_ids

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_fields(text: str | None) -> str | None:
    """'title, price,,title' -> 'title,price'; None or blank -> None (all fields of the tier).
    Raises ValueError (one line naming the unknown fields and the known ones) before any call is made."""
    if text is None:
        return None
    names = dedup_ids([part.strip().lower() for part in text.split(",") if part.strip()])
    bad = [n for n in names if not _FIELD_NAME.match(n)]
    if bad:
        raise ValueError(f"字段名无效：{'、'.join(bad[:5])}（字段名由小写字母、数字和下划线组成，用逗号分隔）")
    unknown = [n for n in names if n not in ITEM_FIELDS and n not in FIELD_ALIASES]
    if unknown:
        known = ",".join([*ITEM_FIELDS, *FIELD_ALIASES])
        raise ValueError(f"未知字段：{'、'.join(unknown[:5])}（没有发出任何请求）。可用字段：{known}")
    return ",".join(names) or None


def signed_params(config: GatewayConfig, item_id: str, fields: str | None, now: float) -> dict[str, str]:
    """The form body of one item_get call, signed. Never logged: it holds the signature."""
    params = {
        "app_key": config.app_key,
        "method": METHOD,
        "timestamp": str(int(now * 1000)),
        "version": VERSION,
        "item_id": item_id,
    }
    if fields:
        params["fields"] = fields
    params[SIGN_PARAM] = sign_params(params, config.app_secret)
    return params
