"""Crafted .xlsx packages for the import bounds tests: a minimal workbook whose parts a test can replace,
written by a zip writer that declares whatever sizes it is told (zip64 past 4 GB), and deflate streams
that inflate to gigabytes without the test ever holding them (repeated full-flush segments)."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_HEAD = XML_DECLARATION + f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
SHEET_TAIL = b"</sheetData></worksheet>"


def workbook_parts(sheet: bytes, shared_strings: bytes | None = None) -> dict[str, bytes]:
    """The parts of a one-sheet workbook as Excel names them (openpyxl reads it)."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    root_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    workbook = (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{rel}"><sheets>'
        '<sheet name="关注" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>关注</dc:title></cp:coreProperties>'
    )
    strings = shared_strings or f'<sst xmlns="{MAIN_NS}" count="0" uniqueCount="0"></sst>'.encode()
    return {
        "[Content_Types].xml": XML_DECLARATION + types.encode(),
        "_rels/.rels": XML_DECLARATION + root_rels.encode(),
        "docProps/core.xml": XML_DECLARATION + core.encode(),
        "xl/workbook.xml": XML_DECLARATION + workbook.encode(),
        "xl/_rels/workbook.xml.rels": XML_DECLARATION + workbook_rels.encode(),
        "xl/sharedStrings.xml": strings,
        "xl/worksheets/sheet1.xml": sheet,
    }


def sheet_of(rows: list[str]) -> bytes:
    """A sheet whose rows are given as XML (``<row r="1">…</row>``)."""
    return SHEET_HEAD + "".join(rows).encode() + SHEET_TAIL


def id_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


@dataclass(frozen=True)
class RawMember:
    """A member as stored: a raw deflate stream, with the sizes and CRC the directory will declare."""

    name: str
    deflated: bytes
    declared_size: int
    crc: int


def deflated(data: bytes) -> RawMember:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return RawMember("", compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data))


def member(name: str, data: bytes) -> RawMember:
    raw = deflated(data)
    return RawMember(name, raw.deflated, raw.declared_size, raw.crc)


def bomb_stream(head: bytes, unit: bytes, total: int, tail: bytes) -> tuple[bytes, int]:
    """A deflate stream of head, unit repeated to about total bytes, and tail; and its inflated size.
    Each 1 MB block is compressed once: after a full flush the compressor starts afresh, so the block's
    bytes can be repeated. Building a 4.3 GB stream takes milliseconds."""
    block = unit * ((1 << 20) // len(unit))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = max(1, (total - len(head) - len(tail)) // len(block))
    last = compressor.compress(tail) + compressor.flush()
    return first + segment * count + last, len(head) + len(block) * count + len(tail)


def write_zip(path: Path, members: list[RawMember]) -> Path:
    """A zip whose directory declares each member's given size and CRC, whatever its stream holds."""
    local, central = bytearray(), bytearray()
    for item in members:
        name = item.name.encode()
        usize, csize = item.declared_size, len(item.deflated)
        zip64 = usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, usize, csize) if zip64 else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (csize, usize)
        version = 45 if zip64 else 20
        offset = len(local)
        local += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, version, 0x800, 8, 0, 0x21, item.crc, *sizes, len(name), len(extra)
        )
        local += name + extra + item.deflated
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            version,
            version,
            0x800,
            8,
            0,
            0x21,
            item.crc,
            *sizes,
            len(name),
            len(extra),
            0,
            0,
            0,
            0,
            offset,
        )
        central += name + extra
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def write_workbook(path: Path, parts: dict[str, bytes], replaced: dict[str, RawMember] | None = None) -> Path:
    replaced = replaced or {}
    members = [replaced.get(name) or member(name, data) for name, data in parts.items()]
    return write_zip(
        path, [RawMember(name, m.deflated, m.declared_size, m.crc) for name, m in zip(parts, members, strict=True)]
    )


@dataclass
class Measured:
    seconds: float = 0.0
    peak_mb: float = 0.0


@contextmanager
def measured(label: str) -> Iterator[Measured]:
    """Wall time and the peak of Python allocations (tracemalloc) while the block runs; printed for the
    report (pytest -s shows them)."""
    result = Measured()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - started
        result.peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
        print(f"\n[bound] {label}: {result.seconds:.3f} s, peak {result.peak_mb:.1f} MB (tracemalloc)")


@dataclass
class ChildRun:
    seconds: float
    max_rss_mb: float
    stdout: str


_PEAK = (
    "\nimport resource, sys\n"
    "try:\n"
    "    _s = open('/proc/self/status').read(); _kb = int(_s.split('VmHWM:')[1].split()[0])\n"
    "except OSError:\n"
    "    _kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print('PEAK', _kb)\n"
)


def run_measured(label: str, code: str) -> ChildRun:
    """Runs code in a fresh Python and measures it whole: wall time and peak resident memory (the child's
    own high-water mark, C allocations included, unlike tracemalloc, which would also slow a parse
    fivefold; VmHWM, since a child's ru_maxrss starts from its parent's)."""
    import subprocess
    import sys

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code + _PEAK], capture_output=True, text=True, encoding="utf-8", check=False
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    stdout, _, peak = done.stdout.rpartition("PEAK ")
    result = ChildRun(seconds, int(peak) / 1024, stdout)
    print(f"\n[bound] {label}: {seconds:.3f} s, peak RSS {result.max_rss_mb:.0f} MB (whole child process)")
    return result
