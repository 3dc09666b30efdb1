"""Settings: credentials (the secret goes to the OS keyring through the core's credentials module),
tier, gateway, timeout and cache lifetimes, and the interface language (taking effect at the next start).
测试连接 makes one signed call and says what happened."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.errors import ConfigError, GatewayFailure
from xianyu_desktop.core.gateway.config import DEFAULT_GATEWAY, GatewayConfig, validate_gateway_url
from xianyu_desktop.core.gateway.limits import Tier
from xianyu_desktop.core.profile import Profile, SettingsChange
from xianyu_desktop.core.settings import AppSettings
from xianyu_desktop.core.storage.cache import CachePolicy
from xianyu_desktop.core.storage.credentials import KeyringUnavailable, describe_backend
from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP
from xianyu_desktop.core.watch.plan import PollIntervals
from xianyu_desktop.i18n import LANGUAGES, save_language, saved_language
from xianyu_desktop.paths import app_paths
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.notify_channels import ChannelParts
from xianyu_desktop.ui.plain import PlainLabel
from xianyu_desktop.ui.settings_notify import AutostartFailed, BackgroundParts, NotifyPage, apply_autostart
from xianyu_desktop.ui.tasks import Report, TaskRunner, user_error_text

# The language box names each language in itself and, when that is not the interface's, in the interface's.
LANGUAGE_NAMES: dict[str, str] = {
    "zh_CN": QT_TRANSLATE_NOOP("SettingsDialog", "简体中文"),
    "en": QT_TRANSLATE_NOOP("SettingsDialog", "英语"),
}


def keyring_problem(exc: BaseException) -> str:
    """A keyring failure in the interface language, a sentence a line."""
    if isinstance(exc, KeyringUnavailable):
        return exc.describe(core_text, "\n")
    return core_text(str(exc))  # the core's fixed sentences (MISSING_SECRET) are translated


def language_choice(code: str) -> str:
    """简体中文 / English（英语） in Chinese; 简体中文 (Simplified Chinese) / English in English."""
    native = LANGUAGES[code]
    translated = QCoreApplication.translate("SettingsDialog", LANGUAGE_NAMES.get(code, native))
    if translated == native:
        return native
    return QCoreApplication.translate("SettingsDialog", "%1（%2）").replace("%2", translated).replace("%1", native)


@dataclass(frozen=True, slots=True)
class SettingsParts:
    """What the dialog works with. ``rebuild`` runs off the GUI thread once the settings are saved and
    returns the session they make, which ``saved`` hands to the window."""

    profile: Profile
    http: httpx.Client
    config: GatewayConfig | None
    settings: AppSettings
    demo: bool
    rebuild: Callable[[], object]


@dataclass(frozen=True, slots=True)
class SettingsForm:
    change: SettingsChange
    language: str


SCREEN_MARGIN = 60  # a window manager's title bar and a little air


class _PageScroll(QScrollArea):
    """Asks for its page's whole size (a plain scroll area asks for little): the dialog opens as tall as
    the page needs, and scrolls only when the screen is smaller."""

    def sizeHint(self) -> QSize:
        page = self.widget()
        if page is None:
            return super().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return page.sizeHint() + QSize(bar, 0)


def _scrolling(page: QWidget) -> QScrollArea:
    area = _PageScroll()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


class SettingsDialog(QDialog):
    saved = Signal(object)  # the session the saved settings make, before ``accepted``

    def __init__(
        self,
        parts: SettingsParts,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        background: BackgroundParts | None = None,
        channels: ChannelParts | None = None,
    ) -> None:
        """``background``: the window's tray and start-at-login switches, which make the 通知 page (None: no
        page); ``channels``: its push channels."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self.parts = parts
        self.runner = runner
        self.notify_page = (
            NotifyPage(background, runner, policy=parts.settings.notify, channels=channels)
            if background is not None
            else None
        )
        self._build()
        self._load()
        self._connect_callbacks()
        self._fit_to_screen()
        self._check_keyring()

    def _build(self) -> None:
        self.app_key = QLineEdit(objectName="appKeyEdit")
        self.secret = QLineEdit(objectName="appSecretEdit")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.tier = QComboBox(objectName="tierCombo")
        for tier in Tier:
            spec = tier.spec
            self.tier.addItem(
                self.tr("%1（每天 %2 次，每秒 %3 次）")
                .replace("%1", core_text(spec.label))
                .replace("%2", f"{spec.daily_calls:,}")
                .replace("%3", str(spec.per_second)),
                tier.spec.name,
            )
        self.gateway = QLineEdit(objectName="gatewayEdit")
        self.gateway.setPlaceholderText(DEFAULT_GATEWAY)
        self.keyring_status = PlainLabel(objectName="keyringStatusLabel", wordWrap=True)
        credentials = QGroupBox(self.tr("调用凭据"))
        form = QFormLayout(credentials)
        form.addRow(PlainLabel(self.tr("app_key")), self.app_key)
        form.addRow(PlainLabel(self.tr("app_secret")), self.secret)
        form.addRow(PlainLabel(self.tr("权限等级")), self.tier)
        form.addRow(PlainLabel(self.tr("网关地址")), self.gateway)
        form.addRow(self.keyring_status)
        self.demo_note = PlainLabel(
            self.tr("演示模式使用内置沙盒网关和演示账号，这里的凭据不会被使用。"), wordWrap=True
        )
        self.demo_note.setVisible(self.parts.demo)
        form.addRow(self.demo_note)

        self.timeout = QDoubleSpinBox(
            objectName="timeoutSpin", suffix=self.tr(" 秒"), minimum=1, maximum=120, decimals=0
        )
        self.cache_spins: dict[str, QSpinBox] = {}
        behaviour = QGroupBox(self.tr("请求、缓存与关注检查"))
        behaviour_form = QFormLayout(behaviour)
        behaviour_form.addRow(PlainLabel(self.tr("请求超时")), self.timeout)
        for key, label, maximum in (
            ("onsale", self.tr("在售商品缓存"), 24 * 60),
            ("soldout", self.tr("已售商品缓存"), 7 * 24 * 60),
            ("offline", self.tr("下架商品缓存"), 30 * 24 * 60),
            ("no_data", self.tr("无数据缓存"), 24 * 60),
        ):
            spin = QSpinBox(objectName=f"cache_{key}Spin", suffix=self.tr(" 分钟"), minimum=1, maximum=maximum)
            self.cache_spins[key] = spin
            behaviour_form.addRow(PlainLabel(label), spin)
        self.watch_spins: dict[str, QSpinBox] = {}
        for key, label, maximum in (
            ("onsale", self.tr("在售商品检查间隔"), 24 * 60),
            ("soldout", self.tr("已售商品检查间隔"), 7 * 24 * 60),
            ("offline", self.tr("下架商品检查间隔"), 30 * 24 * 60),
        ):
            spin = QSpinBox(objectName=f"watch_{key}Spin", suffix=self.tr(" 分钟"), minimum=1, maximum=maximum)
            self.watch_spins[key] = spin
            behaviour_form.addRow(PlainLabel(label), spin)
        data_folder = PlainLabel(str(self.parts.profile.paths.data_dir), objectName="dataFolderLabel", wordWrap=True)
        behaviour_form.addRow(PlainLabel(self.tr("数据文件夹")), data_folder)

        self.language = QComboBox(objectName="languageCombo")
        for code in LANGUAGES:
            self.language.addItem(language_choice(code), code)
        self.language_note = PlainLabel(self.tr("界面语言在重启后生效。"), objectName="languageNote", wordWrap=True)
        self.language_note.hide()
        interface = QGroupBox(self.tr("界面"))
        interface_form = QFormLayout(interface)
        interface_form.addRow(PlainLabel(self.tr("界面语言")), self.language)
        interface_form.addRow(self.language_note)

        self.test_button = QPushButton(self.tr("测试连接"), objectName="testConnectionButton")
        self.test_result = PlainLabel(objectName="testResultLabel", wordWrap=True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("settingsButtons")
        self.error = PlainLabel(objectName="settingsError", wordWrap=True)
        self.error.setStyleSheet("color: #c0392b")
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(credentials)
        general_layout.addWidget(behaviour)
        general_layout.addWidget(interface)
        general_layout.addLayout(test_row)
        layout = QVBoxLayout(self)
        if self.notify_page is None:
            layout.addWidget(general)
        else:
            self.pages = QTabWidget(objectName="settingsPages")
            # Each page scrolls: the dialog never grows past a 1280×800 screen (its buttons stay on it).
            self.pages.addTab(_scrolling(general), self.tr("常规"))
            self.pages.addTab(_scrolling(self.notify_page), self.tr("通知"))
            layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _load(self) -> None:
        config = self.parts.config
        saved_key = config.app_key if config and not self.parts.demo else ""
        self.app_key.setText(saved_key)
        tier = config.tier if config else Tier.PERSONAL
        self.tier.setCurrentIndex(self.tier.findData(tier.spec.name))
        gateway = config.gateway_url if config and not self.parts.demo else ""
        self.gateway.setText("" if gateway == DEFAULT_GATEWAY else gateway)
        if config and config.app_secret and not self.parts.demo:
            self.secret.setPlaceholderText(self.tr("已保存（留空则保持不变）"))
        settings = self.parts.settings
        self.timeout.setValue(settings.timeout)
        for key, spin in self.cache_spins.items():
            spin.setValue(round(getattr(settings.cache, key) / 60))
        for key, spin in self.watch_spins.items():
            spin.setValue(round(getattr(settings.intervals, key) / 60))
        self.saved_language = saved_language(app_paths().config_dir)  # one for all profiles
        self.language.setCurrentIndex(self.language.findData(self.saved_language))

    def _connect_callbacks(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test_connection)
        self.language.currentIndexChanged.connect(
            lambda: self.language_note.setVisible(self.language.currentData() != self.saved_language)
        )

    def _check_keyring(self) -> None:
        credentials = self.parts.profile.credentials

        def work(report: Report, cancel: threading.Event) -> str:
            return describe_backend(credentials.backend())

        self.runner.run(
            work,
            on_done=lambda name: self._show_keyring(self.tr("密钥保存在：%1").replace("%1", core_text(name))),
            on_error=lambda exc: self._show_keyring(keyring_problem(exc)),
        )

    def _show_keyring(self, text: str) -> None:
        """The text arrives after the dialog was laid out: it grows to show all of it, never a cut line."""
        self.keyring_status.setText(text)
        layout = self.layout()
        if layout is None:  # set in __init__: without one there is nothing to fit
            return
        layout.activate()
        self.resize(self.size().expandedTo(self.sizeHint()))
        layout.activate()
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As tall as its pages need, never taller than the screen it opens on (less room for a title bar):
        beyond that the pages scroll and the buttons stay on the screen."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        layout = self.layout()
        if screen is None or layout is None:
            return
        layout.activate()
        room = screen.availableGeometry().height() - SCREEN_MARGIN
        self.resize(self.width(), min(max(self.height(), self.sizeHint().height()), room))

    def form(self) -> SettingsForm:
        """The dialog's values, checked; raises ConfigError with a plain message."""
        gateway = self.gateway.text().strip()
        if gateway:
            validate_gateway_url(gateway)
        app_key = self.app_key.text().strip()
        if not app_key and not self.parts.demo:
            raise ConfigError(self.tr("请填写 app_key"))
        cache = CachePolicy(**{key: spin.value() * 60.0 for key, spin in self.cache_spins.items()})
        every = {key: spin.value() * 60.0 for key, spin in self.watch_spins.items()}
        intervals = PollIntervals(every["onsale"], every["soldout"], every["offline"], gone=every["offline"])
        change = SettingsChange(
            app_key=app_key,
            secret=self.secret.text(),
            tier=Tier.parse(str(self.tier.currentData())),
            gateway=gateway or DEFAULT_GATEWAY,
            settings=AppSettings(
                timeout=self.timeout.value(),
                cache=cache,
                intervals=intervals,
                notify=self.notify_page.policy() if self.notify_page is not None else self.parts.settings.notify,
            ),
        )
        return SettingsForm(change, str(self.language.currentData()))

    def save(self) -> None:
        try:
            form = self.form()
        except ConfigError as exc:
            self.error.setText(str(exc))
            return
        parts = self.parts
        page = self.notify_page
        background = page.choice() if page is not None else None
        autostart_was = page.autostart_was if page is not None else None
        autostart = page.parts.autostart if page is not None else None

        def work(report: Report, cancel: threading.Event) -> object:
            parts.profile.save_settings(form.change, parts.config, demo=parts.demo)
            save_language(app_paths().config_dir, form.language)
            if autostart is not None and background is not None:
                apply_autostart(autostart, autostart_was, background)
            return parts.rebuild()

        if page is not None and background is not None:
            page.save_on_gui_thread(background)
        self.buttons.setEnabled(False)
        self.error.clear()
        self.runner.run(work, on_done=self._saved, on_error=self._save_failed)

    def _saved(self, session: object) -> None:
        self.saved.emit(session)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, KeyringUnavailable | ConfigError):
            self.error.setText(keyring_problem(exc))
            return
        if isinstance(exc, AutostartFailed):  # the other settings are saved; this one entry is not
            self.error.setText(self.tr("登录启动项没能保存：%1").replace("%1", str(exc)))
            return
        self.error.setText(user_error_text(exc) or self.tr("保存没有完成"))
        self.runner.fail(exc)

    def test_connection(self) -> None:
        try:
            form = self.form()
        except ConfigError as exc:
            self.test_result.setText(str(exc))
            return
        parts = self.parts

        def work(report: Report, cancel: threading.Event) -> GatewayFailure | None:
            return parts.profile.test_connection(form.change, parts.config, parts.http, demo=parts.demo)

        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("正在测试……"))
        self.runner.run(
            work,
            on_done=self._tested,
            on_error=self._test_failed,
            on_finished=lambda: self.test_button.setEnabled(True),
        )

    def _tested(self, failure: GatewayFailure | None) -> None:
        if failure is None:
            self.test_result.setText(self.tr("连接正常：网关接受了签名和时间戳。"))
        else:
            self.test_result.setText(failure.describe())

    def _test_failed(self, exc: BaseException) -> None:
        text = user_error_text(exc)
        self.test_result.setText(keyring_problem(exc) if text is not None else self.tr("测试没有完成"))
        if text is None:
            self.runner.fail(exc)
