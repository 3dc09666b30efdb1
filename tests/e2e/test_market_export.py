"""A comparison exported as its 行情 sheet, and the watchlist export's market and inferred columns, read
back with openpyxl: a real comparison against the sandbox over loopback, through the profile's own wiring
(its poller compares my listing; its cache holds the answers the export reads)."""

from __future__ import annotations

import dataclasses
import time
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.clock import FakeClock
from tests.e2e.test_my_listings import priciest_256
from xianyu_desktop.core.export.cells import MONEY_FORMAT, PERCENT_FORMAT
from xianyu_desktop.core.export.files import ExportError
from xianyu_desktop.core.export.market_sheet import MARKET_SHEET, STATS_SHEET, write_market_export
from xianyu_desktop.core.export.sources import watchlist_rows
from xianyu_desktop.core.export.writer import COLUMNS, ExportMeta, write_export
from xianyu_desktop.core.gateway.config import GatewayConfig
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.items.links import canonical_item_url
from xianyu_desktop.core.market.filtering import Candidate
from xianyu_desktop.core.net.http import make_http_client
from xianyu_desktop.core.profile import Profile
from xianyu_desktop.core.watch.mine import MyListings
from xianyu_desktop.paths import app_paths
from xianyu_desktop.sandbox.server import SANDBOX_SECRET

pytestmark = pytest.mark.e2e
HOSTILE = '=HYPERLINK("http://evil.example","点我")'


@pytest.fixture
def wired(start_sandbox, tmp_path):
    market_time = FakeClock(time.time())
    gateway = start_sandbox(no_limits=True, catalogue_clock=market_time)
    profile = Profile.open(app_paths({"XIANYU_DESKTOP_HOME": str(tmp_path / "home")}))
    config = GatewayConfig(gateway.url, "sandbox-basic", SANDBOX_SECRET, Tier.BASIC, timeout=10.0)
    with make_http_client(timeout=10.0) as http:
        client = profile.make_client(config, http)
        yield profile, config, client, priciest_256(gateway, market_time)
    profile.close(backup=False)


def test_market_sheet_reads_back(wired, tmp_path):
    profile, _, client, my_id = wired
    report = profile.market(client).compare(my_id)
    hostile = Candidate("1000000000001", HOSTILE, Decimal("4000"), "like_new", "s1", "@SUM(1)", "onsale")
    comparison = dataclasses.replace(report.comparison, comparables=(*report.comparison.comparables, hostile))
    report = dataclasses.replace(report, comparison=comparison)
    target = write_market_export(tmp_path / "行情.xlsx", report)

    book = load_workbook(target)
    assert book.sheetnames == [MARKET_SHEET, STATS_SHEET]
    table = book[MARKET_SHEET]
    header = [c.value for c in table[1]]
    assert header == ["纳入", "排除原因", "来源", "商品ID", "商品标题", "价格", "商品成色", "卖家昵称", "链接"]
    assert table.freeze_panes == "A2" and table.auto_filter.ref == f"A1:I{table.max_row}"
    rows = list(table.iter_rows(min_row=2))
    assert len(rows) == len(comparison.comparables) + len(comparison.excluded)
    included = [r for r in rows if r[0].value == "是"]
    assert len(included) == len(comparison.comparables) and all(r[1].value is None for r in included)
    excluded = {r[3].value: r[1].value for r in rows if r[0].value == "否"}
    assert excluded[my_id] == "商品本身"
    assert "配件" in excluded.values()  # the accessories the search met, kept with their reason
    assert set(excluded) == {e.candidate.item_id for e in comparison.excluded}
    for row in rows:
        assert row[3].data_type == "s" and row[4].data_type == "s"  # ids and titles are text
        if row[5].value is not None:
            assert isinstance(row[5].value, (int, float)) and row[5].number_format == MONEY_FORMAT
        assert row[8].hyperlink is not None and row[8].hyperlink.target == canonical_item_url(row[3].value)
    planted = next(r for r in rows if r[3].value == "1000000000001")
    assert planted[4].value == HOSTILE and planted[4].data_type == "s" and planted[7].data_type == "s"

    stats = {r[0].value: r[1] for r in book[STATS_SHEET].iter_rows(min_row=2)}
    s = comparison.stats
    assert stats["商品ID"].value == my_id and stats["同款数"].value == s.count
    assert Decimal(str(stats["中位价"].value)) == s.median and stats["中位价"].number_format == MONEY_FORMAT
    assert Decimal(str(stats["P25"].value)) == s.p25 and Decimal(str(stats["P75"].value)) == s.p75
    assert stats["价格百分位"].number_format == PERCENT_FORMAT
    assert stats["价格百分位"].value == pytest.approx(comparison.percentile / 100)
    assert stats["性价比得分"].value == pytest.approx(comparison.value_score)
    assert stats["结论"].value == ("样本不足" if comparison.suggested is None else "样本充足")
    assert stats["本次调用"].value == report.calls_used
    assert any(label.startswith("类目") for label in stats)

    with pytest.raises(ExportError):
        write_market_export(tmp_path / "行情.csv", report)


