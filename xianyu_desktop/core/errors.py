"""The errors a seller is shown: one base, ``UserError`` (a kind, a plain message, a remedy), shared by
the gateway's typed errors, bad configuration, the store, the keyring, exports and imports. Anything that
is not a UserError is a bug, for the crash handler.

The gateway remedies follow the seed's troubleshooting table (签名验证失败 / 权限不足 / 参数错误 /
无商品数据 / 响应超时).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP


class ErrorKind(enum.StrEnum):
    AUTH = "auth"
    CLOCK = "clock"
    PERMISSION = "permission"
    RATE_LIMITED = "rate_limited"
    QUOTA_EXHAUSTED = "quota_exhausted"
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
    TIMEOUT = "timeout"
    SERVER = "server"
    NETWORK = "network"
    CERTIFICATE = "certificate"
    PROTOCOL = "protocol"
    CANCELLED = "cancelled"
    NOT_ATTEMPTED = "not_attempted"  # the batch stopped at an answer every item would have got

    @property
    def retryable(self) -> bool:
        return self in _RETRYABLE

    @property
    def label(self) -> str:
        return _LABELS[self]


# An unreadable answer (a truncated body, a proxy's page) is most often passing trouble too; the attempt
# budget keeps a gateway URL that is simply wrong from costing more than a few calls.
_RETRYABLE = frozenset(
    {ErrorKind.RATE_LIMITED, ErrorKind.TIMEOUT, ErrorKind.SERVER, ErrorKind.NETWORK, ErrorKind.PROTOCOL}
)

_LABELS = {
    ErrorKind.AUTH: QT_TRANSLATE_NOOP("core", "认证失败"),
    ErrorKind.CLOCK: QT_TRANSLATE_NOOP("core", "时间不同步"),
    ErrorKind.PERMISSION: QT_TRANSLATE_NOOP("core", "权限不足"),
    ErrorKind.RATE_LIMITED: QT_TRANSLATE_NOOP("core", "调用过于频繁"),
    ErrorKind.QUOTA_EXHAUSTED: QT_TRANSLATE_NOOP("core", "今日额度已用完"),
    ErrorKind.BAD_REQUEST: QT_TRANSLATE_NOOP("core", "参数错误"),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP("core", "无商品数据"),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP("core", "响应超时"),
    ErrorKind.SERVER: QT_TRANSLATE_NOOP("core", "网关服务异常"),
    ErrorKind.NETWORK: QT_TRANSLATE_NOOP("core", "网络异常"),
    ErrorKind.CERTIFICATE: QT_TRANSLATE_NOOP("core", "网关证书无法验证"),
    ErrorKind.PROTOCOL: QT_TRANSLATE_NOOP("core", "网关返回了无法识别的内容"),
    ErrorKind.CANCELLED: QT_TRANSLATE_NOOP("core", "已取消"),
    ErrorKind.NOT_ATTEMPTED: QT_TRANSLATE_NOOP("core", "未查询"),
}

REMEDIES = {
    ErrorKind.AUTH: QT_TRANSLATE_NOOP("core", "请核对 app_key 和 app_secret 是否与开放平台一致，并确认电脑时间准确。"),
    ErrorKind.CLOCK: QT_TRANSLATE_NOOP(
        "core", "请校准电脑时间（开启自动同步时间），时间戳必须在网关时间前后 5 分钟内。"
    ),
    ErrorKind.PERMISSION: QT_TRANSLATE_NOOP(
        "core", "请在开放平台申请所用接口（item_get、item_search）及所需字段的权限，并把本机 IP 加入白名单。"
    ),
    ErrorKind.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "core", "调用频率超过了权限等级的上限，稍后会自动重试；可降低并发或升级权限。"
    ),
    ErrorKind.QUOTA_EXHAUSTED: QT_TRANSLATE_NOOP(
        "core", "今日调用次数已用完，北京时间零点重置；可减少关注数量或升级权限。"
    ),
    ErrorKind.BAD_REQUEST: QT_TRANSLATE_NOOP(
        "core", "请核对请求参数：商品 ID（10–19 位数字，从商品链接中提取）、字段列表或搜索条件。"
    ),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP("core", "商品可能已删除、下架、违规或设为私密，请在闲鱼中确认。"),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP("core", "网关响应超时，稍后重试；可减少请求的字段数量。"),
    ErrorKind.SERVER: QT_TRANSLATE_NOOP("core", "网关暂时异常，稍后重试。"),
    ErrorKind.NETWORK: QT_TRANSLATE_NOOP("core", "无法连接网关，请检查网络连接、代理设置和网关地址。"),
    ErrorKind.CERTIFICATE: QT_TRANSLATE_NOOP(
        "core", "请核对网关地址，检查系统根证书和电脑时间；若代理或安全软件拦截了 HTTPS，请关闭拦截或换个网络。"
    ),
    ErrorKind.PROTOCOL: QT_TRANSLATE_NOOP(
        "core", "网关返回的内容不是有效的接口响应，请检查网关地址是否正确，或稍后重试。"
    ),
    ErrorKind.CANCELLED: QT_TRANSLATE_NOOP("core", "查询已被取消。"),
    ErrorKind.NOT_ATTEMPTED: QT_TRANSLATE_NOOP(
        "core", "没有为这个商品发出请求，也没有计入今日额度；按同批那条错误的提示改正后重新查询。"
    ),
}


@dataclass(frozen=True, slots=True)
class GatewayFailure:
    """What went wrong with one call, with enough detail to explain and to decide on a retry."""

    kind: ErrorKind
    message: str
    code: int | None = None
    sub_code: str | None = None
    http_status: int | None = None
    retry_after: float | None = None
    clock_offset: float | None = None
    request_id: str | None = None
    same_answer_again: bool = False  # asking again would get the same answer (refused for its size)

    @property
    def retryable(self) -> bool:
        """Worth another attempt: a passing kind of trouble, unless the answer itself was the problem (an
        answer refused for its size would spend one call of the quota per attempt on the same bytes)."""
        return self.kind.retryable and not self.same_answer_again

    @property
    def remedy(self) -> str:
        return REMEDIES[self.kind]

    @property
    def same_for_every_item(self) -> bool:
        """An answer about the request rather than the item (a field list or parameter the gateway refuses,
        the credentials, the permissions, the clock): every other item of a batch would get it too."""
        if self.kind in (ErrorKind.AUTH, ErrorKind.PERMISSION, ErrorKind.CLOCK):
            return True
        if self.kind is ErrorKind.QUOTA_EXHAUSTED:
            return self.code is not None  # the gateway's refusal; our own ledger's costs nothing to repeat
        if self.kind is ErrorKind.BAD_REQUEST:
            return self.code in (40, 41) and "item_id" not in (self.sub_code or "")
        return False

    def describe(self) -> str:
        """One plain line for a seller: what happened and what to do."""
        return f"{self.kind.label}：{self.message}。{self.remedy}"


class UserErrorKind(enum.StrEnum):
    """The kinds of trouble that are not the gateway's (those are ErrorKind)."""

    CONFIG = "config"
    KEYRING = "keyring"
    EXPORT = "export"
    IMPORT = "import"
    POLL = "poll"  # a round of the watchlist's checks that did not finish (core/poll_child.py)
    # The store and the cache (core/storage/db.py), from SQLite's error code.
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    BUSY = "busy"  # another program holds the file (SQLITE_BUSY, SQLITE_LOCKED)
    CANT_OPEN = "cant_open"
    DISK_IO = "disk_io"
    CORRUPT = "corrupt"  # damaged, or not a database at all
    TOO_NEW = "too_new"  # written by a newer version of the program


