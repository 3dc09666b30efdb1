"""The normalised item record, built from the gateway's loose raw fields.

Money is Decimal, never float; codes are kept with their Chinese labels; unknown codes are
kept and labelled 未知.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from xianyu_desktop.core.items.money import CENT, money_text
from xianyu_desktop.core.items.status import UNKNOWN_LABEL, ItemStatus, status_label
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.timeutil import BEIJING

log = logging.getLogger(__name__)

CONDITION_LABELS = {
    "new": QT_TRANSLATE_NOOP("core", "全新"),
    "like_new": QT_TRANSLATE_NOOP("core", "九成新"),
    "very_good": QT_TRANSLATE_NOOP("core", "八成新"),
    "good": QT_TRANSLATE_NOOP("core", "七成新"),
    "acceptable": QT_TRANSLATE_NOOP("core", "六成新及以下"),
}


class ItemDataError(ValueError):
    """A raw item whose fields cannot be read (wrong type, a price that is not a number)."""


@dataclass(frozen=True, slots=True)
class Item:
    item_id: str
    title: str | None = None
    pic_url: str | None = None
    item_imgs: tuple[str, ...] = ()
    price: Decimal | None = None
    original_price: Decimal | None = None
    condition: str | None = None
    category: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    status: str | None = None  # the gateway's code, kept even when the program does not know it
    sales: int | None = None
    logistics: str | None = None
    location: str | None = None
    valid_time: dt.datetime | None = None
    guarantee: tuple[str, ...] = ()
    seller_id: str | None = None
    seller_nick: str | None = None
    seller_avatar: str | None = None
    seller_level: str | None = None
    seller_score: Decimal | None = None
    seller_location: str | None = None
    desc: str | None = None
    same_items: tuple[Mapping[str, Any], ...] = ()
    trade_record: tuple[Mapping[str, Any], ...] = ()

    @property
    def condition_label(self) -> str | None:
        return None if self.condition is None else CONDITION_LABELS.get(self.condition, UNKNOWN_LABEL)

    @property
    def known_status(self) -> ItemStatus | None:
        """The status, when the gateway sent one the program knows."""
        return ItemStatus.of(self.status)

    @property
    def status_label(self) -> str | None:
        return None if self.status is None else status_label(self.status)

    def to_json_dict(self) -> dict[str, Any]:
        """The CLI's output shape: seed field names, decimal strings for money, ISO times."""
        return {
            "item_id": self.item_id,
            "title": self.title,
            "pic_url": self.pic_url,
            "item_imgs": list(self.item_imgs),
            "price": money_text(self.price),
            "original_price": money_text(self.original_price),
            "condition": self.condition,
            "condition_label": self.condition_label,
            "category": self.category,
            "params": dict(self.params),
            "status": self.status,
            "status_label": self.status_label,
            "sales": self.sales,
            "logistics": self.logistics,
            "location": self.location,
            "valid_time": self.valid_time.isoformat() if self.valid_time else None,
            "guarantee": list(self.guarantee),
            "seller_id": self.seller_id,
            "seller_nick": self.seller_nick,
            "seller_avatar": self.seller_avatar,
            "seller_level": self.seller_level,
            "seller_score": None if self.seller_score is None else str(self.seller_score),
            "seller_location": self.seller_location,
            "desc": self.desc,
            "same_items": [_jsonable(dict(s)) for s in self.same_items],
            "trade_record": [_jsonable(dict(t)) for t in self.trade_record],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def parse_money(value: Any, name: str) -> Decimal | None:
    """Yuan as Decimal with two places; '' or None is absent. Floats go through str() so 0.1 stays 0.10."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ItemDataError(f"{name} 不是金额：{value!r}")
    if isinstance(value, Decimal | int | float | str):
        text = str(value).strip().lstrip("¥￥").replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ItemDataError(f"{name} 不是金额：{_short(value)}") from None
        if not amount.is_finite() or amount < 0:
            raise ItemDataError(f"{name} 不是有效金额：{_short(value)}")
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    raise ItemDataError(f"{name} 不是金额：{_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _opt_str(raw: Mapping[str, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    raise ItemDataError(f"{name} 应为文本，收到 {type(value).__name__}")


def _str_list(raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None or value == "":
        return ()
    if isinstance(value, str):  # some gateways send "验货担保,七天无理由"
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ItemDataError(f"{name} 应为文本列表")


_NOT_IN_A_PICTURE_URL = re.compile(r"[\x00-\x20\\\x7f]")  # control characters, spaces, backslashes
# The common case, answered without urlsplit (a cached item has several pictures, a lookup thousands):
# http(s), a plain host name or IPv4 address, an optional port, then a path.
_PLAIN_PICTURE_URL = re.compile(r"https?://[A-Za-z0-9.-]*[A-Za-z0-9](?::[0-9]{1,5})?(?:[/?#].*)?", re.ASCII | re.I)


def picture_url(value: str | None) -> str | None:
    """The picture address if it is one the app may fetch: absolute http(s) with a host, nothing else.

    A seller's item may name ``file:///etc/passwd``, a Windows share, ``qrc:`` or ``data:``; any of these
    reaching a widget that loads resources by itself reads the user's files or sends their credential
    hash to a share. Protocol-relative ``//host/path`` (common in Taobao data) is read as https, so it
    can never become a UNC path."""
    if not value:
        return None
    text = value.strip()
    if text.startswith("//") and not text.startswith("///"):
        text = "https:" + text
    if _NOT_IN_A_PICTURE_URL.search(text):
        return None
    if _PLAIN_PICTURE_URL.fullmatch(text):
        return text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # a malformed port or bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text


def _picture(raw: Mapping[str, Any], name: str) -> str | None:
    value = _opt_str(raw, name)
    url = picture_url(value)
    if value and url is None:
        log.warning("%s refused: not an http(s) picture address (%s)", name, _short(value))
    return url


def _pictures(raw: Mapping[str, Any]) -> tuple[str, ...]:
    urls = []
    for value in _str_list(raw, "item_imgs"):
        url = picture_url(value)
        if url is None:
            log.warning("item_imgs entry refused: not an http(s) picture address (%s)", _short(value))
        else:
            urls.append(url)
    return tuple(urls)


def _dict_list(raw: Mapping[str, Any], name: str) -> tuple[Mapping[str, Any], ...]:
    value = raw.get(name)
    if value is None or value == "":
        return ()
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return tuple(value)
    raise ItemDataError(f"{name} 应为对象列表")


def _opt_int(raw: Mapping[str, Any], name: str) -> int | None:
    value = raw.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ItemDataError(f"{name} 应为整数")
    try:
        return int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise ItemDataError(f"{name} 应为整数：{_short(value)}") from None


def _score(raw: Mapping[str, Any]) -> Decimal | None:
    value = raw.get("seller_score")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ItemDataError("seller_score 应为百分比")
    try:
        score = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        raise ItemDataError(f"seller_score 应为百分比：{_short(value)}") from None
    if not score.is_finite():
        raise ItemDataError("seller_score 应为百分比")
    return score


def _valid_time(raw: Mapping[str, Any]) -> dt.datetime | None:
    value = raw.get("valid_time")
    if value is None or value == "" or value == 0:
        return None
    if isinstance(value, str) and not value.strip().isdigit():
        try:  # the seed allows "时间戳 / 格式化字符串"
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ItemDataError(f"valid_time 不是时间：{_short(value)}") from None
        return parsed.replace(tzinfo=BEIJING) if parsed.tzinfo is None else parsed.astimezone(BEIJING)
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise ItemDataError("valid_time 不是时间")
    try:
        millis = int(Decimal(str(value)))
        return dt.datetime.fromtimestamp(millis / 1000, BEIJING)
    except (InvalidOperation, ValueError, OverflowError, OSError):
        raise ItemDataError(f"valid_time 不是时间：{_short(value)}") from None


def _params(raw: Mapping[str, Any]) -> Mapping[str, str]:
    value = raw.get("params")
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    raise ItemDataError("params 应为键值对")


def normalize_item(raw: Mapping[str, Any], requested_id: str) -> Item:
    """Build an Item from the raw ``item`` object; raises ItemDataError on unreadable fields."""
    if not isinstance(raw, Mapping):
        raise ItemDataError("item 不是对象")
    item_id = _opt_str(raw, "item_id") or requested_id
    if item_id != requested_id:
        raise ItemDataError(f"网关返回了另一个商品（{_short(item_id)}）")
    return Item(
        item_id=item_id,
        title=_opt_str(raw, "title"),
        pic_url=_picture(raw, "pic_url"),
        item_imgs=_pictures(raw),
        price=parse_money(raw.get("price"), "price"),
        original_price=parse_money(raw.get("original_price"), "original_price"),
        condition=_opt_str(raw, "condition") or None,
        category=_opt_str(raw, "category"),
        params=_params(raw),
        status=_opt_str(raw, "status") or None,
        sales=_opt_int(raw, "sales"),
        logistics=_opt_str(raw, "logistics"),
        location=_opt_str(raw, "location"),
        valid_time=_valid_time(raw),
        guarantee=_str_list(raw, "guarantee"),
        seller_id=_opt_str(raw, "seller_id"),
        seller_nick=_opt_str(raw, "seller_nick"),
        seller_avatar=_picture(raw, "seller_avatar"),
        seller_level=_opt_str(raw, "seller_level"),
        seller_score=_score(raw),
        seller_location=_opt_str(raw, "seller_location"),
        desc=_opt_str(raw, "desc"),
        same_items=_dict_list(raw, "same_items"),
        trade_record=_dict_list(raw, "trade_record"),
    )


def dedup_ids(ids: Sequence[str]) -> list[str]:
    """First-seen order, each once."""
    return list(dict.fromkeys(ids))
