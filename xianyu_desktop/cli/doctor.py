"""``xianyu-desktop doctor``: every check in plain words; exit 0 only when all pass (a note, •, is not a
failure)."""

from __future__ import annotations

import argparse
import os
import sys

from xianyu_desktop.cli import EXIT_OK
from xianyu_desktop.core.doctor import Check, check_gateway, check_secret_age, local_checks
from xianyu_desktop.core.errors import ConfigError
from xianyu_desktop.core.gateway.config import ENV_APP_SECRET
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.storage.cache import CACHE_FILE
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.storage.store import STORE_FILE
from xianyu_desktop.paths import app_paths
from xianyu_desktop.qtcheck import qt_version

EXIT_CHECKS_FAILED = 1


def run_doctor(args: argparse.Namespace) -> int:
    paths = app_paths()
    checks = local_checks(
        paths.data_dir,
        paths.data_dir / STORE_FILE,
        paths.cache_dir / CACHE_FILE,
        qt_probe=qt_version,
        secret_in_environment=bool(os.environ.get(ENV_APP_SECRET)),
    )
    try:
        profile = Profile.open(paths)
    except StoreError as exc:
        checks.append(Check("数据文件", False, str(exc)))
        profile = None
    if profile is not None:
        with profile:
            in_environment = bool(os.environ.get(ENV_APP_SECRET))
            checks.append(check_secret_age(profile.store, secret_in_environment=in_environment))
            try:
                config = profile.resolve_config(gateway=args.gateway, tier=args.tier, app_key=args.app_key)
            except ConfigError as exc:
                checks.append(Check("凭据", False, str(exc)))
            else:
                with make_http_client(timeout=config.timeout) as http:
                    checks.extend(check_gateway(config, http))
                ledger = profile.quota_ledger(config)
                left, limit = ledger.remaining, config.tier.spec.daily_calls
                resets = f"{ledger.resets_at():%H:%M}（北京时间）重置"
                checks.append(Check("今日额度", left > 0, f"还剩 {left:,} / {limit:,} 次，{resets}"))
    for check in checks:
        print(f"{check.mark} {check.name}：{check.detail}")
    failed = sum(not c.ok for c in checks)
    print("全部检查通过。" if not failed else f"{failed} 项检查没有通过。", file=sys.stderr)
    return EXIT_OK if not failed else EXIT_CHECKS_FAILED
