"""Which candidate listings are the item's comparables, and why each other one is not (PROTOCOL.md,
"Same-item comparison"). Every excluded listing keeps ONE reason, the first that applies in this order:
``self``, ``blocked`` (a seller or listing the user blocked from all comparisons), ``manual`` (excluded by
hand here), ``accessory``, ``wanted``, ``broken``, ``other_product`` (another model or price-setting spec),
``bad_price`` (0 or 1 yuan, or no price), ``not_on_sale``, ``outlier``. A listing included by hand skips
the reasons from ``accessory`` on.

- Noise is excluded unless the item itself is that noise (PROTOCOL: "unless the item itself is one"): a
  phone case is compared with phone cases, and then the whole phones are ``other_product``; a wanted post
  for a charger is still ``wanted`` when the item is a charger (the noise the item is not comes first).
- ``not_on_sale``: a status other than ``onsale``, or none, on a listing; ``same_items`` rows carry no
  status (the gateway sends none) and ``trade_record`` rows are sales, so neither is held to it.
- ``outlier``: outside the Tukey fences Q1 − 1.5·IQR, Q3 + 1.5·IQR of what remains, quartiles by linear
  interpolation between order statistics (stats.quantile). Asking prices and sold prices are fenced
  apart: a sale is not an outlier among asks. Fewer than 4 prices: no fences.
- A listing seen twice (search and same_items) is one candidate: the first one given is kept.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xianyu_desktop.core.items.money import money_text
from xianyu_desktop.core.market.noise import NoiseClass, first_noise, noise_classes
from xianyu_desktop.core.market.stats import tukey_fences
from xianyu_desktop.core.market.template import Template, extract_template, same_product
from xianyu_desktop.core.market.vocabulary import Vocabulary
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP

LOWEST_REAL_PRICE = Decimal(1)  # 0 and 1 yuan are "私聊" bait, never a price


class Source(enum.StrEnum):
    SEARCH = "search"
    SAME_ITEMS = "same_items"
    TRADE_RECORD = "trade_record"

    @property
    def label(self) -> str:
        """In Chinese (the command line, exports); the window shows it through core_text."""
        return _SOURCE_LABELS[self]


class Reason(enum.StrEnum):
    SELF = "self"
    BLOCKED = "blocked"
    MANUAL = "manual"
    ACCESSORY = "accessory"
    WANTED = "wanted"
    BROKEN = "broken"
    OTHER_PRODUCT = "other_product"
    BAD_PRICE = "bad_price"
    NOT_ON_SALE = "not_on_sale"
    OUTLIER = "outlier"

    @property
    def label(self) -> str:
        """In Chinese (the command line, exports); the window shows it through core_text."""
        return _REASON_LABELS[self]


_SOURCE_LABELS = {
    Source.SEARCH: QT_TRANSLATE_NOOP("core", "搜索"),
    Source.SAME_ITEMS: QT_TRANSLATE_NOOP("core", "网关同款"),
    Source.TRADE_RECORD: QT_TRANSLATE_NOOP("core", "成交记录"),
}
_REASON_LABELS = {
    Reason.SELF: QT_TRANSLATE_NOOP("core", "商品本身"),
    Reason.BLOCKED: QT_TRANSLATE_NOOP("core", "已屏蔽"),
    Reason.MANUAL: QT_TRANSLATE_NOOP("core", "手动排除"),
    Reason.ACCESSORY: QT_TRANSLATE_NOOP("core", "配件"),
    Reason.WANTED: QT_TRANSLATE_NOOP("core", "求购/回收"),
    Reason.BROKEN: QT_TRANSLATE_NOOP("core", "故障/拆机"),
    Reason.OTHER_PRODUCT: QT_TRANSLATE_NOOP("core", "不是同款（型号或规格不同）"),
    Reason.BAD_PRICE: QT_TRANSLATE_NOOP("core", "价格无效（0 或 1 元）"),
    Reason.NOT_ON_SALE: QT_TRANSLATE_NOOP("core", "不在售"),
    Reason.OUTLIER: QT_TRANSLATE_NOOP("core", "价格离群"),
}


_NOISE_REASON = {
    NoiseClass.ACCESSORY: Reason.ACCESSORY,
    NoiseClass.WANTED: Reason.WANTED,
    NoiseClass.BROKEN: Reason.BROKEN,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A listing that may be a comparable (or the item itself): the summary fields the sources share."""

    item_id: str
    title: str
    price: Decimal | None
    condition: str | None = None
    seller_id: str | None = None
    seller_nick: str | None = None
    status: str | None = None
    source: Source = Source.SEARCH

    @property
    def seller(self) -> str | None:
        """Who sells it: the id when known, else the nickname (same_items rows carry only that)."""
        return self.seller_id or self.seller_nick

    def to_json_dict(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "title": self.title,
            "price": money_text(self.price),
            "condition": self.condition,
            "seller_nick": self.seller_nick,
            "source": self.source.value,
        }


