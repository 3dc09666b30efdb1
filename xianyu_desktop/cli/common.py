"""Shared CLI plumbing: UTF-8 consoles, reading pasted text, reporting link problems, the gateway's
settings of a command that calls it."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from xianyu_desktop.core.items.importer import ListFileError, decode_text, read_user_file
from xianyu_desktop.core.items.links import Extraction, LinkProblem

if TYPE_CHECKING:
    from xianyu_desktop.core.gateway.config import GatewayConfig
    from xianyu_desktop.core.profile import Profile


def start_logging() -> None:
    """The app log, before the profile is opened (what opening finds, e.g. a cache moved aside, is logged).
    A folder that cannot hold a log is reported when the profile is opened, not here."""
    from xianyu_desktop.logs import configure_logging
    from xianyu_desktop.paths import app_paths

    with contextlib.suppress(OSError):
        configure_logging(app_paths().log_dir)


def gateway_config(profile: Profile, args: argparse.Namespace, prog: str) -> GatewayConfig | None:
    """The gateway settings ``--gateway``, ``--tier``, ``--app-key`` and ``--timeout`` give over the
    profile's, and the profile's log from then on with the secret masked in it. None when there are no
    usable ones, said in one line on stderr: the command exits 2 (EXIT_USAGE)."""
    from xianyu_desktop.core.errors import ConfigError
    from xianyu_desktop.logs import configure_logging

    try:
        config = profile.resolve_config(
            gateway=args.gateway, tier=args.tier, app_key=args.app_key, timeout=args.timeout
        )
    except ConfigError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    configure_logging(profile.paths.log_dir, secrets=(config.app_secret,))
    return config


class UsageError(Exception):
    """Bad input or configuration: one plain line, exit 2."""


def read_inputs(files: Iterable[str]) -> str:
    try:
        return "\n".join(decode_text(read_user_file(Path(name))) for name in files)
    except ListFileError as exc:
        raise UsageError(str(exc)) from None


def read_stdin() -> str:
    return decode_text(sys.stdin.buffer.read())


def report_problems(problems: Iterable[LinkProblem]) -> int:
    count = 0
    for problem in problems:
        print(f"{problem.reason}\t{problem.text}\t{problem.message}", file=sys.stderr)
        count += 1
    return count


def report_notes(notes: Iterable[LinkProblem]) -> None:
    """Notes about ids that were taken (one Excel has probably rounded): the same shape as problems, not
    counted as failures."""
    report_problems(notes)


def resolve_in_cli(extraction: Extraction) -> Extraction:
    """``--resolve``: the short links followed over the network (no cookie, no gateway call, no cache).
    XIANYU_SHORT_LINK_SERVER sends m.tb.cn to a stand-in (the sandbox), like XIANYU_GATEWAY: https, or
    plain http on loopback only."""
    import os

    from xianyu_desktop.core.errors import ConfigError
    from xianyu_desktop.core.net.http import make_http_client
    from xianyu_desktop.core.web.shortlinks import ShortLinkResolver, resolve_short_links, route_from_environment

    route = route_from_environment(os.environ)
    with make_http_client(timeout=10.0) as http:
        try:
            resolver = ShortLinkResolver(http, route=route, allow_loopback_http=bool(route))
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        return resolve_short_links(extraction, resolver)
