"""The 关注 tab's side of the push channels: a delivery round after each poll round and every minute (quiet
hours ending, cooldowns passing, failed sends retried), off the GUI thread and never in a poll's way (a task
of its own); and per alert where it was delivered, for the alerts panel ("已推送：企业微信 ✓ / 钉钉 待重试")."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QListWidget

from xianyu_desktop.core.notify.deliver import Deliverer, DeliveryReport
from xianyu_desktop.core.notify.outbox import CAP, COOLDOWN, DELIVERED, FAILED, HELD, QUIET, Delivery, Outbox
from xianyu_desktop.ui.formatting import plain_tooltip
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner

DELIVERY_MS = 60_000


class AlertDelivery(QObject):
    deliveries = Signal(object)  # dict[int, list[Delivery]]: where the alerts asked about went
    delivered = Signal(object)  # the DeliveryReport of a round

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.deliverer: Deliverer | None = None
        self.task: Task[DeliveryReport] | None = None
        self.again = False  # asked for while a round ran: one more when it ends
        self.timer = QTimer(self, interval=DELIVERY_MS)
        self.timer.timeout.connect(self.deliver_now)

    def bind(self, deliverer: Deliverer | None) -> None:
        self.deliverer = deliverer
        if deliverer is None:
            self.timer.stop()
        else:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.deliverer = None

    def deliver_now(self) -> None:
        deliverer = self.deliverer
        if deliverer is None:
            return
        if self.task is not None and self.task.running:
            self.again = True
            return
        self.again = False
        self.task = self.runner.run(
            lambda report, cancel: deliverer.deliver(),
            on_done=self.delivered.emit,
            on_error=self.runner.fail,  # the store broke: a bug report, not a silent stop
            on_finished=self._round_ended,
        )

    def _round_ended(self) -> None:
        if self.again:
            self.deliver_now()

    def ask(self, alert_ids: Sequence[int]) -> None:
        """Where these alerts went, by the ``deliveries`` signal."""
        deliverer = self.deliverer
        if deliverer is None or not alert_ids:
            return
        ids = list(alert_ids)

        def work(report: Report, cancel: threading.Event) -> dict[int, list[Delivery]]:
            return Outbox(deliverer.store).deliveries(ids)

        self.runner.run(work, on_done=self.deliveries.emit)

    def describe(self, deliveries: list[Delivery]) -> str:
        """ "已推送：企业微信 ✓ / 钉钉 待重试"; "" when the alert goes to no channel."""
        if not deliveries:
            return ""
        held = {QUIET: self.tr("免打扰时段"), CAP: self.tr("已达每日上限"), COOLDOWN: self.tr("同一商品冷却中")}
        parts = []
        for d in deliveries:
            if d.state == DELIVERED:
                parts.append(self.tr("%1 ✓").replace("%1", d.channel))
            elif d.state == FAILED:
                parts.append(self.tr("%1 待重试").replace("%1", d.channel))
            elif d.state == HELD:
                reason = held.get(d.held_reason or "", "")
                parts.append(self.tr("%1 暂存（%2）").replace("%1", d.channel).replace("%2", reason))
            else:
                parts.append(self.tr("%1 待发送").replace("%1", d.channel))
        return self.tr("已推送：%1").replace("%1", " / ".join(parts))

    @staticmethod
    def shown_ids(alerts: QListWidget, id_role: int) -> list[int]:
        """The ids of the alerts a panel shows (each row's ``id_role`` holds (alert id, item id))."""
        return [alerts.item(n).data(id_role)[0] for n in range(alerts.count())]

    def show_on(self, alerts: QListWidget, id_role: int, found: dict[int, list[Delivery]]) -> None:
        """Each alert's tooltip says where it was pushed (an alert for no channel keeps none)."""
        for n in range(alerts.count()):
            row = alerts.item(n)
            deliveries = found.get(row.data(id_role)[0])
            if deliveries is not None:
                row.setToolTip(plain_tooltip(self.describe(deliveries)))
