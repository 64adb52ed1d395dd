"""RL601 period-missing."""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.i18n import T
from reportlint.rule import Rule
from reportlint.rules._rl6_common import years


class PeriodMissing(Rule):
    """The report does not state its statistical period.

    Nearly every report says which period its figures cover, in the opening
    paragraph: ``本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止``. Without
    it a reader cannot tell whether the figures cover the calendar year (第四十九条).
    The 2008 Regulation (reports for 2018 and earlier) did not ask for the sentence,
    so for those reports this is only a note. A period given as a year
    (``统计期限为2021年度``) counts as stated. Nothing is reported when the report year
    is unknown (a blank template, a text that is not a report).

    Bad:
        本年报是根据《政府信息公开条例》要求，由常熟市科学技术局编制的2021年政府信息公开工作年度报告。
        全文包括总体情况、主动公开政府信息情况……
    Good:
        本年报是根据《政府信息公开条例》要求，由常熟市科学技术局编制的2021年政府信息公开工作年度报告。
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
    """

    code = "RL601"
    name = "period-missing"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "报告没有写明统计期限。"
    rationale_zh = (
        "几乎所有年报都在开头写明数据的统计期限，如“本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止”。"
        "缺少这句话，读者无法确认数据是否覆盖整个自然年度（条例第四十九条）。2008年条例（2018年及以前的年报）"
        "未要求写这句话，对这类年报只作提示。以年度表述的统计期限（“统计期限为2021年度”）视为已写明。"
        "报告年度不明时（空白模板、非年报文本）不检查。"
    )
    messages = {
        "missing": T(
            "未写明统计期限；请在开头一段加上“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。”",
            "the statistical period is not stated; add to the opening paragraph: "
            "'本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。' "
            "(the figures cover 1 January to 31 December {year})",
        ),
        "missing_old": T(
            "未写明统计期限（2008年条例未作要求，仅提示）；建议在开头一段加上“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。”",
            "the statistical period is not stated (the 2008 Regulation did not require it; a note only); "
            "consider adding to the opening paragraph: '本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。'",
        ),
    }

    def check(self, doc):
        year = doc.meta.year
        if year is None or doc.meta.period_start is not None:
            return
        if years(doc).period_only_year is not None:
            return
        if doc.format == "pre2019" or year <= 2018:
            yield self.report(doc, None, "missing_old", year=year, severity=Severity.INFO)
            return
        yield self.report(doc, None, "missing", year=year)
