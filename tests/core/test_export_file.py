"""The exported file's mode follows the umask as a plain new file's would (it is private only while being
written), a replaced file keeps its mode, and the CSV's ids survive Excel."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.test_export import META, rows
from xianyu_desktop.core.export.writer import columns_for, write_export
from xianyu_desktop.core.items.importer import read_list_file


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    previous = os.umask(0o022)
    os.umask(previous)

    def set_(value: int) -> None:
        os.umask(value)

    yield set_
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_export_gets_the_mode_the_umask_gives_a_plain_file(tmp_path, umask, suffix, mask, expected):
    umask(mask)
    plain = tmp_path / f"plain{suffix}"
    plain.write_bytes(b"")
    target = write_export(tmp_path / f"out{suffix}", rows(), columns_for(None), [], META)
    assert mode(target) == mode(plain) == expected


def test_the_file_is_private_while_it_is_written(tmp_path, umask):
    umask(0o022)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        (partial,) = tmp_path.glob(".out.*.part")
        seen.append(mode(partial))

    target = write_export(tmp_path / "out.csv", rows() * 300, columns_for(None), [], META, progress=progress)
    assert seen and set(seen) == {0o600}
    assert mode(target) == 0o644
    assert not list(tmp_path.glob("*.part"))


def test_a_replaced_export_keeps_the_mode_it_had(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"last week's export")
    target.chmod(0o640)
    write_export(target, rows(), columns_for(None), [], META)
    assert mode(target) == 0o640


def test_csv_ids_are_text_for_excel_and_read_back_as_ids(tmp_path):
    target = write_export(tmp_path / "out.csv", rows(), columns_for(["item_id", "title"]), [], META)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    ids = [row[0] for row in table[1:]]
    assert ids[0] == "\t698765432109876543"
    assert all(cell.startswith("\t") and cell[1:].isdigit() for cell in ids)
    titles = [row[1] for row in table[1:]]
    assert not any(t.startswith("\t") for t in titles)  # only the validated id column gets the tab
    assert read_list_file(target).ids == list(dict.fromkeys(cell.strip() for cell in ids))
