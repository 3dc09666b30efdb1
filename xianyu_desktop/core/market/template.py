"""Title → product template: brand, model and the specs that set the price, read from a normalised title
against the vocabulary (vocabulary.py), and the same-product test of PROTOCOL.md.

The model is the longest vocabulary name found in the title (``iPhone 14 Pro Max`` over ``iPhone 14``);
the brand is the model's, or the first brand name found when no model is. Specs are read by the patterns
below and kept only when the model's vocabulary entry names them as price-setting (colour, region and
condition never are). ``8+256`` / ``8G+256G`` is RAM + storage; a lone capacity under 64 GB is RAM (4G/5G
alone are networks and ignored), from 64 GB up storage.

No segmenter: the vocabulary's names are matched as patterns that allow their parts glued or apart, which
reads ``iPhone14Pro256g`` as it is. jieba 0.42.1, measured on the test table (81 titles): 42 MB installed,
about 1 s to load its dictionary, and it leaves ``iphone14pro256g`` one token, so matching the vocabulary
over its tokens found 80 of 81 models where these patterns find 81.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from xianyu_desktop.core.market.normalize import normalize_title
from xianyu_desktop.core.market.vocabulary import Vocabulary

_PAIR = re.compile(r"(?<![\d.])(\d{1,2})g?\s*\+\s*(\d{1,4})(g|t)?(?![a-z\d])")
_CAPACITY = re.compile(r"(?<![\d.+])(\d{1,4})(g|t)(?![a-z\d])")
_SIZE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d)?)\s*(?:寸|英寸|inch|\")|(?<![\d.])(1[0-7]\.\d)(?![\d%])")
_CHIP = re.compile(r"(?<![a-z\d])m([1-4])(?:\s*(pro|max|ultra))?(?![a-z\d])")
_EDITION = ((re.compile(r"数字版|digital|无光驱"), "数字版"), (re.compile(r"光驱|disc|标准版"), "光驱版"))
_NETWORK = ((re.compile(r"蜂窝|插卡|cellular|lte|esim|(?<![\d.])5g(?![a-z\d])"), "蜂窝"),
            (re.compile(r"wlan|wi-?fi"), "WLAN"), (re.compile(r"(?<![a-z])gps(?![a-z])"), "GPS"))  # fmt: skip
_BAG_SIZE = re.compile(r"(?<![a-z\d])(nano|mini|bb|pm|mm|gm)(?![a-z\d])|(迷你|小号|中号|大号)")
_BAG_WORDS = {"迷你": "mini", "pm": "小号", "mm": "中号", "gm": "大号", "bb": "BB", "nano": "nano"}
_CASE_MM = re.compile(r"(?<![\d.])(38|40|41|42|44|45|46|49)\s*mm")
_WHEEL = re.compile(r"(?<![\d.])(20|24|26|27\.5|29)\s*(?:寸|英寸|er(?![a-z]))")
_YEAR = re.compile(r"(?<![\d.])(20[12]\d)(?:\s*[款版]|(?![\d年月.]))")
_GPU = re.compile(r"(?<![a-z\d])(?:rtx\s*)?([345]0[5-9]0)\s*(ti)?(?![\d])")


@dataclass(frozen=True, slots=True)
class Template:
    """What product a title names. ``model`` None: the vocabulary knows no model in it, so no listing can
    be shown to be the same product; ``query`` is then the title's own first words."""

    brand: str | None
    model: str | None
    specs: Mapping[str, str] = field(default_factory=dict)
    category: str | None = None
    query: str = ""
    new_price: Decimal | None = None

    def to_json_dict(self) -> dict[str, object]:
        return {"brand": self.brand, "model": self.model, "specs": dict(self.specs), "query": self.query}


def extract_template(title: str, vocabulary: Vocabulary) -> Template:
    text = normalize_title(title)
    entry = vocabulary.model_in(text)
    if entry is None:
        return Template(vocabulary.brand_in(text), None, {}, None, _fallback_query(text))
    specs = {key: value for key, value in read_specs(text).items() if key in entry.specs}
    query = " ".join([entry.query, *(specs[k] for k in ("chip",) if k in specs)])
    return Template(entry.brand, entry.model, specs, entry.category, query, entry.price_new(specs))


def _fallback_query(text: str) -> str:
    words = [w for w in text.split() if len(w) > 1][:3]
    return " ".join(words)[:60]


def read_specs(text: str) -> dict[str, str]:
    """Every spec the patterns find in a normalised title; the caller keeps the model's price-setting ones."""
    specs: dict[str, str] = {}
    pair = _PAIR.search(text)
    if pair and int(pair.group(1)) <= 32:
        specs["ram"] = f"{int(pair.group(1))}G"
        unit = pair.group(3) or ("t" if int(pair.group(2)) <= 8 else "g")
        specs["storage"] = _capacity(int(pair.group(2)), unit)
    for hit in _CAPACITY.finditer(text):
        value, unit = int(hit.group(1)), hit.group(2)
        gigabytes = value * 1024 if unit == "t" else value
        if unit == "g" and gigabytes < 6:
            continue  # 4G, 5G: the network
        key = "ram" if gigabytes < 64 else "storage"
        specs.setdefault(key, _capacity(value, unit))
    if size := _SIZE.search(text):
        specs["size"] = size.group(1) or size.group(2)
    if chip := _CHIP.search(text):
        specs["chip"] = f"M{chip.group(1)}" + (f" {chip.group(2).title()}" if chip.group(2) else "")
    for patterns, key in ((_EDITION, "edition"), (_NETWORK, "network")):
        for pattern, word in patterns:
            if pattern.search(text):
                specs[key] = word
                break
    if bag := _BAG_SIZE.search(text):
        word = bag.group(1) or bag.group(2)
        specs["bag_size"] = _BAG_WORDS.get(word, word)
    if case := _CASE_MM.search(text):
        specs["case_mm"] = f"{case.group(1)}mm"
    if wheel := _WHEEL.search(text):
        specs["wheel"] = wheel.group(1)
    if year := _YEAR.search(text):
        specs["year"] = year.group(1)
    if gpu := _GPU.search(text):
        specs["gpu"] = f"RTX {gpu.group(1)}" + (" Ti" if gpu.group(2) else "")
    return specs


def _capacity(value: int, unit: str) -> str:
    if unit == "g" and value >= 1024 and value % 1024 == 0:
        return f"{value // 1024}T"
    return f"{value}{unit.upper()}"


def same_product(a: Template, b: Template) -> bool:
    """PROTOCOL.md: same brand, model and price-setting specs. A spec only one title states is no
    difference (PROTOCOL names none; titles leave specs out all the time, and refusing them would drop
    most of a market); a spec both state must agree. No model known: never the same product."""
    if a.model is None or b.model is None or a.brand != b.brand or a.model != b.model:
        return False
    return all(b.specs[key] == value for key, value in a.specs.items() if key in b.specs)
