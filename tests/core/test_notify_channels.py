"""The channel form (Chinese services → Apprise URLs), the environment fallback for a channel's URL when
no keyring works, kinds parsing, and the DeliveryWorker thread the window uses."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from keyring.backends import fail

from tests.clock import FakeClock
from tests.notify_fixtures import MemoryKeyring, receiver
from xianyu_desktop.core.notify.apprise_link import parse_url
from xianyu_desktop.core.notify.channels import ChannelBook, ChannelError
from xianyu_desktop.core.notify.deliver import Deliverer, DeliveryReport, DeliveryWorker
from xianyu_desktop.core.notify.forms import FormIncomplete, build_url
from xianyu_desktop.core.notify.kinds import DEFAULT_KINDS, UnknownKind, parse_kinds
from xianyu_desktop.core.storage.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data").open()
    yield s
    s.close(backup=False)


@pytest.mark.parametrize(
    ("code", "values", "url", "service"),
    [
        ("wecom", {"key": "693a91f6-7a0c-4bc4-97a0-0ec2sifa5aaa"}, "wecombot://693a91f6-7a0c-4bc4-97a0-0ec2sifa5aaa",
         "NotifyWeComBot"),
        ("dingtalk", {"token": "abc123def456"}, "dingtalk://abc123def456", "NotifyDingTalk"),
        ("dingtalk", {"token": "abc123def456", "secret": "SEC99aa"}, "dingtalk://SEC99aa@abc123def456",
         "NotifyDingTalk"),
        ("feishu", {"token": "b6e1a2c3-aa"}, "feishu://b6e1a2c3-aa", "NotifyFeishu"),
        ("bark", {"key": "DevKey123"}, "barks://api.day.app/DevKey123", "NotifyBark"),
        ("bark", {"key": "k1", "server": "http://192.168.1.5:8080"}, "bark://192.168.1.5:8080/k1", "NotifyBark"),
        ("serverchan", {"key": "SCT1234abcd"}, "schan://SCT1234abcd", "NotifyServerChan"),
        ("pushplus", {"token": "a" * 32}, "pushplus://" + "a" * 32, "NotifyPushplus"),
    ],
)  # fmt: skip
def test_the_form_builds_urls_apprise_reads(code, values, url, service):
    assert build_url(code, values) == url
    assert type(parse_url(url)).__name__ == service


def test_the_form_names_a_missing_field():
    with pytest.raises(FormIncomplete, match="钉钉群机器人的access_token"):
        build_url("dingtalk", {"secret": "x"})
    with pytest.raises(FormIncomplete, match="不认识的渠道类型"):
        build_url("qq", {})


def test_kinds_parse_with_aliases_and_unknown_ones_are_named():
    assert parse_kinds("") == DEFAULT_KINDS
    assert parse_kinds("sold, taken_down,price_drop") == ("price_drop", "sold", "offline")
    with pytest.raises(UnknownKind, match="bogus"):
        parse_kinds("sold,bogus")


def test_without_a_keyring_a_channel_url_comes_from_its_environment_variable(store, monkeypatch):
    memory = MemoryKeyring()
    channel = ChannelBook(store, memory).add("schan://SCT1234abcd5678", name="server 酱")
    locked = ChannelBook(store, fail.Keyring())
    with pytest.raises(ChannelError, match="XIANYU_NOTIFY_URL_SERVER__") as caught:
        locked.url_of(channel)
    assert "SCT1234" not in str(caught.value)
    monkeypatch.setenv("XIANYU_NOTIFY_URL_SERVER__", "schan://FROMENV12345678")
    assert locked.url_of(channel) == "schan://FROMENV12345678"
    assert ChannelBook(store, memory).url_of(channel) == "schan://SCT1234abcd5678"  # the keyring first


def test_a_channel_cannot_be_added_without_a_keyring(store):
    from xianyu_desktop.core.storage.credentials import KeyringUnavailable

    with pytest.raises(KeyringUnavailable):
        ChannelBook(store, fail.Keyring()).add("schan://SCT1234abcd5678")
    assert ChannelBook(store, MemoryKeyring()).all() == []


def test_the_delivery_worker_sends_on_its_own_thread_when_woken(store):
    keyring_backend = MemoryKeyring()
    with receiver() as hook:
        book = ChannelBook(store, keyring_backend)
        book.add(hook.url(), name="手机", allow_loopback=True)
        deliverer = Deliverer(store, book, clock=FakeClock(), retry_wait=0)
        reports: list[tuple[str, DeliveryReport]] = []
        done = threading.Event()

        def on_report(report: DeliveryReport) -> None:
            reports.append((threading.current_thread().name, report))
            if report.messages:
                done.set()

        worker = DeliveryWorker(deliverer, every=3600, on_report=on_report).start()
        try:
            with store.db.write() as conn:
                conn.execute(
                    "INSERT INTO alerts (item_id, at, kind, old, new, message) VALUES ('698765432109876543', 1, "
                    "'sold', '在售', '已售', '「相机」 已售出')"
                )
            worker.wake()
            assert done.wait(10)
        finally:
            worker.stop()
        assert reports[-1][0] == "notify-delivery" and len(hook.posts) == 1 and "已售出" in hook.messages[0]


def test_apprise_is_imported_only_when_a_channel_is_parsed(tmp_path):
    # Apprise (~45 modules, its plugin table) stays off the start-up path: the store, the channel book and the
    # deliverer a window builds at start need none of it; the first URL parsed imports it.
    code = (
        "import sys; from pathlib import Path;"
        "from xianyu_desktop.core.storage.store import Store;"
        "from xianyu_desktop.core.notify.channels import ChannelBook;"
        "from xianyu_desktop.core.notify.deliver import Deliverer;"
        "from xianyu_desktop.core.notify.policy import DeliveryPolicy;"
        "store = Store(Path(sys.argv[1])); book = ChannelBook(store); Deliverer(store, book, DeliveryPolicy());"
        "assert 'apprise' not in sys.modules, 'apprise imported at start';"
        "from xianyu_desktop.core.notify.apprise_link import parse_url;"
        "parse_url('json://127.0.0.1:9/hook'); assert 'apprise' in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
