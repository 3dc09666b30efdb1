"""The window's question before a lookup bigger than what is left of today's quota: the figures of the
batch plan and a choice (look up what fits, or cancel). A lookup's worker asks and waits for the answer;
the question itself is shown on the GUI thread (opened, not exec'd: the window keeps running)."""

from __future__ import annotations

import math
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from xianyu_desktop.core.gateway.batch_plan import BatchPlan
from xianyu_desktop.ui.formatting import core_text

ANSWER_CHECK_S = 0.1  # how soon a waiting worker sees its lookup cancelled (the window closing)


class _Answer:
    def __init__(self, cancel: threading.Event) -> None:
        self.cancel = cancel
        self.decided = threading.Event()
        self.proceed = False


class BatchQuestion(QObject):
    _ask = Signal(object, object)  # BatchPlan, _Answer

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.box: QMessageBox | None = None  # the open question
        self._ask.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def confirm(self, plan: BatchPlan, cancel: threading.Event) -> bool:
        """From a worker: True at once when the batch fits, else the seller's answer. Declining sets
        ``cancel``: the lookup ends as cancelled."""
        if plan.fits:
            return True
        answer = _Answer(cancel)
        self._ask.emit(plan, answer)
        while not answer.decided.wait(ANSWER_CHECK_S):
            if cancel.is_set():
                return False
        return answer.proceed

    def _show(self, plan: BatchPlan, answer: _Answer) -> None:
        box = QMessageBox(self._window)
        box.setObjectName("batchQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("超出今日剩余额度"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.describe(plan))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = None
        if plan.affordable:
            go = box.addButton(self.tr("查询额度内的 %n 个", "", plan.affordable), QMessageBox.ButtonRole.AcceptRole)
            go.setObjectName("batchQuestionGo")
        stop = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(stop)
        box.setEscapeButton(stop)

        def decided(_result: int) -> None:
            answer.proceed = go is not None and box.clickedButton() is go
            if not answer.proceed:
                answer.cancel.set()
            answer.decided.set()
            self.box = None

        box.finished.connect(decided)
        self.box = box
        box.open()

    def describe(self, plan: BatchPlan) -> str:
        """The plan in the interface language, one sentence a line."""
        if plan.cached:
            needs = self.tr("这批 %1 个商品需要 %2 次调用（%3 个用缓存中的结果，不用调用）。")
        else:
            needs = self.tr("这批 %1 个商品需要 %2 次调用。")
        lines = [
            needs.replace("%1", str(plan.items)).replace("%2", str(plan.calls)).replace("%3", str(plan.cached)),
            self.tr("今日还剩 %1 次调用（%2权限：每天 %3 次、每秒 %4 次）。")
            .replace("%1", str(plan.remaining))
            .replace("%2", core_text(plan.tier.label))
            .replace("%3", str(plan.tier.daily_calls))
            .replace("%4", str(plan.tier.per_second)),
        ]
        if plan.affordable:
            lines.append(
                self.tr("今日额度只够查 %1 个，约需 %2。")
                .replace("%1", str(plan.affordable))
                .replace("%2", self.duration(plan.seconds))
            )
        else:
            lines.append(self.tr("今日的额度已经用完。"))
        lines.append(
            self.tr("其余 %1 个要等北京时间零点额度重置后再查（还需 %2 天的额度），会显示为“今日额度已用完”。")
            .replace("%1", str(plan.left_over))
            .replace("%2", str(plan.days_for_the_rest))
        )
        return "\n".join(lines)

    def duration(self, seconds: float) -> str:
        whole = math.ceil(seconds)
        if whole < 60:
            return self.tr("%n 秒", "", whole)
        minutes, rest = divmod(whole, 60)
        return self.tr("%1 分 %2 秒").replace("%1", str(minutes)).replace("%2", str(rest))
