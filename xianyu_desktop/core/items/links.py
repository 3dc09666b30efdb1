"""Find Xianyu item ids in whatever a seller pastes.

Sellers paste one link, a column copied from Excel or a chat full of app share
texts. Only links on a Xianyu host, lines made of nothing but ids and ids that say
what they are (商品ID：…, itemId=…) yield ids: other digits in prose (a price, a
phone number, an order number) never do, because looking one up wastes quota and
shows the seller an item that is not theirs.

Excel damages long ids: a number cell keeps 15 significant digits and shows
6.98765E+17. Such a number is refused with what to do; an 18- or 19-digit id
pasted as text whose digits past the fifteenth are all zeros is taken, with a
note that Excel has probably rounded it.

Regexes jump from anchor to anchor ("://", ".com", a line start) over the whole
paste instead of walking it line by line in Python, and the commonest shapes (a
plain item link, a column of ids) are read straight from a match, so a 10 MB
paste takes about half a second or less; no text makes the regexes take more
than linear time.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote, unquote_plus

REASON_SHORT_LINK = "short_link"
REASON_NOT_XIANYU = "not_xianyu"
REASON_NO_ID = "no_id"
REASON_BAD_LENGTH = "bad_length"
REASON_UNRESOLVED = "unresolved"
REASON_EXCEL_NUMBER = "excel_number"
# A note, not a refusal: the id is taken.
REASON_MAYBE_ROUNDED = "maybe_excel_rounded"

MIN_ID_DIGITS = 10
MAX_ID_DIGITS = 19
_MAX_PROBLEM_TEXT = 200
# Bare digit runs shorter than this are row numbers, quantities or prices, not broken ids.
_MIN_REPORTED_DIGITS = 7
_MAX_BFP_CHARS = 4000
_MAX_TRAILING_PUNCTUATION = 16

_MSG_SHORT_LINK = "短链接需要联网解析（使用 --resolve）"
_MSG_NO_ID = "这个闲鱼链接里没有商品 ID"
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

_MARKETPLACES: dict[str, str] = {
    "taobao.com": "淘宝",
    "tmall.com": "天猫",
    "tmall.hk": "天猫国际",
    "jd.com": "京东",
    "jd.hk": "京东国际",
    "yangkeduo.com": "拼多多",
    "pinduoduo.com": "拼多多",
    "1688.com": "1688",
    "aliexpress.com": "速卖通",
    "alibaba.com": "阿里巴巴",
    "amazon.com": "亚马逊",
    "amazon.cn": "亚马逊",
    "ebay.com": "eBay",
    "suning.com": "苏宁易购",
    "vip.com": "唯品会",
    "dangdang.com": "当当",
    "zhuanzhuan.com": "转转",
    "paipai.com": "拍拍",
    "jinritemai.com": "抖音商城",
}
_XIANYU_DOMAINS = ("goofish.com", "2.taobao.com")
_SHORT_DOMAIN = "tb.cn"
_IDLEFISH_MARKET_HOST = "market.m.taobao.com"

# URL characters: printable ASCII without quotes, <>, backslash, backtick, {|}; a brace group may
# hold raw JSON (quotes included), as in an un-encoded bfp={"id":…}.
_URL_CHARACTERS = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in "\"'<>\\`{|}")


def _url_chars(including: str = "") -> str:
    return "[" + "".join(re.escape(c) for c in _URL_CHARACTERS + including) + "]"


_URL_CHARS = _url_chars()
_BRACE_GROUP_CHARS = _url_chars(including="\"'")
_URL_CHAR_OR_BRACE = _url_chars(including="{")
_URL_BODY = rf"{_URL_CHARS}*(?:\{{{_BRACE_GROUP_CHARS}*\}}{_URL_CHARS}*)*"
_URL_BODY_RE = re.compile(_URL_BODY)


def _any_case(literal: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in literal)


_ID_KEY = _any_case("id")
_ITEM_ID_KEY = _any_case("itemid")
# A plain item link: host, maybe a path, and a query with exactly one "id" or "itemId" parameter,
# nothing to decode and no "&amp;" but as a separator ("https://www.goofish.com/item?id=…",
# "2.taobao.com/item.htm?spm=…&id=…"), ending where the URL body ends. On a Xianyu host _read_link
# gives exactly this id (trailing dots it would strip belong to another parameter), so the finder
# takes it from the match: most links in a big paste look like this, and reading them the long way
# (slice, split, parse the query) takes longer than finding them. Every character can play only
# one part, so a match that fails is not tried again in other ways.
_PLAIN_PAIR = rf"(?!(?:{_ID_KEY}|{_ITEM_ID_KEY})=)[A-Za-z0-9._~/-]*=[A-Za-z0-9._~/-]*"
_PLAIN_TAIL = (
    rf"(?:/[A-Za-z0-9._~/%-]*)?\?(?:{_PLAIN_PAIR}&(?:amp;)?)*"
    rf"(?:{_ID_KEY}|{_ITEM_ID_KEY})=(?P<id>[0-9]{{{MIN_ID_DIGITS},{MAX_ID_DIGITS}}})(?:&(?:amp;)?{_PLAIN_PAIR})*"
    rf"(?!{_URL_CHAR_OR_BRACE})"
)
_PLAIN_TAIL_RE = re.compile(_PLAIN_TAIL)

# A link is found from its anchor, "://" after a scheme we read, or the top-level domain of a known
# site: a regex that tried a host pattern at every position of a 10 MB paste would be several
# times slower. Starting with one character class lets the regex engine skip straight to the next
# ":" or ".". A scheme is one of three fixed words, so lookbehinds check it and the same match goes
# on through the body: a "://" the regex accepts is never turned down afterwards (were it, the body
# just matched would be scanned again from the next anchor: quadratic). After http(s):// a plain
# link's host and id come out as groups. A known domain (group "tld") is checked in Python, host
# and all, before its body is matched.
_KNOWN_TLDS = "|".join(
    rf"(?<={_any_case(label)}\.){_any_case(tld)}"
    for label, _, tld in (d.rpartition(".") for d in (*_MARKETPLACES, "goofish.com", _SHORT_DOMAIN))
)
_SCHEME_LOOKBEHIND = "|".join(f"(?<={word}:)" for word in ("(?i:https)", "(?i:http)", "(?i:fleamarket)"))
_SCHEME_ANCHOR = rf"(?<=[pPsStT]:)(?:{_SCHEME_LOOKBEHIND})//"
_TLD_ANCHOR = rf"(?=[cChH])(?P<tld>{_KNOWN_TLDS})(?![A-Za-z0-9-])"
_ANCHOR_RE = re.compile(
    rf"[:.](?:{_SCHEME_ANCHOR}(?:(?<=[pPsS]://)(?P<host>[A-Za-z0-9.-]+){_PLAIN_TAIL}|{_URL_BODY})|{_TLD_ANCHOR})"
)
# The same without plain links, for _extract(shortcuts=False).
_ANCHOR_WITHOUT_SHORTCUT_RE = re.compile(rf"[:.](?:{_SCHEME_ANCHOR}{_URL_BODY}|{_TLD_ANCHOR})")
# The last letter of an accepted scheme tells which of the three it is.
_SCHEME_LENGTH_BY_LAST_LETTER = {"p": 4, "P": 4, "s": 5, "S": 5, "t": 10, "T": 10}
_HOST_CHARS_RE = re.compile(r"[A-Za-z0-9.-]*")
_MAX_HOST_CHARS = 253
_INNER_SCHEME_RE = re.compile(r"(?:https?|fleamarket)://", re.IGNORECASE)
_URL_PARTS_RE = re.compile(r"(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
_TRAILING_PUNCTUATION = ".,;:!?*()[]"

_SEPARATORS = " \t\u3000\u00a0,，、;；"
_DIGITS = "0-9０-９"
# Starts with a literal "\n" rather than "^" so the regex engine can jump from line to line, and
# fails on the first character of a line of prose. Only then does a lookahead look for a digit run
# long enough to report; the digit check before it makes each backtracking step over separators or
# a list marker fail at once, so the lookahead scans a line at most twice.
_BARE_LINE_RE = re.compile(
    rf"\n[{_SEPARATORS}]*"
    rf"(?:(?:[0-9]{{1,4}}[.)][ \t\u3000]+|[-*•·][ \t\u3000]*))?"
    rf"(?=[{_DIGITS}])(?=[{_DIGITS}{_SEPARATORS}]*?[{_DIGITS}]{{{_MIN_REPORTED_DIGITS}}})"
    rf"([{_DIGITS}][{_DIGITS}{_SEPARATORS}]*)(?=\n)"
)
# A paste of nothing but digits, separators and line breaks (a column copied from Excel) holds no
# link, and every line of it with a digit is a bare line: its digit runs are all there is to read.
_NOT_ID_COLUMN_RE = re.compile(rf"[^{_DIGITS}{_SEPARATORS}\n]")
_DIGIT_RUN_RE = re.compile(rf"[{_DIGITS}]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LEADING_DIGITS_RE = re.compile(r"[0-9]+(?![A-Za-z0-9_])")
_PATH_ID_RE = re.compile(r"/item/([0-9]+)(?![A-Za-z0-9_])", re.IGNORECASE)
_JSON_ID_RE = re.compile(r"\"(?:id|itemId|item_id)\"\s*:\s*\"?([0-9]+)", re.IGNORECASE)
_ID_KEYS = ("id", "itemid", "item_id")
# What _query_params and _LEADING_DIGITS_RE find in "&" + a query without "%" or "+": a key that is
# the name in any case with whitespace around it (no other character lower-cases to plain ASCII).
_ID_PARAM_RES = [re.compile(rf"&\s*{_any_case(key)}\s*=\s*([0-9]+)(?![A-Za-z0-9_])") for key in _ID_KEYS]

# Ids that say what they are, in the text between links: a label (商品ID：…, 宝贝 id …), an itemId=…
# or itemId: … parameter, and a number Excel wrote in scientific notation (6.98765E+17). Each regex
# starts with a literal, so the regex engine skips from one to the next as fast as it finds a
# character (a character class first would make a 10 MB scan several times slower); lookbehinds
# check what comes before it. A number is found from the sign of its exponent, and _MANTISSA_RE
# reads the digits before it.
_GAP = "[ \\t\\u3000]*"
_ID_VALUE = rf"{_GAP}[\"']?(?P<digits>[{_DIGITS}]+)(?![{_DIGITS}A-Za-z_]|\.[0-9])"
_TEXT_ID_RES = (
    re.compile(rf"商品{_GAP}{_ID_KEY}{_GAP}[:：=]?{_ID_VALUE}"),
    re.compile(rf"宝贝{_GAP}{_ID_KEY}{_GAP}[:：=]?{_ID_VALUE}"),
    re.compile(rf"tem(?<=(?<![A-Za-z0-9_])[iI]tem)_?{_ID_KEY}[\"']?{_GAP}[:：=]{_ID_VALUE}"),
    re.compile(rf"TEM(?<=(?<![A-Za-z0-9_])[iI]TEM)_?{_ID_KEY}[\"']?{_GAP}[:：=]{_ID_VALUE}"),
    re.compile(r"\+(?<=[0-9][eE]\+)(?P<exponent>[0-9]{1,3})(?![0-9A-Za-z_]|\.[0-9])"),
)
# How many characters before a match its text starts (the "i" of "item").
_TEXT_ID_LEADS = (0, 0, 1, 1, 0)
_MANTISSA_RE = re.compile(r"(?<![0-9A-Za-z_.])[0-9](?:\.[0-9]{1,16})?[eE]\+\Z")
_MAX_MANTISSA_CHARS = 20
_EXCEL_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z_.])[0-9](?:\.[0-9]{1,16})?[eE]\+[0-9]{1,3}(?![0-9A-Za-z_]|\.[0-9])")
_ROW_OF_IDS_RE = re.compile(rf"[{_DIGITS}{_SEPARATORS}]*")
# No id that says what it is is shorter ("1E+9").
_MIN_TEXT_ID_CHARS = 4


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """Something the seller pasted that yields no id, with a sentence that says why."""

    text: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """ids in first-seen order, each once; short_links also appear in problems until resolved.

    problems were not taken; notes are about ids that were taken (an id Excel has probably rounded).
    """

    ids: list[str]
    problems: list[LinkProblem]
    short_links: list[str]
    notes: list[LinkProblem] = field(default_factory=list)


def is_valid_item_id(s: str) -> bool:
    return MIN_ID_DIGITS <= len(s) <= MAX_ID_DIGITS and s.isascii() and s.isdigit()


def canonical_item_url(item_id: str) -> str:
    return f"https://www.goofish.com/item?id={item_id}"


def is_xianyu_host(host: str) -> bool:
    """True for hosts that are Xianyu whatever the path.

    market.m.taobao.com is Xianyu only under an idleFish path, so it is not a
    Xianyu host on its own.
    """
    return _domain_in(_normalize_host(host), _XIANYU_DOMAINS)


def extract_item_ids(text: str) -> Extraction:
    """Never raises: any text in, the ids it holds and what could not be read out."""
    return _extract(text)


def _extract(text: str, *, shortcuts: bool = True) -> Extraction:
    """shortcuts=False reads every link and line the long way, for tests to compare against."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").translate({0x0D: "\n", 0x2028: "\n", 0x2029: "\n"})
    found = _Found()
    if shortcuts and _NOT_ID_COLUMN_RE.search(text) is None:
        _read_digit_runs(_DIGIT_RUN_RE.findall(text), found)
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


