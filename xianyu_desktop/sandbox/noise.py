"""The posts a seller sees under a product's name that are not that product for sale at a fair price.

A search for "iPhone 14 Pro" on the real market finds cases, films and empty boxes, wanted posts (求购),
broken units (故障, 屏幕碎), 1-yuan "私聊" bait and absurd prices among the real listings. Which listing is
which is drawn from its id (``noise_class``), so item_get and item_search tell the same story about it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from xianyu_desktop.sandbox.catalogue_data import TITLE_PREFIX, Product
from xianyu_desktop.sandbox.listing_words import cents_of, h64, tidy_price

ACCESSORY, WANTED, BROKEN, BAIT, ABSURD = "accessory", "wanted", "broken", "bait", "absurd"

# Per thousand listings, in this order; the rest are ordinary listings.
_RATES_PER_MILLE = ((ACCESSORY, 60), (WANTED, 25), (BROKEN, 30), (BAIT, 15), (ABSURD, 10))

# fmt: off
# What is sold under a product's name, by kind: (title words, lowest and highest price in yuan).
_ACCESSORIES: Mapping[str, tuple[tuple[str, str, str], ...]] = {
    "phone": (("手机壳 磁吸 透明", "9.9", "59"), ("钢化膜 2片装", "5", "29"), ("原装包装盒 空盒", "15", "60"),
              ("原装数据线", "19", "49"), ("镜头膜", "5", "15")),
    "camera": (("原装电池", "120", "320"), ("相机包 单肩", "60", "180"), ("原装包装盒 说明书", "30", "90"),
               ("屏幕保护膜", "9.9", "29")),
    "lens": (("遮光罩 原装", "80", "260"), ("UV镜 保护镜", "60", "200"), ("镜头盖 前后盖", "15", "45")),
    "console": (("保护壳 收纳包", "29", "89"), ("钢化膜 屏幕膜", "9.9", "29"), ("原装包装盒 空盒", "30", "80"),
                ("手柄 硅胶套", "15", "39")),
    "audio": (("保护套 硅胶壳", "9.9", "39"), ("原装充电盒 单卖", "199", "399"), ("原装包装盒", "20", "50")),
    "laptop": (("保护壳 磨砂", "39", "99"), ("键盘膜", "9.9", "29"), ("原装充电器", "149", "299"),
               ("原装包装盒 空盒", "40", "100")),
    "bag": (("防尘袋 原装", "39", "120"), ("包装盒 礼盒", "60", "200"), ("肩带 单卖", "80", "260")),
    "bike": (("车灯 前后套装", "39", "129"), ("车锁", "29", "99"), ("脚踏 锁踏", "80", "260")),
    "appliance": (("收纳架", "29", "89"), ("原装配件 吸嘴", "49", "149"), ("包装盒", "20", "60")),
}
_BROKEN_WORDS = ("故障机", "屏幕碎", "摔过 屏幕碎 当配件", "进水 开不了机", "主板坏 配件机", "拆机件 坏的")
_DAMAGED_WORDS = {"book": ("缺页", "有水渍 缺页", "泡过水"), "bag": ("五金掉漆 有破损", "内衬开裂"),
                  "bike": ("车架有裂纹", "变速故障")}
_WANTED_WORDS = ("求购", "收", "高价回收", "求一台")
_BAIT_WORDS = ("私聊", "私聊价格", "详情私聊 1元不卖", "价格私聊 看描述")
# fmt: on


def noise_class(seed: int, item_id: str, p: Product) -> str | None:
    """Which kind of noise this listing is, or None for an ordinary listing. Books have no accessories."""
    u = h64(seed, item_id, "noise") % 1000
    for name, rate in _RATES_PER_MILLE:
        if u < rate:
            return None if name == ACCESSORY and p.kind not in _ACCESSORIES else name
        u -= rate
    return None


def noisy_listing(kind: str, p: Product, params: Mapping[str, str], rng: random.Random) -> tuple[str, int, str | None]:
    """The title, price (cents) and, when it changes, the condition of a noise listing of ``p``."""
    name = p.name
    first = next(iter(params.values()), "")
    lo, hi = cents_of(p.lo), cents_of(p.hi)
    if kind == ACCESSORY:
        words, low, high = rng.choice(_ACCESSORIES[p.kind])
        prefix = rng.choice(("", "适用", "原装", "全新")) if rng.random() < 0.6 else ""
        cents = tidy_price(rng.randint(cents_of(low), cents_of(high)), rng.random())
        return f"{prefix}{name} {words}".strip(), cents, "new" if rng.random() < 0.6 else None
    if kind == WANTED:
        title = f"{rng.choice(_WANTED_WORDS)} {name} {first} 成色好的来 价格好说"
        return title, tidy_price(lo * rng.randint(60, 90) // 100, rng.random()), None
    if kind == BROKEN:
        title = f"{name} {first} {rng.choice(_DAMAGED_WORDS.get(p.kind, _BROKEN_WORDS))} 不退不换"
        return title, tidy_price(lo * rng.randint(12, 40) // 100, rng.random()), "acceptable"
    if kind == BAIT:
        return f"{rng.choice(TITLE_PREFIX)} {name} {first} {rng.choice(_BAIT_WORDS)}", 100, None
    # An absurd price: a typo's extra digit, a "not for sale" 99999, or a price that is a phone number.
    title = f"{name} {first} 九成新 自用"
    cents = rng.choice((hi * 10, 9_999_900, 8_888_800, lo // 10))
    return title, tidy_price(max(100, cents), 0.9), None
