"""The 搜索 and 行情 tabs' column widths and splitters, remembered in window.ini across windows on the same
profile: saved on close for the tabs built in that run, restored as each tab is built, ignored when an
older layout saved them; what the tab decides (the stretching title, the rows' order) is its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView

from tests.ui.test_market_tab import compare_and_wait
from tests.ui.test_search_tab import search_and_wait
from xianyu_desktop.app import create_main_window
from xianyu_desktop.paths import app_paths, demo_paths
from xianyu_desktop.sandbox.catalogue_ids import EXAMPLE_ITEM_ID
from xianyu_desktop.ui.main_window import MainWindow
from xianyu_desktop.ui.window_state import LAYOUT_KEYS

DEMO = ("--demo", "--sandbox-latency-ms", "10")
SIZE = (780, 700)  # within the offscreen screen (restoreGeometry clamps a window to its screen)
SEARCH_AND_MARKET_KEYS = (
    "search/splitter",
    "search/resultsHeader",
    "market/splitter",
    "market/topSplitter",
    "market/header",
)
Layout = dict[str, list]


def state_file() -> QSettings:
    return QSettings(str(demo_paths(app_paths()).config_dir / "window.ini"), QSettings.Format.IniFormat)


def column(table: QTableView, header: str) -> int:
    model = table.model()
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def columns(table: QTableView) -> list[tuple[int, bool]]:
    header = table.horizontalHeader()
    return [(header.sectionSize(c), header.isSectionHidden(c)) for c in range(header.count())]


def set_by_hand(table: QTableView) -> list[tuple[int, bool]]:
    """The columns' widths and shown state but the title's, which takes whatever width is left."""
    title = column(table, "标题")
    return [size_and_hidden for c, size_and_hidden in enumerate(columns(table)) if c != title]


def shown(qtbot, window: MainWindow, tab) -> None:
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.isVisible() and tab.table.viewport().width() > 0, timeout=5000)


def layout(qtbot, window: MainWindow) -> Layout:
    """Each tab's splitter sizes and columns, as laid out on screen (each tab shown in turn)."""
    search, market = window.search_tab, window.market_tab
    shown(qtbot, window, search)
    found: Layout = {"search/splitter": search.splitter.sizes(), "search/columns": columns(search.table)}
    shown(qtbot, window, market)
    found |= {
        "market/splitter": market.splitter.sizes(),
        "market/topSplitter": market.top_splitter.sizes(),
        "market/columns": columns(market.table),
    }
    return found


def wait_for_layout(qtbot, window: MainWindow, expected: Layout) -> None:
    found: list[Layout] = []
    try:
        qtbot.waitUntil(lambda: found.append(layout(qtbot, window)) or found[-1] == expected, timeout=5000)
    except qtbot.TimeoutError:
        assert found[-1] == expected  # pytest shows the difference
        raise


def opened(qtbot, open_window) -> MainWindow:
    """The demo window at SIZE, the size the next window on the profile opens at."""
    window = open_window(*DEMO)
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: (window.lookup_tab.width(), window.lookup_tab.height()) < SIZE, timeout=5000)
    return window


def moved(splitter: QSplitter, first: int) -> list[int]:
    splitter.setSizes([first, sum(splitter.sizes()) - first])
    return splitter.sizes()


def rearrange(qtbot, window: MainWindow) -> Layout:
    """What a seller does by hand: widen the search results' price and seller columns, hide the 上架时间
    column, move the splitter; on 行情, narrow the price column, bring back the hidden 商品 ID, move both
    splitters. Returns the layout it leaves."""
    search, market = window.search_tab, window.market_tab
    before = layout(qtbot, window)
    shown(qtbot, window, search)
    header = search.table.horizontalHeader()
    for name, wider in (("价格", 57), ("卖家", 41)):
        col = column(search.table, name)
        header.resizeSection(col, header.sectionSize(col) + wider)
    search.table.setColumnHidden(column(search.table, "上架时间"), True)
    moved(search.splitter, search.splitter.sizes()[0] - 100)
    shown(qtbot, window, market)
    header = market.table.horizontalHeader()
    price = column(market.table, "价格")
    header.resizeSection(price, header.sectionSize(price) - 11)
    market.table.setColumnHidden(column(market.table, "商品 ID"), False)
    moved(market.splitter, market.splitter.sizes()[0] - 120)
    moved(market.top_splitter, market.top_splitter.sizes()[0] - 90)
    after = layout(qtbot, window)
    assert all(after[key] != before[key] for key in before), "every part was moved"
    return after


def close_before_search_is_built(qtbot) -> MainWindow:
    """A run that builds the 查询 tab and is closed before the 搜索 and 行情 tabs are built (the tabs are built
    one per turn of the event loop: the close is queued just ahead of the 搜索 tab's turn)."""
    window = create_main_window([*DEMO, "--embedded-sandbox"])
    qtbot.addWidget(window)
    place_tab: Callable = window._place_tab

    def place_and_close(index: int, tab) -> None:
        place_tab(index, tab)
        if index == 0:
            QTimer.singleShot(0, window.close)

    window._place_tab = place_and_close  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: window.session is not None and window.session.http.is_closed, timeout=15_000)
    assert window.lookup_tab is not None and window.search_tab is None and window.market_tab is None
    assert not window.isVisible() and not window.is_ready
    return window