class _Reading(NamedTuple):
    """Why a link holds no id: a problem, a short link to resolve, or nothing (a foreign URL)."""

    reason: str | None = None
    message: str = ""
    short_url: str | None = None
    short_key: str = ""


_NOTHING = _Reading()
_NO_ID = _Reading(REASON_NO_ID, _MSG_NO_ID)


def _read_links_and_lines(text: str, found: _Found, *, shortcuts: bool) -> None:
    """Every link, bare line and id that says what it is, each read as soon as it is found, in the order
    they appear. Ids that say what they are are looked for only between links: a link is read whole."""
    lines = [(m.start(1) - 1, m.group(1)) for m in _BARE_LINE_RE.finditer(f"\n{text}\n")]
    next_line = 0
    pos = 0
    gap_start = 0
    text_ids = _TextIds(text)
    anchor_re = _ANCHOR_RE if shortcuts else _ANCHOR_WITHOUT_SHORTCUT_RE
    while (anchor := anchor_re.search(text, pos)) is not None:
        at = anchor.start()
        item_id = None
        if anchor.start("tld") < 0:
            # The regex has checked the scheme and matched the body, and split a plain link's host and id out.
            start = at - _SCHEME_LENGTH_BY_LAST_LETTER[text[at - 1]]
            pos = anchor.end()
            item_id = anchor.group("id") if shortcuts else None
            # A plain host has no user, port or brackets: _host_kind normalizes it as _split_url would.
            if item_id is not None and _host_kind(anchor.group("host")) != _XIANYU:
                item_id = None
        else:
            host_chars = _HOST_CHARS_RE.match(text[max(0, at - _MAX_HOST_CHARS) : at][::-1])
            start = at - (host_chars.end() if host_chars is not None else 0)
            kind = _host_kind(text[start : anchor.end("tld")])
            if (start > 0 and text[start - 1] in "@/_") or not kind:
                pos = at + 1
                continue
            if shortcuts and kind == _XIANYU and (plain := _PLAIN_TAIL_RE.match(text, anchor.end())) is not None:
                item_id = plain.group("id")
                pos = plain.end()
            else:
                body = _URL_BODY_RE.match(text, anchor.end())
                pos = body.end() if body is not None else anchor.end()
        if text_ids.next_at < start and start - gap_start >= _MIN_TEXT_ID_CHARS:
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
        starts = [m.start() for m in _INNER_SCHEME_RE.finditer(link)]
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
        self._matches: list[re.Match[str] | None] = [None] * len(_TEXT_ID_RES)
        self._starts = [-1] * len(_TEXT_ID_RES)  # -1: not searched yet; past the end: none left
        self._row_read_to = -1
        self.next_at = -1

    def read(self, start: int, end: int, lines: list[tuple[int, str]], next_line: int, found: _Found) -> int:
        """Reads from start to end; returns the index of the next bare line."""
        text = self.text
        while True:
            for i, regex in enumerate(_TEXT_ID_RES):
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
            if _read_text_id(text, m, _TEXT_ID_LEADS[i], found) and m.end() > self._row_read_to:
                self._row_read_to = _read_excel_row(text, m.end(), found)
            start = m.end()


