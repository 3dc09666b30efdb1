"""Marks on the core's fixed labels (item statuses and conditions, error kinds and their remedies, tier
names) so the window can show them in the seller's language. ``pyside6-lupdate`` finds calls by the
name ``QT_TRANSLATE_NOOP``, so this is a function of that name that returns its text unchanged: the
core stays free of Qt and keeps speaking Chinese (command line, logs, exports), and the window looks
each label up with ``QCoreApplication.translate(CONTEXT, label)`` when it shows it.
"""

from __future__ import annotations

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
