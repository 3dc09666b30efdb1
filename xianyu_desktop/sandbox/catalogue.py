"""A deterministic, slowly drifting catalogue of second-hand listings for the sandbox gateway.

Every valid item id resolves to the same listing for a given seed, so tests and demos can rely on
it; the state then drifts per epoch (price drops and rises, sales, delistings) so a watchlist has
something to notice. Everything is derived from blake2b of (seed, id, …), never from ``hash()``,
which is salted per process.
"""

from __future__ import annotations

import html
import random
import re
import threading
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from hashlib import blake2b
from itertools import accumulate
from typing import Any, NamedTuple

EXAMPLE_ITEM_ID = "698765432109876543"

ONSALE, SOLDOUT, OFFLINE, GONE = "onsale", "soldout", "offline", "gone"

_ID_RE = re.compile(r"[0-9]{10,19}")
_DAY_MS = 86_400_000
_NO_DATA_PER_10K = 600
_BASE_CACHE_SIZE = 4096
_PEER_POOL_SIZE = 24
_TIERED = ("存储容量", "配置")


class _Product(NamedTuple):
    category: str
    name: str
    lo: str
    hi: str
    msrp: str
    kind: str
    weight: int
    opts: dict[str, tuple[str, ...]]


# fmt: off
_IPHONE_VER = ("国行", "国行", "国行", "港版", "美版")
_PRODUCTS: tuple[_Product, ...] = (
    _Product("手机-苹果手机-iPhone 13", "iPhone 13", "1800", "2900", "5999", "phone", 6,
             {"存储容量": ("128G", "256G", "512G"), "颜色": ("午夜色", "星光色", "粉色", "蓝色", "红色"),
              "版本": _IPHONE_VER, "型号": ("A2634",)}),
    _Product("手机-苹果手机-iPhone 14", "iPhone 14", "2600", "3800", "5999", "phone", 6,
             {"存储容量": ("128G", "256G", "512G"), "颜色": ("午夜色", "星光色", "紫色", "蓝色"),
              "版本": _IPHONE_VER, "型号": ("A2884",)}),
    _Product("手机-苹果手机-iPhone 14 Pro", "iPhone 14 Pro", "3900", "5600", "7999", "phone", 7,
             {"存储容量": ("128G", "256G", "512G"), "颜色": ("暗紫色", "深空黑色", "银色", "金色"),
              "版本": _IPHONE_VER, "型号": ("A2892",)}),
    _Product("手机-苹果手机-iPhone 15 Pro", "iPhone 15 Pro", "5200", "7200", "7999", "phone", 6,
             {"存储容量": ("128G", "256G", "512G", "1T"),
              "颜色": ("原色钛金属", "蓝色钛金属", "白色钛金属", "黑色钛金属"),
              "版本": _IPHONE_VER, "型号": ("A3104",)}),
    _Product("手机-华为手机-Mate 60 Pro", "华为 Mate 60 Pro", "3800", "5600", "6999", "phone", 5,
             {"存储容量": ("256G", "512G", "1T"), "颜色": ("雅川青", "白沙银", "南糯紫", "雅丹黑"),
              "版本": ("国行",), "型号": ("ALN-AL00",)}),
    _Product("手机-小米手机-小米 14", "小米 14", "2300", "3600", "3999", "phone", 4,
             {"存储容量": ("256G", "512G", "1T"), "颜色": ("黑色", "白色", "岩石青", "雪山粉"),
              "版本": ("国行",), "型号": ("23127PN0CC",)}),
    _Product("数码-相机-索尼 A7M3", "索尼 A7M3", "7000", "9500", "13999", "camera", 3,
             {"版本": ("国行", "港版", "日版"), "颜色": ("黑色",), "型号": ("ILCE-7M3",)}),
    _Product("数码-相机-富士 XT4", "富士 X-T4", "7500", "9800", "12999", "camera", 3,
             {"版本": ("国行", "港版", "日版"), "颜色": ("黑色", "银色"), "型号": ("X-T4",)}),
    _Product("数码-相机-佳能 EOS R6", "佳能 EOS R6", "8500", "11500", "15999", "camera", 2,
             {"版本": ("国行", "港版"), "颜色": ("黑色",), "型号": ("EOS R6",)}),
    _Product("数码-镜头-索尼 E卡口镜头", "索尼 FE 24-70mm F2.8 GM", "6500", "8500", "14999", "lens", 2,
             {"卡口": ("索尼E卡口",), "焦段": ("24-70mm",), "版本": ("国行", "港版")}),
    _Product("数码-镜头-适马镜头", "适马 35mm F1.4 DG DN Art", "3300", "4200", "6399", "lens", 1,
             {"卡口": ("索尼E卡口", "L卡口"), "焦段": ("35mm",), "版本": ("国行",)}),
    _Product("游戏-游戏机-Switch OLED", "任天堂 Switch OLED", "1400", "1900", "2599", "console", 5,
             {"版本": ("日版", "港版", "国行"), "颜色": ("白色", "红蓝"), "存储容量": ("64G",)}),
    _Product("游戏-游戏机-PS5", "索尼 PS5 光驱版", "2400", "3200", "3899", "console", 4,
             {"版本": ("国行", "港版", "日版"), "颜色": ("白色",), "存储容量": ("825G", "1T")}),
    _Product("游戏-游戏机-Steam Deck", "Steam Deck", "2300", "3300", "3999", "console", 3,
             {"存储容量": ("64G", "256G", "512G"), "版本": ("美版", "港版"), "颜色": ("黑色",)}),
    _Product("数码-耳机-AirPods Pro 2", "AirPods Pro 2", "900", "1400", "1899", "audio", 5,
             {"接口": ("USB-C", "Lightning"), "颜色": ("白色",), "版本": ("国行", "港版")}),
    _Product("数码-耳机-索尼 1000XM5", "索尼 WH-1000XM5", "1300", "1900", "2999", "audio", 3,
             {"颜色": ("黑色", "铂金银"), "版本": ("国行", "港版")}),
    _Product("电脑-笔记本-MacBook Air M2", "MacBook Air M2", "4800", "6800", "8999", "laptop", 4,
             {"配置": ("8G+256G", "8G+512G", "16G+512G"), "颜色": ("午夜色", "星光色", "深空灰色", "银色"),
              "版本": ("国行", "美版")}),
    _Product("电脑-平板-iPad Air 5", "iPad Air 5", "2600", "3600", "4399", "laptop", 4,
             {"存储容量": ("64G", "256G"), "颜色": ("深空灰色", "星光色", "粉色", "紫色", "蓝色"),
              "网络": ("WLAN", "WLAN", "蜂窝")}),
    _Product("箱包-女包-Coach", "Coach 蔻驰 Tabby 26", "900", "1800", "3950", "bag", 3,
             {"颜色": ("黑色", "粉色", "奶白色"), "尺寸": ("26cm",), "材质": ("牛皮",)}),
    _Product("箱包-女包-古驰 Marmont", "古驰 GG Marmont 小号链条包", "7500", "11000", "17900", "bag", 2,
             {"颜色": ("黑色", "红色", "粉色"), "尺寸": ("22cm",), "材质": ("绗缝牛皮",)}),
    _Product("箱包-女包-LV Neverfull", "LV Neverfull 中号托特包", "8500", "12000", "15500", "bag", 2,
             {"颜色": ("老花", "棋盘格"), "尺寸": ("MM 中号",), "材质": ("涂层帆布",)}),
    _Product("图书-小说-三体全集", "三体全集 刘慈欣 三册", "38", "75", "168", "book", 4,
             {"作者": ("刘慈欣",), "出版社": ("重庆出版社",), "版次": ("2008年版", "典藏版")}),
    _Product("图书-小说-百年孤独", "百年孤独 马尔克斯", "12", "28", "55", "book", 3,
             {"作者": ("加西亚·马尔克斯",), "出版社": ("南海出版公司",), "版次": ("2011年版", "精装版")}),
    _Product("图书-教辅-考研数学", "考研数学复习全书 李永乐", "15", "35", "99.8", "book", 3,
             {"作者": ("李永乐",), "出版社": ("中国农业出版社",), "版次": ("2024版", "2025版")}),
    _Product("运动户外-自行车-迪卡侬公路车", "迪卡侬 RC520 公路车", "3000", "4200", "5999", "bike", 2,
             {"车架尺寸": ("S", "M", "L"), "变速": ("105 22速",), "车架材质": ("铝合金",)}),
    _Product("运动户外-自行车-捷安特 ATX", "捷安特 ATX 山地车 27.5寸", "900", "1500", "2198", "bike", 2,
             {"车架尺寸": ("15.5寸", "17寸"), "变速": ("27速",), "车架材质": ("铝合金",)}),
    _Product("家用电器-个护-戴森吹风机", "戴森 Supersonic HD15 吹风机", "1500", "2300", "3199", "appliance",
             4,
             {"颜色": ("紫红色", "长春花蓝", "黑镍色"), "型号": ("HD15",)}),
    _Product("家用电器-清洁-扫地机器人", "小米扫拖机器人 X10", "800", "1500", "2999", "appliance", 3,
             {"颜色": ("白色",), "型号": ("B101CN",)}),
    _Product("数码-配件-充电器", "Apple 原装 20W USB-C 充电头", "39.9", "69", "149", "appliance", 2,
             {"颜色": ("白色",), "型号": ("A2305",)}),
)
_CUM_WEIGHTS = list(accumulate(p.weight for p in _PRODUCTS))
_EXAMPLE_PRODUCT = 2  # iPhone 14 Pro

