"""RL101 missing-title."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.analysis.lines import to_text, view_lines
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

_CJK = pattern_store.compile(r"[\u3400-\u9fff]")
_SCAN_LINES = 12


@lru_cache(maxsize=1)
def _title_like() -> tuple[re.Pattern, re.Pattern]:
    """(a line that reads like a report title, a year written in it) from rules/structure.yaml."""
    data = ruledata.load("structure")["title_like"]
    return pattern_store.compile(data["line"]), pattern_store.compile(data["year"])


class MissingTitle(Rule):
    """The report has no title naming the agency and the report year.

    Every annual report opens with a title of the form ``<agency><year>年政府信息公开工作
    年度报告``; the year in it decides which national format applies (2019 trial
    format for 2019–2020, 2021 format from 2021 on). A report that starts straight with
    its first sentence, or whose title has no year, cannot be filed, searched or checked
    against the right format. The message proposes the title from the agency and year
    found elsewhere in the text (``由XX编制的2021年…报告``, the signature).

    Bad:
        本年报是根据《政府信息公开条例》要求，由常熟市科学技术局编制的2021年政府信息公开工作年度报告。
        一、总体情况
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        本年报是根据《政府信息公开条例》要求，由常熟市科学技术局编制……
        一、总体情况
    """

    code = "RL101"
    name = "missing-title"
    category = "structure"
    severity = Severity.ERROR
    summary_zh = "报告缺少写明机关和年度的标题。"
    rationale_zh = (
        "年度报告应以“机关名称+XXXX年政府信息公开工作年度报告”为标题；标题中的年度决定适用哪种格式"
        "（2019、2020年度用2019年试行格式，2021年度起用2021年格式）。直接以正文开头、或标题没有年度的报告"
        "无法归档、检索，也无法按正确的格式检查。提示信息会根据正文中的“由XX编制的XXXX年…报告”或落款"
        "给出建议标题。"
    )
    messages = {
        "missing": T(
            "报告没有标题（第一行是正文）；请在开头加上标题“{suggest}”",
            "the report has no title (the first line is body text); add the title '{suggest}' at the top",
        ),
        "missing_no_year": T(
            "报告没有标题，也未能读出报告年度（未写明统计期限）；请在开头加上标题“{suggest}”，写明报告年度",
            "the report has no title and its report year could not be read (no statistical period); "
            "add the title '{suggest}' at the top, with the report year",
        ),
        "no_year": T(
            "标题“{title}”没有写明报告年度{agency_zh}；请改为“{suggest}”",
            "the title '{title}' names no report year{agency_en}; change it to '{suggest}'",
        ),
    }

    def check(self, doc):
        meta = doc.meta
        if meta.title:
            return
        span, line, named = _title_like_line(doc)
        if span is not None and line is None:
            return  # a title with its year that the analysis could not read: not this rule's to judge
        agency = meta.agency or meta.signature_agency or named
        suggest = f"{agency or '（机关名称）'}{meta.year or 'XXXX'}年政府信息公开工作年度报告"
        if line is not None:
            yield self.report(
                doc,
                span,
                "no_year",
                title=line if len(line) <= 40 else line[:40] + "…",
                suggest=suggest,
                agency_zh="" if agency else "和机关名称",
                agency_en="" if agency else " and no agency",
                data={"suggest": suggest},
            )
            return
        key = "missing" if meta.year is not None else "missing_no_year"
        yield self.report(doc, _first_content_line(doc), key, suggest=suggest, data={"suggest": suggest})


def _first_content_line(doc):
    for start, _end, line in view_lines(doc):
        if _CJK.search(line):
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            return to_text(doc, start + lead, start + trail)
    return None


def _title_like_line(doc):
    """A line near the top that reads like a report title but was not taken as one:
    (span, line, the agency it names or None). A title line that writes a year
    (`XX镇政府2022年信息公开工作年度报告`, `XX局政府信息公开工作2025年度报告`) is returned
    as (span, None, None): it is a title, only in a form the analysis does not read."""
    line_re, year_re = _title_like()
    seen = 0
    for start, _end, line in view_lines(doc):
        stripped = line.strip(" \t|")
        if not stripped:
            continue
        seen += 1
        if seen > _SCAN_LINES:
            break
        m = line_re.search(stripped)
        if len(stripped) <= 60 and m is not None and not re.search(r"[。，,；;]", stripped):
            lead = line.index(stripped)
            span = to_text(doc, start + lead, start + lead + len(stripped))
            if year_re.search(stripped):
                return span, None, None
            named = m.group("agency") if len(_CJK.findall(m.group("agency") or "")) >= 2 else None
            return span, stripped, named
    return None, None, None
