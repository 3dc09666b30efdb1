"""Notification channels: a name, the alert kinds it gets, and an Apprise URL that carries a token.

The URL lives only in the OS keyring (as the app secret does, core/storage/credentials.py: unsafe
backends refused, never a plain file); the store keeps the name, the scheme, a masked form
(``wecombot://****abcd``) and the kinds. Where no keyring works (a scheduled command without a desktop
session), a channel's URL can come from the environment, ``XIANYU_NOTIFY_URL_<NAME>``: the documented way
for scripts, as XIANYU_APP_SECRET is for the secret."""

from __future__ import annotations

import os
import re
import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import keyring.errors
from keyring.backend import KeyringBackend

from xianyu_desktop.core.errors import UserError, UserErrorKind
from xianyu_desktop.core.net.netguard import AddressRefused, Origin, is_loopback_host
from xianyu_desktop.core.notify.addresses import AddressPolicy, check_target, target_of
from xianyu_desktop.core.notify.apprise_link import ChannelInvalid, mask_url, parse_url, scheme_of
from xianyu_desktop.core.notify.kinds import DEFAULT_KINDS, NOTIFY_KINDS
from xianyu_desktop.core.storage.credentials import KeyringUnavailable, usable_backend
from xianyu_desktop.core.storage.store import Store

KEYRING_SERVICE = "xianyu-desktop-notify"
ENV_PREFIX = "XIANYU_NOTIFY_URL_"
MAX_NAME = 40


class ChannelError(UserError):
    """A channel could not be added, found or used; the message never holds its URL."""

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message, remedy, kind=UserErrorKind.CONFIG)


@dataclass(frozen=True, slots=True)
class Channel:
    id: int
    name: str
    scheme: str
    masked: str
    kinds: tuple[str, ...]
    created_at: float
    keyring_key: str
    loopback: Origin | None = None  # an origin on this computer the seller allowed for this channel

    def wants(self, kind: str) -> bool:
        return kind in self.kinds

    def env_name(self) -> str:
        return env_name(self.name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "scheme": self.scheme,
            "url": self.masked,
            "kinds": list(self.kinds),
            "created_at": self.created_at,
        }


def env_name(name: str) -> str:
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", name.upper())


def _origin(text: str | None) -> Origin | None:
    if not text:
        return None
    host, _, port = text.rpartition(":")
    return Origin(host, int(port))


def _channel(row: Sequence[Any]) -> Channel:
    channel_id, name, scheme, masked, kinds, created_at, key, loopback = row
    return Channel(channel_id, name, scheme, masked, tuple(k for k in kinds.split(",") if k), created_at, key,
                   _origin(loopback))  # fmt: skip


_COLUMNS = "id, name, scheme, masked, kinds, created_at, keyring_key, loopback"


