"""Title → product template: the extraction table (real-world title forms), same_product, the vocabulary
file and a user's file merged over it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from xianyu_desktop.core.market.template import Template, extract_template, same_product
from xianyu_desktop.core.market.vocabulary import VocabularyError, load_vocabulary
from xianyu_desktop.sandbox.catalogue_data import PRODUCTS

VOCABULARY = load_vocabulary()

# title → brand, model, price-setting specs
TABLE = [
    # phones
    ("自用 iPhone14Pro256g 国行 99新", "Apple", "iPhone 14 Pro", {"storage": "256G"}),
    ("iPhone 14 Pro Max 512GB 暗紫色", "Apple", "iPhone 14 Pro Max", {"storage": "512G"}),
    ("苹果14pro 1TB 暗紫色 可小刀", "Apple", "iPhone 14 Pro", {"storage": "1T"}),
    ("ｉＰｈｏｎｅ　１５　Ｐｒｏ　２５６ＧＢ", "Apple", "iPhone 15 Pro", {"storage": "256G"}),
    ("急出 iphone 13 128g 星光色 电池88%", "Apple", "iPhone 13", {"storage": "128G"}),
    ("🔥iPhone 15 Pro 1T 原色钛金属 港版🔥", "Apple", "iPhone 15 Pro", {"storage": "1T"}),
    ("苹果 15promax 256 G 美版", "Apple", "iPhone 15 Pro Max", {"storage": "256G"}),
    ("iPhone 14 256G 蓝色 无拆无修", "Apple", "iPhone 14", {"storage": "256G"}),
    ("【个人自用】iPhone 16 Pro 256GB 沙漠色", "Apple", "iPhone 16 Pro", {"storage": "256G"}),
    ("苹果12mini 64G 白色", "Apple", "iPhone 12 mini", {"storage": "64G"}),
    ("iPhone SE3 128G 红色", "Apple", "iPhone SE 3", {"storage": "128G"}),
    ("华为 Mate 60 Pro 12+512G 雅川青", "Huawei", "Mate 60 Pro", {"storage": "512G"}),
    ("HUAWEI mate60pro 1TB 白沙银", "Huawei", "Mate 60 Pro", {"storage": "1T"}),
    ("华为Mate60 Pro+ 16+512 砚黑", "Huawei", "Mate 60 Pro+", {"storage": "512G"}),
    ("华为 Pura70 Ultra 16G+512G", "Huawei", "Pura 70 Ultra", {"storage": "512G"}),
    ("小米 14 256G 岩石青", "Xiaomi", "小米 14", {"storage": "256G"}),
    ("Xiaomi 14 Ultra 16+512 黑色", "Xiaomi", "小米 14 Ultra", {"storage": "512G"}),
    ("红米K70 16+512 晴雪", "Xiaomi", "Redmi K70", {"storage": "512G"}),
    ("OPPO Find X7 Ultra 16+256", "OPPO", "OPPO Find X7 Ultra", {"storage": "256G"}),
    ("vivo X100 Pro 16+512G 落日橙", "vivo", "vivo X100 Pro", {"storage": "512G"}),
    ("三星 S24 Ultra 12+256 钛灰", "Samsung", "Galaxy S24 Ultra", {"storage": "256G"}),
    ("Samsung Galaxy Z Fold5 512G", "Samsung", "Galaxy Z Fold5", {"storage": "512G"}),
    ("荣耀90 5G 256G 冰川蓝", "Honor", "荣耀 90", {"storage": "256G"}),
    ("荣耀 Magic6 Pro 16+512", "Honor", "荣耀 Magic6 Pro", {"storage": "512G"}),
    # consoles
    ("任天堂 Switch OLED 日版 白色", "Nintendo", "Switch OLED", {}),
    ("NS oled 港版 红蓝 带两个手柄", "Nintendo", "Switch OLED", {}),
    ("switch lite 黄色 箱说全", "Nintendo", "Switch Lite", {}),
    ("Switch 续航版 日版 送游戏卡", "Nintendo", "Switch", {}),
    ("索尼 PS5 光驱版 国行", "Sony", "PS5", {"edition": "光驱版"}),
    ("PS5数字版 港版 单手柄", "Sony", "PS5", {"edition": "数字版"}),
    ("PS5 Slim 光驱版 1TB", "Sony", "PS5 Slim", {"edition": "光驱版"}),
    ("微软 Xbox Series X 国行", "Microsoft", "Xbox Series X", {}),
    ("Xbox Series S 512G 白色", "Microsoft", "Xbox Series S", {"storage": "512G"}),
    ("Steam Deck 512G 美版", "Valve", "Steam Deck", {"storage": "512G"}),
    ("steamdeck oled 1TB", "Valve", "Steam Deck OLED", {"storage": "1T"}),
    # cameras and lenses
    ("索尼 A7M3 单机 快门少", "Sony", "A7 III", {}),
    ("SONY a7iii 国行 箱说全", "Sony", "A7 III", {}),
    ("索尼A7M4 套机 28-70", "Sony", "A7 IV", {}),
    ("索尼 A7C2 银色", "Sony", "A7C II", {}),
    ("佳能 EOS R6 港版", "Canon", "EOS R6", {}),
    ("Canon R6 Mark II 单机", "Canon", "EOS R6 Mark II", {}),
    ("佳能R5 快门3000", "Canon", "EOS R5", {}),
    ("富士 X-T4 银色", "Fujifilm", "X-T4", {}),
    ("富士xt5 黑色 日版", "Fujifilm", "X-T5", {}),
    ("Fujifilm X100V 银色", "Fujifilm", "X100V", {}),
    ("尼康 Z6II 单机", "Nikon", "Z6 II", {}),
    ("Nikon Zfc 复古", "Nikon", "Z fc", {}),
    ("GoPro HERO12 Black 运动相机", "GoPro", "GoPro HERO12 Black", {}),
    ("大疆 Pocket3 全能套装", "DJI", "Osmo Pocket 3", {}),
    ("DJI Osmo Action 4 标准套装", "DJI", "Osmo Action 4", {}),
    ("索尼 FE 24-70mm F2.8 GM 国行", "Sony", "FE 24-70mm F2.8 GM", {}),
    ("适马 35mm F1.4 DG DN Art 索尼E卡口", "Sigma", "35mm F1.4 DG DN Art", {}),
    # laptops and tablets
    ("MacBook Air M2 8G+256G 午夜色", "Apple", "MacBook Air", {"chip": "M2", "ram": "8G", "storage": "256G"}),
    (
        "MacBook Pro 14寸 M3 Pro 18+512",
        "Apple",
        "MacBook Pro",
        {"chip": "M3 Pro", "ram": "18G", "storage": "512G", "size": "14"},
    ),
    ("macbookair m1 16g 512g 银色", "Apple", "MacBook Air", {"chip": "M1", "ram": "16G", "storage": "512G"}),
    (
        "苹果 MacBook Air 15寸 M3 24+1T",
        "Apple",
        "MacBook Air",
        {"chip": "M3", "ram": "24G", "storage": "1T", "size": "15"},
    ),
    (
        "拯救者Y9000P 2023 4060 16G 1T",
        "Lenovo",
        "拯救者 Y9000P",
        {"year": "2023", "gpu": "RTX 4060", "ram": "16G", "storage": "1T"},
    ),
    (
        "ThinkPad X1 Carbon 2022款 16+512",
        "Lenovo",
        "ThinkPad X1 Carbon",
        {"year": "2022", "ram": "16G", "storage": "512G"},
    ),
    ("iPad Air 5 64G 蜂窝", "Apple", "iPad Air 5", {"storage": "64G", "network": "蜂窝"}),
    (
        "ipad pro 12.9 m2 256g wifi",
        "Apple",
        "iPad Pro",
        {"size": "12.9", "chip": "M2", "storage": "256G", "network": "WLAN"},
    ),
    ("iPad mini6 64G WLAN 紫色", "Apple", "iPad mini 6", {"storage": "64G", "network": "WLAN"}),
    # earphones, watches
    ("AirPods Pro 2 USB-C 国行", "Apple", "AirPods Pro 2", {}),
    ("airpods pro二代 降噪正常", "Apple", "AirPods Pro 2", {}),
    ("AirPods 3 三代 原装", "Apple", "AirPods 3", {}),
    ("索尼 WH-1000XM5 铂金银", "Sony", "WH-1000XM5", {}),
    ("Apple Watch S9 45mm GPS 午夜色", "Apple", "Apple Watch Series 9", {"case_mm": "45mm", "network": "GPS"}),
    ("iWatch Ultra 2 钛金属", "Apple", "Apple Watch Ultra 2", {}),
    # bags
    ("Coach 蔻驰 Tabby 26 黑色 牛皮", "Coach", "Tabby 26", {}),
    ("古驰 GG Marmont 小号链条包 黑色", "Gucci", "GG Marmont", {"bag_size": "小号"}),
    ("LV Neverfull 中号托特包 老花", "Louis Vuitton", "Neverfull", {"bag_size": "中号"}),
    ("路易威登 neverfull MM 棋盘格", "Louis Vuitton", "Neverfull", {"bag_size": "中号"}),
    ("LV speedy25 老花 专柜购入", "Louis Vuitton", "Speedy 25", {}),
    ("香奈儿 CF 中号 黑金 羊皮", "Chanel", "Classic Flap", {"bag_size": "中号"}),
    ("爱马仕 Birkin 25 togo 金棕", "Hermès", "Birkin 25", {}),
    ("Dior 戴妃包 三格", "Dior", "Lady Dior", {}),
    # bikes, appliances, books
    ("迪卡侬 RC520 公路车 M码", "Decathlon", "Van Rysel RC520", {}),
    ("捷安特 ATX 山地车 27.5寸 17寸车架", "Giant", "ATX", {"wheel": "27.5"}),
    ("戴森 Supersonic HD15 吹风机 紫红色", "Dyson", "Supersonic HD15", {}),
    ("小米扫拖机器人 X10 白色", "Xiaomi", "小米扫拖机器人 X10", {}),
    ("Apple 原装 20W USB-C 充电头", "Apple", "Apple 20W USB-C 充电头", {}),
    ("三体全集 刘慈欣 三册 典藏版", "刘慈欣", "三体全集", {}),
]


@pytest.mark.parametrize(("title", "brand", "model", "specs"), TABLE, ids=[row[0] for row in TABLE])
def test_the_extraction_table(title, brand, model, specs):
    template = extract_template(title, VOCABULARY)
    assert (template.brand, template.model, dict(template.specs)) == (brand, model, specs)


def test_the_table_is_long_and_wide():
    assert len(TABLE) >= 60
    categories = {extract_template(t, VOCABULARY).category for t, *_ in TABLE}
    assert {"苹果手机", "游戏机", "相机", "笔记本电脑", "女包", "耳机", "智能手表", "自行车"} <= categories


def test_every_sandbox_product_is_recognised_and_the_vocabulary_goes_well_beyond():
    for product in PRODUCTS:
        template = extract_template(product.name, VOCABULARY)
        assert template.model is not None, product.name
        assert all(word.casefold() in product.name.casefold() for word in template.query.split()), product.name
    assert len(VOCABULARY.models) >= 5 * len(PRODUCTS)


def test_category_query_and_new_price_are_filled_from_the_vocabulary():
    template = extract_template("iPhone 14 256GB", VOCABULARY)
    assert (template.category, template.query, template.new_price) == ("苹果手机", "iPhone 14", Decimal("6899"))
    assert extract_template("MacBook Air M2 8+256", VOCABULARY).query == "MacBook Air M2"
    assert template.to_json_dict() == {
        "brand": "Apple",
        "model": "iPhone 14",
        "specs": {"storage": "256G"},
        "query": "iPhone 14",
    }


def test_an_unknown_title_keeps_its_brand_and_builds_its_query_from_its_words():
    template = extract_template("苹果 Vision Pro 头显 国行", VOCABULARY)
    assert (template.brand, template.model, template.query) == ("Apple", None, "苹果 vision pro")
    assert extract_template("手工编织 毛线帽", VOCABULARY).brand is None


def test_same_product_needs_the_same_model_and_agreeing_price_setting_specs():
    def t(title: str) -> Template:
        return extract_template(title, VOCABULARY)

    assert same_product(t("iPhone 14 Pro 256G"), t("苹果14Pro 256GB 国行"))
    assert not same_product(t("iPhone 14 Pro 256G"), t("iPhone 14 256G"))  # PROTOCOL's own examples
    assert not same_product(t("iPhone 14 Pro 256G"), t("iPhone 14 Pro 512G"))
    assert same_product(t("iPhone 14 Pro 256G"), t("iPhone 14 Pro 99新"))  # a spec one title leaves out
    assert same_product(t("iPhone 14 Pro 256G 紫色 港版"), t("iPhone 14 Pro 256G 金色 国行"))  # not price-setting
    assert not same_product(t("MacBook Air M1 8+256"), t("MacBook Air M2 8+256"))
    assert not same_product(t("PS5 光驱版"), t("PS5 数字版"))
    assert not same_product(t("索尼 PS5"), t("索尼 A7M3"))
    assert not same_product(t("一个没人知道的东西"), t("一个没人知道的东西"))  # no model, no proof


def test_a_users_file_adds_brands_and_models_and_replaces_a_builtin_model(tmp_path):
    extra = tmp_path / "market-vocabulary.json"
    extra.write_text(
        json.dumps(
            {
                "format": 1,
                "brands": {"Meizu": ["魅族", "meizu"], "Apple": ["果子"]},
                "models": [
                    {
                        "brand": "Meizu",
                        "model": "魅族 21",
                        "category": "魅族手机",
                        "specs": ["storage"],
                        "names": ["21"],
                    },
                    {"brand": "Apple", "model": "iPhone 14", "category": "二手苹果", "specs": ["storage"]},
                ],
            }
        ),
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(extra)
    assert extract_template("魅族21 12+256", vocabulary).model == "魅族 21"
    assert extract_template("果子 iPhone 14 128G", vocabulary).category == "二手苹果"
    assert extract_template("iPhone 14 Pro", vocabulary).model == "iPhone 14 Pro"  # the rest is still there
    assert load_vocabulary(tmp_path / "absent.json").models == VOCABULARY.models


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"format": 2}', "格式不对"),
        (
            '{"format": 1, "models": [{"brand": "Apple", "model": "X", "category": "c", "specs": ["colour"]}]}',
            "不认识的规格",
        ),
        ('{"format": 1, "models": [{"brand": "Nobody", "model": "X", "category": "c"}]}', "没有列出的品牌"),
        ('{"format": 1, "models": [{"brand": "Apple", "model": "", "category": "c"}]}', "model"),
        (
            '{"format": 1, "models": [{"brand": "Apple", "model": "X", "category": "c", "new_price": "abc"}]}',
            "new_price",
        ),
        (
            '{"format": 1, "models": [{"brand": "Apple", "model": "X", "category": "c", "colour": "red"}]}',
            "不认识的字段",
        ),
    ],
)
def test_a_bad_users_file_is_refused_in_plain_words(tmp_path, content, words):
    extra = tmp_path / "vocabulary.json"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(extra)
    assert words in str(raised.value) and "vocabulary.json" in str(raised.value)


def test_a_users_file_too_big_or_not_text_is_refused(tmp_path):
    big = tmp_path / "big.json"
    big.write_text(" " * 1_000_001, encoding="utf-8")
    with pytest.raises(VocabularyError, match="太大"):
        load_vocabulary(big)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(VocabularyError, match="UTF-8"):
        load_vocabulary(binary)