@dataclass(frozen=True, slots=True)
class Overrides:
    """The user's word on listings: included or excluded by hand here, blocked from every comparison."""

    include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    blocked_listings: frozenset[str] = frozenset()
    blocked_sellers: frozenset[str] = frozenset()  # seller ids or nicknames


NO_OVERRIDES = Overrides()


@dataclass(frozen=True, slots=True)
class Excluded:
    candidate: Candidate
    reason: Reason

    def to_json_dict(self) -> dict[str, object]:
        c = self.candidate.to_json_dict()
        return {"item_id": c["item_id"], "title": c["title"], "price": c["price"], "reason": self.reason.value}


@dataclass(frozen=True, slots=True)
class Filtered:
    template: Template
    comparables: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...] = field(default=())


def filter_comparables(
    item: Candidate, candidates: Iterable[Candidate], vocabulary: Vocabulary, overrides: Overrides | None = None
) -> Filtered:
    overrides = overrides or NO_OVERRIDES
    template = extract_template(item.title, vocabulary)
    item_noise = noise_classes(item.title, item.condition)
    kept: list[Candidate] = []
    excluded: list[Excluded] = []
    seen: set[str] = set()
    for c in candidates:
        if c.source is not Source.TRADE_RECORD:
            if c.item_id in seen:
                continue
            seen.add(c.item_id)
        reason = _reason(item, template, item_noise, c, vocabulary, overrides)
        if reason is None:
            kept.append(c)
        else:
            excluded.append(Excluded(c, reason))
    fenced = _fence(kept, overrides.include)
    inside = {id(c) for c in fenced}
    outliers = [Excluded(c, Reason.OUTLIER) for c in kept if id(c) not in inside]
    return Filtered(template, tuple(fenced), tuple(excluded + outliers))


def _reason(
    item: Candidate,
    template: Template,
    item_noise: frozenset[NoiseClass],
    c: Candidate,
    vocabulary: Vocabulary,
    overrides: Overrides,
) -> Reason | None:
    if c.item_id == item.item_id and c.source is not Source.TRADE_RECORD:
        return Reason.SELF
    if c.item_id in overrides.blocked_listings or (c.seller_id or "") in overrides.blocked_sellers:
        return Reason.BLOCKED
    if (c.seller_nick or "") in overrides.blocked_sellers:
        return Reason.BLOCKED
    if c.item_id in overrides.exclude:
        return Reason.MANUAL
    if c.item_id in overrides.include:
        return Reason.BAD_PRICE if c.price is None else None
    noise = noise_classes(c.title, c.condition)
    own = first_noise(noise - item_noise)
    if own is not None:
        return _NOISE_REASON[own]
    if noise != item_noise or not same_product(template, extract_template(c.title, vocabulary)):
        return Reason.OTHER_PRODUCT
    if c.price is None or c.price <= LOWEST_REAL_PRICE:
        return Reason.BAD_PRICE
    if c.source is Source.SEARCH and c.status != "onsale":
        return Reason.NOT_ON_SALE
    if c.source is Source.SAME_ITEMS and c.status not in (None, "onsale"):
        return Reason.NOT_ON_SALE
    return None


def _fence(kept: Sequence[Candidate], forced: frozenset[str]) -> list[Candidate]:
    """The kept listings inside the Tukey fences of their group (asks, sales); hand-included ones stay."""
    inside: set[int] = set()
    for group in (
        [c for c in kept if c.source is not Source.TRADE_RECORD],
        [c for c in kept if c.source is Source.TRADE_RECORD],
    ):
        fences = tukey_fences([c.price for c in group if c.price is not None])
        for c in group:
            assert c.price is not None  # bad_price took the ones without
            if fences is None or fences[0] <= c.price <= fences[1] or c.item_id in forced:
                inside.add(id(c))
    return [c for c in kept if id(c) in inside]
