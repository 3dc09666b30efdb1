"""``xianyu-desktop compare``: one item against its market (PROTOCOL.md, "Same-item comparison").

The id or link is read as ``fetch`` reads it (``--resolve`` follows a short link). What the comparison
will spend is said on stderr before the first call (core/market/gather.py: the item, search pages,
trade_record lookups, within ``--max-calls``). ``--json`` prints the issue's one object; without it a
short summary in Chinese. Exit 0 for ``ok`` and ``thin`` (样本不足), 3 when the item or its whole market
could not be fetched, 2 for usage (a bad id or link, ``--max-calls`` below 1, a vocabulary file that
cannot be used, no credentials).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import threading
from pathlib import Path

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.cli.common import (
    UsageError,
    gateway_config,
    report_notes,
    report_problems,
    resolve_in_cli,
    start_logging,
)
from xianyu_desktop.cli.fetch import one_line
from xianyu_desktop.core.errors import ConfigError, GatewayError
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.export.market_sheet import write_market_export
from xianyu_desktop.core.items.links import extract_item_ids
from xianyu_desktop.core.items.money import format_money
from xianyu_desktop.core.market.comparison import Verdict, thin_message
from xianyu_desktop.core.market.filtering import Source
from xianyu_desktop.core.market.gather import MIN_MAX_CALLS
from xianyu_desktop.core.market.service import MarketReport
from xianyu_desktop.core.market.vocabulary import SPEC_LABELS, Vocabulary, load_vocabulary
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.db import StoreError

PROG = "xianyu-desktop compare"
TOP_REASONS = 5


def item_id_of(args: argparse.Namespace) -> str:
    """The one item the argument names, read as ``fetch`` reads ids, links and share texts."""
    if args.max_calls < MIN_MAX_CALLS:
        raise UsageError(f"--max-calls 至少为 {MIN_MAX_CALLS}（只查商品本身），收到 {args.max_calls}")
    extraction = extract_item_ids(args.input)
    if args.resolve and extraction.short_links:
        extraction = resolve_in_cli(extraction)
    report_notes(extraction.notes)
    if not extraction.ids:
        report_problems(extraction.problems)
        hint = "（短链接请加 --resolve）" if extraction.short_links else ""
        raise UsageError(f"没有识别到闲鱼商品 ID{hint}：{one_line(args.input)[:80]}")
    if len(extraction.ids) > 1:
        raise UsageError(f"一次只能比较一个商品，识别到 {len(extraction.ids)} 个：{'、'.join(extraction.ids[:5])}")
    return extraction.ids[0]


def vocabulary_of(args: argparse.Namespace, profile: Profile) -> Vocabulary:
    """``--vocabulary FILE`` merged over the built-in one, else the profile's (VocabularyError if unusable)."""
    if args.vocabulary:
        path = Path(args.vocabulary)
        if not path.is_file():
            raise UsageError(f"找不到商品词库文件：{args.vocabulary}")
        return load_vocabulary(path)
    return profile.vocabulary()


def summary_lines(report: MarketReport) -> list[str]:
    """The readable summary (strangers' text kept on one line)."""
    item, comparison = report.item, report.comparison
    stats, template = comparison.stats, comparison.template
    condition = f"，{item.condition_label}" if item.condition_label else ""
    lines = [f"商品 {item.item_id}：{one_line(item.title or '（无标题）')}  {format_money(item.price)}{condition}"]
    if template.model is None:
        lines.append(f"同款：词库里没有认出型号（搜索词“{one_line(template.query)}”），无法确认同款。")
    else:
        specs = "，".join(f"{SPEC_LABELS.get(k, k)} {v}" for k, v in template.specs.items())
        specs = f"（{specs}）" if specs else ""
        lines.append(f"同款：{template.brand} {template.model}{specs}，搜索词“{template.query}”")
    completed = report.completion
    if completed.category and completed.category_inferred:
        lines.append(f"类目（由标题推断）：{completed.category}")
    if completed.original_price is not None and completed.original_price_inferred:
        lines.append(f"原价（由词库推断的新机价）：{format_money(completed.original_price)}")
    sold = sum(1 for c in comparison.comparables if c.source is Source.TRADE_RECORD)
    if stats.count:
        lines.append(
            f"在售同款 {stats.count} 件、{stats.sellers} 位卖家：中位价 {format_money(stats.median)}，"
            f"P25–P75 {format_money(stats.p25)} – {format_money(stats.p75)}，"
            f"最低 {format_money(stats.min)}、最高 {format_money(stats.max)}"
        )
    if stats.sold_median is not None:
        lines.append(f"近期成交 {sold} 笔，成交中位价 {format_money(stats.sold_median)}")
    if comparison.percentile is not None:
        lines.append(f"你的价格高于 {comparison.percentile:g}% 的同款（0 最便宜，100 最贵）")
    if comparison.value_score is not None:
        lines.append(f"性价比得分 {comparison.value_score:g}（0–100，按同款中位价与成色算，50 为公道价）")
    if comparison.verdict is Verdict.THIN or comparison.suggested is None:
        lines.append(thin_message(stats))
    else:
        s = comparison.suggested
        lines.append(f"建议价：快速出手 {format_money(s.quick_sale)}，耐心价 {format_money(s.patient)}。{s.reasoning}")
    counted = collections.Counter(e.reason for e in comparison.excluded)
    if counted:
        top = "，".join(f"{r.label} {n}" for r, n in counted.most_common(TOP_REASONS))
        lines.append(f"排除 {len(comparison.excluded)} 件：{top}")
    cache = "（商品用了缓存）" if report.item_from_cache else ""
    lines.append(f"共 {report.calls_used} 次调用{cache}，缓存命中不计。")
    return lines


def run_compare(args: argparse.Namespace) -> int:
    try:
        item_id = item_id_of(args)
        if args.export and Path(args.export).suffix.lower() != ".xlsx":
            raise UsageError(f"--export 只能是 .xlsx 文件，收到：{args.export}")
        start_logging()
        profile = Profile.open()
    except (ConfigError, UsageError, StoreError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        config = gateway_config(profile, args, PROG)
        if config is None:
            return EXIT_USAGE
        try:
            vocabulary = vocabulary_of(args, profile)
        except (ConfigError, UsageError) as exc:  # VocabularyError is a ConfigError
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        cancel = threading.Event()
        with make_http_client(timeout=config.timeout) as http:
            service = profile.market(profile.make_client(config, http), vocabulary)
            print(service.plan_for(item_id, args.max_calls, force=args.no_cache).describe(), file=sys.stderr)
            try:
                report = service.compare(item_id, max_calls=args.max_calls, force=args.no_cache, cancel=cancel)
            except GatewayError as exc:
                print(f"{PROG}: 没有查到商品 {item_id}：{exc}", file=sys.stderr)
                return EXIT_SOME_FAILED
            finally:
                cancel.set()
    if args.export:
        try:
            target = write_market_export(Path(args.export).expanduser(), report)
        except ExportError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"已导出行情到 {target}", file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(summary_lines(report)) + "\n")
    for note in report.notes:
        print(f"说明：{note}", file=sys.stderr)
    for failure in report.failures:
        print(f"{PROG}: {failure.describe()}", file=sys.stderr)
    if report.market_failed:
        print(f"{PROG}: 同款行情一次也没有取到，结果只有商品本身。", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK
