"""A round's answers are written a few at a time, one commit per group (core/watch/poller.py): what was
written before a failure or a crash stays written, each item's writes stay whole, and the rows' events
name only what is stored. Real store files; the killed round runs in a process of its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clock import FakeClock
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.poller import WRITE_ITEMS, Poller, PollEvent
from xianyu_desktop.core.watch.rules import Outcome
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist

IDS = [str(100_000_000_000 + n) for n in range(50)]
ROOT = Path(__file__).resolve().parents[2]


class Answers:
    """Answers every id on sale at 100, then fails with ``crash`` after ``upto`` answers (if given)."""

    def __init__(self, upto: int | None = None) -> None:
        self.upto = upto

    def lookup_many(self, ids, fields=None, *, force=False, cancel=None) -> Iterator[FetchResult]:
        for n, item_id in enumerate(ids):
            if n == self.upto:
                raise RuntimeError("the gateway's answers stopped mid-round")
            yield FetchResult(item_id, item=Item(item_id, title="相机", price=Decimal(100), status="onsale"))


class FailingOn(Watchlist):
    """A store write that fails half-way for one item: what it wrote must be undone, alone."""

    def __init__(self, store: Store, bad: str) -> None:
        super().__init__(store)
        self.bad = bad

    def record(self, outcome: Outcome, next_check: float) -> list[Alert]:
        if outcome.state.item_id != self.bad:
            return super().record(outcome, next_check)
        with self.store.db.write() as conn:
            conn.execute("UPDATE watch_items SET title = 'half' WHERE item_id = ?", (self.bad,))
            raise OSError("disk went away")


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path).open()
    yield opened
    opened.close()


def checked(watchlist: Watchlist) -> list[str]:
    return [s.item_id for s in watchlist.items() if s.last_checked is not None]


def test_answers_in_hand_are_written_when_the_round_stops_on_a_failure(store):
    watchlist = Watchlist(store)
    watchlist.add(IDS, now=0)
    events: list[PollEvent] = []
    poller = Poller(watchlist, Answers(upto=WRITE_ITEMS + 7), lambda: 10_000, Tier.BASIC.spec, clock=FakeClock())
    with pytest.raises(RuntimeError):
        poller.poll(on_event=events.append)
    assert checked(watchlist) == IDS[: WRITE_ITEMS + 7]  # a whole group and the 7 in hand
    assert [e.item_id for e in events] == IDS[: WRITE_ITEMS + 7]
    assert all(len(watchlist.history(i)) == 1 for i in IDS[: WRITE_ITEMS + 7])


def test_a_write_failing_half_way_is_undone_alone_and_what_came_before_is_kept(store):
    bad = IDS[5]
    watchlist = FailingOn(store, bad)
    watchlist.add(IDS, now=0)
    events: list[PollEvent] = []
    poller = Poller(watchlist, Answers(), lambda: 10_000, Tier.BASIC.spec, clock=FakeClock())
    with pytest.raises(OSError):
        poller.poll(on_event=events.append)
    assert checked(watchlist) == IDS[:5]
    assert watchlist.get(bad).title is None  # the half-done write was rolled back
    assert [e.item_id for e in events] == IDS[:5]  # events only for what is stored
    # the store takes ordinary writes again afterwards
    watchlist.update_rules(bad, note="later")
    assert Watchlist(store).get(bad).note == "later"


def test_a_round_killed_mid_way_keeps_every_group_it_committed(tmp_path):
    """A real crash (the process ends without unwinding) loses at most the answers not yet written:
    fewer than WRITE_ITEMS, and every item the store shows as checked has its history row."""
    script = textwrap.dedent(
        f"""
        import os, sys
        from decimal import Decimal
        from pathlib import Path
        from xianyu_desktop.core.gateway.client import FetchResult
        from xianyu_desktop.core.gateway.limits import Tier
        from xianyu_desktop.core.items.item import Item
        from xianyu_desktop.core.storage.store import Store
        from xianyu_desktop.core.watch.poller import Poller
        from xianyu_desktop.core.watch.watchlist import Watchlist

        class Killed:
            def lookup_many(self, ids, fields=None, *, force=False, cancel=None):
                for n, item_id in enumerate(ids):
                    if n == 45:
                        os._exit(9)
                    yield FetchResult(item_id, item=Item(item_id, title="t", price=Decimal(100), status="onsale"))

        store = Store(Path({str(tmp_path)!r})).open()
        watchlist = Watchlist(store)
        watchlist.add({IDS!r}, now=0)
        Poller(watchlist, Killed(), lambda: 10_000, Tier.BASIC.spec).poll()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 9, done.stderr
    store = Store(tmp_path).open()
    try:
        watchlist = Watchlist(store)
        kept = checked(watchlist)
        assert 45 - WRITE_ITEMS < len(kept) <= 45
        assert kept == IDS[: len(kept)]
        assert all(len(watchlist.history(i)) == 1 for i in kept)
        assert all(watchlist.history(i) == [] for i in IDS[len(kept) :])
    finally:
        store.close()
