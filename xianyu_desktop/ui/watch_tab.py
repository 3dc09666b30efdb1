"""关注 (Watchlist): the watched items with old → new price and change at a glance, background polling
within the quota, alerts (tray and panel) and each item's price chart."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QListWidgetItem,
    QSystemTrayIcon,
    QWidget,
)

from xianyu_desktop.core.notify.deliver import Deliverer, DeliveryReport
from xianyu_desktop.core.notify.outbox import Delivery
from xianyu_desktop.core.storage.ledger import StoreQuotaLedger
from xianyu_desktop.core.watch.poller import CompareEvent, Poller, SearchEvent
from xianyu_desktop.core.watch.rules import HistoryPoint, WatchState
from xianyu_desktop.core.watch.saved_searches import SavedSearches
from xianyu_desktop.core.watch.watchlist import Alert, Watchlist
from xianyu_desktop.ui.formatting import alert_text, core_text, notification_text
from xianyu_desktop.ui.tables import fit_columns, selected_source_rows, sort_filter_proxy
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner
from xianyu_desktop.ui.watch_delivery import AlertDelivery
from xianyu_desktop.ui.watch_model import HIDDEN_COLUMNS, TITLE_COLUMN, WatchModel, widest_texts
from xianyu_desktop.ui.watch_view import WatchView, edit_plain_values
from xianyu_desktop.ui.watch_work import ChildRounds, RoundDone, Snapshot, alert_row_text, load_snapshot, poll_round

SCHEDULER_MS = 30_000
SNOOZE_S = 24 * 3600
ALERTS_SHOWN = 300  # the panel shows the newest; all are kept in the store (watch alerts lists them)
ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 10
# A poll's alerts reach the panel (and the tray) at most this often, together: each insertion lays out and
# repaints the panel's wrapped rows, the window's largest painting during a poll that raises many.
ALERTS_EVERY_MS = 400
ALERT_ROWS_A_TURN = 10  # then the rest at the next turn of the event loop: each row's wrapped text is measured


@dataclass(frozen=True, slots=True)
class WatchParts:
    """What the tab works with (None: no usable credentials, nothing is checked)."""

    poller: Poller | None
    quota: StoreQuotaLedger | None
    watchlist: Watchlist
    deliverer: Deliverer | None = None  # sends the alerts to the push channels (None: no polling here)
    child: ChildRounds | None = None  # rounds run in a process of their own (None: on the pool's thread)


class WatchTab(WatchView):
    status_message = Signal(str)
    activity_changed = Signal(str)
    quota_changed = Signal(object)
    open_item = Signal(str)

    def __init__(
        self, parts: WatchParts, runner: TaskRunner, parent: QWidget | None = None, *, tray: QSystemTrayIcon | None
    ) -> None:
        """``tray``: the window's tray icon, where alerts are announced (None: no tray, the status bar)."""
        super().__init__(parent)
        self.parts = parts
        self.runner = runner
        self.model = WatchModel(self)
        self.proxy = sort_filter_proxy(self.model, self)
        self.table.setModel(self.proxy)
        fit_columns(self.table, self.model, stretch=TITLE_COLUMN, widest=widest_texts(), hidden=HIDDEN_COLUMNS)
        self.edit_delegate = edit_plain_values(
            self.table, [c for c in range(self.model.columnCount()) if self.model.editable(c)]
        )
        self.poll_task: Task[RoundDone] | None = None
        self.scheduler = QTimer(self, interval=SCHEDULER_MS)
        self._queued_rows: list[tuple[Alert, str | None]] = []  # alerts for the panel, with their texts
        self._queued_fresh: list[Alert] = []  # alerts to announce
        self._alerts_timer = QTimer(self, singleShot=True, interval=ALERTS_EVERY_MS)
        self.tray = tray
        self.notified: list[Alert] = []  # what was announced (tray or status bar), for tests and the log
        self.delivery = AlertDelivery(runner, self)
        self.delivery.bind(parts.deliverer)
        self._connect_callbacks()
        self.scheduler.start()
        self.reload()

    def _connect_callbacks(self) -> None:
        self.check_now.clicked.connect(lambda: self.poll(everything=True))
        self.pause.toggled.connect(self._paused)
        self.remove_button.clicked.connect(self.remove_selected)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.scheduler.timeout.connect(lambda: self.poll(everything=False))
        self._alerts_timer.timeout.connect(lambda: self._flush_alerts(everything=False))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.edit_requested.connect(self._save_edit)
        self.model.edit_refused.connect(self.status_message.emit)
        self.mark_read.clicked.connect(self.mark_all_read)
        self.snooze.clicked.connect(self.snooze_selected)
        self.alerts.itemActivated.connect(self._alert_activated)
        self.alerts.itemClicked.connect(self._alert_activated)
        self.saved_searches.changed.connect(self.reload)
        self.saved_searches.status_message.connect(self.status_message.emit)
        self.table.selectionModel().selectionChanged.connect(self.mine_toggle.refresh)
        self.mine_toggle.changed.connect(self._upsert_all)
        self.delivery.deliveries.connect(self._show_deliveries)
        self.delivery.delivered.connect(self._delivered)

    def bind(self, parts: WatchParts, *, new_profile: bool) -> None:
        """A new session: the next check uses it; a running one ends on its own unless the profile
        changed (the seller switched to demo mode)."""
        if new_profile and self.poll_task is not None:
            self.poll_task.cancel()
        self.parts = parts
        self.delivery.bind(parts.deliverer)
        self.reload()

    def shutdown(self) -> None:
        """The window is closing: no more checks, a running one stops."""
        self.scheduler.stop()
        self.delivery.stop()
        if self.poll_task is not None:
            self.poll_task.cancel()

    # --- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        parts = self.parts
        self.saved_searches.bind(SavedSearches(parts.watchlist.store), self.runner)
        self.mine_toggle.bind(parts.watchlist, self.runner, self.selected_states)
        unchecked = self.tr("还没有可用的调用凭据，关注的商品不会被检查。")
        model, watchlist = self.model, parts.watchlist

        def work(report: Report, cancel: threading.Event) -> Snapshot:
            plan = parts.poller.plan().describe(core_text) if parts.poller else unchecked
            return load_snapshot(model, watchlist, ALERTS_SHOWN, plan)

        self.runner.run(work, on_done=self._show_snapshot)

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self.model.load(snapshot.rows)
        self.plan.setText(snapshot.plan_text)
        self.alerts.clear()
        self._add_alert_rows(list(reversed(snapshot.alerts)))
        listed = {alert.id for alert, _ in snapshot.alerts}
        self._queued_rows = [row for row in self._queued_rows if row[0].id not in listed]  # shown once
        self.delivery.ask([alert.id for alert, _ in snapshot.alerts])

    def _show_deliveries(self, found: dict[int, list[Delivery]]) -> None:
        self.delivery.show_on(self.alerts, ALERT_ID_ROLE, found)

    def _delivered(self, report: DeliveryReport) -> None:
        if report.messages or report.failures or report.held:
            self.delivery.ask(self.delivery.shown_ids(self.alerts, ALERT_ID_ROLE))
        if report.failures:
            names = "、".join(dict.fromkeys(name for name, _ in report.failures))
            self.status_message.emit(self.tr("推送到 %1 没有成功，会在下一轮重试").replace("%1", names))

    def _alert_text(self, alert: Alert) -> str:
        return alert_text(alert, self._title_of(alert))

    def _add_alert_rows(self, alerts: Sequence[tuple[Alert, str | None]]) -> None:
        """Alerts at the top of the panel, the last one topmost, each with its row's text (None: written
        here); one insertion for a poll's batch, measured once, not at every layout of the list."""
        bold, plain = QFont(), QFont()
        bold.setBold(True)
        rows = []
        for alert, text in alerts:
            row = QListWidgetItem(text if text is not None else alert_row_text(alert, self._title_of(alert)))
            row.setData(ALERT_ID_ROLE, (alert.id, alert.item_id))
            row.setFont(plain if alert.read else bold)
            rows.append(row)
        self.alerts.add_first_many(rows, keep=ALERTS_SHOWN)

    def _title_of(self, alert: Alert) -> str | None:
        state = self.model.state_of(alert.item_id)
        return state.title if state is not None else None

    # --- polling ------------------------------------------------------------------------------------
    def _paused(self, paused: bool) -> None:
        if paused:
            self.scheduler.stop()
            self.status_message.emit(self.tr("已暂停定时检查"))
        else:
            self.scheduler.start()
            self.poll(everything=False)

    def poll(self, *, everything: bool) -> None:
        if self.poll_task is not None and self.poll_task.running:
            return
        poller = self.parts.poller
        if poller is None:
            self.credentials_bar.show()
            self.status_message.emit(self.tr("还没有可用的调用凭据"))
            return
        watchlist = self.parts.watchlist
        ledger = self.parts.quota
        model = self.model
        child = self.parts.child

        def work(report: Report, cancel: threading.Event) -> RoundDone:
            return poll_round(
                poller, watchlist, ledger, model, everything=everything, report=report, cancel=cancel, child=child
            )

        self.activity_changed.emit(self.tr("正在检查关注的商品……"))
        self.check_now.setEnabled(False)
        self.poll_task = self.runner.run(
            work, on_progress=self._poll_progress, on_done=self._poll_done, on_error=self._poll_failed
        )

    def _poll_progress(self, event: Any) -> None:
        if isinstance(event, list):
            current = self.table.currentIndex()
            current_row = self.proxy.mapToSource(current).row() if current.isValid() else -1
            now = time.time()
            # The rows' cells and the alerts' texts came from the worker: the GUI thread only stores them.
            self.model.upsert_many([u.state for u in event], [u.cells for u in event])
            for update in event:
                if current_row >= 0 and self.model.row_of(update.state.item_id) == current_row:
                    self._show_chart(update.state)
            self._queue_alerts(
                [(alert, text) for u in event for alert, text in zip(u.alerts, u.alert_texts, strict=True)],
                [alert for u in event if not u.state.snoozed(now) for alert in u.alerts],
            )
        elif isinstance(event, SearchEvent | CompareEvent):
            shown = self.saved_searches.apply(event) if isinstance(event, SearchEvent) else event.alerts
            self._queue_alerts([(alert, None) for alert in shown], list(event.alerts))
        elif isinstance(event, tuple) and event[0] == "quota":
            self.quota_changed.emit(event[1])

    def _queue_alerts(self, rows: list[tuple[Alert, str | None]], fresh: list[Alert]) -> None:
        """Alerts for the panel and the tray, shown with the others of the next ALERTS_EVERY_MS."""
        self._queued_rows.extend(rows)
        self._queued_fresh.extend(fresh)
        if (rows or fresh) and not self._alerts_timer.isActive():
            self._alerts_timer.start(ALERTS_EVERY_MS)

    def _flush_alerts(self, *, everything: bool = True) -> None:
        """The queued alerts announced, and their rows added to the panel: all of them, or (``everything``
        false: the timer's turn) ALERT_ROWS_A_TURN now and the rest at the next turns."""
        self._alerts_timer.stop()
        take = len(self._queued_rows) if everything else ALERT_ROWS_A_TURN
        rows, self._queued_rows = self._queued_rows[:take], self._queued_rows[take:]
        fresh, self._queued_fresh = self._queued_fresh, []
        if rows:
            self._add_alert_rows(rows)
        if fresh:
            self._announce(fresh)
        if self._queued_rows:
            self._alerts_timer.start(0)

    def _announce(self, alerts: list[Alert]) -> None:
        """One notification per batch: the alert itself, or the first and how many more."""
        self.notified.extend(alerts)
        text = self._alert_text(alerts[0])
        if len(alerts) > 1:
            text += self.tr("（另有 %1 条提醒）").replace("%1", str(len(alerts) - 1))
        if self.tray is not None:
            self.tray.showMessage(
                self.tr("闲鱼关注提醒"), notification_text(text), QSystemTrayIcon.MessageIcon.Information, 8000
            )
        else:
            self.status_message.emit(text)

    def _poll_done(self, outcome: RoundDone) -> None:
        self._flush_alerts()  # the round's last alerts are shown when it ends
        checked, alerts, plan = outcome.checked, outcome.alerts, outcome.plan_text
        self.check_now.setEnabled(True)
        self.activity_changed.emit("")
        if outcome.locked_by is not None:
            holder = outcome.locked_by
            text = (
                self.tr("另一个程序（进程 %1，%2）正在检查关注的商品，这一轮没有检查，以免重复。")
                .replace("%1", str(holder.pid))
                .replace("%2", holder.host)
            )
            self.plan.setText(text + "\n" + plan)
            self.status_message.emit(text)
            return
        self.plan.setText(plan)
        self.delivery.deliver_now()  # what this round raised goes out now, not at the next minute
        if checked:
            self.status_message.emit(
                self.tr("检查了 %1 个关注的商品，%2 条新提醒").replace("%1", str(checked)).replace("%2", str(alerts))
            )

    def _poll_failed(self, exc: BaseException) -> None:
        self._flush_alerts()
        self.check_now.setEnabled(True)
        self.activity_changed.emit("")
        self.status_message.emit(self.tr("检查没有完成"))
        self.runner.fail(exc)

    # --- editing, removing, alerts --------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [s.item_id for s in self.selected_states()]

    def selected_states(self) -> list[WatchState]:
        return [self.model.state_at(r) for r in selected_source_rows(self.table, self.proxy)]

    def _save_edit(self, item_id: str, field: str, value: object) -> None:
        """``value`` as WatchModel's parse_edit gave it: a note str, a target Decimal or None, a threshold Decimal."""
        watchlist = self.parts.watchlist

        def work(report: Report, cancel: threading.Event) -> list[WatchState]:
            if field == "note" and isinstance(value, str):
                watchlist.update_rules(item_id, note=value)
            elif field == "target" and (value is None or isinstance(value, Decimal)):
                watchlist.update_rules(item_id, target_price=value)
            elif field == "threshold" and isinstance(value, Decimal):
                watchlist.update_rules(item_id, threshold_pct=value)
            else:
                raise TypeError(f"no watch rule {field!r} takes a {type(value).__name__}")
            state = watchlist.get(item_id)
            return [state] if state is not None else []

        self.runner.run(work, on_done=self._upsert_all)

    def _upsert_all(self, states: list[WatchState]) -> None:
        for state in states:
            self.model.upsert(state)
        self.mine_toggle.refresh()

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        watchlist = self.parts.watchlist
        self.runner.run(lambda report, cancel: watchlist.remove(ids), on_done=lambda n: self._removed(ids, n))

    def _removed(self, ids: list[str], count: int) -> None:
        self.model.remove(ids)
        self.status_message.emit(self.tr("已移除 %1 个关注").replace("%1", str(count)))

    def mark_all_read(self) -> None:
        watchlist = self.parts.watchlist
        self.runner.run(lambda report, cancel: watchlist.mark_read(), on_done=lambda _: self.reload())

    def snooze_selected(self) -> None:
        ids = self.selected_ids()
        watchlist = self.parts.watchlist
        until = time.time() + SNOOZE_S

        def work(report: Report, cancel: threading.Event) -> list[WatchState]:
            for item_id in ids:
                watchlist.update_rules(item_id, snoozed_until=until)
            return [s for s in (watchlist.get(i) for i in ids) if s is not None]

        self.runner.run(work, on_done=self._upsert_all)
        if ids:
            self.status_message.emit(self.tr("已暂停 %1 个商品的提醒一天").replace("%1", str(len(ids))))

    def _alert_activated(self, row: QListWidgetItem) -> None:
        alert_id, item_id = row.data(ALERT_ID_ROLE)
        source_row = self.model.row_of(item_id)
        if source_row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())
        elif item_id:
            self.open_item.emit(item_id)  # a new listing a keyword monitor found: not watched, looked up
        watchlist = self.parts.watchlist
        self.runner.run(lambda report, cancel: watchlist.mark_read([alert_id]))
        font = QFont(row.font())
        font.setBold(False)
        row.setFont(font)

    # --- chart ------------------------------------------------------------------------------------------
    def _current_changed(self, current: Any, previous: Any) -> None:
        if current.isValid():
            self._show_chart(self.model.state_at(self.proxy.mapToSource(current).row()))

    def _show_chart(self, state: WatchState) -> None:
        watchlist = self.parts.watchlist
        title = state.title or state.item_id

        def work(report: Report, cancel: threading.Event) -> list[HistoryPoint]:
            return watchlist.history(state.item_id)

        self.runner.run(work, on_done=lambda points: self.chart.show_history(title, points, time.time()))