def _read_excel_row(text: str, at: int, found: _Found) -> int:
    """A row copied from Excel that holds a number in scientific notation is not a bare line, but its other
    cells may be ids as text ("6.98765E+17<tab>698765432109876543"): read them. Returns where the line ends."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    rest = _EXCEL_NUMBER_RE.sub(" ", text[line_start:line_end])
    if _ROW_OF_IDS_RE.fullmatch(rest) is not None:
        _read_digit_runs(_DIGIT_RUN_RE.findall(rest), found)
    return line_end


def _read_text_id(text: str, m: re.Match[str], lead: int, found: _Found) -> bool:
    """Reads one find of _TEXT_ID_RES; True if it was an id Excel wrote in scientific notation."""
    if m.lastgroup == "digits":
        digits = m.group("digits")
        if not digits.isascii():
            digits = digits.translate(_FULLWIDTH_DIGITS)
        if MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:
            found.add_text_id(digits)
        else:
            found.add_problem(text[m.start() - lead : m.end()], REASON_BAD_LENGTH, _bad_length_message(len(digits)))
        return False
    exponent_at = m.start("exponent")
    mantissa = _MANTISSA_RE.search(text, max(0, exponent_at - _MAX_MANTISSA_CHARS), exponent_at)
    if mantissa is None or not _MIN_ID_EXPONENT <= int(m.group("exponent")) <= _MAX_ID_EXPONENT:
        return False
    found.add_problem(text[mantissa.start() : m.end()], REASON_EXCEL_NUMBER, _MSG_EXCEL_NOTATION)
    return True


def _looks_rounded(item_id: str) -> bool:
    return item_id.endswith("0" * (len(item_id) - _EXCEL_DIGITS))


def _read_bare_line(line: str, found: _Found) -> None:
    _read_digit_runs([line] if line.isascii() and line.isdigit() else _DIGIT_RUN_RE.findall(line), found)


def _read_digit_runs(runs: list[str], found: _Found) -> None:
    """Each run of digits is an id or, if it is long enough to be a broken one, a problem."""
    for run in runs:
        if len(run) >= _MIN_REPORTED_DIGITS:
            digits = run if run.isascii() else run.translate(_FULLWIDTH_DIGITS)
            if MIN_ID_DIGITS <= len(digits) < _MIN_ROUNDED_DIGITS:
                found.add_id(digits)
            elif MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:
                found.add_text_id(digits)
            else:
                found.add_problem(run, REASON_BAD_LENGTH, _bad_length_message(len(digits)))


def _read_found_link(raw: str, found: _Found) -> None:
    text = _strip_trailing_punctuation(raw) if raw[-1:] in _TRAILING_PUNCTUATION else raw
    reading = _read_link(text)
    if isinstance(reading, str):
        found.add_id(reading)
    elif reading.short_url is not None:
        found.add_short_link(reading.short_url, reading.short_key)
        found.add_problem(text, REASON_SHORT_LINK, _MSG_SHORT_LINK)
    elif reading.reason is not None:
        found.add_problem(text, reading.reason, reading.message)


def _read_link(text: str) -> str | _Reading:
    """The item id a link holds, or why it holds none.

    An id comes back bare, not inside a _Reading: a paste can hold 200,000 links and most hold an id.
    """
    parts = _split_url(text)
    if parts is None:
        return _NOTHING
    url, scheme, netloc, path, query, fragment = parts
    host, kind = _host_and_kind(netloc)
    web = scheme == "https" or scheme == "http"
    if web and kind == _SHORT:
        return _Reading(short_url=url, short_key=host + path)
    if scheme == "fleamarket" or (
        web and (kind == _XIANYU or (kind == _IDLEFISH_MARKET and "idlefish" in path.lower()))
    ):
        digits = _xianyu_item_digits(path, query, fragment)
        if digits is None:
            return _NO_ID
        if not MIN_ID_DIGITS <= len(digits) <= MAX_ID_DIGITS:  # digits are ASCII digits
            return _Reading(REASON_BAD_LENGTH, _bad_length_message(len(digits)))
        return digits
    if kind in (_OTHER, _SHORT, _XIANYU):  # _XIANYU here: an odd scheme, "x.goofish.com+y://www.goofish.com"
        return _NOTHING
    return _NOT_XIANYU[kind]


_XIANYU = "xianyu"
_SHORT = "short"
_IDLEFISH_MARKET = "idlefish_market"
_OTHER = ""


def _host_kind(host: str) -> str:
    """_XIANYU, _SHORT, _IDLEFISH_MARKET, a marketplace domain, or _OTHER."""
    return _host_kind_cached(host) if len(host) <= _MAX_HOST_CHARS else _OTHER


@functools.lru_cache(maxsize=1024)
def _host_kind_cached(host: str) -> str:
    host = _normalize_host(host)
    if _domain_in(host, _XIANYU_DOMAINS):
        return _XIANYU
    if _domain_in(host, (_SHORT_DOMAIN,)):
        return _SHORT
    if host == _IDLEFISH_MARKET_HOST:
        return _IDLEFISH_MARKET
    return next((domain for domain in _MARKETPLACES if _domain_in(host, (domain,))), _OTHER)


_NOT_XIANYU = {
    kind: _Reading(
        REASON_NOT_XIANYU,
        f"这是{_MARKETPLACES['taobao.com' if kind == _IDLEFISH_MARKET else kind]}的链接，不是闲鱼商品链接",
    )
    for kind in (*_MARKETPLACES, _IDLEFISH_MARKET)
}

# url (with "https://" put in front if it had no scheme), scheme (lower case), netloc, path, query, fragment
_UrlParts = tuple[str, str, str, str, str, str]


def _split_url(text: str) -> _UrlParts | None:
    for _ in range(3):
        if "&amp;" not in text:
            break
        text = text.replace("&amp;", "&")
    m = _URL_PARTS_RE.match(text)
    if m is None:
        return None
    scheme, netloc, path, query, fragment = m.groups(default="")
    if not scheme:
        text = "https://" + text
        scheme = "https"
    elif not scheme.islower():
        # "HTTPS://…" is listed for fetching as "https://…".
        scheme = scheme.lower()
        text = scheme + text[len(scheme) :]
    return text, scheme, netloc, path, query, fragment


def _host_and_kind(netloc: str) -> tuple[str, str]:
    """The host a URL's netloc names (no user or port, lower case), and its _host_kind."""
    # Most links in a paste share a handful of hosts; a long netloc is not kept.
    return (_host_and_kind_cached if len(netloc) <= _MAX_HOST_CHARS else _host_and_kind_uncached)(netloc)


