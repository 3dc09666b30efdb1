"""Refresh the translation sources in resources/i18n from the code: pyside6-lupdate over every Python file
of the package (new files and strings are picked up by themselves), the Chinese catalogue filled with its
own source texts, and the English messages still to translate counted: the exit status is 1 while there
are any. Translate those in Qt Linguist (pyside6-linguist) or by hand, then run this again. Run: make ts"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xianyu_desktop.i18n import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES  # noqa: E402

I18N = ROOT / "resources" / "i18n"
QT_FREE_PACKAGES = {"core", "sandbox", "cli"}


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form for a %n message
    finished: bool


def ts_file(language: str, folder: Path = I18N) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def source_files() -> list[Path]:
    """Relative to ROOT: every Python file of the Qt layer, and the files of the Qt-free packages that mark
    labels for the window with QT_TRANSLATE_NOOP (core/texts.py). The other Qt-free files are left out:
    lupdate would take their ``str.translate`` calls for Qt's. lupdate finds the strings itself."""
    package = ROOT / "xianyu_desktop"

    def wanted(path: Path) -> bool:
        if path.relative_to(package).parts[0] not in QT_FREE_PACKAGES:
            return True
        return path.name != "texts.py" and "QT_TRANSLATE_NOOP(" in path.read_text(encoding="utf-8")

    return sorted(path.relative_to(ROOT) for path in package.rglob("*.py") if wanted(path))


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside the running interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (make creates the venv)")
    return found


def run_lupdate(ts: Path, language: str) -> None:
    """Merge the code's strings into ``ts`` (created if missing), dropping what the code no longer has.
    No source locations are stored, so editing code never churns the files."""
    command = [qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none"]
    command += ["-source-language", DEFAULT_LANGUAGE, "-target-language", language]
    command += [*map(str, source_files()), "-ts", str(ts)]
    subprocess.run(command, cwd=ROOT, check=True)


def messages(ts: Path) -> list[Message]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, ts
            forms = translation.findall("numerusform")
            texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found.append(Message(name, message.findtext("source", ""), texts, finished))
    return found


def fill_with_source(ts: Path) -> None:
    """The source language's catalogue: every translation is its source text, finished."""
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None, ts
        translation.attrib.pop("type", None)
        source = message.findtext("source", "")
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = source
        if not forms:
            translation.text = source
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_file(language)
        run_lupdate(ts, language)
        if language == DEFAULT_LANGUAGE:
            fill_with_source(ts)
            run_lupdate(ts, language)  # back to lupdate's own layout (and its DOCTYPE), so diffs stay small
    status = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        found = messages(ts)
        todo = [m for m in found if not m.finished or not all(m.translations)]
        print(f"{ts.relative_to(ROOT)}: {len(found)} messages, {len(todo)} unfinished")
        for message in todo:
            print(f"  {message.context}: {message.source!r}")
        if todo:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
