"""The 通知 page's channels box: the channels (name, masked address, the kinds each gets), adding one from a
plain Apprise URL or from the form of a common Chinese service (core.notify.forms builds the URL), testing
and removing. Every change goes to the store and the keyring off the GUI thread, at once (a channel is not
part of the dialog's 保存: its address lives in the keyring, not in the form)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.notify.addresses import AddressPolicy
from xianyu_desktop.core.notify.channels import Channel, ChannelBook
from xianyu_desktop.core.notify.deliver import Deliverer
from xianyu_desktop.core.notify.forms import FORMS, FormIncomplete, build_url
from xianyu_desktop.core.notify.kinds import DEFAULT_KINDS, NOTIFY_KINDS
from xianyu_desktop.core.storage.credentials import KeyringUnavailable
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.tasks import Report, TaskRunner, user_error_text

URL_FORM = "url"  # the type box's entry for a plain Apprise URL
NAME, ADDRESS, KINDS, RESULT = range(4)


@dataclass(frozen=True, slots=True)
class ChannelParts:
    book: ChannelBook
    deliverer: Deliverer  # sends the test messages (its address policy: the allow-LAN setting)


@dataclass(frozen=True, slots=True)
class NewChannel:
    url: str
    name: str
    allow_loopback: bool


class ChannelsBox(QGroupBox):
    def __init__(self, parts: ChannelParts, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("推送渠道"))
        self.parts = parts
        self.runner = runner
        self.channels: list[Channel] = []
        self.results: dict[str, str] = {}  # channel name → the last test's outcome, in plain words
        self._build()
        self._connect_callbacks()
        self._show_form(URL_FORM)
        self.reload()

    # --- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.table = QTableWidget(0, 4, objectName="notifyChannels")
        self.table.setHorizontalHeaderLabels(
            [self.tr("名称"), self.tr("地址"), self.tr("提醒类型"), self.tr("测试结果")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QGridLayout()
        for n, (code, label) in enumerate(NOTIFY_KINDS.items()):
            box = QCheckBox(core_text(label), objectName=f"kind_{code}")
            box.setEnabled(False)
            self.kind_boxes[code] = box
            kinds.addWidget(box, n // 5, n % 5)
        self.test_button = QPushButton(self.tr("测试所选"), objectName="testChannelButton")
        self.test_all_button = QPushButton(self.tr("全部测试"), objectName="testAllChannelsButton")
        self.remove_button = QPushButton(self.tr("删除所选"), objectName="removeChannelButton")
        buttons = QHBoxLayout()
        for button in (self.test_button, self.test_all_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.form_type = QComboBox(objectName="channelTypeCombo")
        self.form_type.addItem(self.tr("Apprise 地址"), URL_FORM)
        for code, form in FORMS.items():
            self.form_type.addItem(core_text(form.label), code)
        self.channel_name = QLineEdit(objectName="channelNameEdit", placeholderText=self.tr("可不填"))
        self.fields_box = QWidget()
        self.fields = QFormLayout(self.fields_box)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.field_edits: dict[str, QLineEdit] = {}
        self.allow_loopback = QCheckBox(
            self.tr("允许本机上的地址（127.0.0.1，如本机的转发服务）"), objectName="allowLoopbackCheck"
        )
        self.add_button = QPushButton(self.tr("添加渠道"), objectName="addChannelButton")
        self.add_error = PlainLabel(objectName="addChannelError", wordWrap=True)
        self.add_error.setStyleSheet("color: #c0392b")
        adding = QFormLayout()
        adding.addRow(PlainLabel(self.tr("类型")), self.form_type)
        adding.addRow(PlainLabel(self.tr("名称")), self.channel_name)
        adding.addRow(self.fields_box)
        adding.addRow(self.allow_loopback)
        adding.addRow(self.add_button)
        adding.addRow(self.add_error)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(PlainLabel(self.tr("所选渠道接收的提醒：")))
        layout.addLayout(kinds)
        layout.addLayout(buttons)
        layout.addWidget(PlainLabel(self.tr("添加渠道（地址含令牌，只保存在系统钥匙环里，列表中只显示遮盖后的地址）")))
        layout.addLayout(adding)

    def _connect_callbacks(self) -> None:
        self.form_type.currentIndexChanged.connect(lambda: self._show_form(str(self.form_type.currentData())))
        self.add_button.clicked.connect(self.add_channel)
        self.test_button.clicked.connect(lambda: self.test_channels(selected_only=True))
        self.test_all_button.clicked.connect(lambda: self.test_channels(selected_only=False))
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._show_kinds)
        for code, box in self.kind_boxes.items():
            box.clicked.connect(lambda checked, code=code: self._kind_clicked(code, checked))

    def _show_form(self, code: str) -> None:
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.field_edits = {}
        if code == URL_FORM:
            specs: tuple[tuple[str, str, bool], ...] = (("url", "Apprise URL", True),)
        else:
            specs = FORMS[code].fields
        for name, label, required in specs:
            edit = QLineEdit(objectName=f"channelField_{name}")
            edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)  # a token: not left on screen
            if not required:
                edit.setPlaceholderText(self.tr("可不填"))
            if name == "url":
                edit.setPlaceholderText("wecombot://…  dingtalk://…  ntfy://…  tgram://…  mailto://…")
            self.field_edits[name] = edit
            self.fields.addRow(PlainLabel(core_text(label)), edit)

    # --- the list -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        book = self.parts.book
        self.runner.run(lambda report, cancel: book.all(), on_done=self._show_channels, on_error=self._failed)

    def _show_channels(self, channels: list[Channel]) -> None:
        selected = self.selected()
        self.channels = channels
        self.table.setRowCount(len(channels))
        for row, channel in enumerate(channels):
            kinds = "、".join(core_text(NOTIFY_KINDS[k]) for k in channel.kinds if k in NOTIFY_KINDS)
            every = len(channel.kinds) == len(NOTIFY_KINDS)
            texts = (
                channel.name,
                channel.masked,
                self.tr("全部") if every else kinds,
                self.results.get(channel.name, ""),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))  # drawn as plain text
            if selected is not None and channel.name == selected.name:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._show_kinds()

    def selected(self) -> Channel | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.channels[min(rows)] if rows and min(rows) < len(self.channels) else None

    def _show_kinds(self) -> None:
        channel = self.selected()
        for code, box in self.kind_boxes.items():
            box.setEnabled(channel is not None)
            box.setChecked(channel is not None and code in channel.kinds)

    def _kind_clicked(self, code: str, checked: bool) -> None:
        channel = self.selected()
        if channel is None:
            return
        kinds = [k for k in NOTIFY_KINDS if (k == code and checked) or (k != code and k in channel.kinds)]
        if not kinds:
            self.kind_boxes[code].setChecked(True)
            self.add_error.setText(self.tr("每个渠道至少要接收一种提醒；不想接收就删除这个渠道。"))
            return
        book, name = self.parts.book, channel.name
        self.runner.run(
            lambda report, cancel: book.set_kinds(name, kinds), on_done=lambda _: self.reload(), on_error=self._failed
        )

    # --- adding, testing, removing ------------------------------------------------------------------------
    def new_channel(self) -> NewChannel:
        """The form's channel; raises FormIncomplete with a plain message."""
        code = str(self.form_type.currentData())
        values = {name: edit.text() for name, edit in self.field_edits.items()}
        if code == URL_FORM:
            url = values["url"].strip()
            if not url:
                raise FormIncomplete(self.tr("请填写 Apprise 地址，例如 wecombot://机器人key"))
        else:
            url = build_url(code, values)
        return NewChannel(url, self.channel_name.text().strip(), self.allow_loopback.isChecked())

    def add_channel(self) -> None:
        try:
            new = self.new_channel()
        except FormIncomplete as exc:
            self.add_error.setText(core_text(str(exc)))
            return
        book, allow_lan = self.parts.book, self.parts.deliverer.policy.allow_lan

        def work(report: Report, cancel: threading.Event) -> Channel:
            return book.add(
                new.url, name=new.name or None, kinds=DEFAULT_KINDS,
                policy=AddressPolicy(allow_private=allow_lan), allow_loopback=new.allow_loopback,
            )  # fmt: skip

        self.add_button.setEnabled(False)
        self.add_error.clear()
        self.runner.run(
            work, on_done=self._added, on_error=self._add_failed, on_finished=lambda: self.add_button.setEnabled(True)
        )

    def _added(self, channel: Channel) -> None:
        for edit in self.field_edits.values():
            edit.clear()
        self.channel_name.clear()
        self.add_error.setText(
            self.tr("已添加渠道「%1」，可以点“测试所选”发一条测试消息。").replace("%1", channel.name)
        )
        self.reload()

    def _add_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KeyringUnavailable):
            self.add_error.setText(exc.describe(core_text, "\n"))
            return
        text = user_error_text(exc)
        self.add_error.setText(text if text is not None else self.tr("添加没有完成"))
        if text is None:
            self.runner.fail(exc)

    def test_channels(self, *, selected_only: bool) -> None:
        chosen = [c for c in [self.selected()] if c is not None] if selected_only else list(self.channels)
        if not chosen:
            self.add_error.setText(self.tr("请先选中一个渠道") if selected_only else self.tr("还没有渠道"))
            return
        deliverer = self.parts.deliverer
        for channel in chosen:
            self.results[channel.name] = self.tr("正在发送测试消息……")
        self._show_channels(self.channels)

        def work(report: Report, cancel: threading.Event) -> dict[str, str | None]:
            outcomes: dict[str, str | None] = {}
            for channel in chosen:
                outcomes[channel.name] = deliverer.send_test(channel)
                report((channel.name, outcomes[channel.name]))
            return outcomes

        for button in (self.test_button, self.test_all_button):
            button.setEnabled(False)
        self.runner.run(
            work,
            on_progress=lambda pair: self._tested(*pair),
            on_error=self._failed,
            on_finished=self._tests_finished,
        )

    def _tested(self, name: str, failure: str | None) -> None:
        self.results[name] = (
            self.tr("已送达") if failure is None else self.tr("没有送达：%1").replace("%1", core_text(failure))
        )
        self._show_channels(self.channels)

    def _tests_finished(self) -> None:
        for button in (self.test_button, self.test_all_button):
            button.setEnabled(True)

    def remove_selected(self) -> None:
        channel = self.selected()
        if channel is None:
            self.add_error.setText(self.tr("请先选中一个渠道"))
            return
        book, name = self.parts.book, channel.name
        self.results.pop(name, None)
        self.runner.run(
            lambda report, cancel: book.remove(name),
            on_done=lambda _: self._removed(name),
            on_error=self._failed,
        )

    def _removed(self, name: str) -> None:
        self.add_error.setText(self.tr("已删除渠道「%1」，它的地址也已从系统钥匙环中删除。").replace("%1", name))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        text = user_error_text(exc)
        self.add_error.setText(text if text is not None else self.tr("操作没有完成"))
        if text is None:
            self.runner.fail(exc)
