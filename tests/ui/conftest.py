"""GUI fixtures: the real main window, offscreen, on the embedded sandbox or a loopback one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt

from xianyu_desktop.app import create_main_window
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway
from xianyu_desktop.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def open_(*argv: str) -> MainWindow:
        window = create_main_window(list(argv))
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.close()


@pytest.fixture
def demo_window(open_window) -> MainWindow:
    return open_window("--demo", "--sandbox-latency-ms", "10")


@pytest.fixture
def use_gateway(monkeypatch) -> Callable[..., None]:
    def use(gateway: SandboxGateway, tier: str = "basic", secret: str = SANDBOX_SECRET) -> None:
        monkeypatch.setenv("XIANYU_GATEWAY", gateway.url)
        monkeypatch.setenv("XIANYU_APP_KEY", f"sandbox-{tier}")
        monkeypatch.setenv("XIANYU_TIER", tier)
        monkeypatch.setenv("XIANYU_APP_SECRET", secret)

    return use


def lookup_and_wait(qtbot, window: MainWindow, text: str, timeout: int = 20_000) -> None:
    tab = window.lookup_tab
    tab.input.setPlainText(text)
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fetch_task is not None and not tab.fetch_task.running, timeout=timeout)
