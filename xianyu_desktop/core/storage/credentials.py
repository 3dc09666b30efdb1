"""Credentials: the app secret in the OS keyring, the rest (app key, tier, gateway) in the store.

When no keyring backend works, say exactly that and how to fix it; never fall back to writing the
secret to a plain file. Environment variables stay the documented way for scripts.
"""

from __future__ import annotations

import enum
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP

SERVICE = "xianyu-desktop"
SETTING_APP_KEY = "credentials.app_key"
SETTING_TIER = "credentials.tier"
SETTING_GATEWAY = "credentials.gateway"
SETTING_SECRET_SET_AT = "credentials.secret_set_at"  # epoch seconds: the key-rotation reminder's start

# Backends that keep the secret in a plain or weakly protected file, or nowhere at all.
_REFUSED = ("fail.Keyring", "null.Keyring", "PlaintextKeyring", "EncryptedKeyring", "Windows.RegistryKeyring")


def _as_written(text: str) -> str:
    return text


class KeyringUnavailable(UserError):
    """No usable OS credential store: the message says why, the remedy how to fix it. Its sentences are
    marked source texts (``sentences``, ``%1`` in the first is ``detail``), so the window can show them in
    the seller's language; ``str()`` is the Chinese the command line prints."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.sentences = (reason, _how_to_fix(), _ENVIRONMENT, _NO_PLAIN_FILE)
        self.detail = detail
        super().__init__(reason.replace("%1", detail), "".join(self.sentences[1:]), kind=UserErrorKind.KEYRING)

    def describe(self, translate: Callable[[str], str] = _as_written, separator: str = "") -> str:
        """The sentences, each through ``translate``, joined by ``separator``."""
        return separator.join(translate(s) for s in self.sentences).replace("%1", self.detail)


# The sentences: why the keyring cannot be used (a %1 is the keyring's error class), then what to do.
_ONLY_UNSAFE = QT_TRANSLATE_NOOP("core", "没有找到可用的系统钥匙环（当前只有不安全或不可用的后端）。")
_SAVE_REFUSED = QT_TRANSLATE_NOOP("core", "系统钥匙环拒绝保存密钥（%1）。")
_READ_FAILED = QT_TRANSLATE_NOOP("core", "无法从系统钥匙环读取密钥（%1）。")
_DELETE_FAILED = QT_TRANSLATE_NOOP("core", "无法从系统钥匙环删除密钥（%1）。")
_ENVIRONMENT = QT_TRANSLATE_NOOP("core", "脚本也可以改用环境变量 XIANYU_APP_SECRET。")
_NO_PLAIN_FILE = QT_TRANSLATE_NOOP("core", "为安全起见，密钥不会被写入普通文件。")


def _how_to_fix() -> str:
    if sys.platform.startswith("linux"):
        return QT_TRANSLATE_NOOP(
            "core",
            "在 Linux 上请安装并解锁 GNOME 钥匙环（gnome-keyring）或 KWallet；没有图形界面时可在 "
            "dbus-run-session 中运行 gnome-keyring-daemon --unlock。",
        )
    if sys.platform == "darwin":
        return QT_TRANSLATE_NOOP("core", "请确认“钥匙串访问”可用且登录钥匙串已解锁。")
    return QT_TRANSLATE_NOOP("core", "请确认 Windows 凭据管理器可用。")


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def describe_backend(backend: KeyringBackend) -> str:
    """Where the secret goes, as a marked source text (or the backend's module path for an unusual one)."""
    name = _name(backend)
    if "SecretService" in name:
        return QT_TRANSLATE_NOOP("core", "系统钥匙环（Secret Service：GNOME 钥匙环 / KWallet）")
    if "libsecret" in name.lower():
        return QT_TRANSLATE_NOOP("core", "系统钥匙环（libsecret）")
    if "kwallet" in name.lower():
        return "KWallet"
    if "macOS" in name:
        return QT_TRANSLATE_NOOP("core", "macOS 钥匙串")
    if "Windows" in name:
        return QT_TRANSLATE_NOOP("core", "Windows 凭据管理器")
    return name


def usable_backend(backend: KeyringBackend | None = None) -> KeyringBackend:
    """The keyring backend to use, or KeyringUnavailable."""
    chosen = backend or keyring.get_keyring()
    candidates = getattr(chosen, "backends", None)
    if candidates is not None and not candidates:
        raise KeyringUnavailable(QT_TRANSLATE_NOOP("core", "没有找到可用的系统钥匙环。"))
    name = _name(chosen)
    if any(refused in name for refused in _REFUSED):
        raise KeyringUnavailable(_ONLY_UNSAFE)
    return chosen


@dataclass(frozen=True, slots=True)
class StoredCredentials:
    app_key: str | None
    tier: str | None
    gateway: str | None


class CredentialStore:
    def __init__(self, store: Store, backend: KeyringBackend | None = None) -> None:
        self.store = store
        self._backend = backend

    def backend(self) -> KeyringBackend:
        return usable_backend(self._backend)

    def save(self, app_key: str, secret: str, *, tier: str, gateway: str | None, now: float | None = None) -> str:
        """Secret to the keyring first; only when that worked, the rest to the store (with when the secret
        was set, for the key-rotation reminder). Returns where the secret went."""
        backend = self.backend()
        previous = self.load().app_key
        try:
            backend.set_password(SERVICE, app_key, secret)
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable(QT_TRANSLATE_NOOP("core", "系统钥匙环已锁定，无法保存密钥。")) from None
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(_SAVE_REFUSED, type(exc).__name__) from None
        set_at = repr(time.time() if now is None else now)
        self.store.set_settings(
            {SETTING_APP_KEY: app_key, SETTING_TIER: tier, SETTING_GATEWAY: gateway, SETTING_SECRET_SET_AT: set_at}
        )
        if previous and previous != app_key:
            self._delete_secret(backend, previous)
        return describe_backend(backend)

    def load(self) -> StoredCredentials:
        return StoredCredentials(
            app_key=self.store.get_setting(SETTING_APP_KEY),
            tier=self.store.get_setting(SETTING_TIER),
            gateway=self.store.get_setting(SETTING_GATEWAY),
        )

    def secret(self, app_key: str) -> str | None:
        backend = self.backend()
        try:
            return backend.get_password(SERVICE, app_key)
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable(QT_TRANSLATE_NOOP("core", "系统钥匙环已锁定，无法读取密钥。")) from None
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(_READ_FAILED, type(exc).__name__) from None

    def clear(self) -> ClearOutcome:
        """Forget the saved app key, tier and gateway and the keyring's secret, saying what there was. No
        keyring at all is no reason to keep the rest; a keyring that refuses to delete is (raises)."""
        saved = self.load()
        try:
            backend: KeyringBackend | None = self.backend()
        except KeyringUnavailable:
            backend = None
        if backend is None:
            secret = SecretCleared.NO_KEYRING
        elif not saved.app_key:
            secret = SecretCleared.NO_APP_KEY
        else:
            deleted = self._delete_secret(backend, saved.app_key)
            secret = SecretCleared.DELETED if deleted else SecretCleared.NOT_STORED
        self.store.set_settings(
            {SETTING_APP_KEY: None, SETTING_TIER: None, SETTING_GATEWAY: None, SETTING_SECRET_SET_AT: None}
        )
        return ClearOutcome(
            any((saved.app_key, saved.tier, saved.gateway)), secret, describe_backend(backend) if backend else None
        )

    @staticmethod
    def _delete_secret(backend: KeyringBackend, app_key: str) -> bool:
        """True when a secret was there and is gone, False when there was none."""
        try:
            backend.delete_password(SERVICE, app_key)
        except keyring.errors.PasswordDeleteError:
            return False  # nothing stored under that key
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(_DELETE_FAILED, type(exc).__name__) from None
        return True


class SecretCleared(enum.Enum):
    DELETED = enum.auto()
    NOT_STORED = enum.auto()  # the keyring had no secret under the saved app key
    NO_APP_KEY = enum.auto()  # no saved app key, so no secret to look for
    NO_KEYRING = enum.auto()  # no usable keyring here: nothing can be stored in one


@dataclass(frozen=True, slots=True)
class ClearOutcome:
    had_settings: bool
    secret: SecretCleared
    keyring: str | None  # the keyring's description, when there is one

    def describe(self) -> str:
        if not self.had_settings and self.secret is not SecretCleared.DELETED:
            where = "也没有可用的系统钥匙环" if self.keyring is None else f"{self.keyring}中也没有要删除的密钥"
            return f"没有保存的凭据，无需清除（{where}）。"
        if self.secret is SecretCleared.DELETED:
            return f"已清除保存的 app_key、权限等级、网关，以及{self.keyring}中的密钥。"
        if self.secret is SecretCleared.NO_KEYRING:
            return "已清除保存的 app_key、权限等级和网关。这里没有可用的系统钥匙环，所以没有钥匙环中的密钥要清除。"
        return f"已清除保存的 app_key、权限等级和网关；{self.keyring}中没有它的密钥。"
