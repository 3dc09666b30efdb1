"""Scanning a whole paste: every link, bare line of ids and id that says what it is, read in the order
they appear, each id once.

Sellers paste one link, a column copied from Excel or a chat full of app share texts. Only links on a
Xianyu host, lines made of nothing but ids and ids that say what they are (商品ID：…, itemId=…) yield
ids: other digits in prose (a price, a phone number, an order number) never do, because looking one up
wastes quota and shows the seller an item that is not theirs.

Excel damages long ids: a number cell keeps 15 significant digits and shows 6.98765E+17. Such a number
is refused with what to do; an 18- or 19-digit id pasted as text whose digits past the fifteenth are
all zeros is taken, with a note that Excel has probably rounded it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xianyu_desktop.core.items.item_ids import (
    MAX_ID_DIGITS,
    MIN_ID_DIGITS,
    REASON_BAD_LENGTH,
    REASON_EXCEL_NUMBER,
    REASON_MAYBE_ROUNDED,
    REASON_SHORT_LINK,
    Extraction,
    LinkProblem,
    bad_length_message,
)
from xianyu_desktop.core.items.link_reading import (
    MAX_HOST_CHARS,
    TRAILING_PUNCTUATION,
    XIANYU,
    host_kind,
    read_link,
    strip_trailing_punctuation,
)
from xianyu_desktop.core.items.paste_patterns import (
    ANCHOR_RE,
    ANCHOR_WITHOUT_SHORTCUT_RE,
    BARE_LINE_RE,
    DIGIT_RUN_RE,
    EXCEL_NUMBER_RE,
    FULLWIDTH_DIGITS,
    HOST_CHARS_RE,
    INNER_SCHEME_RE,
    MANTISSA_RE,
    MAX_MANTISSA_CHARS,
    MIN_REPORTED_DIGITS,
    MIN_TEXT_ID_CHARS,
    NOT_ID_COLUMN_RE,
    PLAIN_TAIL_RE,
    ROW_OF_IDS_RE,
    SCHEME_LENGTH_BY_LAST_LETTER,
    TEXT_ID_LEADS,
    TEXT_ID_RES,
    URL_BODY_RE,
)

_MAX_PROBLEM_TEXT = 200
_MSG_SHORT_LINK = "短链接需要联网解析（使用 --resolve）"
_MSG_EXCEL_NOTATION = (
    "这是 Excel 用科学计数法显示的数字，商品 ID 的后几位已经丢失；"
    "请在 Excel 里把该列设为“文本”格式，重新填入 ID 后再复制，或改用商品链接"
)
_MSG_MAYBE_ROUNDED = (
    "这个商品 ID 第 15 位之后全是 0，可能被 Excel 四舍五入过；已照常读取，"
    "若查不到或商品不对，请在 Excel 里把该列设为“文本”格式后重新复制"
)
# Excel keeps 15 significant digits; the exponent of an id of 10-19 digits is 9-18.
_EXCEL_DIGITS = 15
_MIN_ID_EXPONENT = MIN_ID_DIGITS - 1
_MAX_ID_EXPONENT = MAX_ID_DIGITS - 1
# Shorter ids ending in zeros are common; an 18-digit one ends in 000 once in a thousand.
_MIN_ROUNDED_DIGITS = 18


def extract(text: str, *, shortcuts: bool = True) -> Extraction:
    """shortcuts=False reads every link and line the long way, for tests to compare against."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").translate({0x0D: "\n", 0x2028: "\n", 0x2029: "\n"})
    found = _Found()
    if shortcuts and NOT_ID_COLUMN_RE.search(text) is None:
        _read_digit_runs(DIGIT_RUN_RE.findall(text), found)
    else:
        _read_links_and_lines(text, found, shortcuts=shortcuts)
    return Extraction(ids=found.ids, problems=found.problems, short_links=found.short_links, notes=found.notes)


