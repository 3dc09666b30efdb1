"""Why a pasted link gave no item, and what a short link resolved to, in the interface language.

The core words each problem in Chinese (the command line prints it). In Chinese the window shows that
sentence as it is; another language gets one built from the problem's reason code and its variable
parts through Qt's translation. A reason this module does not know (a newer core's) keeps the core's
sentence, so nothing is ever shown blank.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from xianyu_desktop.core.items.links import (
    MAX_ID_DIGITS,
    MIN_ID_DIGITS,
    REASON_BAD_LENGTH,
    REASON_EXCEL_NUMBER,
    REASON_MAYBE_ROUNDED,
    REASON_NO_ID,
    REASON_NOT_XIANYU,
    REASON_SHORT_LINK,
    REASON_UNRESOLVED,
    LinkProblem,
)
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, fill
from xianyu_desktop.core.web.shortlink_landing import ShortLinkOutcome
from xianyu_desktop.core.web.shortlinks import (
    DETAIL_BAD_REDIRECT,
    DETAIL_NAME_UNRESOLVED,
    DETAIL_PAGE_TOO_LARGE,
    DETAIL_PRIVATE_ADDRESS,
    DETAIL_SLOW_PAGE,
    DETAIL_TIMEOUT,
    DETAIL_TOO_MANY_REDIRECTS,
    ShortLinkResolution,
)
from xianyu_desktop.i18n import DEFAULT_LANGUAGE, current_language

CONTEXT = "LinkProblems"
# The marks are core/texts.py's QT_TRANSLATE_NOOP: PySide's returns its text unchanged too, but is typed
# as returning object, and the tables below hold str.

_PROBLEMS: dict[str, str] = {
    REASON_SHORT_LINK: QT_TRANSLATE_NOOP("LinkProblems", "短链接，查询时自动联网解析"),
    REASON_NOT_XIANYU: QT_TRANSLATE_NOOP("LinkProblems", "这是其他购物网站（%1）的链接，不是闲鱼商品链接"),
    REASON_NO_ID: QT_TRANSLATE_NOOP("LinkProblems", "这个闲鱼链接里没有商品 ID"),
    REASON_BAD_LENGTH: QT_TRANSLATE_NOOP("LinkProblems", "商品 ID 应为 %1–%2 位数字"),
    REASON_UNRESOLVED: QT_TRANSLATE_NOOP("LinkProblems", "短链接没有解析到闲鱼商品"),
    REASON_EXCEL_NUMBER: QT_TRANSLATE_NOOP(
        "LinkProblems",
        "Excel 把这个商品 ID 存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填入 ID，或改用商品链接",
    ),
    REASON_MAYBE_ROUNDED: QT_TRANSLATE_NOOP(
        "LinkProblems",
        "这个商品 ID 第 15 位之后全是 0，可能被 Excel 四舍五入过；已照常读取，若查不到或商品不对，请把该列设为“文本”格式后重新复制",  # noqa: E501
    ),
}
_BAD_LENGTH_COUNTED = QT_TRANSLATE_NOOP("LinkProblems", "商品 ID 应为 %1–%2 位数字，这里是 %3 位")
_OUTCOMES: dict[ShortLinkOutcome, str] = {
    ShortLinkOutcome.TAOBAO: QT_TRANSLATE_NOOP("LinkProblems", "短链接打开的是淘宝或天猫的页面，不是闲鱼商品"),
    ShortLinkOutcome.EXPIRED: QT_TRANSLATE_NOOP("LinkProblems", "短链接已失效或不存在，请在闲鱼 App 里重新分享"),
    ShortLinkOutcome.NO_ITEM: QT_TRANSLATE_NOOP("LinkProblems", "短链接打开的页面里没有闲鱼商品"),
    ShortLinkOutcome.NOT_FOLLOWED: QT_TRANSLATE_NOOP("LinkProblems", "短链接跳转到闲鱼和淘宝以外的地址，没有继续打开"),
    ShortLinkOutcome.NETWORK: QT_TRANSLATE_NOOP("LinkProblems", "无法从短链接服务器得到回答，请检查网络后再试"),
}
_DETAILS: dict[str, str] = {
    DETAIL_TIMEOUT: QT_TRANSLATE_NOOP("LinkProblems", "超时"),
    DETAIL_SLOW_PAGE: QT_TRANSLATE_NOOP("LinkProblems", "页面读取超时"),
    DETAIL_TOO_MANY_REDIRECTS: QT_TRANSLATE_NOOP("LinkProblems", "跳转次数过多"),
    DETAIL_BAD_REDIRECT: QT_TRANSLATE_NOOP("LinkProblems", "跳转地址无效"),
    DETAIL_PRIVATE_ADDRESS: QT_TRANSLATE_NOOP("LinkProblems", "地址指向本机、内网或云服务器元数据地址"),
    DETAIL_PAGE_TOO_LARGE: QT_TRANSLATE_NOOP("LinkProblems", "页面过大"),
    DETAIL_NAME_UNRESOLVED: QT_TRANSLATE_NOOP("LinkProblems", "无法解析域名"),
}
_WITH_DETAIL = QT_TRANSLATE_NOOP("LinkProblems", "%1（%2）")
_LINE = QT_TRANSLATE_NOOP("LinkProblems", "%1：%2")
_RESOLVED = QT_TRANSLATE_NOOP("LinkProblems", "短链接指向商品 %1")
_RESOLVED_FROM_CACHE = QT_TRANSLATE_NOOP("LinkProblems", "短链接指向商品 %1（已缓存）")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def problem_line(problem: LinkProblem) -> str:
    """One line of the problems list: why, then the text it is about (a stranger's, shown as plain text)."""
    return _line(problem_text(problem), problem.text)


def resolution_line(resolution: ShortLinkResolution, text: str) -> str:
    """What a short link resolved to (the item's id), or why it did not."""
    if resolution.item_id is not None:
        template = _RESOLVED_FROM_CACHE if resolution.cached else _RESOLVED
        return _line(fill(_tr(template), resolution.item_id), text)
    if current_language() == DEFAULT_LANGUAGE:
        return _line(resolution.message, text)
    sentence = _tr(_OUTCOMES[resolution.outcome])
    if resolution.detail:
        detail = _DETAILS.get(resolution.detail)
        sentence = fill(_tr(_WITH_DETAIL), sentence, _tr(detail) if detail else resolution.detail)
    return _line(sentence, text)


def problem_text(problem: LinkProblem) -> str:
    template = _PROBLEMS.get(problem.reason)
    if template is None or (current_language() == DEFAULT_LANGUAGE and problem.reason != REASON_SHORT_LINK):
        return problem.message  # the core's sentence: Chinese, with all its details
    if problem.reason == REASON_NOT_XIANYU:
        host = urlsplit(problem.text if "://" in problem.text else "https://" + problem.text).hostname or "?"
        return fill(_tr(template), host)
    if problem.reason == REASON_BAD_LENGTH:
        digits = problem.text.strip()
        counted = digits.isdigit()  # a bare run of digits (full-width too); a link's id is not counted here
        return fill(
            _tr(_BAD_LENGTH_COUNTED if counted else template), str(MIN_ID_DIGITS), str(MAX_ID_DIGITS), str(len(digits))
        )
    return _tr(template)


def _line(why: str, text: str) -> str:
    return fill(_tr(_LINE), why, text)
