"""The item description box: cleaned rich text whose pictures come only from the app's image loader.

Qt's text document loads what an ``<img src>`` names by itself: a local file, ``qrc:``, ``data:``, a
Windows share (an SMB connection that leaks the user's credential hash). When its own ``loadResource``
gives nothing, Qt's image handler even tries the name as a file path. So the document here answers
every resource request itself: a picture the loader delivered under its opaque name (``picture:0``,
core/items/sanitize.py), else an empty placeholder, never anything from the disk or the network."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from xianyu_desktop.core.items.sanitize import CleanDescription, picture_name


class PictureOnlyDocument(QTextDocument):
    """A text document that loads no resource by itself: pictures are handed to it by name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pictures: dict[str, QImage] = {}
        self.requested: set[str] = set()  # every resource Qt asked for: what a test inspects
        self._blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._blank.fill(0)

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        key = (name if isinstance(name, QUrl) else QUrl(name)).toString()
        self.requested.add(key)
        if type == QTextDocument.ResourceType.ImageResource:
            return self.pictures.get(key, self._blank)  # never null: Qt would then open the name itself
        return None

    def set_picture(self, name: str, image: QImage) -> None:
        self.pictures[name] = image
        self.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.markContentsDirty(0, self.characterCount())

    def reset(self) -> None:
        """Empty, with no picture of the item shown before (clear() also drops added resources)."""
        self.clear()
        self.pictures.clear()
        self.requested.clear()


class DescriptionView(QTextBrowser):
    """Shows a CleanDescription; follows no link and opens nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.safe_document = PictureOnlyDocument(self)
        self.setDocument(self.safe_document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.pictures: tuple[str, ...] = ()

    def show_description(self, clean: CleanDescription, notice: str = "") -> None:
        """``notice`` (plain text, e.g. that it was cut short) is added at the end in italics."""
        self.safe_document.reset()
        self.pictures = clean.pictures
        notice_html = f"<p><i>{escape(notice, quote=False)}</i></p>" if notice else ""
        self.setHtml(clean.html + notice_html)

    def show_text(self, text: str) -> None:
        self.safe_document.reset()
        self.pictures = ()
        self.setPlainText(text)

    def picture_loaded(self, url: str, image: QImage) -> None:
        if url in self.pictures:
            self.safe_document.set_picture(picture_name(self.pictures.index(url)), image)

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        return self.safe_document.loadResource(type, name)
