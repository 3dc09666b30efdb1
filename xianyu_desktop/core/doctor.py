"""``doctor``: what works and what does not on this computer, in plain words, one line per check."""

from __future__ import annotations

import platform
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from xianyu_desktop import __version__
from xianyu_desktop.core.errors import ErrorKind, GatewayError
from xianyu_desktop.core.gateway.config import ENV_APP_SECRET, GatewayConfig
from xianyu_desktop.core.gateway.protocol import parse_item_response, server_clock_offset
from xianyu_desktop.core.gateway.signing import SIGN_PARAM
from xianyu_desktop.core.gateway.transport import post_gateway
from xianyu_desktop.core.notify.rotation import ROTATE_AFTER_DAYS, KeyRotation
from xianyu_desktop.core.storage.credentials import SERVICE, KeyringUnavailable, describe_backend, usable_backend
from xianyu_desktop.core.storage.private_files import private_folder
from xianyu_desktop.core.storage.store import Store

PROBE_ITEM_ID = "698765432109876543"  # the seed's example: "no data" for it still proves the signature
MIN_FREE_BYTES = 200 * 1024 * 1024
MAX_CLOCK_OFFSET_S = 120.0


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str
    note: bool = False  # worth knowing, not a failure (ok stays True)

    @property
    def mark(self) -> str:
        return "•" if self.note else "✓" if self.ok else "✗"


QtProbe = Callable[[], tuple[bool, str]]  # (loads, "Qt 6.x（PySide6 6.x）" or why not): qtcheck.qt_version


def check_versions(qt_probe: QtProbe) -> Check:
    """The core imports no Qt: the caller passes the probe that loads it (``qtcheck.qt_version``)."""
    ok, qt = qt_probe()
    return Check("版本", ok, f"闲鱼桌面助手 {__version__}，Python {platform.python_version()}，{qt}")


def check_folder(folder: Path) -> Check:
    try:
        private_folder(folder)
        probe = folder / f".doctor-{uuid.uuid4().hex}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return Check("数据文件夹", False, f"{folder} 不能写入：{exc.strerror or exc}")
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        return Check("数据文件夹", False, f"{folder} 可写，但磁盘只剩 {free / 2**20:.0f} MB，请清理空间")
    return Check("数据文件夹", True, f"{folder} 可写，剩余 {free / 2**30:.1f} GB")


def check_database(label: str, path: Path) -> Check:
    if not path.exists():
        return Check(label, True, f"{path} 还不存在（第一次使用时创建）")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check(label, False, f"{path} 无法读取：{exc}")
    return Check(label, result == "ok", f"{path} 完整" if result == "ok" else f"{path} 已损坏：{result}")


def check_keyring(*, secret_in_environment: bool = False) -> Check:
    """With the secret in XIANYU_APP_SECRET the keyring is not needed: its absence is then a note."""
    try:
        backend = usable_backend()
        name = f"doctor-{uuid.uuid4().hex}"
        backend.set_password(SERVICE + "-doctor", name, "test")
        value = backend.get_password(SERVICE + "-doctor", name)
        backend.delete_password(SERVICE + "-doctor", name)
    except KeyringUnavailable as exc:
        if secret_in_environment:
            return Check(
                "系统钥匙环",
                True,
                f"没有可用的系统钥匙环；密钥来自环境变量 {ENV_APP_SECRET}，不需要它（只有要保存密钥时才需要）",
                note=True,
            )
        return Check("系统钥匙环", False, str(exc))
    except Exception as exc:  # any backend failure is the answer to this check
        return Check("系统钥匙环", False, f"系统钥匙环读写失败（{type(exc).__name__}）")
    ok = value == "test"
    return Check(
        "系统钥匙环", ok, f"{describe_backend(backend)} 可以保存和读取密钥" if ok else "写入的测试条目读不回来"
    )


def local_checks(
    data_dir: Path, store_path: Path, cache_path: Path, *, qt_probe: QtProbe, secret_in_environment: bool = False
) -> list[Check]:
    """Everything that needs no network: versions, the data folder, the store and cache, the keyring."""
    return [
        check_versions(qt_probe),
        check_folder(data_dir),
        check_database("数据文件", store_path),
        check_database("缓存文件", cache_path),
        check_keyring(secret_in_environment=secret_in_environment),
    ]


def check_gateway(config: GatewayConfig, http: httpx.Client, clock: Callable[[], float] = time.time) -> list[Check]:
    """One signed call: is the gateway there, does it accept our signature, and how far off is the clock."""
    from xianyu_desktop.core.gateway.item_params import signed_params

    started = time.monotonic()
    params = signed_params(config, PROBE_ITEM_ID, "title", clock())
    try:
        answer = post_gateway(http, config, params)
    except GatewayError as exc:
        return [Check("网关", False, f"{config.gateway_url}：{exc.failure.describe()}")]
    latency = (time.monotonic() - started) * 1000
    offset = server_clock_offset(answer.headers, clock())
    checks = []
    try:
        parse_item_response(
            answer.status,
            answer.headers,
            answer.body,
            PROBE_ITEM_ID,
            local_now=clock(),
            secrets=(config.app_secret, params[SIGN_PARAM]),
        )
        checks.append(Check("网关", True, f"{config.gateway_url} 接受了签名（{latency:.0f} ms）"))
    except GatewayError as exc:
        accepted = exc.kind in (ErrorKind.NOT_FOUND,)
        detail = f"{config.gateway_url} 接受了签名（{latency:.0f} ms）" if accepted else exc.failure.describe()
        checks.append(Check("网关", accepted, detail))
    if offset is None:
        checks.append(Check("时钟", True, "网关没有返回时间，无法比较"))
    else:
        ok = abs(offset) <= MAX_CLOCK_OFFSET_S
        direction = "慢" if offset > 0 else "快"
        checks.append(
            Check("时钟", ok, f"电脑时间比网关{direction} {abs(offset):.0f} 秒" + ("" if ok else "，请开启自动校时"))
        )
    return checks


def check_secret_age(store: Store, *, secret_in_environment: bool = False, now: float | None = None) -> Check:
    """How old the saved app secret is (the key-rotation reminder's count); a note, never a failure."""
    rotation = KeyRotation(store)
    age = rotation.age_days(now)
    if age is None:
        where = f"密钥来自环境变量 {ENV_APP_SECRET}" if secret_in_environment else "还没有保存密钥"
        return Check("密钥使用时间", True, f"{where}，无法得知它的使用时间", note=True)
    if age >= ROTATE_AFTER_DAYS:
        return Check(
            "密钥使用时间", True, f"app_secret 已使用 {age} 天，超过 {ROTATE_AFTER_DAYS} 天，建议轮换密钥", note=True
        )
    left = ROTATE_AFTER_DAYS - age
    return Check("密钥使用时间", True, f"app_secret 已使用 {age} 天（每 3 个月轮换一次：还有 {left} 天）")
