"""RL605 stale-year."""

from __future__ import annotations

from reportlint.analysis.years import report_names, years
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.normalize import build_view
from reportlint.rules.base import Rule


class StaleYear(Rule):
    """A sentence about the report year's work, or a header or footer, names an old year.

    Reports are often written over last year's text; a sentence such as
    ``2020年，我局…`` left in a 2021 report says this year's work happened last year.
    Only sentences that start with the previous year followed by the agency's work
    (the agency's name, ``我局``, ``全年``, ``共``, ``主动公开``…) are reported; with an
    older year (``2018年，我局主动公开政府信息106条`` in a 2021 report) only when the
    sentence states a figure of the year's work and tells no history (``出台``,
    ``成立``, ``被确定为``…). Earlier years in comparisons (``同比``, ``较上年``, a
    sentence naming two years), names of documents (``《2020年政务公开工作要点》``),
    dates of events (``2020年12月``), ``2020年以来`` and ``自2018年起`` are legitimate
    and not reported; plans are RL606. In a .docx, a header or footer naming the report
    of another year (``2020年政府信息公开工作年度报告`` over a 2021 report) is reported,
    placed at the start of the section that shows it.

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
    summary_zh = "记述本年工作的句子或页眉页脚写成了往年的年份。"
    rationale_zh = (
        "年报常在上一年的文本上改写，2021年年报里残留“2020年，我局……”，等于说本年工作发生在上一年。"
        "只报告以上一年份开头、紧接着记述本机关工作（机关名称、“我局”“全年”“共”“主动公开”等）的句子；"
        "更早的年份（2021年年报中的“2018年，我局主动公开政府信息106条”）只在句子写有本年工作数字、"
        "又不是叙述沿革（“出台”“成立”“被确定为”等）时报告。"
        "比较中出现的往年（“同比”“较上年”、同时写两个年份的句子）、文件名（《2020年政务公开工作要点》）、"
        "事件日期（“2020年12月”）、“2020年以来”和“自2018年起”都是正常写法，不报告；工作计划见 RL606。"
        ".docx 的页眉或页脚写着别的年份的报告名称（2021年年报的页眉是“2020年政府信息公开工作年度报告”）也报告，"
        "定位到显示该页眉页脚的节的开头。"
    )
    messages = {
        "stale": T(
            "{year}年年报中记述本年工作的句子写的是“{found}年”（上一年），疑为沿用上年文本；请改为“{year}年”并核对这句话的内容",
            "a sentence about the work of {year} names '{found}年' (the previous year), probably left from last year's "
            "report; change it to '{year}年' and check what the sentence says",
        ),
        "stale_older": T(
            "{year}年年报中记述本年工作数据的句子写的是“{found}年”，疑为沿用旧年报文本；请改为“{year}年”并核对这句话的数字",
            "a sentence giving figures of the work of {year} names '{found}年', probably left from an old report; "
            "change it to '{year}年' and check its figures",
        ),
        "furniture": T(
            "{where_zh}写的是“{text}”，本报告是{year}年年报；请在 Word 中打开{where_zh}，把“{found}年”改为“{year}年”",
            "the {where_en} reads '{text}' but this is the report for {year}; open the {where_en} in Word and "
            "change '{found}年' to '{year}年'",
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
            if m.kind != "record" or m.compared:
                continue
            if m.year == year - 1:
                yield self.report(doc, m.span, "stale", year=year, found=m.year)
            elif m.year < year - 1 and m.counted and not m.history:
                yield self.report(doc, m.span, "stale_older", year=year, found=m.year)
        for f in doc.extracted.furniture:  # .docx headers and footers
            fv = build_view(f.text)
            where = f.where()
            for found, (s, e) in report_names(fv.text):
                if found != year:
                    a, b = fv.to_source(s, e)
                    yield self.report(
                        doc,
                        f.anchor_span(doc.text),
                        "furniture",
                        year=year,
                        found=found,
                        text=f.text[a:b].strip(),
                        where_zh=where.zh,
                        where_en=where.en,
                        data={"part": f.part, "furniture": f.kind},
                    )
