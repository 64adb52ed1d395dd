"""RL602 period-not-full-year."""

from __future__ import annotations

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


def _cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class PeriodNotFullYear(Rule):
    """The statistical period is not 1 January – 31 December of one year.

    The annual report covers the calendar year (第四十九条): the period runs from
    1 January to 31 December of the report year. A period that starts later, ends
    earlier, runs across two years or has no end date leaves figures out or counts
    them twice. (A full calendar year of the wrong year is RL603.)

    Bad:
        本报告中所列数据的统计期限自2021年1月1日起至2021年11月30日止。
    Good:
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
    """

    code = "RL602"
    name = "period-not-full-year"
    category = "period"
    severity = Severity.ERROR
    summary_zh = "统计期限不是某一年的1月1日至12月31日。"
    rationale_zh = (
        "年报统计的是整个自然年度（条例第四十九条）：统计期限应为报告年度的1月1日至12月31日。"
        "起始日偏后、截止日提前、跨越两年或没有截止日，都会漏计或重复统计。（整年但年份不对的，见 RL603。）"
    )
    messages = {
        "partial": T(
            "统计期限为{start}至{end}，不是一个完整的自然年度；请改为“{year}年1月1日至{year}年12月31日”",
            "the statistical period {start} – {end} is not a whole calendar year; "
            "change it to 1 January – 31 December {year} ('{year}年1月1日至{year}年12月31日')",
        ),
        "no_end": T(
            "统计期限只有起始日期{start}，缺少截止日期；请写明“{year}年1月1日至{year}年12月31日”",
            "the statistical period has a start date ({start}) but no end date; "
            "write '{year}年1月1日至{year}年12月31日' (1 January – 31 December {year})",
        ),
    }

    def check(self, doc):
        m = doc.meta
        if m.period_start is None:
            return
        a = m.period_start.value
        year = m.year or a.year
        if m.period_end is None:
            yield self.report(doc, m.period_start.span, "no_end", start=_cn(a), year=year)
            return
        b = m.period_end.value
        if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
            return
        span = (m.period_start.span[0], m.period_end.span[1])
        yield self.report(doc, span, "partial", start=_cn(a), end=_cn(b), year=year)
