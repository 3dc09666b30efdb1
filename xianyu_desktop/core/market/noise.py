"""Which titles are not the product for sale (PROTOCOL.md's list, and what the real market adds): an
accessory sold under the product's name, a wanted post (buying, recycling, renting), a broken unit.

Words are read in the chunk they stand in (between spaces and punctuation), since what surrounds them in
that chunk turns them around:
  - an accessory word after a giving word (送, 赠, 带, 含, 附, 配, 加, 有) or before a completeness word
    (齐全, 都在, 全) is a gift with the product, not the thing sold: "全新未拆 送壳膜", "配件齐全";
  - a damage word after a denial (无, 没, 非, 不是, 未, 零) is a promise, not damage: "不是故障机",
    "无任何维修";
  - 配件 after 当/拆/做 or before 机 ("当配件", "配件机") is a broken unit, not an accessory;
  - 收 is a wanted post at the start of a chunk ("收 iPhone 14"), not in 收纳包 or 收到.
A listing whose condition is ``for_parts`` is broken whatever its title says.
"""

from __future__ import annotations

import enum
import re

from xianyu_desktop.core.market.normalize import normalize_title


class NoiseClass(enum.StrEnum):
    ACCESSORY = "accessory"
    WANTED = "wanted"
    BROKEN = "broken"


_CHUNKS = re.compile(r"[\s,，。;；、!！?？/|]+")
_ACCESSORY = re.compile(
    r"手机壳|保护壳|(?<![外后机贝金原])壳|保护套|硅胶套|手柄套|钢化膜|贴膜|(?<!薄)膜|数据线|充电线|充电器|充电头"
    r"|电源适配器|适配器|包装盒|空盒|盒子|礼盒|收纳包|收纳架|收纳盒|相机包|遮光罩|uv镜|保护镜|镜头盖|前后盖"
    r"|防尘袋|肩带|表带|车灯|车锁|锁踏|脚踏|吸嘴|耳帽|支架|模型机|(?<![当拆做])配件(?!机)"
    r"|(?<!换)(?<!换过)(?<!新换)电池(?![\d%健效循容寿换])"
)
_SOLD_ALONE = re.compile(r"单卖|单出|单独出|仅(?:卖|出)?(?:盒|壳|膜|充电盒|包装|机盒|耳机盒)|充电盒|左耳|右耳|单只")
_GIVING = re.compile(r"送|赠|带|含|附|配|加|有|和|及|\+")
_COMPLETE = re.compile(r"齐全|都在|都有|还在|全$|齐$|在$")
_WANTED = re.compile(
    r"求购|求收|求一|求个|求换|收购|回收|^(?:急|诚|高价)?收(?![纳藏到货据音费款银件口尾益])|出租|租赁|租用|求租|可租|日租"
)
_BROKEN = re.compile(
    r"故障|屏幕碎|碎屏|屏碎|(?<![好])坏|维修|配件机|当配件|拆配件|无法开机|开不了机|不开机|进水|泡过水|拆机|黑屏|花屏"
    r"|无法充电|不充电|缺页|水渍|破损|开裂|裂纹|id锁|不亮"
)
_DENIAL = re.compile(r"无|没|非|不是|未|零|并非")


def noise_classes(title: str, condition: str | None = None) -> frozenset[NoiseClass]:
    """Every kind of noise a listing is (a wanted post for a charger is both wanted and an accessory)."""
    chunks = [c for c in _CHUNKS.split(normalize_title(title)) if c]
    found: set[NoiseClass] = set()
    if any(_is_accessory(chunk) for chunk in chunks):
        found.add(NoiseClass.ACCESSORY)
    if any(_WANTED.search(chunk) for chunk in chunks):
        found.add(NoiseClass.WANTED)
    if condition == "for_parts" or any(_is_broken(chunk) for chunk in chunks):
        found.add(NoiseClass.BROKEN)
    return frozenset(found)


def classify_noise(title: str, condition: str | None = None) -> NoiseClass | None:
    """The first kind of noise a listing is, in the order the exclusion reasons take (accessory, wanted,
    broken), or None for the product itself."""
    return first_noise(noise_classes(title, condition))


def first_noise(classes: frozenset[NoiseClass]) -> NoiseClass | None:
    return next((c for c in NoiseClass if c in classes), None)


def _is_accessory(chunk: str) -> bool:
    if _SOLD_ALONE.search(chunk):
        return True
    for hit in _ACCESSORY.finditer(chunk):
        before, after = chunk[: hit.start()], chunk[hit.end() :]
        if not _GIVING.search(before) and not _COMPLETE.search(after):
            return True
    return False


def _is_broken(chunk: str) -> bool:
    return any(not _DENIAL.search(chunk[max(0, hit.start() - 4) : hit.start()]) for hit in _BROKEN.finditer(chunk))
