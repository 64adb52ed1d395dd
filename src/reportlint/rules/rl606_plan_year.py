"""RL606 plan-year."""

from __future__ import annotations

from reportlint.analysis.years import effective_year, years
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.intervals import Intervals
from reportlint.rules.base import Rule


class PlanYear(Rule):
    """A plan for the coming year names the report year (or an earlier one).

    The plans in a report (``XXXX年工作打算``, ``下一步``, ``2022年，我局将继续…``) are
    for the year after the report year. A 2010 report with the heading
    ``2010年工作打算`` has kept last year's heading: the plan should be for 2011.
    Reported: headings of plans (``工作打算``, ``工作计划``, ``工作思路``…) whose year is not
    after the report year, and sentences that start with such a year followed by the
    future (``将继续``, ``将进一步``…). ``将`` marking an object (``将…纳入``) is not the
    future, nor is ``计划`` in a record (``2021年，我局计划投资…``); plans for the next
    year are correct.

    Bad:
        张家口市科学技术和地震局2010年政府信息公开年度报告
        （三）、2010年工作打算
    Good:
        张家口市科学技术和地震局2010年政府信息公开年度报告
        （三）、2011年工作打算
    """

    code = "RL606"
    name = "plan-year"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "对下一年的工作打算写成了报告年度（或更早）的年份。"
    rationale_zh = (
        "年报中的工作打算（“XXXX年工作打算”“下一步”“2022年，我局将继续……”）是针对报告年度的下一年。"
        "2010年年报中出现“2010年工作打算”，说明沿用了上一年的标题，计划应是2011年的。报告两种情况："
        "年份不晚于报告年度的计划类标题（“工作打算”“工作计划”“工作思路”等），以及以这样的年份开头、"
        "紧接着表示将来（“将继续”“将进一步”等）的句子。表示处置的“将”（“将……纳入”）和记述中的“计划”"
        "（“2021年，我局计划投资……”）不算将来；写下一年的计划是正确的。"
    )
    messages = {
        "heading": T(
            "“{text}”是{year}年年报中的工作打算，应针对下一年；请把“{found}年”改为“{next}年”",
            "'{text}' is a plan in the {year} report and must be for the next year; change '{found}年' to '{next}年'",
        ),
        "sentence": T(
            "{year}年年报中的工作计划写的是“{found}年”，应针对下一年；请把“{found}年”改为“{next}年”",
            "a plan in the {year} report names '{found}年'; plans are for the next year: change '{found}年' to '{next}年'",
        ),
    }

    def check(self, doc):
        year = effective_year(doc)
        if year is None:
            return
        y = years(doc)
        taken = []
        for h in y.headings:
            if h.year <= year:
                taken.append(h.year_span)
                yield self.report(doc, h.year_span, "heading", text=h.text, year=year, found=h.year, next=year + 1)
        headings = Intervals(taken)
        for m in y.mentions:
            if m.kind == "plan" and m.year <= year and m.span[0] not in headings:
                yield self.report(doc, m.span, "sentence", year=year, found=m.year, next=year + 1)
