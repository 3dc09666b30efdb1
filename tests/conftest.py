"""Shared fixtures: real sandbox gateways on loopback, and clients configured for them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.errors
import pytest

from xianyu_desktop.core.gateway.client import ItemClient
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.storage.credentials import SERVICE
from xianyu_desktop.sandbox.server import SANDBOX_SECRET, SandboxGateway, SandboxOptions

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test runs may write into the developer's real profile."""
    monkeypatch.setenv("XIANYU_DESKTOP_HOME", str(tmp_path_factory.mktemp("home")))
    for name in ("XIANYU_GATEWAY", "XIANYU_TIER", "XIANYU_APP_KEY", "XIANYU_APP_SECRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., SandboxGateway]]:
    started: list[SandboxGateway] = []

    def start(*, catalogue_clock: Callable[[], float] | None = None, **options: Any) -> SandboxGateway:
        gateway = SandboxGateway(SandboxOptions(**options), catalogue_clock=catalogue_clock).start()
        started.append(gateway)
        return gateway

    yield start
    for gateway in started:
        gateway.stop()


@pytest.fixture
def sandbox(start_sandbox: Callable[..., SandboxGateway]) -> SandboxGateway:
    return start_sandbox()


@pytest.fixture
def http() -> Iterator[Any]:
    with make_http_client(timeout=10.0) as client:
        yield client


@pytest.fixture
def make_client(http: Any) -> Callable[..., ItemClient]:
    def make(
        gateway: SandboxGateway, tier: str = "basic", *, secret: str = SANDBOX_SECRET, **kwargs: Any
    ) -> ItemClient:
        config = GatewayConfig(
            gateway.url, f"sandbox-{tier}", secret, Tier.parse(tier), timeout=kwargs.pop("timeout", 10.0)
        )
        return ItemClient(config, http, **kwargs)

    return make


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """make test runs two workers (pytest-xdist, --dist loadgroup): the tests on the one real Secret Service
    run on the same worker, one after another, as they store under the same service name."""
    for item in items:
        if "secret_service" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("secret-service"))


@pytest.fixture
def secret_service():
    """The real Secret Service, or a skip that says why. CI sets XIANYU_REQUIRE_KEYRING=1 (it runs the
    suite inside dbus-run-session with an unlocked gnome-keyring), where a missing one is a failure."""
    backend = keyring.get_keyring()
    reason = None
    if "SecretService" not in type(backend).__module__:
        reason = f"no Secret Service here (keyring backend: {type(backend).__name__})"
    else:
        probe = f"probe-{uuid.uuid4().hex}"
        try:
            backend.set_password(SERVICE + "-test", probe, "x")
            backend.delete_password(SERVICE + "-test", probe)
        except keyring.errors.KeyringError as exc:
            reason = f"Secret Service not usable: {exc}"
    if reason:
        if os.environ.get("XIANYU_REQUIRE_KEYRING") == "1":
            pytest.fail(reason)
        pytest.skip(reason + "; run under .ci/keyring-session to include this test")
    return backend
