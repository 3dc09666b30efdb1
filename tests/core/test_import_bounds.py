"""The importer on hostile files made in the test (issue 12 item 6): each attack refused or bounded, with the
wall time and the peak of Python allocations measured around the real read_list_file and printed."""

from __future__ import annotations

import codecs
import json
import os
import struct
import sys
import zlib
from pathlib import Path

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from tests.core.hostile_xlsx import (
    SHEET_HEAD,
    SHEET_TAIL,
    XML_DECLARATION,
    RawMember,
    bomb_stream,
    id_cell,
    measured,
    member,
    run_measured,
    sheet_of,
    workbook_parts,
    write_workbook,
    write_zip,
)
from xianyu_desktop.core.items.importer import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_IDS,
    REASON_TOO_MANY_CELLS,
    REASON_TOO_MANY_IDS,
    ListFileError,
    read_list_file,
)
from xianyu_desktop.core.items.xlsx_guard import MAX_MEMBERS, MAX_OTHER_PART_BYTES

ID = "698765432109876543"
ID13 = "1234567890123"
ID_ROW = f'<row r="2">{id_cell("A2", ID)}</row>'
PLAIN = "无法读取 Excel 文件"
ROW_UNIT = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>'
PARTS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
]


def a_small_workbook() -> dict[str, bytes]:
    rows = [f'<row r="1">{id_cell("A1", ID)}</row>', f'<row r="2">{id_cell("A2", ID13)}</row>']
    return workbook_parts(sheet_of(rows))


def refused(path: Path, label: str, *, seconds: float = 2.0, peak_mb: float | None = None) -> str:
    """read_list_file's plain refusal, within the time and memory bounds; the message."""
    limit = peak_mb if peak_mb is not None else path.stat().st_size / (1024 * 1024) + 16
    with measured(label) as cost, pytest.raises(ListFileError) as caught:
        read_list_file(path)
    assert cost.seconds < seconds
    assert cost.peak_mb < limit
    assert "Traceback" not in str(caught.value)
    return str(caught.value)


# --- the archive ---------------------------------------------------------------------------------------------


def test_a_sheet_that_inflates_to_4_3_gb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    stream, size = bomb_stream(SHEET_HEAD, ROW_UNIT, 4_300_000_000, SHEET_TAIL)
    parts = a_small_workbook()
    path = write_workbook(tmp_path / "bomb.xlsx", parts, {"xl/worksheets/sheet1.xml": RawMember("", stream, size, 0)})
    assert path.stat().st_size > 10_000_000 and size > 4_290_000_000  # as seen: ~13 MB that inflate to 4.3 GB
    message = refused(path, "4.3 GB zip bomb")
    assert message.startswith(f"{PLAIN} bomb.xlsx") and "解压后过大" in message and "没有导入" in message


def test_a_member_compressed_past_100_to_1_is_refused(tmp_path: Path) -> None:
    stream, size = bomb_stream(SHEET_HEAD, ROW_UNIT, 100 * 1024 * 1024, SHEET_TAIL)
    parts = a_small_workbook()
    path = write_workbook(tmp_path / "ratio.xlsx", parts, {"xl/worksheets/sheet1.xml": RawMember("", stream, size, 0)})
    message = refused(path, "100 MB member at 336:1")
    assert "压缩比异常" in message and "xl/worksheets/sheet1.xml" in message


def test_a_member_declaring_less_than_it_holds_is_never_inflated_past_its_declared_size(tmp_path: Path) -> None:
    # The stream holds 1 GB; the directory declares the size (and the CRC) of a small honest sheet's prefix.
    stream, _ = bomb_stream(SHEET_HEAD, ROW_UNIT, 1 << 30, SHEET_TAIL)
    declared = 4096
    prefix = zlib.decompressobj(-15).decompress(stream, declared)
    path = write_workbook(
        tmp_path / "lie.xlsx",
        a_small_workbook(),
        {"xl/worksheets/sheet1.xml": RawMember("", stream, declared, zlib.crc32(prefix))},
    )
    assert PLAIN in refused(path, "1 GB stream declared as 4 KB")


