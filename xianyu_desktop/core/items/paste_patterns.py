"""The regexes that find, in a whole paste, where links, bare lines of ids and ids that say what they are lie.

Regexes jump from anchor to anchor ("://", ".com", a line start) over the whole paste instead of
walking it line by line in Python, and the commonest shapes (a plain item link, a column of ids) are
read straight from a match, so a 10 MB paste takes about half a second or less; no text makes the
regexes take more than linear time. paste_scan.py drives them; link_reading.py reads each link found.
"""

from __future__ import annotations

import re

from xianyu_desktop.core.items.item_ids import MAX_ID_DIGITS, MIN_ID_DIGITS
from xianyu_desktop.core.items.link_reading import MARKETPLACES, SHORT_DOMAIN, any_case

# Bare digit runs shorter than this are row numbers, quantities or prices, not broken ids.
MIN_REPORTED_DIGITS = 7

# URL characters: printable ASCII without quotes, <>, backslash, backtick, {|}; a brace group may
# hold raw JSON (quotes included), as in an un-encoded bfp={"id":…}.
_URL_CHARACTERS = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in "\"'<>\\`{|}")


def _url_chars(including: str = "") -> str:
    return "[" + "".join(re.escape(c) for c in _URL_CHARACTERS + including) + "]"


_URL_CHARS = _url_chars()
_BRACE_GROUP_CHARS = _url_chars(including="\"'")
_URL_CHAR_OR_BRACE = _url_chars(including="{")
_URL_BODY = rf"{_URL_CHARS}*(?:\{{{_BRACE_GROUP_CHARS}*\}}{_URL_CHARS}*)*"
URL_BODY_RE = re.compile(_URL_BODY)

_ID_KEY = any_case("id")
_ITEM_ID_KEY = any_case("itemid")
# A plain item link: host, maybe a path, and a query with exactly one "id" or "itemId" parameter,
# nothing to decode and no "&amp;" but as a separator ("https://www.goofish.com/item?id=…",
# "2.taobao.com/item.htm?spm=…&id=…"), ending where the URL body ends. On a Xianyu host read_link
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
PLAIN_TAIL_RE = re.compile(_PLAIN_TAIL)

# A link is found from its anchor, "://" after a scheme we read, or the top-level domain of a known
# site: a regex that tried a host pattern at every position of a 10 MB paste would be several
# times slower. Starting with one character class lets the regex engine skip straight to the next
# ":" or ".". A scheme is one of three fixed words, so lookbehinds check it and the same match goes
# on through the body: a "://" the regex accepts is never turned down afterwards (were it, the body
# just matched would be scanned again from the next anchor: quadratic). After http(s):// a plain
# link's host and id come out as groups. A known domain (group "tld") is checked in Python, host
# and all, before its body is matched.
_KNOWN_TLDS = "|".join(
    rf"(?<={any_case(label)}\.){any_case(tld)}"
    for label, _, tld in (d.rpartition(".") for d in (*MARKETPLACES, "goofish.com", SHORT_DOMAIN))
)
_SCHEME_LOOKBEHIND = "|".join(f"(?<={word}:)" for word in ("(?i:https)", "(?i:http)", "(?i:fleamarket)"))
_SCHEME_ANCHOR = rf"(?<=[pPsStT]:)(?:{_SCHEME_LOOKBEHIND})//"
_TLD_ANCHOR = rf"(?=[cChH])(?P<tld>{_KNOWN_TLDS})(?![A-Za-z0-9-])"
ANCHOR_RE = re.compile(
    rf"[:.](?:{_SCHEME_ANCHOR}(?:(?<=[pPsS]://)(?P<host>[A-Za-z0-9.-]+){_PLAIN_TAIL}|{_URL_BODY})|{_TLD_ANCHOR})"
)
# The same without plain links, for extract(shortcuts=False).
ANCHOR_WITHOUT_SHORTCUT_RE = re.compile(rf"[:.](?:{_SCHEME_ANCHOR}{_URL_BODY}|{_TLD_ANCHOR})")
# The last letter of an accepted scheme tells which of the three it is.
SCHEME_LENGTH_BY_LAST_LETTER = {"p": 4, "P": 4, "s": 5, "S": 5, "t": 10, "T": 10}
HOST_CHARS_RE = re.compile(r"[A-Za-z0-9.-]*")
INNER_SCHEME_RE = re.compile(r"(?:https?|fleamarket)://", re.IGNORECASE)

