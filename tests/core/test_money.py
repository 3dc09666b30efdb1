"""One money formatter: ¥ with thousands and two places to the fen for people, the plain decimal for data."""

from __future__ import annotations

from decimal import Decimal

from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.items.money import format_money, money_text


def test_money_reads_the_same_everywhere():
    assert format_money(Decimal("1234.5")) == "¥1,234.50"
    assert format_money(Decimal("0.005")) == "¥0.01"  # half up, as prices are read
    assert format_money(Decimal("99999999.99")) == "¥99,999,999.99"
    assert format_money(None) == "—" and format_money(None, missing="") == ""


def test_data_carries_the_plain_decimal():
    assert money_text(Decimal("1234.5")) == "1234.50" and money_text(None) is None
    item = Item("612345678901234567", price=Decimal("3999"), original_price=None)
    assert (item.to_json_dict()["price"], item.to_json_dict()["original_price"]) == ("3999.00", None)
