import json
from decimal import Decimal

import pytest

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.search import (
    Listing,
    SearchPage,
    SearchQuery,
    SearchQueryError,
    SearchSort,
    dedup_listings,
    parse_price,
    parse_search_response,
    signed_search_params,
)
from xianyu_desktop.core.gateway.signing import sign_params

VECTOR_SIGN = "8c7f1a3d9ea4f4ed19092d1f3e2d945e074c7d870ee1197df7fc5e78e3dec011"
VECTOR = {
    "app_key": "xianyu_123456",
    "method": "xianyu.item.search",
    "timestamp": "1735689600000",
    "version": "v2",
    "q": "iPhone 14 Pro 256G 国行",
    "page_no": "2",
    "page_size": "50",
    "sort": "price_asc",
    "start_price": "",
    "end_price": "5000",
}
NOW = 1_800_000_000.0
ID_A, ID_B, ID_C = "698765432109876543", "698765432109876544", "698765432109876545"


def test_protocol_vector_through_the_apps_signing():
    assert sign_params(VECTOR, "s3cr3t") == VECTOR_SIGN


def test_a_query_signs_to_the_protocol_vector():
    config = GatewayConfig("http://127.0.0.1:9/router/rest", "xianyu_123456", "s3cr3t")
    query = SearchQuery(
        "iPhone 14 Pro 256G 国行", page_no=2, page_size=50, sort=SearchSort.PRICE_ASC, end_price=Decimal(5000)
    )
    params = signed_search_params(config, query, 1_735_689_600.0)
    assert params.pop("sign") == VECTOR_SIGN
    assert params == {k: v for k, v in VECTOR.items() if v}


def test_private_params_drop_empty_values_and_write_prices_plainly():
    query = SearchQuery("  相机\u3000索尼 ", start_price=Decimal("0.00"), end_price=Decimal("4999.50"), location=" ")
    assert query.private_params() == {
        "q": "相机 索尼",
        "page_no": "1",
        "page_size": "20",
        "sort": "default",
        "start_price": "0",
        "end_price": "4999.5",
    }


def test_filters_and_fields_are_sent_and_item_id_is_always_asked_for():
    query = SearchQuery("switch", condition="like_new", location="浙江杭州", fields=("price", "Title", "price"))
    params = query.private_params()
    assert params["condition"] == "like_new"
    assert params["location"] == "浙江杭州"
    assert params["fields"] == "item_id,price,title"


def test_the_last_page_under_the_cap_is_allowed():
    assert SearchQuery("x", page_no=40, page_size=50).page_no == 40
    assert SearchQuery("x", page_no=2000, page_size=1).page_no == 2000
    assert SearchQuery("x", page_size=50).last_page_allowed == 40
    assert SearchQuery("x", page_size=50).page(3).page_no == 3


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"q": ""}, "关键词"),
        ({"q": " \u3000\t"}, "关键词"),
        ({"q": "字" * 61}, "60"),
        ({"page_size": 0}, "1–50"),
        ({"page_size": 51}, "1–50"),
        ({"page_no": 0}, "页码"),
        ({"page_no": -1}, "页码"),
        ({"page_no": 41, "page_size": 50}, "2000"),
        ({"page_no": 2001, "page_size": 1}, "2000"),
        ({"sort": "cheapest"}, "排序"),
        ({"start_price": Decimal(-1)}, "最低价"),
        ({"end_price": Decimal("NaN")}, "最高价"),
        ({"end_price": Decimal("Infinity")}, "最高价"),
        ({"end_price": Decimal("1.005")}, "两位小数"),
        ({"end_price": Decimal("100000000.01")}, "最高价"),
        ({"start_price": Decimal(500), "end_price": Decimal(100)}, "高于"),
        ({"condition": "mint"}, "成色"),
        ({"location": "省" * 31}, "所在地"),
        ({"fields": ("title", "desc")}, "desc"),
    ],
)
def test_refusals_are_plain_config_errors(kwargs, words):
    with pytest.raises(SearchQueryError) as info:
        SearchQuery(**{"q": "iPhone", **kwargs})
    assert isinstance(info.value, ConfigError)
    assert words in str(info.value)
    assert "Traceback" not in str(info.value)


