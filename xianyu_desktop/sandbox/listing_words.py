"""What one listing says, drawn from a seeded random source: its parameters, title, description,
seller nickname and prices, rounded and written the way sellers and the loose real API write them.

Every draw comes from blake2b of its parts (``seeded_rng``, ``h64``), never from ``hash()``, which is
salted per process, so the same seed and id give the same words in every run.
"""

from __future__ import annotations

import html
import random
from decimal import Decimal
from hashlib import blake2b

from xianyu_desktop.sandbox.catalogue_data import (
    ACCESSORIES,
    ADJS,
    ANIMALS,
    BATTERY,
    CLOSINGS,
    COND_DESC,
    COND_WORD,
    FIXED_NICKS,
    HOSTILE,
    LOCATIONS,
    REASONS,
    SURNAMES,
    TITLE_EMOJI,
    TITLE_EXTRAS,
    TITLE_KEYS,
    TITLE_PREFIX,
    TITLE_SUFFIX,
    TRADE_WAYS,
    Product,
)

# Products whose first option is a ladder (storage, configuration): higher rungs cost more.
_TIERED = ("存储容量", "配置")


def digest(*parts: object, size: int = 8) -> bytes:
    return blake2b("\x1f".join(map(str, parts)).encode(), digest_size=size).digest()


def h64(*parts: object) -> int:
    return int.from_bytes(digest(*parts), "big")


def seeded_rng(*parts: object) -> random.Random:
    return random.Random(h64(*parts))


def cents_of(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def tidy_price(cents: int, u: float) -> int:
    """Round a price the way sellers do: whole yuan ending in 0 or 9 above 100, .5/.9 below."""
    if cents >= 10_000:
        y = (cents + 50) // 100
        if y >= 2000 and u < 0.25:
            y = (y + 50) // 100 * 100 - 1
        elif u < 0.6:
            y = (y + 5) // 10 * 10
        elif u < 0.85:
            y = (y + 5) // 10 * 10 - 1
        return y * 100
    d = (cents + 5) // 10
    if u < 0.4:
        d = (d + 5) // 10 * 10
    elif u < 0.7:
        d = (d + 5) // 10 * 10 - 1
    else:
        d = d // 10 * 10 + 5
    return max(100, d * 10)


def fixed_price(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def loose_price(cents: int, style: int) -> str | int:
    """Mostly "4299.00"; occasionally an int or a short "58.5", as the loose real API does."""
    if style < 90:
        return fixed_price(cents)
    if style < 95 and cents % 100 == 0:
        return cents // 100
    return format(Decimal(cents).scaleb(-2).normalize(), "f")


def tier(p: Product, params: dict[str, str]) -> int:
    """How far up the storage/configuration ladder this listing is (0 for untiered products)."""
    first = next(iter(p.opts))
    return p.opts[first].index(params[first]) if first in _TIERED else 0


def draw_params(p: Product, condition: str, rng: random.Random) -> dict[str, str]:
    params = {k: rng.choice(v) for k, v in p.opts.items()}
    new = condition == "new"
    if p.kind == "phone":
        if p.name.startswith("iPhone"):
            params["电池健康"] = f"{rng.randint(*BATTERY[condition])}%"
        repairs = ("无拆无修", "无拆无修", "换过电池", "屏幕维修过")
        params["维修情况"] = "无拆无修" if new else rng.choice(repairs)
    elif p.kind == "camera":
        params["快门数"] = f"{rng.randint(0, 60)}次" if new else f"{rng.randint(2, 80) * 500}次"
    elif p.kind == "laptop":
        params["电池循环"] = f"{rng.randint(0, 3) if new else rng.randint(8, 400)}次"
    elif p.kind == "bag":
        params["配件"] = rng.choice(("防尘袋", "防尘袋+小票", "全套包装", "无配件"))
    elif p.kind == "book":
        params["笔记情况"] = rng.choice(("无笔记", "少量笔记", "有划线"))
    elif p.kind == "bike":
        params["骑行里程"] = f"约{rng.randint(1, 60) * 100}公里"
    elif p.kind in ("appliance", "audio", "console"):
        params["使用时长"] = rng.choice(("一个月", "三个月", "半年", "一年", "两年"))
    return params


def draw_title(p: Product, params: dict[str, str], condition: str, rng: random.Random) -> str:
    parts = [rng.choice(TITLE_PREFIX)] if rng.random() < 0.6 else []
    parts.append(p.name)
    parts += [params[k] for k in TITLE_KEYS[p.kind] if k in params and rng.random() < 0.8]
    if "电池健康" in params and rng.random() < 0.7:
        parts.append("电池" + params["电池健康"])
    if rng.random() < 0.5:
        parts.append(COND_WORD[condition])
    if condition != "for_parts":
        parts += rng.sample(TITLE_EXTRAS[p.kind], rng.randint(0, 2))
    parts += rng.sample(TITLE_SUFFIX, rng.randint(0, 2))
    if rng.random() < 0.12:
        parts.append(rng.choice(TITLE_EMOJI))
    return " ".join(parts)


def draw_description(p: Product, params: dict[str, str], condition: str, rng: random.Random) -> str:
    esc = html.escape
    blocks = [
        f"<p>{esc(rng.choice(REASONS))}，{esc(p.name)} 出给有需要的朋友。</p>",
        f"<p>{esc(COND_DESC[condition])}</p>",
        "<ul>"
        f"<li>使用情况：{esc(COND_DESC[condition].split('，')[0])}</li>"
        f"<li>配件：{esc(rng.choice(ACCESSORIES))}</li>"
        f"<li>交易方式：{esc(rng.choice(TRADE_WAYS))}</li>"
        + "".join(f"<li>{esc(k)}：{esc(v)}</li>" for k, v in list(params.items())[:3])
        + "</ul>",
        f"<p>{esc(rng.choice(CLOSINGS))}</p>",
    ]
    if rng.random() < 0.05:
        for bad in rng.sample(HOSTILE, rng.randint(1, 3)):
            blocks.insert(rng.randint(0, len(blocks)), bad)
    return "".join(blocks)


def draw_nick(rng: random.Random) -> str:
    pick = rng.randrange(6)
    if pick == 0:
        return rng.choice(FIXED_NICKS)
    if pick == 1:
        return f"{rng.choice(LOCATIONS)[-2:]}老{rng.choice(SURNAMES)}的闲置"
    if pick == 2:
        return f"数码小{rng.choice(SURNAMES)}"
    if pick == 3:
        return rng.choice(ADJS) + rng.choice(ANIMALS)
    if pick == 4:
        return f"tb{rng.randint(10**6, 10**8 - 1)}_{rng.randint(2009, 2022)}"
    return f"闲鱼用户{rng.choice(SURNAMES)}{rng.randint(100, 9999)}"