@dataclass(slots=True)
class _Found:
    ids: list[str] = field(default_factory=list)
    problems: list[LinkProblem] = field(default_factory=list)
    short_links: list[str] = field(default_factory=list)
    notes: list[LinkProblem] = field(default_factory=list)
    _seen_ids: set[str] = field(default_factory=set)
    _seen_problems: set[tuple[str, str]] = field(default_factory=set)
    _seen_short: set[str] = field(default_factory=set)

    def add_id(self, item_id: str) -> None:
        if item_id not in self._seen_ids:
            self._seen_ids.add(item_id)
            self.ids.append(item_id)

    def add_text_id(self, item_id: str) -> None:
        """An id written out as text, not in a link: Excel may have rounded it."""
        if len(item_id) >= _MIN_ROUNDED_DIGITS and item_id not in self._seen_ids and _looks_rounded(item_id):
            self.notes.append(LinkProblem(text=item_id, reason=REASON_MAYBE_ROUNDED, message=_MSG_MAYBE_ROUNDED))
        self.add_id(item_id)

    def add_problem(self, text: str, reason: str, message: str) -> None:
        text = _clip(text)
        if (text, reason) not in self._seen_problems:
            self._seen_problems.add((text, reason))
            self.problems.append(LinkProblem(text=text, reason=reason, message=message))

    def add_short_link(self, url: str, key: str) -> None:
        if key not in self._seen_short:
            self._seen_short.add(key)
            self.short_links.append(url)


def _read_links_and_lines(text: str, found: _Found, *, shortcuts: bool) -> None:
    """Every link, bare line and id that says what it is, each read as soon as it is found, in the order
    they appear. Ids that say what they are are looked for only between links: a link is read whole."""
    lines = [(m.start(1) - 1, m.group(1)) for m in BARE_LINE_RE.finditer(f"\n{text}\n")]
    next_line = 0
    pos = 0
    gap_start = 0
    text_ids = _TextIds(text)
    anchor_re = ANCHOR_RE if shortcuts else ANCHOR_WITHOUT_SHORTCUT_RE
    while (anchor := anchor_re.search(text, pos)) is not None:
        at = anchor.start()
        item_id = None
        if anchor.start("tld") < 0:
            # The regex has checked the scheme and matched the body, and split a plain link's host and id out.
            start = at - SCHEME_LENGTH_BY_LAST_LETTER[text[at - 1]]
            pos = anchor.end()
            item_id = anchor.group("id") if shortcuts else None
            # A plain host has no user, port or brackets: host_kind normalizes it as read_link would.
            if item_id is not None and host_kind(anchor.group("host")) != XIANYU:
                item_id = None
        else:
            host_chars = HOST_CHARS_RE.match(text[max(0, at - MAX_HOST_CHARS) : at][::-1])
            start = at - (host_chars.end() if host_chars is not None else 0)
            kind = host_kind(text[start : anchor.end("tld")])
            if (start > 0 and text[start - 1] in "@/_") or not kind:
                pos = at + 1
                continue
            if shortcuts and kind == XIANYU and (plain := PLAIN_TAIL_RE.match(text, anchor.end())) is not None:
                item_id = plain.group("id")
                pos = plain.end()
            else:
                body = URL_BODY_RE.match(text, anchor.end())
                pos = body.end() if body is not None else anchor.end()
        if text_ids.next_at < start and start - gap_start >= MIN_TEXT_ID_CHARS:
            next_line = text_ids.read(gap_start, start, lines, next_line, found)
        while next_line < len(lines) and lines[next_line][0] < start:
            _read_bare_line(lines[next_line][1], found)
            next_line += 1
        gap_start = pos
        if item_id is not None:
            found.add_id(item_id)
            continue
        link = text[start:pos]
        if link.count("://") < 2:
            _read_found_link(link, found)
            continue
        # Links glued together ("https://…https://…") come apart.
        starts = [m.start() for m in INNER_SCHEME_RE.finditer(link)]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        for a, b in zip(starts, [*starts[1:], len(link)], strict=True):
            _read_found_link(link[a:b], found)
    if text_ids.next_at < len(text):
        next_line = text_ids.read(gap_start, len(text), lines, next_line, found)
    for _, line in lines[next_line:]:
        _read_bare_line(line, found)


