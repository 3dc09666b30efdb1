"""My listings (我的): watched items that are the seller's own, the summary of each one's last market
comparison, the competitor prices already alerted as undercutting it (core/watch/undercut.py), and one
comparison round of an item written in one transaction. The poller (core/watch/poller.py) decides when."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from xianyu_desktop.core.items.money import money_text
from xianyu_desktop.core.market.service import MarketReport
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.watch.alerts import AlertKind, alert_subject, undercut_sentence
from xianyu_desktop.core.watch.undercut import Undercut, find_undercuts
from xianyu_desktop.core.watch.watchlist import Alert

_SUMMARY_COLUMNS = (
    "item_id, compared_at, count, sellers, median, p25, p75, sold_median, percentile, value_score, quick_sale,"
    " patient, verdict, my_price, calls_used"
)


def _decimal(text: Any) -> Decimal | None:
    try:
        return None if text is None or text == "" else Decimal(str(text))
    except InvalidOperation:
        return None


@dataclass(frozen=True, slots=True)
class MarketSummary:
    """What the last comparison of a watched item found (kept for the 关注 tab and the watchlist export)."""

    item_id: str
    compared_at: float
    count: int
    sellers: int
    median: Decimal | None
    p25: Decimal | None
    p75: Decimal | None
    sold_median: Decimal | None
    percentile: float | None
    value_score: float | None
    quick_sale: Decimal | None
    patient: Decimal | None
    verdict: str  # comparison.Verdict's value: ok, thin
    my_price: Decimal | None
    calls_used: int = 0

    @classmethod
    def of(cls, report: MarketReport, at: float) -> MarketSummary:
        c = report.comparison
        stats = c.stats
        suggested = c.suggested
        return cls(
            report.item.item_id, at, stats.count, stats.sellers, stats.median, stats.p25, stats.p75,
            stats.sold_median, c.percentile, c.value_score, suggested.quick_sale if suggested else None,
            suggested.patient if suggested else None, c.verdict.value, report.item.price, report.calls_used,
        )  # fmt: skip

    def row(self) -> tuple[Any, ...]:
        return (
            self.item_id, self.compared_at, self.count, self.sellers, money_text(self.median), money_text(self.p25),
            money_text(self.p75), money_text(self.sold_median), self.percentile, self.value_score,
            money_text(self.quick_sale), money_text(self.patient), self.verdict, money_text(self.my_price),
            self.calls_used,
        )  # fmt: skip


def _summary(row: Sequence[Any]) -> MarketSummary:
    (item_id, at, count, sellers, median, p25, p75, sold, place, score, quick, patient, verdict, mine,
     calls) = row  # fmt: skip
    return MarketSummary(
        item_id, at, count, sellers, _decimal(median), _decimal(p25), _decimal(p75), _decimal(sold), place, score,
        _decimal(quick), _decimal(patient), verdict, _decimal(mine), calls,
    )  # fmt: skip


class MyListings:
    """The 我的 flag, the comparison summaries and the undercut memory in the user's store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    def set_mine(self, item_id: str, mine: bool) -> bool:
        """Marks a watched item as mine or not; False when it is not watched. Marking it makes its
        comparison due at once; what was compared and alerted before is kept (unmarking and marking again
        never repeats an alert)."""
        with self.store.db.write() as conn:
            if mine:
                sql = "UPDATE watch_items SET mine = 1, next_compare = NULL, compare_error = NULL WHERE item_id = ?"
            else:
                sql = "UPDATE watch_items SET mine = 0 WHERE item_id = ?"
            return bool(conn.execute(sql, (item_id,)).rowcount)

    def mine_ids(self) -> set[str]:
        return {row[0] for row in self._conn().execute("SELECT item_id FROM watch_items WHERE mine = 1")}

    def due(self, now: float) -> list[str]:
        """My listings whose comparison was never run or whose next one has come, the longest waiting first."""
        rows = self._conn().execute(
            "SELECT item_id FROM watch_items WHERE mine = 1 AND (next_compare IS NULL OR next_compare <= ?)"
            " ORDER BY next_compare IS NOT NULL, next_compare, added_at",
            (now,),
        )
        return [row[0] for row in rows]

    def next_compare(self, item_id: str) -> tuple[float | None, str | None]:
        """When the item's next comparison is due and the last one's error (None, None: never run)."""
        row = (
            self._conn()
            .execute("SELECT next_compare, compare_error FROM watch_items WHERE item_id = ?", (item_id,))
            .fetchone()
        )
        return (None, None) if row is None else (row[0], row[1])

    def summary(self, item_id: str) -> MarketSummary | None:
        row = (
            self._conn()
            .execute(f"SELECT {_SUMMARY_COLUMNS} FROM market_summaries WHERE item_id = ?", (item_id,))
            .fetchone()
        )
        return None if row is None else _summary(row)

    def summaries(self) -> dict[str, MarketSummary]:
        rows = self._conn().execute(f"SELECT {_SUMMARY_COLUMNS} FROM market_summaries")
        return {row[0]: _summary(row) for row in rows}

    def alerted(self, item_id: str) -> dict[str, set[Decimal]]:
        """The competitor prices already alerted as undercutting the item, by competitor."""
        found: dict[str, set[Decimal]] = defaultdict(set)
        rows = self._conn().execute("SELECT competitor_id, price FROM undercut_alerted WHERE item_id = ?", (item_id,))
        for competitor, price in rows:
            value = _decimal(price)
            if value is not None:
                found[competitor].add(value)
        return dict(found)

    def record_error(self, item_id: str, message: str, next_compare: float) -> None:
        with self.store.db.write() as conn:
            conn.execute(
                "UPDATE watch_items SET compare_error = ?, next_compare = ? WHERE item_id = ?",
                (message, next_compare, item_id),
            )

    def record(self, report: MarketReport, at: float, next_compare: float) -> list[Alert]:
        """Writes one comparison of my listing in one transaction: its summary, the undercut alerts it
        raises (undercut.py) and the prices they name, when the next one is due. Returns the alerts (none
        when the item was removed or unmarked meanwhile: its summary is still kept while it is watched)."""
        item = report.item
        with self.store.db.write() as conn:
            row = conn.execute(
                "SELECT mine, threshold_pct, title FROM watch_items WHERE item_id = ?", (item.item_id,)
            ).fetchone()
            if row is None:
                return []
            mine, threshold, title = row
            conn.execute(
                f"INSERT OR REPLACE INTO market_summaries ({_SUMMARY_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                MarketSummary.of(report, at).row(),
            )
            conn.execute(
                "UPDATE watch_items SET next_compare = ?, compare_error = NULL WHERE item_id = ?",
                (next_compare, item.item_id),
            )
            if not mine:
                return []
            alerted: dict[str, set[Decimal]] = defaultdict(set)
            for competitor, price in conn.execute(
                "SELECT competitor_id, price FROM undercut_alerted WHERE item_id = ?", (item.item_id,)
            ):
                if (value := _decimal(price)) is not None:
                    alerted[competitor].add(value)
            my_ids = {r[0] for r in conn.execute("SELECT item_id FROM watch_items WHERE mine = 1")}
            found = find_undercuts(
                report.comparison,
                my_id=item.item_id,
                my_seller=item.seller_id,
                my_price=item.price,
                threshold_pct=_decimal(threshold) or Decimal(10),
                my_ids=my_ids,
                alerted=alerted,
            )
            return [self._alert(conn, item.item_id, title or item.title, item.price, u, at) for u in found]

    def _alert(
        self,
        conn: sqlite3.Connection,
        item_id: str,
        title: str | None,
        my_price: Decimal | None,
        u: Undercut,
        at: float,
    ) -> Alert:
        mine_text, price_text = money_text(my_price), money_text(u.price)
        message = undercut_sentence(
            alert_subject(title, item_id), alert_subject(u.title, u.competitor_id), u.price, my_price
        )
        kind = AlertKind.UNDERCUT
        alert_id = conn.execute(
            "INSERT INTO alerts (item_id, at, kind, old, new, message, last_price, competitor_id, competitor_title)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item_id, at, kind.value, mine_text, price_text, message, mine_text, u.competitor_id, u.title),
        ).lastrowid
        assert alert_id is not None
        conn.execute(
            "INSERT OR IGNORE INTO undercut_alerted (item_id, competitor_id, price, at) VALUES (?, ?, ?, ?)",
            (item_id, u.competitor_id, price_text, at),
        )
        return Alert(
            alert_id, item_id, at, kind, mine_text, price_text, message, False, None, my_price, None, title, None,
            u.competitor_id, u.title,
        )  # fmt: skip
