"""``xianyu-desktop export``: the watchlist (or every cached item) to .xlsx or .csv."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from xianyu_desktop import __version__
from xianyu_desktop.cli import EXIT_OK, EXIT_USAGE
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.export.sources import result_rows, watchlist_rows
from xianyu_desktop.core.export.writer import ExportMeta, columns_for, holds_history, write_export
from xianyu_desktop.core.gateway.config import DEFAULT_GATEWAY, ENV_GATEWAY, ENV_TIER
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.lookup import result_from_cache
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.watch.watchlist import Watchlist


def run_export(args: argparse.Namespace) -> int:
    target = Path(args.out).expanduser()
    try:
        columns = columns_for(args.columns.split(",") if args.columns else None)
        profile = Profile.open()
    except (ExportError, StoreError) as exc:
        print(f"xianyu-desktop export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        saved = profile.credentials.load()
        try:
            tier = Tier.parse(os.environ.get(ENV_TIER) or saved.tier or Tier.PERSONAL.spec.name)
        except ConfigError as exc:
            print(f"xianyu-desktop export: {exc}", file=sys.stderr)
            return EXIT_USAGE
        gateway = os.environ.get(ENV_GATEWAY) or saved.gateway or DEFAULT_GATEWAY
        try:
            vocabulary = profile.vocabulary()
        except ConfigError as exc:
            print(f"xianyu-desktop export: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if args.what == "watchlist":
            rows, history = watchlist_rows(Watchlist(profile.store), profile.cache, vocabulary)
            source = "关注列表"
        else:
            hits = profile.cache.latest(profile.cache.all_ids())
            results = [r for r in (result_from_cache(h) for h in hits.values()) if r is not None]
            rows, history, source = result_rows(results, vocabulary), [], "本地缓存中的全部商品"
        meta = ExportMeta(source, gateway, tier.spec.label, __version__)
        try:
            write_export(target, rows, columns, history, meta)
        except ExportError as exc:
            print(f"xianyu-desktop export: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if not history:
        print(f"已导出 {len(rows)} 个商品到 {target}")
    elif holds_history(target):
        print(f"已导出 {len(rows)} 个商品、{len(history)} 条价格记录到 {target}")
    else:
        print(f"已导出 {len(rows)} 个商品到 {target}（CSV 只有商品表；{len(history)} 条价格记录要导出为 .xlsx 才有）")
    return EXIT_OK


def run_export_worker() -> int:
    """The window's watchlist export, in a process of its own (core/export/process.py). A windowed build
    may start without sys.stdin/sys.stdout objects although the parent gave it pipes: their descriptors."""
    from xianyu_desktop.core.background.child import end_child
    from xianyu_desktop.core.export.process import serve

    gc.disable()  # a short life building ~10^6 objects that reference counting frees (ui/gcpause.py)
    stdin = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    stdout = sys.stdout.buffer if sys.stdout is not None else os.fdopen(1, "wb")
    end_child(serve(stdin, stdout), stdout)
