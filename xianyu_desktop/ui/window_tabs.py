"""The main window's tabs: built into the frame once the session is open (one per turn of the event loop,
each takes 10–40 ms, so the window keeps painting meanwhile; a tab's remembered layout is read as it is
placed), then wired to the window and to each other (搜索's 查询详情 looks up on 查询, 查看行情 on 查询, 搜索
and 关注 compares the selected item on 行情, the watchlist reloads when another tab adds to it, the detail
panes' links and copies, the status bar and the quota)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from xianyu_desktop.core.gateway.client import FetchResult
    from xianyu_desktop.services import Session
    from xianyu_desktop.ui.credentials_bar import CredentialsBar
    from xianyu_desktop.ui.export_tab import ExportTab
    from xianyu_desktop.ui.lookup_tab import LookupTab
    from xianyu_desktop.ui.main_window import MainWindow
    from xianyu_desktop.ui.market_tab import MarketTab
    from xianyu_desktop.ui.saved_searches_box import SavedSearchDraft
    from xianyu_desktop.ui.search_model import SearchRow
    from xianyu_desktop.ui.search_tab import SearchTab
    from xianyu_desktop.ui.watch_tab import WatchTab


def place_tab(tabs: QTabWidget, index: int, tab: QWidget) -> None:
    """A built tab in place of its placeholder, the current tab kept."""
    current = tabs.currentIndex()
    title = tabs.tabText(index)
    placeholder = tabs.widget(index)
    tabs.removeTab(index)
    tabs.insertTab(index, tab, title)
    tabs.setCurrentIndex(current)
    if placeholder is not None:
        placeholder.deleteLater()


class WindowTabs:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def attach(self, session: Session) -> None:
        """Builds the tabs one per turn of the event loop; loading ends with the last step."""
        from xianyu_desktop.ui.export_tab import ExportTab
        from xianyu_desktop.ui.images import ImageLoader
        from xianyu_desktop.ui.lookup_tab import LookupTab
        from xianyu_desktop.ui.market_tab import MarketTab
        from xianyu_desktop.ui.search_tab import SearchTab
        from xianyu_desktop.ui.watch_tab import WatchTab
        from xianyu_desktop.ui.window_dialogs import Doctor
        from xianyu_desktop.ui.window_loading import (
            export_parts,
            lookup_parts,
            market_parts,
            search_parts,
            watch_parts,
        )

        window = self.window
        window.session = session
        images = window.images = ImageLoader(session.images, window.runner, window)
        window.doctor = Doctor(window, window.runner, window.activity_label)

        def lookup() -> None:
            window.lookup_tab = LookupTab(lookup_parts(session), window.runner, images)
            window._place_tab(0, window.lookup_tab)
            window.state.restore_lookup(window.lookup_tab)

        def search() -> None:
            window.search_tab = SearchTab(search_parts(session), window.runner, images)
            window._place_tab(1, window.search_tab)
            window.state.restore_search(window.search_tab)

        def watch() -> None:
            window.watch_tab = WatchTab(watch_parts(session), window.runner, tray=window.tray.icon)
            window._place_tab(2, window.watch_tab)
            window.state.restore_watch(window.watch_tab)

        def market() -> None:
            window.market_tab = MarketTab(market_parts(session), window.runner)
            window._place_tab(3, window.market_tab)
            window.state.restore_market(window.market_tab)

        def export() -> None:
            window.export_tab = ExportTab(
                export_parts(session), window.runner, self.lookup_results, search_results=self.search_results
            )
            window._place_tab(4, window.export_tab)

        steps = iter((lookup, search, watch, market, export, self.finish))

        def next_step() -> None:
            step = None if window.closing else next(steps, None)
            if step is not None:
                step()
                QTimer.singleShot(0, next_step)

        next_step()

    def finish(self) -> None:
        window = self.window
        assert window.session is not None
        window.status_line.make_plain()
        window.activity_label.clear()
        for action in window.menus.profile_actions:
            action.setEnabled(True)
        self.connect_callbacks()
        window.tray.bind_watch()
        window._show_session()
        window.quota_timer.start()
        if window.session.config is None and not window.session.is_demo:
            QTimer.singleShot(0, window.offer_first_run)
        else:
            QTimer.singleShot(0, window._check_clipboard)  # a link copied just before the app was opened
        window.is_ready = True
        window.ready.emit()

    def built(self) -> tuple[LookupTab, WatchTab, ExportTab]:
        window = self.window
        assert window.lookup_tab is not None and window.watch_tab is not None and window.export_tab is not None
        return window.lookup_tab, window.watch_tab, window.export_tab

    def search(self) -> SearchTab:
        assert self.window.search_tab is not None
        return self.window.search_tab

    def market(self) -> MarketTab:
        assert self.window.market_tab is not None
        return self.window.market_tab

    def credentials_bars(self) -> tuple[CredentialsBar, ...]:
        lookup, watch, _ = self.built()
        bars = (lookup.credentials_bar, self.search().credentials_bar, watch.credentials_bar)
        return (*bars, self.market().credentials_bar)

    def connect_callbacks(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from xianyu_desktop.core.items.links import canonical_item_url
        from xianyu_desktop.ui.window_dialogs import open_folder

        window = self.window
        lookup, watch, export = self.built()
        search = self.search()
        window.settings_action.triggered.connect(window.open_settings)
        window.menus.data_folder.triggered.connect(lambda: open_folder(str(window._current().profile.paths.data_dir)))
        window.menus.audit.triggered.connect(lambda: open_folder(str(window._current().profile.paths.log_dir)))
        window.doctor_action.triggered.connect(window.run_doctor)
        market = self.market()
        for tab in (lookup, search, watch, market, export):
            tab.status_message.connect(lambda text: window.statusBar().showMessage(text, 15_000))
        for busy in (lookup, search, watch, market):
            busy.activity_changed.connect(window.activity_label.setText)
            busy.quota_changed.connect(window._show_quota)
        lookup.watchlist_changed.connect(watch.reload)
        search.watchlist_changed.connect(watch.reload)
        search.lookup_requested.connect(self.look_up_from_search)
        watch.open_item.connect(lambda item_id: self.look_up_from_search([item_id]))
        search.save_requested.connect(self.save_search)
        self._market_entries()
        for bar in self.credentials_bars():
            bar.open_settings.connect(window.open_settings)
            bar.try_demo.connect(window.switch_to_demo)
            bar.demo_button.setVisible(window.demo_switch.available)
        for detail in (lookup.detail, search.detail):
            detail.open_in_browser.connect(lambda item_id: window._open_url(canonical_item_url(item_id)))
            detail.copy_id.connect(lambda item_id: QGuiApplication.clipboard().setText(item_id))
            detail.copy_link.connect(lambda item_id: QGuiApplication.clipboard().setText(canonical_item_url(item_id)))
        state = window.state
        lookup.clipboard_offers_changed.connect(lambda on: state.setValue("lookup/clipboardOffers", on))
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.connect(window._application_state_changed)  # a slot: gone with the window

    # --- what one tab asks of another ------------------------------------------------------------------
    def _market_entries(self) -> None:
        """查看行情: a context-menu action on the 查询, 搜索 and 关注 tables, and a button in the detail panes."""
        lookup, watch, _ = self.built()
        from PySide6.QtCore import Qt  # here: the Qt namespace costs the first frame ~18 ms to import

        search = self.search()
        text = QCoreApplication.translate("MainWindow", "查看行情")
        tables: tuple[tuple[QTableView, str, Callable[[], list[str]]], ...] = (
            (lookup.table, "lookupMarketAction", lookup.selected_ids),
            (search.table, "searchMarketAction", search.selected_ids),
            (watch.table, "watchMarketAction", watch.selected_ids),
        )
        for table, name, selected in tables:
            action = QAction(text, table, objectName=name)
            action.triggered.connect(lambda _=False, selected=selected: self.view_market(selected()))
            table.addAction(action)
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lookup.detail.view_market.connect(lambda item_id: self.view_market([item_id]))
        search.detail.view_market.connect(lambda item_id: self.view_market([item_id]))

    def view_market(self, ids: list[str]) -> None:
        """The first selected item compared on 行情; the 查询 tab's answer is used when it has one."""
        window = self.window
        if not ids:
            text = QCoreApplication.translate("MainWindow", "请先选择一个商品再查看行情")
            window.statusBar().showMessage(text, 15_000)
            return
        at_hand = next((r for r in self.built()[0].model.results() if r.item_id == ids[0] and r.item), None)
        market = self.market()
        window.tabs.setCurrentWidget(market)
        market.view_item(ids[0], at_hand)

    def lookup_results(self) -> tuple[list[FetchResult], list[FetchResult]]:
        lookup, _, _ = self.built()
        selected = set(lookup.selected_ids())
        results = [r for r in lookup.model.results() if r.item is not None]
        return results, [r for r in results if r.item_id in selected]

    def search_results(self) -> list[SearchRow]:
        return self.search().model.rows()

    def save_search(self, draft: SavedSearchDraft) -> None:
        """搜索's 保存为关键词监控: the 关注 tab's add dialog, filled in from the search's inputs."""
        watch = self.built()[1]
        self.window.tabs.setCurrentWidget(watch)
        watch.saved_searches.open_dialog(draft)

    def look_up_from_search(self, ids: list[str]) -> None:
        """搜索's 查询详情, and a 新发布 alert clicked on the 关注 tab: the ids on the 查询 tab, looked up there (or
        why not, while it is busy)."""
        window = self.window
        lookup = self.built()[0]
        if lookup.look_up(ids):
            window.tabs.setCurrentWidget(lookup)
        else:
            text = QCoreApplication.translate("MainWindow", "“查询”页正在查询，请等它完成或取消后再试")
            window.statusBar().showMessage(text, 15_000)
