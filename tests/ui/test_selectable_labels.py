"""Labels the seller selects text in (the detail pane's title and fields, the 行情 tab's summaries): Qt's text
document for the selection exists only while the mouse is over the label, so that showing another item does
not lay out 18 documents on the GUI thread (ui/plain.py SelectableLabel)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.ui.plain import SelectableLabel

NONE = Qt.TextInteractionFlag.NoTextInteraction
BY_MOUSE = Qt.TextInteractionFlag.TextSelectableByMouse


def enter(label: SelectableLabel) -> None:
    """What Qt sends when the mouse comes over the label (and the attribute it sets meanwhile)."""
    label.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    QApplication.sendEvent(label, QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(label.mapToGlobal(QPoint(2, 2)))))


def leave(label: SelectableLabel) -> None:
    label.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)


def test_the_mouse_over_a_label_lets_the_seller_select_and_copy_its_text(qtbot):
    label = SelectableLabel("<b>九成新</b> iPhone 13 128G 国行", wordWrap=True)
    qtbot.addWidget(label)
    label.resize(400, 60)
    label.show()
    qtbot.waitExposed(label)
    assert label.textInteractionFlags() == NONE  # shown, nothing laid out for a selection yet
    assert label.textFormat() == Qt.TextFormat.PlainText

    enter(label)
    assert label.textInteractionFlags() == BY_MOUSE
    start, end = QPoint(1, label.height() // 2), QPoint(label.width() - 1, label.height() // 2)
    qtbot.mousePress(label, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(label, end)
    qtbot.mouseRelease(label, Qt.MouseButton.LeftButton, pos=end)
    assert label.selectedText().startswith("<b>九成新</b>")  # the text as written, markup and all
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == label.selectedText()

    leave(label)
    assert label.hasSelectedText()  # leaving keeps the selection until the label shows something else
    label.setText("八成新 iPad")
    assert label.textInteractionFlags() == NONE
    assert not label.hasSelectedText()
    assert label.text() == "八成新 iPad"


def test_new_text_under_the_mouse_keeps_the_label_selectable(qtbot):
    label = SelectableLabel("甲")
    qtbot.addWidget(label)
    label.show()
    enter(label)
    label.setText("乙")
    assert label.textInteractionFlags() == BY_MOUSE
    assert label.text() == "乙"


def test_showing_items_in_the_detail_pane_makes_no_selection_documents(qtbot, demo_window):
    tab = demo_window.lookup_tab
    ids = demo_window.session.demo_gateway.state.catalogue.demo_ids(2)
    lookup_and_wait(qtbot, demo_window, "\n".join(ids))
    pane = tab.detail
    labels = [pane.title, pane.same_items, pane.trade_record, *pane.fields.values()]
    for row in (0, 1):
        tab.table.selectRow(row)
        (item_id,) = tab.selected_ids()
        item = next(tab.model.result_at(n).item for n in range(2) if tab.model.result_at(n).item_id == item_id)
        qtbot.waitUntil(lambda item=item: pane.fields["seller"].text() == item.seller_nick, timeout=10_000)
        assert pane.title.text() == item.title
        assert all(label.textInteractionFlags() == NONE for label in labels)
    seller = pane.fields["seller"]
    enter(seller)
    assert seller.textInteractionFlags() == BY_MOUSE
    leave(seller)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: seller.textInteractionFlags() == NONE, timeout=10_000)
    assert seller.text() != ""