_TITLE_KEYS = {
    "phone": ("存储容量", "颜色", "版本"), "camera": ("版本",), "lens": ("卡口",),
    "console": ("版本", "颜色"), "audio": ("版本",), "laptop": ("配置", "存储容量", "颜色"),
    "bag": ("颜色",), "book": ("版次",),
    "bike": ("车架尺寸",), "appliance": ("颜色",),
}
_TITLE_EXTRAS = {
    "phone": ("无拆无修", "面容正常", "原装原封", "送壳膜", "国行正品"),
    "camera": ("快门少", "箱说全", "送SD卡", "无进灰", "成色好"),
    "lens": ("无霉无雾", "箱说全", "送UV镜", "成色好"),
    "console": ("送游戏卡", "箱说全", "带两个手柄", "屏幕无划痕"),
    "audio": ("降噪正常", "原装正品", "送保护套"),
    "laptop": ("电池循环少", "无磕碰", "箱说全", "送保护壳"),
    "bag": ("专柜购入", "有小票", "配件齐全", "可验货"),
    "book": ("无笔记", "正版", "九五新", "考完出"),
    "bike": ("骑行不到500公里", "同城自提", "送锁和灯"),
    "appliance": ("功能正常", "箱说全", "送原装配件"),
}
_TITLE_PREFIX = ("自用", "个人自用", "出", "转让", "急出", "闲置", "低价出", "搬家出", "🔥", "✨")
_TITLE_SUFFIX = ("可小刀", "不议价", "同城可面交", "价格可谈", "诚心要的来", "先到先得", "包邮")
_TITLE_EMOJI = ("✨", "🔥", "🔥🔥", "💯", "❗")
_CONDITIONS = (("new", 10), ("like_new", 30), ("very_good", 30), ("good", 18), ("acceptable", 10),
               ("for_parts", 2))
