"""The interface translations: the .ts sources in step with the code, the English one complete, the
catalogue lrelease builds used through the models and views, and the language setting.

The tests share one QApplication: every translator installed here is removed before the test ends."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from tools.update_translations import messages, qt_tool, run_lupdate, ts_file
from xianyu_desktop import i18n
from xianyu_desktop.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    install_translators,
    remove_translators,
    resolve_language,
    save_language,
    saved_language,
)
from xianyu_desktop.paths import app_paths
from xianyu_desktop.ui.results_model import ResultsModel
from xianyu_desktop.ui.watch_model import WatchModel, parse_edit
from xianyu_desktop.ui.watch_view import WatchView

H = Qt.Orientation.Horizontal
PLACEHOLDER = re.compile(r"%(?:\d+|[nvm])")


def headers(model: ResultsModel | WatchModel) -> list[str]:
    return [model.headerData(c, H) for c in range(model.columnCount())]


@pytest.fixture(scope="module")
def english_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built here from the .ts, so the tests never depend on make having run."""
    qm = tmp_path_factory.mktemp("qm") / "xianyu_desktop_en.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts_file("en")), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def english(qapp, english_qm: Path) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(english_qm))
    yield translator
    qapp.removeTranslator(translator)


def test_the_ts_files_hold_exactly_the_strings_in_the_code(tmp_path):
    for language in LANGUAGES:
        committed = ts_file(language)
        copy = tmp_path / committed.name
        shutil.copy(committed, copy)
        run_lupdate(copy, language)
        in_code = {(m.context, m.source) for m in messages(copy)}
        in_file = {(m.context, m.source) for m in messages(committed)}
        missing, stale = sorted(in_code - in_file), sorted(in_file - in_code)
        assert not missing and not stale, f"{committed.name} is out of date (run make ts): new {missing}, gone {stale}"


def test_every_english_message_is_translated_and_keeps_its_placeholders():
    found = messages(ts_file("en"))
    assert len(found) > 150
    problems = []
    for m in found:
        where = f"{m.context}: {m.source!r}"
        if not m.finished or not all(t.strip() for t in m.translations):
            problems.append(f"{where} is not translated")
        for text in m.translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(m.source)):
                problems.append(f"{where}: {text!r} changes the placeholders")
            if ("(&" in m.source) != ("&" in text):
                problems.append(f"{where}: {text!r} loses the accelerator")
    assert not problems, "\n".join(problems)


def test_the_chinese_catalogue_is_complete_and_equals_its_source():
    found = messages(ts_file(DEFAULT_LANGUAGE))
    assert {(m.context, m.source) for m in found} == {(m.context, m.source) for m in messages(ts_file("en"))}
    wrong = [m for m in found if not m.finished or set(m.translations) != {m.source}]
    assert not wrong, wrong


def test_the_compiled_catalogue_translates_the_windows_and_the_models(qapp, qtbot, english):
    results, watch = ResultsModel(), WatchModel()  # built before the translator, as at start-up in tests
    assert headers(results)[0] == "商品ID"
    qapp.installTranslator(english)
    assert QCoreApplication.translate("MainWindow", "查询") == "Lookup"
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    assert QCoreApplication.translate("SettingsDialog", "界面语言") == "Language"
    assert QCoreApplication.translate("CrashHandler", "错误报告：%1").replace("%1", "x.log") == "Error report: x.log"
    assert QCoreApplication.translate("LookupTab", "识别到 %n 个商品 ID", "", 1) == "Found 1 item ID"
    assert QCoreApplication.translate("LookupTab", "识别到 %n 个商品 ID", "", 3) == "Found 3 item IDs"
    assert headers(results)[:3] == ["Item ID", "Title", "Price"] and headers(results)[-1] == "Source"
    assert {"Previous price", "Drop alert", "Next check", "Note"} <= set(headers(watch))
    with pytest.raises(ValueError, match="Please enter a number"):
        parse_edit("target", "abc")
    view = WatchView()  # a view's own strings, in a subclassed widget's context
    qtbot.addWidget(view)
    assert view.check_now.text() == "Check now" and view.pause.text() == "Pause scheduled checks"
    qapp.removeTranslator(english)
    assert headers(results)[0] == "商品ID"


