"""The signed client against the sandbox over real loopback HTTP: retries, limits, quota, cancel."""

from __future__ import annotations

import re
import socket
import threading
import time
from decimal import Decimal

import pytest

from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import CallRecord, RetryPolicy
from xianyu_desktop.core.gateway.item_params import parse_fields
from xianyu_desktop.core.gateway.limits import QuotaCounter, RateLimiter

pytestmark = pytest.mark.e2e
ID = "698765432109876543"
FAST_RETRY = RetryPolicy(max_attempts=3, backoff_base=0.01, backoff_cap=0.05)


def no_data_id(gateway) -> str:
    return next(
        str(n) for n in range(100_000_000_000, 100_000_002_000) if gateway.state.catalogue.item(str(n), "x") is None
    )


def test_fetch_returns_a_normalised_item(sandbox, make_client):
    result = make_client(sandbox).fetch(ID)
    assert result.ok and result.attempts == 1
    item = result.item
    assert item.item_id == ID
    assert isinstance(item.price, Decimal)
    assert item.status_label in {"在售", "已售", "下架"}
    assert item.valid_time.utcoffset().total_seconds() == 8 * 3600
    assert item.pic_url.startswith(sandbox.base_url)


def test_fields_are_passed_and_filtered(sandbox, make_client):
    result = make_client(sandbox).fetch(ID, parse_fields(" title, price ,title"))
    assert result.raw is not None and set(result.raw) == {"item_id", "title", "price"}
    assert result.item.status is None


def test_invalid_field_names_are_refused_before_sending():
    with pytest.raises(ValueError, match="字段名无效"):
        parse_fields("title,price;drop")


def test_no_data_is_not_found(sandbox, make_client):
    result = make_client(sandbox).fetch(no_data_id(sandbox))
    assert result.failure.kind is ErrorKind.NOT_FOUND


def test_wrong_secret_is_auth_and_is_never_retried(sandbox, make_client):
    result = make_client(sandbox, secret="wrong", retry=FAST_RETRY).fetch(ID)
    assert result.failure.kind is ErrorKind.AUTH
    assert result.failure.code == 25
    assert "app_secret" in result.failure.remedy
    assert sandbox.state.snapshot()["counts"]["requests"] == 1


def test_permission_is_never_retried(sandbox, make_client):
    result = make_client(sandbox, retry=FAST_RETRY).fetch(ID, "title,same_items")
    assert (result.failure.kind, result.failure.code) == (ErrorKind.PERMISSION, 11)
    assert sandbox.state.snapshot()["counts"]["requests"] == 1


def test_bad_id_is_refused_locally_without_spending_quota(sandbox, make_client):
    result = make_client(sandbox).fetch("12345")
    assert result.failure.kind is ErrorKind.BAD_REQUEST
    assert sandbox.state.snapshot()["counts"].get("requests", 0) == 0


def test_server_faults_are_retried_a_bounded_number_of_times(start_sandbox, make_client):
    gateway = start_sandbox(fault_rate=1.0, no_limits=True, seed=1)
    records: list[CallRecord] = []
    started = time.monotonic()
    result = make_client(gateway, retry=FAST_RETRY, observer=records.append, timeout=5).fetch(ID)
    assert time.monotonic() - started < 5
    assert result.failure.kind in {ErrorKind.TIMEOUT, ErrorKind.SERVER, ErrorKind.PROTOCOL, ErrorKind.NETWORK}
    assert [r.attempt for r in records] == [1, 2, 3]
    assert result.attempts == 3
    assert gateway.state.snapshot()["counts"]["requests"] == 3


def test_flaky_gateway_every_item_ends_fetched_or_typed(start_sandbox, make_client):
    gateway = start_sandbox(fault_rate=0.3, no_limits=True, seed=7, latency_ms=5)
    client = make_client(gateway, "advanced", retry=RetryPolicy(backoff_base=0.02, backoff_cap=0.1), timeout=5)
    ids = gateway.state.catalogue.demo_ids(30)
    results = list(client.fetch_many(ids))
    assert sorted(r.item_id for r in results) == sorted(ids)
    assert sum(r.ok for r in results) >= 27  # 0.3^4 per item to fail all attempts
    assert gateway.state.snapshot()["counts"]["requests"] <= 30 * 4


