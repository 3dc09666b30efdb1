"""The ``notify`` command's options (the work lives in cli.notify, imported only when run)."""

from __future__ import annotations

import argparse

from xianyu_desktop.core.notify.forms import FORMS
from xianyu_desktop.core.notify.kinds import NOTIFY_KINDS

FORM_OPTIONS = {"wecom": "key", "dingtalk": "token", "feishu": "token", "bark": "key", "serverchan": "key",
                "pushplus": "token"}  # fmt: skip


def add_notify_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    notify = commands.add_parser("notify", help="通知渠道：把提醒推送到手机（企业微信、钉钉、飞书、Bark 等）")
    actions = notify.add_subparsers(dest="notify_action", metavar="ACTION", parser_class=type(notify))
    add = actions.add_parser("add", help="添加渠道：Apprise URL（如 wecombot://KEY；- 从标准输入读），或下面的表单选项")
    add.add_argument("url", nargs="?", metavar="URL")
    add.add_argument("--name", help="渠道名称（默认用协议名）")
    add.add_argument("--kinds", default="", help=f"只接收这些提醒，逗号分隔（默认全部：{','.join(NOTIFY_KINDS)}）")
    for code, field in FORM_OPTIONS.items():
        add.add_argument(f"--{code}", metavar=field.upper(), help=f"{FORMS[code].label}的 {field}")
    add.add_argument("--secret", help="钉钉机器人的加签密钥（与 --dingtalk 一起用）")
    add.add_argument("--server", help="Bark 服务器（与 --bark 一起用；默认 https://api.day.app）")
    add.add_argument("--allow-loopback", action="store_true", help="允许发到本机上的服务（如本机的 ntfy）")
    listing = actions.add_parser("list", help="列出渠道（地址已打码）")
    listing.add_argument("--json", action="store_true", help="输出 JSON 数组")
    remove = actions.add_parser("remove", help="删除渠道（同时从系统钥匙环删除它的地址）")
    remove.add_argument("name", metavar="NAME")
    test = actions.add_parser("test", help="给每个渠道（或指定的渠道）发一条测试消息")
    test.add_argument("name", nargs="?", metavar="NAME")
    settings = actions.add_parser("settings", help="查看或修改免打扰时段、每日上限、冷却时间、局域网地址")
    settings.add_argument("--quiet", metavar="HH:MM-HH:MM", help="免打扰时段（北京时间），off 关闭")
    settings.add_argument("--cap", type=int, metavar="N", help="每个渠道每天最多几条消息")
    settings.add_argument("--cooldown", type=float, metavar="MIN", help="同一商品两条消息之间至少几分钟")
    settings.add_argument("--allow-lan", choices=("yes", "no"), help="是否允许发到局域网地址（如局域网内的 ntfy）")
    actions.add_parser("outbox", help="还没送达的提醒：待发送、暂存、失败（将重试）")
    actions.add_parser("deliver", help="现在发送待发送的提醒（watch poll 之后会自动发送）")
    snooze = actions.add_parser("snooze-key", help="推迟密钥轮换提醒")
    snooze.add_argument("--days", type=float, default=7.0, help="推迟几天（默认 7）")
