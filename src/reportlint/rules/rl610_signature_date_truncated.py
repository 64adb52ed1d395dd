"""RL610 signature-date-truncated."""

from __future__ import annotations

from reportlint.analysis.years import deadline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class SignatureDateTruncated(Rule):
    """The date at the end of the report is cut off.

    Copying a report out of a web page or a PDF sometimes stops in the middle of the
    closing date: ``张家口市科学技术和地震局`` then ``二○`` and page debris. The report
    then has no readable date of issue; restore the whole date from the original.

    Bad:
        张家口市科学技术和地震局
        二○
    Good:
        张家口市科学技术和地震局
        二○一一年三月二十日
    """

    code = "RL610"
    name = "signature-date-truncated"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "文末落款日期被截断。"
    rationale_zh = (
        "从网页或 PDF 复制报告时，有时在落款日期中间断开：“张家口市科学技术和地震局”之后只剩“二○”和页面残留。"
        "这样报告就没有可读的成文日期，应从原件补全。"
    )
    messages = {
        "truncated": T(
            "落款日期不完整，只有“{text}”；请从原件补全日期（{first}至{last}之间）",
            "the date at the end is cut off ('{text}'); restore the whole date from the original "
            "(between {first} and {last})",
        ),
        "truncated_no_year": T(
            "落款日期不完整，只有“{text}”；请从原件补全日期",
            "the date at the end is cut off ('{text}'); restore the whole date from the original",
        ),
    }

    def check(self, doc):
        m = doc.meta
        if not m.signature_truncated or m.signature_span is None:
            return
        s, e = m.signature_span
        text = doc.text
        nl = text.rfind("\n", s, e)
        start = nl + 1 if nl != -1 else s
        while start < e and text[start] in " \t\u3000":
            start += 1
        shown = text[start:e].strip()
        due = deadline(doc)
        if due is None:
            yield self.report(doc, (start, e), "truncated_no_year", text=shown)
            return
        last = f"{due[0].year}年{due[0].month}月{due[0].day}日"
        yield self.report(doc, (start, e), "truncated", text=shown, first=f"{due[0].year}年1月1日", last=last)
