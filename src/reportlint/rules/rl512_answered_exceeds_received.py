"""RL512 answered-exceeds-received."""

from __future__ import annotations

from reportlint.analysis import narrative_sums
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class AnsweredExceedsReceived(Rule):
    """A report without table 三 says more applications were answered than received.

    Old-format reports (the pre-2019 outline) and reports that give their figures in the
    narrative only have no table 三 to reconcile, but their own figures must still agree:
    the applications answered (``办结``/``答复``) cannot be more than those received
    (``受理``/``收到``) plus, when the text states it, those carried over from last year.
    Only this year's applications with a clear subject are compared (not consultations,
    complaints or cumulative figures).

    Bad:
        2010年，我局共受理政府信息公开申请117件，已全部办结171件。
    Good:
        2010年，我局共受理政府信息公开申请171件，已全部办结171件。
    """

    code = "RL512"
    name = "answered-exceeds-received"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "没有表三的报告中，正文所写办结（答复）的申请数多于受理数（加上年结转数）。"
    rationale_zh = (
        "旧格式报告（2019年以前的提纲）和只在正文写数字的报告没有表三可以核对，但正文的数字之间仍须一致："
        "办结（答复）的申请不可能多于受理（收到）的申请，正文写明上年结转的，再加上结转数。"
        "只比对主语明确的本年度政府信息公开申请（不比对咨询、投诉或累计数字）。"
    )
    messages = {
        "exceeds": T(
            "正文“{quote}”：办结（答复）的申请 {answered}{unit}多于受理的 {received}{unit}{carried}；请核对这两个数字",
            "the text '{quote}': {answered} applications answered, more than the {received} received{carried_en};"
            " check both figures",
        ),
    }

    def check(self, doc):
        for f in narrative_sums.answered_exceeds_received(doc):
            r, a = f.received, f.answered
            if r.sentence is a.sentence:
                quote = r.sentence.text[_clause_start(r.sentence.text, r.start) : a.end]
            else:
                quote = (
                    r.sentence.text[_clause_start(r.sentence.text, r.start) : r.end] + "…" + a.sentence.text[: a.end]
                )
            quote = quote if len(quote) <= 50 else quote[:24] + "…" + quote[-25:]
            carried_zh = carried_en = ""
            if f.carried_over is not None:
                carried_zh = f"加上年结转的 {fmt(f.carried_over.value)}{r.unit}"
                carried_en = f" plus the {fmt(f.carried_over.value)} carried over"
            yield self.report(
                doc,
                a.span(doc),
                "exceeds",
                data={
                    "received": fmt(r.value),
                    "answered": fmt(a.value),
                    "carried_over": None if f.carried_over is None else fmt(f.carried_over.value),
                },
                quote=quote,
                answered=fmt(a.value),
                received=fmt(r.value),
                unit=r.unit,
                carried=carried_zh,
                carried_en=carried_en,
            )


def _clause_start(s: str, i: int) -> int:
    while i > 0 and s[i - 1] not in "，,；;。：:":
        i -= 1
    return i
