"""``xianyu-desktop fetch``: one JSON object per unique item, in first-seen order."""

from __future__ import annotations

import argparse
import collections
import json
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.cli.common import (
    UsageError,
    gateway_config,
    read_stdin,
    report_notes,
    report_problems,
    resolve_in_cli,
    start_logging,
)
from xianyu_desktop.core.errors import ConfigError, ErrorKind
from xianyu_desktop.core.gateway.batch_plan import LONG_BATCH_S, BatchPlan, describe_plan
from xianyu_desktop.core.gateway.client import FetchResult, ItemClient
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.item_params import parse_fields
from xianyu_desktop.core.items.links import Extraction, extract_item_ids
from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.db import StoreError


def result_json(result: FetchResult) -> dict[str, Any]:
    if result.item is not None:
        return {**result.item.to_json_dict(), "from_cache": result.from_cache}
    assert result.failure is not None
    failure = result.failure
    return {
        "item_id": result.item_id,
        "error": {
            "kind": failure.kind.value,
            "code": failure.code,
            "message": failure.message,
            "remedy": failure.remedy,
        },
        "from_cache": result.from_cache,
    }


def in_order(results: Iterable[FetchResult], order: list[str]) -> Iterator[FetchResult]:
    """Re-emit results that arrive in completion order in first-seen order, as soon as possible."""
    pending: dict[str, FetchResult] = {}
    position = 0
    for result in results:
        pending[result.item_id] = result
        while position < len(order) and order[position] in pending:
            yield pending.pop(order[position])
            position += 1


def summarise(results: list[FetchResult]) -> None:
    failed = [r for r in results if r.failure is not None]
    if not failed:
        print(f"共 {len(results)} 个商品，全部成功。", file=sys.stderr)
        return
    print(f"共 {len(results)} 个商品：成功 {len(results) - len(failed)}，失败 {len(failed)}。", file=sys.stderr)
    by_kind: collections.OrderedDict[ErrorKind, list[FetchResult]] = collections.OrderedDict()
    for result in failed:
        assert result.failure is not None
        by_kind.setdefault(result.failure.kind, []).append(result)
    for kind, group in by_kind.items():
        first = group[0].failure
        assert first is not None
        print(f"  {len(group)} 个{kind.label}：{first.message}。{first.remedy}", file=sys.stderr)


def item_line(result: FetchResult) -> str:
    """One readable line of a result: id, price, status and title, or what went wrong."""
    if result.item is not None:
        item = result.item
        title = one_line(item.title or "")
        return f"{item.item_id}  {format_money(item.price):>12}  {item.status_label or '':<3}  {title}"
    assert result.failure is not None
    return f"{result.item_id}  {result.failure.kind.label}：{result.failure.message}"


def one_line(text: str) -> str:
    """A stranger's text for one line of a terminal: control characters (newlines, escape sequences that
    would recolour or move the cursor) become spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def print_in_order(stream: Iterable[FetchResult], ids: list[str]) -> list[FetchResult]:
    results: list[FetchResult] = []
    for result in in_order(stream, ids):
        results.append(result)
        sys.stdout.write(json.dumps(result_json(result), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return results


def _extract(args: argparse.Namespace) -> Extraction:
    text = "\n".join(args.inputs) if args.inputs else ""
    if not args.inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("请给出商品 ID、链接或分享文本，或从标准输入传入")
        text = read_stdin()
    extraction = extract_item_ids(text)
    if args.resolve and extraction.short_links:
        extraction = resolve_in_cli(extraction)
    return extraction


def go_ahead(plan: BatchPlan, *, yes: bool, command: str = "fetch", fewer: str = "减少商品数量") -> bool:
    """A batch bigger than what is left today is refused (nothing sent) unless the user said --yes: a script
    that sends 300 ids on a 100-a-day tier should not spend the day's quota on a third of them by surprise.
    With --yes the calls that fit are made; the ledger refuses the rest without sending (quota_exhausted)."""
    if not plan.fits or plan.seconds >= LONG_BATCH_S:
        print(describe_plan(plan), file=sys.stderr)
    if plan.fits or yes:
        return True
    print(
        f"xianyu-desktop {command}: 超出今日剩余额度，没有发出请求。加 --yes 先查额度内的 {plan.affordable} 个"
        f"（其余报告为今日额度已用完），或{fewer}。",
        file=sys.stderr,
    )
    return False


def run_fetch(args: argparse.Namespace) -> int:
    try:
        fields = parse_fields(args.fields)
        extraction = _extract(args)
        start_logging()
        profile = Profile.open()
    except (ConfigError, UsageError, ValueError, StoreError) as exc:
        print(f"xianyu-desktop fetch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        config = gateway_config(profile, args, "xianyu-desktop fetch")
        if config is None:
            return EXIT_USAGE
        problems = report_problems(extraction.problems)
        report_notes(extraction.notes)
        if not extraction.ids:
            print("xianyu-desktop fetch: 没有识别到闲鱼商品 ID。", file=sys.stderr)
            return EXIT_USAGE
        cancel = threading.Event()
        with make_http_client(timeout=config.timeout) as http:
            lookup = profile.lookup(profile.make_client(config, http))
            if not go_ahead(lookup.plan(extraction.ids, fields, force=args.no_cache), yes=args.yes):
                return EXIT_USAGE
            try:
                results = print_in_order(
                    lookup.lookup_many(extraction.ids, fields, force=args.no_cache, cancel=cancel),
                    extraction.ids,
                )
            finally:
                cancel.set()
    summarise(results)
    return EXIT_OK if problems == 0 and all(r.ok for r in results) else EXIT_SOME_FAILED


def run_demo(args: argparse.Namespace) -> int:
    """Start the embedded sandbox and look up its demo catalogue: the whole path, no account needed."""
    from xianyu_desktop.core.gateway.limits import Tier
    from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway

    count = max(1, min(args.count, 200))
    with SandboxGateway() as gateway:
        config = GatewayConfig(gateway.url, "sandbox-basic", SANDBOX_SECRET, Tier.BASIC)
        ids = gateway.state.catalogue.demo_ids(count)
        print(f"沙盒网关：{gateway.url}（演示账号 sandbox-basic）", file=sys.stderr)
        with make_http_client(timeout=config.timeout) as http:
            client = ItemClient(config, http)
            for result in in_order(client.fetch_many(ids), ids):
                print(item_line(result))
    return EXIT_OK
