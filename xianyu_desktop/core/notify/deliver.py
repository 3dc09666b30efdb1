"""The Deliverer drains the outbox: per channel it holds what quiet hours, the daily cap or an item's
cooldown hold, folds what may go into messages (one per item; one digest for what was held for quiet
hours or the cap), and posts each with retries and backoff (tenacity). What still fails stays in the
outbox and is retried on the next round; nothing is dropped. One deliverer at a time across processes
(the store's ``deliver`` lock), so no alert is sent twice. It runs wherever polling runs: after
``watch poll`` in the command line, on a DeliveryWorker thread in the window (never the GUI thread)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from xianyu_desktop.core.errors import UserError
from xianyu_desktop.core.net.netguard import Resolver, system_resolver
from xianyu_desktop.core.notify.addresses import AddressPolicy
from xianyu_desktop.core.notify.apprise_link import SendFailed, post
from xianyu_desktop.core.notify.channels import Channel, ChannelBook
from xianyu_desktop.core.notify.messages import APP_NAME, Notice, compose, compose_digest
from xianyu_desktop.core.notify.outbox import CAP, COOLDOWN, HELD, QUIET, Outbox, OutboxRow
from xianyu_desktop.core.notify.policy import DeliveryPolicy, beijing_day_start
from xianyu_desktop.core.storage.locks import DELIVER_LOCK, LockHolder, StoreLock
from xianyu_desktop.core.storage.store import Store
from xianyu_desktop.core.thread_priority import lower_current_thread

ATTEMPTS = 3
Poster = Callable[[str, str, str, AddressPolicy], None]


@dataclass(slots=True)
class DeliveryReport:
    messages: int = 0  # posts that went through
    alerts: int = 0  # outbox rows delivered
    failures: list[tuple[str, str]] = field(default_factory=list)  # (channel name, why), still pending
    held: dict[str, int] = field(default_factory=dict)  # reason → rows held this round
    locked_by: LockHolder | None = None  # another deliverer was at work: this round did nothing


class Deliverer:
    def __init__(
        self,
        store: Store,
        book: ChannelBook,
        policy: DeliveryPolicy | None = None,
        *,
        clock: Callable[[], float] = time.time,
        resolver: Resolver = system_resolver,
        retry_wait: float = 1.0,
        poster: Poster = post,
        before_round: Callable[[float], object] | None = None,
    ) -> None:
        self.store = store
        self.book = book
        self.outbox = Outbox(store)
        self.policy = policy or DeliveryPolicy()
        self.clock = clock
        self.resolver = resolver
        self.retry_wait = retry_wait  # the first backoff in seconds (then doubled); 0 in tests
        self.poster = poster
        self.before_round = before_round  # e.g. the key-rotation check, so its reminder goes out too
        self.lock = StoreLock(store, DELIVER_LOCK, clock=clock)

    def address_policy(self, channel: Channel) -> AddressPolicy:
        loopback = frozenset({channel.loopback}) if channel.loopback is not None else frozenset()
        return AddressPolicy(self.policy.allow_lan, loopback, self.resolver)

    def send(self, channel: Channel, title: str, body: str) -> int:
        """Post with retries; returns the attempts it took. Raises SendFailed (with the attempts made in
        ``attempts``) or ChannelError when the URL cannot be read."""
        url = self.book.url_of(channel)
        policy = self.address_policy(channel)
        made = 0
        retrying = Retrying(
            stop=stop_after_attempt(ATTEMPTS),
            wait=wait_exponential(multiplier=self.retry_wait, max=max(self.retry_wait * 8, 0.0)),
            retry=retry_if_exception(lambda e: isinstance(e, SendFailed) and e.retryable),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    made += 1
                    self.poster(url, title, body, policy)
        except SendFailed as exc:
            exc.attempts = made
            raise
        return made

    def send_test(self, channel: Channel) -> str | None:
        """A test message to one channel; None when delivered, else why not (never the URL)."""
        title = f"{APP_NAME}：测试消息"
        body = f"这是闲鱼桌面助手发往渠道「{channel.name}」的测试消息。收到它，说明降价、售出等提醒会发到这里。"
        try:
            self.send(channel, title, body)
        except SendFailed as exc:
            return exc.reason
        except UserError as exc:
            return str(exc)
        return None

    def deliver(self) -> DeliveryReport:
        """One round over every channel."""
        report = DeliveryReport()
        holder = self.lock.acquire()
        if holder is not None:
            report.locked_by = holder
            return report
        try:
            now = self.clock()
            if self.before_round is not None:
                self.before_round(now)
            channels = self.book.all()
            self.outbox.enqueue_new(channels, now)
            for channel in channels:
                self._channel_round(channel, report)
                self.lock.heartbeat()
        finally:
            self.lock.release()
        return report

    def _channel_round(self, channel: Channel, report: DeliveryReport) -> None:
        now = self.clock()
        rows = self.outbox.open_rows(channel.id)
        if not rows:
            return
        if self.policy.quiet_at(now):
            fresh = [r.notice.alert_id for r in rows if not (r.state == HELD and r.held_reason == QUIET)]
            self._hold(channel, fresh, QUIET, None, report)
            return
        ready: list[OutboxRow] = []
        for row in rows:
            if row.state == HELD and row.held_reason == COOLDOWN and (row.held_until or 0) > now:
                continue
            if row.state == HELD and row.held_reason in (QUIET, CAP):
                ready.append(row)
                continue
            waited_until = self._cooldown_until(channel, row, now)
            if waited_until is not None:
                self._hold(channel, [row.notice.alert_id], COOLDOWN, waited_until, report)
                continue
            ready.append(row)
        digest = [r for r in ready if r.held_reason in (QUIET, CAP)]
        if digest:
            why = "免打扰期间" if any(r.held_reason == QUIET for r in digest) else "超出每日上限而暂存"
            self._post(channel, [r.notice for r in ready], report, digest_why=why)
            return
        by_item: dict[str, list[Notice]] = {}
        for row in ready:
            key = row.notice.item_id or f"#{row.notice.alert_id}"
            by_item.setdefault(key, []).append(row.notice)
        groups = list(by_item.values())
        for n, notices in enumerate(groups):
            failure = self._post(channel, notices, report)
            if failure is not None:  # the channel is down: the rest wait for the next round, untried
                rest = [notice.alert_id for later in groups[n + 1 :] for notice in later]
                if rest:
                    note = f"本轮未发送：同一渠道的上一条没有送达（{failure}）"
                    self.outbox.failed(channel.id, rest, note, now, 0)
                return

    def _cooldown_until(self, channel: Channel, row: OutboxRow, now: float) -> float | None:
        if not row.notice.item_id or row.notice.kind == "key_rotation" or self.policy.cooldown_s <= 0:
            return None
        last = self.outbox.last_delivered(channel.id, row.notice.item_id)
        if last is None or now >= last + self.policy.cooldown_s:
            return None
        return last + self.policy.cooldown_s

    def _hold(
        self, channel: Channel, alert_ids: list[int], reason: str, until: float | None, report: DeliveryReport
    ) -> None:
        if alert_ids:
            self.outbox.hold(channel.id, alert_ids, reason, until)
            report.held[reason] = report.held.get(reason, 0) + len(alert_ids)

    def _post(
        self, channel: Channel, notices: list[Notice], report: DeliveryReport, digest_why: str = ""
    ) -> str | None:
        """Send one message (or hold it for the cap); returns why it failed, None when it did not."""
        ids = [n.alert_id for n in notices]
        now = self.clock()
        if self.outbox.messages_since(channel.id, beijing_day_start(now)) >= self.policy.daily_cap:
            self._hold(channel, ids, CAP, None, report)
            return None
        title, body = compose_digest(notices, digest_why) if digest_why else compose(notices)
        try:
            made = self.send(channel, title, body)
        except SendFailed as exc:
            self.outbox.failed(channel.id, ids, exc.reason, now, exc.attempts)
            report.failures.append((channel.name, exc.reason))
            return exc.reason
        except UserError as exc:  # the URL could not be read (keyring locked): kept, retried next round
            self.outbox.failed(channel.id, ids, exc.message, now, 0)
            report.failures.append((channel.name, exc.message))
            return exc.message
        self.outbox.delivered(channel.id, ids, self.clock(), made)
        report.messages += 1
        report.alerts += len(ids)
        return None


class DeliveryWorker:
    """Runs Deliverer rounds on its own thread: when woken (after a poll) and every ``every`` seconds (for
    quiet hours ending, cooldowns passing, failures retried). For the window and the tray, whose GUI
    thread must never wait on a send. ``on_report`` is called on the worker thread."""

    def __init__(
        self,
        deliverer: Deliverer,
        *,
        every: float = 60.0,
        on_report: Callable[[DeliveryReport], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.deliverer = deliverer
        self.every = every
        self.on_report = on_report
        self.on_error = on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="notify-delivery", daemon=True)

    def start(self) -> DeliveryWorker:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        lower_current_thread()
        while not self._stop.is_set():
            try:
                report = self.deliverer.deliver()
            except Exception as exc:  # a broken store must not kill the thread silently
                if self.on_error is not None:
                    self.on_error(exc)
            else:
                if self.on_report is not None:
                    self.on_report(report)
            self._wake.wait(self.every)
            self._wake.clear()
