"""``xianyu-desktop watch search``: saved searches (关键词监控) from the command line; ``watch poll`` runs
them with the items (core/watch/poller.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from typing import Any

from xianyu_desktop.cli import EXIT_OK, EXIT_USAGE
from xianyu_desktop.cli.common import UsageError
from xianyu_desktop.core.items.money import format_money, money_text
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.saved_searches import ROUND_LISTINGS, SavedSearch, SavedSearches, saved_query

TOO_BROAD = f"范围太大（超过 {ROUND_LISTINGS} 条，只看最新的）：请加最高价或关键词"


def _iso(at: float | None) -> str | None:
    return None if at is None else dt.datetime.fromtimestamp(at, BEIJING).isoformat(timespec="seconds")


def saved_json(saved: SavedSearch) -> dict[str, Any]:
    return {
        "id": saved.id,
        "query": saved.query,
        "max_price": money_text(saved.max_price),
        "condition": saved.condition,
        "location": saved.location,
        "created_at": _iso(saved.created_at),
        "last_run": _iso(saved.last_run),
        "next_run": _iso(saved.next_run) if saved.next_run is not None else None,
        "baseline_done": saved.baseline_done,
        "new_count": saved.new_count,
        "seen_count": saved.seen_count,
        "total_results": saved.total_results,
        "too_broad": saved.too_broad,
        "last_error": saved.last_error,
    }


def filters_text(saved: SavedSearch) -> str:
    parts = []
    if saved.max_price is not None:
        parts.append(f"≤{format_money(saved.max_price)}")
    if saved.condition:
        parts.append(saved.condition)
    if saved.location:
        parts.append(saved.location)
    return " ".join(parts) or "无筛选"


def _search_id(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise UsageError(f"{text!r} 不是保存的搜索的编号（用 xianyu-desktop watch search list 查看）")
    return int(cleaned)


def _list(searches: SavedSearches, as_json: bool) -> int:
    saved = searches.all()
    if as_json:
        print(json.dumps([saved_json(s) for s in saved], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not saved:
        print("还没有保存的搜索。用 xianyu-desktop watch search add 关键词 保存一个。")
    for s in saved:
        last = _iso(s.last_run) or "未运行"
        upcoming = _iso(s.next_run) or "到期"
        line = (
            f"{s.id}\t{s.query}\t{filters_text(s)}\t上次 {last}\t下次 {upcoming}\t新发布 {s.new_count}\t"
            f"已见 {s.seen_count}"
        )
        if s.too_broad:
            line += f"\t{TOO_BROAD}"
        if s.last_error:
            line += f"\t{s.last_error}"
        print(line)
    return EXIT_OK


def run_watch_search(searches: SavedSearches, args: argparse.Namespace) -> int:
    """``add``, ``list`` and ``remove``; bad input raises UsageError or SearchQueryError (exit 2, one line)."""
    action = args.search_action
    if action is None:
        print("xianyu-desktop watch search: 请给出动作：add、list 或 remove", file=sys.stderr)
        return EXIT_USAGE
    if action == "add":
        query = saved_query(args.query, args.max_price or None, args.condition, args.location)
        saved = searches.add(query, now=time.time())
        print(
            f"已保存搜索 {saved.id}：{saved.query}（{filters_text(saved)}）。"
            "下一次检查先记录现有的商品，之后有新发布的才提醒。"
        )
        return EXIT_OK
    if action == "list":
        return _list(searches, args.json)
    search_id = _search_id(args.search_id)
    if not searches.remove(search_id):
        raise UsageError(f"没有编号为 {search_id} 的保存的搜索（用 xianyu-desktop watch search list 查看）")
    print(f"已删除保存的搜索 {search_id}。")
    return EXIT_OK