def test_install_translators_uses_the_catalogue_and_says_when_it_is_missing(qapp, english_qm, monkeypatch, caplog):
    monkeypatch.setattr(i18n, "resource", lambda *parts: english_qm if parts[-1] == english_qm.name else None)
    try:
        assert install_translators(qapp, "en")
        assert QCoreApplication.translate("WatchView", "立即检查") == "Check now"
        assert install_translators(qapp, DEFAULT_LANGUAGE)  # replaces the English one; Chinese needs no file
        assert QCoreApplication.translate("WatchView", "立即检查") == "立即检查"
        monkeypatch.setattr(i18n, "resource", lambda *parts: None)
        with caplog.at_level(logging.WARNING, logger="xianyu_desktop.i18n"):
            assert not install_translators(qapp, "en")
        assert "run make translations" in caplog.text
        assert QCoreApplication.translate("WatchView", "立即检查") == "立即检查"
    finally:
        remove_translators(qapp)
    assert not [t for t in qapp.findChildren(QTranslator) if t.objectName().startswith(i18n.TRANSLATOR_PREFIX)]


def test_the_language_choice_round_trips_and_the_command_line_wins(tmp_path):
    config = tmp_path / "config"
    assert saved_language(config) == DEFAULT_LANGUAGE and not (config / "ui.ini").exists()
    save_language(config, "en")
    assert saved_language(config) == "en"
    assert resolve_language(None, config) == "en"
    assert resolve_language("zh_CN", config) == "zh_CN"
    with pytest.raises(ValueError, match=r"'fr'.*zh_CN.*en"):
        resolve_language("fr", config)
    with pytest.raises(ValueError, match="'fr'"):
        save_language(config, "fr")
    (config / "ui.ini").write_text("[ui]\nlanguage=klingon\n", encoding="utf-8")
    assert saved_language(config) == DEFAULT_LANGUAGE


