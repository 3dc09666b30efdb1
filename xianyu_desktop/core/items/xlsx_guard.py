"""Checks on an .xlsx package before any of its XML is parsed: imported files are often sent by strangers.

An .xlsx is a zip of XML parts. A hostile one can hold a sheet that inflates a thousandfold (10 MB to
4.3 GB), declare sizes that lie, hold so many members that listing them fills memory, or carry a DTD
(billion laughs, external entities). Our readers stream the sheets, but hold the workbook, the
relationships and the shared strings whole, and openpyxl (should anything hand it a stranger's file)
reads some parts (styles, the workbook, chartsheets) into a tree that costs tens of bytes per element.

So, before any part is parsed:
- the central directory is at most 1 MB, and 2,000 members at most;
- each member's declared size, the total (160 MB) and the compression ratio (100:1 past 4 MB) are checked;
- a part may be big only if everything in the package that names it (relationships, content types)
  names it as a worksheet; shared strings up to 48 MB; every other member at most 8 MB;
- then every member is inflated as a stream and counted: no more bytes than it declared (zipfile stops
  at the declared size and checks the CRC; the count does not rely on that), and no part holds a DTD
  (an .xlsx never does).
The XML read here is read with defusedxml, which refuses DTDs; openpyxl uses it too when it is installed.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse as defused_iterparse

__all__ = [
    "MAX_MEMBERS",
    "MAX_OTHER_PART_BYTES",
    "MAX_RATIO",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_TOTAL_BYTES",
    "PackageRefused",
    "check_package",
    "relationship_targets",
    "safe_iterparse",
]

MB = 1024 * 1024
MAX_CENTRAL_DIRECTORY_BYTES = 1 * MB
MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 160 * MB
MAX_SHARED_STRINGS_BYTES = 48 * MB
MAX_OTHER_PART_BYTES = 8 * MB
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 4 * MB
_CHUNK = 1 * MB

_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WORKSHEET = "worksheet"
_SHARED_STRINGS = "sharedStrings"

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


class PackageRefused(Exception):
    """The package breaks a bound or holds what a workbook never does: a plain sentence, no file name."""


def _marks(text: str) -> tuple[bytes, ...]:
    """The text as UTF-8 and as UTF-16 in either byte order: an XML part may be any of them."""
    return (text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be"))


_DTD = _marks("<!DOCTYPE") + _marks("<!ENTITY")
_DTD_OVERLAP = max(len(mark) for mark in _DTD) - 1


def safe_iterparse(stream: IO[bytes], events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Element]]:
    """ElementTree's iterparse through defusedxml: a DTD of any kind is refused (DTDForbidden)."""
    yield from defused_iterparse(stream, events=events, forbid_dtd=True)


def check_package(data: bytes) -> None:
    """Raises PackageRefused (or zipfile's and the XML parser's own errors for a broken file) unless the
    package can be opened within the bounds above."""
    _check_central_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackageRefused(f"文件里的部件太多（{len(members)} 个，工作簿最多 {MAX_MEMBERS} 个）")
        declared = sum(info.file_size for info in members)
        if declared > MAX_TOTAL_BYTES:
            raise PackageRefused(f"文件解压后过大（{_mb(declared)}，最多 {_mb(MAX_TOTAL_BYTES)}）")
        for info in members:
            _check_ratio(info)
        allowances = _allowances(package, members)
        for info in members:
            if info.file_size > allowances(info.filename):
                raise PackageRefused(
                    f"文件里的部件 {info.filename[:80]} 解压后过大（{_mb(info.file_size)}，"
                    f"最多 {_mb(allowances(info.filename))}）"
                )
        for info in members:
            _inflate_counted(package, info)


def _check_central_directory(data: bytes) -> None:
    """The member list's size from the end record, before zipfile turns every entry into an object."""
    start = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if start < 0 or len(data) < start + 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, size = struct.unpack_from("<HI", data, start + 10)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and start >= 20 and data[start - 20 : start - 16] == _EOCD64_LOCATOR:
        (offset,) = struct.unpack_from("<Q", data, start - 12)
        if offset + 56 > len(data) or data[offset : offset + 4] != _EOCD64:
            raise zipfile.BadZipFile("broken zip64 end of central directory")
        entries, size = struct.unpack_from("<QQ", data, offset + 32)
    if entries > MAX_MEMBERS:
        raise PackageRefused(f"文件里的部件太多（{entries} 个，工作簿最多 {MAX_MEMBERS} 个）")
    if size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise PackageRefused(f"文件的目录过大（{_mb(size)}，最多 {_mb(MAX_CENTRAL_DIRECTORY_BYTES)}）")


