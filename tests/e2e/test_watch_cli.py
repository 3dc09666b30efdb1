"""The watchlist from the command line against the sandbox, its prices drifting fast (--speed)."""

from __future__ import annotations

import codecs
import json
import subprocess
import time

import pytest
from openpyxl import Workbook

from tests.clock import FakeClock
from tests.core.hostile_xlsx import (
    SHEET_HEAD,
    SHEET_TAIL,
    RawMember,
    bomb_stream,
    id_cell,
    sheet_of,
    workbook_parts,
    write_workbook,
)
from tests.e2e.test_cli import ENTRY, assert_plain_failure, run, sandbox_env, text
from xianyu_desktop.cli import EXIT_BROKEN_PIPE

pytestmark = pytest.mark.e2e
KINDS = {"price_drop", "target_reached", "sold", "offline", "back_on_sale", "gone", "price_rise"}


def test_watch_add_poll_alerts_list_and_remove(start_sandbox):
    clock = FakeClock(time.time())  # the listings' own clock: signing and the quota keep the real time
    gateway = start_sandbox(speed=2_000, no_limits=True, catalogue_clock=clock)  # an epoch per 0.3 s of it
    env = sandbox_env(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(30)
    added = run("watch", "add", *ids, env=env)
    assert added.returncode == 0 and "已加入关注 30 个" in text(added.stdout)
    again = run("watch", "add", ids[0], ids[0], f"https://www.goofish.com/item?id={ids[1]}", env=env)
    assert "已加入关注 0 个，2 个已在关注中" in text(again.stdout)

    first = run("watch", "poll", "--all", env=env)
    assert first.returncode == 0, text(first.stderr)
    assert "检查了 30 个商品" in text(first.stderr)
    assert json.loads(text(run("watch", "alerts", "--json", env=env).stdout)) == []  # baseline: no alerts

    clock.now += 3.0  # ten epochs: prices drop, items sell, go offline, come back, vanish
    second = run("watch", "poll", "--all", env=env)
    assert second.returncode == 0, text(second.stderr)
    alerts = json.loads(text(run("watch", "alerts", "--json", env=env).stdout))
    assert alerts, text(second.stdout)
    for alert in alerts:
        assert alert["item_id"] in ids and alert["kind"] in KINDS
        assert {"old", "new", "at", "message", "target_price", "last_price"} <= set(alert) and alert["message"]
        if alert["kind"] in ("sold", "offline", "gone"):
            assert alert["new"] in ("已售", "下架", "已删除或不可见")  # a status, never a price of 0
    assert any(a["kind"] == "price_drop" for a in alerts)
    assert any(a["kind"] in ("sold", "offline", "gone") for a in alerts)
    assert all(a["last_price"] == a["new"] for a in alerts if a["kind"] == "price_drop")  # kept with the alert

    listed = json.loads(text(run("watch", "list", "--json", env=env).stdout))
    assert sorted(obj["item_id"] for obj in listed) == sorted(ids)
    changed = [o for o in listed if o["previous_price"] is not None]
    assert changed and all(o["change_pct"] is not None for o in changed)
    assert all(o["last_checked"] for o in listed)

    since_future = run("watch", "alerts", "--json", "--since", "2099-01-01", env=env)
    assert json.loads(text(since_future.stdout)) == []
    assert_plain_failure(run("watch", "alerts", "--since", "yesterday-ish", env=env), 2, "--since")

    removed = run("watch", "remove", ids[0], ids[1], env=env)
    assert removed.returncode == 0 and "已移除 2 个" in text(removed.stdout)
    assert len(json.loads(text(run("watch", "list", "--json", env=env).stdout))) == 28


def test_watch_poll_without_credentials_is_a_plain_error():
    assert_plain_failure(run("watch", "poll"), 2, "缺少 app_key")


def test_import_from_xlsx_csv_and_text(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["商品ID", "备注", "链接"])
    sheet.append([698765432109876543, "对手", None])  # Excel keeps 15 digits: this id is already damaged
    sheet.append([100000000001, "12 位的数字 ID 仍然准确", None])
    sheet.append(["123456789012", "想买", "https://www.goofish.com/item?id=1234567890123"])
    sheet.append([None, "价格 4299 元", "https://item.taobao.com/item.htm?id=680000000001"])
    xlsx = tmp_path / "我的关注.xlsx"
    book.save(xlsx)
    result = run("watch", "import", str(xlsx))
    assert result.returncode == 3  # one link refused, one damaged number reported
    assert "读到 3 个商品 ID，新加入关注 3 个" in text(result.stdout)
    assert "not_xianyu" in text(result.stderr)
    assert "excel_number\t6.98765432109876e+17" in text(result.stderr) and "文本" in text(result.stderr)

    csv_file = tmp_path / "list.csv"
    csv_file.write_bytes("\ufeff编号,链接\n1,https://h5.m.goofish.com/item?itemId=2222222222222\n".encode())
    result = run("watch", "import", str(csv_file))
    assert result.returncode == 0 and "新加入关注 1 个" in text(result.stdout)

    txt = tmp_path / "ids.txt"
    txt.write_text("698765432109876543\n3333333333333\n", encoding="gb18030")
    result = run("watch", "import", str(txt))
    assert "读到 2 个商品 ID，新加入关注 2 个" in text(result.stdout)

    listed = json.loads(text(run("watch", "list", "--json").stdout))
    assert sorted(o["item_id"] for o in listed) == sorted(
        ["100000000001", "123456789012", "1234567890123", "2222222222222", "698765432109876543", "3333333333333"]
    )
    assert_plain_failure(run("watch", "import", str(tmp_path / "missing.xlsx")), 2, "找不到文件")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert_plain_failure(run("watch", "import", str(broken)), 2, "无法读取 Excel 文件")


def test_export_command_writes_the_watchlist_and_the_cache(start_sandbox, tmp_path):
    from openpyxl import load_workbook

    gateway = start_sandbox(no_limits=True)
    env = sandbox_env(gateway, "advanced")
    ids = gateway.state.catalogue.demo_ids(6)
    run("watch", "add", *ids, env=env)
    run("watch", "poll", "--all", env=env)
    out = tmp_path / "关注.xlsx"
    result = run("export", "--out", str(out), env=env)
    assert result.returncode == 0, text(result.stderr)
    assert "已导出 6 个商品、6 条价格记录" in text(result.stdout)
    book = load_workbook(out)
    assert sorted(book["商品"].cell(r, 1).value for r in range(2, 8)) == sorted(ids)
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert about["权限等级"] == "企业高级" and about["网关"] == gateway.url

    only = tmp_path / "ids.csv"
    assert run("export", "--out", str(only), "--columns", "商品ID,price", "--what", "cache", env=env).returncode == 0
    lines = only.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "商品ID,商品标价(元)" and len(lines) == 7

    assert_plain_failure(
        run("export", "--out", str(tmp_path / "x.xlsx"), "--columns", "颜色", env=env), 2, "不认识的列"
    )
    assert_plain_failure(run("export", "--out", str(tmp_path / "x.pdf"), env=env), 2, ".xlsx 或 .csv")


@pytest.mark.parametrize("listing", [["watch", "list"], ["watch", "list", "--json"]], ids=["text", "json"])
def test_a_reader_that_stops_early_ends_the_command_quietly(listing):
    """`watch list | head -3`: a real pipe closed after three lines, far more output than the pipe holds."""
    ids = "\n".join(str(1_000_000_000_000 + n) for n in range(5000))
    assert run("watch", "add", stdin=ids).returncode == 0
    with subprocess.Popen([str(ENTRY), *listing], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        head = [proc.stdout.readline() for _ in range(3)]
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        code = proc.wait(timeout=60)
    assert all(head)
    assert err == ""  # no traceback, no "Exception ignored"
    assert code == EXIT_BROKEN_PIPE == 141  # what a shell shows for any program cut off by a pipe (128 + SIGPIPE)


@pytest.mark.parametrize("since", ["99999999d", "9999999999999999999999h", "99999-01-01", "10000000000m"])
def test_since_out_of_range_is_a_usage_error(since):
    result = run("watch", "alerts", "--since", since)
    assert_plain_failure(result, 2, "--since")
    assert len(text(result.stderr).strip().splitlines()) == 1


def test_watch_remove_names_what_it_could_not_remove():
    assert run("watch", "add", "698765432109876543", "123456789012").returncode == 0
    refused = run("watch", "remove", "abc")
    assert_plain_failure(refused, 2, "'abc' 不是闲鱼商品 ID（商品 ID 是 10–19 位数字）")
    assert "已移除 0 个" in text(refused.stdout)

    mixed = run("watch", "remove", "698765432109876543", "555555555555", "12ab")
    assert mixed.returncode == 3
    assert "已移除 1 个" in text(mixed.stdout)
    err = text(mixed.stderr).splitlines()
    assert err == [
        "xianyu-desktop watch remove: '12ab' 不是闲鱼商品 ID（商品 ID 是 10–19 位数字）",
        "xianyu-desktop watch remove: 555555555555 不在关注列表中",
    ]
    assert [o["item_id"] for o in json.loads(text(run("watch", "list", "--json").stdout))] == ["123456789012"]


def test_watch_set_changes_what_the_window_can_with_the_same_rules():
    item = "698765432109876543"
    assert run("watch", "add", item).returncode == 0
    result = run("watch", "set", item, "--target", "¥3,500", "--threshold", "8%", "--note", "对手的, 便宜 ¥5")
    assert result.returncode == 0, text(result.stderr)
    assert text(result.stdout).strip() == f"已修改 {item}：目标价 ¥3,500.00，降价 ≥8% 时提醒，备注 对手的, 便宜 ¥5。"
    (state,) = json.loads(text(run("watch", "list", "--json").stdout))
    assert (state["target_price"], state["threshold_pct"], state["note"]) == ("3500.00", "8", "对手的, 便宜 ¥5")

    cleared = run("watch", "set", item, "--no-target", "--no-note")
    assert cleared.returncode == 0, text(cleared.stderr)
    (state,) = json.loads(text(run("watch", "list", "--json").stdout))
    assert (state["target_price"], state["threshold_pct"], state["note"]) == (None, "8", "")

    for args, words in [
        (["--target", "abc"], "目标价要是数字：'abc'"),
        (["--target", "-5"], "目标价要大于 0"),
        (["--threshold", "150"], "降价提醒幅度要大于 0、不超过 100"),
        (["--note", "长" * 501], "备注最多 500 个字"),
        ([], "请给出要修改的"),
        (["--target", "1", "--no-target"], "not allowed with"),
    ]:
        refused = run("watch", "set", item, *args)
        assert_plain_failure(refused, 2, words)
        assert len(text(refused.stderr).strip().splitlines()) <= 2  # one line (argparse adds its --help hint)
    assert_plain_failure(run("watch", "set", "555555555555", "--note", "x"), 2, "不在关注列表中")
    assert_plain_failure(run("watch", "set", "abc", "--note", "x"), 2, "不是闲鱼商品 ID")
    (state,) = json.loads(text(run("watch", "list", "--json").stdout))
    assert (state["target_price"], state["note"]) == (None, "")  # nothing refused was written


# --- files as Excel and Windows write them, and files that cannot be read (issue 11, items 6-8) ---------------

OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + bytes.fromhex("3e000300feff0900") + bytes(480)


def listed_ids() -> list[str]:
    return sorted(o["item_id"] for o in json.loads(text(run("watch", "list", "--json").stdout)))


def test_import_a_csv_with_cr_only_line_ends_from_excel_for_mac(tmp_path):
    mac = tmp_path / "mac.csv"
    mac.write_bytes("编号,链接\r1,https://www.goofish.com/item?id=4444444444444\r2,5555555555555\r".encode())
    result = run("watch", "import", str(mac))
    assert result.returncode == 0, text(result.stderr)
    assert "Traceback" not in text(result.stderr)
    assert "读到 2 个商品 ID，新加入关注 2 个" in text(result.stdout)
    assert listed_ids() == ["4444444444444", "5555555555555"]


def test_import_utf16_unicode_text_from_excel(tmp_path):
    unicode_csv = tmp_path / "unicode.csv"
    rows = "商品ID\t标题\r\n6666666666666\t自用 iPhone 14\r\n7777777777777\t「九成新」\r\n"
    unicode_csv.write_bytes(codecs.BOM_UTF16_LE + rows.encode("utf-16-le"))
    result = run("watch", "import", str(unicode_csv))
    assert result.returncode == 0, text(result.stderr)
    assert "读到 2 个商品 ID，新加入关注 2 个" in text(result.stdout)
    assert listed_ids() == ["6666666666666", "7777777777777"]


def test_import_an_empty_file_says_it_is_empty(tmp_path):
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    result = run("watch", "import", str(empty))
    assert_plain_failure(result, 2, "文件是空的")
    assert "读到 0 个" not in text(result.stdout)


def test_import_an_xls_workbook_names_it_with_what_to_do(tmp_path):
    xls = tmp_path / "旧表格.xls"
    xls.write_bytes(OLE_HEADER)
    result = run("watch", "import", str(xls))
    assert_plain_failure(result, 2, "旧版 Excel 文件（.xls）")
    assert "另存为" in text(result.stderr) and ".xlsx" in text(result.stderr) and "CSV" in text(result.stderr)


def test_import_a_file_with_no_ids_says_why(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("明天去面交，价格 4299 元\n", encoding="utf-8")
    result = run("watch", "import", str(notes))
    assert result.returncode == 3
    assert "没有闲鱼商品链接，也没有 10–19 位的商品 ID" in text(result.stderr)


def test_import_an_xlsx_cell_reading_dian_wo_takes_its_hyperlinked_item(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["标题", "链接"])
    sheet.append(["自用 iPhone 14", "点我"])
    sheet["B2"].hyperlink = "https://www.goofish.com/item?id=698765432109876543"
    sheet.append(["商品ID：745678901234567890", "6.98765E+17"])
    path = tmp_path / "点我.xlsx"
    book.save(path)
    result = run("watch", "import", str(path))
    assert result.returncode == 3, text(result.stderr)  # the number Excel damaged is reported
    assert "读到 2 个商品 ID，新加入关注 2 个" in text(result.stdout)
    assert "excel_number\t6.98765E+17" in text(result.stderr) and "文本" in text(result.stderr)
    assert listed_ids() == ["698765432109876543", "745678901234567890"]


def test_import_shows_the_note_on_an_id_excel_has_probably_rounded(tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("698765432109876000\n8888888888888\n", encoding="utf-8")
    result = run("watch", "import", str(ids))
    assert result.returncode == 0  # a note, not a failure: the id is taken
    assert "读到 2 个商品 ID，新加入关注 2 个" in text(result.stdout)
    assert "maybe_excel_rounded\t698765432109876000" in text(result.stderr)
    assert "Excel" in text(result.stderr)


def test_watch_add_with_a_file_points_to_watch_import(tmp_path):
    book = Workbook()
    book.active.append(["698765432109876543"])
    path = tmp_path / "我的关注.xlsx"
    book.save(path)
    result = run("watch", "add", str(path))
    assert_plain_failure(result, 2, f"xianyu-desktop watch import {path}")
    assert "没有识别到闲鱼商品 ID" not in text(result.stderr)
    assert listed_ids() == []  # nothing added
    assert run("watch", "add", "9999999999999").returncode == 0  # an id is still an id


def test_watch_add_takes_labelled_ids_and_reports_excel_numbers():
    paste = "商品ID：745678901234567890\nitemId=734567890123456789\n6.98765E+17\n"
    result = run("watch", "add", stdin=paste)
    assert result.returncode == 3  # one number refused
    assert "已加入关注 2 个" in text(result.stdout)
    assert "excel_number\t6.98765E+17" in text(result.stderr)
    assert listed_ids() == ["734567890123456789", "745678901234567890"]


# --- hostile files (issue 12 item 6): refused in plain words, or bounded and said -----------------------------


def timed_import(path, label: str, timeout: float = 60):
    started = time.perf_counter()
    result = run("watch", "import", str(path), timeout=timeout)
    print(f"\n[bound] watch import, {label}: {time.perf_counter() - started:.2f} s (whole CLI process)")
    return result


def test_import_of_a_zip_bomb_is_refused_at_once_in_plain_words(tmp_path):
    stream, size = bomb_stream(
        SHEET_HEAD, b'<row><c t="inlineStr"><is><t>0</t></is></c></row>', 4_300_000_000, SHEET_TAIL
    )
    parts = workbook_parts(sheet_of([f'<row r="1">{id_cell("A1", "698765432109876543")}</row>']))
    bomb = write_workbook(tmp_path / "炸弹.xlsx", parts, {"xl/worksheets/sheet1.xml": RawMember("", stream, size, 0)})
    result = timed_import(bomb, "4.3 GB zip bomb", timeout=30)
    assert_plain_failure(result, 2, "无法读取 Excel 文件 炸弹.xlsx：文件解压后过大")
    assert listed_ids() == []


@pytest.mark.parametrize("attack", ["laughs", "xxe"])
def test_import_of_a_dtd_payload_is_the_plain_cannot_read_message(tmp_path, attack):
    secret = tmp_path / "secret.txt"
    secret.write_text("7777777777777\n", encoding="utf-8")
    doctype = (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        if attack == "laughs"
        else f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    )
    entity = "&d;" if attack == "laughs" else "&xxe;"
    sheet = SHEET_HEAD.replace(b"<worksheet", doctype.encode() + b"<worksheet")
    sheet += f'<row r="1"><c r="A1" t="inlineStr"><is><t>{entity}</t></is></c></row>'.encode() + SHEET_TAIL
    path = write_workbook(tmp_path / f"{attack}.xlsx", workbook_parts(sheet))
    result = timed_import(path, attack)
    assert_plain_failure(result, 2, f"无法读取 Excel 文件 {attack}.xlsx")
    assert "7777777777777" not in text(result.stdout) + text(result.stderr)
    assert listed_ids() == []


def test_import_of_a_csv_over_50_mb_says_so(tmp_path):
    path = tmp_path / "big.csv"
    line = b"698765432109876543,\xe8\x87\xaa\xe7\x94\xa8\n"
    with path.open("wb") as out:
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    result = timed_import(path, "CSV over 50 MB")
    assert_plain_failure(result, 2, "文件过大：big.csv 有 50 MB，一次最多读取 50 MB")
    assert listed_ids() == []


def test_import_of_1048576_ids_takes_20000_and_says_how_many_were_left_out(tmp_path):
    rows = [f'<row r="{n}"><c r="A{n}"><v>{1_000_000_000_000 + n}</v></c></row>' for n in range(1, 1_048_577)]
    path = write_workbook(tmp_path / "ids.xlsx", workbook_parts(sheet_of(rows)))
    del rows
    result = timed_import(path, "1,048,576 ids", timeout=300)
    out, err = text(result.stdout), text(result.stderr)
    assert result.returncode == 3, err
    assert "读到 20000 个商品 ID，新加入关注 20000 个" in out
    assert "另有 980000 个商品 ID 超过单次导入上限（20000 个），没有导入" in out
    assert "只读取了前 1000000 个单元格" in out
    assert "too_many_ids\t980000 个商品 ID\t一次最多导入 20000 个商品 ID" in err and "too_many_cells" in err
    assert "Traceback" not in err
    listed = listed_ids()
    assert len(listed) == 20000 and listed[0] == "1000000000001" and listed[-1] == "1000000020000"
