"""The window pushes the alerts its polling raises to the channels (off the GUI thread, after the round),
and the alerts panel says per alert where each went."""

from __future__ import annotations

import keyring
import pytest

from tests.notify_fixtures import MemoryKeyring, receiver
from tests.ui.test_watch_tab import EPOCHS_BETWEEN_CHECKS, SPEED, open_on_a_sandbox_with_its_own_clock, poll_now
from xianyu_desktop.core.notify.channels import ChannelBook


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def tooltips(tab) -> list[str]:
    return [tab.alerts.item(n).toolTip() for n in range(tab.alerts.count())]


def test_alerts_raised_by_the_window_are_pushed_and_the_panel_says_where(
    qtbot, open_window, start_sandbox, use_gateway, memory_keyring
):
    window, gateway, clock = open_on_a_sandbox_with_its_own_clock(open_window, start_sandbox, use_gateway)
    tab = window.watch_tab
    with receiver() as hook:
        ChannelBook(window.session.profile.store).add(hook.url(), name="手机", allow_loopback=True)
        window.session.watchlist.add(gateway.state.catalogue.demo_ids(10))
        tab.reload()
        qtbot.waitUntil(lambda: tab.model.rowCount() == 10, timeout=5000)
        poll_now(qtbot, window)  # the baseline: no alert, nothing pushed
        qtbot.waitUntil(lambda: tab.delivery.task is not None and not tab.delivery.task.running, timeout=10_000)
        assert hook.posts == []

        clock.now += EPOCHS_BETWEEN_CHECKS * 600 / SPEED
        poll_now(qtbot, window)
        qtbot.waitUntil(lambda: tab.alerts.count() > 0, timeout=5000)
        qtbot.waitUntil(lambda: all("已推送：手机 ✓" in t for t in tooltips(tab)), timeout=20_000)
        pushed = len(hook.posts)
        assert 0 < pushed <= tab.alerts.count()  # one message per item (several alerts of one item fold)
        titles = {state.title for state in tab.model.states() if state.title}
        assert all(any(title in message for title in titles) for message in hook.messages)

        poll_now(qtbot, window)  # nothing changed since: nothing more is pushed
        qtbot.waitUntil(lambda: tab.delivery.task is not None and not tab.delivery.task.running, timeout=10_000)
        assert len(hook.posts) == pushed