def test_frequency_ban_is_honoured_and_the_calls_then_succeed(sandbox, make_client):
    too_fast = RateLimiter(100)  # a limiter that ignores the personal tier's 1/s
    client = make_client(sandbox, "personal", limiter=too_fast, retry=RetryPolicy(max_attempts=6))
    started = time.monotonic()
    results = list(client.fetch_many(sandbox.state.catalogue.demo_ids(3), workers=3))
    assert all(r.ok for r in results), [r.failure for r in results]
    counts = sandbox.state.snapshot()["counts"]
    assert counts["refused_frequency"] >= 1
    assert time.monotonic() - started >= 1.0  # the 1 s ban was waited out


@pytest.mark.parametrize("count", [45, 160])
def test_the_limiter_keeps_the_gateway_from_refusing_us(start_sandbox, make_client, count):
    """The sandbox runs in this process: its threads and the client's share one GIL, the worst transit
    spread there is. The gate counts from the wire, so none of the calls is refused, and the tier's rate
    is still used: the first to the last request within a few slots of the margin's pace."""
    gateway = start_sandbox(latency_ms=20)
    sends: list[float] = []
    client = make_client(gateway, "advanced", observer=lambda record: sends.append(record.started))
    results = list(client.fetch_many(gateway.state.catalogue.demo_ids(count)))
    assert len(results) == count and all(r.failure is None or r.failure.kind is ErrorKind.NOT_FOUND for r in results)
    snapshot = gateway.state.snapshot()
    assert snapshot["counts"].get("refused_frequency", 0) == 0
    assert snapshot["apps"]["sandbox-advanced"]["peak_per_second"] <= 20
    assert snapshot["counts"]["admitted"] == count
    assert max(sends) - min(sends) >= (count - 1) / 20  # never faster than the tier


def test_a_big_batch_keeps_only_a_few_calls_queued_per_worker(sandbox, make_client, monkeypatch):
    """A round of many ids does not queue them all at once (each queued call is a future and its lock,
    alive for the whole round): a few per worker, the next as each answer comes; every id still answers."""
    from concurrent.futures import ThreadPoolExecutor

    from xianyu_desktop.core.gateway.client import SUBMITTED_AHEAD

    outstanding, most = [0], [0]
    lock = threading.Lock()
    submit = ThreadPoolExecutor.submit

    def counted(pool, fn, *args, **kwargs):
        def run(*a, **k):
            try:
                return fn(*a, **k)
            finally:
                with lock:
                    outstanding[0] -= 1

        with lock:
            outstanding[0] += 1
            most[0] = max(most[0], outstanding[0])
        return submit(pool, run, *args, **kwargs)

    monkeypatch.setattr(ThreadPoolExecutor, "submit", counted)
    ids = [str(300_000_000_000 + n) for n in range(60)] + sandbox.state.catalogue.demo_ids(5)
    results = list(make_client(sandbox, "advanced", limiter=RateLimiter(1000)).fetch_many(ids, workers=2))
    assert sorted(r.item_id for r in results) == sorted(ids)
    assert most[0] <= SUBMITTED_AHEAD * 2 < len(ids)


def test_daily_quota_refuses_to_send_beyond_the_limit(sandbox, make_client):
    client = make_client(sandbox, "advanced", quota=QuotaCounter(3))
    results = list(client.fetch_many(sandbox.state.catalogue.demo_ids(5)))
    kinds = sorted(r.failure.kind.value if r.failure else "ok" for r in results)
    assert kinds == ["ok", "ok", "ok", "quota_exhausted", "quota_exhausted"]
    assert sandbox.state.snapshot()["counts"]["requests"] == 3


def test_cancel_stops_what_has_not_been_sent(sandbox, make_client):
    client = make_client(sandbox, "personal")  # one call a second: plenty of time to cancel
    cancel = threading.Event()
    ids = sandbox.state.catalogue.demo_ids(6)
    results = []
    started = time.monotonic()
    for result in client.fetch_many(ids, cancel=cancel):
        results.append(result)
        cancel.set()
    assert time.monotonic() - started < 2.5
    assert len(results) == 6
    assert sum(r.ok for r in results) <= 2
    assert sum(r.failure is not None and r.failure.kind is ErrorKind.CANCELLED for r in results) >= 4
    assert sandbox.state.snapshot()["counts"]["requests"] <= 2


def test_closing_the_stream_early_stops_the_batch(sandbox, make_client):
    client = make_client(sandbox, "personal")
    stream = client.fetch_many(sandbox.state.catalogue.demo_ids(6))
    next(stream)
    stream.close()
    # A call the closed batch still held would claim the client's rate-limiter slot before this one.
    assert client.fetch(ID).ok
    assert sandbox.state.snapshot()["counts"]["requests"] <= 3