def test_sixty_characters_are_allowed():
    assert SearchQuery("字" * 60).q == "字" * 60


def test_seller_typed_sort_and_prices():
    assert SearchSort.parse(" Price_Desc ") is SearchSort.PRICE_DESC
    with pytest.raises(SearchQueryError, match="排序"):
        SearchSort.parse("cheap")
    assert parse_price("¥4,999.50", "最高价") == Decimal("4999.50")
    assert parse_price("  ", "最高价") is None
    with pytest.raises(SearchQueryError, match="最低价不是金额"):
        parse_price("五千", "最低价")


def answer(envelope, status=200):
    return status, json.dumps({"item_search_response": envelope}, ensure_ascii=False).encode()


def parse(status, body, query=None, **kw):
    return parse_search_response(status, {}, body, query or SearchQuery("iPhone"), local_now=NOW, **kw)


def raw(item_id, **fields):
    return {"item_id": item_id, **fields}


def test_a_full_answer():
    status, body = answer(
        {
            "total_results": 137,
            "page_no": 1,
            "page_size": 20,
            "items": {
                "item": [
                    {
                        "item_id": ID_A,
                        "title": "iPhone 14 Pro 256G",
                        "price": "3899.00",
                        "pic_url": "//img.alicdn.com/a.jpg",
                        "condition": "like_new",
                        "location": "浙江杭州",
                        "valid_time": 1735689600000,
                        "seller_id": "2200",
                        "seller_nick": "小王",
                        "status": "onsale",
                    },
                    raw(ID_B, price=4100.5, condition="refurb"),
                ]
            },
        }
    )
    page = parse(status, body)
    assert (page.total_results, page.page_no, page.page_size) == (137, 1, 20)
    first, second = page.listings
    assert first.price == Decimal("3899.00")
    assert first.pic_url == "https://img.alicdn.com/a.jpg"
    assert first.condition_label == "九成新"
    assert first.valid_time is not None and first.valid_time.year == 2025
    assert first.to_json_dict()["price"] == "3899.00"
    assert first.to_json_dict()["valid_time"] == "2025-01-01T08:00:00+08:00"
    assert second.price == Decimal("4100.50")
    assert second.condition_label == "未知"
    assert page.has_more
    assert page.unreadable == ()


def test_prices_in_json_numbers_never_pass_through_float():
    body = b'{"item_search_response": {"total_results": 1, "items": {"item": [{"item_id": "%s", "price": 0.1}]}}}'
    page = parse(200, body % ID_A.encode())
    assert str(page.listings[0].price) == "0.10"


@pytest.mark.parametrize(
    "envelope",
    [
        {"total_results": 0},
        {"total_results": 0, "items": {}},
        {"total_results": "0", "items": {"item": []}},
        {"total_results": 0, "items": ""},
        {},
    ],
)
def test_an_empty_answer(envelope):
    page = parse(*answer(envelope))
    assert page == SearchPage(0, 1, 20, ())
    assert not page.has_more


def test_a_page_past_the_last_is_empty_and_the_end():
    page = parse(*answer({"total_results": 45, "page_no": 4, "page_size": 20, "items": {"item": []}}),
                 SearchQuery("iPhone", page_no=4))  # fmt: skip
    assert page.listings == ()
    assert not page.has_more


def test_the_last_page_has_no_more():
    listings = [raw(str(int(ID_A) + n)) for n in range(5)]
    page = parse(*answer({"total_results": 45, "page_no": 3, "items": {"item": listings}}), SearchQuery("x", page_no=3))
    assert len(page.listings) == 5
    assert not page.has_more


def test_the_2000_cap_ends_paging_whatever_the_total():
    listings = [raw(str(int(ID_A) + n)) for n in range(50)]
    query = SearchQuery("x", page_no=40, page_size=50)
    page = parse(*answer({"total_results": 9000, "page_no": 40, "items": {"item": listings}}), query)
    assert not page.has_more


def test_one_listing_where_a_list_was_meant_and_a_bare_list():
    assert parse(*answer({"total_results": 1, "items": {"item": raw(ID_A)}})).listings[0].item_id == ID_A
    assert parse(*answer({"total_results": 1, "items": [raw(ID_A)]})).listings[0].item_id == ID_A


