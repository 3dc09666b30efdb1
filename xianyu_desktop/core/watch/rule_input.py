"""What a seller types for a watched item's rules (target price, drop threshold, note), read the same
way in the window's table and by ``watch set``: one set of rules, one set of refusals."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation

NOTE_MAX_CHARS = 500
MAX_PRICE = Decimal("100000000")  # ¥100,000,000: beyond any second-hand listing, and a typo's mark


class RuleInputProblem(enum.StrEnum):
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"


class RuleInputError(ValueError):
    """A value the seller typed that cannot be a rule; the message is one plain line."""

    def __init__(self, problem: RuleInputProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def _number(text: str, what: str) -> Decimal:
    cleaned = text.strip().lstrip("¥￥").replace(",", "").replace("，", "").rstrip("%％≥>= ")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise RuleInputError(RuleInputProblem.NOT_A_NUMBER, f"{what}要是数字：{text!r}") from None
    if not value.is_finite():
        raise RuleInputError(RuleInputProblem.NOT_A_NUMBER, f"{what}要是数字：{text!r}")
    return value


def parse_target_price(text: str) -> Decimal | None:
    """A price in yuan (``¥3,500``, ``3500.5``), to the fen; empty text means no target."""
    if not text.strip():
        return None
    value = _number(text, "目标价")
    if value <= 0 or value > MAX_PRICE:
        raise RuleInputError(RuleInputProblem.OUT_OF_RANGE, f"目标价要大于 0、不超过 {MAX_PRICE:,} 元：{text!r}")
    return value.quantize(Decimal("0.01"))


def parse_threshold_pct(text: str) -> Decimal:
    """The drop in percent that raises an alert (``8``, ``8%``, ``≥8%``): more than 0, at most 100."""
    value = _number(text, "降价提醒幅度")
    if not 0 < value <= 100:
        raise RuleInputError(RuleInputProblem.OUT_OF_RANGE, f"降价提醒幅度要大于 0、不超过 100（%）：{text!r}")
    return value


def parse_note(text: str) -> str:
    """A note as typed (commas, ¥ and all), without surrounding spaces; refused rather than cut when long."""
    note = text.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise RuleInputError(
            RuleInputProblem.TOO_LONG, f"备注最多 {NOTE_MAX_CHARS} 个字（现在 {len(note)} 个），请写短一些"
        )
    return note
