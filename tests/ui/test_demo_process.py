"""The demo's gateway runs as a process of its own (as a real gateway does, off the window's GIL): the
demo still looks items up through it, and it ends with the window."""

from __future__ import annotations

import httpx
import pytest

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.sandbox.process import SandboxProcess, SandboxStartError
from xianyu_desktop.sandbox.server import SandboxGateway, SandboxOptions
from xianyu_desktop.services import open_demo_gateway


def test_the_demo_looks_items_up_through_its_gateway_process(qtbot):
    from xianyu_desktop.app import create_main_window, wait_until_ready

    window = create_main_window(["--demo", "--sandbox-latency-ms", "10"])  # no --embedded-sandbox
    qtbot.addWidget(window)
    wait_until_ready(window, timeout_ms=30_000)
    gateway = window.session.demo_gateway
    assert isinstance(gateway, SandboxProcess) and gateway.running
    ids = httpx.get(gateway.base_url + "/_sandbox/catalogue?n=3", timeout=10).json()["item_ids"]
    lookup_and_wait(qtbot, window, "\n".join(ids))
    results = window.lookup_tab.model.results()
    assert sorted(r.item_id for r in results) == sorted(ids)  # in the order they answered
    assert all(r.failure is None and r.item is not None and r.item.title for r in results)
    counts = httpx.get(gateway.base_url + "/_sandbox/stats", timeout=10).json()["counts"]
    assert counts.get("admitted", 0) >= 3  # the calls went to the child, over loopback
    window.close()
    qtbot.waitUntil(lambda: not gateway.running, timeout=15_000)


def test_a_sandbox_process_stops_when_asked_and_serves_until_then():
    with SandboxProcess(SandboxOptions(latency_ms=0)) as gateway:
        assert gateway.url.startswith("http://127.0.0.1:") and gateway.url.endswith("/router/rest")
        assert httpx.get(gateway.base_url + "/_sandbox/stats", timeout=10).status_code == 200
    assert not gateway.running
    with pytest.raises(httpx.TransportError):
        httpx.get(gateway.base_url + "/_sandbox/stats", timeout=2)


def test_a_sandbox_process_that_cannot_start_says_so():
    with pytest.raises(SandboxStartError, match="did not start"):
        SandboxProcess(SandboxOptions(latency_ms=-5)).start()  # refused by `xianyu-desktop sandbox`


def test_the_demo_falls_back_to_an_embedded_gateway_when_no_process_starts(monkeypatch, caplog):
    def refuse(self):
        raise SandboxStartError("cannot start the sandbox process: no such program")

    monkeypatch.setattr(SandboxProcess, "start", refuse)
    gateway = open_demo_gateway(SandboxOptions(), embedded=False)
    try:
        assert isinstance(gateway, SandboxGateway)
        assert httpx.get(gateway.base_url + "/_sandbox/stats", timeout=10).status_code == 200
        assert "running it in this process instead" in caplog.text
    finally:
        gateway.stop()
