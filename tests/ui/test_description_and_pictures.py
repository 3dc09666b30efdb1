"""Issue 12, items 2 and 4: no SVG from the gateway, and a 10 MB description never freezes the window."""

from __future__ import annotations

import re
import threading
import time

import httpx
import pytest
from PySide6.QtWidgets import QToolButton

from tests.hostile import HostileServer, body
from tests.ui.hostile import Bait, png_bytes
from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.item import normalize_item
from xianyu_desktop.core.items.sanitize import MAX_TABLE_CELLS, clean_description
from xianyu_desktop.core.net.netguard import Origin
from xianyu_desktop.core.web.pictures import ImageCache
from xianyu_desktop.ui import detail_pane
from xianyu_desktop.ui.images import ImageLoader

TRUNCATED = "内容过长，已截断"


def test_an_svg_picture_is_refused_and_what_it_names_is_never_read(qtbot, demo_window, tmp_path):
    """Qt's SVG reader opens the local file an SVG's <image> names; an SVG served as a picture is refused
    by its bytes before it reaches a decoder, and the file it names is never read."""
    bait = Bait(tmp_path / "secret.png", png_bytes())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'
        f'<image href="{bait.path}" xlink:href="{bait.path}" width="40" height="40"/></svg>'
    ).encode()
    with HostileServer({"/pictures/evil.png": body(svg, "image/png")}) as server, httpx.Client() as http:
        allowance = frozenset({Origin("127.0.0.1", server.port)})
        images = ImageLoader(ImageCache(tmp_path / "cache", http, allowance=lambda: allowance), demo_window.runner)
        url = server.url("/pictures/evil.png")
        loaded: list[str] = []
        failed: list[str] = []
        images.loaded.connect(lambda u, image: loaded.append(u))
        images.failed.connect(lambda u, message: failed.append(message))
        images.request(url)
        qtbot.waitUntil(lambda: bool(loaded) or bool(failed), timeout=10_000)
    assert not bait.was_read()
    assert loaded == []
    assert failed == ["不支持的图片格式（只接受 PNG、JPEG、WebP、GIF）"]
    assert not (tmp_path / "cache").exists()  # nothing kept on disk


@pytest.mark.parametrize(
    "desc",
    [
        pytest.param("<table>" + "<tr><td>格</td></tr>" * 600_000 + "</table>", id="a million table cells"),
        pytest.param("<p>" + "很长的描述" * 2_000_000 + "</p>", id="10 MB in one paragraph"),
    ],
)
def test_a_10_mb_description_is_cleaned_off_the_gui_thread_and_shown_cut_short(qtbot, demo_window, desc, monkeypatch):
    cleaned_on: list[threading.Thread] = []

    def clean_and_note(*args, **kwargs):
        cleaned_on.append(threading.current_thread())
        return clean_description(*args, **kwargs)

    monkeypatch.setattr(detail_pane, "clean_description", clean_and_note)
    catalogue = demo_window.session.demo_gateway.state.catalogue
    (item_id,) = catalogue.demo_ids(1)
    raw = {**catalogue.item(item_id, "https://127.0.0.1:1"), "desc": desc, "pic_url": "", "item_imgs": []}
    result = FetchResult(item_id, item=normalize_item(raw, item_id), fetched_at=time.time())
    assert len(result.item.desc) >= 10_000_000
    pane = demo_window.lookup_tab.detail
    pane.show_result(result)
    qtbot.waitUntil(lambda: TRUNCATED in pane.description.toPlainText(), timeout=10_000)
    pane.description.grab()  # lay out and paint what is shown
    # The window never froze: the 10 MB were cleaned on a worker, and what the GUI thread lays out and paints
    # is bounded whatever came (bench/bench_gui_heartbeat.py measures the window's heartbeat itself).
    assert cleaned_on and threading.main_thread() not in cleaned_on
    assert len(re.findall(r"<td[ >]", pane.description.toHtml())) <= MAX_TABLE_CELLS
    assert len(pane.description.toPlainText()) < 20_000


