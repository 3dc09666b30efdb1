"""Field completion (the seed's 字段补全): the category an item's answer left out, and its original (new)
price, inferred from the title through the vocabulary. Every value says whether it is the gateway's or
inferred, and nothing is written into the Item: shown or exported, an inferred value stays marked.

  - category: the gateway's when it sent one; else the category of the model the title names
    ("iPhone 14 256GB" → 苹果手机); else, when the title names only a brand whose models the vocabulary
    files under one category, that category; else none.
  - original price: the gateway's when it sent one; else the vocabulary's new price of the model, for the
    variant the title names when the vocabulary prices variants; else none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xianyu_desktop.core.items.item import Item
from xianyu_desktop.core.items.money import money_text
from xianyu_desktop.core.market.normalize import normalize_title
from xianyu_desktop.core.market.template import Template, extract_template
from xianyu_desktop.core.market.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Completion:
    category: str | None = None
    category_inferred: bool = False
    original_price: Decimal | None = None
    original_price_inferred: bool = False

    def to_json_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "category_inferred": self.category_inferred,
            "original_price": money_text(self.original_price),
            "original_price_inferred": self.original_price_inferred,
        }


def complete_fields(item: Item, vocabulary: Vocabulary, template: Template | None = None) -> Completion:
    """The item's category and original price, each from the gateway or inferred (``template``: the
    title's, when the caller has it already)."""
    if template is None:
        template = extract_template(item.title or "", vocabulary)
    category, category_inferred = item.category or None, False
    if category is None:
        category = template.category or _brand_category(item.title or "", vocabulary)
        category_inferred = category is not None
    price, price_inferred = item.original_price, False
    if price is None and template.new_price is not None:
        price, price_inferred = template.new_price, True
    return Completion(category, category_inferred, price, price_inferred)


def _brand_category(title: str, vocabulary: Vocabulary) -> str | None:
    """The one category of every model of the title's brand, when there is one."""
    brand = vocabulary.brand_in(normalize_title(title)) if title else None
    if brand is None:
        return None
    categories = {m.category for m in vocabulary.models if m.brand == brand}
    return categories.pop() if len(categories) == 1 else None
