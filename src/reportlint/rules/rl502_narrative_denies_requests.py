"""RL502 narrative-denies-requests."""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name
from reportlint.rules.base import Rule


class NarrativeDeniesRequests(Rule):
    """The text says no applications were received, but table 三 counts some.

    ``未收到（依申请公开）申请`` / ``未发生政府信息公开申请`` contradicts a table 三 whose row
    一 (本年新收) is not zero: one of the two is wrong. When row 一 is zero but row 二
    (上年结转) is not, the statement is literally true but leaves out the applications
    carried over and handled this year — reported as a warning. Statements with a
    qualifier (``未收到涉及…的申请``) or about other applications are not matched.

    Bad:
        本年度未收到政府信息公开申请。
        一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    Good:
        本年度收到政府信息公开申请 1 件，已按期答复。
        一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    """

    code = "RL502"
    name = "narrative-denies-requests"
    category = "consistency"
    severity = Severity.ERROR
    summary_zh = "正文称未收到政府信息公开申请，但表三有申请。"
    rationale_zh = (
        "“未收到（依申请公开）申请”“未发生政府信息公开申请”与第一项（本年新收）不为零的表三相矛盾，二者必有一错。"
        "第一项为零而第二项（上年结转）不为零时，这句话字面上不错，但漏掉了本年办理的上年结转申请，以警告报告。"
        "带限定语的说法（“未收到涉及……的申请”）或关于其他申请的句子不匹配。"
    )
    messages = {
        "received": T(
            "正文称“{quote}”，但{where}为 {value}；请改正正文（写明收到 {value} 件申请及办理情况）或改正表三",
            "the text says '{quote}', but {where_en} is {value}; correct the text (state the {value} applications"
            " received and how they were handled) or correct table 3",
        ),
        "carried": T(
            "正文称“{quote}”，但{where}为 {value}：本年仍办理了上年结转的申请；请在正文写明这 {value} 件申请的办理情况",
            "the text says '{quote}', but {where_en} is {value}: applications carried over were handled this"
            " year; state in the text how these {value} applications were handled",
        ),
    }

    def check(self, doc):
        table = doc.readable_table("table3")
        if table is None:
            return
        claims = [c for c in narrative.none_claims(doc) if c.kind == "requests"]
        if not claims:
            return
        new, carried = narrative.row_amount(table, "new"), narrative.row_amount(table, "carried_over")
        for claim in claims:
            if new is not None and new[1] > 0:
                key, (ref, value), severity = "received", new, None
            elif new is not None and new[1] == 0 and carried is not None and carried[1] > 0:
                key, (ref, value) = "carried", carried
                severity = Severity.WARNING if self.effective_severity is Severity.ERROR else None
            else:
                continue
            name = cell_name(ref.table, ref.row, ref.column)
            yield self.report(
                doc,
                claim.span(doc),
                key,
                severity=severity,
                data={"cell": {"table": "table3", "row": ref.row, "column": ref.column}, "value": fmt(value)},
                quote=claim.quote(),
                where=name.zh,
                where_en=name.en,
                value=fmt(value),
            )