def _check_ratio(info: zipfile.ZipInfo) -> None:
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise PackageRefused(
            f"文件里的部件 {info.filename[:80]} 压缩比异常（{ratio}:1，解压后 {_mb(info.file_size)}），像是“压缩炸弹”"
        )


def _allowances(package: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> _Allowance:
    """How big each member may be: worksheets (and shared strings) only when nothing names them as
    anything else; the relationships and content types that say so are small parts read first."""
    names = {info.filename for info in members}
    sizes = {info.filename: info.file_size for info in members}
    kinds: dict[str, set[str]] = {}
    for name in names:
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            if sizes[name] > MAX_OTHER_PART_BYTES:
                raise PackageRefused(f"文件里的部件 {name[:80]} 过大（{_mb(sizes[name])}）")
            if name.endswith(".rels"):
                folder = posixpath.dirname(posixpath.dirname(name))
                for kind, target in _relationships(package, name, folder):
                    kinds.setdefault(target, set()).add(kind)
            else:
                for part, content_type in _overrides(package, name):
                    kinds.setdefault(part, set()).add(_content_kind(content_type))
    return _Allowance(kinds)


class _Allowance:
    def __init__(self, kinds: dict[str, set[str]]) -> None:
        self._kinds = kinds

    def __call__(self, name: str) -> int:
        kinds = self._kinds.get(name, set())
        if kinds == {_WORKSHEET}:
            return MAX_TOTAL_BYTES
        if kinds == {_SHARED_STRINGS}:
            return MAX_SHARED_STRINGS_BYTES
        return MAX_OTHER_PART_BYTES


def _content_kind(content_type: str) -> str:
    for kind in (_WORKSHEET, _SHARED_STRINGS):
        if content_type.endswith(f".{kind}+xml"):
            return kind
    return content_type


def _relationships(package: zipfile.ZipFile, rels: str, folder: str) -> Iterator[tuple[str, str]]:
    """(kind, package path) of each internal relationship in a .rels part; kind is the Type's last word."""
    with package.open(rels) as stream:
        for _, element in safe_iterparse(stream):
            if element.tag == f"{_PKG_REL_NS}Relationship" and element.get("TargetMode") != "External":
                yield element.get("Type", "").rsplit("/", 1)[-1], _resolve(folder, element.get("Target", ""))


def _overrides(package: zipfile.ZipFile, name: str) -> Iterator[tuple[str, str]]:
    with package.open(name) as stream:
        for _, element in safe_iterparse(stream):
            if element.tag == f"{_CT_NS}Override":
                yield element.get("PartName", "").lstrip("/"), element.get("ContentType", "")


def _resolve(folder: str, target: str) -> str:
    target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(target)


def relationship_targets(package: zipfile.ZipFile, names: set[str], part: str, kind: str) -> dict[str, str]:
    """The targets of a part's relationships of one kind, by id: package paths, or URLs when external."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels not in names:
        return {}
    targets: dict[str, str] = {}
    with package.open(rels) as stream:
        for _, element in safe_iterparse(stream):
            if element.tag == f"{_PKG_REL_NS}Relationship" and element.get("Type", "").endswith(kind):
                target = element.get("Target", "")
                if element.get("TargetMode") != "External":
                    target = _resolve(folder, target)
                targets[element.get("Id", "")] = target
    return targets


def _inflate_counted(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Reads the member as a stream, never past its declared size, and never a DTD."""
    count, tail = 0, b""
    with package.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            count += len(chunk)
            if count > info.file_size:
                raise PackageRefused(f"文件里的部件 {info.filename[:80]} 比它声明的大小更大，文件不可信")
            window = tail + chunk
            if any(mark in window for mark in _DTD):
                raise PackageRefused(
                    f"文件里的部件 {info.filename[:80]} 带有 XML 文档类型声明（DTD），Excel 文件不会有，文件不可信"
                )
            tail = window[-_DTD_OVERLAP:]
    if count != info.file_size:
        raise zipfile.BadZipFile("member shorter than declared")


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"
