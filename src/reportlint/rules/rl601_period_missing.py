"""RL601 period-missing."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.analysis.years import years
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


@lru_cache(maxsize=1)
def _garbled() -> re.Pattern | None:
    pattern = ruledata.load("meta")["period"].get("garbled")
    return pattern_store.compile(pattern, re.M) if pattern else None


def _garbled_sentence(doc):
    """The sentence that states a period whose dates cannot be read (text span, text)."""
    pat = _garbled()
    if pat is None:
        return None
    v = doc.view.text
    m = pat.search(v, 0, min(len(v), 6000))
    if m is None:
        return None
    s = max(v.rfind(ch, 0, m.start() + 1) for ch in "。\n;") + 1
    while s < m.end() and v[s] in " \t,":
        s += 1
    stop = v.find("。", m.end() - 1)
    nl = v.find("\n", m.end())
    e = min(x for x in (stop + 1 if stop != -1 else len(v), nl if nl != -1 else len(v)))
    return doc.view.to_source(s, e), v[s:e].strip()


class PeriodMissing(Rule):
    """The report does not state its statistical period.

    Nearly every report says which period its figures cover, in the opening
    paragraph: ``本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止``. Without
    it a reader cannot tell whether the figures cover the calendar year (第四十九条).
    The 2008 Regulation (reports for 2018 and earlier) did not ask for the sentence,
    so for those reports this is only a note. A period given as a year
    (``统计期限为2021年度``) counts as stated. Nothing is reported when the report year
    is unknown (a blank template, a text that is not a report). A period sentence
    whose dates cannot be read (``自20231月1日起至12月31日止``) is reported at that
    sentence, not as a missing period.

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
        "garbled": T(
            "统计期限“{text}”的日期写法有误，读不出起止日期；请改为“自{year}年1月1日起至{year}年12月31日止”",
            "the statistical period '{text}' has dates that cannot be read; write "
            "'自{year}年1月1日起至{year}年12月31日止' (1 January to 31 December {year})",
        ),
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
        garbled = _garbled_sentence(doc)
        if garbled is not None:
            span, text = garbled
            shown = text if len(text) <= 50 else text[:50] + "…"
            yield self.report(doc, span, "garbled", text=shown, year=year)
            return
        if doc.format == "pre2019" or year <= 2018:
            yield self.report(doc, None, "missing_old", year=year, severity=Severity.INFO)
            return
        yield self.report(doc, None, "missing", year=year)
