"""The sandbox gateway: a loopback HTTP server that behaves like the item_get router.

It verifies what the seed says a real gateway verifies (required params, app_key, the 5-minute
timestamp window, the signature, item_id, per-tier frequency, daily quota and field permissions)
and answers with the HTTP statuses and ``error_response`` bodies of the TOP router. It is part of
the product (demo mode runs on it), so it is never loosened to make a client pass. The checks of a
call are in sandbox/checks.py (its apps, secret and fields are re-exported here, where the command
line, the tests and the benches read them); the counters and limits are ``GatewayState``'s.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import math
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.timeutil import beijing_day, next_beijing_midnight
from xianyu_desktop.sandbox.catalogue import Catalogue
from xianyu_desktop.sandbox.checks import ALL_FIELDS as ALL_FIELDS
from xianyu_desktop.sandbox.checks import FIELD_ALIASES as FIELD_ALIASES
from xianyu_desktop.sandbox.checks import SANDBOX_APPS as SANDBOX_APPS
from xianyu_desktop.sandbox.checks import SANDBOX_SECRET as SANDBOX_SECRET
from xianyu_desktop.sandbox.checks import (
    SEARCH_METHOD,
    Refusal,
    check_app,
    check_item_id,
    check_method,
    check_signature,
    check_timestamp,
    check_version,
    limited,
    requested_fields,
)
from xianyu_desktop.sandbox.images import avatar_png, item_png
from xianyu_desktop.sandbox.search_checks import search_query, summary_fields
from xianyu_desktop.sandbox.shortener import short_link_answer

log = logging.getLogger(__name__)

GATEWAY_PATH = "/router/rest"

FAULTS = ("gateway_timeout", "html_502", "malformed_json", "dropped_connection")
_IMG_ITEM = re.compile(r"/img/item/([0-9]{10,19})/([0-9]{1,2})\.png")
_IMG_AVATAR = re.compile(r"/img/avatar/([0-9A-Za-z_-]{1,40})\.png")
_SHORT = re.compile(r"/h\.([0-9A-Za-z]{1,32})")

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"
)


@dataclass(frozen=True, slots=True)
class SandboxOptions:
    host: str = "127.0.0.1"
    port: int = 0
    latency_ms: float = 0.0
    fault_rate: float = 0.0
    no_limits: bool = False
    seed: int = 0
    speed: float = 1.0
    clock_offset: float = 0.0


@dataclass
class _AppLimits:
    window: collections.deque[float] = field(default_factory=collections.deque)
    day: dt.date | None = None
    used_today: int = 0
    peak_per_second: int = 0


class GatewayState:
    """Counters and limits shared by the server's handler threads."""

    def __init__(
        self,
        options: SandboxOptions,
        clock: Callable[[], float],
        monotonic: Callable[[], float] = time.monotonic,
        *,
        catalogue_clock: Callable[[], float] | None = None,
    ) -> None:
        """``catalogue_clock`` moves the listings (prices, statuses) on; by default the gateway's own
        clock. A test gives it a clock of its own to move them without waiting, while signatures and
        the daily quota keep the gateway's time."""
        self.options = options
        self.clock = clock
        self._monotonic = monotonic
        self.catalogue = Catalogue(options.seed, speed=options.speed, clock=catalogue_clock or clock)
        self._lock = threading.Lock()
        self._apps: dict[str, _AppLimits] = collections.defaultdict(_AppLimits)
        self._rng = random.Random(options.seed)
        self.stats: collections.Counter[str] = collections.Counter()
        # The signatures of accepted calls, so tests can prove none of them was written anywhere.
        self.signatures_seen: collections.deque[str] = collections.deque(maxlen=100_000)

    def count(self, key: str) -> None:
        with self._lock:
            self.stats[key] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "counts": dict(self.stats),
                "apps": {
                    key: {"used_today": app.used_today, "peak_per_second": app.peak_per_second}
                    for key, app in self._apps.items()
                },
                "epoch": self.catalogue.epoch(),
            }

    def admit(self, app_key: str, tier: Tier) -> None:
        """Count one authenticated call against the app's limits, or refuse it (code 7)."""
        if self.options.no_limits:
            self.count("admitted")
            return
        spec = tier.spec
        with self._lock:
            app = self._apps[app_key]
            now_wall = self.clock()
            now = self._monotonic()
            day = beijing_day(dt.datetime.fromtimestamp(now_wall, dt.UTC))
            if app.day != day:
                app.day, app.used_today = day, 0
            if app.used_today >= spec.daily_calls:
                self.stats["refused_quota"] += 1
                midnight = next_beijing_midnight(dt.datetime.fromtimestamp(now_wall, dt.UTC))
                ban = max(1, math.ceil(midnight.timestamp() - now_wall))
                raise limited(ban, f"daily call limit {spec.daily_calls} reached")
            while app.window and app.window[0] <= now - 1.0:
                app.window.popleft()
            if len(app.window) >= spec.per_second:
                self.stats["refused_frequency"] += 1
                ban = max(1, math.ceil(app.window[0] + 1.0 - now))
                raise limited(ban, f"frequency limit {spec.per_second}/s reached")
            app.window.append(now)
            app.used_today += 1
            app.peak_per_second = max(app.peak_per_second, len(app.window))
            self.stats["admitted"] += 1

    def set_used_today(self, app_key: str, used: int) -> None:
        """Pretend ``used`` calls were already made today (to show what an exhausted quota looks like).

        Only tests call it; it stays here because the counters and their day live behind the state's lock."""
        with self._lock:
            app = self._apps[app_key]
            app.day = beijing_day(dt.datetime.fromtimestamp(self.clock(), dt.UTC))
            app.used_today = used

    def pick_fault(self) -> str | None:
        if self.options.fault_rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.options.fault_rate:
                return None
            return self._rng.choice(FAULTS)


class GatewayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "XianyuSandbox/1"
    sys_version = ""
    server: SandboxHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def date_time_string(self, timestamp: float | None = None) -> str:
        return formatdate(self.server.state.clock() if timestamp is None else timestamp, usegmt=True)

    # --- plumbing -------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status: int, document: Any, headers: Mapping[str, str] | None = None) -> None:
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._send(status, body, "application/json;charset=UTF-8", headers)

    def _read_form(self) -> list[tuple[str, str]]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            raise Refusal(400, 41, "Invalid arguments", "isv.invalid-parameter", "request body too large")
        body = self.rfile.read(length) if length else b""
        try:
            return parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise Refusal(400, 41, "Invalid arguments", "isv.invalid-encoding", "parameters must be UTF-8") from None

    def do_GET(self) -> None:
        self._route()

    def do_HEAD(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def _route(self) -> None:
        url = urlsplit(self.path)
        try:
            if url.path == GATEWAY_PATH:
                self._gateway(url.query)
            elif m := _IMG_ITEM.fullmatch(url.path):
                self._send(
                    200,
                    item_png(m.group(1), int(m.group(2))),
                    "image/png",
                    {"Cache-Control": "public, max-age=86400"},
                )
            elif m := _IMG_AVATAR.fullmatch(url.path):
                self._send(200, avatar_png(m.group(1)), "image/png", {"Cache-Control": "public, max-age=86400"})
            elif url.path == "/_sandbox/stats":
                self._send_json(200, self.server.state.snapshot())
            elif url.path == "/_sandbox/catalogue":
                n = dict(parse_qsl(url.query)).get("n", "40")
                count = int(n) if n.isdigit() else 40
                self._send_json(200, {"item_ids": self.server.state.catalogue.demo_ids(min(count, 500))})
            elif m := _SHORT.fullmatch(url.path):
                self._short_link(m.group(1))
            else:
                self._send(404, b"not found\n", "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _short_link(self, code: str) -> None:
        """m.tb.cn stand-in (sandbox/shortener.py): by the code's prefix a 302 to a Xianyu item (the
        default), ``js`` a 200 JavaScript page holding the item URL, ``tb`` a 302 to Taobao, ``ex`` an
        expired code (200, the shortener's "link invalid" page), ``sh`` a page leading to a shop. It
        answers after the same latency as the gateway: the real shortener is as far away."""
        self.server.state.count("short_links")
        self._delay()
        status, body, content_type, headers = short_link_answer(code, self.server.state.catalogue)
        self._send(status, body, content_type, headers)

    # --- the gateway ------------------------------------------------------------------------
    def _gateway(self, query: str) -> None:
        state = self.server.state
        state.count("requests")
        try:
            params = dict(parse_qsl(query, keep_blank_values=True))
            if self.command == "POST":
                params.update(self._read_form())
            document = self._answer(params)
        except Refusal as refusal:
            state.count(f"refused_code_{refusal.code}")
            self._delay()
            self._send_json(refusal.status, refusal.body(), refusal.headers)
            return
        fault = state.pick_fault()
        self._delay()
        if fault is None:
            state.count("answered")
            self._send_json(200, document)
            return
        state.count(f"fault_{fault}")
        if fault == "gateway_timeout":
            body = Refusal(504, 15, "Remote service error", "isp.remote-service-timeout", "服务调用超时").body()
            self._send_json(504, body)
        elif fault == "html_502":
            self._send(502, HTML_502, "text/html")
        elif fault == "malformed_json":
            text = json.dumps(document, ensure_ascii=False).encode("utf-8")
            self._send(200, text[: max(1, len(text) // 2)], "application/json;charset=UTF-8")
        else:
            self.close_connection = True  # no status line at all: the client sees a dropped connection

    def _delay(self) -> None:
        if self.server.options.latency_ms > 0:
            time.sleep(self.server.options.latency_ms / 1000)

    def _answer(self, params: dict[str, str]) -> dict[str, Any]:
        """The answer, once the call passes the router's checks (sandbox/checks.py) in the router's order.

        A search is one call like an item_get: admitted (rate, quota) before its own parameters are read."""
        state = self.server.state
        method = check_method(params)
        app_key, tier = check_app(params)
        check_timestamp(params, state.clock())
        check_version(params)
        state.signatures_seen.append(check_signature(params))
        state.admit(app_key, tier)
        if method == SEARCH_METHOD:
            return self._search(params)
        item_id = check_item_id(params)
        fields = requested_fields(params.get("fields"), tier)
        raw = state.catalogue.item(item_id, self.server.base_url)
        if raw is None:
            state.count("no_data")
            return {"item_get_response": {}}
        return {"item_get_response": {"item": {k: raw[k] for k in fields if k in raw}}}

    def _search(self, params: dict[str, str]) -> dict[str, Any]:
        """One page of item_search; ``items`` is left out when nothing matches, empty past the last page."""
        query = search_query(params)
        fields = summary_fields(params.get("fields"))
        page = self.server.state.catalogue.search(query, self.server.base_url)
        self.server.state.count("searches")
        answer: dict[str, Any] = {"total_results": page.total, "page_no": query.page_no, "page_size": query.page_size}
        if page.total:
            answer["items"] = {"item": [{k: item[k] for k in fields} for item in page.items]}
        return {"item_search_response": answer}


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(
        self,
        options: SandboxOptions,
        clock: Callable[[], float],
        catalogue_clock: Callable[[], float] | None = None,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
        super().__init__((options.host, options.port), GatewayHandler)
        self.options = options
        self.state = GatewayState(options, clock, catalogue_clock=catalogue_clock)
        raw_host = self.server_address[0]
        host = raw_host.decode() if isinstance(raw_host, bytes) else raw_host
        shown = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{shown}:{self.server_address[1]}"


class SandboxGateway:
    """Start and stop a sandbox in a background thread: ``with SandboxGateway() as gw: gw.url``."""

    def __init__(
        self,
        options: SandboxOptions | None = None,
        *,
        clock: Callable[[], float] | None = None,
        catalogue_clock: Callable[[], float] | None = None,
    ) -> None:
        """``catalogue_clock``: see ``GatewayState``."""
        self.options = options or SandboxOptions()
        offset = self.options.clock_offset
        self._server = SandboxHTTPServer(self.options, clock or (lambda: time.time() + offset), catalogue_clock)
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def url(self) -> str:
        """The endpoint to configure as the gateway, like the seed's …/router/rest."""
        return self._server.base_url + GATEWAY_PATH

    @property
    def state(self) -> GatewayState:
        return self._server.state

    def start(self) -> SandboxGateway:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sandbox-gateway",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def shutdown(self) -> None:
        """From another thread: make ``serve_forever`` return."""
        self._server.shutdown()

    def stop(self) -> None:
        if self._thread is not None:  # shutdown() waits for a serve_forever loop: only ask a running one
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> SandboxGateway:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
