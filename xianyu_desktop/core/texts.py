"""Marks on the core's fixed labels (item statuses and conditions, error kinds and their remedies, tier
names) so the window can show them in the seller's language. ``pyside6-lupdate`` finds calls by the
name ``QT_TRANSLATE_NOOP``, so this is a function of that name that returns its text unchanged: the
core stays free of Qt and keeps speaking Chinese (command line, logs, exports), and the window looks
each label up with ``QCoreApplication.translate(CONTEXT, label)`` when it shows it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: str) -> str:
    """Qt's ``%1``, ``%2`` … filled in one pass, so a stranger's text that holds ``%2`` stays as written
    (chained ``str.replace`` calls would fill it too); a placeholder with no value is left as it is."""
    return _PLACEHOLDER.sub(
        lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else m.group(), template
    )


@dataclass(frozen=True, slots=True)
class Said:
    """A sentence the core says with values in it, kept as its marked template and the values, so each
    interface words it in its own language: ``str()`` is the Chinese (command line, logs, exports),
    ``text(translate)`` the window's. A value may be a ``Said`` too (a tier's name)."""

    template: str
    values: tuple[str | Said, ...] = ()

    def text(self, translate: Callable[[str], str] = str) -> str:
        words = [v.text(translate) if isinstance(v, Said) else v for v in self.values]
        return fill(translate(self.template), *words)

    def __str__(self) -> str:
        return self.text()
