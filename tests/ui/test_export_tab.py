"""The Export tab in the real main window: watchlist and lookup results to real files, read back."""

from __future__ import annotations

import csv

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.ui.conftest import lookup_and_wait


def export_and_wait(qtbot, window) -> None:
    tab = window.export_tab
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=20_000)


def test_export_the_watchlist_with_history_to_xlsx(qtbot, demo_window, tmp_path):
    window = demo_window
    ids = window.session.demo_gateway.state.catalogue.demo_ids(5)
    window.session.watchlist.add(ids)
    window.watch_tab.poll(everything=True)
    qtbot.waitUntil(
        lambda: window.watch_tab.poll_task is not None and not window.watch_tab.poll_task.running, timeout=20_000
    )
    tab = window.export_tab
    target = tmp_path / "关注.xlsx"
    tab.path.setText(str(target))
    export_and_wait(qtbot, window)
    assert "已导出 5 个商品" in tab.result.text() and "（含 5 条价格记录）" in tab.result.text()
    assert tab.open_file.isEnabled() and tab.open_folder.isEnabled()

    tab.path.setText(str(tmp_path / "关注.csv"))
    export_and_wait(qtbot, window)
    assert tab.result.text().endswith("（CSV 只有商品表；5 条价格记录要导出为 .xlsx 才有）")
    book = load_workbook(target)
    sheet = book["商品"]
    assert [c.value for c in sheet[1]][:3] == ["商品ID", "商品标题", "商品标价(元)"]
    assert sorted(sheet.cell(r, 1).value for r in range(2, 7)) == sorted(ids)
    assert all(sheet.cell(r, 2).value for r in range(2, 7))  # titles from the cached answers
    assert book["价格历史"].max_row == 6  # the first observation of each item
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_export_lookup_results_and_selection_to_csv_and_remember_columns(qtbot, open_window, tmp_path):
    window = open_window("--demo", "--sandbox-latency-ms", "5")
    ids = window.session.demo_gateway.state.catalogue.demo_ids(4)
    lookup_and_wait(qtbot, window, "\n".join(ids))
    tab = window.export_tab
    tab.format.setCurrentIndex(tab.format.findData(".csv"))
    assert tab.path.text().endswith(".csv")
    for i in range(tab.columns.count()):  # keep only 商品ID and 商品标价(元)
        row = tab.columns.item(i)
        keep = row.data(Qt.ItemDataRole.UserRole) in ("item_id", "price")
        row.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    tab.what_results.setChecked(True)
    target = tmp_path / "results.csv"
    tab.path.setText(str(target))
    export_and_wait(qtbot, window)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["商品ID", "商品标价(元)"] and sorted(r[0] for r in table[1:]) == sorted("\t" + i for i in ids)

    window.lookup_tab.table.selectRow(0)
    tab.what_selection.setChecked(True)
    export_and_wait(qtbot, window)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 2

    store = window.session.profile.store
    qtbot.waitUntil(lambda: store.get_setting("export.columns") == "item_id,price", timeout=5000)
    window.close()
    again = open_window("--demo")
    qtbot.waitUntil(lambda: again.export_tab.chosen_keys() == ["item_id", "price"], timeout=5000)


def test_export_errors_are_shown_in_plain_words(qtbot, demo_window, tmp_path):
    tab = demo_window.export_tab
    tab.what_results.setChecked(True)
    tab.start_export()
    assert "没有可导出的查询结果" in tab.result.text()
    tab.what_watchlist.setChecked(True)
    tab.path.setText(str(tmp_path / "missing-folder" / "x.xlsx"))
    export_and_wait(qtbot, demo_window)
    assert "保存位置不存在" in tab.result.text()


def test_the_watchlist_export_runs_in_a_child_and_a_cancel_leaves_no_file(qtbot, demo_window, tmp_path, monkeypatch):
    import xianyu_desktop.ui.export_tab as export_tab

    started: list[object] = []
    real = export_tab.export_in_child

    def spy(job, **kwargs):
        started.append(job)
        return real(job, **kwargs)

    monkeypatch.setattr(export_tab, "export_in_child", spy)
    window = demo_window
    ids = window.session.demo_gateway.state.catalogue.demo_ids(3)
    window.session.watchlist.add(ids)
    tab = window.export_tab
    target = tmp_path / "关注.xlsx"
    tab.path.setText(str(target))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert tab.cancel_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.task is not None and not tab.task.running, timeout=20_000)
    assert tab.result.text() == "已取消导出，没有留下不完整的文件"
    assert len(started) == 1 and not target.exists() and not list(tmp_path.iterdir())
    assert tab.export_button.isEnabled() and not tab.cancel_button.isEnabled()

    export_and_wait(qtbot, window)
    assert "已导出 3 个商品" in tab.result.text() and len(started) == 2
    assert sorted(c.value for c in load_workbook(target)["商品"]["A"][1:]) == sorted(ids)


def test_without_a_child_process_the_watchlist_is_exported_in_the_window_s_pool(
    qtbot, demo_window, tmp_path, monkeypatch, caplog
):
    import logging

    import xianyu_desktop.core.export.process as process

    caplog.set_level(logging.WARNING, logger="xianyu_desktop.ui.export_tab")

    monkeypatch.setattr(process, "export_command", lambda: [str(tmp_path / "no-such-program")])
    window = demo_window
    window.session.watchlist.add(window.session.demo_gateway.state.catalogue.demo_ids(2))
    tab = window.export_tab
    tab.path.setText(str(tmp_path / "关注.xlsx"))
    export_and_wait(qtbot, window)
    assert "已导出 2 个商品" in tab.result.text()
    assert load_workbook(tmp_path / "关注.xlsx")["商品"].max_row == 3
    assert "exported in the window's process: cannot start the export process" in caplog.text
