"""Text shown as written, never as Qt rich text.

Titles, nicknames, descriptions, pasted text and the gateway's error messages come from strangers. A
QLabel, a QMessageBox and a tooltip guess (Qt::mightBeRichText) and render anything that looks like
markup as HTML, so a title holding ``<img src="file:///etc/hostname">`` made Qt open that file, and one
naming ``//host/share/x.png`` a Windows share. Every label and message box of the app is made here,
with the format fixed to plain text; tooltips go through ``formatting.plain_tooltip``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class PlainLabel(QLabel):
    """A QLabel that shows its text literally (the same keyword arguments as QLabel)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)  # before any text: nothing is ever parsed as HTML
        self.setText(text)


class SelectableLabel(PlainLabel):
    """A PlainLabel whose text the seller selects with the mouse and copies, as with TextSelectableByMouse.

    Qt gives such a label a text document of its own and lays it out again on every ``setText``: the detail
    pane's 18 selectable labels took the GUI thread 11–14 ms per selection, against 5–7 ms for plain ones
    (first show, busy workers). So the document is made when the mouse comes over the label, and new text
    set while the mouse is elsewhere drops it: a selection lasts until the label shows something else."""

    def enterEvent(self, event: QEnterEvent) -> None:
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)

    def setText(self, text: str) -> None:
        if not self.underMouse() and self.textInteractionFlags() != Qt.TextInteractionFlag.NoTextInteraction:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        super().setText(text)


def make_plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None = None, informative: str = ""
) -> QMessageBox:
    """A message box (not yet shown) whose text and informative text are plain."""
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_message(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
    """What QMessageBox.warning/critical/information do (modal), with the text plain."""
    plain_message_box(icon, title, text, parent).exec()