def _host_and_kind_uncached(netloc: str) -> tuple[str, str]:
    host = netloc.rpartition("@")[2]
    host = host[1:].partition("]")[0] if host.startswith("[") else host.partition(":")[0]
    host = host.lower().rstrip(".")
    return host, _host_kind(host)


_host_and_kind_cached = functools.lru_cache(maxsize=1024)(_host_and_kind_uncached)


def _xianyu_item_digits(path: str, query: str, fragment: str) -> str | None:
    if "?" in fragment:
        # Parameters after a "?" in the fragment come after the query's.
        query = f"{query}&{fragment.partition('?')[2]}"
    if "%" not in query and "+" not in query:
        # Nothing to decode: each id parameter is found directly, in order of preference.
        pairs = f"&{query}"
        for id_param_re in _ID_PARAM_RES:
            if (m := id_param_re.search(pairs)) is not None:
                return m.group(1)
    else:
        params = _query_params(query)
        for wanted in _ID_KEYS:
            for key, value in params:
                if key == wanted and (m := _LEADING_DIGITS_RE.match(value.strip())) is not None:
                    return m.group()
    if (m := _PATH_ID_RE.search(path)) is not None:
        return m.group(1)
    for key, value in _query_params(query):
        if key == "bfp" and (digits := _bfp_item_digits(value)) is not None:
            return digits
    return None


