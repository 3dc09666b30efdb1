"""The audit log the seed asks for: every gateway call (and every answer served from cache), one JSON
line each, a file per day, kept at least 7 days and removed by age.

A record holds time, item_id, method, fields, HTTP status, error code, attempt, latency and whether it
came from the cache. Never the secret, the signature, or the signed URL or body: the record is built
from a CallRecord, which has none of them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xianyu_desktop.core.gateway.client import CallRecord
from xianyu_desktop.core.gateway.protocol import METHOD
from xianyu_desktop.core.gateway.search import SEARCH_METHOD, SearchQuery
from xianyu_desktop.core.storage.private_files import private_folder
from xianyu_desktop.core.timeutil import BEIJING

log = logging.getLogger(__name__)

MIN_KEEP_DAYS = 7
_FILE = re.compile(r"audit-(\d{4}-\d{2}-\d{2})\.jsonl")


class AuditLog:
    def __init__(self, log_dir: Path, *, keep_days: int = 14, clock: Callable[[], float] = time.time) -> None:
        self.log_dir = log_dir
        self.keep_days = max(MIN_KEEP_DAYS, keep_days)
        self._clock = clock
        self._lock = threading.Lock()
        self._pruned_for: dt.date | None = None

    def path_for(self, day: dt.date) -> Path:
        return self.log_dir / f"audit-{day.isoformat()}.jsonl"

    def record_call(self, call: CallRecord) -> None:
        self._write(
            {
                "item_id": call.item_id or None,
                "method": call.method,
                **({"query": call.query} if call.query is not None else {}),
                "fields": call.fields,
                "http_status": call.http_status,
                "error_code": call.error_code,
                "error_kind": call.kind.value if call.kind else None,
                "attempt": call.attempt,
                "latency_ms": round(call.latency * 1000, 1),
                "from_cache": False,
            }
        )

    def record_cache_hit(self, item_id: str, fields: str | None) -> None:
        self._write(
            {
                "item_id": item_id,
                "method": METHOD,
                "fields": fields,
                "http_status": None,
                "error_code": None,
                "error_kind": None,
                "attempt": 0,
                "latency_ms": 0.0,
                "from_cache": True,
            }
        )

    def record_search_cache_hit(self, query: SearchQuery) -> None:
        self._write(
            {
                "item_id": None,
                "method": SEARCH_METHOD,
                "query": f"{query.q} p{query.page_no}",
                "fields": ",".join(query.fields) or None,
                "http_status": None,
                "error_code": None,
                "error_kind": None,
                "attempt": 0,
                "latency_ms": 0.0,
                "from_cache": True,
            }
        )

    def _write(self, record: dict[str, Any]) -> None:
        now = dt.datetime.fromtimestamp(self._clock(), BEIJING)
        line = json.dumps({"time": now.isoformat(timespec="milliseconds"), **record}, ensure_ascii=False) + "\n"
        with self._lock:
            try:
                private_folder(self.log_dir)
                # O_APPEND: lines from several processes interleave whole, never torn.
                fd = os.open(self.path_for(now.date()), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                try:
                    os.write(fd, line.encode("utf-8"))
                finally:
                    os.close(fd)
            except OSError as exc:
                log.warning("audit log not written: %s", exc)
                return
            if self._pruned_for != now.date():
                self._pruned_for = now.date()
                self.prune(now.date())

    def prune(self, today: dt.date) -> list[Path]:
        """Remove day files older than keep_days, judged by the day in their name."""
        removed: list[Path] = []
        cutoff = today - dt.timedelta(days=self.keep_days)
        for path in self.log_dir.glob("audit-*.jsonl"):
            match = _FILE.fullmatch(path.name)
            if not match:
                continue
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                continue
            if day < cutoff:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed
