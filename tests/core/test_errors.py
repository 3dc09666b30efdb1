"""One base for every error a seller is shown: a kind, a plain message, a remedy; ``str()`` the whole line."""

from __future__ import annotations

import pytest

from xianyu_desktop.core.errors import ConfigError, ErrorKind, GatewayError, GatewayFailure, UserError, UserErrorKind
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.items.importer import ListFileError, read_list_file
from xianyu_desktop.core.storage.credentials import KeyringUnavailable
from xianyu_desktop.core.storage.db import StoreError, StoreProblem


def test_a_gateway_error_is_a_user_error_with_its_kind_and_remedy_and_the_same_line():
    failure = GatewayFailure(ErrorKind.PERMISSION, "没有 item_get 权限", code=27)
    error = GatewayError(failure, attempts=1)
    assert isinstance(error, UserError) and error.kind is ErrorKind.PERMISSION
    assert error.message == "权限不足：没有 item_get 权限" and error.remedy == failure.remedy
    assert str(error) == failure.describe()


def test_the_keyring_error_keeps_its_sentences_and_its_line():
    error = KeyringUnavailable("系统钥匙环拒绝保存密钥（%1）。", "PasswordSetError")
    assert isinstance(error, UserError) and error.kind is UserErrorKind.KEYRING
    assert error.message == "系统钥匙环拒绝保存密钥（PasswordSetError）。"
    assert str(error) == error.describe(lambda text: text, "") == error.message + error.remedy
    assert "XIANYU_APP_SECRET" in error.remedy


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (ConfigError("缺少 app_secret"), UserErrorKind.CONFIG),
        (ExportError("无法保存 a.xlsx"), UserErrorKind.EXPORT),
        (ListFileError("文件是空的：a.csv"), UserErrorKind.IMPORT),
        (StoreError(StoreProblem.TOO_NEW, "数据文件来自更新版本的程序。", "请升级程序。"), UserErrorKind.TOO_NEW),
    ],
)
def test_every_plain_error_shares_the_base(error, kind):
    assert isinstance(error, UserError) and error.kind is kind
    assert str(error) == error.describe() and str(error).startswith(error.message)


def test_message_and_remedy_join_as_one_sentence_line():
    assert str(ConfigError("网关地址无效", "请核对地址。")) == "网关地址无效。请核对地址。"
    assert str(ConfigError("网关地址无效。", "请核对地址。")) == "网关地址无效。请核对地址。"
    assert str(ConfigError("网关地址无效")) == "网关地址无效"


def test_an_unreadable_import_raises_the_shared_base(tmp_path):
    with pytest.raises(UserError) as info:
        read_list_file(tmp_path / "missing.csv")
    assert info.value.kind is UserErrorKind.IMPORT and "找不到文件" in str(info.value)
