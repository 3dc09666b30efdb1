"""extract_item_ids on every link form sellers paste (short-link resolution: test_shortlinks.py)."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xianyu_desktop.core.items.links import (
    REASON_BAD_LENGTH,
    REASON_EXCEL_NUMBER,
    REASON_MAYBE_ROUNDED,
    REASON_NO_ID,
    REASON_NOT_XIANYU,
    REASON_SHORT_LINK,
    REASON_UNRESOLVED,
    Extraction,
    LinkProblem,
    canonical_item_url,
    extract_item_ids,
    is_valid_item_id,
    is_xianyu_host,
)
from xianyu_desktop.core.items.paste_scan import extract as extract_the_long_way

ID = "698765432109876543"
ID12 = "123456789012"
ID13 = "1234567890123"
REASONS = {
    REASON_SHORT_LINK,
    REASON_NOT_XIANYU,
    REASON_NO_ID,
    REASON_BAD_LENGTH,
    REASON_UNRESOLVED,
    REASON_EXCEL_NUMBER,
}
SHORT_MESSAGE = "短链接需要联网解析（使用 --resolve）"


# --- link forms -------------------------------------------------------------------------------------

LINK_FORMS = [
    ("https://2.taobao.com/item.htm?id=698765432109876543", "seed 2.taobao.com"),
    ("http://2.taobao.com/item.htm?spm=2007.1000337.0.0&id=698765432109876543", "http, id not first"),
    ("2.taobao.com/item.htm?id=698765432109876543", "2.taobao.com without scheme"),
    ("https://www.goofish.com/item?id=698765432109876543", "goofish id first"),
    ("https://www.goofish.com/item?spm=a21ybx.item.0.0&id=698765432109876543&categoryId=1", "id in middle"),
    ("https://www.goofish.com/item/698765432109876543", "goofish path id"),
    ("www.goofish.com/item?id=698765432109876543", "goofish without scheme"),
    ("https://m.goofish.com/item?id=698765432109876543", "m.goofish.com"),
    ("https://h5.m.goofish.com/item?id=698765432109876543", "h5.m.goofish.com id"),
    ("https://h5.m.goofish.com/item?itemId=698765432109876543&from=share", "h5 itemId"),
    ("https://h5.m.goofish.com/#/item?id=698765432109876543", "id in the fragment route"),
    (
        "https://market.m.taobao.com/app/idleFish-F2e/widle-taobao-rax/page-detail?wh_weex=true&id=698765432109876543",
        "market.m.taobao.com idleFish",
    ),
    ("https://market.m.taobao.com/app/idlefish-f2e/detail?id=698765432109876543", "idlefish lower case"),
    (
        "https://pages.goofish.com/sharexy?loadingVisible=false&bft=item&bfs=idlepc.item"
        "&bfp=%7B%22id%22%3A698765432109876543%7D",
        "bfp encoded JSON number",
    ),
    (
        "https://pages.goofish.com/sharexy?bft=item&bfp=%257B%2522id%2522%253A%2522698765432109876543%2522%257D",
        "bfp double-encoded JSON string",
    ),
    ('pages.goofish.com/sharexy?bft=item&bfp={"id":698765432109876543}', "bfp raw JSON, no scheme"),
    ("fleamarket://item?id=698765432109876543", "app scheme"),
    ("HTTPS://WWW.GOOFISH.COM/ITEM?ID=698765432109876543", "upper case"),
    ("https://www.goofish.com/item?spm=a&amp;id=698765432109876543&amp;x=1", "&amp; left from HTML"),
    ("https://www.goofish.com/item?id=698765432109876543#comments", "fragment after id"),
]


@pytest.mark.parametrize("link", [p[0] for p in LINK_FORMS], ids=[p[1] for p in LINK_FORMS])
def test_every_xianyu_link_form_yields_its_id(link: str) -> None:
    assert extract_item_ids(link) == Extraction(ids=[ID], problems=[], short_links=[])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("看看这个", "很便宜"),
        ("「", "」"),
        ("【", "】"),
        ("链接：", "，"),
        ("", "。"),
        ("", "！"),
        ("（", "）"),
        ('"', '"'),
        ("'", "'"),
        ("<", ">"),
        ("see ", "."),
        ("(", ")"),
        ("\t", "\n"),
        ("\u3000", "\u3000"),
    ],
)
@pytest.mark.parametrize("link", [canonical_item_url(ID), f"www.goofish.com/item?id={ID}"])
def test_link_glued_to_text_ends_where_url_characters_end(before: str, after: str, link: str) -> None:
    result = extract_item_ids(f"{before}{link}{after}还有别的")
    assert result.ids == [ID]
    assert result.problems == []


def test_html_anchor() -> None:
    html = f'<a href="https://www.goofish.com/item?spm=x&amp;id={ID}">iPhone</a><a href="{canonical_item_url(ID12)}">'
    assert extract_item_ids(html).ids == [ID, ID12]


def test_links_glued_together_are_split() -> None:
    text = f"{canonical_item_url(ID)},{canonical_item_url(ID12)}。https://https://www.goofish.com/item?id={ID13}"
    assert extract_item_ids(text).ids == [ID, ID12, ID13]


# --- other marketplaces, unknown sites, no id, bad length --------------------------------------------

OTHER_MARKETPLACES = [
    "https://item.taobao.com/item.htm?id=698765432109876543",
    "item.taobao.com/item.htm?id=698765432109876543",
    "https://h5.m.taobao.com/awp/core/detail.htm?id=698765432109876543",
    "https://market.m.taobao.com/app/tb-source-app/detail/index.html?id=698765432109876543",
    "https://detail.tmall.com/item.htm?id=698765432109876543",
    "https://chaoshi.detail.tmall.com/item.htm?id=698765432109876543",
    "https://item.jd.com/100012043978.html",
    "https://item.m.jd.com/product/100012043978.html?id=698765432109876543",
    "https://mobile.yangkeduo.com/goods.html?goods_id=698765432109876543",
    "https://www.pinduoduo.com/goods?id=698765432109876543",
]


@pytest.mark.parametrize("link", OTHER_MARKETPLACES)
def test_other_marketplaces_are_refused_never_read_as_ids(link: str) -> None:
    result = extract_item_ids(f"帮我看看 {link} 这个")
    assert result.ids == []
    assert result.short_links == []
    assert [(p.text, p.reason) for p in result.problems] == [(link, REASON_NOT_XIANYU)]
    assert "不是闲鱼商品链接" in result.problems[0].message


def test_marketplace_message_names_the_marketplace() -> None:
    (problem,) = extract_item_ids("https://detail.tmall.com/item.htm?id=698765432109876543").problems
    assert "天猫" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/?id=698765432109876543",
        "https://www.baidu.com/s?wd=698765432109876543",
        "http://192.168.1.1/item?id=698765432109876543",
        "https://goofish.com.evil.example/item?id=698765432109876543",
        "https://notgoofish.com/item?id=698765432109876543",
        "seller@goofish.com 698765432109876543",
        "ftp://www.goofish.com/item?id=698765432109876543",
    ],
)
def test_unknown_urls_are_ignored_silently(text: str) -> None:
    assert extract_item_ids(text) == Extraction(ids=[], problems=[], short_links=[])


@pytest.mark.parametrize(
    "link",
    [
        "https://www.goofish.com/",
        "https://www.goofish.com/search?q=iphone&id=",
        "https://www.goofish.com/personal?userId=2200687589812",
        "https://h5.m.goofish.com/item?id=abc",
        "https://pages.goofish.com/sharexy?bfp=%7B%22title%22%3A%22x%22%7D",
        "fleamarket://item",
    ],
)
def test_xianyu_link_without_an_id_is_no_id(link: str) -> None:
    result = extract_item_ids(link)
    assert result.ids == []
    assert [(p.text, p.reason) for p in result.problems] == [(link, REASON_NO_ID)]


@pytest.mark.parametrize(
    ("link", "digits"),
    [
        ("https://www.goofish.com/item?id=123456789", 9),
        ("https://www.goofish.com/item/12345678901234567890", 20),
        ("fleamarket://item?id=42", 2),
    ],
)
def test_xianyu_link_with_wrong_id_length_names_the_digit_count(link: str, digits: int) -> None:
    result = extract_item_ids(link)
    assert result.ids == []
    assert [(p.text, p.reason) for p in result.problems] == [(link, REASON_BAD_LENGTH)]
    assert f"{digits} 位" in result.problems[0].message


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("(https://item.taobao.com/item.htm?id=1)", "https://item.taobao.com/item.htm?id=1"),
        ("see https://item.taobao.com/item.htm?id=1.", "https://item.taobao.com/item.htm?id=1"),
        ("[https://item.taobao.com/item.htm?id=1]!", "https://item.taobao.com/item.htm?id=1"),
        ("https://item.taobao.com/item.htm?id=1&t=(a)", "https://item.taobao.com/item.htm?id=1&t=(a)"),
    ],
)
def test_problem_text_drops_sentence_punctuation_but_keeps_the_links_own_brackets(text: str, link: str) -> None:
    assert [p.text for p in extract_item_ids(text).problems] == [link]


def test_problem_text_is_trimmed_to_200_characters() -> None:
    link = "https://item.taobao.com/item.htm?id=698765432109876543&spm=" + "a" * 500
    (problem,) = extract_item_ids(link).problems
    assert len(problem.text) <= 200
    assert problem.text.startswith("https://item.taobao.com/item.htm?id=698765432109876543")


# --- short links and share texts ---------------------------------------------------------------------


def test_app_share_text_reports_its_short_link_and_nothing_else() -> None:
    share = "【闲鱼】https://m.tb.cn/h.5XyZabc?tk=AbCdEf1234 CZ0001 「九成新 iPhone 14 256G」 点击链接直接打开"
    result = extract_item_ids(share)
    assert result.ids == []
    assert result.short_links == ["https://m.tb.cn/h.5XyZabc?tk=AbCdEf1234"]
    assert result.problems == [LinkProblem("https://m.tb.cn/h.5XyZabc?tk=AbCdEf1234", REASON_SHORT_LINK, SHORT_MESSAGE)]


def test_short_link_without_scheme_is_listed_fetchable() -> None:
    result = extract_item_ids("复制 m.tb.cn/h.abc?tk=x 打开闲鱼")
    assert result.short_links == ["https://m.tb.cn/h.abc?tk=x"]
    assert [(p.text, p.reason) for p in result.problems] == [("m.tb.cn/h.abc?tk=x", REASON_SHORT_LINK)]


def test_same_short_link_twice_is_listed_once() -> None:
    text = "https://m.tb.cn/h.abc?tk=1\nhttps://m.tb.cn/h.abc?tk=1\nhttps://m.tb.cn/h.other"
    result = extract_item_ids(text)
    assert result.short_links == ["https://m.tb.cn/h.abc?tk=1", "https://m.tb.cn/h.other"]
    assert [p.text for p in result.problems] == ["https://m.tb.cn/h.abc?tk=1", "https://m.tb.cn/h.other"]


def test_short_link_with_an_upper_case_scheme_is_listed_in_lower_case() -> None:
    result = extract_item_ids("HTTPS://m.tb.cn/h.abc?tk=1 打开闲鱼")
    assert result.short_links == ["https://m.tb.cn/h.abc?tk=1"]
    assert [(p.text, p.reason) for p in result.problems] == [("HTTPS://m.tb.cn/h.abc?tk=1", REASON_SHORT_LINK)]


def test_xianyu_host_after_an_unknown_scheme_is_ignored_not_a_crash() -> None:
    assert extract_item_ids(f"a.goofish.com+x://www.goofish.com/item?id={ID}") == Extraction([], [], [])


# --- bare ids ----------------------------------------------------------------------------------------


def test_excel_column() -> None:
    assert extract_item_ids(f"{ID}\n{ID12}\n").ids == [ID, ID12]
    assert extract_item_ids(f"{ID}\r\n{ID12}\r\n{ID13}").ids == [ID, ID12, ID13]


@pytest.mark.parametrize("separator", [" ", ",", ", ", "，", "、", ";", "；", "\t", " \t ", "\u3000"])
def test_bare_ids_on_one_line(separator: str) -> None:
    assert extract_item_ids(f"{ID}{separator}{ID12}{separator}{ID13}").ids == [ID, ID12, ID13]


@pytest.mark.parametrize("marker", ["3. ", "3) ", "12. ", "- ", "* ", "• ", "  - "])
def test_bare_id_after_a_list_marker(marker: str) -> None:
    assert extract_item_ids(f"{marker}{ID}\n{marker}{ID12}").ids == [ID, ID12]


def test_excel_rows_with_a_row_number_column() -> None:
    assert extract_item_ids(f"1\t{ID}\n2\t{ID12}\n").ids == [ID, ID12]
    assert extract_item_ids(f"1\t{ID}\n2\t{ID12}\n").problems == []


def test_full_width_digits_from_a_chinese_input_method() -> None:
    assert extract_item_ids("１２３４５６７８９０１２").ids == [ID12]


@pytest.mark.parametrize("before", ["", "价格 4299\n"])
def test_seven_digits_on_a_line_are_reported_six_are_not(before: str) -> None:
    result = extract_item_ids(f"{before}1234567\n123456\n{ID12}")
    assert result.ids == [ID12]
    assert [(p.text, p.reason) for p in result.problems] == [("1234567", REASON_BAD_LENGTH)]


def test_bare_line_with_bad_lengths_reports_them_and_keeps_the_good_ones() -> None:
    result = extract_item_ids(f"{ID12}, 123456789, {ID13}\n12345678901234567890\n")
    assert result.ids == [ID12, ID13]
    assert [(p.text, p.reason) for p in result.problems] == [
        ("123456789", REASON_BAD_LENGTH),
        ("12345678901234567890", REASON_BAD_LENGTH),
    ]
    assert "9 位" in result.problems[0].message
    assert "20 位" in result.problems[1].message


@pytest.mark.parametrize(
    "prose",
    [
        "iPhone 14 Pro 256G 只要4299元",
        "价格 4299",
        "有意请打电话 13812345678 谢谢",
        "订单号 1234567890123",
        "订单号：1234567890123，已发货",
        "CZ0001",
        "3.14159265358979",
        "1234567890123号订单",
        "tel:13812345678",
        "version 1.2.3 of readme.md costs 4299",
    ],
)
def test_digits_in_prose_are_never_ids_nor_problems(prose: str) -> None:
    assert extract_item_ids(prose) == Extraction(ids=[], problems=[], short_links=[])


# --- ids that say what they are, and ids Excel has damaged -------------------------------------------

LABELLED = [
    "商品ID：745678901234567890",
    "商品ID:745678901234567890",
    "商品id: 745678901234567890",
    "商品 ID ： 745678901234567890",
    "宝贝ID 745678901234567890",
    "宝贝id：745678901234567890，九成新",
    "闲鱼商品ID：745678901234567890。",
    "商品ID：７４５６７８９０１２３４５６７８９０",
    "想出这个，商品ID：745678901234567890，价格 4299",
    "itemId=745678901234567890",
    "日志 GET /detail?itemId=745678901234567890&from=pc",
    "itemid: 745678901234567890",
    "ITEM_ID = 745678901234567890",
    "item_id：745678901234567890",
    '{"itemId": "745678901234567890", "price": 4299}',
    "itemId='745678901234567890'",
]


@pytest.mark.parametrize("text", LABELLED)
def test_labelled_ids_and_item_id_parameters_are_ids(text: str) -> None:
    assert extract_item_ids(text) == Extraction(ids=["745678901234567890"], problems=[], short_links=[])
    assert extract_the_long_way(text, shortcuts=False) == extract_item_ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "订单ID：745678901234567890",
        "ID：745678901234567890",
        "parentItemId=745678901234567890",
        "itemIds=745678901234567890",
        "itemId=745678901234567890abc",
        "商品ID：745678901234567890.5",
        "https://example.com/detail?itemId=745678901234567890",
        "https://item.taobao.com/item.htm?itemId=745678901234567890",
    ],
)
def test_other_labels_and_ids_inside_foreign_links_are_not_taken(text: str) -> None:
    assert extract_item_ids(text).ids == []


def test_a_labelled_id_of_the_wrong_length_is_reported_with_its_label() -> None:
    result = extract_item_ids("商品ID：12345，itemId=42 看看")
    assert result.ids == []
    assert [(p.text, p.reason) for p in result.problems] == [
        ("商品ID：12345", REASON_BAD_LENGTH),
        ("itemId=42", REASON_BAD_LENGTH),
    ]


def test_labelled_ids_keep_their_place_among_links_and_bare_lines() -> None:
    text = f"{canonical_item_url(ID12)} 商品ID：{ID}\n{ID13}\nitemId=1111111111111 {canonical_item_url(ID)}"
    assert extract_item_ids(text).ids == [ID12, ID, ID13, "1111111111111"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("6.98765E+17", "6.98765E+17"),
        ("6.98765432109877E+17\n", "6.98765432109877E+17"),
        ("商品ID：6.98765E+17", "6.98765E+17"),
        ("1\t6.98765e+17\t对手", "6.98765e+17"),
        ("7E+17", "7E+17"),
        ("1.23457E+11", "1.23457E+11"),
        ("1.23456789012346E+18。", "1.23456789012346E+18"),
    ],
)
def test_an_id_excel_wrote_in_scientific_notation_is_reported_with_what_to_do(text: str, number: str) -> None:
    result = extract_item_ids(text)
    assert result.ids == []
    assert [(p.text, p.reason) for p in result.problems] == [(number, REASON_EXCEL_NUMBER)]
    assert "Excel" in result.problems[0].message and "文本" in result.problems[0].message


@pytest.mark.parametrize(
    "row",
    [
        f"6.98765E+17\t{ID12}\t1",
        f"1\t{ID12}\t6.98765E+17",
        f"6.98765E+17, {ID12}, 1.23457E+11",
        f"6.98765E+17 6.98765E+17 {ID12}",
    ],
)
def test_ids_as_text_on_a_row_with_an_excel_number_are_taken(row: str) -> None:
    result = extract_item_ids(f"{ID}\n{row}\n{ID13}\n看看 6.98765E+17 {ID} 很便宜")
    assert result.ids == [ID, ID12, ID13]
    assert {p.reason for p in result.problems} == {REASON_EXCEL_NUMBER}


def test_a_column_mixing_good_ids_and_excel_numbers() -> None:
    result = extract_item_ids(f"{ID}\n6.98765E+17\n{ID12}\n1.23457E+12\n")
    assert result.ids == [ID, ID12]
    assert [p.text for p in result.problems] == ["6.98765E+17", "1.23457E+12"]


@pytest.mark.parametrize(
    "text", ["1.5E+3", "2.5E+8", "1E+20", "v6.98765E+17", "6.98765E+17x", "16.98765E+17", "6.9E+175"]
)
def test_numbers_that_cannot_be_an_id_are_not_reported_as_one(text: str) -> None:
    assert extract_item_ids(text) == Extraction(ids=[], problems=[], short_links=[])


@pytest.mark.parametrize(
    "text",
    [
        "698765432109876000",
        "1\t698765432109876000\n",
        "商品ID：698765432109876000",
        "itemId=698765432109876000",
        "6987654321098760000",
        f"{ID}\n698765432109876000\n698765432109876000",
    ],
)
def test_an_id_pasted_as_text_with_zeros_past_excels_15_digits_is_taken_with_a_note(text: str) -> None:
    result = extract_item_ids(text)
    rounded = next(i for i in result.ids if i.endswith("000"))
    assert result.problems == []
    assert [(n.text, n.reason) for n in result.notes] == [(rounded, REASON_MAYBE_ROUNDED)]
    assert "Excel" in result.notes[0].message and "已照常读取" in result.notes[0].message


@pytest.mark.parametrize(
    "text",
    [
        "698765432109876500",  # two zeros: Excel leaves the 15th digit and rounds only three
        "1234567890000",  # a 13-digit id ending in zeros is exact in Excel
        "https://www.goofish.com/item?id=698765432109876000",  # a link comes from the app, not Excel
        "6987654321098760001",
    ],
)
def test_ids_excel_cannot_have_rounded_carry_no_note(text: str) -> None:
    result = extract_item_ids(text)
    assert len(result.ids) == 1
    assert result.notes == []


# --- dedup and order ---------------------------------------------------------------------------------


def test_each_id_once_in_first_seen_order_across_links_and_bare_lines() -> None:
    text = "\n".join(
        [
            f"先看这个 {canonical_item_url(ID12)}",
            ID,
            f"https://h5.m.goofish.com/item?itemId={ID12}",
            f"{ID13}, {ID}",
            f"fleamarket://item?id={ID13}",
        ]
    )
    assert extract_item_ids(text).ids == [ID12, ID, ID13]


def test_exact_duplicate_problems_collapse_but_different_ones_stay() -> None:
    taobao = "https://item.taobao.com/item.htm?id=698765432109876543"
    tmall = "https://detail.tmall.com/item.htm?id=698765432109876543"
    result = extract_item_ids(f"{taobao}\n{tmall}\n{taobao}\n123456789\n123456789")
    assert [(p.text, p.reason) for p in result.problems] == [
        (taobao, REASON_NOT_XIANYU),
        (tmall, REASON_NOT_XIANYU),
        ("123456789", REASON_BAD_LENGTH),
    ]


# --- small helpers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidate", "valid"),
    [
        ("1234567890", True),
        ("1" * 19, True),
        (ID, True),
        ("123456789", False),
        ("1" * 20, False),
        ("１２３４５６７８９０１２", False),
        ("12345678901a", False),
        (" 1234567890", False),
        ("", False),
        ("٠١٢٣٤٥٦٧٨٩٠", False),
    ],
)
def test_is_valid_item_id(candidate: str, valid: bool) -> None:
    assert is_valid_item_id(candidate) is valid


def test_canonical_item_url_reads_back() -> None:
    assert canonical_item_url(ID12) == "https://www.goofish.com/item?id=123456789012"
    assert extract_item_ids(canonical_item_url(ID12)).ids == [ID12]


@pytest.mark.parametrize(
    ("host", "xianyu"),
    [
        ("www.goofish.com", True),
        ("GOOFISH.COM", True),
        ("h5.m.goofish.com", True),
        ("pages.goofish.com", True),
        ("2.taobao.com", True),
        ("www.goofish.com.", True),
        ("www.goofish.com:443", True),
        ("item.taobao.com", False),
        ("market.m.taobao.com", False),
        ("m.tb.cn", False),
        ("goofish.com.evil.example", False),
        ("notgoofish.com", False),
        ("", False),
    ],
)
def test_is_xianyu_host(host: str, xianyu: bool) -> None:
    assert is_xianyu_host(host) is xianyu


# --- properties --------------------------------------------------------------------------------------

FRAGMENTS = [
    "https://",
    "http://",
    "HTTPS://",
    "fleamarket://item?id=",
    "www.goofish.com/item?id=",
    "h5.m.goofish.com/item?itemId=",
    "www.goofish.com/item/",
    "2.taobao.com/item.htm?id=",
    "market.m.taobao.com/app/idleFish-F2e/x?id=",
    "pages.goofish.com/sharexy?bfp=%7B%22id%22%3A",
    "%7D",
    '{"id":',
    "}",
    "m.tb.cn/h.",
    "?tk=",
    "item.taobao.com/item.htm?id=",
    "detail.tmall.com/item.htm?id=",
    "example.com/?id=",
    "&amp;",
    "&id=",
    ".com",
    "://",
    "【闲鱼】",
    "「",
    "」",
    "CZ0001",
    "点击链接直接打开",
    "订单号 ",
    "3. ",
    "- ",
    "商品ID：",
    "宝贝 id ",
    "itemId=",
    "ITEM_ID:",
    '"itemId":"',
    "E+",
    "6.98765E+17",
    "000",
    "，",
    "、",
    "；",
    "。",
    " ",
    "\t",
    "\n",
    "\r\n",
    "(",
    ")",
    '"',
    "<",
]
pasted_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.from_regex(r"[0-9]{1,22}", fullmatch=True),
        st.sampled_from("看这个很便宜手机闲鱼０１２９"),
        st.text(max_size=4),
    ),
    max_size=40,
).map("".join)


def _assert_well_formed(result: Extraction) -> None:
    assert all(is_valid_item_id(item_id) for item_id in result.ids)
    assert len(set(result.ids)) == len(result.ids)
    assert all(p.reason in REASONS and p.message and len(p.text) <= 200 for p in result.problems)
    assert len({(p.text, p.reason) for p in result.problems}) == len(result.problems)
    assert all(url.startswith(("https://", "http://")) for url in result.short_links)
    assert all(n.reason == REASON_MAYBE_ROUNDED and n.text in result.ids for n in result.notes)
    assert len({n.text for n in result.notes}) == len(result.notes)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    _assert_well_formed(extract_item_ids(text))


@settings(max_examples=500, deadline=None)
@given(pasted_text)
def test_any_mix_of_link_fragments_is_safe(text: str) -> None:
    _assert_well_formed(extract_item_ids(text))


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[0-9]{10,19}", fullmatch=True), pasted_text, pasted_text)
def test_canonical_url_anywhere_is_found(item_id: str, before: str, after: str) -> None:
    result = extract_item_ids(f"{before} {canonical_item_url(item_id)} {after}")
    assert item_id in result.ids


@settings(max_examples=100, deadline=None)
@given(st.lists(st.from_regex(r"[0-9]{10,19}", fullmatch=True), max_size=30))
def test_pasted_column_comes_back_deduplicated_in_order(column: list[str]) -> None:
    assert extract_item_ids("\n".join(column)).ids == list(dict.fromkeys(column))


# --- shortcuts: a plain item link read from its match, a column of ids read in one pass ----------------

# Mostly links on the edge of the plain shape the finder reads from its match, some well outside it.
PLAIN_LINK_PARTS = {
    "before": ["", "", "", "看这个", "x", "@", "/", "_", "\n", "1"],
    "scheme": [
        "https://",
        "https://",
        "https://",
        "",
        "",
        "http://",
        "HTTPS://",
        "fleamarket://",
        "ftp://",
        "https://https://",
    ],
    "host": [
        "www.goofish.com",
        "www.goofish.com",
        "2.taobao.com",
        "2.taobao.com",
        "h5.m.goofish.com",
        "GOOFISH.COM.",
        "item.taobao.com",
        "item.taobao.com",
        "m.tb.cn",
        "market.m.taobao.com",
        "notgoofish.com",
        "u@goofish.com",
        "goofish.com:8080",
    ],
    "path": [
        "",
        "/item",
        "/item",
        "/item.htm",
        "/item/1234567890123",
        "/a%20b",
        "/a:b",
        "/a&amp;b",
        "/idleFish/x",
        "/https://x",
    ],
    "question": ["?", "?", "?", "?", "", "#?", "?&"],
    "key": [
        "id",
        "id",
        "itemId",
        "itemId",
        "spm",
        "spm",
        "ID",
        "item_id",
        " id",
        "i%64",
        "id+",
        'itemId"',
        "amp;id",
        "bfp",
        "İd",
        "",
    ],
    "equals": ["=", "=", "=", "=", "==", ""],
    "separator": ["&", "&", "&", "&amp;", "&amp;", "&amp;amp;amp;amp;", "&&", ";", "&amp"],
    "after": [
        "",
        "",
        " ",
        "很便宜",
        "\n",
        ".",
        "。",
        "{",
        '{"id":1}',
        "}",
        ")",
        "#x",
        "#/item?id=1234567890",
        "&",
        "'",
        ":",
    ],
}
PARAMETER_VALUES = [
    "",
    "a2170.1",
    "share",
    "x.",
    "a/b",
    "%31",
    "+1",
    "1234567890x",
    " 1234567890",
    "１２３４５６７８９０１",
    "698765432109876000",
    "6.98765E+17",
]


def random_plain_link(rng: random.Random) -> str:
    def part(name: str) -> str:
        return rng.choice(PLAIN_LINK_PARTS[name])

    def value() -> str:
        if rng.random() < 0.8:
            return str(rng.randrange(10 ** rng.choice([1, 6, 9, 9, 10, 12, 15, 18, 18, 19, 20])))
        return rng.choice(PARAMETER_VALUES)

    pairs = [part("key") + part("equals") + value() for _ in range(rng.choice([1, 1, 2, 2, 3]))]
    query = "".join((part("separator") if i else "") + pair for i, pair in enumerate(pairs))
    return part("before") + part("scheme") + part("host") + part("path") + part("question") + query + part("after")


def test_shortcuts_read_20_000_random_links_exactly_as_the_long_way_does() -> None:
    rng = random.Random(20240602)
    links = [random_plain_link(rng) for _ in range(20_000)]
    for link in links:
        assert extract_item_ids(link) == extract_the_long_way(link, shortcuts=False), link
    paste = "".join(links)
    assert extract_item_ids(paste) == extract_the_long_way(paste, shortcuts=False)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.randoms(use_true_random=False).map(random_plain_link), pasted_text))
def test_shortcuts_read_any_paste_exactly_as_the_long_way_does(text: str) -> None:
    assert extract_item_ids(text) == extract_the_long_way(text, shortcuts=False)


id_column = st.lists(
    st.one_of(
        st.from_regex(r"[0-9]{1,21}", fullmatch=True),
        st.text("0123456789０１２９\n\n\n \t,，、;；\u3000\u00a0", max_size=4),
        st.sampled_from(["-", ".", "x", "1. ", "- "]),
        st.just("\r\n"),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(id_column)
def test_a_column_of_ids_reads_exactly_as_its_lines_do(text: str) -> None:
    assert extract_item_ids(text) == extract_the_long_way(text, shortcuts=False)


# --- hostile pastes: linear time whatever the text ---------------------------------------------------------

HOSTILE = {
    "schemes": "https://" * 125_000,
    "unknown schemes": "ftp://" * 170_000,
    "hosts that are not Xianyu": "xgoofish.com/" * 77_000,
    "long hosts": ("a" * 250 + ".goofish.com/ ") * 3_800,
    "plain link spoilt at the end": "https://www.goofish.com/item?" + "a=b&" * 250_000 + "id=1234567890{",
    "separators": "https://www.goofish.com/item?" + "&amp;" * 200_000,
    "open braces": "https://goofish.com/x" + "{" * 1_000_000,
    "separators on a line": "\n" + " " * 1_000_000 + "x",
    "digits and separators on a line": "1 " * 500_000 + "x",
    "list markers": ("\n1. " + "1 " * 50 + "x") * 9_600,
    "full-width digits": "１" * 1_000_000 + "\n",
    "excel numbers on a line": "6.98765E+17\t" * 80_000 + "1234567890123",
    "exponent signs": "1E+" * 330_000,
    "labels": "商品ID：" * 200_000 + "1",
    "item id keys": "itemId=" * 140_000,
    "labels between links": ("商品ID：https://www.goofish.com/item?itemId=1234567890123 " * 16_000),
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_paste_of_a_megabyte_is_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    extract_item_ids(text)
    # Linear time is a fraction of a second; anything quadratic would take minutes.
    assert time.perf_counter() - started < 3.0


# --- a 10 MB paste -----------------------------------------------------------------------------------


def test_ten_megabyte_paste(capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(20240601)
    expected_ids: list[str] = []
    short_codes: set[str] = set()

    def new_id() -> str:
        item_id = str(rng.randrange(10**11, 10**19))
        expected_ids.append(item_id)
        return item_id

    def short_share() -> str:
        code = f"h.{rng.randrange(10**7):07d}"
        short_codes.add(code)
        return f"【闲鱼】https://m.tb.cn/{code}?tk=Ab{rng.randrange(999)} CZ0001 「iPhone 14」 点击链接直接打开"

    makers = [
        lambda: f"看看这个https://www.goofish.com/item?spm=a2170.1&id={new_id()}很便宜",
        lambda: f"https://h5.m.goofish.com/item?itemId={new_id()}&amp;from=share",
        short_share,
        lambda: f"价格{rng.randrange(100, 9999)}元，订单号 {rng.randrange(10**12, 10**13)}",
        lambda: f"有意请打电话 138{rng.randrange(10**8):08d} 谢谢，发顺丰",
        lambda: "这个手机成色很好，电池健康度百分之九十，没有维修记录，欢迎来问，version 1.2.3 see readme.md",
        lambda: f"{new_id()}\t{new_id()}",
        lambda: f"{rng.randrange(1, 500)}. {new_id()}",
        lambda: f"https://item.taobao.com/item.htm?id={rng.randrange(10**11, 10**13)}",
    ]
    lines: list[str] = []
    size = 0
    while size < 10_000_000:
        line = rng.choice(makers)()
        lines.append(line)
        size += len(line) + 1
    text = "\n".join(lines)

    started = time.perf_counter()
    result = extract_item_ids(text)
    elapsed = time.perf_counter() - started

    with capsys.disabled():
        print(f"\nextract_item_ids: {len(text) / 1e6:.1f} MB, {len(lines)} lines in {elapsed:.3f} s")
    assert elapsed < 5.0
    assert result.ids == list(dict.fromkeys(expected_ids))
    assert {url.split("/")[3].partition("?")[0] for url in result.short_links} == short_codes
    assert {p.reason for p in result.problems} == {REASON_SHORT_LINK, REASON_NOT_XIANYU}