_SEPARATORS = " \t\u3000\u00a0,，、;；"
_DIGITS = "0-9０-９"
# Starts with a literal "\n" rather than "^" so the regex engine can jump from line to line, and
# fails on the first character of a line of prose. Only then does a lookahead look for a digit run
# long enough to report; the digit check before it makes each backtracking step over separators or
# a list marker fail at once, so the lookahead scans a line at most twice.
BARE_LINE_RE = re.compile(
    rf"\n[{_SEPARATORS}]*"
    rf"(?:(?:[0-9]{{1,4}}[.)][ \t\u3000]+|[-*•·][ \t\u3000]*))?"
    rf"(?=[{_DIGITS}])(?=[{_DIGITS}{_SEPARATORS}]*?[{_DIGITS}]{{{MIN_REPORTED_DIGITS}}})"
    rf"([{_DIGITS}][{_DIGITS}{_SEPARATORS}]*)(?=\n)"
)
# A paste of nothing but digits, separators and line breaks (a column copied from Excel) holds no
# link, and every line of it with a digit is a bare line: its digit runs are all there is to read.
NOT_ID_COLUMN_RE = re.compile(rf"[^{_DIGITS}{_SEPARATORS}\n]")
DIGIT_RUN_RE = re.compile(rf"[{_DIGITS}]+")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Ids that say what they are, in the text between links: a label (商品ID：…, 宝贝 id …), an itemId=…
# or itemId: … parameter, and a number Excel wrote in scientific notation (6.98765E+17). Each regex
# starts with a literal, so the regex engine skips from one to the next as fast as it finds a
# character (a character class first would make a 10 MB scan several times slower); lookbehinds
# check what comes before it. A number is found from the sign of its exponent, and MANTISSA_RE
# reads the digits before it.
_GAP = "[ \\t\\u3000]*"
_ID_VALUE = rf"{_GAP}[\"']?(?P<digits>[{_DIGITS}]+)(?![{_DIGITS}A-Za-z_]|\.[0-9])"
TEXT_ID_RES = (
    re.compile(rf"商品{_GAP}{_ID_KEY}{_GAP}[:：=]?{_ID_VALUE}"),
    re.compile(rf"宝贝{_GAP}{_ID_KEY}{_GAP}[:：=]?{_ID_VALUE}"),
    re.compile(rf"tem(?<=(?<![A-Za-z0-9_])[iI]tem)_?{_ID_KEY}[\"']?{_GAP}[:：=]{_ID_VALUE}"),
    re.compile(rf"TEM(?<=(?<![A-Za-z0-9_])[iI]TEM)_?{_ID_KEY}[\"']?{_GAP}[:：=]{_ID_VALUE}"),
    re.compile(r"\+(?<=[0-9][eE]\+)(?P<exponent>[0-9]{1,3})(?![0-9A-Za-z_]|\.[0-9])"),
)
# How many characters before a match its text starts (the "i" of "item").
TEXT_ID_LEADS = (0, 0, 1, 1, 0)
MANTISSA_RE = re.compile(r"(?<![0-9A-Za-z_.])[0-9](?:\.[0-9]{1,16})?[eE]\+\Z")
MAX_MANTISSA_CHARS = 20
EXCEL_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z_.])[0-9](?:\.[0-9]{1,16})?[eE]\+[0-9]{1,3}(?![0-9A-Za-z_]|\.[0-9])")
ROW_OF_IDS_RE = re.compile(rf"[{_DIGITS}{_SEPARATORS}]*")
# No id that says what it is is shorter ("1E+9").
MIN_TEXT_ID_CHARS = 4