def test_search_and_market_widths_and_splitters_come_back_and_a_search_keeps_them(qtbot, open_window):
    window = opened(qtbot, open_window)
    search = window.search_tab
    shown(qtbot, window, search)
    search.table.sortByColumn(column(search.table, "价格"), Qt.SortOrder.DescendingOrder)  # a header sort
    expected = rearrange(qtbot, window)
    window.close()
    saved = state_file()
    assert all(saved.contains(key) for key in SEARCH_AND_MARKET_KEYS)

    again = open_window(*DEMO)
    assert (again.width(), again.height()) == SIZE
    wait_for_layout(qtbot, again, expected)
    search, market = again.search_tab, again.market_tab
    # The rows keep the search's own order: the header sort of the last run does not come back.
    assert search.table.horizontalHeader().sortIndicatorSection() == -1 and search.proxy.sortColumn() == -1
    by_hand = {tab: set_by_hand(tab.table) for tab in (search, market)}
    shown(qtbot, again, search)
    search_and_wait(qtbot, again)
    assert search.model.rowCount() == 50
    ids = [search.model.row_at(search.proxy.mapToSource(search.proxy.index(r, 0)).row()).listing.item_id
           for r in range(search.proxy.rowCount())]  # fmt: skip
    assert ids == [row.listing.item_id for row in search.model.rows()]
    shown(qtbot, again, market)
    compare_and_wait(qtbot, market, EXAMPLE_ITEM_ID)
    assert market.model.rowCount() > 0
    assert {tab: set_by_hand(tab.table) for tab in (search, market)} == by_hand  # rows arriving never refit


def test_a_run_that_never_builds_the_search_and_market_tabs_keeps_what_they_saved(qtbot, open_window):
    window = opened(qtbot, open_window)
    expected = rearrange(qtbot, window)
    window.close()
    saved = {key: state_file().value(key) for key in SEARCH_AND_MARKET_KEYS}

    close_before_search_is_built(qtbot)
    state = state_file()
    assert {key: state.value(key) for key in SEARCH_AND_MARKET_KEYS} == saved
    assert state.value("layout/version", type=int) == 2

    wait_for_layout(qtbot, open_window(*DEMO), expected)


def saved_by_an_older_layout(qtbot, open_window) -> Layout:
    """A window's rearranged layout saved, then marked as an older layout version's; the fitted one."""
    window = opened(qtbot, open_window)
    fitted = layout(qtbot, window)
    rearrange(qtbot, window)
    window.close()
    state = state_file()
    state.setValue("layout/version", 1)
    state.sync()
    return fitted


def test_search_and_market_state_saved_by_an_older_layout_is_ignored(qtbot, open_window):
    fitted = saved_by_an_older_layout(qtbot, open_window)

    again = open_window(*DEMO)
    assert (again.width(), again.height()) == SIZE
    wait_for_layout(qtbot, again, fitted)
    again.save_state()
    assert state_file().value("layout/version", type=int) == 2


def test_an_older_layout_of_a_tab_not_built_is_dropped_not_taken_for_the_new_one(qtbot, open_window):
    fitted = saved_by_an_older_layout(qtbot, open_window)

    close_before_search_is_built(qtbot)  # saves the 查询 tab's layout as this version's
    state = state_file()
    assert state.value("layout/version", type=int) == 2
    assert not any(state.contains(key) for key in SEARCH_AND_MARKET_KEYS)
    wait_for_layout(qtbot, open_window(*DEMO), fitted)


def test_a_saved_header_never_hides_the_title_nor_takes_the_stretch_from_it(qtbot, open_window):
    """A header state the column menu cannot make (the title hidden, another column stretching), as a file
    edited by hand or another version could hold: the title is back, stretching, and every hidden column
    is one the column menu offers."""
    window = opened(qtbot, open_window)
    for tab in (window.search_tab, window.market_tab):
        header = tab.table.horizontalHeader()
        title = column(tab.table, "标题")
        header.setSectionResizeMode(title, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(column(tab.table, "价格"), QHeaderView.ResizeMode.Stretch)
        tab.table.setColumnHidden(title, True)
    window.close()

    again = open_window(*DEMO)
    for tab in (again.search_tab, again.market_tab):
        shown(qtbot, again, tab)
        header = tab.table.horizontalHeader()
        title = column(tab.table, "标题")
        assert not header.isSectionHidden(title) and header.sectionSize(title) >= header.minimumSectionSize()
        modes = [header.sectionResizeMode(c) for c in range(header.count())]
        assert [c for c, mode in enumerate(modes) if mode == QHeaderView.ResizeMode.Stretch] == [title]
    assert again.market_tab.table.isColumnHidden(column(again.market_tab.table, "商品 ID"))  # fitted: hidden


def test_every_key_a_built_tab_remembers_is_one_an_older_layout_drops(demo_window):
    built = demo_window.state._built
    keys = [key for layout in built for key, _ in (*layout.splitters, *layout.tables)]
    assert len(built) == 4 and sorted(keys) == sorted(LAYOUT_KEYS)  # 查询, 搜索, 关注, 行情 (导出 has none)