_COND_CUM = list(accumulate(w for _, w in _CONDITIONS))
_COND_WORD = {"new": "全新未拆封", "like_new": "99新", "very_good": "九成新", "good": "八成新",
              "acceptable": "有使用痕迹", "for_parts": "瑕疵品"}
_COND_PRICE_PCT = {"new": 55, "like_new": 40, "very_good": 28, "good": 15, "acceptable": 0}
_BATTERY = {"new": (100, 100), "like_new": (94, 100), "very_good": (87, 96), "good": (81, 90),
            "acceptable": (74, 85), "for_parts": (70, 90)}
_COND_DESC = {
    "new": "全新未拆封，塑封完好，买来就没用过。",
    "like_new": "几乎全新，只开箱试用过几次，外观没有任何划痕。",
    "very_good": "外观九成新，边角有轻微使用痕迹，功能一切正常。",
    "good": "正常使用痕迹，细看有小划痕，不影响使用。",
    "acceptable": "用得比较久，外观磨损明显，功能正常，介意勿拍。",
    "for_parts": "有故障，当配件出，懂的来，不退不换。",
}
_REASONS = ("换新了", "买来用得少", "毕业清仓", "搬家带不走", "公司发的用不上", "入了新款", "放着吃灰")
_CLOSINGS = ("二手物品售出不退，介意勿拍。", "诚心要的直接拍，看到秒回。", "非诚勿扰，拒绝砍一半。",
             "可以视频验货，支持闲鱼验货担保。", "同城可以当面交易，外地走闲鱼。")