def test_a_member_declaring_more_than_it_holds_is_refused(tmp_path: Path) -> None:
    honest = member("", a_small_workbook()["xl/worksheets/sheet1.xml"])
    path = write_workbook(
        tmp_path / "short.xlsx",
        a_small_workbook(),
        {"xl/worksheets/sheet1.xml": RawMember("", honest.deflated, 3 * 1024 * 1024, honest.crc)},
    )
    assert PLAIN in refused(path, "member shorter than declared")


def test_a_package_of_too_many_members_is_refused_from_its_directory(tmp_path: Path) -> None:
    parts = a_small_workbook()
    tiny = member("", b"")
    extra = [RawMember(f"xl/media/p{n}.bin", tiny.deflated, 0, tiny.crc) for n in range(MAX_MEMBERS + 1)]
    path = write_zip(tmp_path / "members.xlsx", [member(name, data) for name, data in parts.items()] + extra)
    assert "部件太多" in refused(path, f"{MAX_MEMBERS + 8} members")


def test_a_zip64_directory_claiming_ten_million_members_is_refused_before_it_is_listed(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "plain.xlsx", a_small_workbook()).read_bytes()
    count, _, size, offset = struct.unpack_from("<HHII", data, len(data) - 22 + 8)
    body = data[:-22]
    record = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 10**7, 10**7, size, offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(body), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path = tmp_path / "zip64.xlsx"
    path.write_bytes(body + record + locator + end)
    assert count == len(a_small_workbook())
    assert "部件太多（10000000 个" in refused(path, "zip64 directory claiming 10,000,000 members")


def test_a_big_part_that_the_package_also_names_as_styles_is_held_to_the_small_bound(tmp_path: Path) -> None:
    # openpyxl reads styles into a tree (tens of bytes per element): only worksheets may be big, and only a
    # part that nothing names as anything else is a worksheet.
    rows = [f'<row r="{n}">{id_cell(f"A{n}", str(1_000_000_000_000 + n * 7919))}</row>' for n in range(1, 170_000)]
    parts = workbook_parts(sheet_of(rows))
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'styles" Target="worksheets/sheet1.xml"/></Relationships>',
    )
    assert len(parts["xl/worksheets/sheet1.xml"]) > MAX_OTHER_PART_BYTES
    path = write_workbook(tmp_path / "styles.xlsx", parts)
    assert "解压后过大" in refused(path, "worksheet also named as styles")
    parts["xl/_rels/workbook.xml.rels"] = rels  # the same sheet, named only as a worksheet, is read
    result = read_list_file(write_workbook(tmp_path / "sheet.xlsx", parts))
    assert len(result.ids) == MAX_IDS and result.ids_left_out == len(rows) - MAX_IDS


# --- the sheet ------------------------------------------------------------------------------------------------


def test_a_small_sheet_declaring_a1_to_xfd1048576_is_read_at_once(tmp_path: Path) -> None:
    sheet = SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    sheet += f'<row r="1">{id_cell("A1", ID)}</row><row r="2">{id_cell("B2", ID13)}</row>'.encode() + SHEET_TAIL
    path = write_workbook(tmp_path / "dimension.xlsx", workbook_parts(sheet))
    assert len(sheet) < 512 and path.stat().st_size < 2560  # the sheet as seen (1.8 KB with its package)
    with measured("1.8 KB sheet declaring A1:XFD1048576") as cost:
        result = read_list_file(path)
    assert result.ids == [ID, ID13] and not result.cut_short
    assert cost.seconds < 1.0 and cost.peak_mb < 5