def test_unreadable_listings_are_counted_with_reasons_and_the_rest_kept():
    items = [raw(ID_A, price="abc"), raw("12", title="short id"), "junk", raw(ID_B, title="好的")]
    page = parse(*answer({"total_results": 4, "items": {"item": items}}))
    assert [listing.item_id for listing in page.listings] == [ID_B]
    assert page.unreadable_count == 3
    assert page.unreadable[0].startswith("第 1 条：price 不是金额")
    assert "商品 ID 无效" in page.unreadable[1]


def test_unreadable_reasons_are_scrubbed():
    page = parse(
        *answer({"total_results": 1, "items": {"item": [raw(ID_A, price="s3cr3tkey")]}}), secrets=["s3cr3tkey"]
    )
    assert "s3cr3tkey" not in page.unreadable[0]


def failure(status, body, **kw):
    with pytest.raises(GatewayError) as info:
        parse(status, body, **kw)
    return info.value.failure


def test_error_response_goes_through_the_item_get_error_path():
    body = json.dumps(
        {"error_response": {"code": 41, "msg": "Invalid arguments", "sub_code": "isv.invalid-parameter:page_no"}}
    ).encode()
    got = failure(400, body)
    assert got.kind is ErrorKind.BAD_REQUEST
    assert got.code == 41
    assert got.sub_code == "isv.invalid-parameter:page_no"


def test_error_response_on_200_and_the_quota():
    body = json.dumps(
        {
            "error_response": {
                "code": 7,
                "msg": "App Call Limited",
                "sub_msg": "This ban will last for 3600 more seconds",
            }
        }
    ).encode()
    assert failure(200, body).kind is ErrorKind.QUOTA_EXHAUSTED


def test_error_texts_are_scrubbed():
    body = json.dumps({"error_response": {"code": 25, "msg": "bad sign=" + "ab" * 32 + " secret s3cr3tkey"}}).encode()
    got = failure(401, body, secrets=["s3cr3tkey"])
    assert got.kind is ErrorKind.AUTH
    assert "ab" * 32 not in got.message
    assert "s3cr3tkey" not in got.message


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (502, b"<html>Bad Gateway</html>", ErrorKind.SERVER),
        (200, b"<html>portal</html>", ErrorKind.PROTOCOL),
        (200, b"\xff\xfe", ErrorKind.PROTOCOL),
        (200, b"[1, 2]", ErrorKind.PROTOCOL),
        (200, b'{"item_get_response": {}}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": "soon"}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": {"total_results": 1, "items": 5}}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": {"total_results": "many", "items": []}}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": {"total_results": -3}}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": {"total_results": 1.5}}', ErrorKind.PROTOCOL),
        (200, b'{"item_search_response": {"total_results": true}}', ErrorKind.PROTOCOL),
        (
            200,
            b'{"item_search_response": {"items": {"item": [{"item_id": "698765432109876543"}]}}}',
            ErrorKind.PROTOCOL,
        ),
        (200, b'{"item_search_response": {"total_results": 9, "page_no": 2}}', ErrorKind.PROTOCOL),
        (503, b'{"item_search_response": {}}', ErrorKind.SERVER),
    ],
)
def test_junk_is_a_protocol_error_never_a_crash(status, body, kind):
    assert failure(status, body).kind is kind


def test_dedup_across_pages_keeps_the_first_seen():
    first = [Listing(ID_A, price=Decimal(10)), Listing(ID_B)]
    second = [Listing(ID_B, price=Decimal(99)), Listing(ID_C), Listing(ID_C)]
    assert dedup_listings([*first, *second]) == [Listing(ID_A, price=Decimal(10)), Listing(ID_B), Listing(ID_C)]


def test_dedup_against_what_is_already_shown():
    seen = {ID_A, ID_B}
    assert dedup_listings([Listing(ID_B), Listing(ID_C), Listing(ID_A)], seen) == [Listing(ID_C)]
    assert seen == {ID_A, ID_B}
    assert dedup_listings([], seen) == []