def test_the_settings_dialog_saves_the_language_for_the_next_start(qtbot, demo_window):
    dialog = demo_window.open_settings()
    combo = dialog.findChild(QComboBox, "languageCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == list(LANGUAGES)
    assert combo.currentData() == DEFAULT_LANGUAGE and dialog.language_note.isHidden()
    combo.setCurrentIndex(combo.findData("en"))
    assert not dialog.language_note.isHidden() and "重启后生效" in dialog.language_note.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert saved_language(app_paths().config_dir) == "en"
    reopened = demo_window.open_settings()
    assert reopened.language.currentData() == "en" and reopened.language_note.isHidden()
    assert reopened.language.currentText() == "English（英语）"  # its own name, then in the interface language
    reopened.reject()


def test_lang_en_opens_the_main_window_in_english(qapp, qtbot, open_window, english_qm, monkeypatch):
    monkeypatch.setattr(i18n, "resource", lambda *parts: english_qm if parts[-1] == english_qm.name else None)
    window = open_window("--demo", "--lang", "en", "--sandbox-latency-ms", "10")
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Lookup", "Search", "Watchlist", "Market", "Export"]
    assert window.windowTitle().endswith("(Demo mode)")
    assert window.lookup_tab.fetch_button.text() != "查询"
    assert window.menuBar().actions()[0].text() == "&File"


def test_an_unknown_lang_is_refused_in_plain_words(open_window):
    with pytest.raises(ValueError, match="不支持的界面语言 'fr'"):
        open_window("--demo", "--lang", "fr")


def test_the_cores_labels_reach_the_english_window(qapp, english):
    """Statuses, conditions, error kinds and remedies, tier names: marked in the core, translated where shown."""
    from xianyu_desktop.core.errors import REMEDIES, ErrorKind
    from xianyu_desktop.core.gateway.limits import Tier
    from xianyu_desktop.core.items.item import CONDITION_LABELS
    from xianyu_desktop.core.items.status import STATUS_LABELS, UNKNOWN_LABEL, ItemStatus, status_label
    from xianyu_desktop.ui.formatting import core_text

    labels = [*CONDITION_LABELS.values(), *STATUS_LABELS.values(), UNKNOWN_LABEL, status_label(ItemStatus.GONE)]
    labels += [kind.label for kind in ErrorKind] + list(REMEDIES.values()) + [tier.spec.label for tier in Tier]
    qapp.installTranslator(english)
    try:
        untranslated = [label for label in labels if core_text(label) == label]
        assert not untranslated, f"core labels missing from the English catalogue (run make ts): {untranslated}"
        assert core_text(STATUS_LABELS["soldout"]) == "Sold" and core_text(Tier.BASIC.spec.label) == "Business basic"
    finally:
        qapp.removeTranslator(english)
    assert core_text(STATUS_LABELS["soldout"]) == "已售"


def test_the_english_window_has_no_chinese_left_in_its_own_text(qapp, qtbot, open_window, english_qm, monkeypatch):
    """Every label, button, menu, tab, header and list entry the window itself writes (item data aside)."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QHeaderView, QLabel, QListWidget, QMenu, QTabBar

    monkeypatch.setattr(i18n, "resource", lambda *parts: english_qm if parts[-1] == english_qm.name else None)
    window = open_window("--demo", "--lang", "en", "--sandbox-latency-ms", "10")
    qtbot.waitUntil(lambda: window.watch_tab.plan.text() != "", timeout=5_000)  # the plan, from the core
    assert window.watch_tab.plan.text() == "The watchlist is empty"
    cjk = re.compile(r"[\u4e00-\u9fff]")
    found = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton) + window.findChildren(QGroupBox):
        text = widget.text() if not isinstance(widget, QGroupBox) else widget.title()
        if cjk.search(text):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    for bar in window.findChildren(QTabBar):
        found += [f"tab {bar.tabText(i)!r}" for i in range(bar.count()) if cjk.search(bar.tabText(i))]
    for menu in window.findChildren(QMenu):
        found += [f"menu {a.text()!r}" for a in [menu.menuAction(), *menu.actions()] if cjk.search(a.text())]
    for header in window.findChildren(QHeaderView):
        model = header.model()
        if model is not None and header.orientation() == Qt.Orientation.Horizontal:
            texts = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
            found += [f"header {t!r}" for t in texts if cjk.search(t)]
    for listing in window.findChildren(QListWidget):
        texts = [listing.item(i).text() for i in range(listing.count())]
        found += [f"list {listing.objectName()!r}: {t!r}" for t in texts if cjk.search(t)]
    assert not found, "\n".join(found)


def test_the_watch_plan_is_described_in_the_interface_language(qapp, english):
    from xianyu_desktop.core.watch.plan import make_plan
    from xianyu_desktop.ui.formatting import core_text

    fits = make_plan({"onsale": 3}, remaining_today=10_000, daily_limit=10_000, seconds_to_reset=3600, per_second=5)
    tight = make_plan({"onsale": 50}, remaining_today=5_000, daily_limit=10_000, seconds_to_reset=36_000, per_second=5)
    chinese = fits.describe(core_text)
    qapp.installTranslator(english)
    try:
        assert fits.describe(core_text) == "3 items; items on sale are checked about every 5 min, within today's quota"
        assert "slowed" in tight.describe(core_text) and not re.search(r"[\u4e00-\u9fff]", tight.describe(core_text))
    finally:
        qapp.removeTranslator(english)
    assert chinese == fits.describe() == "3 个商品，在售商品约每 5 分钟检查一次，在今日额度之内"


def undercut_report(store, item_id: str) -> None:
    """One comparison of the item as my listing (¥800) whose market holds a competitor at ¥700: an undercut."""
    from decimal import Decimal

    from xianyu_desktop.core.gateway.limits import Tier
    from xianyu_desktop.core.items.item import Item
    from xianyu_desktop.core.market.comparison import compare
    from xianyu_desktop.core.market.completion import Completion
    from xianyu_desktop.core.market.filtering import Candidate
    from xianyu_desktop.core.market.gather import MarketPlan
    from xianyu_desktop.core.market.service import MarketReport
    from xianyu_desktop.core.market.vocabulary import load_vocabulary
    from xianyu_desktop.core.watch.mine import MyListings

    title = "iPhone 14 Pro 256G"
    me = Candidate(item_id, title, Decimal(800), "like_new", "me", "me", "onsale")
    prices = (700, 740, 760, 790, 850, 900)  # only 700 is 10% under ¥800, and inside the Tukey fences
    names = {p: f"{title} 对手" if p == 700 else title for p in prices}
    others = [
        Candidate(f"10000000000{n:02}", names[p], Decimal(p), "like_new", f"s{n}", f"s{n}", "onsale")
        for n, p in enumerate(prices)
    ]
    comparison = compare(me, others, load_vocabulary())
    item = Item(item_id, title=title, price=Decimal(800), status="onsale", seller_id="me")
    plan = MarketPlan(10, Tier.BASIC.spec, 0, 0, 0, 0, 100)
    MyListings(store).set_mine(item_id, True)
    MyListings(store).record(MarketReport(item, {}, comparison, 0, plan, Completion()), 4000.0, 5000.0)


def test_english_alerts_of_every_kind_tell_the_target_and_the_last_price(qapp, english_qm, monkeypatch, tmp_path):
    """Alerts raised by the watch rules and read back from the store: each kind in English, complete."""
    from decimal import Decimal

    from xianyu_desktop.core.gateway.search import Listing
    from xianyu_desktop.core.notify.rotation import DAY, KeyRotation
    from xianyu_desktop.core.storage.store import Store
    from xianyu_desktop.core.watch.alerts import AlertKind
    from xianyu_desktop.core.watch.rules import Observation, observe
    from xianyu_desktop.core.watch.saved_searches import RoundOutcome, SavedSearches, saved_query
    from xianyu_desktop.core.watch.watchlist import Watchlist
    from xianyu_desktop.ui.formatting import alert_text

    item_id = "612345678901234567"
    store = Store(tmp_path).open()
    watchlist = Watchlist(store)
    watchlist.add([item_id])
    watchlist.update_rules(item_id, target_price=Decimal("800"), alert_on_rise=True)
    polls = [("onsale", "1000"), ("onsale", "850"), ("onsale", "950"), ("onsale", "780"), ("soldout", None)]
    polls += [("onsale", "790"), ("offline", None), ("gone", None)]
    for step, (status, price) in enumerate(polls):
        state = watchlist.get(item_id)
        assert state is not None
        seen = Observation(1000.0 + step, status, None if price is None else Decimal(price), "相机")
        watchlist.record(observe(state, seen), 2000.0 + step)
    searches = SavedSearches(store)
    saved = searches.add(saved_query("相机", "5000"), now=1000.0)
    searches.record_round(saved.id, RoundOutcome((), 0, 1000.0), 0)
    listing = Listing("1000000000001", "相机 50mm", Decimal("4500"))
    searches.record_round(saved.id, RoundOutcome((listing,), 1, 3000.0), 0)
    undercut_report(store, item_id)
    store.set_settings({"credentials.app_key": "my-key", "credentials.secret_set_at": "0"})
    KeyRotation(store, lambda: 91 * DAY).check()
    alerts = {alert.kind: alert for alert in watchlist.alerts()}
    store.close(backup=False)
    assert set(alerts) == set(AlertKind)
    assert alerts[AlertKind.NEW_LISTING].message == "关键词「相机」有新发布：「相机 50mm」，¥4,500.00"
    unpriced = (AlertKind.NEW_LISTING, AlertKind.UNDERCUT, AlertKind.KEY_ROTATION)
    assert all(alert.target_price == Decimal("800") for k, alert in alerts.items() if k not in unpriced)
    monkeypatch.setattr(i18n, "resource", lambda *parts: english_qm if parts[-1] == english_qm.name else None)
    try:
        assert install_translators(qapp, "en")
        english = {kind: alert_text(alert, "Camera") for kind, alert in alerts.items()}
    finally:
        install_translators(qapp, DEFAULT_LANGUAGE)
    assert english == {
        AlertKind.PRICE_DROP: "Camera: price down 15.0%: ¥1,000.00 → ¥850.00",
        AlertKind.PRICE_RISE: "Camera: price up 11.8%: ¥850.00 → ¥950.00",
        AlertKind.TARGET_REACHED: "Camera reached your target price of ¥800.00: now ¥780.00 (was ¥950.00, down 17.9%)",
        AlertKind.SOLD: "Camera was sold (last price ¥780.00)",
        AlertKind.BACK_ON_SALE: "Camera is back on sale at ¥790.00",
        AlertKind.OFFLINE: "Camera was taken down",
        AlertKind.GONE: "Camera was deleted or is no longer visible (the gateway returns no data for it)",
        AlertKind.NEW_LISTING: "New listing for “相机”: 相机 50mm, ¥4,500.00",  # the seller's words, the title as is
        AlertKind.UNDERCUT: (
            "Camera undercut by a same-product listing: iPhone 14 Pro 256G 对手 asks ¥700.00, 12.5% below your ¥800.00"
        ),
        AlertKind.KEY_ROTATION: "The app_secret is 91 days old: time to rotate the key (every 3 months)",
    }
    assert alerts[AlertKind.SOLD].message == "「相机」 已售出（最后价格 ¥780.00）"  # the stored Chinese, as before


def test_alerts_read_in_the_interface_language(qapp, english_qm, monkeypatch):
    """Chinese shows the sentence stored when the change was seen; English builds one from the alert."""
    from xianyu_desktop.core.watch.rules import AlertKind
    from xianyu_desktop.core.watch.watchlist import Alert
    from xianyu_desktop.ui.formatting import alert_text

    drop = Alert(
        1, "698765432109876543", 0.0, AlertKind.PRICE_DROP, "100", "85", "相机 降价 15.0%：¥100.00 → ¥85.00", False
    )
    rise = Alert(2, "698765432109876543", 0.0, AlertKind.PRICE_RISE, "100", "120", "相机 涨价 20.0%", False)
    sold = Alert(3, "698765432109876543", 0.0, AlertKind.SOLD, "在售", "已售", "相机 已售出（最后价格 ¥85.00）", False)
    install_translators(qapp, DEFAULT_LANGUAGE)
    assert alert_text(drop, "相机") == drop.message
    monkeypatch.setattr(i18n, "resource", lambda *parts: english_qm if parts[-1] == english_qm.name else None)
    try:
        assert install_translators(qapp, "en")
        assert alert_text(drop, "Camera %2") == "Camera %2: price down 15.0%: ¥100.00 → ¥85.00"
        assert alert_text(rise, "Camera") == "Camera: price up 20.0%: ¥100.00 → ¥120.00"
        assert alert_text(sold, None) == "698765432109876543 was sold"
    finally:
        install_translators(qapp, DEFAULT_LANGUAGE)


def test_what_a_comparison_leaves_out_and_its_notes_are_worded_in_english(qapp, english):
    """The market's plan and notes are kept as marked sentences with their values, so the 行情 tab words
    them in the interface language (the command line keeps the Chinese)."""
    import re as _re

    from xianyu_desktop.core.gateway.limits import Tier
    from xianyu_desktop.core.texts import QT_TRANSLATE_NOOP, Said
    from xianyu_desktop.ui.formatting import core_text

    left_out = Said(
        QT_TRANSLATE_NOOP("core", "网关的同款列表 same_items（需要企业高级权限，现在是%1）"),
        (Said(Tier.BASIC.spec.label),),
    )
    note = Said(QT_TRANSLATE_NOOP("core", "成交记录只查了 %1 件同款（共 %2 件）：调用上限用完"), ("7", "129"))
    assert "企业基础" in str(left_out) and str(note) == "成交记录只查了 7 件同款（共 129 件）：调用上限用完"
    qapp.installTranslator(english)
    english_text = left_out.text(core_text) + note.text(core_text)
    qapp.removeTranslator(english)
    assert not _re.search(r"[\u4e00-\u9fff]", english_text), english_text
    assert "Business basic" in english_text and "7" in english_text and "129" in english_text