@pytest.mark.parametrize(
    "rows",
    [
        # far-apart rows: openpyxl yields every missing row between them
        [f'<row r="1">{id_cell("A1", ID)}</row>', f'<row r="1048576">{id_cell("XFD1048576", ID13)}</row>'],
        [f'<row r="1">{id_cell("A1", ID)}</row>', f'<row r="999999999999">{id_cell("A999999999999", ID13)}</row>'],
        # a cell in the last column of every row: openpyxl pads each row to 16,384 cells
        [f'<row r="{n}">{id_cell(f"A{n}", ID)}<c r="XFD{n}"><v>1</v></c></row>' for n in range(1, 3001)]
        + [f'<row r="3001">{id_cell("A3001", ID13)}</row>'],
    ],
    ids=["row-1048576", "row-999999999999", "xfd-in-every-row"],
)
def test_far_apart_and_far_right_cells_cost_only_what_is_there(tmp_path: Path, rows: list[str]) -> None:
    path = write_workbook(tmp_path / "sparse.xlsx", workbook_parts(sheet_of(rows)))
    with measured(f"sparse sheet, {len(rows)} rows") as cost:
        result = read_list_file(path)
    assert result.ids == [ID, ID13] and not result.cut_short
    assert cost.seconds < 2.0 and cost.peak_mb < 16


def test_one_long_row_is_read_one_cell_at_a_time(tmp_path: Path) -> None:
    # openpyxl builds a whole row (a dict per cell) before handing it over: 100,000 cells are ~25 MB there.
    cells = "".join(f"<c><v>{n % 1000}</v></c>" for n in range(100_000))
    path = write_workbook(tmp_path / "row.xlsx", workbook_parts(sheet_of([f'<row r="1">{cells}</row>', ID_ROW])))
    with measured("one row of 100,000 cells") as cost:
        result = read_list_file(path)
    assert result.ids == [ID] and not result.cut_short
    assert cost.peak_mb < 12


def test_a_long_row_with_a_hyperlink_formula_is_read_for_links_one_cell_at_a_time(tmp_path: Path) -> None:
    # A formula makes the sheet be read a second time for its links: that pass holds one cell at a time too.
    cells = "".join(f"<c><v>{n % 1000}</v></c>" for n in range(100_000))
    link = f'<c r="B2"><f>HYPERLINK("https://www.goofish.com/item?id={ID13}","点我")</f><v>点我</v></c>'
    rows = [f'<row r="1">{cells}</row>', f'<row r="2">{link}</row>']
    path = write_workbook(tmp_path / "links.xlsx", workbook_parts(sheet_of(rows)))
    with measured("one row of 100,000 cells and a HYPERLINK formula") as cost:
        result = read_list_file(path)
    assert result.ids == [ID13]
    assert cost.peak_mb < 12


@pytest.mark.parametrize("cells", [1, 2])
def test_a_sheet_past_the_cell_budget_is_read_up_to_it_and_says_so(tmp_path: Path, cells: int) -> None:
    """The real budget in a child process (timed and measured whole): 1,000,000 cells, in a million
    rows of one cell or half a million of two; what is past it is not read, and that is said."""
    rows = MAX_CELLS // cells + 1000
    row = "".join(f'<c r="{column}{{n}}"><v>{{n}}</v></c>' for column in "AB"[:cells])
    xml = "".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in range(1, rows + 1))
    path = write_workbook(tmp_path / "cells.xlsx", workbook_parts(sheet_of([xml])))
    del xml
    child = run_measured(
        f"{rows * cells} cells in {rows} rows",
        "from pathlib import Path; from xianyu_desktop.core.items.importer import read_list_file as r; "
        f"x = r(Path({str(path)!r})); print(x.cut_short, {REASON_TOO_MANY_CELLS!r} in [p.reason for p in x.problems])",
    )
    assert child.stdout.split() == ["True", "True"]
    assert child.max_rss_mb < 300 and child.seconds < 180


