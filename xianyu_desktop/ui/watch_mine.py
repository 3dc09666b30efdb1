"""我的 (my listings) on the 关注 tab: the toggle that marks the selected watched items as the seller's
own (their market is compared on the watch schedule and competitors that undercut them alert), and the
comparison rounds' alerts brought to the panel and the tray like the others. The store is written in the
background (ui/tasks.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from xianyu_desktop.core.watch.mine import MyListings
from xianyu_desktop.core.watch.rules import WatchState
from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.ui.tasks import Report, TaskRunner


class MineToggle(QPushButton):
    """Checked when every selected item is mine; clicking marks all of them mine, or none."""

    changed = Signal(list)  # the selected items' rows as now stored (list[WatchState])

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("我的"), parent, objectName="watchMineToggle", checkable=True)
        self.setToolTip(
            self.tr("标为我的商品：按关注的节奏比价（在今日额度之内），同款商品标价比它低出降价提醒幅度时提醒")
        )
        self.setEnabled(False)
        self._selected: Callable[[], list[WatchState]] = list
        self._watchlist: Watchlist | None = None
        self._runner: TaskRunner | None = None
        self.clicked.connect(self._clicked)

    def bind(self, watchlist: Watchlist, runner: TaskRunner, selected: Callable[[], list[WatchState]]) -> None:
        self._watchlist, self._runner, self._selected = watchlist, runner, selected
        self.refresh()

    def refresh(self) -> None:
        """Follow the selection: enabled with one, checked when all of it is mine."""
        states = self._selected()
        blocker = QSignalBlocker(self)
        self.setEnabled(bool(states) and self._watchlist is not None)
        self.setChecked(bool(states) and all(s.mine for s in states))
        del blocker

    def _clicked(self, checked: bool) -> None:
        watchlist, runner = self._watchlist, self._runner
        ids = [s.item_id for s in self._selected()]
        if watchlist is None or runner is None or not ids:
            return

        def work(report: Report, cancel: threading.Event) -> list[WatchState]:
            mine = MyListings(watchlist.store)
            for item_id in ids:
                mine.set_mine(item_id, checked)
            return [s for s in (watchlist.get(i) for i in ids) if s is not None]

        runner.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, states: list[WatchState]) -> None:
        self.changed.emit(states)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        if self._runner is not None:
            self._runner.fail(exc)
