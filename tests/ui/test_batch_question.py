"""The real window asks before a lookup bigger than what is left of today's quota, with the plan's figures,
and does what the seller answers: look up what fits, or nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.e2e


def requests(gateway) -> int:
    return gateway.state.snapshot()["counts"].get("requests", 0)


@pytest.fixture
def window_with_3_calls_left(qtbot, open_window, use_gateway, start_sandbox):
    gateway = start_sandbox()
    use_gateway(gateway, "personal")
    window = open_window()
    window.session.quota.set_used(97)
    return window, gateway


def ask(qtbot, window, ids: list[str]) -> QMessageBox:
    tab = window.lookup_tab
    tab.input.setPlainText("\n".join(ids))
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.batch_question.box is not None and tab.batch_question.box.isVisible())
    return tab.batch_question.box


def test_the_window_asks_with_the_figures_and_looks_up_what_fits(qtbot, window_with_3_calls_left):
    window, gateway = window_with_3_calls_left
    tab = window.lookup_tab
    box = ask(qtbot, window, gateway.state.catalogue.demo_ids(5))
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().splitlines() == [
        "这批 5 个商品需要 5 次调用。",
        "今日还剩 3 次调用（个人测试权限：每天 100 次、每秒 1 次）。",
        "今日额度只够查 3 个，约需 4 秒。",
        "其余 2 个要等北京时间零点额度重置后再查（还需 1 天的额度），会显示为“今日额度已用完”。",
    ]
    assert requests(gateway) == 0  # nothing is sent while the question is open
    go = box.findChild(type(box.buttons()[0]), "batchQuestionGo")
    assert go.text() == "查询额度内的 3 个"
    qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=20_000)
    kinds = sorted("ok" if r.ok else r.failure.kind.value for r in tab.model.results())
    assert kinds == ["ok", "ok", "ok", "quota_exhausted", "quota_exhausted"]
    assert requests(gateway) == 3


def test_declining_sends_nothing_and_says_cancelled(qtbot, window_with_3_calls_left):
    window, gateway = window_with_3_calls_left
    tab = window.lookup_tab
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    box = ask(qtbot, window, gateway.state.catalogue.demo_ids(5))
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.fetch_task.running)
    assert tab.model.results() == []
    assert messages and messages[-1].startswith("已取消")
    assert requests(gateway) == 0
    assert tab.fetch_button.isEnabled()


def test_a_batch_that_fits_is_not_asked_about(qtbot, open_window, use_gateway, start_sandbox):
    gateway = start_sandbox()
    use_gateway(gateway, "personal")
    window = open_window()
    tab = window.lookup_tab
    tab.input.setPlainText("\n".join(gateway.state.catalogue.demo_ids(2)))
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fetch_task is not None and not tab.fetch_task.running, timeout=20_000)
    assert tab.batch_question.box is None
    assert all(r.ok for r in tab.model.results()) and len(tab.model.results()) == 2