def test_a_sheet_of_1048576_ids_gives_20000_and_says_how_many_were_left_out(tmp_path: Path) -> None:
    rows = [f'<row r="{n}"><c r="A{n}"><v>{1_000_000_000_000 + n}</v></c></row>' for n in range(1, 1_048_577)]
    path = write_workbook(tmp_path / "ids.xlsx", workbook_parts(sheet_of(rows)))
    del rows
    child = run_measured(
        "1,048,576 ids in one sheet",
        "import json; from pathlib import Path; from xianyu_desktop.core.items.importer import read_list_file as r; "
        f"x = r(Path({str(path)!r})); "
        "print(json.dumps([x.ids[0], x.ids[-1], len(x.ids), x.ids_left_out, x.cut_short, "
        "{p.reason: p.message for p in x.problems}], ensure_ascii=False))",
    )
    first, last, taken, left_out, cut_short, messages = json.loads(child.stdout)
    assert (first, last, taken) == ("1000000000001", str(1_000_000_000_000 + MAX_IDS), MAX_IDS)
    assert left_out == MAX_CELLS - MAX_IDS and cut_short
    assert set(messages) == {REASON_TOO_MANY_IDS, REASON_TOO_MANY_CELLS}
    assert f"另有 {MAX_CELLS - MAX_IDS} 个没有导入" in messages[REASON_TOO_MANY_IDS]
    assert f"只读取了前 {MAX_CELLS} 个单元格" in messages[REASON_TOO_MANY_CELLS]
    assert child.max_rss_mb < 300 and child.seconds < 180


# --- XML: billion laughs and external entities ----------------------------------------------------------------

LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode() for n in range(1, 10)
    )
    + b"]>\n"
)


def with_doctype(part: bytes, doctype: bytes, reference: bytes) -> bytes:
    body = part[len(XML_DECLARATION) :] if part.startswith(XML_DECLARATION) else part
    close = body.index(b">") + 1  # after the root element's start tag
    return XML_DECLARATION + doctype + body[:close] + reference + body[close:]


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("part", PARTS)
def test_a_billion_laughs_in_any_part_is_the_plain_message(tmp_path: Path, part: str) -> None:
    parts = a_small_workbook()
    parts[part] = with_doctype(parts[part], LAUGHS, b"&lol9;" if part.endswith("sheet1.xml") else b"")
    path = write_workbook(tmp_path / "laughs.xlsx", parts)
    message = refused(path, f"billion laughs in {part}", peak_mb=8)
    assert message.startswith(f"{PLAIN} laughs.xlsx") and ("DTD" in message or "损坏" in message)


