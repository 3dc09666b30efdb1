"""Saving new settings while a lookup runs: the window swaps in a new session (built off the GUI
thread), the running lookup ends cleanly on the session it started with, the next one uses the new."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.notify_fixtures import MemoryKeyring
from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.sandbox.server import SANDBOX_SECRET


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def save_settings(qtbot, window, app_key: str, tier: str, gateway_url: str) -> None:
    dialog = window.open_settings()
    dialog.app_key.setText(app_key)
    dialog.secret.setText(SANDBOX_SECRET)
    dialog.tier.setCurrentIndex(dialog.tier.findData(tier))
    dialog.gateway.setText(gateway_url)
    with qtbot.waitSignal(window.session_changed, timeout=10_000), qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def admitted(gateway) -> int:
    return gateway.state.snapshot()["counts"].get("admitted", 0)


def test_settings_saved_while_a_lookup_runs(qtbot, open_window, start_sandbox, memory_keyring):
    first, second = start_sandbox(latency_ms=300), start_sandbox()
    window = open_window()
    qtbot.waitUntil(lambda: (d := window.findChild(QDialog, "firstRunDialog")) is not None and d.isVisible())
    window.findChild(QDialog, "firstRunDialog").reject()
    save_settings(qtbot, window, "sandbox-basic", "basic", first.url)
    started_on = window.session
    assert started_on.config.gateway_url == first.url

    ids = first.state.catalogue.demo_ids(12)
    tab = window.lookup_tab
    tab.input.setPlainText("\n".join(ids))
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fetch_task is not None and tab.fetch_task.running and tab.model.rowCount() > 0)

    save_settings(qtbot, window, "sandbox-advanced", "advanced", second.url)
    assert tab.fetch_task.running  # the swap did not stop it
    session = window.session
    assert session is not started_on and session.profile is started_on.profile
    assert session.config.gateway_url == second.url and session.config.tier.spec.name == "advanced"
    qtbot.waitUntil(lambda: "企业高级" in window.tier_label.text() and second.url in window.gateway_label.text())

    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=20_000)
    assert "查询完成：12 个商品，0 个失败" in window.statusBar().currentMessage()
    assert all(result.ok for result in tab.model.results())
    assert admitted(first) == 12 and admitted(second) == 0  # all of it on the session it started with
    assert not started_on.http.is_closed  # the same profile and HTTP client go on

    fresh = next(i for i in first.state.catalogue.demo_ids(40) if i not in ids)
    lookup_and_wait(qtbot, window, fresh)
    assert tab.model.result_at(0).ok
    assert admitted(second) == 1 and admitted(first) == 12  # the next lookup went to the new gateway
    assert window.message_bar is None or window.message_bar.isHidden()
