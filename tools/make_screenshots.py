"""Renders the README's screenshots offscreen: the demo window as a seller first sees it (1280×800, its
own column widths, nothing resized for the picture), the Lookup tab with results and the detail pane, then
the watchlist, then the 行情 tab after comparing the example item. Needs a CJK font (Debian:
fonts-wqy-microhei). Run: make screenshots"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XIANYU_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="xianyu-shots-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402

from bench.heartbeat import run_events_for  # noqa: E402
from xianyu_desktop.app import create_main_window, ensure_application, wait_until_ready  # noqa: E402
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID  # noqa: E402


def main() -> None:
    app = ensure_application()
    families = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)]
    if not families:
        raise SystemExit("no CJK font found: install fonts-wqy-microhei (or fonts-noto-cjk)")
    app.setFont(QFont(families[0], 10))  # before the window: its columns are fitted to the font it opens with
    window = wait_until_ready(
        create_main_window(["--demo", "--embedded-sandbox", "--sandbox-latency-ms", "20", "--sandbox-speed", "1200"])
    )
    assert (window.width(), window.height()) == (1280, 800), "the window's own default size"
    tab = window.lookup_tab
    gateway = window.session.demo_gateway
    assert gateway is not None
    ids = gateway.state.catalogue.demo_ids(14)
    tab.input.setPlainText(
        f"【闲鱼】https://m.tb.cn/h.5Xy2AbC?tk=Qw3e CZ0001 「自用相机」 点击链接直接打开\n"
        f"https://www.goofish.com/item?id={ids[0]}&spm=a21ybx.item\n"
        + "\n".join(ids[1:])
        + "\nhttps://item.taobao.com/item.htm?id=680000000001\n"
    )
    run_events_for(600)
    tab.start_lookup(force=False)
    for _ in range(100):
        run_events_for(100)
        if tab.fetch_task is not None and not tab.fetch_task.running:
            break
    tab.table.selectRow(0)
    run_events_for(1500)
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    window.grab().save(str(out / "lookup-demo.png"))
    print(out / "lookup-demo.png")

    watch = window.watch_tab
    window.session.watchlist.add(ids)
    watch.reload()
    run_events_for(500)
    window.tabs.setCurrentWidget(watch)
    watch.poll(everything=True)
    for _ in range(3):
        run_events_for(2500)  # the demo sandbox moves prices on while we wait
        while watch.poll_task is not None and watch.poll_task.running:
            run_events_for(100)
        watch.poll(everything=True)
    while watch.poll_task is not None and watch.poll_task.running:
        run_events_for(100)
    changed = [s for s in watch.model.states() if s.previous_price is not None] or watch.model.states()
    row = watch.model.row_of(changed[0].item_id)
    watch.table.selectRow(watch.proxy.mapFromSource(watch.model.index(row or 0, 0)).row())
    run_events_for(1200)
    window.grab().save(str(out / "watchlist-demo.png"))
    print(out / "watchlist-demo.png")

    market = window.market_tab
    window.tabs.setCurrentWidget(market)
    market.input.setText(EXAMPLE_ITEM_ID)
    market.start_compare()
    for _ in range(300):
        run_events_for(100)
        if market.compare_task is not None and not market.compare_task.running:
            break
    assert market.report is not None, "the example item's comparison did not finish"
    run_events_for(800)
    window.grab().save(str(out / "market-demo.png"))
    print(out / "market-demo.png")
    window.close()


if __name__ == "__main__":
    main()
