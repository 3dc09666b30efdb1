"""``xianyu-desktop search``: a keyword search, page after page until ``--limit`` listings are collected or
the results end, one line per listing (``--json``: one JSON object); ``--details`` then looks the listings
up through item_get (the cache first) and prints them as ``fetch`` does.

Every page is one call of the day's quota, through the same limiter, ledger, cache (2 minutes for a
search page) and audit log as ``fetch``. A search that may take more than one call is announced first
(pages, calls, what is left today, how long); one that does not fit today's quota is refused without a
call unless ``--yes``, as ``fetch`` refuses a batch.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.cli.common import UsageError, gateway_config, start_logging
from xianyu_desktop.cli.fetch import go_ahead, in_order, item_line, one_line, print_in_order, summarise
from xianyu_desktop.core.errors import ConfigError, GatewayFailure
from xianyu_desktop.core.gateway.batch_plan import format_duration
from xianyu_desktop.core.gateway.search import Listing, SearchQuery, SearchSort, parse_price
from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.lookup import ItemLookup
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.search.searcher import SEARCH_PAGE_SIZE, Searcher, SearchPlan, SearchStep
from xianyu_desktop.core.storage.db import StoreError

PROG = "xianyu-desktop search"


def query_of(args: argparse.Namespace) -> SearchQuery:
    """The search the arguments ask for, checked as the gateway would check it (SearchQueryError if not)."""
    if args.limit < 1:
        raise UsageError(f"--limit 至少为 1，收到 {args.limit}")
    return SearchQuery(
        args.query,
        page_size=SEARCH_PAGE_SIZE,
        sort=SearchSort.parse(args.sort),
        start_price=parse_price(args.min_price, "最低价"),
        end_price=parse_price(args.max_price, "最高价"),
        condition=args.condition.strip() if args.condition and args.condition.strip() else None,
        location=args.location,
    )


def describe_search_plan(plan: SearchPlan) -> str:
    """One paragraph in plain words, like ``describe_plan`` for a lookup batch."""
    tier = plan.tier
    text = (
        f"这次搜索最多 {plan.pages} 页，需要 {plan.calls} 次调用"
        + (f"（另有 {plan.cached} 页用缓存中的结果，不花调用）" if plan.cached else "")
        + f"，今日还剩 {plan.remaining} 次（{tier.label}权限：每天 {tier.daily_calls} 次、每秒 {tier.per_second} 次）。"
    )
    if plan.fits:
        return text + f"按这个速度约需 {format_duration(plan.seconds)}。"
    return text + (
        f"今日额度只够 {plan.remaining} 页（约需 {format_duration(plan.seconds)}），"
        "其余要等北京时间零点额度重置后再搜。"
    )


def _go_ahead(plan: SearchPlan, *, yes: bool) -> bool:
    if plan.calls > 1 or not plan.fits:
        print(describe_search_plan(plan), file=sys.stderr)
    if plan.fits or yes:
        return True
    print(
        f"{PROG}: 超出今日剩余额度，没有发出请求。加 --yes 先搜额度内的 {plan.remaining} 页"
        "（其余报告为今日额度已用完），或减小 --limit、加关键词或价格范围缩小搜索。",
        file=sys.stderr,
    )
    return False


def listing_line(listing: Listing) -> str:
    """One readable line: id, price, condition, location, title, seller (strangers' text kept on one line)."""
    return "  ".join(
        (
            f"{listing.item_id:<19}",
            f"{format_money(listing.price):>12}",
            pad(listing.condition_label or "-", 12),
            pad(one_line(listing.location or "-"), 10),
            one_line(listing.title or ""),
            f"卖家：{one_line(listing.seller_nick or listing.seller_id or '-')}",
        )
    )


def pad(text: str, columns: int) -> str:
    """``text`` filled with spaces to ``columns`` terminal columns (a Chinese character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, columns - width)


@dataclass(slots=True)
class Collected:
    """What a run brought: the listings in the order found, and what the pages cost."""

    listings: list[Listing] = field(default_factory=list)
    total_results: int = 0
    pages: int = 0
    calls: int = 0
    from_cache: int = 0
    repeated: int = 0
    unreadable: int = 0
    reasons: list[str] = field(default_factory=list)
    failure: GatewayFailure | None = None
    failed_page: int = 0


def collect(steps: Iterable[SearchStep], *, show: bool, as_json: bool) -> Collected:
    """Go through the pages as they come; ``show`` prints each listing at once (without --details)."""
    out = Collected()
    for step in steps:
        out.calls += step.attempts
        if step.failure is not None:
            out.failure, out.failed_page = step.failure, step.page_no
            break
        out.pages += 1
        out.from_cache += step.from_cache
        out.total_results = step.total_results
        out.repeated += step.repeated
        out.unreadable += step.unreadable_count
        out.reasons.extend(step.unreadable)
        out.listings.extend(step.listings)
        if show:
            for listing in step.listings:
                line = json.dumps(listing.to_json_dict(), ensure_ascii=False) if as_json else listing_line(listing)
                sys.stdout.write(line + "\n")
            sys.stdout.flush()
    return out


def _summary(found: Collected) -> None:
    if found.pages:
        print(
            f"找到 {len(found.listings)} 条（共 {found.total_results} 条结果），{found.pages} 页，"
            f"{found.calls} 次调用，{found.from_cache} 页来自缓存。",
            file=sys.stderr,
        )
    if found.repeated:
        print(f"另有 {found.repeated} 条在前面的页已出现过（结果在翻页时有变动），只列一次。", file=sys.stderr)
    if found.unreadable:
        print(f"{found.unreadable} 条结果无法读取，已略过：{'；'.join(found.reasons)}", file=sys.stderr)
    if found.failure is not None:
        print(f"{PROG}: 第 {found.failed_page} 页失败：{found.failure.describe()}", file=sys.stderr)


def _details(lookup: ItemLookup, found: Collected, args: argparse.Namespace, cancel: threading.Event) -> int:
    """The listings looked up through item_get (the cache first), printed as ``fetch`` prints them."""
    ids = [listing.item_id for listing in found.listings]
    plan = lookup.plan(ids, force=args.no_cache)
    if not go_ahead(plan, yes=args.yes, command="search", fewer="减小 --limit（搜索结果缓存 2 分钟，再搜不花调用）"):
        return EXIT_USAGE
    stream = lookup.lookup_many(ids, force=args.no_cache, cancel=cancel)
    if args.json:
        results = print_in_order(stream, ids)
    else:
        results = []
        for result in in_order(stream, ids):
            results.append(result)
            sys.stdout.write(item_line(result) + "\n")
            sys.stdout.flush()
    summarise(results)
    return EXIT_OK if all(result.ok for result in results) else EXIT_SOME_FAILED


def run_search(args: argparse.Namespace) -> int:
    try:
        query = query_of(args)
        start_logging()
        profile = Profile.open()
    except (ConfigError, UsageError, StoreError) as exc:  # SearchQueryError is a ConfigError
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        config = gateway_config(profile, args, PROG)
        if config is None:
            return EXIT_USAGE
        cancel = threading.Event()
        with make_http_client(timeout=config.timeout) as http:
            client = profile.make_client(config, http)
            searcher: Searcher = profile.searcher(client)
            if not _go_ahead(searcher.plan(query, args.limit, force=args.no_cache), yes=args.yes):
                return EXIT_USAGE
            try:
                steps = searcher.run(query, args.limit, force=args.no_cache, cancel=cancel)
                found = collect(steps, show=not args.details, as_json=args.json)
                if not found.listings and found.failure is None:
                    print(f"{PROG}: 没有找到符合条件的商品（{found.calls} 次调用）。", file=sys.stderr)
                    return EXIT_OK
                _summary(found)
                code = EXIT_OK
                if args.details and found.listings:
                    code = _details(profile.lookup(client), found, args, cancel)
                return EXIT_SOME_FAILED if found.failure is not None else code
            finally:
                cancel.set()
