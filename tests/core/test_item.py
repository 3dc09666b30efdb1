import datetime as dt
from decimal import Decimal

import pytest

from xianyu_desktop.core.items.item import ItemDataError, normalize_item, parse_money
from xianyu_desktop.core.timeutil import BEIJING

RAW = {
    "item_id": "698765432109876543",
    "title": "自用 iPhone 14 Pro 256G 暗紫色",
    "pic_url": "http://127.0.0.1:1/img/item/698765432109876543/0.png",
    "item_imgs": ["http://127.0.0.1:1/a.png", "http://127.0.0.1:1/b.png"],
    "price": "4299.00",
    "original_price": "",
    "condition": "like_new",
    "category": "手机-苹果手机-iPhone 14",
    "params": {"存储容量": "256G", "电池健康": 87},
    "status": "onsale",
    "sales": 0,
    "logistics": "包邮",
    "location": "浙江杭州",
    "valid_time": 1735689600000,
    "guarantee": ["验货担保", "七天无理由"],
    "seller_id": 2200001,
    "seller_nick": "数码小王",
    "seller_level": "3心",
    "seller_score": "99.2",
    "desc": "<p>成色很好</p>",
}


def test_normalises_every_field():
    item = normalize_item(RAW, "698765432109876543")
    assert item.price == Decimal("4299.00")
    assert item.original_price is None
    assert (item.condition, item.condition_label) == ("like_new", "九成新")
    assert (item.status, item.status_label) == ("onsale", "在售")
    assert item.valid_time == dt.datetime(2025, 1, 1, 8, 0, tzinfo=BEIJING)
    assert item.valid_time.utcoffset() == dt.timedelta(hours=8)
    assert item.guarantee == ("验货担保", "七天无理由")
    assert item.seller_id == "2200001"
    assert item.seller_score == Decimal("99.2")
    assert item.params == {"存储容量": "256G", "电池健康": "87"}
    assert item.item_imgs == ("http://127.0.0.1:1/a.png", "http://127.0.0.1:1/b.png")


def test_json_dict_has_money_as_two_place_strings_and_labels():
    out = normalize_item({**RAW, "price": 58.5, "original_price": "99"}, RAW["item_id"]).to_json_dict()
    assert out["price"] == "58.50"
    assert out["original_price"] == "99.00"
    assert out["condition_label"] == "九成新"
    assert out["status_label"] == "在售"
    assert out["valid_time"] == "2025-01-01T08:00:00+08:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4299.00", "4299.00"),
        (4299, "4299.00"),
        (Decimal("0.1"), "0.10"),
        (0.1, "0.10"),
        ("¥1,234.5", "1234.50"),
    ],
)
def test_money_is_decimal_never_float_noise(value, expected):
    amount = parse_money(value, "price")
    assert isinstance(amount, Decimal)
    assert str(amount) == expected


@pytest.mark.parametrize("value", ["abc", "-1", "NaN", "Infinity", True, [1], {"a": 1}])
def test_unreadable_money_is_a_data_error(value):
    with pytest.raises(ItemDataError):
        parse_money(value, "price")


def test_unknown_codes_are_kept_and_labelled_unknown():
    item = normalize_item({**RAW, "condition": "for_parts", "status": "frozen"}, RAW["item_id"])
    assert (item.condition, item.condition_label) == ("for_parts", "未知")
    assert (item.status, item.status_label) == ("frozen", "未知")


def test_fields_left_out_are_none():
    item = normalize_item({"item_id": RAW["item_id"], "title": "x", "price": "1"}, RAW["item_id"])
    assert item.status is None and item.status_label is None and item.condition_label is None
    assert item.valid_time is None and item.sales is None


def test_item_of_another_id_is_refused():
    with pytest.raises(ItemDataError):
        normalize_item(RAW, "123456789012")


@pytest.mark.parametrize(
    "bad",
    [{"title": ["x"]}, {"sales": "many"}, {"valid_time": "yesterday"}, {"guarantee": [1]}, {"params": [1]}],
)
def test_wrong_types_are_data_errors(bad):
    with pytest.raises(ItemDataError):
        normalize_item({**RAW, **bad}, RAW["item_id"])


def test_formatted_valid_time_string_is_read_as_beijing_time():
    item = normalize_item({**RAW, "valid_time": "2025-01-01 08:00:00"}, RAW["item_id"])
    assert item.valid_time == dt.datetime(2025, 1, 1, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "address",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "/etc/passwd",
        "\\\\host\\share\\x.png",
        "///etc/passwd",
        "qrc:/x.png",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "ftp://host/x.png",
        "http:///x.png",
        "https://host/x y.png",
        "https://host/x\n.png",
        "https://host\\share/x.png",
    ],
)
def test_picture_addresses_other_than_http_are_refused_at_the_item_model(address):
    raw = {**RAW, "pic_url": address, "item_imgs": [address, "https://img.example.com/a.png"], "seller_avatar": address}
    item = normalize_item(raw, "698765432109876543")
    assert item.pic_url is None
    assert item.item_imgs == ("https://img.example.com/a.png",)
    assert item.seller_avatar is None


def test_protocol_relative_picture_addresses_are_read_as_https_never_as_a_share():
    raw = {**RAW, "pic_url": "//img.alicdn.com/bao/x.jpg", "item_imgs": ["//attacker.invalid/share/x.png"]}
    item = normalize_item(raw, "698765432109876543")
    assert item.pic_url == "https://img.alicdn.com/bao/x.jpg"
    assert item.item_imgs == ("https://attacker.invalid/share/x.png",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://img.alicdn.com/a/b.jpg", "https://img.alicdn.com/a/b.jpg"),
        ("HTTP://A.B:8080/x?y#z", "HTTP://A.B:8080/x?y#z"),
        ("//img.alicdn.com/x.jpg", "https://img.alicdn.com/x.jpg"),
        ("http://[::1]/x", "http://[::1]/x"),  # not the plain form: read by urlsplit, as before
        ("https://a.b/中文.png", "https://a.b/中文.png"),
        ("http:///x", None),
        ("https:/x", None),
        ("ftp://a/b", None),
        ("file:///etc/passwd", None),
        ("\\\\server\\share\\x.png", None),
        ("https://a.b/x y.png", None),
        ("https://a.b/x\x00.png", None),
    ],
)
def test_picture_addresses_the_fast_path_and_urlsplit_agree_on(value, expected):
    from xianyu_desktop.core.items.item import picture_url

    assert picture_url(value) == expected
