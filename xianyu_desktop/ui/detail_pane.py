"""The selected item in full: pictures, every field (as plain text: sellers write them), the
description as bounded safe rich text, cleaned off the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xianyu_desktop.core.gateway.client import FetchResult
from xianyu_desktop.core.items.item import Item, ItemDataError, parse_money
from xianyu_desktop.core.items.sanitize import CleanDescription, clean_description
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.description_view import DescriptionView
from xianyu_desktop.ui.formatting import core_text
from xianyu_desktop.ui.images import ImageLoader
from xianyu_desktop.ui.plain import PlainLabel, SelectableLabel
from xianyu_desktop.ui.tasks import Report, Task, TaskRunner

IMAGE_SIZE = 260
THUMB_SIZE = 56
THUMB_ICON = THUMB_SIZE - 6
THUMBS = 6  # pictures offered below the big one
DESCRIPTION_PICTURE = (240, 4096)  # sanitize.py shows a description's pictures 240 px wide
MARKET_ROWS = 10  # same_items and trade_record lines shown


def _joined(*texts: str) -> str:
    return "　".join(t for t in texts if t)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _price(value: object) -> str:
    try:
        return formatting.money(parse_money(value, "price"))
    except ItemDataError:
        return ""


def _sold_at(value: object) -> str:
    """trade_record's time: epoch milliseconds."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    try:
        return formatting.when_epoch(value / 1000)
    except (OverflowError, OSError, ValueError):
        return ""


