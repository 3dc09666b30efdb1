"""``xianyu-desktop watch``: the watchlist from the command line, so it can run from a scheduler and be
built from a seller's existing spreadsheet."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.cli.common import UsageError, read_stdin, report_notes, report_problems, start_logging
from xianyu_desktop.cli.notify import describe_delivery
from xianyu_desktop.cli.watch_schedule import record_poll, run_watch_schedule
from xianyu_desktop.cli.watch_search import run_watch_search
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.items.importer import MAX_CELLS, MAX_IDS, ListFileError, read_list_file
from xianyu_desktop.core.items.item import dedup_ids
from xianyu_desktop.core.items.links import MAX_ID_DIGITS, MIN_ID_DIGITS, extract_item_ids, is_valid_item_id
from xianyu_desktop.core.items.money import format_money, money_text
from xianyu_desktop.core.items.status import status_label
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.alerts import AlertKind
from xianyu_desktop.core.watch.mine import MyListings
from xianyu_desktop.core.watch.rule_input import RuleInputError, parse_note, parse_target_price, parse_threshold_pct
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.core.watch.saved_searches import SavedSearches
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist
from xianyu_desktop.logs import configure_logging

_RELATIVE = re.compile(r"(\d+)\s*([mhd])", re.IGNORECASE)


def parse_since(text: str, now: dt.datetime) -> float:
    """An ISO date or time (Beijing time when no zone is given), or a span back from now: 30m, 24h, 7d."""
    text = text.strip()
    try:
        if m := _RELATIVE.fullmatch(text):
            amount, unit = int(m.group(1)), m.group(2).lower()
            span = {"m": dt.timedelta(minutes=amount), "h": dt.timedelta(hours=amount), "d": dt.timedelta(days=amount)}
            return (now - span[unit]).timestamp()
        when = dt.datetime.fromisoformat(text)
        return (when.replace(tzinfo=BEIJING) if when.tzinfo is None else when).timestamp()
    except ValueError:
        raise UsageError(f"--since 看不懂：{text!r}（例如 2026-11-28、2026-11-28T09:00、24h、7d）") from None
    except OverflowError:
        raise UsageError(f"--since 超出了能表示的日期范围：{text!r}（例如 24h、7d、365d）") from None


def _iso(at: float | None) -> str | None:
    return None if at is None else dt.datetime.fromtimestamp(at, BEIJING).isoformat(timespec="seconds")


def watched_json(state: WatchState) -> dict[str, Any]:
    return {
        "item_id": state.item_id,
        "title": state.title,
        "status": state.last_status,
        "status_label": status_label(state.last_status) if state.last_status else None,
        "price": money_text(state.last_price),
        "previous_price": money_text(state.previous_price),
        "change_pct": None if state.change_pct is None else str(state.change_pct),
        "first_price": money_text(state.first_price),
        "lowest_price": money_text(state.lowest_price),
        "highest_price": money_text(state.highest_price),
        "target_price": money_text(state.target_price),
        "threshold_pct": str(state.threshold_pct),
        "alert_on_rise": state.alert_on_rise,
        "note": state.note,
        "added_at": _iso(state.added_at),
        "last_checked": _iso(state.last_checked),
        "next_check": _iso(state.next_check),
        "last_error": state.last_error,
        "mine": state.mine,
    }


def alert_json(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "item_id": alert.item_id,
        "kind": alert.kind.value,
        "old": alert.old,
        "new": alert.new,
        "at": _iso(alert.at),
        "message": alert.message,
        "read": alert.read,
        "target_price": money_text(alert.target_price),
        "last_price": money_text(alert.last_price),
        "title": alert.title,
        "price": money_text(alert.last_price),
        "query": alert.query,
        "competitor_id": alert.competitor_id,
        "competitor_title": alert.competitor_title,
        "competitor_price": money_text(_money(alert.new)) if alert.kind is AlertKind.UNDERCUT else None,
        "my_price": money_text(_money(alert.old)) if alert.kind is AlertKind.UNDERCUT else None,
    }


def _money(text: str | None) -> Decimal | None:
    try:
        return None if text is None else Decimal(text)
    except ArithmeticError:
        return None


def _print_json(documents: list[dict[str, Any]]) -> None:
    """The same text as ``json.dumps(documents, indent=1)``, written an item at a time: a reader that stops
    early (``| head``) is noticed at the next write, and a long list is never one big string."""
    if not documents:
        sys.stdout.write("[]\n")
        return
    for n, document in enumerate(documents):
        body = json.dumps(document, ensure_ascii=False, indent=1).replace("\n", "\n ")
        sys.stdout.write(("[\n " if n == 0 else ",\n ") + body)
    sys.stdout.write("\n]\n")


def _refuse_files(inputs: list[str]) -> None:
    """``watch add list.xlsx`` means to import the file: say so rather than find no id in its name."""
    for argument in inputs:
        with contextlib.suppress(OSError, ValueError):
            if Path(argument).is_file() and not extract_item_ids(argument).ids:
                raise UsageError(
                    f"{argument} 是一个文件。要加入文件里的商品，请用：xianyu-desktop watch import {argument}"
                )


def _add(watchlist: Watchlist, text: str) -> int:
    extraction = extract_item_ids(text)
    problems = report_problems(extraction.problems)
    report_notes(extraction.notes)
    if not extraction.ids:
        print("xianyu-desktop watch: 没有识别到闲鱼商品 ID。", file=sys.stderr)
        return EXIT_USAGE
    added = watchlist.add(extraction.ids)
    print(
        f"已加入关注 {len(added)} 个"
        + (f"，{len(extraction.ids) - len(added)} 个已在关注中" if len(added) < len(extraction.ids) else "")
        + "。"
    )
    return EXIT_OK if problems == 0 else EXIT_SOME_FAILED


def _list(watchlist: Watchlist, as_json: bool) -> int:
    items = watchlist.items()
    if as_json:
        _print_json([watched_json(s) for s in items])
        return EXIT_OK
    if not items:
        print("关注列表是空的。用 xianyu-desktop watch add 加入商品。")
    for s in items:
        change = f"{s.change_pct:+}%" if s.change_pct is not None else ""
        status = status_label(s.last_status) if s.last_status else "未检查"
        print(f"{s.item_id}\t{status}\t{format_money(s.last_price)}\t{change}\t{s.title or ''}")
    return EXIT_OK


def _not_an_id(text: str) -> str:
    return f"{text!r} 不是闲鱼商品 ID（商品 ID 是 {MIN_ID_DIGITS}–{MAX_ID_DIGITS} 位数字）"


def _remove(watchlist: Watchlist, texts: list[str]) -> int:
    """Removes what it can and names each argument it could not: not an ID, or not watched."""
    ids = [t.strip() for t in texts if is_valid_item_id(t.strip())]
    for text in texts:
        if not is_valid_item_id(text.strip()):
            print(f"xianyu-desktop watch remove: {_not_an_id(text)}", file=sys.stderr)
    removed = watchlist.remove_each(ids)
    missing = [i for i in dedup_ids(ids) if i not in removed]
    for item_id in missing:
        print(f"xianyu-desktop watch remove: {item_id} 不在关注列表中", file=sys.stderr)
    print(f"已移除 {len(removed)} 个。")
    if not ids:
        return EXIT_USAGE
    return EXIT_OK if len(ids) == len(texts) and not missing else EXIT_SOME_FAILED


def _set(watchlist: Watchlist, args: argparse.Namespace) -> int:
    """The window's in-place edits from the command line, read by the same core.watch_input rules."""
    item_id = args.item_id.strip()
    if not is_valid_item_id(item_id):
        raise UsageError(_not_an_id(args.item_id))
    changes: dict[str, Any] = {}
    if args.target is not None:
        changes["target_price"] = parse_target_price(args.target)  # "" clears it, as in the window
    elif args.no_target:
        changes["target_price"] = None
    if args.threshold is not None:
        changes["threshold_pct"] = parse_threshold_pct(args.threshold)
    if args.note is not None or args.no_note:
        changes["note"] = "" if args.no_note else parse_note(args.note)
    mine = True if args.mine else False if args.not_mine else None
    if not changes and mine is None:
        raise UsageError("请给出要修改的：--target、--no-target、--threshold、--note、--no-note、--mine 或 --not-mine")
    if watchlist.get(item_id) is None:
        raise UsageError(f"{item_id} 不在关注列表中（先用 xianyu-desktop watch add 加入）")
    watchlist.update_rules(item_id, **changes)
    if mine is not None:
        MyListings(watchlist.store).set_mine(item_id, mine)
    state = watchlist.get(item_id)
    assert state is not None
    target = format_money(state.target_price) if state.target_price is not None else "无"
    whose = "，我的商品（按关注的节奏比价，同款压价时提醒）" if state.mine else ""
    print(f"已修改 {item_id}：目标价 {target}，降价 ≥{state.threshold_pct}% 时提醒，备注 {state.note or '无'}{whose}。")
    return EXIT_OK