def _query_params(query: str) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for pair in query.split("&") if query else ():
        key, _, value = pair.partition("=")
        if value:
            if "%" in pair or "+" in pair:
                key, value = unquote_plus(key), unquote_plus(value)
            params.append((key.strip().lower(), value))
    return params


def _bfp_item_digits(value: str) -> str | None:
    """bfp is URL-encoded JSON, sometimes encoded twice, holding the id as a number or a string."""
    value = value[:_MAX_BFP_CHARS]
    for _ in range(3):
        if value.lstrip().startswith("{") or "%" not in value:
            break
        value = unquote(value)
    try:
        data: object = json.loads(value)
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        for key in ("id", "itemId", "item_id"):
            item_id = data.get(key)
            if isinstance(item_id, int) and not isinstance(item_id, bool) and item_id >= 0:
                return str(item_id)
            if isinstance(item_id, str) and item_id.isascii() and item_id.strip().isdigit():
                return item_id.strip()
        return None
    m = _JSON_ID_RE.search(value)
    return m.group(1) if m is not None else None


def _strip_trailing_punctuation(text: str) -> str:
    """Drop sentence punctuation after a link; keep a closing bracket that the link itself opened."""
    if not text or text[-1] not in _TRAILING_PUNCTUATION:
        return text
    unmatched = {")": text.count(")") - text.count("("), "]": text.count("]") - text.count("[")}
    end = len(text)
    while end > len(text) - _MAX_TRAILING_PUNCTUATION:
        last = text[end - 1]
        if last in ")]" and unmatched[last] > 0:
            unmatched[last] -= 1
        elif last in "([":
            unmatched[")" if last == "(" else "]"] += 1
        elif last not in ".,;:!?*":
            break
        end -= 1
    return text[:end]


def _normalize_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host


def _domain_in(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _bad_length_message(digits: int) -> str:
    return f"商品 ID 应为 {MIN_ID_DIGITS}–{MAX_ID_DIGITS} 位数字，这里是 {digits} 位"


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_PROBLEM_TEXT else text[: _MAX_PROBLEM_TEXT - 1] + "…"