class DetailPane(QWidget):
    """View only: shows what it is given and asks the loader for pictures."""

    open_in_browser = Signal(str)
    copy_id = Signal(str)
    copy_link = Signal(str)
    view_market = Signal(str)  # 查看行情

    def __init__(self, images: ImageLoader, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.images = images
        self.runner = runner
        self._item: Item | None = None
        self._item_id: str | None = None
        self._current_picture = ""
        self._cleaning: Task[CleanDescription] | None = None
        self._generation = 0
        self._pending: FetchResult | None = None
        self._pending_part = 0
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self._show_next_part)
        self._build()
        images.scaled.connect(self._picture_scaled)
        self.show_result(None)

    def _build(self) -> None:
        self.picture = PlainLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setObjectName("detailPicture")
        self.picture.setFixedSize(IMAGE_SIZE, IMAGE_SIZE)
        self.thumbs = QHBoxLayout()
        self.thumbs.setSpacing(4)
        # Built once and reused: creating six buttons (and their connections) per selection was a third
        # of the time a selection held the GUI thread.
        self.thumb_buttons: list[QToolButton] = []
        for _ in range(THUMBS):
            button = QToolButton()
            button.setFixedSize(THUMB_SIZE, THUMB_SIZE)
            button.setIconSize(QSize(THUMB_ICON, THUMB_ICON))
            button.clicked.connect(lambda _=False, b=button: self._show_picture(str(b.property("imageUrl") or "")))
            button.hide()
            self.thumbs.addWidget(button)
            self.thumb_buttons.append(button)
        self.thumbs.addStretch(1)
        self.title = SelectableLabel(wordWrap=True)
        self.title.setObjectName("detailTitle")
        self.price = PlainLabel()
        self.price.setObjectName("detailPrice")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, PlainLabel] = {}
        for key, label in (
            ("original_price", self.tr("原价")),
            ("condition", self.tr("成色")),
            ("status", self.tr("状态")),
            ("category", self.tr("类目")),
            ("location", self.tr("所在地")),
            ("logistics", self.tr("物流")),
            ("valid_time", self.tr("上架时间")),
            ("guarantee", self.tr("保障服务")),
            ("sales", self.tr("已售数量")),
            ("seller", self.tr("卖家")),
            ("seller_level", self.tr("卖家等级")),
            ("seller_score", self.tr("好评率")),
            ("seller_location", self.tr("卖家所在地")),
            ("params", self.tr("规格参数")),
            ("fetched", self.tr("获取时间")),
        ):
            value = SelectableLabel(wordWrap=True)
            self.fields[key] = value
            self.form.addRow(PlainLabel(label), value)
        self.same_items = SelectableLabel(wordWrap=True, objectName="detailSameItems")
        self.trade_record = SelectableLabel(wordWrap=True, objectName="detailTradeRecord")
        for rows in (self.same_items, self.trade_record):
            rows.hide()
        self.description = DescriptionView()
        self.description.setObjectName("detailDescription")
        self.description.setMinimumHeight(120)

        self.open_button = QPushButton(self.tr("在浏览器打开"), objectName="openInBrowserButton")
        self.copy_id_button = QPushButton(self.tr("复制 ID"), objectName="copyIdButton")
        self.copy_link_button = QPushButton(self.tr("复制链接"), objectName="copyLinkButton")
        self.market_button = QPushButton(self.tr("查看行情"), objectName="detailMarketButton")
        self.market_button.setToolTip(self.tr("在“行情”页和同款比价"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.copy_id_button, self.copy_link_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.open_button.clicked.connect(lambda: self._send_item(self.open_in_browser))
        self.copy_id_button.clicked.connect(lambda: self._send_item(self.copy_id))
        self.copy_link_button.clicked.connect(lambda: self._send_item(self.copy_link))
        self.market_button.clicked.connect(lambda: self._send_item(self.view_market))

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.picture, alignment=Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(self.thumbs)
        column.addWidget(self.title)
        price_row = QHBoxLayout()  # beside the price, not in the button row: the pane gets no wider
        price_row.addWidget(self.price, 1)
        price_row.addWidget(self.market_button)
        column.addLayout(price_row)
        column.addLayout(buttons)
        column.addLayout(self.form)
        column.addWidget(self.same_items)
        column.addWidget(self.trade_record)
        column.addWidget(self.description, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- showing ---------------------------------------------------------------------------------
    def _send_item(self, signal: SignalInstance) -> None:
        if self._item_id:
            signal.emit(self._item_id)

    def show_result(self, result: FetchResult | None) -> None:
        self._soon.stop()
        self._show_head(result)
        self._show_body(result)

    def show_soon(self, result: FetchResult | None) -> None:
        """``show_result`` spread over the next turns of the event loop: the head (title, price, pictures)
        in one, the fields, market rows and description in the next, each with its own layout and paint.
        A selection in the 查询 table filled the whole pane in one go: 11–16 ms of the GUI thread the
        first time, past a frame. A newer call replaces what is still pending."""
        self._pending = result
        self._pending_part = 0
        self._soon.start()

    def _show_next_part(self) -> None:
        result = self._pending
        if self._pending_part == 0:
            self._show_head(result)
            self._pending_part = 1
            self._soon.start()
        else:
            self._pending = None
            self._show_body(result)

    def _show_head(self, result: FetchResult | None) -> None:
        item = result.item if result is not None else None
        self._item = item
        self._item_id = result.item_id if result is not None else None
        for button in (self.open_button, self.copy_id_button, self.copy_link_button, self.market_button):
            button.setEnabled(result is not None)
        self._current_picture = ""
        self.picture.clear()
        if result is None:
            self._set_thumbs([])
            self.title.setText(self.tr("选择一行查看商品详情"))
            self.price.clear()
        elif item is None:
            assert result.failure is not None
            self._set_thumbs([])
            self.title.setText(f"{result.item_id}\n{core_text(result.failure.kind.label)}：{result.failure.message}")
            self.price.setText(core_text(result.failure.remedy))
        else:
            self.title.setText(item.title or "")
            self.price.setText(formatting.money(item.price))
            pictures = list(dict.fromkeys([u for u in (item.pic_url, *item.item_imgs) if u]))
            self._set_thumbs(pictures[:THUMBS])
            if pictures:
                self._show_picture(pictures[0])

    def _show_body(self, result: FetchResult | None) -> None:
        item = result.item if result is not None else None
        self._stop_cleaning()
        self._show_market_rows(item)
        if result is None or item is None:
            for label in self.fields.values():
                label.clear()
            self.description.show_text("")
            return
        values = {
            "original_price": formatting.money(item.original_price) or self.tr("无"),
            "condition": core_text(item.condition_label or ""),
            "status": core_text(item.status_label or ""),
            "category": item.category or "",
            "location": item.location or "",
            "logistics": item.logistics or "",
            "valid_time": formatting.when(item.valid_time),
            "guarantee": "、".join(item.guarantee),
            "sales": "" if item.sales is None else str(item.sales),
            "seller": item.seller_nick or "",
            "seller_level": item.seller_level or "",
            "seller_score": formatting.percent(item.seller_score),
            "seller_location": item.seller_location or "",
            "params": "；".join(f"{k}：{v}" for k, v in item.params.items()),
            "fetched": formatting.when_epoch(result.fetched_at) + (self.tr("（缓存）") if result.from_cache else ""),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        pictures = list(dict.fromkeys([u for u in (item.pic_url, *item.item_imgs) if u]))
        self._clean_description(item.desc, pictures)

    def _show_market_rows(self, item: Item | None) -> None:
        """The gateway's same_items (title, price, seller) and this listing's trade_record (time, price),
        when the answer has them: plain text, a few lines each."""
        same = item.same_items if item is not None else ()
        sales = item.trade_record if item is not None else ()
        lines = [self.tr("同款（网关）：%n 件", "", len(same))]
        lines += [_joined(_text(r.get("title")), _price(r.get("price")), _text(r.get("seller_nick")))
                  for r in same[:MARKET_ROWS]]  # fmt: skip
        self._rows_text(self.same_items, lines, len(same))
        lines = [self.tr("成交记录：%n 条", "", len(sales))]
        lines += [_joined(_sold_at(r.get("time")), _price(r.get("price"))) for r in sales[:MARKET_ROWS]]
        self._rows_text(self.trade_record, lines, len(sales))

    def _rows_text(self, label: PlainLabel, lines: list[str], count: int) -> None:
        if count > MARKET_ROWS:
            lines.append(self.tr("……另有 %n 条", "", count - MARKET_ROWS))
        label.setText("\n".join(lines))
        label.setVisible(count > 0)

    # --- the description -----------------------------------------------------------------------------
    def _clean_description(self, text: str | None, pictures: list[str]) -> None:
        """Cleaned on the pool: a 10 MB description must not freeze the window (core/items/sanitize.py)."""
        self.description.show_text(self.tr("正在整理商品描述……") if text else "")
        if not text:
            return
        self._generation += 1
        generation = self._generation

        def work(report: Report, cancel: threading.Event) -> CleanDescription:
            return clean_description(text, pictures, cancel)

        self._cleaning = self.runner.run(
            work,
            on_done=lambda clean: self._description_cleaned(generation, clean),
            on_error=lambda exc: self._description_failed(generation),
        )

    def _stop_cleaning(self) -> None:
        self._generation += 1
        if self._cleaning is not None:
            self._cleaning.cancel()
            self._cleaning = None

    def _description_cleaned(self, generation: int, clean: CleanDescription) -> None:
        if generation != self._generation:
            return  # another item was selected meanwhile
        self._cleaning = None
        self.description.show_description(clean, self.tr("内容过长，已截断") if clean.truncated else "")
        for url in clean.pictures:
            self.images.request_scaled(url, *DESCRIPTION_PICTURE)

    def _description_failed(self, generation: int) -> None:
        if generation == self._generation:
            self._cleaning = None
            self.description.show_text(self.tr("无法显示商品描述"))

    def _show_picture(self, url: str) -> None:
        self._current_picture = url
        self.images.request_scaled(url, IMAGE_SIZE, IMAGE_SIZE)

    def _set_thumbs(self, urls: list[str]) -> None:
        """The buttons below the big picture, one per url; a button is shown or hidden only when the
        count changes (each show or hide costs the GUI thread a layout pass)."""
        for index, button in enumerate(self.thumb_buttons):
            url = urls[index] if index < len(urls) else ""
            button.setProperty("imageUrl", url)
            button.setIcon(QIcon())
            if button.isHidden() == bool(url):
                button.setVisible(bool(url))
            if url:
                self.images.request_scaled(url, THUMB_ICON, THUMB_ICON)

    def _picture_scaled(self, url: str, width: int, height: int, image: QImage) -> None:
        """A picture fitted off the GUI thread (ImageLoader.request_scaled): only a pixmap is made here."""
        if self._item is None:
            return
        if (width, height) == (IMAGE_SIZE, IMAGE_SIZE) and url == self._current_picture:
            self.picture.setPixmap(QPixmap.fromImage(image))
        elif (width, height) == (THUMB_ICON, THUMB_ICON):
            for button in self.thumb_buttons:
                if button.isVisibleTo(self) and button.property("imageUrl") == url:
                    button.setIcon(QPixmap.fromImage(image))
        elif (width, height) == DESCRIPTION_PICTURE:
            self.description.picture_loaded(url, image)
