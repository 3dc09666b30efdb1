"""xianyu.item.search on the sandbox, over real loopback HTTP: every rule and refusal of PROTOCOL.md."""

from __future__ import annotations

import time
from decimal import Decimal

import httpx
import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.gateway.signing import sign_params
from xianyu_desktop.sandbox.market import SUMMARY_FIELDS
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e


def params(app_key: str = "sandbox-basic", **overrides: str | None) -> dict[str, str]:
    base: dict[str, str | None] = {
        "app_key": app_key,
        "method": "xianyu.item.search",
        "timestamp": str(int(time.time() * 1000)),
        "version": "v2",
        "q": "iPhone 14 Pro",
    }
    base.update(overrides)
    kept = {k: v for k, v in base.items() if v is not None}
    kept["sign"] = sign_params(kept, SANDBOX_SECRET)
    return kept


def search(gateway, **overrides: str | None) -> httpx.Response:
    return httpx.post(gateway.url, data=params(**overrides), timeout=30)


def answer(gateway, **overrides: str | None) -> dict:
    response = search(gateway, **overrides)
    assert response.status_code == 200, response.text
    return response.json()["item_search_response"]


def items_of(body: dict) -> list[dict]:
    return body.get("items", {}).get("item", [])


def money(value: object) -> Decimal:
    return Decimal(str(value))


def test_the_protocols_signature_test_vector() -> None:
    vector = {
        "app_key": "xianyu_123456", "method": "xianyu.item.search", "timestamp": "1735689600000", "version": "v2",
        "q": "iPhone 14 Pro 256G 国行", "page_no": "2", "page_size": "50", "sort": "price_asc", "start_price": "",
        "end_price": "5000",
    }  # fmt: skip
    assert sign_params(vector, "s3cr3t") == "8c7f1a3d9ea4f4ed19092d1f3e2d945e074c7d870ee1197df7fc5e78e3dec011"


def test_the_answer_has_the_protocols_shape_and_only_summary_fields(sandbox) -> None:
    body = answer(sandbox)
    assert (body["page_no"], body["page_size"]) == (1, 20)
    assert body["total_results"] > 100
    rows = items_of(body)
    assert len(rows) == 20
    for row in rows:
        assert set(row) == set(SUMMARY_FIELDS) and row["status"] == "onsale"
        assert "iphone 14 pro" in row["title"].casefold()
        assert isinstance(row["valid_time"], int) and not isinstance(row["price"], float)
    picked = items_of(answer(sandbox, fields="title,price"))
    assert all(set(row) == {"item_id", "title", "price"} for row in picked)


@pytest.mark.parametrize(
    ("overrides", "code", "sub_code"),
    [
        ({"q": None}, 40, "isv.missing-parameter:q"),
        ({"q": ""}, 40, "isv.missing-parameter:q"),
        ({"q": "  \u3000 "}, 41, "isv.invalid-parameter:q"),
        ({"q": "x" * 61}, 41, "isv.invalid-parameter:q"),
        ({"page_no": "0"}, 41, "isv.invalid-parameter:page_no"),
        ({"page_no": "-1"}, 41, "isv.invalid-parameter:page_no"),
        ({"page_no": "two"}, 41, "isv.invalid-parameter:page_no"),
        ({"page_size": "51"}, 41, "isv.invalid-parameter:page_size"),
        ({"page_size": "0"}, 41, "isv.invalid-parameter:page_size"),
        ({"page_no": "41", "page_size": "50"}, 41, "isv.invalid-parameter:page_no"),
        ({"page_no": "101", "page_size": "20"}, 41, "isv.invalid-parameter:page_no"),
        ({"sort": "popular"}, 41, "isv.invalid-parameter:sort"),
        ({"start_price": "abc"}, 41, "isv.invalid-parameter:start_price"),
        ({"end_price": "1.234"}, 41, "isv.invalid-parameter:end_price"),
        ({"start_price": "5000", "end_price": "4000"}, 41, "isv.invalid-parameter:start_price"),
        ({"condition": "for_parts"}, 41, "isv.invalid-parameter:condition"),
        ({"fields": "title,desc"}, 41, "isv.invalid-parameter:fields"),
    ],
)
def test_its_own_refusals(sandbox, overrides, code, sub_code) -> None:
    response = search(sandbox, **overrides)
    assert response.status_code == 400
    error = response.json()["error_response"]
    assert (error["code"], error["sub_code"]) == (code, sub_code)


