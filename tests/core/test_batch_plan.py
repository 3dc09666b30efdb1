"""The batch plan's arithmetic: calls needed (cached answers cost none), what is left, how long."""

from __future__ import annotations

import pytest

from xianyu_desktop.core.gateway.batch_plan import describe_plan, format_duration, plan_batch
from xianyu_desktop.core.gateway.limits import Tier

PERSONAL = Tier.PERSONAL.spec
BASIC = Tier.BASIC.spec


def test_300_ids_on_the_personal_tier_with_the_whole_day_left():
    plan = plan_batch(300, 0, 100, PERSONAL)
    assert (plan.calls, plan.fits, plan.affordable, plan.left_over, plan.days_for_the_rest) == (300, False, 100, 200, 2)
    assert plan.seconds == pytest.approx(101.5)  # one call every 1.015 s: the pacing margin at its floor
    assert describe_plan(plan) == (
        "这批 300 个商品需要 300 次调用，今日还剩 100 次（个人测试权限：每天 100 次、每秒 1 次）。"
        "今日额度只够 100 个（约需 1 分 42 秒），其余 200 个要等北京时间零点额度重置后再查（还需 2 天的额度）。"
    )


def test_cached_answers_cost_no_call():
    plan = plan_batch(300, 220, 100, PERSONAL)
    assert (plan.calls, plan.fits, plan.affordable, plan.left_over) == (80, True, 80, 0)
    assert describe_plan(plan) == (
        "这批 300 个商品需要 80 次调用（另有 220 个用缓存中的新鲜结果），今日还剩 100 次"
        "（个人测试权限：每天 100 次、每秒 1 次）。按这个速度约需 1 分 22 秒。"
    )


def test_nothing_left_today():
    plan = plan_batch(5, 0, 0, PERSONAL)
    assert (plan.fits, plan.affordable, plan.left_over, plan.days_for_the_rest, plan.seconds) == (False, 0, 5, 1, 0)


def test_the_rate_of_the_tier_sets_the_time():
    plan = plan_batch(10_000, 0, 10_000, BASIC)
    assert plan.fits
    assert plan.seconds == pytest.approx(2030.0)  # 5 a second, paced 1.5 % apart (the margin's floor)
    assert format_duration(plan.seconds) == "33 分 50 秒"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 秒"), (0.2, "1 秒"), (59.5, "1 分"), (104, "1 分 44 秒"), (3600, "1 小时"), (7501, "2 小时 6 分")],
)
def test_durations_round_up(seconds, words):
    assert format_duration(seconds) == words


def test_an_impossible_batch_is_a_bug():
    with pytest.raises(ValueError):
        plan_batch(3, 4, 10, PERSONAL)
