"""Share texts with m.tb.cn short links in the real window: resolved in the background through the
embedded sandbox's stand-in, then looked up; per link what it resolved to or why not."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import lookup_and_wait
from xianyu_desktop.core.web.shortlinks import ShortLinkOutcome


def problem_lines(window) -> list[str]:
    problems = window.lookup_tab.problems
    return [problems.item(i).text() for i in range(problems.count())]


def stand_in_item(window, code: str) -> str:
    """The item the sandbox's stand-in sends this code to (sandbox/shortener.py)."""
    return window.session.demo_gateway.state.catalogue.demo_ids(40)[sum(map(ord, code)) % 40]


def counts(window) -> dict[str, int]:
    return window.session.demo_gateway.state.snapshot()["counts"]


def test_a_pasted_share_text_is_resolved_and_fills_a_row(qtbot, demo_window):
    tab = demo_window.lookup_tab
    item_id = stand_in_item(demo_window, "AbCd12")
    share = "【闲鱼】https://m.tb.cn/h.AbCd12?tk=Xy12 CZ0001 「九成新相机，自用」\n点击链接直接打开"
    tab.input.setPlainText(share)
    qtbot.waitUntil(lambda: "1 个短链接待解析" in tab.summary.text(), timeout=5000)
    assert "无法识别" not in tab.summary.text()  # not refused before it is tried
    assert problem_lines(demo_window) == ["短链接，查询时自动联网解析：https://m.tb.cn/h.AbCd12?tk=Xy12"]

    lookup_and_wait(qtbot, demo_window, share)
    assert [tab.model.result_at(r).item_id for r in range(tab.model.rowCount())] == [item_id]
    assert tab.model.result_at(0).ok and tab.model.result_at(0).item.title
    assert problem_lines(demo_window) == [f"短链接指向商品 {item_id}：https://m.tb.cn/h.AbCd12?tk=Xy12"]
    assert tab.summary.text() == "识别到 1 个商品 ID"
    assert "查询完成：1 个商品" in demo_window.statusBar().currentMessage()
    assert counts(demo_window)["short_links"] == 1 and counts(demo_window)["admitted"] == 1  # one call: the item

    # Again: the resolution comes from the cache, without asking the shortener.
    lookup_and_wait(qtbot, demo_window, share.replace("Xy12", "Zz99"))
    assert counts(demo_window)["short_links"] == 1
    assert tab.model.rowCount() == 1
    assert problem_lines(demo_window) == [f"短链接指向商品 {item_id}（已缓存）：https://m.tb.cn/h.AbCd12?tk=Zz99"]


def test_taobao_expired_shop_and_javascript_page_each_say_what_they_led_to(qtbot, demo_window):
    tab = demo_window.lookup_tab
    js_item = stand_in_item(demo_window, "js7QxK")
    paste = "\n".join(
        [
            "【闲鱼】https://m.tb.cn/h.js7QxK?tk=a 「镜头」",
            "【淘宝】https://m.tb.cn/h.tbQ1?tk=b 「手机壳」",
            "【闲鱼】https://m.tb.cn/h.ex9Z?tk=c 「旧链接」",
            "【闲鱼】https://m.tb.cn/h.shop1?tk=d 「我的小店」",
        ]
    )
    lookup_and_wait(qtbot, demo_window, paste)
    assert [tab.model.result_at(r).item_id for r in range(tab.model.rowCount())] == [js_item]
    assert problem_lines(demo_window) == [
        f"短链接指向商品 {js_item}：https://m.tb.cn/h.js7QxK?tk=a",
        "短链接打开的是淘宝或天猫的页面，不是闲鱼商品：https://m.tb.cn/h.tbQ1?tk=b",
        "短链接已失效或不存在，请在闲鱼 App 里重新分享：https://m.tb.cn/h.ex9Z?tk=c",
        "短链接打开的页面里没有闲鱼商品：https://m.tb.cn/h.shop1?tk=d",
    ]
    assert tab.summary.text() == "识别到 1 个商品 ID，3 条无法识别"
    outcomes = {r.outcome for r in tab.resolutions.values()}
    assert outcomes == {
        ShortLinkOutcome.RESOLVED,
        ShortLinkOutcome.TAOBAO,
        ShortLinkOutcome.EXPIRED,
        ShortLinkOutcome.NO_ITEM,
    }


def test_reasons_are_shown_in_the_interface_language(qtbot, open_window):
    window = open_window("--demo", "--sandbox-latency-ms", "10", "--lang", "en")
    tab = window.lookup_tab
    paste = "https://m.tb.cn/h.tbQ1\nhttps://m.tb.cn/h.ex9Z\nhttps://item.taobao.com/item.htm?id=680000000001\n12345678"
    tab.input.setPlainText(paste)
    qtbot.waitUntil(lambda: tab.problems.count() == 4, timeout=5000)
    assert problem_lines(window) == [
        "Short link: resolved online when you look up: https://m.tb.cn/h.tbQ1",
        "Short link: resolved online when you look up: https://m.tb.cn/h.ex9Z",
        "A link to another shopping site (item.taobao.com), not a Xianyu item: "
        "https://item.taobao.com/item.htm?id=680000000001",
        "An item ID has 10–19 digits; this one has 8: 12345678",
    ]
    lookup_and_wait(qtbot, window, paste)
    assert problem_lines(window)[:2] == [
        "The short link opens a Taobao or Tmall page, not a Xianyu item: https://m.tb.cn/h.tbQ1",
        "The short link has expired or does not exist: share the item again from the Xianyu app: "
        "https://m.tb.cn/h.ex9Z",
    ]


def test_cancel_during_resolution_stops_before_any_gateway_call(qtbot, open_window):
    window = open_window("--demo", "--sandbox-latency-ms", "150")
    tab = window.lookup_tab
    codes = [f"Cx{n:03d}" for n in range(30)]  # 30 × 150 ms: 4.5 s to resolve them all
    tab.input.setPlainText("\n".join(f"【闲鱼】https://m.tb.cn/h.{code}?tk=1" for code in codes))
    qtbot.mouseClick(tab.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.resolutions) >= 2, timeout=10_000)
    assert tab.progress.maximum() == 30
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.fetch_task.running, timeout=10_000)
    resolved = len(tab.resolutions)
    assert 2 <= resolved < 30
    assert counts(window).get("admitted", 0) == 0 and tab.model.rowCount() == 0
    assert counts(window)["short_links"] == resolved
    assert "已取消：短链接解析了" in window.statusBar().currentMessage()
    assert tab.fetch_button.isEnabled()
    assert "个短链接待解析" in tab.summary.text()


def test_a_share_text_copied_on_the_phone_is_offered_from_the_clipboard(qtbot, demo_window):
    from PySide6.QtGui import QGuiApplication

    tab = demo_window.lookup_tab
    item_id = stand_in_item(demo_window, "Phone7")
    QGuiApplication.clipboard().setText("【闲鱼】https://m.tb.cn/h.Phone7?tk=q 「折叠自行车」点击链接直接打开")
    try:
        demo_window._check_clipboard()
        qtbot.waitUntil(tab.clipboard_bar.isVisible, timeout=5_000)
        assert tab.clipboard_label.text() == "剪贴板里有 1 个闲鱼商品，要查询吗？"
        qtbot.mouseClick(tab.clipboard_lookup, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.fetch_task is not None and not tab.fetch_task.running, timeout=20_000)
        assert [r.item_id for r in tab.model.results()] == [item_id]
    finally:
        QGuiApplication.clipboard().clear()
