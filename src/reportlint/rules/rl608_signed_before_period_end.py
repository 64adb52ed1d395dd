"""RL608 signed-before-period-end."""

from __future__ import annotations

from datetime import date

from reportlint.analysis.years import deadline, effective_year, issued_on
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


def _cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class SignedBeforePeriodEnd(Rule):
    """The report is dated before its statistical period ended.

    A report for a year can only be written after 31 December of that year; the date
    at its end must fall in the following year, on or before the deadline. A date
    before 31 December of the report year is a typo, or the date of last year's
    report kept in a copied text (a date on 31 December itself is not reported).

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        ……
        常熟市科学技术局
        2021年1月24日
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        ……
        常熟市科学技术局
        2022年1月24日
    """

    code = "RL608"
    name = "signed-before-period-end"
    category = "period"
    severity = Severity.ERROR
    summary_zh = "落款日期早于统计期限结束。"
    rationale_zh = (
        "某一年度的年报只能在该年12月31日之后形成，落款日期应在下一年、且不晚于发布期限。"
        "落款日期早于报告年度的12月31日，不是笔误，就是复制上一年报告时留下的旧日期（落款为12月31日当天的不报告）。"
    )
    messages = {
        "early_published": T(
            "发布页面注明的发布日期{date}早于统计期限结束（{year}年12月31日），{year}年年报不可能在此之前发布；"
            "请核对报告年度和发布日期（应在{first}至{last}之间）",
            "the publishing page dates the report {date}, before its period ended (31 December {year}); "
            "check the report year and the date of issue (between {first} and {last})",
        ),
        "early": T(
            "落款日期{date}早于统计期限结束（{year}年12月31日），{year}年年报不可能在此之前发布；"
            "请改为实际发布日期（{first}至{last}之间）",
            "the report is dated {date}, before its period ended (31 December {year}); "
            "change it to the real date of issue (between {first} and {last})",
        ),
    }

    def check(self, doc):
        year = effective_year(doc)
        issued = issued_on(doc)
        if year is None or issued is None:
            return
        when, source = issued
        if when.value >= date(year, 12, 31):
            return  # after the period, or on its last day (not before it ended: left to the reviewer)
        due, _basis = deadline(doc)
        yield self.report(
            doc,
            when.span,
            "early" if source == "signature" else "early_published",
            date=when.raw.strip(),
            year=year,
            first=f"{year + 1}年1月1日",
            last=_cn(due),
        )
