"""Before a lookup batch: how many calls it needs (fresh cached answers cost none), how many are left
today, and how long the calls take at the tier's pace, so a batch bigger than the day's quota is never
started without a word. Pure arithmetic; the CLI and the window word it and decide what to do."""

from __future__ import annotations

import math
from dataclasses import dataclass

from xianyu_desktop.core.gateway.limits import PACING_MARGIN, TierSpec

LONG_BATCH_S = 60.0  # a batch that fits but takes longer than this is announced too (CLI)


@dataclass(frozen=True, slots=True)
class BatchPlan:
    items: int  # unique ids asked for
    cached: int  # of which a fresh cached answer is used: no call
    remaining: int  # calls left today
    tier: TierSpec

    @property
    def calls(self) -> int:
        """Calls the batch needs (retries of failed calls come on top)."""
        return self.items - self.cached

    @property
    def fits(self) -> bool:
        return self.calls <= self.remaining

    @property
    def affordable(self) -> int:
        """Calls that can be made today."""
        return min(self.calls, self.remaining)

    @property
    def left_over(self) -> int:
        """Items that would need a call beyond today's quota."""
        return self.calls - self.affordable

    @property
    def seconds(self) -> float:
        """How long today's calls take at the tier's pace: the limiter spaces calls (1 + margin) / N apart,
        its margin at PACING_MARGIN on a calm machine (it widens only while calls leave late)."""
        return self.affordable * (1 + PACING_MARGIN) / self.tier.per_second

    @property
    def days_for_the_rest(self) -> int:
        """Whole days of quota the left-over items need after today's resets."""
        return math.ceil(self.left_over / self.tier.daily_calls)


def plan_batch(items: int, cached: int, remaining: int, tier: TierSpec) -> BatchPlan:
    if not 0 <= cached <= items or remaining < 0:
        raise ValueError(f"impossible batch: {items} items, {cached} cached, {remaining} left")
    return BatchPlan(items, cached, remaining, tier)


def format_duration(seconds: float) -> str:
    """'45 秒', '1 分 44 秒', '2 小时 5 分' (rounded up: a plan never promises less than it takes)."""
    whole = math.ceil(seconds)
    if whole < 60:
        return f"{whole} 秒"
    if whole < 3600:
        minutes, rest = divmod(whole, 60)
        return f"{minutes} 分" + (f" {rest} 秒" if rest else "")
    hours, rest = divmod(math.ceil(whole / 60), 60)
    return f"{hours} 小时" + (f" {rest} 分" if rest else "")


def describe_plan(plan: BatchPlan) -> str:
    """One paragraph in plain words (the command line's; the window words its own for translation)."""
    text = (
        f"这批 {plan.items} 个商品需要 {plan.calls} 次调用"
        + (f"（另有 {plan.cached} 个用缓存中的新鲜结果）" if plan.cached else "")
        + f"，今日还剩 {plan.remaining} 次（{plan.tier.label}权限：每天 {plan.tier.daily_calls} 次、"
        f"每秒 {plan.tier.per_second} 次）。"
    )
    if plan.fits:
        return text + f"按这个速度约需 {format_duration(plan.seconds)}。"
    return text + (
        f"今日额度只够 {plan.affordable} 个（约需 {format_duration(plan.seconds)}），"
        f"其余 {plan.left_over} 个要等北京时间零点额度重置后再查"
        f"（还需 {plan.days_for_the_rest} 天的额度）。"
    )
