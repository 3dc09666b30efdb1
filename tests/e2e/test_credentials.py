"""Credentials in a real OS keyring (Secret Service in CI), and a plain refusal when there is none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backends import fail

from tests.e2e.test_cli import assert_plain_failure, run, text
from xianyu_desktop.core.storage.credentials import SERVICE, CredentialStore, KeyringUnavailable
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e
ID = "698765432109876543"
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def home() -> Path:
    return Path(os.environ["XIANYU_DESKTOP_HOME"])


def test_set_show_fetch_clear_with_the_real_keyring(secret_service, sandbox):
    key = "sandbox-basic"
    result = run(
        "credentials",
        "set",
        "--app-key",
        key,
        "--tier",
        "basic",
        "--gateway",
        sandbox.url,
        stdin=SANDBOX_SECRET + "\n",
    )
    assert result.returncode == 0, text(result.stderr)
    assert "Secret Service" in text(result.stdout)
    assert secret_service.get_password(SERVICE, key) == SANDBOX_SECRET

    shown = run("credentials", "show")
    assert "sandbox-basic" in text(shown.stdout) and "已存入" in text(shown.stdout)
    assert SANDBOX_SECRET not in text(shown.stdout) + text(shown.stderr)

    fetched = run("fetch", ID)  # no environment: everything from the store and the keyring
    assert fetched.returncode == 0, text(fetched.stderr)

    for path in (p for p in home().rglob("*") if p.is_file()):
        assert SANDBOX_SECRET.encode() not in path.read_bytes(), path

    assert run("credentials", "clear").returncode == 0
    assert secret_service.get_password(SERVICE, key) is None
    assert_plain_failure(run("fetch", ID), 2, "缺少 app_key")


def test_no_keyring_is_said_plainly_and_nothing_is_saved(sandbox):
    result = run("credentials", "set", "--app-key", "sandbox-basic", stdin="very-secret-value\n", env=NO_KEYRING)
    assert_plain_failure(result, 2, "没有找到可用的系统钥匙环")
    assert "gnome-keyring" in text(result.stderr) and "XIANYU_APP_SECRET" in text(result.stderr)
    assert "不会被写入普通文件" in text(result.stderr)
    store = Store(home() / "data").open()
    assert store.get_setting("credentials.app_key") is None
    store.close()
    for path in (p for p in home().rglob("*") if p.is_file()):
        assert b"very-secret-value" not in path.read_bytes(), path


def test_fetch_without_keyring_or_environment_explains_both(tmp_path):
    store = Store(tmp_path).open()
    store.set_settings({"credentials.app_key": "sandbox-basic"})
    store.close()
    creds = CredentialStore(Store(tmp_path).open(), backend=fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="XIANYU_APP_SECRET"):
        creds.save("k", "s", tier="basic", gateway=None)


def test_environment_secret_works_without_any_keyring(sandbox):
    env = {
        **NO_KEYRING,
        "XIANYU_GATEWAY": sandbox.url,
        "XIANYU_APP_KEY": "sandbox-basic",
        "XIANYU_TIER": "basic",
        "XIANYU_APP_SECRET": SANDBOX_SECRET,
    }
    assert run("fetch", ID, env=env).returncode == 0
    shown = run("credentials", "show", env=env)
    assert "环境变量 XIANYU_APP_SECRET" in text(shown.stdout)


def test_clear_without_a_keyring_says_so_and_still_forgets_the_rest():
    nothing = run("credentials", "clear", env=NO_KEYRING)
    assert nothing.returncode == 0, text(nothing.stderr)
    assert text(nothing.stdout).strip() == "没有保存的凭据，无需清除（也没有可用的系统钥匙环）。"

    store = Store(home() / "data").open()
    store.set_settings({"credentials.app_key": "sandbox-basic", "credentials.tier": "basic"})
    store.close()
    cleared = run("credentials", "clear", env=NO_KEYRING)
    out = text(cleared.stdout)
    assert cleared.returncode == 0, text(cleared.stderr)
    assert out.startswith("已清除保存的 app_key、权限等级和网关。这里没有可用的系统钥匙环")
    assert "钥匙环中的密钥。" not in out.replace("没有钥匙环中的密钥要清除", "")  # never claims a keyring was cleared
    store = Store(home() / "data").open()
    assert store.get_setting("credentials.app_key") is None and store.get_setting("credentials.tier") is None
    store.close()