_ACCESSORIES = ("原装盒子和说明书", "只有机器本身", "原装充电线", "包装盒、发票都在", "送保护套")
_TRADE_WAYS = ("闲鱼担保交易，不走私下", "同城面交或顺丰包邮", "仅限同城自提", "发顺丰，到付")
_HOSTILE = ("<script>alert(1)</script>", '<img src="http://203.0.113.9/track.gif">',
            '<p onclick="alert(document.cookie)">点这里看更多实拍图</p>')
_LOCATIONS = ("浙江杭州", "广东深圳", "广东广州", "上海", "北京", "四川成都", "江苏南京", "江苏苏州",
              "湖北武汉", "重庆", "陕西西安", "湖南长沙", "福建厦门", "山东青岛", "天津", "河南郑州")
_LOGISTICS = ("包邮", "自提", "卖家包邮", "买家承担运费")
_GUARANTEES = ("验货担保", "七天无理由", "正品保障")
_FIXED_NICKS = ("数码小王", "爱折腾的猫", "杭州老李的闲置", "一只小鲸鱼", "阿伟不吃香菜", "早睡早起的鹅",
                "拾光杂货铺", "小陈数码", "半糖去冰", "深圳二手数码回收", "晴天的闲置屋", "北漂小刘")
_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林"
_ANIMALS = ("猫", "鱼", "兔子", "熊", "狐狸", "柴犬", "企鹅")
_ADJS = ("爱折腾的", "不想上班的", "快乐的", "佛系的", "熬夜的", "慢吞吞的")
_LEVEL_UNITS = ("心", "钻", "冠", "金冠")
# fmt: on


class _Base(NamedTuple):
    fields: dict[str, Any]
    cents0: int
    status0: str
    sold_ms0: int
    price_style: int
    records: tuple[tuple[int, int], ...]


class _State(NamedTuple):
    epoch: int
    status: str
    cents: int
    sold_ms: int


def _digest(*parts: object, size: int = 8) -> bytes:
    return blake2b("\x1f".join(map(str, parts)).encode(), digest_size=size).digest()


def _h64(*parts: object) -> int:
    return int.from_bytes(_digest(*parts), "big")


def _rng(*parts: object) -> random.Random:
    return random.Random(_h64(*parts))


def _cents(yuan: str) -> int:
    return int(Decimal(yuan) * 100)


def _tidy(cents: int, u: float) -> int:
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