def test_watchlist_export_has_market_and_inferred_columns(wired, tmp_path):
    profile, config, client, my_id = wired
    bare = "555555555555"  # an answer without a category: the title names the model
    profile.cache.put(
        bare, {"item_id": bare, "title": "iPhone 14 256GB 国行", "price": "3999", "status": "onsale"}, None
    )
    poller = profile.poller(config, client)
    poller.watchlist.add([my_id, bare])
    MyListings(profile.store).set_mine(my_id, True)
    report = poller.poll([my_id], compare_ids=[my_id])
    assert report.compared == 1
    summary = MyListings(profile.store).summary(my_id)
    assert summary is not None

    rows, history = watchlist_rows(poller.watchlist, profile.cache, profile.vocabulary())
    meta = ExportMeta("关注列表", config.gateway_url, "企业基础", "0.1.0")
    target = write_export(tmp_path / "关注.xlsx", rows, COLUMNS, history, meta)
    sheet = load_workbook(target)["商品"]
    col = {c.value: c.column for c in sheet[1]}
    by_id = {sheet.cell(r, col["商品ID"]).value: r for r in range(2, sheet.max_row + 1)}
    mine_row, bare_row = by_id[my_id], by_id[bare]

    def cell(row: int, header: str):
        return sheet.cell(row, col[header])

    assert Decimal(str(cell(mine_row, "同款中位价").value)) == summary.median
    assert cell(mine_row, "同款中位价").number_format == MONEY_FORMAT
    assert Decimal(str(cell(mine_row, "同款P25").value)) == summary.p25
    assert Decimal(str(cell(mine_row, "同款P75").value)) == summary.p75
    assert cell(mine_row, "价格百分位").value == pytest.approx(summary.percentile / 100)
    assert cell(mine_row, "价格百分位").number_format == PERCENT_FORMAT
    assert cell(mine_row, "性价比得分").value == pytest.approx(summary.value_score)
    assert cell(mine_row, "行情结论").value in ("样本充足", "样本不足")
    if summary.quick_sale is not None:
        assert Decimal(str(cell(mine_row, "快速出手价").value)) == summary.quick_sale
    assert cell(mine_row, "比价时间").is_date
    assert cell(mine_row, "商品类目").value and cell(mine_row, "类目（推断）").value is None  # the gateway's

    # No comparison: empty market cells; no category from the gateway: inferred, in its own column only.
    assert cell(bare_row, "同款中位价").value is None and cell(bare_row, "比价时间").value is None
    assert cell(bare_row, "商品类目").value is None
    assert cell(bare_row, "类目（推断）").value == "苹果手机"
    inferred_price = cell(bare_row, "原价（推断）")
    assert cell(bare_row, "原价(元)").value is None
    assert inferred_price.value is None or inferred_price.number_format == MONEY_FORMAT
