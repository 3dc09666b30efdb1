"""Quota and pacing kept in the store: shared by every Store handle (as by every process)."""

from __future__ import annotations

import datetime as dt

import pytest

from xianyu_desktop.core.errors import ErrorKind, GatewayError
from xianyu_desktop.core.gateway.limits import PACING_MARGIN
from xianyu_desktop.core.storage.ledger import SharedRateLimiter, StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store


@pytest.fixture
def stores(tmp_path):
    a, b = Store(tmp_path).open(), Store(tmp_path).open()  # two handles on one file, like two processes
    yield a, b
    a.close()
    b.close()


def test_quota_is_shared_and_survives_reopening(tmp_path, stores):
    a, b = stores
    now = dt.datetime(2026, 5, 1, 3, 0, tzinfo=dt.UTC)
    ledger_a = StoreQuotaLedger(a, "k", 5, now=lambda: now)
    ledger_b = StoreQuotaLedger(b, "k", 5, now=lambda: now)
    for ledger in (ledger_a, ledger_b, ledger_a, ledger_b, ledger_a):
        ledger.take()
    with pytest.raises(GatewayError) as info:
        ledger_b.take()
    assert info.value.kind is ErrorKind.QUOTA_EXHAUSTED
    reopened = Store(tmp_path).open()
    assert StoreQuotaLedger(reopened, "k", 5, now=lambda: now).used == 5
    assert StoreQuotaLedger(reopened, "other-key", 5, now=lambda: now).used == 0
    reopened.close()


def test_quota_resets_at_beijing_midnight(stores):
    a, _ = stores
    now = [dt.datetime(2026, 5, 1, 15, 59, 59, tzinfo=dt.UTC)]  # 23:59:59 in Beijing
    ledger = StoreQuotaLedger(a, "k", 1, now=lambda: now[0])
    ledger.take()
    with pytest.raises(GatewayError):
        ledger.take()
    now[0] += dt.timedelta(seconds=2)
    ledger.take()
    assert ledger.used == 1


def test_pacing_is_shared_between_handles(stores):
    a, b = stores
    clock = [1000.0]
    pace_a = SharedRateLimiter(a, "k", 5, clock=lambda: clock[0])
    pace_b = SharedRateLimiter(b, "k", 5, clock=lambda: clock[0])
    delays = [p.reserve() for p in (pace_a, pace_b, pace_a, pace_b, pace_a, pace_b)]
    assert delays == pytest.approx([i * (1 + PACING_MARGIN) / 5 for i in range(6)])


def test_a_clock_jump_does_not_stall_pacing(stores):
    a, _ = stores
    clock = [1000.0]
    pace = SharedRateLimiter(a, "k", 5, clock=lambda: clock[0])
    pace.reserve()
    clock[0] -= 3600  # the wall clock went back an hour
    assert pace.reserve() == 0


def test_hold_off_applies_to_every_handle(stores):
    a, b = stores
    clock = [1000.0]
    SharedRateLimiter(a, "k", 20, clock=lambda: clock[0]).hold_off(2)
    assert SharedRateLimiter(b, "k", 20, clock=lambda: clock[0]).reserve() == pytest.approx(2)


def test_a_wider_margin_is_shared_by_every_handle(stores):
    """One process widens (a refusal, a late call): the other paces with the same margin at once, so the
    slots both claim stay spaced by one margin whichever of them claims."""
    a, b = stores
    clock = [1000.0]
    pace_a = SharedRateLimiter(a, "k", 20, clock=lambda: clock[0])
    pace_b = SharedRateLimiter(b, "k", 20, clock=lambda: clock[0])
    pace_a.reserve()
    clock[0] += 1  # its slot came
    pace_a.refused(pace_a.acquire())
    assert pace_b.margin == pytest.approx(2 * PACING_MARGIN)
    first, second = pace_b.reserve(), pace_a.reserve()
    assert second - first == pytest.approx((1 + 2 * PACING_MARGIN) / 20)


def test_the_gate_counts_the_sends_of_every_handle(stores):
    """Two processes, one pace: N sends through either handle close the gate for both until the first of
    them is 1 + margin old."""
    a, b = stores
    clock = [1000.0]
    pace_a = SharedRateLimiter(a, "k", 5, clock=lambda: clock[0])
    pace_b = SharedRateLimiter(b, "k", 5, clock=lambda: clock[0])
    for i in range(5):
        clock[0] = 1000.0 + 0.2 * i
        assert (pace_a if i % 2 else pace_b).leave().wait == 0
    clock[0] = 1000.9
    assert pace_a.leave().wait == pytest.approx(0.1 + PACING_MARGIN)
    assert pace_b.leave().wait == pytest.approx(0.1 + PACING_MARGIN)
    clock[0] = 1001.0 + PACING_MARGIN
    assert pace_b.leave().wait == 0
    assert pace_a.leave().wait == pytest.approx(0.2)