_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?")


class UserError(Exception):
    """Trouble the seller can understand and act on: ``kind`` says what sort (code treats kinds apart),
    ``message`` what happened in plain words, ``remedy`` what to do ("" when the message says it).
    ``str()`` is the whole line, as the command line prints it and the window shows it."""

    def __init__(self, message: str, remedy: str = "", *, kind: ErrorKind | UserErrorKind) -> None:
        self.message = message
        self.remedy = remedy
        self._kind = kind
        super().__init__(self.describe())

    @property
    def kind(self) -> ErrorKind | UserErrorKind:
        return self._kind

    def describe(self) -> str:
        if not self.remedy:
            return self.message
        joint = "" if self.message.endswith(_SENTENCE_ENDS) else "。"
        return f"{self.message}{joint}{self.remedy}"


class GatewayError(UserError):
    """Raised by the client; carries a GatewayFailure."""

    def __init__(self, failure: GatewayFailure, *, attempts: int = 0) -> None:
        super().__init__(f"{failure.kind.label}：{failure.message}", failure.remedy, kind=failure.kind)
        self.failure = failure
        self.attempts = attempts  # attempts made for this call, retries included

    @property
    def kind(self) -> ErrorKind:
        return self.failure.kind


class ConfigError(UserError):
    """Bad configuration (unknown tier, missing secret, unusable gateway URL): a plain message."""

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message, remedy, kind=UserErrorKind.CONFIG)