def test_the_2000_result_cap_is_exactly_page_no_times_page_size(sandbox) -> None:
    assert answer(sandbox, page_no="40", page_size="50")["page_no"] == 40
    assert answer(sandbox, page_no="100", page_size="20")["page_no"] == 100


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"app_key": "someone-else"}, 401, 29),
        ({"timestamp": "1735689600000"}, 401, 31),
        ({"version": "v1"}, 400, 34),
        ({"method": "xianyu.item.find"}, 400, 22),
    ],
)
def test_the_common_refusals_of_item_get_apply(sandbox, overrides, status, code) -> None:
    response = search(sandbox, **overrides)
    assert (response.status_code, response.json()["error_response"]["code"]) == (status, code)


def test_a_changed_parameter_breaks_the_signature(sandbox) -> None:
    signed = params(q="switch")
    signed["q"] = "ps5"
    response = httpx.post(sandbox.url, data=signed, timeout=30)
    assert (response.status_code, response.json()["error_response"]["code"]) == (401, 25)


def test_paging_within_an_epoch_finds_every_result_once(start_sandbox) -> None:
    gateway = start_sandbox(no_limits=True, catalogue_clock=FakeClock(time.time()))
    first = answer(gateway, q="switch", page_size="50")
    total, seen = first["total_results"], [r["item_id"] for r in items_of(first)]
    page = 2
    while len(seen) < total:
        seen += [r["item_id"] for r in items_of(answer(gateway, q="switch", page_size="50", page_no=str(page)))]
        page += 1
    assert len(seen) == len(set(seen)) == total > 50
    past = answer(gateway, q="switch", page_size="50", page_no=str(page + 1))
    assert past["total_results"] == total and items_of(past) == []
    nothing = answer(gateway, q="switch 不存在的词")
    assert nothing["total_results"] == 0 and items_of(nothing) == []


def test_filters_and_sorts_are_honoured(start_sandbox) -> None:
    gateway = start_sandbox(no_limits=True)
    full_width = answer(gateway, q="ＩＰＨＯＮＥ　14 pro", page_size="50")
    assert full_width["total_results"] == answer(gateway, q="iphone 14 PRO")["total_results"]
    ranged = items_of(answer(gateway, start_price="3900", end_price="4299.00", page_size="50"))
    assert ranged and all(Decimal(3900) <= money(r["price"]) <= Decimal(4299) for r in ranged)
    assert any(money(r["price"]) in (Decimal(3900), Decimal(4299)) for r in ranged)  # both ends inclusive
    assert all(r["condition"] == "good" for r in items_of(answer(gateway, condition="good", page_size="50")))
    assert all("广东" in r["location"] for r in items_of(answer(gateway, location="广东", page_size="50")))
    asc = [money(r["price"]) for r in items_of(answer(gateway, sort="price_asc", page_size="50"))]
    desc = [money(r["price"]) for r in items_of(answer(gateway, sort="price_desc", page_size="50"))]
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True) and asc[0] < desc[0]
    newest = [r["valid_time"] for r in items_of(answer(gateway, sort="time_desc", page_size="50"))]
    assert newest == sorted(newest, reverse=True)


def test_each_search_is_one_call_against_the_rate_and_the_quota(sandbox) -> None:
    for page in ("1", "2", "3"):
        answer(sandbox, app_key="sandbox-advanced", page_no=page)
    assert sandbox.state.snapshot()["apps"]["sandbox-advanced"]["used_today"] == 3
    assert search(sandbox, app_key="sandbox-personal").status_code == 200
    refused = search(sandbox, app_key="sandbox-personal")  # the second call within the second, on 1/s
    assert (refused.status_code, refused.json()["error_response"]["code"]) == (403, 7)
    sandbox.state.set_used_today("sandbox-basic", 10_000)
    exhausted = search(sandbox)
    assert (exhausted.status_code, exhausted.json()["error_response"]["code"]) == (403, 7)
    assert "Retry-After" in exhausted.headers
