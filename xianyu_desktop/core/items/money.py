"""Money as the seller reads it, in one place: the command line, the exports' text and the window all
show ``¥1,234.50``; JSON and CSV carry the plain decimal ``1234.50``. Money is Decimal, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
NO_PRICE = "—"


def format_money(value: Decimal | None, missing: str = NO_PRICE) -> str:
    """``¥1,234.50``; ``missing`` when there is no price (the window leaves its cell empty)."""
    return missing if value is None else f"¥{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def money_text(value: Decimal | None) -> str | None:
    """The plain decimal, two places (``1234.50``), for JSON and CSV; None when there is no price."""
    return None if value is None else str(value.quantize(CENT, rounding=ROUND_HALF_UP))
