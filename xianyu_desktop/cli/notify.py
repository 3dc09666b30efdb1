"""``xianyu-desktop notify``: the notification channels (Apprise URLs; the URL goes to the system keyring,
lists show it masked), a test message per channel, the delivery settings and the outbox."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from xianyu_desktop.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE
from xianyu_desktop.cli.common import UsageError, read_stdin, start_logging
from xianyu_desktop.cli.notify_parser import FORM_OPTIONS
from xianyu_desktop.core.notify.addresses import AddressPolicy
from xianyu_desktop.core.notify.channels import Channel, ChannelBook, ChannelError
from xianyu_desktop.core.notify.deliver import DeliveryReport
from xianyu_desktop.core.notify.forms import FormIncomplete, build_url
from xianyu_desktop.core.notify.kinds import NOTIFY_KINDS, UnknownKind, parse_kinds
from xianyu_desktop.core.notify.outbox import HELD_LABELS, Outbox
from xianyu_desktop.core.notify.policy import BadQuietHours, DeliveryPolicy, QuietHours
from xianyu_desktop.core.notify.rotation import KeyRotation
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.credentials import KeyringUnavailable
from xianyu_desktop.core.storage.db import StoreError
from xianyu_desktop.core.timeutil import BEIJING

PROG = "xianyu-desktop notify"


def _url_from(args: argparse.Namespace) -> str:
    forms = [code for code in FORM_OPTIONS if getattr(args, code)]
    if len(forms) + bool(args.url) != 1:
        raise UsageError(
            "请给出一个 Apprise URL，或一个表单选项（--wecom、--dingtalk、--feishu、--bark、--serverchan、--pushplus）"
        )
    if args.url:
        return read_stdin().strip() if args.url == "-" else str(args.url)
    code = forms[0]
    values = {FORM_OPTIONS[code]: getattr(args, code), "secret": args.secret or "", "server": args.server or ""}
    try:
        return build_url(code, values)
    except FormIncomplete as exc:
        raise UsageError(str(exc)) from None


def _kinds_text(channel: Channel) -> str:
    if set(channel.kinds) == set(NOTIFY_KINDS):
        return "全部"
    return "、".join(NOTIFY_KINDS[k] for k in channel.kinds)


def _add(profile: Profile, args: argparse.Namespace) -> int:
    url = _url_from(args)
    try:
        kinds = parse_kinds(args.kinds)
    except UnknownKind as exc:
        raise UsageError(str(exc)) from None
    policy = AddressPolicy(allow_private=AppSettings.load(profile.store).notify.allow_lan)
    channel = ChannelBook(profile.store).add(
        url, name=args.name, kinds=kinds, policy=policy, allow_loopback=args.allow_loopback
    )
    print(f"已添加渠道「{channel.name}」：{channel.masked}，接收：{_kinds_text(channel)}。地址已存入系统钥匙环。")
    print(f"可以运行 xianyu-desktop notify test {channel.name} 发一条测试消息。")
    return EXIT_OK


def _list(profile: Profile, as_json: bool) -> int:
    channels = ChannelBook(profile.store).all()
    if as_json:
        print(json.dumps([c.as_dict() for c in channels], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not channels:
        print("还没有通知渠道：用 xianyu-desktop notify add URL 添加。", file=sys.stderr)
    for c in channels:
        created = dt.datetime.fromtimestamp(c.created_at, BEIJING).strftime("%Y-%m-%d %H:%M")
        print(f"{c.name}\t{c.masked}\t{_kinds_text(c)}\t{created}")
    return EXIT_OK


def _test(profile: Profile, name: str | None) -> int:
    book = ChannelBook(profile.store)
    channels = book.all() if name is None else [book.get(name)]
    if not channels or channels[0] is None:
        raise UsageError("还没有通知渠道" if name is None else f"没有名为「{name}」的通知渠道")
    deliverer = profile.deliverer()
    failed = 0
    for channel in channels:
        assert channel is not None
        why = deliverer.send_test(channel)
        if why is None:
            print(f"{channel.name}\t{channel.masked}\t已送达")
        else:
            failed += 1
            print(f"{channel.name}\t{channel.masked}\t没有送达：{why}")
    return EXIT_OK if not failed else EXIT_SOME_FAILED


def _settings(profile: Profile, args: argparse.Namespace) -> int:
    settings = AppSettings.load(profile.store)
    policy = settings.notify
    if any(v is not None for v in (args.quiet, args.cap, args.cooldown, args.allow_lan)):
        try:
            quiet = policy.quiet if args.quiet is None else QuietHours.parse(args.quiet)
        except BadQuietHours as exc:
            raise UsageError(str(exc)) from None
        if args.cap is not None and args.cap < 1:
            raise UsageError("每日上限至少是 1")
        if args.cooldown is not None and args.cooldown < 0:
            raise UsageError("冷却时间不能是负数")
        policy = DeliveryPolicy(
            quiet=quiet,
            daily_cap=policy.daily_cap if args.cap is None else args.cap,
            cooldown_s=policy.cooldown_s if args.cooldown is None else args.cooldown * 60,
            allow_lan=policy.allow_lan if args.allow_lan is None else args.allow_lan == "yes",
        )
        AppSettings(settings.timeout, settings.cache, settings.intervals, policy).save(profile.store)
    quiet_text = "关闭" if policy.quiet is None else f"{policy.quiet}（北京时间）"
    print(f"免打扰时段：{quiet_text}")
    print(f"每个渠道每日上限：{policy.daily_cap} 条（超出的暂存，第二天汇总发送）")
    print(f"同一商品冷却：{policy.cooldown_s / 60:g} 分钟")
    print(f"允许局域网地址：{'是' if policy.allow_lan else '否'}")
    return EXIT_OK


def _outbox(profile: Profile) -> int:
    counts = Outbox(profile.store).counts()
    if not counts:
        print("没有待发送的提醒。")
    for key, n in sorted(counts.items()):
        state, _, reason = key.partition(":")
        label = {"pending": "待发送", "failed": "发送失败（将重试）"}.get(state, "暂存")
        print(f"{label}{'：' + HELD_LABELS.get(reason, reason) if reason else ''}\t{n} 条")
    return EXIT_OK


def describe_delivery(report: DeliveryReport) -> list[str]:
    """What a delivery round did, one line each, for ``watch poll`` and ``notify deliver``."""
    if report.locked_by is not None:
        return [f"通知：另一个程序（{report.locked_by.describe()}）正在发送，这次不重复发送。"]
    lines = []
    if report.messages:
        lines.append(f"通知：送达 {report.messages} 条消息（{report.alerts} 条提醒）。")
    for reason, n in report.held.items():
        lines.append(f"通知：{n} 条提醒暂存（{HELD_LABELS.get(reason, reason)}），之后汇总发送。")
    for name, why in report.failures:
        lines.append(f"通知：渠道「{name}」没有送达（{why}），提醒保留，下次重试。")
    return lines


def run_notify(args: argparse.Namespace) -> int:
    action = args.notify_action
    if action is None:
        print(f"{PROG}: 请给出动作：add、list、remove、test、settings、outbox、deliver 或 snooze-key", file=sys.stderr)
        return EXIT_USAGE
    try:
        start_logging()
        profile = Profile.open()
    except StoreError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with profile:
        try:
            if action == "add":
                return _add(profile, args)
            if action == "list":
                return _list(profile, args.json)
            if action == "remove":
                channel = ChannelBook(profile.store).remove(args.name)
                print(f"已删除渠道「{channel.name}」（{channel.masked}），并从系统钥匙环删除了它的地址。")
                return EXIT_OK
            if action == "test":
                return _test(profile, args.name)
            if action == "settings":
                return _settings(profile, args)
            if action == "outbox":
                return _outbox(profile)
            if action == "deliver":
                report = profile.deliverer().deliver()
                for line in describe_delivery(report) or ["通知：没有要发送的提醒。"]:
                    print(line, file=sys.stderr)
                return EXIT_OK if not report.failures else EXIT_SOME_FAILED
            until = KeyRotation(profile.store).snooze(args.days)
            when = dt.datetime.fromtimestamp(until, BEIJING).strftime("%Y-%m-%d %H:%M")
            print(f"密钥轮换提醒推迟到 {when}（北京时间）；到时密钥仍未更换会再提醒一次。")
            return EXIT_OK
        except (UsageError, ChannelError, KeyringUnavailable) as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_USAGE
