"""The signed gateway client (item_get and item_search): one per app, shared by every thread.

Every call goes through one rate limiter and one daily quota counter, so lookups and polling
together never exceed the tier. Retries (tenacity: exponential backoff, full jitter) cover
timeouts, 5xx, network errors, unreadable (truncated, garbled) answers and frequency bans, never the
caller's own mistakes (auth, permission, quota, bad request) nor an answer refused for its size (the
same oversized answer would come back, one call of the quota each time).
"""

from __future__ import annotations

import copy
import dataclasses
import queue
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
import tenacity

from xianyu_desktop.core.errors import ErrorKind, GatewayError, GatewayFailure
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.item_params import signed_params
from xianyu_desktop.core.gateway.limits import Cancelled, QuotaCounter, RateLimiter, Ticket
from xianyu_desktop.core.gateway.protocol import METHOD, parse_item_response
from xianyu_desktop.core.gateway.search import (
    SEARCH_METHOD,
    SearchPage,
    SearchQuery,
    parse_search_response,
    signed_search_params,
)
from xianyu_desktop.core.gateway.signing import SIGN_PARAM
from xianyu_desktop.core.gateway.transport import cap_description, post_gateway
from xianyu_desktop.core.items.item import Item, dedup_ids
from xianyu_desktop.core.items.links import is_valid_item_id
from xianyu_desktop.core.thread_priority import lower_current_thread

T = TypeVar("T")
CANCEL_CHECK_S = 0.05  # how soon a batch sees its caller's cancel
SUBMITTED_AHEAD = 4  # fetch_many: calls queued per worker


