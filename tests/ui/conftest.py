"""GUI fixtures: the real main window, offscreen, on the embedded sandbox or a loopback one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from xianyu_desktop.app import create_main_window, wait_until_ready
from xianyu_desktop.i18n import DEFAULT_LANGUAGE, install_translators
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway
from xianyu_desktop.ui.main_window import MainWindow
from xianyu_desktop.ui.tasks import TaskRunner


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def open_(*argv: str) -> MainWindow:
        # The demo's gateway in this process, where the tests read its state (the app runs it as a child).
        window = create_main_window([*argv, "--embedded-sandbox"])
        qtbot.addWidget(window)
        windows.append(window)
        wait_until_ready(window, timeout_ms=15_000)  # raises what the loader raised
        return window

    yield open_
    for window in windows:
        window.close()
    install_translators(QApplication.instance(), DEFAULT_LANGUAGE)  # a test may have opened one with --lang en


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


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    """A TaskRunner of its own, for the image loader's tests (no window)."""
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A plain httpx client for the image loader's tests: the loader's cache checks each address itself
    (shadows the root conftest's app client for tests/ui, where only those tests use one)."""
    with httpx.Client() as client:
        yield client
