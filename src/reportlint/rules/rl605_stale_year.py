"""RL605 stale-year."""

from __future__ import annotations

from reportlint.analysis.years import years
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class StaleYear(Rule):
    """A sentence about the report year's work names the previous year.

    Reports are often written over last year's text; a sentence such as
    ``2020年，我局…`` left in a 2021 report says this year's work happened last year.
    Only sentences that start with the previous year followed by the agency's work
    (the agency's name, ``我局``, ``全年``, ``共``, ``主动公开``…) are reported. Earlier
    years in comparisons (``同比``, ``较上年``, a sentence naming two years), names of
    documents (``《2020年政务公开工作要点》``), dates of events (``2020年12月``) and
    ``2020年以来`` are legitimate and not reported; plans are RL606.

    Bad:
        2021年政府信息公开工作年度报告
        2020年，我局在政府网站主动公开政府信息106条。
    Good:
        2021年政府信息公开工作年度报告
        2021年，我局在政府网站主动公开政府信息106条，较2020年增加12条。
    """

    code = "RL605"
    name = "stale-year"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "记述本年工作的句子写成了上一年的年份。"
    rationale_zh = (
        "年报常在上一年的文本上改写，2021年年报里残留“2020年，我局……”，等于说本年工作发生在上一年。"
        "只报告以上一年份开头、紧接着记述本机关工作（机关名称、“我局”“全年”“共”“主动公开”等）的句子。"
        "比较中出现的往年（“同比”“较上年”、同时写两个年份的句子）、文件名（《2020年政务公开工作要点》）、"
        "事件日期（“2020年12月”）和“2020年以来”都是正常写法，不报告；工作计划见 RL606。"
    )
    messages = {
        "stale": T(
            "{year}年年报中记述本年工作的句子写的是“{found}年”（上一年），疑为沿用上年文本；请改为“{year}年”并核对这句话的内容",
            "a sentence about the work of {year} names '{found}年' (the previous year), probably left from last year's "
            "report; change it to '{year}年' and check what the sentence says",
        ),
    }

    def check(self, doc):
        year = doc.meta.year
        if year is None:
            return
        y = years(doc)
        if y.title_is_odd() is not None:
            return  # the whole body uses another year than the title: one finding, RL604
        for m in y.mentions:
            if m.kind == "record" and not m.compared and m.year == year - 1:
                yield self.report(doc, m.span, "stale", year=year, found=m.year)