class QuotaLedger(Protocol):
    def take(self) -> None: ...

    def refund(self) -> None: ...

    @property
    def remaining(self) -> int: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 4
    max_elapsed: float = 45.0
    backoff_base: float = 0.5
    backoff_cap: float = 8.0


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One request actually sent, for the audit log and benchmarks. Never holds the secret or signature.
    A search has no item id: ``item_id`` is "" and ``query`` names the search and its page."""

    item_id: str
    fields: str | None
    attempt: int
    http_status: int | None
    error_code: int | None
    kind: ErrorKind | None
    latency: float
    started: float
    method: str = METHOD
    query: str | None = None  # a search's keyword and page: "iPhone 14 p2"


@dataclass(frozen=True, slots=True)
class FetchResult:
    item_id: str
    item: Item | None = None
    raw: dict[str, Any] | None = None
    failure: GatewayFailure | None = None
    attempts: int = 0
    from_cache: bool = False
    fetched_at: float | None = None  # epoch seconds the answer came from the gateway

    @property
    def ok(self) -> bool:
        return self.item is not None


class ItemClient:
    def __init__(
        self,
        config: GatewayConfig,
        http: httpx.Client,
        *,
        limiter: RateLimiter | None = None,
        quota: QuotaLedger | None = None,
        retry: RetryPolicy | None = None,
        observer: Callable[[CallRecord], None] | None = None,
        clock: Callable[[], float] = time.time,
        workers: int | None = None,
    ) -> None:
        self.config = config
        self._http = http
        spec = config.tier.spec
        self.limiter = limiter or RateLimiter(spec.per_second)
        self.quota: QuotaLedger = quota or QuotaCounter(spec.daily_calls)
        self.retry = retry or RetryPolicy()
        self._observer = observer
        self._clock = clock
        self._workers = workers

    @property
    def default_workers(self) -> int:
        """Enough threads to keep the tier's rate busy through a second of latency, within the pool."""
        return self._workers or min(32, max(4, 2 * self.config.tier.spec.per_second))

    def for_job(
        self, *, max_attempts: int | None = None, observer: Callable[[CallRecord], None] | None = None
    ) -> ItemClient:
        """This client for one job (a comparison within a call budget): the same HTTP client, limiter, quota
        ledger and audit log, with each call's attempts capped at ``max_attempts`` (at least one) and every
        request sent also reported to ``observer``."""
        job = copy.copy(self)
        if max_attempts is not None:
            capped = max(1, min(self.retry.max_attempts, max_attempts))
            job.retry = dataclasses.replace(self.retry, max_attempts=capped)
        if observer is not None:
            audit = self._observer

            def both(record: CallRecord) -> None:
                observer(record)
                if audit is not None:
                    audit(record)

            job._observer = both
        return job

    def now(self) -> float:
        """The client's clock (epoch seconds): when an answer came, for the caller's records."""
        return self._clock()

    def _signed_params(self, item_id: str, fields: str | None) -> dict[str, str]:
        return signed_params(self.config, item_id, fields, self._clock())

    def _send_once(
        self, item_id: str, fields: str | None, attempt: int, cancel: threading.Event | None
    ) -> tuple[Item, dict[str, Any]]:
        def call(on_wire: Callable[[bool], None]) -> tuple[Item, dict[str, Any]]:
            params = self._signed_params(item_id, fields)
            answer = post_gateway(self._http, self.config, params, on_wire=on_wire)
            sent.status = answer.status
            item, raw = parse_item_response(
                answer.status,
                answer.headers,
                answer.body,
                item_id,
                local_now=self._clock(),
                secrets=(self.config.app_secret, params[SIGN_PARAM]),
            )
            return cap_description(item, raw)

        sent = _Sent(item_id, fields, METHOD, None)
        return self._paced(call, sent, attempt, cancel)

    def _search_once(self, query: SearchQuery, attempt: int, cancel: threading.Event | None) -> SearchPage:
        def call(on_wire: Callable[[bool], None]) -> SearchPage:
            params = signed_search_params(self.config, query, self._clock())
            answer = post_gateway(self._http, self.config, params, on_wire=on_wire)
            sent.status = answer.status
            return parse_search_response(
                answer.status,
                answer.headers,
                answer.body,
                query,
                local_now=self._clock(),
                secrets=(self.config.app_secret, params[SIGN_PARAM]),
            )

        fields = ",".join(query.fields) or None
        sent = _Sent("", fields, SEARCH_METHOD, f"{query.q} p{query.page_no}")
        return self._paced(call, sent, attempt, cancel)

    def _paced(
        self, call: Callable[[Callable[[bool], None]], T], sent: _Sent, attempt: int, cancel: threading.Event | None
    ) -> T:
        """One call of the day's quota, in the limiter's next slot, recorded for the audit log. The
        limiter hears when the request is on the wire (its gate counts from then)."""
        if cancel is not None and cancel.is_set():
            raise Cancelled
        # Count the call first: once its slot comes, nothing (no database write) stands between the
        # slot and the send, so the gateway sees the calls as evenly spaced as they were planned.
        self.quota.take()
        try:
            ticket = self.limiter.acquire(cancel)
        except Cancelled:
            self.quota.refund()
            raise
        started = time.monotonic()
        wire: list[tuple[float, bool]] = []  # when the request went on the wire (the trace only notes it)
        try:
            result = call(lambda opened: wire.append((self.limiter.now(), opened)))
        except GatewayError as exc:
            self._sent(ticket, wire)
            self._record(sent, attempt, exc.failure, started)
            if exc.failure.kind is ErrorKind.RATE_LIMITED:
                self.limiter.refused(ticket)  # pace with a wider margin (narrowed back slowly)
            raise
        self._sent(ticket, wire)
        self._record(sent, attempt, None, started)
        return result

    def _sent(self, ticket: Ticket, wire: list[tuple[float, bool]]) -> None:
        if wire:
            at, opened = wire[0]
            self.limiter.sent(ticket, at, opened_connection=opened)

    def _record(self, sent: _Sent, attempt: int, failure: GatewayFailure | None, started: float) -> None:
        if self._observer is None:
            return
        self._observer(
            CallRecord(
                item_id=sent.item_id,
                fields=sent.fields,
                attempt=attempt,
                http_status=sent.status,
                error_code=failure.code if failure else None,
                kind=failure.kind if failure else None,
                latency=time.monotonic() - started,
                started=started,
                method=sent.method,
                query=sent.query,
            )
        )

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        failure = exc.failure if isinstance(exc, GatewayError) else None
        if failure is not None and failure.retry_after is not None:
            # A frequency ban applies to the whole app: hold every thread off, not just this one.
            self.limiter.hold_off(failure.retry_after)
            return failure.retry_after + random.uniform(0, 0.25)
        ceiling = min(self.retry.backoff_cap, self.retry.backoff_base * 2 ** (state.attempt_number - 1))
        return random.uniform(0, ceiling)

    def get_item(
        self, item_id: str, fields: str | None = None, *, cancel: threading.Event | None = None
    ) -> tuple[Item, dict[str, Any], int]:
        """The item, its raw dict and the number of attempts; raises GatewayError or Cancelled."""
        if not is_valid_item_id(item_id):
            raise GatewayError(
                GatewayFailure(ErrorKind.BAD_REQUEST, f"商品 ID 必须是 10–19 位数字，收到 “{item_id[:40]}”")
            )
        (item, raw), attempts = self._with_retries(
            lambda number: self._send_once(item_id, fields, number, cancel), cancel
        )
        return item, raw, attempts

    def search_page(self, query: SearchQuery, *, cancel: threading.Event | None = None) -> tuple[SearchPage, int]:
        """One page of ``xianyu.item.search`` and the number of attempts: one call of the quota each,
        through the same limiter, retries and audit as item_get. Raises GatewayError or Cancelled."""
        return self._with_retries(lambda number: self._search_once(query, number, cancel), cancel)

    def _with_retries(self, send: Callable[[int], T], cancel: threading.Event | None) -> tuple[T, int]:
        def sleep(seconds: float) -> None:
            if cancel is None:
                time.sleep(seconds)
            elif cancel.wait(seconds):
                raise Cancelled

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retry.max_attempts)
            | tenacity.stop_before_delay(self.retry.max_elapsed),
            wait=self._wait,
            retry=tenacity.retry_if_exception(lambda e: isinstance(e, GatewayError) and e.failure.retryable),
            sleep=sleep,
            reraise=True,
        )
        number = 0
        try:
            for attempt in retrying:
                with attempt:
                    number = attempt.retry_state.attempt_number
                    return send(number), number
        except GatewayError as exc:
            exc.attempts = number
            raise
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    def fetch(self, item_id: str, fields: str | None = None, *, cancel: threading.Event | None = None) -> FetchResult:
        """Never raises for gateway trouble: the failure is in the result."""
        try:
            item, raw, attempts = self.get_item(item_id, fields, cancel=cancel)
        except GatewayError as exc:
            return FetchResult(item_id, failure=exc.failure, attempts=exc.attempts)
        except Cancelled:
            return FetchResult(item_id, failure=GatewayFailure(ErrorKind.CANCELLED, "查询已取消"))
        return FetchResult(item_id, item=item, raw=raw, attempts=attempts, fetched_at=self._clock())

    def fetch_many(
        self,
        item_ids: Iterable[str],
        fields: str | None = None,
        *,
        cancel: threading.Event | None = None,
        workers: int | None = None,
    ) -> Iterator[FetchResult]:
        """Results as they finish (each unique id once). Setting ``cancel`` (or closing the iterator,
        which sets it) stops what has not been sent; requests already on the wire finish, and the
        ids that never went out come back as ``cancelled`` failures."""
        unique = dedup_ids(list(item_ids))
        if not unique:
            return
        cancel = cancel or threading.Event()
        batch = _Batch()
        pool = ThreadPoolExecutor(
            min(len(unique), workers or self.default_workers), "item-fetch", initializer=lower_current_thread
        )

        def one(item_id: str) -> FetchResult:
            result = self.fetch(item_id, fields, cancel=batch.stop)
            if result.failure is not None and result.failure.same_for_every_item:
                batch.halt(result)
            return result

        # Finished futures come through a queue, not wait(FIRST_COMPLETED) over the pending set: that
        # installs and removes a waiter on every pending future per call, O(n) under the GIL per answer
        # (a 2,000-item round held the GIL ~6 s there, taking it from the window: py-spy).
        done: queue.SimpleQueue[Future[FetchResult]] = queue.SimpleQueue()
        # A few calls per worker queued ahead, the next one as each answer comes: 2,000 futures submitted
        # at once were ~14,000 objects alive for the whole round, walked by every full collection (20–27 ms
        # each, stalling every thread, the window's too).
        waiting = iter(unique)

        def submit_next() -> None:
            item_id = next(waiting, None)
            if item_id is not None:
                pool.submit(one, item_id).add_done_callback(done.put)

        for _ in range(SUBMITTED_AHEAD * min(len(unique), workers or self.default_workers)):
            submit_next()
        finished = False
        try:
            for _ in unique:
                future = _next_done(done, cancel, batch.stop)
                submit_next()
                yield batch.reported(future.result(), cancelled=cancel.is_set())
            finished = True
        finally:
            if not finished:
                cancel.set()
                batch.stop.set()
            pool.shutdown(wait=False)


