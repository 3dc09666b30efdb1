"""``extract`` and ``fetch`` on what sellers paste from Excel: labelled ids, ids Excel wrote in scientific
notation, ids Excel has probably rounded (issue 11, item 6). A real process; fetch over loopback."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_cli import run, sandbox_env, text

pytestmark = pytest.mark.e2e

PASTE = (
    "出 iPhone，商品ID：745678901234567890，宝贝ID 1234567890123\n"
    "日志：GET /detail?itemId=734567890123456789&from=pc\n"
    "6.98765E+17\n"
    "698765432109876000\n"
    "订单号：1234567890999\n"
)


def test_extract_takes_labelled_ids_refuses_excel_numbers_and_notes_rounded_ids():
    result = run("extract", stdin=PASTE)
    assert result.returncode == 0
    assert text(result.stdout).split() == [
        "745678901234567890",
        "1234567890123",
        "734567890123456789",
        "698765432109876000",
    ]
    err = text(result.stderr).splitlines()
    assert err[0].startswith("excel_number\t6.98765E+17\t") and "文本" in err[0]
    assert err[1].startswith("maybe_excel_rounded\t698765432109876000\t") and "已照常读取" in err[1]
    assert len(err) == 2


def test_fetch_shows_the_note_and_looks_the_id_up_all_the_same(sandbox):
    item_id = sandbox.state.catalogue.demo_ids(1)[0]
    result = run("fetch", item_id, "698765432109876000", env=sandbox_env(sandbox))
    assert "maybe_excel_rounded\t698765432109876000" in text(result.stderr)
    answered = [json.loads(line)["item_id"] for line in text(result.stdout).splitlines()]
    assert answered == [item_id, "698765432109876000"]