def _poll(profile: Profile, args: argparse.Namespace) -> int:
    config = profile.resolve_config()
    configure_logging(profile.paths.log_dir, secrets=(config.app_secret,))
    watchlist = Watchlist(profile.store)
    with make_http_client(timeout=config.timeout) as http:
        poller = profile.poller(config, profile.make_client(config, http))
        plan = poller.plan()
        print(plan.describe(), file=sys.stderr)
        ids = watchlist.item_ids() if args.all else None
        search_ids = SavedSearches(profile.store).ids() if args.all else None
        compare_ids = sorted(MyListings(profile.store).mine_ids()) if args.all else None
        report = poller.poll(
            ids, force=args.all, cancel=threading.Event(), search_ids=search_ids, compare_ids=compare_ids
        )
    if report.locked_by is not None:
        # The window, the tray or a scheduled run is polling now: not an error, nothing to do twice.
        print(f"另一个轮询（{report.locked_by.describe()}）正在进行，这次没有检查，以免重复。", file=sys.stderr)
        return EXIT_OK
    record_poll(profile.store)
    for item_id, point in report.changes:
        state = watchlist.get(item_id)
        name = (state.title if state else None) or item_id
        print(f"{item_id}\t{status_label(point.status)}\t{format_money(point.price)}\t{name}")
    for alert in report.alerts:
        print(f"提醒\t{alert.message}")
    for item_id, message in report.errors:
        print(f"{item_id}\t{message}", file=sys.stderr)
    print(
        f"检查了 {report.checked} 个商品：{len(report.changes)} 处变化，{len(report.alerts)} 条提醒，"
        f"{len(report.errors)} 个失败。",
        file=sys.stderr,
    )
    for saved, message in report.search_errors:
        print(f"关键词「{saved.query}」\t{message}", file=sys.stderr)
    if report.searched:
        failed = len(report.search_errors)
        print(f"运行了 {report.searched} 个关键词监控，{failed} 个失败。", file=sys.stderr)
    for item_id, message in report.compare_errors:
        print(f"{item_id}\t比价：{message}", file=sys.stderr)
    if report.compared:
        print(f"比价了 {report.compared} 个我的商品。", file=sys.stderr)
    if report.not_attempted:
        skipped = report.not_attempted
        print(f"另有 {skipped} 个没有检查：上面的错误对每个商品都一样，没有为它们发出请求。", file=sys.stderr)
    for line in describe_delivery(profile.deliverer().deliver()):  # the alerts to the channels, via the outbox
        print(line, file=sys.stderr)
    problems = bool(report.errors or report.search_errors or report.compare_errors)
    return EXIT_SOME_FAILED if problems else EXIT_OK


def run_poll_worker() -> int:
    """The window's round of the watchlist, in a process of its own (core/poll_child.py). Its stdout carries
    the reports: anything else printed goes to stderr. A windowed build may start without sys.stdin/sys.stdout
    objects although the parent gave it pipes: their descriptors."""
    from xianyu_desktop.core.background.child import end_child
    from xianyu_desktop.core.poll_child import PollJob, serve

    stdin = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    stdout = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not break the reports
    sys.stdout = sys.stderr

    def log_to_the_profile(job: PollJob) -> None:
        configure_logging(job.paths.log_dir, secrets=(job.config.app_secret,))

    end_child(serve(stdin, stdout, log_to_the_profile), stdout)


def run_watch(args: argparse.Namespace) -> int:
    action = args.watch_action
    if action is None:
        print(
            "xianyu-desktop watch: 请给出动作：add、list、set、remove、poll、alerts、import、search 或 schedule",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        start_logging()
        profile = Profile.open()
    except StoreError as exc:
        print(f"xianyu-desktop watch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        watchlist = Watchlist(profile.store)
        try:
            if action == "add":
                if not args.inputs and (sys.stdin is None or sys.stdin.isatty()):
                    raise UsageError("请给出商品 ID、链接或分享文本，或从标准输入传入")
                _refuse_files(args.inputs)
                return _add(watchlist, "\n".join(args.inputs) if args.inputs else read_stdin())
            if action == "list":
                return _list(watchlist, args.json)
            if action == "remove":
                return _remove(watchlist, args.ids)
            if action == "set":
                return _set(watchlist, args)
            if action == "poll":
                return _poll(profile, args)
            if action == "search":
                return run_watch_search(SavedSearches(profile.store), args)
            if action == "schedule":
                return run_watch_schedule(profile.store, args)
            if action == "alerts":
                since = parse_since(args.since, dt.datetime.now(BEIJING)) if args.since else None
                alerts = watchlist.alerts(since=since)
                if args.json:
                    _print_json([alert_json(a) for a in alerts])
                else:
                    for alert in alerts:
                        print(f"{_iso(alert.at)}\t{alert.kind.value}\t{alert.message}")
                return EXIT_OK
            extraction = read_list_file(Path(args.file))
            problems = report_problems(extraction.problems)
            report_notes(extraction.notes)
            added = watchlist.add(extraction.ids)
            print(f"从 {args.file} 读到 {len(extraction.ids)} 个商品 ID，新加入关注 {len(added)} 个。")
            if extraction.ids_left_out:
                print(f"另有 {extraction.ids_left_out} 个商品 ID 超过单次导入上限（{MAX_IDS} 个），没有导入。")
            if extraction.cut_short:
                print(f"文件太大，只读取了前 {MAX_CELLS} 个单元格。")
            if not extraction.ids:
                if not problems:
                    print(
                        f"xianyu-desktop watch: {args.file} 里没有闲鱼商品链接，也没有 10–19 位的商品 ID。",
                        file=sys.stderr,
                    )
                return EXIT_SOME_FAILED
            return EXIT_OK if problems == 0 else EXIT_SOME_FAILED
        except (UsageError, ConfigError, ListFileError, RuleInputError) as exc:
            print(f"xianyu-desktop watch: {exc}", file=sys.stderr)
            return EXIT_USAGE
