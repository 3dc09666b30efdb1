"""What the 行情 tab says, in the interface language: the plan before spending, the progress, the item
(its inferred category and original price marked （推断）), the verdict (样本不足 plainly, and then no
price), the value score with its formula in the tooltip, the statistics and the suggested prices with
their one sentence of reasoning. Strangers' text (the item's title) goes only into plain-text labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from xianyu_desktop.core.market.comparison import Verdict
from xianyu_desktop.core.market.gather import MarketPlan, item_candidate
from xianyu_desktop.core.market.service import MarketProgress, MarketReport, MarketStage
from xianyu_desktop.core.market.stats import MIN_COMPARABLES, MIN_SELLERS, MarketStats
from xianyu_desktop.ui import formatting
from xianyu_desktop.ui.formatting import core_text

if TYPE_CHECKING:
    from xianyu_desktop.ui.market_tab import MarketTab


def _n(value: object) -> str:
    return str(value)


class MarketTexts(QObject):
    def __init__(self, tab: MarketTab) -> None:
        super().__init__(tab)
        self.tab = tab

    def score_formula(self) -> str:
        """core/market/stats.py's formula, as its docstring writes it."""
        return self.tr(
            "性价比得分（0–100）：\n"
            "每种成色有一个等级 r（全新 5，九成新 4，八成新 3，七成新 2，六成新及以下 1，配件机 0；未知按 2）；\n"
            "合理价 = M × 1.07^(r商品 − r中位)，M 为同款的中位价，r中位 为同款成色等级的中位数；\n"
            "q = 标价 ÷ 合理价；得分 = 100 ÷ (1 + q⁴)，保留一位小数。\n"
            "标价等于合理价得 50 分，半价得 94 分，1.5 倍得 16 分：越便宜分越高，同价时成色越好分越高。"
        )

    # --- before and during -------------------------------------------------------------------------------
    def plan(self, plan: MarketPlan) -> str:
        parts = [
            self.tr("商品本身 %1 次").replace("%1", _n(plan.item))
            if plan.item
            else self.tr("商品本身用缓存或已有的数据（不花调用）")
        ]
        if plan.search_pages or plan.search_cached:
            text = self.tr("同款搜索最多 %1 页").replace("%1", _n(plan.search_pages))
            if plan.search_cached:
                text += self.tr("（另有 %1 页用缓存，不花调用）").replace("%1", _n(plan.search_cached))
            parts.append(text)
        if plan.trade_records:
            parts.append(self.tr("成交记录最多查 %1 件同款").replace("%1", _n(plan.trade_records)))
        text = (
            self.tr("这次比价最多用 %1 次调用（上限 %2 次）：%3。今日还剩 %4 次。")
            .replace("%1", _n(plan.calls))
            .replace("%2", _n(plan.max_calls))
            .replace("%3", self.tr("，").join(parts))
            .replace("%4", _n(plan.remaining))
        )
        if not plan.fits:
            text += self.tr("今日剩下的调用不够这次比价用完。")
        if plan.left_out:
            text += self.tr("没有包括：") + self.tr("；").join(what.text(core_text) for what in plan.left_out)
        return text

    def stage(self, progress: MarketProgress) -> str:
        stages = {
            MarketStage.ITEM: self.tr("正在查询商品……"),
            MarketStage.SEARCH: self.tr("正在搜索同款……"),
            MarketStage.TRADE_RECORD: self.tr("正在查同款的成交记录……"),
            MarketStage.DONE: self.tr("比价完成"),
        }
        return stages[progress.stage] + self.tr("（已用 %1 次调用）").replace("%1", _n(progress.calls_used))

    def summary(self, report: MarketReport) -> str:
        text = self.tr("比价完成：用了 %1 次调用").replace("%1", _n(report.calls_used))
        if report.item_from_cache:
            text += self.tr("（商品本身用缓存）")
        notes = [note.text(core_text) for note in report.notes]
        lines = [text, *notes, *(failure.describe() for failure in report.failures)]
        if report.market_failed:
            lines.append(self.tr("同款行情一条也没有取到，下面只有商品本身。"))
        return "\n".join(lines)

    def recompared(self, report: MarketReport) -> str:
        return (
            self.tr("已按你的调整重新计算（没有用调用）：纳入 %1 件，排除 %2 件")
            .replace("%1", _n(len(report.comparison.comparables)))
            .replace("%2", _n(len(report.comparison.excluded)))
        )

    # --- the report ------------------------------------------------------------------------------------
    def show_report(self, report: MarketReport | None) -> None:
        tab = self.tab
        labels = [tab.item_label, tab.verdict_label, tab.score_label, tab.stats_label]
        labels += [tab.suggested_label, tab.reasoning_label]
        if report is None:
            for label in labels:
                label.clear()
            tab.verdict_label.setProperty("verdict", "")
            tab.score_label.setToolTip("")
            tab.chart.show_comparison(None, None)
            return
        comparison = report.comparison
        tab.chart.show_comparison(comparison, item_candidate(report.item))
        tab.item_label.setText(self.item(report))
        tab.verdict_label.setProperty("verdict", comparison.verdict.value)
        stats = comparison.stats
        if comparison.verdict is Verdict.THIN:
            tab.verdict_label.setText(self.thin(stats))
            tab.verdict_label.setStyleSheet("color: #c0392b;")
        else:
            text = self.tr("行情可信：%1 件同款，%2 位卖家")
            tab.verdict_label.setText(text.replace("%1", _n(stats.count)).replace("%2", _n(stats.sellers)))
            tab.verdict_label.setStyleSheet("color: #1e8449;")
        tab.score_label.setText(self.score(comparison.value_score))
        tab.score_label.setToolTip(formatting.plain_tooltip(self.score_formula()))
        tab.stats_label.setText("\n".join(t for t in (self.percentile(comparison.percentile), self.stats(stats)) if t))
        prices, reasoning = self.suggested(report)
        tab.suggested_label.setText(prices)
        tab.reasoning_label.setText(reasoning)

    def item(self, report: MarketReport) -> str:
        item, completion = report.item, report.completion
        inferred = self.tr("（推断）")
        lines = [item.title or "", formatting.money(item.price)]
        details = []
        if item.condition_label:
            details.append(self.tr("成色：") + core_text(item.condition_label))
        if completion.category:
            category = completion.category + (inferred if completion.category_inferred else "")
            details.append(self.tr("类目：") + category)
        if completion.original_price is not None:
            price = formatting.money(completion.original_price)
            details.append(self.tr("原价：") + price + (inferred if completion.original_price_inferred else ""))
        if details:
            lines.append(self.tr("；").join(details))
        return "\n".join(line for line in lines if line)

    def thin(self, stats: MarketStats) -> str:
        return (
            self.tr("样本不足：只找到 %1 件同款、%2 位卖家（至少要 %3 件、%4 位卖家），不给建议价。")
            .replace("%1", _n(stats.count))
            .replace("%2", _n(stats.sellers))
            .replace("%3", _n(MIN_COMPARABLES))
            .replace("%4", _n(MIN_SELLERS))
        )

    def score(self, score: float | None) -> str:
        if score is None:
            return self.tr("性价比得分：无法计算（没有价格或没有同款）")
        return self.tr("性价比得分 %1 / 100").replace("%1", f"{score:.1f}")

    def percentile(self, percentile: float | None) -> str:
        if percentile is None:
            return ""
        return self.tr("价格分位 %1%（比约 %1% 的同款贵）").replace("%1", f"{percentile:g}")

    def stats(self, stats: MarketStats) -> str:
        if stats.median is None:
            return ""
        money = formatting.money
        text = (
            self.tr("中位价 %1（P25 %2 – P75 %3），均价 %4，最低 %5，最高 %6")
            .replace("%1", money(stats.median))
            .replace("%2", money(stats.p25))
            .replace("%3", money(stats.p75))
            .replace("%4", money(stats.mean))
            .replace("%5", money(stats.min))
            .replace("%6", money(stats.max))
        )
        if stats.sold_median is not None:
            text += "\n" + self.tr("成交中位价 %1").replace("%1", money(stats.sold_median))
        return text

    def suggested(self, report: MarketReport) -> tuple[str, str]:
        """The two prices, and the sentence of reasoning; thin evidence gives no price."""
        suggested, stats = report.comparison.suggested, report.comparison.stats
        if suggested is None:
            return self.tr("样本不足，不给建议价"), ""
        money = formatting.money
        sold = (
            self.tr("，近期成交中位价 %1").replace("%1", money(stats.sold_median))
            if stats.sold_median is not None
            else ""
        )
        reasoning = (
            self.tr(
                "同款在售 %1 件（%2 位卖家），中位价 %3%4：标 %5 比约四分之三的同款便宜，容易很快卖出；"
                "标 %6 在中位价与较高的四分之一之间，需要多等买家。"
            )
            .replace("%1", _n(stats.count))
            .replace("%2", _n(stats.sellers))
            .replace("%3", money(stats.median))
            .replace("%4", sold)
            .replace("%5", money(suggested.quick_sale))
            .replace("%6", money(suggested.patient))
        )
        prices = (
            self.tr("快速出手价 %1　耐心价 %2")
            .replace("%1", money(suggested.quick_sale))
            .replace("%2", money(suggested.patient))
        )
        return prices, reasoning
