"""The form for the common Chinese channels: the fields a seller copies from the service's settings page,
turned into the Apprise URL (each scheme as Apprise's plugin reads it: wecombot://KEY,
dingtalk://[SECRET@]TOKEN, feishu://TOKEN, bark(s)://SERVER/DEVICE_KEY, schan://SENDKEY,
pushplus://TOKEN). ``build_url`` checks nothing beyond non-empty fields: ChannelBook.add lets Apprise
parse the result and says plainly when a key has the wrong form."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP

BARK_SERVER = "https://api.day.app"


@dataclass(frozen=True, slots=True)
class ChannelForm:
    code: str  # the CLI option and the scheme family
    label: str
    fields: tuple[tuple[str, str, bool], ...]  # (field, label, required)


FORMS = {
    "wecom": ChannelForm("wecom", QT_TRANSLATE_NOOP("core", "企业微信群机器人"),
                         (("key", QT_TRANSLATE_NOOP("core", "机器人 key"), True),)),
    "dingtalk": ChannelForm("dingtalk", QT_TRANSLATE_NOOP("core", "钉钉群机器人"),
                            (("token", "access_token", True),
                             ("secret", QT_TRANSLATE_NOOP("core", "加签密钥"), False))),
    "feishu": ChannelForm("feishu", QT_TRANSLATE_NOOP("core", "飞书群机器人"),
                          (("token", QT_TRANSLATE_NOOP("core", "Webhook 令牌"), True),)),
    "bark": ChannelForm("bark", "Bark", (("key", QT_TRANSLATE_NOOP("core", "设备 key"), True),
                                         ("server", QT_TRANSLATE_NOOP("core", "服务器"), False))),
    "serverchan": ChannelForm("serverchan", QT_TRANSLATE_NOOP("core", "Server酱"),
                              (("key", "SendKey", True),)),
    "pushplus": ChannelForm("pushplus", "PushPlus", (("token", "token", True),)),
}  # fmt: skip


class FormIncomplete(ValueError):
    pass


def _part(value: str) -> str:
    return quote(value.strip(), safe="")


def build_url(code: str, values: dict[str, str]) -> str:
    """The Apprise URL for form ``code`` from its field values; FormIncomplete names a missing field."""
    form = FORMS.get(code)
    if form is None:
        raise FormIncomplete(f"不认识的渠道类型：{code}（可选：{'、'.join(FORMS)}）")
    for name, label, required in form.fields:
        if required and not values.get(name, "").strip():
            raise FormIncomplete(f"请填写{form.label}的{label}")
    get = {name: values.get(name, "").strip() for name, _, _ in form.fields}
    if code == "wecom":
        return f"wecombot://{_part(get['key'])}"
    if code == "dingtalk":
        secret = f"{_part(get['secret'])}@" if get["secret"] else ""
        return f"dingtalk://{secret}{_part(get['token'])}"
    if code == "feishu":
        return f"feishu://{_part(get['token'])}"
    if code == "bark":
        server = urlsplit(get["server"] or BARK_SERVER if "://" in (get["server"] or BARK_SERVER)
                          else "https://" + get["server"])  # fmt: skip
        scheme = "bark" if server.scheme == "http" else "barks"
        return f"{scheme}://{server.netloc}{server.path.rstrip('/')}/{_part(get['key'])}"
    if code == "serverchan":
        return f"schan://{_part(get['key'])}"
    return f"pushplus://{_part(get['token'])}"