def _next_done(
    done: queue.SimpleQueue[Future[FetchResult]], cancel: threading.Event, stop: threading.Event
) -> Future[FetchResult]:
    """The next finished future; every CANCEL_CHECK_S meanwhile (and once it came) a set ``cancel``
    stops what has not been sent."""
    while True:
        try:
            future = done.get(timeout=CANCEL_CHECK_S)
        except queue.Empty:
            if cancel.is_set():
                stop.set()
            continue
        if cancel.is_set():
            stop.set()
        return future


@dataclass(slots=True)
class _Sent:
    """What the audit record of one call names (the HTTP status is filled in once the answer came)."""

    item_id: str
    fields: str | None
    method: str
    query: str | None
    status: int | None = None


class _Batch:
    """One fetch_many: its workers wait on ``stop``, set by the caller's cancel (passed on within
    CANCEL_CHECK_S) or by the first answer that every other item would get too (a bad field list, a bad
    signature, no permission): the ids not yet sent are then reported as not attempted, their calls
    refunded, instead of spending one call each to hear the same refusal."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._first: FetchResult | None = None

    def halt(self, result: FetchResult) -> None:
        with self._lock:
            if self._first is None:
                self._first = result
        self.stop.set()

    def reported(self, result: FetchResult, *, cancelled: bool) -> FetchResult:
        first = self._first
        if cancelled or first is None or first.failure is None:
            return result
        if result.failure is None or result.failure.kind is not ErrorKind.CANCELLED:
            return result
        reason = first.failure
        message = (
            f"没有发出请求：同一批的商品 {first.item_id} 被拒绝（{reason.kind.label}：{reason.message}），"
            "这个原因对每个商品都一样"
        )
        return FetchResult(result.item_id, failure=GatewayFailure(ErrorKind.NOT_ATTEMPTED, message))
