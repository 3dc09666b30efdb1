"""Audit log lines and their retention; log redaction."""

from __future__ import annotations

import datetime as dt
import json
import logging

from xianyu_desktop.core.errors import ErrorKind
from xianyu_desktop.core.gateway.client import CallRecord
from xianyu_desktop.core.storage.audit import AuditLog
from xianyu_desktop.logs import RedactingFilter, configure_logging

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC).timestamp()


def test_each_call_is_one_json_line_with_what_the_seed_asks(tmp_path):
    audit = AuditLog(tmp_path, clock=lambda: NOW)
    audit.record_call(CallRecord("698765432109876543", "title,price", 2, 504, 15, ErrorKind.TIMEOUT, 0.1234, 0.0))
    audit.record_cache_hit("698765432109876543", None)
    lines = (tmp_path / "audit-2026-11-28.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["item_id"] == "698765432109876543"
    assert first["method"] == "xianyu.item.get"
    assert (first["fields"], first["http_status"], first["error_code"], first["attempt"]) == (
        "title,price",
        504,
        15,
        2,
    )
    assert first["latency_ms"] == 123.4 and first["from_cache"] is False
    assert first["time"].startswith("2026-11-28T20:00:00")
    assert second["from_cache"] is True


def test_files_are_removed_by_age_never_younger_than_seven_days(tmp_path):
    audit = AuditLog(tmp_path, keep_days=3, clock=lambda: NOW)  # asks for 3, gets the minimum 7
    today = dt.date(2026, 11, 28)
    for age in (0, 1, 6, 7, 8, 30):
        (tmp_path / f"audit-{today - dt.timedelta(days=age)}.jsonl").write_text("{}\n")
    (tmp_path / "notes.txt").write_text("keep me")
    removed = audit.prune(today)
    assert sorted(p.name for p in removed) == ["audit-2026-10-29.jsonl", "audit-2026-11-20.jsonl"]
    assert (tmp_path / "notes.txt").exists()
    assert len(list(tmp_path.glob("audit-*.jsonl"))) == 4


def test_redaction_scrubs_signatures_and_secrets():
    f = RedactingFilter(("hunter2-secret",))
    sign = "a518e395849ebe26f830ffd6926b72899cf317f07e76663f88fc887cd59baed9"
    text = f.scrub(f"POST /router/rest?app_key=k&sign={sign}&x=1 app_secret=hunter2-secret body={sign}")
    assert sign not in text and "hunter2" not in text
    assert "app_key=k" in text


def test_app_log_never_carries_a_signature_even_at_debug(tmp_path):
    sign = "eb5b2f67ea20400c62667f74142e42e22f63f6fe294c84cbec98d81b44211178"
    path = configure_logging(tmp_path, level="DEBUG", secrets=("s3cr3t-value",))
    try:
        logging.getLogger("xianyu_desktop.test").debug("sent sign=%s with s3cr3t-value", sign)
        logging.getLogger("httpx").info("HTTP Request: GET http://127.0.0.1/router/rest?sign=%s", sign)
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = path.read_text(encoding="utf-8")
        assert "sent sign=[已隐藏]" in content
        assert sign not in content and "s3cr3t-value" not in content
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_xianyu_app_log", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(logging.WARNING)