def test_openpyxl_itself_refuses_the_laughs_too(tmp_path: Path) -> None:
    """The second layer: were our own check gone, openpyxl's parser (defusedxml) refuses the DTD."""
    parts = a_small_workbook()
    parts["xl/workbook.xml"] = with_doctype(parts["xl/workbook.xml"], LAUGHS, b"")
    path = write_workbook(tmp_path / "laughs.xlsx", parts)
    with pytest.raises(ValueError, match="Unable to read workbook") as caught:
        openpyxl.load_workbook(path, read_only=True)
    assert isinstance(caught.value.__cause__, DefusedXmlException)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file the XXE points at, holding an item id: were it read, the id would show up."""
    secret = tmp_path / "secret.txt"
    secret.write_text("7777777777777\n", encoding="utf-8")
    stat = secret.stat()
    os.utime(secret, ns=(stat.st_mtime_ns - 10**12, stat.st_mtime_ns))  # atime before mtime: a read moves it
    return secret


class OpenWatch:
    """Audit hook: every path opened while armed (the hook stays for the process; disarmed, it is a no-op)."""

    armed: list[str] | None = None

    @classmethod
    def hook(cls, event: str, args: tuple[object, ...]) -> None:
        if cls.armed is not None and event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            cls.armed.append(os.fsdecode(args[0]))


sys.addaudithook(OpenWatch.hook)


@pytest.mark.parametrize("part", PARTS)
def test_an_external_entity_in_any_part_never_reads_the_file(tmp_path: Path, secret_file: Path, part: str) -> None:
    parts = a_small_workbook()
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'.encode()
    if part.endswith("sheet1.xml"):  # the entity used where its text would be read as a cell
        parts[part] = with_doctype(sheet_of([]), doctype, b"").replace(
            b"<sheetData>", b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        )
    elif part.endswith("sharedStrings.xml"):
        parts[part] = with_doctype(parts[part], doctype, b"<si><t>&xxe;</t></si>")
    else:
        parts[part] = with_doctype(parts[part], doctype, b"")
    path = write_workbook(tmp_path / "xxe.xlsx", parts)
    atime = secret_file.stat().st_atime_ns
    OpenWatch.armed = []
    try:
        message = refused(path, f"external entity in {part}", peak_mb=8)
    finally:
        opened, OpenWatch.armed = OpenWatch.armed, None
    assert str(secret_file) not in opened and opened.count(str(path)) == 1
    assert secret_file.stat().st_atime_ns == atime
    assert "7777777777777" not in message and message.startswith(PLAIN)


def test_a_dtd_in_a_utf16_part_is_refused(tmp_path: Path) -> None:
    parts = a_small_workbook()
    text = with_doctype(parts["xl/workbook.xml"], LAUGHS, b"").decode().replace("UTF-8", "UTF-16")
    parts["xl/workbook.xml"] = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert "DTD" in refused(write_workbook(tmp_path / "utf16.xlsx", parts), "DTD in a UTF-16 part")


# --- every other parse failure --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "data"),
    [
        ("xl/workbook.xml", b"<workbook"),
        ("xl/worksheets/sheet1.xml", SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></row>'),
        ("xl/_rels/workbook.xml.rels", b"\xff\xfe\x00garbage"),
        ("[Content_Types].xml", b"<Types><Override PartName="),
        ("_rels/.rels", XML_DECLARATION + b"<Relationships><Relationship Target='../../../etc/passwd'/>"),
    ],
)
def test_every_parse_failure_is_the_plain_message(tmp_path: Path, part: str, data: bytes) -> None:
    parts = a_small_workbook()
    parts[part] = data
    message = refused(write_workbook(tmp_path / "broken.xlsx", parts), f"broken {part}")
    assert message.startswith(PLAIN) or "文件是空的" in message


def test_an_unsupported_compression_method_is_the_plain_message(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "method.xlsx", a_small_workbook())
    data = bytearray(path.read_bytes())
    data[8:10] = (99).to_bytes(2, "little")  # the first member's method: AES (unsupported)
    central = data.find(b"PK\x01\x02")
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    assert refused(path, "unsupported method").startswith(PLAIN)


# --- CSV and text -------------------------------------------------------------------------------------------------


def test_a_csv_over_50_mb_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = f"{ID},自用 iPhone 14\n".encode()
    with path.open("wb") as out:
        out.write(line * (MAX_FILE_BYTES // len(line) + 1))
    assert path.stat().st_size > MAX_FILE_BYTES
    message = refused(path, "CSV of 50 MB + 1 line", peak_mb=1)
    assert "文件过大" in message and "50 MB" in message and "没有读取这个文件" in message


def test_a_csv_of_1048576_ids_gives_20000_and_says_how_many_were_left_out(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("".join(f"{1_000_000_000_000 + n}\n" for n in range(1, 1_048_577)), encoding="utf-8")
    child = run_measured(
        "1,048,576 ids in a CSV",
        "from pathlib import Path; from xianyu_desktop.core.items.importer import read_list_file as r; "
        f"x = r(Path({str(path)!r})); print(len(x.ids), x.ids_left_out, x.cut_short)",
    )
    assert child.stdout.split() == [str(MAX_IDS), str(MAX_CELLS - MAX_IDS), "True"]
    assert child.max_rss_mb < 300 and child.seconds < 120
