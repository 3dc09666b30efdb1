"""``xianyu-desktop`` command line. Subcommands import their modules lazily and never import Qt,
so ``extract`` stays a fast path for scripts."""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

from xianyu_desktop import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what `yes | head -1` leaves, so `set -o pipefail` sees the usual code


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one plain line and exit 2 (never a traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: 参数错误：{message}\n（运行 {self.prog} --help 查看用法）\n")


def setup_console() -> None:
    """Chinese text on any console: a legacy code page gets UTF-8 (with replacement) instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


COMMANDS = (
    "extract", "fetch", "search", "compare", "sandbox", "credentials", "quota", "store", "watch", "export", "doctor",
    "demo", "notify", "export-worker", "poll-worker",
)  # fmt: skip


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """Without the commands, only the window's options: what a start of the window needs to parse
    (building every command's parser costs ~8 ms of the window's start-up)."""
    parser = ChineseArgumentParser(
        prog="xianyu-desktop",
        description=("闲鱼桌面助手：通过官方签名 item_get 接口查询商品、关注价格、导出 Excel。不带子命令时打开窗口。"),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="打开窗口并使用内置演示网关（不需要账号）")
    parser.add_argument("--sandbox-latency-ms", type=float, default=80.0, help=argparse.SUPPRESS)
    parser.add_argument("--sandbox-speed", type=float, default=60.0, help=argparse.SUPPRESS)
    parser.add_argument("--exit-after-ms", type=int, default=0, help=argparse.SUPPRESS)
    # The choices are xianyu_desktop.i18n.LANGUAGES, written out: that module imports Qt, the CLI must not.
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="窗口的界面语言（这次启动用；默认用设置里的选择）")
    parser.add_argument("--minimized", "--tray", action="store_true", help="打开时只在托盘中运行（登录时自动启动用）")
    # The profile's folder (what XIANYU_DESKTOP_HOME says): how a scheduled or autostarted run finds it.
    parser.add_argument("--home", metavar="DIR", help="数据都放在这个文件夹里（同环境变量 XIANYU_DESKTOP_HOME）")
    if not with_commands:
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ChineseArgumentParser)

    extract = commands.add_parser("extract", help="从文本中提取闲鱼商品 ID（不联网）")
    extract.add_argument("files", nargs="*", metavar="FILE", help="要读取的文件；不给则读标准输入")
    extract.add_argument("--resolve", action="store_true", help="联网解析 m.tb.cn 短链接（不带 Cookie）")

    fetch = commands.add_parser("fetch", help="查询商品详情，每个商品输出一行 JSON")
    fetch.add_argument("inputs", nargs="*", metavar="ID_OR_LINK", help="商品 ID、链接或分享文本；不给则读标准输入")
    fetch.add_argument("--fields", help="只取这些字段，逗号分隔，如 title,price,status")
    fetch.add_argument("--no-cache", action="store_true", help="不用本地缓存，直接请求网关")
    fetch.add_argument("--resolve", action="store_true", help="联网解析 m.tb.cn 短链接")
    fetch.add_argument("--gateway", help="网关地址（或环境变量 XIANYU_GATEWAY）")
    fetch.add_argument("--tier", help="权限等级 personal / basic / advanced（或 XIANYU_TIER）")
    fetch.add_argument("--app-key", help="app_key（或 XIANYU_APP_KEY）；app_secret 只从环境变量 XIANYU_APP_SECRET 读取")
    fetch.add_argument("--timeout", type=float, help="单次请求超时秒数（默认 15）")
    fetch.add_argument(
        "--yes", action="store_true", help="这批超出今日剩余额度时仍然开始：先查额度内的，其余报告为额度已用完"
    )

    add_search_parser(commands)
    add_compare_parser(commands)

    sandbox = commands.add_parser("sandbox", help="启动本机沙盒网关（演示与测试用）")
    sandbox.add_argument("--host", default="127.0.0.1", help="监听地址（默认只监听本机 127.0.0.1）")
    sandbox.add_argument("--port", type=int, default=0, help="端口，0 表示自动选择空闲端口")
    sandbox.add_argument("--latency-ms", type=float, default=0.0, help="每个网关请求额外延迟的毫秒数")
    sandbox.add_argument(
        "--fault-rate", type=float, default=0.0, help="注入故障的比例 0–1（504、HTML 502、坏 JSON、断开连接）"
    )
    sandbox.add_argument("--no-limits", action="store_true", help="关闭频率和日额度限制（基准测试用）")
    sandbox.add_argument("--seed", type=int, default=0, help="商品目录的随机种子")
    sandbox.add_argument("--speed", type=float, default=1.0, help="价格与状态变化的加速倍数")
    # The window's demo mode runs the sandbox as its child (sandbox/process.py): it serves until the
    # window closes the child's stdin, or dies.
    sandbox.add_argument("--until-stdin-closes", action="store_true", help=argparse.SUPPRESS)

    credentials = commands.add_parser("credentials", help="保存、查看或清除调用凭据（密钥存入系统钥匙环）")
    credentials.add_argument("action", choices=["set", "show", "clear"])
    credentials.add_argument("--app-key", help="app_key")
    credentials.add_argument("--tier", help="权限等级 personal / basic / advanced")
    credentials.add_argument("--gateway", help="网关地址（默认官方网关）")

    quota = commands.add_parser("quota", help="今日已用调用次数 / 上限 / 重置时间")
    quota.add_argument("--app-key", help="app_key（默认已保存的）")
    quota.add_argument("--tier", help="权限等级")
    quota.add_argument("--json", action="store_true", help="输出 JSON")

    store = commands.add_parser("store", help="数据文件的自动备份与恢复")
    store.add_argument("action", choices=["backups", "restore"])
    store.add_argument(
        "file", nargs="?", metavar="NAME", help="要恢复的备份（store backups 列出的名称或文件路径；默认最新的完好备份）"
    )

    add_watch_parser(commands)
    from xianyu_desktop.cli.notify_parser import add_notify_parser

    add_notify_parser(commands)

    export = commands.add_parser("export", help="把关注列表（或本地缓存的全部商品）导出为 Excel 或 CSV")
    export.add_argument("--out", required=True, metavar="FILE", help="输出文件：.xlsx 或 .csv")
    export.add_argument("--what", choices=["watchlist", "cache"], default="watchlist", help="导出什么（默认关注列表）")
    export.add_argument("--columns", help="只导出这些列，逗号分隔（列名或键，如 商品ID,商品标题,price）")
    # The window's watchlist export runs in this child (core/export/process.py): the job on stdin. Unlisted.
    commands.add_parser("export-worker")
    # The window's rounds of the watchlist run in this child (core/poll_child.py): the job on stdin. Unlisted.
    commands.add_parser("poll-worker")

    doctor = commands.add_parser("doctor", help="检查运行环境、数据文件、钥匙环、网关、时钟和额度")
    doctor.add_argument("--gateway", help="网关地址（或 XIANYU_GATEWAY / 已保存的）")
    doctor.add_argument("--tier", help="权限等级")
    doctor.add_argument("--app-key", help="app_key")

    demo = commands.add_parser("demo", help="启动内置沙盒并查询一批演示商品")
    demo.add_argument("--count", type=int, default=12, help="演示商品数量（默认 12）")
    return parser


def add_search_parser(commands: Any) -> None:
    """``search`` (the work lives in cli.search, imported only when run: its numbers are written out here,
    SEARCH_PAGE_SIZE = 50 and the gateway's MAX_RESULTS = 2000)."""
    search = commands.add_parser("search", help="按关键词搜索闲鱼商品，每条结果一行（--json 每条一行 JSON）")
    search.add_argument("query", metavar="QUERY", help='搜索关键词，如 "iPhone 14 Pro"')
    search.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="收集多少条结果（默认 50，至少 1）：每页 50 条、一页一次调用，翻到够数或没有更多结果为止；"
        "网关只让翻看前 2000 条",
    )
    search.add_argument(
        "--sort",
        default="default",
        metavar="SORT",
        help="排序：default（综合，默认）、price_asc（价格从低到高）、price_desc（价格从高到低）、time_desc（最新发布）",
    )
    search.add_argument("--min-price", metavar="P", help="最低价（元），如 3000")
    search.add_argument("--max-price", metavar="P", help="最高价（元），如 5000")
    search.add_argument(
        "--condition",
        metavar="C",
        help="成色：new 全新、like_new 九成新、very_good 八成新、good 七成新、acceptable 六成新及以下",
    )
    search.add_argument("--location", metavar="L", help="所在地（省份或城市），如 深圳")
    search.add_argument(
        "--details", action="store_true", help="收集后查询这些商品的详情（先用缓存），按 fetch 的格式每个商品一行"
    )
    search.add_argument("--json", action="store_true", help="每条结果输出一行 JSON（金额为字符串）")
    search.add_argument("--no-cache", action="store_true", help="不用本地缓存，每一页（和详情）都直接请求网关")
    search.add_argument(
        "--yes", action="store_true", help="超出今日剩余额度时仍然开始：先搜额度内的页，其余报告为今日额度已用完"
    )
    search.add_argument("--gateway", help="网关地址（或环境变量 XIANYU_GATEWAY）")
    search.add_argument("--tier", help="权限等级 personal / basic / advanced（或 XIANYU_TIER）")
    search.add_argument(
        "--app-key", help="app_key（或 XIANYU_APP_KEY）；app_secret 只从环境变量 XIANYU_APP_SECRET 读取"
    )
    search.add_argument("--timeout", type=float, help="单次请求超时秒数（默认 15）")


def add_compare_parser(commands: Any) -> None:
    """``compare`` (the work lives in cli.compare, imported only when run: DEFAULT_MAX_CALLS = 10 is
    written out here, like search's numbers)."""
    compare = commands.add_parser(
        "compare", help="同款比价：找同款在售与成交价，给出中位价、性价比得分和建议价（--json 输出一个 JSON 对象）"
    )
    compare.add_argument("input", metavar="ID_OR_LINK", help="商品 ID、链接或分享文本")
    compare.add_argument(
        "--max-calls",
        type=int,
        default=10,
        metavar="N",
        help="这次比价最多用多少次调用（默认 10，至少 1）：商品本身 1 次，其余用于同款搜索和成交记录；缓存命中不计",
    )
    compare.add_argument("--json", action="store_true", help="输出一个 JSON 对象（金额为字符串）")
    compare.add_argument("--export", metavar="FILE.xlsx", help="把这次比价导出为 .xlsx（行情表：同款与排除原因、统计）")
    compare.add_argument("--no-cache", action="store_true", help="不用本地缓存，商品、搜索和成交记录都直接请求网关")
    compare.add_argument(
        "--vocabulary",
        metavar="FILE",
        help="商品词库文件（JSON，合并在内置词库之上；默认用数据文件夹的 market_vocabulary.json）",
    )
    compare.add_argument("--resolve", action="store_true", help="联网解析 m.tb.cn 短链接")
    compare.add_argument("--gateway", help="网关地址（或环境变量 XIANYU_GATEWAY）")
    compare.add_argument("--tier", help="权限等级 personal / basic / advanced（或 XIANYU_TIER）")
    compare.add_argument(
        "--app-key", help="app_key（或 XIANYU_APP_KEY）；app_secret 只从环境变量 XIANYU_APP_SECRET 读取"
    )
    compare.add_argument("--timeout", type=float, help="单次请求超时秒数（默认 15）")


def add_watch_parser(commands: Any) -> None:
    """``watch`` and its actions (the work itself lives in cli.watch, imported only when run)."""
    watch = commands.add_parser("watch", help="关注列表：加入、查看、修改、移除、检查、提醒、导入")
    actions = watch.add_subparsers(dest="watch_action", metavar="ACTION", parser_class=type(watch))
    add = actions.add_parser("add", help="加入关注（商品 ID、链接或分享文本；不给则读标准输入）")
    add.add_argument("inputs", nargs="*", metavar="ID_OR_LINK")
    listing = actions.add_parser("list", help="列出关注的商品")
    listing.add_argument("--json", action="store_true", help="输出 JSON 数组")
    remove = actions.add_parser("remove", help="移除关注")
    remove.add_argument("ids", nargs="+", metavar="ID")
    setting = actions.add_parser("set", help="修改一个关注商品的目标价、降价提醒幅度或备注（与窗口里的编辑相同）")
    setting.add_argument("item_id", metavar="ID")
    target = setting.add_mutually_exclusive_group()
    target.add_argument("--target", metavar="PRICE", help="目标价（元），价格降到它时提醒，如 3500")
    target.add_argument("--no-target", action="store_true", help="去掉目标价")
    setting.add_argument("--threshold", metavar="PCT", help="降价超过这个百分比时提醒（大于 0、不超过 100），如 8")
    note = setting.add_mutually_exclusive_group()
    note.add_argument("--note", metavar="TEXT", help="备注（最多 500 个字）")
    note.add_argument("--no-note", action="store_true", help="清空备注")
    mine = setting.add_mutually_exclusive_group()
    mine.add_argument("--mine", action="store_true", help="标为我的商品：按关注的节奏比价，同款压价时提醒")
    mine.add_argument("--not-mine", action="store_true", help="取消我的商品标记")
    poll = actions.add_parser("poll", help="检查一轮：到期的商品和关键词监控（或 --all 全部），打印变化后退出")
    poll.add_argument("--all", action="store_true", help="检查全部关注的商品和关键词监控，不看是否到期，也不用缓存")
    alerts = actions.add_parser("alerts", help="列出提醒")
    alerts.add_argument("--json", action="store_true", help="输出 JSON 数组")
    alerts.add_argument("--since", help="只看这之后的提醒：2026-11-28、2026-11-28T09:00 或 24h、7d")
    importing = actions.add_parser("import", help="从 .xlsx、.csv 或文本文件导入关注")
    importing.add_argument("file", metavar="FILE")
    search = actions.add_parser("search", help="关键词监控：保存的搜索，发现新发布的商品时提醒")
    search_actions = search.add_subparsers(dest="search_action", metavar="ACTION", parser_class=type(watch))
    saving = search_actions.add_parser("add", help="保存一个搜索（第一轮只记录现有的商品，不提醒）")
    saving.add_argument("query", metavar="QUERY")
    saving.add_argument("--max-price", metavar="P", help="最高价（元）：更贵的商品不提醒")
    saving.add_argument("--condition", metavar="C", help="成色，如 like_new")
    saving.add_argument("--location", metavar="L", help="所在地（省份或城市）")
    search_list = search_actions.add_parser("list", help="列出保存的搜索")
    search_list.add_argument("--json", action="store_true", help="输出 JSON 数组")
    unsaving = search_actions.add_parser("remove", help="删除一个保存的搜索（它的提醒保留）")
    unsaving.add_argument("search_id", metavar="ID")
    schedule = actions.add_parser("schedule", help="让系统定时运行 watch poll：窗口关着时也检查（安装、移除、查看）")
    schedule.add_argument("schedule_action", choices=["install", "remove", "status"], metavar="install|remove|status")
    schedule.add_argument("--every", type=int, default=10, metavar="MIN", help="每隔多少分钟运行一次（1–60，默认 10）")


def main(argv: Sequence[str] | None = None) -> int:
    setup_console()
    try:
        code = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, not at exit, so a reader that went away is caught below
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    return code


def _quiet_stdout() -> None:
    """The reader of stdout went away (``| head``): point stdout at devnull so the interpreter's final flush
    does not complain either (what Python's signal docs recommend for SIGPIPE)."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor (stdout replaced in-process)
        sys.stdout = None


def _run(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    names_a_command = any(arg in COMMANDS or arg in ("-h", "--help") for arg in given)
    args, rest = (None, []) if names_a_command else build_parser(with_commands=False).parse_known_args(given)
    if args is None or rest:
        args = build_parser().parse_args(given)  # a command, the help, or an error worded with the commands
    else:
        args.command = None
    if args.home:
        os.environ["XIANYU_DESKTOP_HOME"] = args.home  # paths.ENV_HOME: read wherever a profile is opened
    try:
        if args.command == "extract":
            from xianyu_desktop.cli.extract import run_extract

            return run_extract(args)
        if args.command == "fetch":
            from xianyu_desktop.cli.fetch import run_fetch

            return run_fetch(args)
        if args.command == "search":
            from xianyu_desktop.cli.search import run_search

            return run_search(args)
        if args.command == "compare":
            from xianyu_desktop.cli.compare import run_compare

            return run_compare(args)
        if args.command == "sandbox":
            from xianyu_desktop.cli.sandbox import run_sandbox

            return run_sandbox(args)
        if args.command == "credentials":
            from xianyu_desktop.cli.profile_cmds import run_credentials

            return run_credentials(args)
        if args.command == "quota":
            from xianyu_desktop.cli.profile_cmds import run_quota

            return run_quota(args)
        if args.command == "store":
            from xianyu_desktop.cli.profile_cmds import run_store

            return run_store(args)
        if args.command == "watch":
            from xianyu_desktop.cli.watch import run_watch

            return run_watch(args)
        if args.command == "notify":
            from xianyu_desktop.cli.notify import run_notify

            return run_notify(args)
        if args.command == "export":
            from xianyu_desktop.cli.export import run_export

            return run_export(args)
        if args.command == "poll-worker":
            from xianyu_desktop.cli.watch import run_poll_worker

            return run_poll_worker()
        if args.command == "export-worker":
            from xianyu_desktop.cli.export import run_export_worker

            return run_export_worker()
        if args.command == "doctor":
            from xianyu_desktop.cli.doctor import run_doctor

            return run_doctor(args)
        if args.command == "demo":
            from xianyu_desktop.cli.fetch import run_demo

            return run_demo(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    from xianyu_desktop.qtcheck import gui_problem

    problem = gui_problem()
    if problem is not None:
        print(f"xianyu-desktop: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # No cyclic collection until the window's first frame (MainWindow._start_loader turns it back on): Qt's
    # and the window's imports allocate enough for ~35 collections, ~5 ms of the first frame, freeing nothing.
    gc.disable()
    try:
        from xianyu_desktop.app import run_gui  # the window: the only path that imports Qt

        return run_gui(list(argv) if argv is not None else sys.argv[1:])
    finally:
        gc.enable()  # also when the window never opened