def _fmt_fixed(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _fmt_price(cents: int, style: int) -> str | int:
    """Mostly "4299.00"; occasionally an int or a short "58.5", as the loose real API does."""
    if style < 90:
        return _fmt_fixed(cents)
    if style < 95 and cents % 100 == 0:
        return cents // 100
    return format(Decimal(cents).scaleb(-2).normalize(), "f")


def _product_index(seed: int, item_id: str) -> int:
    if item_id == EXAMPLE_ITEM_ID:
        return _EXAMPLE_PRODUCT
    return bisect_right(_CUM_WEIGHTS, _h64(seed, item_id, "product") % _CUM_WEIGHTS[-1])


def _no_data_at_start(seed: int, item_id: str) -> bool:
    return item_id != EXAMPLE_ITEM_ID and _h64(seed, item_id, "nodata") % 10_000 < _NO_DATA_PER_10K


def _status_at_start(seed: int, item_id: str) -> str:
    if item_id == EXAMPLE_ITEM_ID:
        return ONSALE
    u = _h64(seed, item_id, "status") % 100
    return ONSALE if u < 80 else SOLDOUT if u < 92 else OFFLINE


def _short_id(*parts: object) -> str:
    """A 12-13 digit id, the length real Xianyu ids have."""
    return str(10**11 + _h64(*parts) % (9 * 10**12 - 10**11))


def _tier(p: _Product, params: dict[str, str]) -> int:
    """How far up the storage/configuration ladder this listing is (0 for untiered products)."""
    first = next(iter(p.opts))
    return p.opts[first].index(params[first]) if first in _TIERED else 0


def _params(p: _Product, condition: str, rng: random.Random) -> dict[str, str]:
    params = {k: rng.choice(v) for k, v in p.opts.items()}
    new = condition == "new"
    if p.kind == "phone":
        if p.name.startswith("iPhone"):
            params["电池健康"] = f"{rng.randint(*_BATTERY[condition])}%"
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


def _title(p: _Product, params: dict[str, str], condition: str, rng: random.Random) -> str:
    parts = [rng.choice(_TITLE_PREFIX)] if rng.random() < 0.6 else []
    parts.append(p.name)
    parts += [params[k] for k in _TITLE_KEYS[p.kind] if k in params and rng.random() < 0.8]
    if "电池健康" in params and rng.random() < 0.7:
        parts.append("电池" + params["电池健康"])
    if rng.random() < 0.5:
        parts.append(_COND_WORD[condition])
    if condition != "for_parts":
        parts += rng.sample(_TITLE_EXTRAS[p.kind], rng.randint(0, 2))
    parts += rng.sample(_TITLE_SUFFIX, rng.randint(0, 2))
    if rng.random() < 0.12:
        parts.append(rng.choice(_TITLE_EMOJI))
    return " ".join(parts)


def _desc(p: _Product, params: dict[str, str], condition: str, rng: random.Random) -> str:
    esc = html.escape
    blocks = [
        f"<p>{esc(rng.choice(_REASONS))}，{esc(p.name)} 出给有需要的朋友。</p>",
        f"<p>{esc(_COND_DESC[condition])}</p>",
        "<ul>"
        f"<li>使用情况：{esc(_COND_DESC[condition].split('，')[0])}</li>"
        f"<li>配件：{esc(rng.choice(_ACCESSORIES))}</li>"
        f"<li>交易方式：{esc(rng.choice(_TRADE_WAYS))}</li>"
        + "".join(f"<li>{esc(k)}：{esc(v)}</li>" for k, v in list(params.items())[:3])
        + "</ul>",
        f"<p>{esc(rng.choice(_CLOSINGS))}</p>",
    ]
    if rng.random() < 0.05:
        for bad in rng.sample(_HOSTILE, rng.randint(1, 3)):
            blocks.insert(rng.randint(0, len(blocks)), bad)
    return "".join(blocks)


def _nick(rng: random.Random) -> str:
    pick = rng.randrange(6)
    if pick == 0:
        return rng.choice(_FIXED_NICKS)
    if pick == 1:
        return f"{rng.choice(_LOCATIONS)[-2:]}老{rng.choice(_SURNAMES)}的闲置"
    if pick == 2:
        return f"数码小{rng.choice(_SURNAMES)}"
    if pick == 3:
        return rng.choice(_ADJS) + rng.choice(_ANIMALS)
    if pick == 4:
        return f"tb{rng.randint(10**6, 10**8 - 1)}_{rng.randint(2009, 2022)}"
    return f"闲鱼用户{rng.choice(_SURNAMES)}{rng.randint(100, 9999)}"


class Catalogue:
    """The sandbox's item store. Thread-safe; all public methods may be called from any thread."""

    def __init__(
        self,
        seed: int = 0,
        *,
        speed: float = 1.0,
        start: float | None = None,
        clock: Callable[[], float] = time.time,
        epoch_seconds: float = 600.0,
    ) -> None:
        if speed < 0 or epoch_seconds <= 0:
            raise ValueError("speed must be >= 0 and epoch_seconds > 0")
        self._seed = seed
        self._speed = speed
        self._clock = clock
        self._epoch_seconds = epoch_seconds
        self._start = clock() if start is None else start
        self._start_ms = int(self._start * 1000)
        self._lock = threading.Lock()
        self._bases: OrderedDict[str, _Base | None] = OrderedDict()
        self._states: dict[str, _State] = {}
        self._sellers: dict[int, dict[str, str]] = {}
        self._pools: dict[int, list[str]] = {}
        self._peers: dict[str, dict[str, str]] = {}

    def epoch(self) -> int:
        elapsed = max(0.0, self._clock() - self._start)
        return int(elapsed * self._speed // self._epoch_seconds)

    def item(self, item_id: str, base_url: str) -> dict[str, Any] | None:
        """The raw item at the current epoch, or None for "no data". Raises ValueError on a bad id."""
        if not _ID_RE.fullmatch(item_id):
            raise ValueError("item_id must be 10-19 ASCII digits")
        k = self.epoch()
        with self._lock:
            base = self._base(item_id)
            if base is None:
                return None
            state = self._state(item_id, base, k)
        if state.status == GONE:
            return None
        out = dict(base.fields)
        img = f"{base_url}/img/item/{item_id}/"
        out["pic_url"] = img + "0.png"
        out["item_imgs"] = [f"{img}{n}.png" for n in range(out["item_imgs"])]
        out["params"] = dict(out["params"])
        out["guarantee"] = list(out["guarantee"])
        out["same_items"] = [dict(s) for s in out["same_items"]]
        out["seller_avatar"] = f"{base_url}/img/avatar/{out['seller_id']}.png"
        out["price"] = _fmt_price(state.cents, base.price_style)
        out["status"] = state.status
        out["sales"] = 1 if state.status == SOLDOUT else 0
        records = list(base.records)
        if state.status == SOLDOUT:
            records.append((state.sold_ms, state.cents))
        records.sort(reverse=True)
        out["trade_record"] = [{"time": t, "price": _fmt_fixed(c)} for t, c in records]
        return out

    def demo_ids(self, n: int = 40) -> list[str]:
        """The example id, then ids that exist at epoch 0, balanced over product kinds and statuses."""
        if n <= 0:
            return []
        kinds = sorted({p.kind for p in _PRODUCTS})
        kind_cap = -(-n // len(kinds)) + 1
        status_cap = {ONSALE: -(-n * 7 // 10), SOLDOUT: -(-n * 15 // 100), OFFLINE: -(-n * 15 // 100)}
        out = [EXAMPLE_ITEM_ID]
        seen = set(out)
        kind_count = {_PRODUCTS[_EXAMPLE_PRODUCT].kind: 1}
        status_count = {ONSALE: 1}
        j = 0
        while len(out) < n:
            cand = _short_id(self._seed, "demo", j)
            j += 1
            if cand in seen or _no_data_at_start(self._seed, cand):
                continue
            kind = _PRODUCTS[_product_index(self._seed, cand)].kind
            status = _status_at_start(self._seed, cand)
            strict = j < 50 * n
            if strict and (kind_count.get(kind, 0) >= kind_cap or status_count.get(status, 0) >= status_cap[status]):
                continue
            out.append(cand)
            seen.add(cand)
            kind_count[kind] = kind_count.get(kind, 0) + 1
            status_count[status] = status_count.get(status, 0) + 1
        return out

    # -- internals (called with the lock held) -------------------------------------------------

    def _base(self, item_id: str) -> _Base | None:
        if item_id in self._bases:
            self._bases.move_to_end(item_id)
            return self._bases[item_id]
        base = None if _no_data_at_start(self._seed, item_id) else self._build(item_id)
        self._bases[item_id] = base
        if len(self._bases) > _BASE_CACHE_SIZE:
            self._bases.popitem(last=False)
        return base

    def _core(self, item_id: str) -> tuple[int, str, dict[str, str], str, int]:
        """Product index, condition, params, title and epoch-0 price: what a same_items peer needs too."""
        seed = self._seed
        pi = _product_index(seed, item_id)
        p = _PRODUCTS[pi]
        rng = _rng(seed, item_id, "core")
        condition = _CONDITIONS[bisect_right(_COND_CUM, rng.randrange(_COND_CUM[-1]))][0]
        params = _params(p, condition, rng)
        lo, hi = _cents(p.lo), _cents(p.hi)
        if condition in _COND_PRICE_PCT:
            pct = min(105, _COND_PRICE_PCT[condition] + rng.randint(0, 35) + 12 * _tier(p, params))
            cents = lo + (hi - lo) * pct // 100
        else:
            cents = lo * rng.randint(30, 55) // 100
        cents = _tidy(cents, rng.random())
        title = _title(p, params, condition, rng)
        if item_id == EXAMPLE_ITEM_ID:
            condition, cents = "like_new", 429_900
            params.update(
                {
                    "存储容量": "256G",
                    "颜色": "暗紫色",
                    "版本": "国行",
                    "电池健康": "87%",
                    "维修情况": "无拆无修",
                }
            )
            title = "自用 iPhone 14 Pro 256G 暗紫色 国行 电池87% 无拆无修 可小刀"
        return pi, condition, params, title, cents

    def _seller(self, idx: int) -> dict[str, str]:
        seller = self._sellers.get(idx)
        if seller is None:
            rng = _rng(self._seed, "seller", idx)
            level = f"{rng.randint(1, 5)}{_LEVEL_UNITS[min(3, int(rng.random() ** 1.5 * 4))]}"
            seller = {
                "seller_id": str(2_200_000_000 + _h64(self._seed, "sid", idx) % 10**9),
                "seller_nick": _nick(rng),
                "seller_level": level,
                "seller_score": f"{rng.randint(950, 1000) / 10:.1f}",
                "seller_location": rng.choice(_LOCATIONS),
            }
            self._sellers[idx] = seller
        return seller

    def _build(self, item_id: str) -> _Base:
        seed = self._seed
        pi, condition, params, title, cents = self._core(item_id)
        p = _PRODUCTS[pi]
        rng = _rng(seed, item_id, "extra")
        seller = self._seller(rng.randrange(3000))
        msrp = _cents(p.msrp)
        if _tier(p, params):
            msrp = _tidy(msrp * (100 + 12 * _tier(p, params)) // 100, 0.0)
        valid_ms = self._start_ms - rng.randint(_DAY_MS, 180 * _DAY_MS)
        status0 = _status_at_start(seed, item_id)
        sold_ms0 = rng.randint(valid_ms, self._start_ms)
        guarantee = [g for g in _GUARANTEES if rng.random() < (0.7 if p.kind == "bag" else 0.4)]
        logistics = rng.choice(("自提", "自提", "买家承担运费") if p.kind == "bike" else _LOGISTICS)
        location = seller["seller_location"] if rng.random() < 0.85 else rng.choice(_LOCATIONS)
        pool = [x for x in self._peer_pool(pi) if x != item_id]
        same = [self._peer_info(peer) for peer in rng.sample(pool, rng.randint(2, 4))]
        records = tuple(
            (
                rng.randint(self._start_ms - 200 * _DAY_MS, self._start_ms),
                _tidy(rng.randint(_cents(p.lo), _cents(p.hi)), rng.random()),
            )
            for _ in range(rng.randint(0, 4))
        )
        fields: dict[str, Any] = {
            "item_id": item_id,
            "title": title,
            "pic_url": "",
            "item_imgs": rng.randint(2, 5),
            "price": "",
            "original_price": _fmt_fixed(msrp) if rng.random() < 0.7 else "",
            "condition": condition,
            "category": p.category,
            "params": params,
            "status": status0,
            "sales": 0,
            "logistics": logistics,
            "location": location,
            "valid_time": valid_ms,
            "guarantee": guarantee,
            "seller_id": seller["seller_id"],
            "seller_nick": seller["seller_nick"],
            "seller_avatar": "",
            "seller_level": seller["seller_level"],
            "seller_score": seller["seller_score"],
            "seller_location": seller["seller_location"],
            "desc": _desc(p, params, condition, rng),
            "same_items": same,
            "trade_record": [],
        }
        return _Base(fields, cents, status0, sold_ms0, _h64(seed, item_id, "style") % 100, records)

    def _peer_pool(self, pi: int) -> list[str]:
        """Ids of live listings of product ``pi`` to offer as same_items; scanned once per product."""
        pool = self._pools.get(pi)
        if pool is None:
            pool = []
            n = 0
            while len(pool) < _PEER_POOL_SIZE:
                cand = _short_id(self._seed, "pool", pi, n)
                n += 1
                if _product_index(self._seed, cand) == pi and not _no_data_at_start(self._seed, cand):
                    pool.append(cand)
            self._pools[pi] = pool
        return pool

    def _peer_info(self, peer: str) -> dict[str, str]:
        info = self._peers.get(peer)
        if info is None:
            _, _, _, title, cents = self._core(peer)
            nick = self._seller(_rng(self._seed, peer, "extra").randrange(3000))["seller_nick"]
            info = {"item_id": peer, "title": title, "price": _fmt_fixed(cents), "seller_nick": nick}
            self._peers[peer] = info
        return info

    def _state(self, item_id: str, base: _Base, k: int) -> _State:
        state = self._states.get(item_id)
        if state is None or state.epoch > k:
            state = _State(0, base.status0, base.cents0, base.sold_ms0)
        if state.epoch < k:
            state = self._advance(item_id, state, k)
            self._states[item_id] = state
        return state

    def _advance(self, item_id: str, state: _State, k: int) -> _State:
        _, status, cents, sold_ms = state
        e = state.epoch
        while e < k and status in (ONSALE, OFFLINE):
            e += 1
            d = _digest(self._seed, item_id, "e", e, size=12)
            u1, u2, u3 = (int.from_bytes(d[i : i + 4], "big") / 2**32 for i in (0, 4, 8))
            if status == OFFLINE:
                if u1 < 0.3:
                    status = ONSALE
            elif u1 < 0.005:
                status = GONE
            elif u1 < 0.035:
                status, sold_ms = SOLDOUT, self._epoch_ms(e)
            elif u1 < 0.055:
                status = OFFLINE
            elif u1 < 0.175:
                cents = self._move(cents, -(300 + int(u2 * 1701)), u3)
            elif u1 < 0.215:
                cents = self._move(cents, 200 + int(u2 * 601), u3)
        return _State(k, status, cents, sold_ms)

    @staticmethod
    def _move(cents: int, basis_points: int, u: float) -> int:
        new = _tidy(cents * (10_000 + basis_points) // 10_000, u)
        unit = 100 if cents >= 10_000 else 10
        if basis_points < 0 and new >= cents:
            new = cents - unit
        elif basis_points > 0 and new <= cents:
            new = cents + unit
        return new if new >= 100 else cents

    def _epoch_ms(self, e: int) -> int:
        if self._speed == 0:
            return self._start_ms
        return self._start_ms + int(e * self._epoch_seconds / self._speed * 1000)
