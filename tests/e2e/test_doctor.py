"""``doctor`` against the sandbox: every check in plain words, exit 0 only when all pass."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.test_cli import run, sandbox_env, text

pytestmark = pytest.mark.e2e


def test_doctor_passes_with_a_keyring_and_a_working_gateway(secret_service, sandbox):
    result = run("doctor", env=sandbox_env(sandbox))
    out = text(result.stdout)
    assert result.returncode == 0, out
    for name in ("版本", "数据文件夹", "数据文件", "缓存文件", "系统钥匙环", "网关", "时钟", "今日额度"):
        assert f"✓ {name}：" in out
    assert "接受了签名" in out and "还剩" in out


def test_doctor_names_what_is_wrong(start_sandbox):
    gateway = start_sandbox(clock_offset=900)
    env = {**sandbox_env(gateway), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    home = Path(os.environ["XIANYU_DESKTOP_HOME"])
    (home / "cache").mkdir(parents=True, exist_ok=True)
    (home / "cache" / "cache.sqlite3").write_bytes(b"not a database" * 100)
    result = run("doctor", env=env)
    out = text(result.stdout)
    assert result.returncode == 1
    assert "• 系统钥匙环：没有可用的系统钥匙环；密钥来自环境变量 XIANYU_APP_SECRET" in out  # a note, not why
    assert "✗ 缓存文件：" in out
    assert "✗ 网关：时间不同步" in out
    assert re.search(r"✗ 时钟：电脑时间比网关慢 (899|900|901) 秒，请开启自动校时", out)  # Date has 1 s resolution
    assert "Traceback" not in text(result.stderr)


def test_doctor_without_credentials_says_how_to_set_them():
    result = run("doctor")
    assert result.returncode == 1
    assert "✗ 凭据：缺少 app_key" in text(result.stdout)


NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def test_no_keyring_is_only_a_note_when_the_environment_secret_works(sandbox):
    result = run("doctor", env={**sandbox_env(sandbox), **NO_KEYRING})
    out = text(result.stdout)
    assert result.returncode == 0, out
    assert re.search(r"^• 系统钥匙环：没有可用的系统钥匙环；密钥来自环境变量 XIANYU_APP_SECRET，不需要它", out, re.M)
    assert "✓ 网关：" in out and "接受了签名" in out and "✗" not in out
    assert "全部检查通过" in text(result.stderr)


def test_no_keyring_and_no_environment_secret_is_still_a_failure(sandbox):
    env = {**sandbox_env(sandbox), **NO_KEYRING}
    del env["XIANYU_APP_SECRET"]
    result = run("doctor", env=env)
    out = text(result.stdout)
    assert result.returncode == 1
    assert "✗ 系统钥匙环：没有找到可用的系统钥匙环" in out