def test_clock_skew_is_reported_with_the_offset(start_sandbox, make_client):
    gateway = start_sandbox(clock_offset=-900)
    result = make_client(gateway).fetch(ID)
    assert result.failure.kind is ErrorKind.CLOCK
    assert result.failure.clock_offset == pytest.approx(-900, abs=2)
    assert re.search(r"快约 (899|900|901) 秒", result.failure.message)  # the Date header has 1 s resolution
    assert result.attempts == 1


def test_unreachable_gateway_is_a_network_error_quickly(sandbox, make_client):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = make_client(sandbox, retry=FAST_RETRY)
    client.config = type(client.config)(f"http://127.0.0.1:{port}/router/rest", "sandbox-basic", "x")
    started = time.monotonic()
    result = client.fetch(ID)
    assert result.failure.kind is ErrorKind.NETWORK
    assert "无法连接" in result.failure.message
    assert time.monotonic() - started < 3


def test_a_wrong_path_is_a_protocol_error(sandbox, make_client):
    client = make_client(sandbox, retry=FAST_RETRY)
    client.config = type(client.config)(sandbox.base_url + "/not-the-gateway", "sandbox-basic", "x")
    result = client.fetch(ID)
    assert result.failure.kind is ErrorKind.PROTOCOL
    assert "网关地址" in result.failure.remedy


def test_batch_dedups_and_streams_each_id_once(sandbox, make_client):
    ids = sandbox.state.catalogue.demo_ids(4)
    results = list(make_client(sandbox).fetch_many([*ids, ids[0], ids[2]]))
    assert sorted(r.item_id for r in results) == sorted(ids)


def test_unknown_field_names_are_refused_before_sending_naming_the_known_ones():
    with pytest.raises(ValueError) as refused:
        parse_fields("title,pirce")
    message = str(refused.value)
    assert "\n" not in message
    assert "未知字段：pirce" in message and "title,pic_url" in message and "seller_info" in message
    assert parse_fields("seller_info,same_items,trade_record") == "seller_info,same_items,trade_record"


def test_the_client_knows_exactly_the_fields_the_gateway_knows():
    from xianyu_desktop.core.gateway.protocol import FIELD_ALIASES, ITEM_FIELDS
    from xianyu_desktop.sandbox import server

    assert set(ITEM_FIELDS) == server.ALL_FIELDS
    assert {k: list(v) for k, v in FIELD_ALIASES.items()} == server.FIELD_ALIASES


def test_a_batch_stops_after_the_first_invalid_arguments_answer(sandbox, make_client):
    """The field list reaches the gateway unchecked (as from an older client): the first answer, code 41,
    would be every item's. The rest are reported as not attempted and their calls refunded."""
    quota = QuotaCounter(100)
    client = make_client(sandbox, "personal", quota=quota)  # one call a second: the rest are still waiting
    ids = sandbox.state.catalogue.demo_ids(10)
    results = list(client.fetch_many(ids, "title,pirce"))
    assert sorted(r.item_id for r in results) == sorted(ids)
    refused = [r for r in results if r.failure.kind is ErrorKind.BAD_REQUEST]
    assert len(refused) == 1 and refused[0].failure.code == 41
    skipped = [r for r in results if r.failure.kind is ErrorKind.NOT_ATTEMPTED]
    assert len(skipped) == 9
    assert refused[0].item_id in skipped[0].failure.message and "参数无效" in skipped[0].failure.message
    assert sandbox.state.snapshot()["counts"]["requests"] == 1
    assert quota.used == 1


def test_a_batch_goes_on_past_an_answer_about_one_item(sandbox, make_client):
    ids = [*sandbox.state.catalogue.demo_ids(3), no_data_id(sandbox)]
    results = list(make_client(sandbox).fetch_many(ids))
    assert sum(r.ok for r in results) == 3
    assert [r.failure.kind for r in results if not r.ok] == [ErrorKind.NOT_FOUND]


def test_a_wrong_secret_stops_the_batch_too(sandbox, make_client):
    results = list(make_client(sandbox, "personal", secret="wrong").fetch_many(sandbox.state.catalogue.demo_ids(5)))
    assert sorted(r.failure.kind.value for r in results) == ["auth", *["not_attempted"] * 4]
    assert sandbox.state.snapshot()["counts"]["requests"] == 1
