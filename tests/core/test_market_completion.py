"""Field completion: a missing category and original price inferred from the title through the
vocabulary, each marked inferred, the gateway's values kept as they came, the Item never changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.market.completion import Completion, complete_fields
from xianyu_desktop.core.market.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


@pytest.mark.parametrize(
    ("title", "category", "price"),
    [
        ("iPhone 14 256GB", "苹果手机", Decimal("6899")),  # the seed's example
        ("苹果14pro 512g 暗紫", "苹果手机", Decimal("10699")),
        ("iPhone 14 无锁 电池90", "苹果手机", None),  # no storage named: which new price is unknown
    ],
)
def test_a_missing_category_and_price_are_inferred_and_marked(vocabulary, title, category, price):
    item = Item("123456789012", title=title)
    completed = complete_fields(item, vocabulary)
    assert (completed.category, completed.category_inferred) == (category, True)
    assert completed.original_price == price and completed.original_price_inferred is (price is not None)
    assert item.category is None and item.original_price is None  # never written into the item


def test_the_gateways_values_are_kept_and_not_marked(vocabulary):
    item = Item("123456789012", title="iPhone 14 256GB", category="手机", original_price=Decimal("6000"))
    assert complete_fields(item, vocabulary) == Completion("手机", False, Decimal("6000"), False)


def test_an_unknown_product_infers_nothing(vocabulary):
    completed = complete_fields(Item("123456789012", title="自制 手工 木头 小板凳"), vocabulary)
    assert completed == Completion()
    assert completed.to_json_dict() == {
        "category": None,
        "category_inferred": False,
        "original_price": None,
        "original_price_inferred": False,
    }


def test_the_json_gives_money_as_a_decimal_string(vocabulary):
    data = complete_fields(Item("123456789012", title="iPhone 14 256G"), vocabulary).to_json_dict()
    assert data == {
        "category": "苹果手机",
        "category_inferred": True,
        "original_price": "6899.00",
        "original_price_inferred": True,
    }


def test_a_brand_whose_models_share_one_category_gives_it_without_a_model(vocabulary):
    completed = complete_fields(Item("123456789012", title="OPPO 老款手机 备用机"), vocabulary)
    assert (completed.category, completed.category_inferred, completed.original_price) == ("OPPO手机", True, None)
    assert complete_fields(Item("123456789012", title="苹果 老款 备用"), vocabulary).category is None  # many