class _TextIds:
    """The ids that say what they are between links, in order, each after the bare lines before it.

    Each regex's last find is kept and searched again only when asked about text past it (it lay
    inside a link, read whole, or has been read), so a paste of links with an itemId= in each is not
    searched once per link and a paste with no such id is searched once.
    """

    __slots__ = ("_matches", "_row_read_to", "_starts", "next_at", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._matches: list[re.Match[str] | None] = [None] * len(TEXT_ID_RES)
        self._starts = [-1] * len(TEXT_ID_RES)  # -1: not searched yet; past the end: none left
        self._row_read_to = -1
        self.next_at = -1

    def read(self, start: int, end: int, lines: list[tuple[int, str]], next_line: int, found: _Found) -> int:
        """Reads from start to end; returns the index of the next bare line."""
        text = self.text
        while True:
            for i, regex in enumerate(TEXT_ID_RES):
                if self._starts[i] < start:
                    m = self._matches[i] = regex.search(text, start)
                    self._starts[i] = m.start() if m is not None else len(text) + 1
            self.next_at = min(self._starts)
            if self.next_at >= end:
                return next_line
            i = self._starts.index(self.next_at)
            m = self._matches[i]
            assert m is not None
            while next_line < len(lines) and lines[next_line][0] < m.start():
                _read_bare_line(lines[next_line][1], found)
                next_line += 1
            if _read_text_id(text, m, TEXT_ID_LEADS[i], found) and m.end() > self._row_read_to:
                self._row_read_to = _read_excel_row(text, m.end(), found)
            start = m.end()


def _read_excel_row(text: str, at: int, found: _Found) -> int:
    """A row copied from Excel that holds a number in scientific notation is not a bare line, but its other
    cells may be ids as text ("6.98765E+17<tab>698765432109876543"): read them. Returns where the line ends."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    rest = EXCEL_NUMBER_RE.sub(" ", text[line_start:line_end])
    if ROW_OF_IDS_RE.fullmatch(rest) is not None:
        _read_digit_runs(DIGIT_RUN_RE.findall(rest), found)
    return line_end


def _read_text_id(text: str, m: re.Match[str], lead: int, found: _Found) -> bool:
    """Reads one find of TEXT_ID_RES; True if it was an id Excel wrote in scientific notation."""
    if m.lastgroup == "digits":
        digits = m.group("digits")
        if not digits.isascii():
            digits = digits.translate(FULLWIDTH_DIGITS)
        if MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:
            found.add_text_id(digits)
        else:
            found.add_problem(text[m.start() - lead : m.end()], REASON_BAD_LENGTH, bad_length_message(len(digits)))
        return False
    exponent_at = m.start("exponent")
    mantissa = MANTISSA_RE.search(text, max(0, exponent_at - MAX_MANTISSA_CHARS), exponent_at)
    if mantissa is None or not _MIN_ID_EXPONENT <= int(m.group("exponent")) <= _MAX_ID_EXPONENT:
        return False
    found.add_problem(text[mantissa.start() : m.end()], REASON_EXCEL_NUMBER, _MSG_EXCEL_NOTATION)
    return True


def _looks_rounded(item_id: str) -> bool:
    return item_id.endswith("0" * (len(item_id) - _EXCEL_DIGITS))


def _read_bare_line(line: str, found: _Found) -> None:
    _read_digit_runs([line] if line.isascii() and line.isdigit() else DIGIT_RUN_RE.findall(line), found)


def _read_digit_runs(runs: list[str], found: _Found) -> None:
    """Each run of digits is an id or, if it is long enough to be a broken one, a problem."""
    for run in runs:
        if len(run) >= MIN_REPORTED_DIGITS:
            digits = run if run.isascii() else run.translate(FULLWIDTH_DIGITS)
            if MIN_ID_DIGITS <= len(digits) < _MIN_ROUNDED_DIGITS:
                found.add_id(digits)
            elif MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:
                found.add_text_id(digits)
            else:
                found.add_problem(run, REASON_BAD_LENGTH, bad_length_message(len(digits)))


def _read_found_link(raw: str, found: _Found) -> None:
    text = strip_trailing_punctuation(raw) if raw[-1:] in TRAILING_PUNCTUATION else raw
    reading = read_link(text)
    if isinstance(reading, str):
        found.add_id(reading)
    elif reading.short_url is not None:
        found.add_short_link(reading.short_url, reading.short_key)
        found.add_problem(text, REASON_SHORT_LINK, _MSG_SHORT_LINK)
    elif reading.reason is not None:
        found.add_problem(text, reading.reason, reading.message)


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_PROBLEM_TEXT else text[: _MAX_PROBLEM_TEXT - 1] + "…"
