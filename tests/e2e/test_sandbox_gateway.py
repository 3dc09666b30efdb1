"""The sandbox speaks the protocol: every refusal a real gateway makes, over real loopback HTTP."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.gateway.signing import sign_params
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, GatewayState, SandboxOptions

pytestmark = pytest.mark.e2e
ID = "698765432109876543"


def params(**overrides: str | None) -> dict[str, str]:
    base: dict[str, str | None] = {
        "app_key": "sandbox-basic",
        "method": "xianyu.item.get",
        "timestamp": str(int(time.time() * 1000)),
        "version": "v2",
        "item_id": ID,
    }
    base.update(overrides)
    kept = {k: v for k, v in base.items() if v is not None}
    kept["sign"] = sign_params(kept, SANDBOX_SECRET)
    return kept


def post(gateway, data):
    return httpx.post(gateway.url, data=data, timeout=10)


def error_of(response):
    return response.status_code, response.json()["error_response"]["code"]


def test_signed_post_returns_the_item_with_every_field_of_the_tier(sandbox):
    response = post(sandbox, params())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    item = response.json()["item_get_response"]["item"]
    assert item["item_id"] == ID
    for name in (
        "title",
        "price",
        "original_price",
        "condition",
        "status",
        "desc",
        "seller_nick",
        "trade_record",
    ):
        assert name in item
    assert "same_items" not in item  # advanced tier only


def test_get_is_accepted_too(sandbox):
    response = httpx.get(sandbox.url, params=params(), timeout=10)
    assert response.status_code == 200
    assert response.json()["item_get_response"]["item"]["item_id"] == ID


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"method": None}, 400, 21),
        ({"method": "taobao.item.get"}, 400, 22),
        ({"app_key": None}, 401, 28),
        ({"app_key": "someone-else"}, 401, 29),
        ({"timestamp": None}, 401, 30),
        ({"timestamp": "2025-01-01 00:00:00"}, 401, 31),
        ({"timestamp": -360}, 401, 31),  # seconds from now, turned into a timestamp when the test runs
        ({"timestamp": 360}, 401, 31),
        ({"version": None}, 400, 32),
        ({"version": "v1"}, 400, 34),
        ({"item_id": None}, 400, 40),
        ({"item_id": "12345"}, 400, 41),
        ({"item_id": "69876543210987654x"}, 400, 41),
        ({"fields": "title,colour"}, 400, 41),
        ({"fields": "title,same_items"}, 403, 11),
    ],
)
def test_refusals_carry_the_routers_status_and_code(sandbox, overrides, status, code):
    if isinstance(overrides.get("timestamp"), int):
        overrides = {"timestamp": str(int((time.time() + overrides["timestamp"]) * 1000))}
    response = post(sandbox, params(**overrides))
    assert error_of(response) == (status, code)
    assert response.json()["error_response"]["request_id"]


def test_timestamp_four_minutes_off_is_still_accepted(sandbox):
    assert post(sandbox, params(timestamp=str(int((time.time() - 240) * 1000)))).status_code == 200


def test_signature_is_checked(sandbox):
    data = params()
    assert error_of(post(sandbox, {k: v for k, v in data.items() if k != "sign"})) == (401, 24)
    assert error_of(post(sandbox, {**data, "sign": data["sign"].upper()})) == (401, 25)
    assert error_of(post(sandbox, {**data, "item_id": "698765432109876544"})) == (401, 25)
    wrong = {k: v for k, v in data.items() if k != "sign"}
    wrong["sign"] = sign_params(wrong, "not-the-secret")
    assert error_of(post(sandbox, wrong)) == (401, 25)


def test_fields_filter_and_the_seller_info_group(sandbox):
    item = post(sandbox, params(fields="title,price")).json()["item_get_response"]["item"]
    assert set(item) == {"item_id", "title", "price"}
    item = post(sandbox, params(fields="seller_info")).json()["item_get_response"]["item"]
    assert {"seller_nick", "seller_score", "seller_level"} <= set(item)
    assert "title" not in item


@pytest.mark.parametrize(
    ("tier", "field", "allowed"),
    [
        ("personal", "trade_record", False),
        ("basic", "trade_record", True),
        ("basic", "same_items", False),
        ("advanced", "same_items", True),
    ],
)
def test_field_permissions_per_tier(start_sandbox, tier, field, allowed):
    gateway = start_sandbox(no_limits=True)
    response = post(gateway, params(app_key=f"sandbox-{tier}", fields=f"title,{field}"))
    if allowed:
        assert field in response.json()["item_get_response"]["item"]
    else:
        assert error_of(response) == (403, 11)
        assert field in response.json()["error_response"]["sub_msg"]


def test_no_data_items_answer_an_empty_envelope(sandbox):
    missing = next(
        str(n) for n in range(100_000_000_000, 100_000_001_000) if sandbox.state.catalogue.item(str(n), "x") is None
    )
    response = post(sandbox, params(item_id=missing))
    assert response.status_code == 200
    assert response.json() == {"item_get_response": {}}


def test_second_call_within_a_second_on_personal_is_refused_with_a_ban(sandbox):
    first = post(sandbox, params(app_key="sandbox-personal"))
    second = post(sandbox, params(app_key="sandbox-personal"))
    assert first.status_code == 200
    assert error_of(second) == (403, 7)
    error = second.json()["error_response"]
    assert error["sub_code"] == "accesscontrol.limited-by-app-access-count"
    assert "This ban will last for 1 more seconds" in error["sub_msg"]
    assert second.headers["retry-after"] == "1"
    assert sandbox.state.snapshot()["counts"]["refused_frequency"] == 1


def test_no_limits_turns_frequency_off(start_sandbox):
    gateway = start_sandbox(no_limits=True)
    codes = {post(gateway, params(app_key="sandbox-personal")).status_code for _ in range(5)}
    assert codes == {200}


def test_daily_quota_refuses_the_call_after_the_limit_until_beijing_midnight():
    tick = [0.0]

    def monotonic() -> float:
        tick[0] += 1.1  # every call a second apart: only the daily quota can refuse
        return tick[0]

    state = GatewayState(SandboxOptions(), time.time, monotonic)
    for _ in range(Tier.PERSONAL.spec.daily_calls):
        state.admit("sandbox-personal", Tier.PERSONAL)
    with pytest.raises(Exception) as info:
        state.admit("sandbox-personal", Tier.PERSONAL)
    refusal = info.value
    assert (refusal.status, refusal.code) == (403, 7)
    ban = int(refusal.headers["Retry-After"])
    assert 1 <= ban <= 86_400
    assert f"last for {ban} more seconds" in refusal.sub_msg
    state.admit("sandbox-basic", Tier.BASIC)  # quotas are per app


def test_fault_injection_produces_every_fault(start_sandbox):
    gateway = start_sandbox(fault_rate=1.0, no_limits=True, seed=3)
    seen = set()
    for _ in range(40):
        try:
            response = post(gateway, params())
        except httpx.RemoteProtocolError:
            seen.add("dropped")
            continue
        if response.status_code == 504:
            seen.add("504")
        elif response.status_code == 502:
            assert response.headers["content-type"].startswith("text/html")
            seen.add("html")
        elif response.status_code == 200:
            with pytest.raises(ValueError):
                response.json()
            seen.add("malformed")
    assert seen == {"dropped", "504", "html", "malformed"}


def test_images_are_served_by_the_sandbox(sandbox):
    item = post(sandbox, params(fields="pic_url,seller_avatar")).json()["item_get_response"]["item"]
    for url in (item["pic_url"], item["seller_avatar"]):
        assert url.startswith(sandbox.base_url)
        response = httpx.get(url, timeout=10)
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_date_header_follows_the_sandbox_clock(start_sandbox):
    gateway = start_sandbox(clock_offset=600)
    response = httpx.get(gateway.base_url + "/_sandbox/stats", timeout=10)
    server_time = email.utils.parsedate_to_datetime(response.headers["date"]).timestamp()
    assert server_time - time.time() == pytest.approx(600, abs=2)
    assert error_of(post(gateway, params())) == (401, 31)


def test_catalogue_endpoint_lists_demo_items(sandbox):
    ids = httpx.get(sandbox.base_url + "/_sandbox/catalogue?n=5", timeout=10).json()["item_ids"]
    assert len(ids) == 5
    assert ids[0] == ID


def test_prices_and_statuses_drift_over_time_with_speed(start_sandbox, make_client):
    clock = FakeClock(time.time())  # the listings' own clock: signing and the quota keep the real time
    gateway = start_sandbox(speed=60_000, no_limits=True, catalogue_clock=clock)  # an epoch every 10 ms
    client = make_client(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(20)

    def snapshot() -> dict[str, tuple[object, object]]:
        return {r.item_id: (r.item.price, r.item.status) if r.item else (None, "gone") for r in client.fetch_many(ids)}

    first = snapshot()
    assert gateway.state.catalogue.epoch() == 0  # however long that took: the listings' clock stood still
    clock.now += 0.5
    assert gateway.state.catalogue.epoch() == 50
    second = snapshot()
    changed = [i for i in ids if first[i] != second[i]]
    assert len(changed) >= 3
    sold_before = [i for i in ids if first[i][1] == "soldout"]
    assert all(second[i][1] in {"soldout", "gone"} for i in sold_before)  # sold is final
