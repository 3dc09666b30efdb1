"""The interface language: the seller's choice, kept in a small ini file beside window.ini (read before
anything else at start-up, so it must stay cheap: no store, no heavy imports), and the translators that
make the window speak it. Chinese is the source language: the code's strings are Chinese, so the
default needs no catalogue of ours; English comes from resources/i18n/*.qm: built by make translations in a
source checkout, built into the wheel by setup.py's build hook (whose build fails rather than leave it out)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from xianyu_desktop.core.storage.private_files import private_file, private_folder
from xianyu_desktop.resources import resource, resource_dir

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
SETTINGS_FILE = "ui.ini"
LANGUAGE_KEY = "ui/language"
CATALOGUE = "xianyu_desktop"  # resources/i18n/xianyu_desktop_<language>.qm
QT_SOURCE_LANGUAGE = "en"  # Qt's own strings (standard buttons, dialogs) need no catalogue in English
TRANSLATOR_PREFIX = "xianyu_desktop.i18n:"


def _settings(config_dir: Path) -> QSettings:
    return QSettings(str(config_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language(config_dir: Path) -> str:
    value = _settings(config_dir).value(LANGUAGE_KEY)
    if value is None:
        return DEFAULT_LANGUAGE
    if not isinstance(value, str) or value not in LANGUAGES:
        log.warning("%s: unknown language %r, using %s", config_dir / SETTINGS_FILE, value, DEFAULT_LANGUAGE)
        return DEFAULT_LANGUAGE
    return value


def save_language(config_dir: Path, language: str) -> None:
    """Raises ValueError for a language we have no catalogue for, OSError when the file cannot be written."""
    if language not in LANGUAGES:
        raise ValueError(_unknown(language))
    private_folder(config_dir)
    private_file(config_dir / SETTINGS_FILE)  # Qt keeps an existing file's mode when it rewrites it
    settings = _settings(config_dir)
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError(f"无法写入 {config_dir / SETTINGS_FILE}")


def resolve_language(cli_value: str | None, config_dir: Path) -> str:
    """The command line's choice wins over the saved one; an unknown value raises ValueError."""
    if cli_value is None:
        return saved_language(config_dir)
    if cli_value not in LANGUAGES:
        raise ValueError(_unknown(cli_value))
    return cli_value


def _unknown(language: str) -> str:
    choices = "、".join(f"{code}（{name}）" for code, name in LANGUAGES.items())
    return f"不支持的界面语言 {language!r}，可选：{choices}"


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install our catalogue and Qt's own for ``language`` (replacing any installed earlier). False when
    our catalogue is missing for a language other than the source one: the window then stays Chinese."""
    if language not in LANGUAGES:
        raise ValueError(_unknown(language))
    if _installed.language == language:
        return True
    remove_translators(app)
    if language != QT_SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not _install(app, f"qtbase_{language}", Path(qt_dir) / f"qtbase_{language}.qm"):
            log.info("no Qt translation qtbase_%s in %s: Qt's own buttons stay in English", language, qt_dir)
    name = f"{CATALOGUE}_{language}.qm"
    path = resource("i18n", name)
    if (path is not None and _install(app, CATALOGUE, path)) or language == DEFAULT_LANGUAGE:
        _installed.language = language  # for Chinese, the source strings already are the catalogue
        return True
    # Only a source checkout can lack the file (a wheel's build fails without it): make translations builds it.
    reason = "translation file missing: run make translations" if path is None else "translation file unreadable"
    log.warning("%s interface unavailable (%s in %s: %s)", LANGUAGES[language], name, resource_dir() / "i18n", reason)
    return False


def current_language() -> str:
    """The language install_translators put in (the source language until it has run)."""
    return _installed.language or DEFAULT_LANGUAGE


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall the translators install_translators put in (tests share one application)."""
    for translator in _installed.translators:
        app.removeTranslator(translator)
        translator.setParent(None)
    _installed.translators.clear()
    _installed.language = None


class _Installed:
    """What install_translators put in. Kept here rather than found with findChildren, which converts
    every child of the application to Python (~12 ms of the window's start-up)."""

    def __init__(self) -> None:
        self.language: str | None = None
        self.translators: list[QTranslator] = []


_installed = _Installed()


def _install(app: QCoreApplication, name: str, path: Path) -> bool:
    translator = QTranslator(app)  # parented: lives as long as the application
    translator.setObjectName(TRANSLATOR_PREFIX + name)
    if not translator.load(str(path)) or not app.installTranslator(translator):
        translator.setParent(None)
        return False
    _installed.translators.append(translator)
    return True