class ChannelBook:
    """The channels in the store and their URLs in the keyring."""

    def __init__(self, store: Store, backend: KeyringBackend | None = None) -> None:
        self.store = store
        self._backend = backend

    def _conn(self) -> sqlite3.Connection:
        return self.store.db.connection()

    def all(self) -> list[Channel]:
        return [_channel(r) for r in self._conn().execute(f"SELECT {_COLUMNS} FROM notify_channels ORDER BY id")]

    def get(self, name: str) -> Channel | None:
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM notify_channels WHERE name = ?", (name,)).fetchone()
        return None if row is None else _channel(row)

    def by_id(self, channel_id: int) -> Channel | None:
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM notify_channels WHERE id = ?", (channel_id,)).fetchone()
        return None if row is None else _channel(row)

    def add(
        self,
        url: str,
        *,
        name: str | None = None,
        kinds: Sequence[str] = DEFAULT_KINDS,
        policy: AddressPolicy | None = None,
        allow_loopback: bool = False,
        now: float | None = None,
    ) -> Channel:
        """Check the URL (Apprise parses it; its address is allowed), put it in the keyring, then the
        channel in the store. Raises ChannelError or KeyringUnavailable; nothing is kept on a refusal."""
        url = url.strip()
        try:
            plugin = parse_url(url)
        except ChannelInvalid as exc:
            raise ChannelError(str(exc)) from None
        loopback = target_of(plugin) if allow_loopback else None
        if loopback is not None and not is_loopback_host(loopback.host):
            loopback = None
        checked = policy or AddressPolicy()
        if loopback is not None:
            checked = AddressPolicy(checked.allow_private, checked.loopback | {loopback}, checked.resolver)
        try:
            check_target(plugin, checked)
        except AddressRefused as exc:
            raise ChannelError(str(exc), "请换一个公网上的通知服务地址。") from None
        scheme = scheme_of(url)
        name = (name or "").strip() or self._free_name(scheme)
        if len(name) > MAX_NAME or "\n" in name:
            raise ChannelError(f"渠道名称太长或含换行（最多 {MAX_NAME} 个字）")
        if self.get(name) is not None:
            raise ChannelError(f"已有名为「{name}」的渠道", "请用 --name 换一个名称，或先删除原来的渠道。")
        bad = [k for k in kinds if k not in NOTIFY_KINDS]
        if bad or not kinds:
            raise ChannelError(f"不认识的提醒类型：{'、'.join(bad) or '（空）'}")
        key = f"channel-{uuid.uuid4().hex}"
        self._set_secret(key, url)
        at = time.time() if now is None else now
        loop_text = None if loopback is None else f"{loopback.host}:{loopback.port}"
        try:
            with self.store.db.write() as conn:
                cursor = conn.execute(
                    "INSERT INTO notify_channels (name, scheme, masked, kinds, created_at, keyring_key, loopback)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name, scheme, mask_url(url), ",".join(kinds), at, key, loop_text),
                )
                channel_id = int(cursor.lastrowid or 0)
        except BaseException:
            self._delete_secret(key)
            raise
        return Channel(channel_id, name, scheme, mask_url(url), tuple(kinds), at, key, loopback)

    def set_kinds(self, name: str, kinds: Sequence[str]) -> Channel:
        channel = self._require(name)
        with self.store.db.write() as conn:
            conn.execute("UPDATE notify_channels SET kinds = ? WHERE id = ?", (",".join(kinds), channel.id))
        return self._require(name)

    def remove(self, name: str) -> Channel:
        """The channel, its keyring entry and its outbox rows go; the alerts stay."""
        channel = self._require(name)
        self._delete_secret(channel.keyring_key)
        with self.store.db.write() as conn:
            conn.execute("DELETE FROM notify_channels WHERE id = ?", (channel.id,))
        return channel

    def url_of(self, channel: Channel) -> str:
        """The channel's URL: from the keyring, else from its environment variable; ChannelError when neither."""
        from_env = os.environ.get(channel.env_name())
        try:
            backend = usable_backend(self._backend)
            url = backend.get_password(KEYRING_SERVICE, channel.keyring_key)
        except (KeyringUnavailable, keyring.errors.KeyringError) as exc:
            if from_env:
                return from_env
            why = exc.message if isinstance(exc, KeyringUnavailable) else f"系统钥匙环出错（{type(exc).__name__}）"
            raise ChannelError(
                f"无法读取渠道「{channel.name}」的地址：{why}",
                f"请解锁系统钥匙环，或为脚本设置环境变量 {channel.env_name()}。",
            ) from None
        if url is None and from_env:
            return from_env
        if url is None:
            raise ChannelError(
                f"系统钥匙环中没有渠道「{channel.name}」的地址",
                f"请删除后重新添加这个渠道，或设置环境变量 {channel.env_name()}。",
            )
        return url

    def _require(self, name: str) -> Channel:
        channel = self.get(name)
        if channel is None:
            names = "、".join(c.name for c in self.all()) or "（还没有渠道）"
            raise ChannelError(f"没有名为「{name}」的通知渠道（现有：{names}）")
        return channel

    def _free_name(self, scheme: str) -> str:
        taken = {c.name for c in self.all()}
        for n in range(1, 1000):
            candidate = scheme if n == 1 else f"{scheme}-{n}"
            if candidate not in taken:
                return candidate
        return f"{scheme}-{uuid.uuid4().hex[:6]}"

    def _set_secret(self, key: str, url: str) -> None:
        backend = usable_backend(self._backend)
        try:
            backend.set_password(KEYRING_SERVICE, key, url)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable("系统钥匙环拒绝保存通知渠道的地址（%1）。", type(exc).__name__) from None

    def _delete_secret(self, key: str) -> None:
        try:
            usable_backend(self._backend).delete_password(KEYRING_SERVICE, key)
        except (KeyringUnavailable, keyring.errors.PasswordDeleteError):
            pass  # nothing stored there, or no keyring to hold it
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable("无法从系统钥匙环删除通知渠道的地址（%1）。", type(exc).__name__) from None
