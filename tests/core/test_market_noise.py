"""Noise classes: accessories, wanted posts and broken units, with the words that turn them around, and
every noise listing the sandbox makes for every product."""

from __future__ import annotations

import random

import pytest

from xianyu_desktop.core.market.noise import NoiseClass, classify_noise, noise_classes
from xianyu_desktop.sandbox.catalogue_data import CONDITIONS, PRODUCTS
from xianyu_desktop.sandbox.listing_words import draw_params, draw_title
from xianyu_desktop.sandbox.noise import ACCESSORY, BROKEN, WANTED, noisy_listing

A, W, B = NoiseClass.ACCESSORY, NoiseClass.WANTED, NoiseClass.BROKEN


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("全新未拆 送壳膜 iPhone 14 Pro", None),
        ("iPhone 14 Pro 256G 送钢化膜和手机壳", None),
        ("Coach Tabby 26 配件齐全 可验货", None),
        ("MacBook Air M2 送保护壳 电池循环少", None),
        ("iPhone 14 Pro 256G 电池87% 无拆无修", None),
        ("iPhone 外壳有划痕 功能正常", None),
        ("索尼 PS5 带两个手柄 送游戏卡", None),
        ("不是故障机 iPhone 14", None),
        ("iPhone 14 无任何维修 面容正常", None),
        ("小米 14 收到就用了一个月", None),
        ("Switch OLED 箱说全 包装盒都在", None),
        ("适用iPhone 14 Pro 手机壳 磁吸 透明", A),
        ("iPhone 14 Pro 钢化膜 2片装", A),
        ("iPhone 14 Pro 原装包装盒 空盒", A),
        ("AirPods Pro 2 原装充电盒 单卖", A),
        ("AirPods Pro 2 左耳 单只", A),
        ("LV Neverfull 防尘袋 原装", A),
        ("索尼 A7M3 原装电池", A),
        ("索尼 FE 24-70mm F2.8 GM UV镜 保护镜", A),
        ("iPhone 14 Pro 模型机 展示用", A),
        ("戴森 HD15 原装配件 吸嘴", A),
        ("求购 iPhone 14 Pro 256G", W),
        ("收 iPhone 14 Pro 成色好的来", W),
        ("高价回收 MacBook Air", W),
        ("求一台 Switch OLED", W),
        ("出租 PS5 日租30", W),
        ("Switch OLED 保护壳 收纳包", A),
        ("iPhone 14 Pro 故障机 不退不换", B),
        ("iPhone 14 Pro 摔过 屏幕碎 当配件", B),
        ("iPhone 14 主板坏 配件机", B),
        ("iPhone 13 进水 开不了机", B),
        ("iPhone 13 无法开机 有id锁", B),
        ("iPhone 14 Pro 屏幕维修过", B),
        ("三体全集 有水渍 缺页", B),
        ("LV 五金掉漆 有破损", B),
        ("捷安特 ATX 车架有裂纹", B),
    ],
)
def test_titles(title, expected):
    assert classify_noise(title) == expected


def test_a_for_parts_condition_is_broken_and_a_listing_can_be_two_kinds():
    assert classify_noise("iPhone 14 Pro 256G 瑕疵品", "for_parts") is B
    assert classify_noise("iPhone 14 Pro 256G 瑕疵品", "acceptable") is None
    assert noise_classes("收 Apple 原装 20W USB-C 充电头") == {A, W}


@pytest.mark.parametrize("product", PRODUCTS, ids=[p.name for p in PRODUCTS])
def test_every_noise_listing_the_sandbox_makes_is_classed_and_its_ordinary_listings_are_not(product):
    is_accessory = product.category.startswith("数码-配件")  # the charger: every listing of it is one
    for kind, expected in ((ACCESSORY, A), (WANTED, W), (BROKEN, B)):
        if kind == ACCESSORY and product.kind == "book":
            continue  # the sandbox sells no accessories of books
        for n in range(40):
            rng = random.Random(n)
            params = draw_params(product, "very_good", rng)
            title, _cents, condition = noisy_listing(kind, product, params, rng)
            assert expected in noise_classes(title, condition), title
    for n in range(150):
        rng = random.Random(n)
        condition = rng.choice([c for c, _ in CONDITIONS if c != "for_parts"])
        title = draw_title(product, draw_params(product, condition, rng), condition, rng)
        assert noise_classes(title, condition) == ({A} if is_accessory else set()), title
