"""Start-up and loading of the main window, and what each tab is given of a session.

The window opens at once as a frame (menus, status bar, empty tabs saying 正在打开…). A loader (detached
from the runner's pool: closing never waits for it) then imports the heavy modules (HTTP, Excel, the
sandbox, the tabs) and opens the session: the store, the keyring and, in demo mode, the embedded
gateway. Back on the GUI thread the tabs are built into the frame, one per turn of the event loop. So the
seller sees the window in about the time a bare Qt window takes, and the GUI thread never waits on the
disk or the keyring."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from xianyu_desktop.services import Session
    from xianyu_desktop.ui.export_tab import ExportParts
    from xianyu_desktop.ui.lookup_tab import LookupParts
    from xianyu_desktop.ui.market_tab import MarketParts
    from xianyu_desktop.ui.notify_channels import ChannelParts
    from xianyu_desktop.ui.search_tab import SearchParts
    from xianyu_desktop.ui.settings_dialog import SettingsParts
    from xianyu_desktop.ui.watch_tab import WatchParts


def import_heavy_modules() -> None:
    """On the loader's thread, so the frame paints meanwhile; the window's methods then import them
    where they use them for the cost of a dictionary lookup."""
    import xianyu_desktop.core.doctor
    import xianyu_desktop.ui.export_tab
    import xianyu_desktop.ui.first_run
    import xianyu_desktop.ui.lookup_tab
    import xianyu_desktop.ui.market_tab
    import xianyu_desktop.ui.message_bar
    import xianyu_desktop.ui.search_tab
    import xianyu_desktop.ui.settings_dialog
    import xianyu_desktop.ui.watch_tab
    import xianyu_desktop.ui.window_dialogs  # noqa: F401

    _load_image_plugins()


def _load_image_plugins() -> None:
    """Decode a tiny picture once, so Qt loads its image format plugins here on the loader thread rather
    than on the first item picture (~10 ms of a worker holding the GIL while the window waits)."""
    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QImage, QImageWriter

    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    # What QImage.save(buffer, "PNG") does; its stub types the format as bytes, which PySide refuses.
    QImageWriter(buffer, b"PNG").write(QImage(1, 1, QImage.Format.Format_RGB32))
    QImage.fromData(QByteArray(buffer.data()))


class FirstPaint(QObject):
    """Calls ``then`` once, on the GUI thread, when the window's first frame has been painted. It
    watches the window only: a filter on the whole application would have every event of every child
    converted to Python, and the first conversion of each class costs PySide ~30 ms of enum set-up."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # after the children of this first frame have painted too
        return False


# --- what each part of the window is given of a session ------------------------------------------------
def lookup_parts(session: Session) -> LookupParts:
    from xianyu_desktop.ui.lookup_tab import LookupParts

    return LookupParts(session.lookup, session.quota, session.short_links, session.watchlist)


def search_parts(session: Session) -> SearchParts:
    from xianyu_desktop.ui.search_tab import SearchParts

    return SearchParts(session.searcher, session.lookup, session.quota, session.watchlist)


def watch_parts(session: Session) -> WatchParts:
    from xianyu_desktop.ui.watch_tab import WatchParts

    deliverer = None
    if session.poller is not None:  # alerts are raised only where polling runs
        from xianyu_desktop.core.notify.channels import ChannelBook
        from xianyu_desktop.core.notify.deliver import Deliverer
        from xianyu_desktop.core.notify.rotation import KeyRotation

        # What Profile.deliverer builds, with the settings the session already loaded (this runs on the GUI
        # thread: no store read here).
        store = session.profile.store
        deliverer = Deliverer(store, ChannelBook(store), session.settings.notify, before_round=KeyRotation(store).check)
    child = None
    if session.poller is not None and session.config is not None:
        from xianyu_desktop.ui.watch_work import ChildRounds

        child = ChildRounds(session.profile.paths, session.config)
    return WatchParts(session.poller, session.quota, session.watchlist, deliverer, child)


def market_parts(session: Session) -> MarketParts:
    from xianyu_desktop.core.watch.market_overrides import MarketOverrides
    from xianyu_desktop.ui.market_tab import MarketParts

    overrides = session.market_overrides or MarketOverrides(session.profile.store)
    return MarketParts(session.market, overrides, session.quota, session.short_links, session.market_problem)


def export_parts(session: Session) -> ExportParts:
    from xianyu_desktop.ui.export_tab import ExportParts

    tier = session.config.tier.spec.label if session.config is not None else ""
    return ExportParts(
        session.watchlist, session.profile.cache, session.profile.store, session.gateway_label, tier,
        session.profile.vocabulary,
    )  # fmt: skip


def settings_parts(session: Session) -> SettingsParts:
    from xianyu_desktop.ui.settings_dialog import SettingsParts

    return SettingsParts(
        session.profile, session.http, session.config, session.settings, session.is_demo, session.rebuilt
    )


def channel_parts(session: Session) -> ChannelParts:
    """The push channels of the session's profile and a deliverer for their test messages (its address
    rules: the profile's allow-LAN setting)."""
    from xianyu_desktop.core.notify.channels import ChannelBook
    from xianyu_desktop.core.notify.deliver import Deliverer
    from xianyu_desktop.ui.notify_channels import ChannelParts

    book = ChannelBook(session.profile.store)
    return ChannelParts(book, Deliverer(session.profile.store, book, session.settings.notify))