def test_a_description_of_an_item_no_longer_selected_is_never_shown(qtbot, demo_window):
    catalogue = demo_window.session.demo_gateway.state.catalogue
    first, second = catalogue.demo_ids(2)
    big = {**catalogue.item(first, "https://127.0.0.1:1"), "desc": "<p>旧的</p>" * 1_000_000}
    small = {**catalogue.item(second, "https://127.0.0.1:1"), "desc": "<p>新的描述</p>"}
    pane = demo_window.lookup_tab.detail
    pane.show_result(FetchResult(first, item=normalize_item(big, first)))
    pane.show_result(FetchResult(second, item=normalize_item(small, second)))
    qtbot.waitUntil(lambda: "新的描述" in pane.description.toPlainText(), timeout=10_000)
    qtbot.waitUntil(lambda: not demo_window.runner._tasks, timeout=10_000)
    assert "旧的" not in pane.description.toPlainText()


def test_selecting_items_reuses_the_thumbnail_buttons_and_fits_pictures_off_the_gui_thread(qtbot, demo_window):
    """Issue 17: a selection creates no widgets (six buttons made per selection were a third of its time on
    the GUI thread), and every picture arrives already fitted: 260 px for the big one, 50 px a thumbnail."""
    gateway = demo_window.session.demo_gateway
    catalogue = gateway.state.catalogue
    pane = demo_window.lookup_tab.detail
    buttons = set(pane.findChildren(QToolButton))
    for item_id in catalogue.demo_ids(3):
        item = normalize_item(catalogue.item(item_id, gateway.base_url), item_id)
        pictures = list(dict.fromkeys([u for u in (item.pic_url, *item.item_imgs) if u]))[: detail_pane.THUMBS]
        assert pictures
        pane.show_result(FetchResult(item_id, item=item, fetched_at=time.time()))
        shown = [b for b in pane.thumb_buttons if b.isVisibleTo(pane)]
        assert [b.property("imageUrl") for b in shown] == pictures
        qtbot.waitUntil(lambda shown=shown: all(not b.icon().isNull() for b in shown), timeout=10_000)
        qtbot.waitUntil(lambda: not pane.picture.pixmap().isNull(), timeout=10_000)
        big = pane.picture.pixmap()
        assert max(big.width(), big.height()) == detail_pane.IMAGE_SIZE
        assert set(pane.findChildren(QToolButton)) == buttons
    pane.show_result(None)
    assert not any(b.isVisibleTo(pane) for b in pane.thumb_buttons)


def test_the_lookup_tabs_pane_fills_in_turns_and_the_latest_selection_wins(qtbot, demo_window):
    """Issue 17: the 查询 table's selection fills the pane a part per turn of the event loop (the head,
    then the fields and the description), so no turn holds the window past a frame; a selection made
    while one is pending replaces it."""
    gateway = demo_window.session.demo_gateway
    catalogue = gateway.state.catalogue
    pane = demo_window.lookup_tab.detail
    first, second = (
        FetchResult(i, item=normalize_item(catalogue.item(i, gateway.base_url), i), fetched_at=time.time())
        for i in catalogue.demo_ids(2)
    )
    pane.show_result(None)
    pane.show_soon(first)
    pane.show_soon(second)
    assert pane.title.text() == "选择一行查看商品详情"  # nothing yet: the next turns fill it
    heads: list[str] = []
    head = pane._show_head
    pane._show_head = lambda result: (heads.append(result.item_id), head(result))  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: pane.fields["seller"].text() == (second.item.seller_nick or ""), timeout=5000)
    assert heads == [second.item_id] and pane.title.text() == second.item.title
    assert pane.fields["category"].text() == (second.item.category or "")
    pane.show_result(first)  # the synchronous way (the 搜索 tab's summary) stays as it was
    assert pane.title.text() == first.item.title and pane.fields["seller"].text() == (first.item.seller_nick or "")
