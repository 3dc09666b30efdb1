"""``credentials``, ``quota`` and ``store``: the profile's own bookkeeping from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from xianyu_desktop.cli import EXIT_OK, EXIT_USAGE
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.config import (
    DEFAULT_GATEWAY,
    ENV_APP_KEY,
    ENV_APP_SECRET,
    ENV_TIER,
    validate_gateway_url,
)
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.backups import Backup, BackupKind, inspect_backup, parse_backup
from xianyu_desktop.core.storage.credentials import KeyringUnavailable, describe_backend
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.paths import app_paths


def _fail(command: str, message: object) -> int:
    print(f"xianyu-desktop {command}: {message}", file=sys.stderr)
    return EXIT_USAGE


def _read_secret() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("app_secret（输入时不显示）：")
    return sys.stdin.read().strip("\r\n") if sys.stdin is not None else ""


def run_credentials(args: argparse.Namespace) -> int:
    command = f"credentials {args.action}"
    try:
        profile = Profile.open()
    except StoreError as exc:
        return _fail(command, exc)
    with profile:
        creds = profile.credentials
        try:
            if args.action == "set":
                saved = creds.load()
                app_key = (args.app_key or saved.app_key or "").strip()
                if not app_key:
                    return _fail(command, "请用 --app-key 给出 app_key")
                tier = Tier.parse(args.tier or saved.tier or Tier.PERSONAL.spec.name)
                gateway = validate_gateway_url(args.gateway) if args.gateway else saved.gateway
                creds.backend()  # say "no keyring" before asking for the secret
                secret = _read_secret()
                if not secret:
                    return _fail(command, "没有读到 app_secret（从标准输入读取，或在终端中输入）")
                where = creds.save(app_key, secret, tier=tier.spec.name, gateway=gateway)
                print(f"已保存：app_key {app_key}，权限等级 {tier.spec.label}，密钥存入{where}。")
            elif args.action == "show":
                saved = creds.load()
                app_key = os.environ.get(ENV_APP_KEY) or saved.app_key
                print(f"app_key：{app_key or '未设置'}")
                tier_name = os.environ.get(ENV_TIER) or saved.tier or Tier.PERSONAL.spec.name
                print(f"权限等级：{Tier.parse(tier_name).spec.label}（{tier_name}）")
                print(f"网关：{os.environ.get('XIANYU_GATEWAY') or saved.gateway or DEFAULT_GATEWAY}")
                print(f"密钥：{_secret_location(profile, app_key)}")
            else:
                print(creds.clear().describe())
        except (KeyringUnavailable, ConfigError) as exc:
            return _fail(command, exc)
    return EXIT_OK


def _secret_location(profile: Profile, app_key: str | None) -> str:
    if os.environ.get(ENV_APP_SECRET):
        return f"环境变量 {ENV_APP_SECRET}"
    if not app_key:
        return "未设置"
    try:
        backend = profile.credentials.backend()
        found = profile.credentials.secret(app_key)
    except KeyringUnavailable as exc:
        return f"无法读取：{exc}"
    return f"已存入{describe_backend(backend)}" if found else f"未设置（{describe_backend(backend)} 中没有）"


def run_quota(args: argparse.Namespace) -> int:
    try:
        profile = Profile.open()
    except StoreError as exc:
        return _fail("quota", exc)
    with profile:
        saved = profile.credentials.load()
        app_key = (args.app_key or os.environ.get(ENV_APP_KEY) or saved.app_key or "").strip()
        if not app_key:
            return _fail("quota", "还没有设置 app_key：请运行 xianyu-desktop credentials set")
        try:
            tier = Tier.parse(args.tier or os.environ.get(ENV_TIER) or saved.tier or Tier.PERSONAL.spec.name)
        except ConfigError as exc:
            return _fail("quota", exc)
        ledger = StoreQuotaLedger(profile.store, app_key, tier.spec.daily_calls)
        used, resets = ledger.used, ledger.resets_at()
    if args.json:
        document = {
            "app_key": app_key,
            "tier": tier.spec.name,
            "used": used,
            "limit": tier.spec.daily_calls,
            "resets_at": resets.isoformat(),
        }
        print(json.dumps(document, ensure_ascii=False))
    else:
        print(
            f"{used} / {tier.spec.daily_calls}（{app_key}，{tier.spec.label}），"
            f"重置时间 {resets:%Y-%m-%d %H:%M} 北京时间"
        )
    return EXIT_OK


def run_store(args: argparse.Namespace) -> int:
    store = Store(app_paths().data_dir)
    backups = store.backups()
    if args.action == "backups":
        return _list_backups(store, backups)
    if args.file is not None:
        chosen = _named_backup(store, args.file)
        if chosen is None:
            return _fail("store restore", f"找不到备份：{args.file}（运行 xianyu-desktop store backups 查看有哪些）")
    else:
        chosen = _newest_good(backups)
        if chosen is None:
            return _fail("store restore", f"没有可恢复的自动备份（{store.backup_dir}）")
    try:
        outcome = store.restore(chosen)
    except (StoreError, OSError) as exc:
        return _fail("store restore", exc)
    found = parse_backup(chosen)
    when = f"{found.describe_time()}，{found.kind.label}的备份" if found else str(chosen.parent)
    print(f"已恢复备份 {chosen.name}（{when}）：{outcome.restored.describe()}。")
    if outcome.kept is not None:
        print(
            f"恢复前的数据文件已另存为备份 {outcome.kept.name}；"
            f"要换回它：xianyu-desktop store restore {outcome.kept.name}"
        )
    if outcome.damaged is not None:
        print(f"原来的数据文件无法读取，保留为 {outcome.damaged}（没有删除）。")
    return EXIT_OK


def _list_backups(store: Store, backups: list[Backup]) -> int:
    if not backups:
        print(f"没有自动备份（{store.backup_dir}）。")
        return EXIT_OK
    for backup in backups:
        try:
            contents = inspect_backup(backup.path).describe()
        except StoreError as exc:
            contents = f"不能用于恢复：{exc}"
        print(f"{backup.name}\t{backup.describe_time()}\t{backup.kind.label}\t{contents}")
    print(
        f"备份文件夹 {store.backup_dir}。xianyu-desktop store restore 恢复最新的完好备份，"
        "store restore 名称 恢复指定的一个。",
        file=sys.stderr,
    )
    return EXIT_OK


def _named_backup(store: Store, name: str) -> Path | None:
    for candidate in (store.backup_dir / name, Path(name)):
        if candidate.is_file():
            return candidate
    return None


def _newest_good(backups: list[Backup]) -> Path | None:
    """The newest backup that checks out; a store kept aside by an earlier restore only by name."""
    for backup in backups:
        if backup.kind is BackupKind.BEFORE_RESTORE:
            continue
        try:
            inspect_backup(backup.path, full=True)
        except StoreError as exc:
            print(f"跳过 {backup.name}：{exc}", file=sys.stderr)
            continue
        return backup.path
    return None
