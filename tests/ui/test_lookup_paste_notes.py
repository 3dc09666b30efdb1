"""What the lookup tab lists for a paste from Excel (issue 11, item 6): a labelled id counted, a number in
scientific notation refused with what to do, an id Excel has probably rounded counted with a note."""

from __future__ import annotations


def test_paste_from_excel_lists_the_refused_number_and_the_note(qtbot, demo_window):
    tab = demo_window.lookup_tab
    tab.input.setPlainText("商品ID：745678901234567890\nitemId=734567890123456789\n6.98765E+17\n698765432109876000\n")
    qtbot.waitUntil(lambda: "识别到 3 个商品 ID" in tab.summary.text(), timeout=5000)
    assert "1 条无法识别" in tab.summary.text()  # the note is not a refusal
    listed = [tab.problems.item(i).text() for i in range(tab.problems.count())]
    assert len(listed) == 2
    assert listed[0].endswith("：6.98765E+17") and "文本" in listed[0]
    assert listed[1].endswith("：698765432109876000") and "已照常读取" in listed[1]
    assert tab.problems.isVisibleTo(demo_window)
    # Each reason is read whole at the window's size: wrapped, never cut behind a sideways scroll.
    assert tab.problems.wordWrap()
    assert tab.problems.horizontalScrollBar().maximum() == 0
    assert tab.extraction.ids == ["745678901234567890", "734567890123456789", "698765432109876000"]
