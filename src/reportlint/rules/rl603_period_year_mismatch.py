"""RL603 period-year-mismatch."""

from __future__ import annotations

from reportlint.analysis.years import years
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class PeriodYearMismatch(Rule):
    """The statistical period is a different year from the report year.

    A 2021 report whose period reads ``自2020年1月1日起至2020年12月31日止`` still
    carries last year's sentence: the figures are said to cover the wrong year. The
    period must be 1 January – 31 December of the report year (the year in the
    title). When the period and the body's own sentences agree with each other and
    only the title differs, the title is the one to correct (RL604), not the period.

    Bad:
        2021年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。
        2021年，我局……
    Good:
        2021年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
        2021年，我局……
    """

    code = "RL603"
    name = "period-year-mismatch"
    category = "period"
    severity = Severity.ERROR
    summary_zh = "统计期限的年份与报告年度不一致。"
    rationale_zh = (
        "2021年年报的统计期限写成“自2020年1月1日起至2020年12月31日止”，是沿用了上一年的句子，"
        "数据所属年度就错了。统计期限应为报告年度（标题中的年份）的1月1日至12月31日。"
        "如果统计期限与正文所述年份一致、只有标题不同，应改的是标题（RL604），不报本规则。"
    )
    messages = {
        "mismatch": T(
            "统计期限是{period}年，报告年度是{year}年；请改为“自{year}年1月1日起至{year}年12月31日止”",
            "the statistical period is the year {period} but the report year is {year}; "
            "change it to '自{year}年1月1日起至{year}年12月31日止' (1 January – 31 December {year})",
        ),
        "mismatch_year_only": T(
            "统计期限写的是{period}年度，报告年度是{year}年；请改为“自{year}年1月1日起至{year}年12月31日止”",
            "the statistical period is given as {period} but the report year is {year}; "
            "change it to '自{year}年1月1日起至{year}年12月31日止' (1 January – 31 December {year})",
        ),
    }

    def check(self, doc):
        m = doc.meta
        if m.year is None or (m.year_source == "period" and not doc.facts.get("year")):
            return  # the report year was read off the period itself
        if (
            m.year_source == "body"
            and not doc.facts.get("year")
            and m.year_span is not None
            and m.period_span is not None
            and m.year_span[0] >= m.period_span[1]
        ):
            return  # no title: the year came from a sentence after the period (`按时公布2010年…年度报告`)
        y = years(doc)
        if y.title_is_odd() is not None:
            return  # the title is the odd one out: RL604
        if y.period is not None:
            if y.period != m.year:
                span = (m.period_start.span[0], m.period_end.span[1])
                yield self.report(doc, span, "mismatch", period=y.period, year=m.year)
        elif y.period_only_year is not None:
            period, span = y.period_only_year
            if period != m.year:
                yield self.report(doc, span, "mismatch_year_only", period=period, year=m.year)
