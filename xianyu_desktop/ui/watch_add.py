"""加入关注 from a results table (the 查询 and 搜索 tabs): the selected items added to the watchlist on a
worker (the store is on disk), then how many were added, and how many were watched already, said in the
status bar, and the window told the watchlist changed. Its messages are in one translation context,
``WatchAdd``."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from xianyu_desktop.core.watch.watchlist import Watchlist
from xianyu_desktop.ui.tasks import Report, TaskRunner


def added_message(added: int, asked: int) -> str:
    """“已加入关注 3 个（2 个已在关注中）”: the second part only when some were watched already."""
    message = QCoreApplication.translate("WatchAdd", "已加入关注 %1 个").replace("%1", str(added))
    if asked > added:
        message += QCoreApplication.translate("WatchAdd", "（%1 个已在关注中）").replace("%1", str(asked - added))
    return message


def add_to_watchlist(
    runner: TaskRunner,
    watchlist: Watchlist,
    ids: list[str],
    *,
    say: Callable[[str], None],
    changed: Callable[[], None],
) -> None:
    """Adds ``ids`` in the background; then ``say``s how many and calls ``changed``. A failure (a full
    disk…) goes to the runner's own handler, in plain words."""
    asked = list(ids)

    def work(report: Report, cancel: threading.Event) -> list[str]:
        return watchlist.add(asked)

    def done(added: list[str]) -> None:
        say(added_message(len(added), len(asked)))
        changed()

    runner.run(work, on_done=done)
