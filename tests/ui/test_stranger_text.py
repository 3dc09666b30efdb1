"""Issue 12, items 1 and 2: a hostile seller's markup is shown as text and opens nothing.

How a read is proven absent: a bait file's access time (tests/ui/hostile.py sets it before the file's
change time, so any read moves it even on a ``relatime`` mount, and checks that first). Qt reads files in
C++, where a Python open hook sees nothing; the access time sees every read. Checked by removing each
fix: with QLabel's automatic format, the tooltip's raw text or the description document's own
``loadResource``, the bait is read and these tests fail."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QStyledItemDelegate, QToolTip

from tests.ui.conftest import lookup_and_wait
from tests.ui.hostile import Bait, HostileCatalogue, png_bytes
from xianyu_desktop.core.errors import ErrorKind, GatewayFailure
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.ui.first_run import FirstRunDialog
from xianyu_desktop.ui.formatting import notification_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.plain import plain_message_box
from xianyu_desktop.ui.results_model import ResultsModel
from xianyu_desktop.ui.watch_model import WatchModel

UNC = "\\\\attacker.invalid\\share\\x.png"


def markup(bait: Bait, word: str) -> str:
    return f'<img src="{bait.url}">{word}<img src="//attacker.invalid/x.png"><font size=7>大</font>'


@pytest.fixture
def bait(tmp_path) -> Bait:
    return Bait(tmp_path / "secret.png", png_bytes())


def wait_for_pictures(qtbot, images: ImageLoader, urls: set[str]) -> None:
    """Until the loader has answered (loaded or failed) for every one of ``urls``."""
    answered: set[str] = set()
    images.loaded.connect(lambda url, image: answered.add(url))
    images.failed.connect(lambda url, message: answered.add(url))
    for url in urls:
        images.request(url)  # answered at once when kept in memory, else once more when loaded
    qtbot.waitUntil(lambda: urls <= answered, timeout=10_000)


def test_a_hostile_sellers_item_shows_its_markup_as_text_and_opens_nothing(
    qtbot, open_window, start_sandbox, use_gateway, bait
):
    gateway = start_sandbox()
    (item_id,) = gateway.state.catalogue.demo_ids(1)
    picture = f"{gateway.base_url}/img/item/{item_id}/1.png"
    seller = {
        "title": markup(bait, "标题"),
        "seller_nick": markup(bait, "卖家"),
        "location": markup(bait, "所在地"),
        "seller_location": markup(bait, "卖家所在地"),
        "category": markup(bait, "类目"),
        "logistics": markup(bait, "物流"),
        "params": {"<b>颜色</b>": markup(bait, "参数")},
        "pic_url": "file:///etc/passwd",
        "item_imgs": [bait.url, UNC, "//127.0.0.1:1/share/x.png", picture],  # loopback: no packet leaves
        "desc": (
            f'<p>描述正文</p><img src="{bait.url}"><img src="{UNC}"><img src="file:///etc/passwd">'
            f'<img src="{picture}"><img src="https://attacker.invalid/track.png">'
        ),
    }
    gateway.state.catalogue = HostileCatalogue(gateway.state.catalogue, {item_id: seller})
    use_gateway(gateway, "advanced")
    window = open_window()
    tab = window.lookup_tab
    lookup_and_wait(qtbot, window, item_id)
    result = tab.model.result_at(0)
    assert result.item is not None, result.failure
    assert result.item.pic_url is None  # file:///etc/passwd refused at the item model
    assert result.item.item_imgs == ("https://127.0.0.1:1/share/x.png", picture)

    tab.table.selectRow(0)
    pane = tab.detail
    qtbot.waitUntil(lambda: "描述正文" in pane.description.toPlainText(), timeout=10_000)
    wait_for_pictures(qtbot, window.images, {picture})
    pane.grab()  # paint everything, as the seller would see it
    QApplication.processEvents()
    assert not bait.was_read()

    assert pane.title.text() == seller["title"]  # literally, tags and all
    assert pane.fields["seller"].text() == seller["seller_nick"]
    assert pane.fields["location"].text() == seller["location"]
    assert pane.fields["params"].text() == f"<b>颜色</b>：{seller['params']['<b>颜色</b>']}"
    labels = pane.findChildren(QLabel)
    assert len(labels) > 30
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)

    document = pane.description.document()

    def shown_width() -> int:
        return document.resource(QTextDocument.ResourceType.ImageResource, "picture:0").width()

    # the sandbox's 320 px picture through the loader, fitted to the description's 240 px off the GUI
    # thread (not the 1x1 placeholder)
    qtbot.waitUntil(lambda: shown_width() == 240, timeout=10_000)
    assert pane.description.pictures == (picture,)
    assert pane.description.safe_document.requested == {"picture:0"}
    html = pane.description.toHtml()
    for address in ("file:", "attacker", "share", "passwd", gateway.base_url):
        assert address not in html
    assert not bait.was_read()


def test_the_description_document_never_loads_what_a_name_points_at(qtbot, demo_window, bait):
    """Even handed raw HTML (past the sanitiser), the description box reads no file or share."""
    view = demo_window.lookup_tab.detail.description
    view.setHtml(f'<img src="{bait.url}"><img src="{bait.path}"><img src="{UNC}"><img src="qrc:/x.png">')
    view.grab()
    QApplication.processEvents()
    assert not bait.was_read()
    assert bait.url in view.safe_document.requested


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltips_with_a_strangers_error_text_show_it_literally(qtbot, demo_window, bait):
    message = markup(bait, "网关说")
    results = ResultsModel()
    results.upsert(FetchResult("698765432109876543", failure=GatewayFailure(ErrorKind.PROTOCOL, message)))
    watch = WatchModel()
    watch.reset_to([WatchState("698765432109876543", time.time(), last_error=message)])
    tips = [
        results.data(results.index(0, 1), Qt.ItemDataRole.ToolTipRole),
        watch.data(watch.index(0, 1), Qt.ItemDataRole.ToolTipRole),
    ]
    for tip in tips:
        QToolTip.showText(QPoint(10, 10), tip, demo_window)
        QApplication.processEvents()
        QToolTip.hideText()
    assert not bait.was_read()
    for tip in tips:
        document = QTextDocument()
        document.setHtml(tip)
        assert message in document.toPlainText()


def test_the_price_chart_title_shows_a_sellers_title_as_text(qtbot, demo_window, bait):
    chart = demo_window.watch_tab.chart
    title = markup(bait, "标题")
    chart.show_history(title, [], time.time())
    chart.grab()
    QApplication.processEvents()
    assert not bait.was_read()
    document = QTextDocument()
    document.setHtml(chart.chart_.title())
    assert document.toPlainText().startswith(title)


def test_every_label_and_message_box_of_the_window_is_plain_text(qtbot, demo_window, bait):
    settings = demo_window.open_settings()
    first_run = FirstRunDialog(demo_window)
    qtbot.addWidget(first_run)
    box = plain_message_box(QMessageBox.Icon.Warning, "t", markup(bait, "错误"), informative=markup(bait, "详情"))
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    widgets = (demo_window, settings, first_run, box)
    labels = [label for widget in widgets for label in widget.findChildren(QLabel)]
    rich = [
        f"{label.objectName() or label.text()!r}" for label in labels if label.textFormat() != Qt.TextFormat.PlainText
    ]
    assert len(labels) > 60
    assert rich == [] or rich == ["qt_msgboxex_icon_label"] * len(rich)  # the message box's icon: no text
    settings.close()
    assert not bait.was_read()


def test_the_tables_and_lists_that_show_strangers_text_draw_it_plain(demo_window):
    """Titles, nicknames, alerts and pasted text sit in these views; Qt's own delegate draws plain text
    (a custom delegate rendering HTML would need the same care as a label)."""
    names = {"resultsView", "searchResultsView", "watchView", "alertsView", "lookupProblems"}
    views = {v.objectName(): v for v in demo_window.findChildren(QAbstractItemView) if v.objectName() in names}
    assert set(views) == names
    assert all(type(view.itemDelegate()) is QStyledItemDelegate for view in views.values())


def test_a_tray_notification_cannot_carry_markup():
    text = notification_text('<img src="file:///etc/passwd">标题 & <b>x</b>')
    assert "<" not in text and ">" not in text and "&" not in text
    assert "标题" in text and "img" in text
