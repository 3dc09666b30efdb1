"""Notification delivery in the core: channels kept in the keyring, the outbox drained to a real
loopback webhook through Apprise (json://), quiet hours, the daily cap, the cooldown, retries, refused
addresses, message length, the key-rotation reminder and the store's locks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from tests.clock import FakeClock
from tests.notify_fixtures import MemoryKeyring, receiver
from xianyu_desktop.core.items.status import ItemStatus
from xianyu_desktop.core.net.netguard import AddressRefused
from xianyu_desktop.core.notify.addresses import AddressPolicy, check_target
from xianyu_desktop.core.notify.apprise_link import mask_url, parse_url
from xianyu_desktop.core.notify.channels import KEYRING_SERVICE, ChannelBook, ChannelError
from xianyu_desktop.core.notify.deliver import Deliverer
from xianyu_desktop.core.notify.messages import MAX_CHARS, Notice, compose, compose_digest
from xianyu_desktop.core.notify.outbox import CAP, COOLDOWN, DELIVERED, FAILED, HELD, QUIET, Outbox
from xianyu_desktop.core.notify.policy import DeliveryPolicy, QuietHours
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.timeutil import BEIJING
from xianyu_desktop.core.watch.rules import Observation, observe
from xianyu_desktop.core.watch.watchlist import Watchlist

ITEM = "698765432109876543"
OTHER = "698765432109876544"
TOKEN = "tokABCDEFGH12345678"


def beijing(day: int, hour: int, minute: int = 0) -> float:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=BEIJING).timestamp()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data").open()
    yield s
    s.close(backup=False)


@pytest.fixture
def keyring_backend():
    return MemoryKeyring()


@pytest.fixture
def clock():
    return FakeClock(beijing(2, 10))


@pytest.fixture
def hook():
    with receiver() as r:
        yield r


def see(store, clock, item_id, price, title="自用 iPhone 14 Pro 256G"):
    """One poll result through the real rules and watchlist; returns the alerts it raised."""
    watchlist = Watchlist(store)
    if watchlist.get(item_id) is None:
        watchlist.add([item_id], now=clock.now)
    outcome = observe(watchlist.get(item_id), Observation(clock.now, ItemStatus.ONSALE, D(price), title))
    return watchlist.record(outcome, clock.now + 3600)


def a_drop(store, clock, item_id=ITEM, old="1000", new="850"):
    see(store, clock, item_id, old)
    clock.now += 60
    alerts = see(store, clock, item_id, new)
    assert [a.kind.value for a in alerts] == ["price_drop"]
    return alerts[0]


def make(store, keyring_backend, clock, hook, policy=None, **kwargs):
    book = ChannelBook(store, keyring_backend)
    channel = book.add(hook.url(TOKEN), name="手机", allow_loopback=True, now=clock.now)
    return book, channel, Deliverer(store, book, policy, clock=clock, retry_wait=0, **kwargs)


def test_the_url_lives_in_the_keyring_and_the_store_keeps_it_masked(store, keyring_backend, clock, hook):
    book, channel, _ = make(store, keyring_backend, clock, hook)
    assert channel.masked == "json://****5678" and channel.scheme == "json"
    assert keyring_backend.secrets[(KEYRING_SERVICE, channel.keyring_key)] == hook.url(TOKEN)
    assert book.url_of(channel) == hook.url(TOKEN)
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in store.data_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    book.remove("手机")
    assert keyring_backend.secrets == {} and book.all() == []


def test_masking_shows_the_scheme_and_at_most_four_characters():
    assert mask_url("wecombot://693a91f6-7aoc-4bc4-97a0-0ec2sifaabcd") == "wecombot://****abcd"
    assert mask_url("schan://SCT1234") == "schan://****"  # too short to show any of it
    assert mask_url("bark://192.168.1.5:8080/k1") == "bark://****"


def test_a_url_apprise_cannot_read_is_refused_plainly_and_masked(store, keyring_backend):
    book = ChannelBook(store, keyring_backend)
    with pytest.raises(ChannelError, match="Apprise 无法识别") as caught:
        book.add("nosuchservice://SECRETTOKEN123456")
    assert "SECRETTOKEN" not in str(caught.value)
    with pytest.raises(ChannelError, match="无效"):
        book.add("just words")
    assert book.all() == [] and keyring_backend.secrets == {}


def test_a_drop_is_delivered_once_naming_the_item_and_both_prices(store, keyring_backend, clock, hook):
    *_, deliverer = make(store, keyring_backend, clock, hook)
    alert = a_drop(store, clock)
    report = deliverer.deliver()
    assert (report.messages, report.alerts, report.failures) == (1, 1, [])
    assert len(hook.posts) == 1 and hook.posts[0]["path"] == f"/hook/{TOKEN}"
    text = hook.messages[0]
    assert "自用 iPhone 14 Pro 256G" in text and "¥1,000.00" in text and "¥850.00" in text
    assert "-15.0%" in text and f"https://www.goofish.com/item?id={ITEM}" in text and "在售" in text
    [delivery] = Outbox(store).deliveries([alert.id])[alert.id]
    assert (delivery.channel, delivery.state, delivery.delivered_at) == ("手机", DELIVERED, clock.now)

    clock.now += 3600
    assert see(store, clock, ITEM, "850") == []  # an unchanged re-poll raises nothing
    assert deliverer.deliver().messages == 0 and len(hook.posts) == 1


def test_quiet_hours_hold_then_send_one_digest(store, keyring_backend, clock, hook):
    policy = DeliveryPolicy(quiet=QuietHours.parse("23:00-08:00"))
    *_, deliverer = make(store, keyring_backend, clock, hook, policy)
    clock.now = beijing(2, 23, 30)
    a_drop(store, clock, ITEM)
    a_drop(store, clock, OTHER, "500", "400")
    report = deliverer.deliver()
    assert report.held == {QUIET: 2} and hook.posts == []
    clock.now = beijing(3, 7, 59)
    assert deliverer.deliver().messages == 0 and hook.posts == []
    clock.now = beijing(3, 8, 0)
    report = deliverer.deliver()
    assert (report.messages, report.alerts) == (1, 2)
    assert "免打扰期间的 2 条提醒" in hook.posts[0]["title"]
    assert ITEM in hook.messages[0] and OTHER in hook.messages[0]
    assert deliverer.deliver().messages == 0


def test_the_daily_cap_holds_the_rest_for_a_digest_the_next_day(store, keyring_backend, clock, hook):
    policy = DeliveryPolicy(daily_cap=2, cooldown_s=0)
    *_, deliverer = make(store, keyring_backend, clock, hook, policy)
    items = [f"69876543210987{n:04d}" for n in range(4)]
    for item in items:
        a_drop(store, clock, item)
    report = deliverer.deliver()
    assert (report.messages, report.held) == (2, {CAP: 2})
    clock.now += 3600
    assert deliverer.deliver().messages == 0 and len(hook.posts) == 2  # still the same Beijing day
    assert Outbox(store).counts() == {f"{HELD}:{CAP}": 2}
    clock.now = beijing(3, 0, 5)
    report = deliverer.deliver()
    assert (report.messages, report.alerts) == (1, 2)
    assert "超出每日上限而暂存的 2 条提醒" in hook.posts[2]["title"]


def test_the_cooldown_folds_a_second_alert_for_the_same_item(store, keyring_backend, clock, hook):
    *_, deliverer = make(store, keyring_backend, clock, hook, DeliveryPolicy(cooldown_s=1800))
    a_drop(store, clock, ITEM, "1000", "850")
    assert deliverer.deliver().messages == 1
    clock.now += 600
    see(store, clock, ITEM, "700")  # another 15% drop within the 30 minutes
    report = deliverer.deliver()
    assert report.held == {COOLDOWN: 1} and len(hook.posts) == 1
    clock.now += 1200
    report = deliverer.deliver()
    assert report.messages == 1 and "¥700.00" in hook.messages[1]


def test_a_receiver_answering_500_then_200_gets_the_alert_on_the_retry(store, keyring_backend, clock, hook):
    *_, deliverer = make(store, keyring_backend, clock, hook)
    alert = a_drop(store, clock)
    hook.answers = [500]
    report = deliverer.deliver()
    assert (report.messages, report.failures) == (1, []) and len(hook.posts) == 1
    [delivery] = Outbox(store).deliveries([alert.id])[alert.id]
    assert (delivery.state, delivery.attempts) == (DELIVERED, 2)


def test_a_receiver_that_stays_down_leaves_the_alert_pending_not_lost(store, keyring_backend, clock, hook):
    *_, deliverer = make(store, keyring_backend, clock, hook)
    alert = a_drop(store, clock)
    hook.answers = [500] * 3
    report = deliverer.deliver()
    assert report.messages == 0 and report.failures[0][0] == "手机" and "500" in report.failures[0][1]
    [delivery] = Outbox(store).deliveries([alert.id])[alert.id]
    assert (delivery.state, delivery.attempts) == (FAILED, 3) and TOKEN not in (delivery.last_error or "")
    assert "发送失败（将重试）" in delivery.describe()
    clock.now += 60
    assert deliverer.deliver().messages == 1 and len(hook.posts) == 1
    assert Outbox(store).deliveries([alert.id])[alert.id][0].state == DELIVERED


@pytest.mark.parametrize(
    ("address", "reason"),
    [("169.254.169.254", "元数据"), ("fd00:ec2::254", "元数据"), ("169.254.10.1", "链路本地"), ("10.0.0.5", "内网")],
)
def test_refused_addresses_are_refused_before_any_connection(store, keyring_backend, hook, address, reason):
    asked = []

    def resolver(host, port):
        asked.append((host, port))
        return [address]

    book = ChannelBook(store, keyring_backend)
    with pytest.raises(ChannelError, match=reason):
        book.add("json://hooks.example.test:8080/hook/SECRET12345678", policy=AddressPolicy(resolver=resolver))
    assert asked == [("hooks.example.test", 8080)] and book.all() == [] and hook.connections == 0


def test_the_lan_is_allowed_only_by_the_setting_and_loopback_only_by_an_allowance(hook):
    lan = parse_url("ntfy://ntfy.lan:8080/alerts")
    resolve_lan = AddressPolicy(resolver=lambda host, port: ["192.168.1.20"])
    with pytest.raises(AddressRefused, match="局域网"):
        check_target(lan, resolve_lan)
    check_target(lan, AddressPolicy(allow_private=True, resolver=resolve_lan.resolver))
    metadata = parse_url("json://169.254.169.254/latest")
    with pytest.raises(AddressRefused, match="元数据"):
        check_target(metadata, AddressPolicy(allow_private=True))
    local = parse_url(hook.url())
    with pytest.raises(AddressRefused, match="本机"):
        check_target(local, AddressPolicy(allow_private=True))
    assert hook.connections == 0


def test_a_refused_address_at_send_time_is_kept_and_not_sent(store, keyring_backend, clock, hook):
    book = ChannelBook(store, keyring_backend)
    book.add(
        "json://hooks.example.test/hook/SECRET12345678",
        name="外部",
        policy=AddressPolicy(resolver=lambda h, p: ["93.184.216.34"]),
    )
    deliverer = Deliverer(store, book, clock=clock, retry_wait=0, resolver=lambda h, p: ["169.254.169.254"])
    alert = a_drop(store, clock)
    report = deliverer.deliver()
    assert report.messages == 0 and "元数据" in report.failures[0][1]
    [delivery] = Outbox(store).deliveries([alert.id])[alert.id]
    assert (delivery.state, delivery.attempts) == (FAILED, 1)  # no retry: nothing was sent


def test_a_channel_gets_only_its_kinds(store, keyring_backend, clock, hook):
    book = ChannelBook(store, keyring_backend)
    book.add(hook.url(), name="只要售出", kinds=("sold",), allow_loopback=True)
    deliverer = Deliverer(store, book, clock=clock, retry_wait=0)
    a_drop(store, clock)
    assert deliverer.deliver().messages == 0 and Outbox(store).counts() == {}


def test_messages_stay_within_dingtalks_limit():
    long_title = "超长标题" * 400
    notice = Notice(1, ITEM, "price_drop", f"「{long_title}」降价 15.0%：¥1000.00 → ¥850.00", "1000", "850", long_title)
    title, body = compose([notice] * 30)
    assert len(title) + len(body) <= MAX_CHARS and "¥850.00" in body
    title, body = compose_digest([notice] * 500, "免打扰期间")
    assert len(title) + len(body) <= MAX_CHARS and "另有" in body and "500 条" in title


def test_a_channel_that_is_down_is_tried_once_a_round_the_rest_wait_untried(store, keyring_backend, clock, hook):
    *_, deliverer = make(store, keyring_backend, clock, hook, DeliveryPolicy(cooldown_s=0))
    first, second = a_drop(store, clock, ITEM), a_drop(store, clock, OTHER, "500", "400")
    hook.answers = [500] * 3
    report = deliverer.deliver()
    assert report.messages == 0 and len(report.failures) == 1 and hook.connections == 3
    found = Outbox(store).deliveries([first.id, second.id])
    assert (found[first.id][0].state, found[first.id][0].attempts) == (FAILED, 3)
    assert (found[second.id][0].state, found[second.id][0].attempts) == (FAILED, 0)
    assert "本轮未发送" in (found[second.id][0].last_error or "")
    report = deliverer.deliver()
    assert report.messages == 2 and len(hook.posts) == 2
