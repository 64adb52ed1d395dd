"""RL504 narrative-denies-cases."""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.analysis.reconcile import fmt, number
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import group_name
from reportlint.document.tables import table4_groups
from reportlint.rules.base import Rule


class NarrativeDeniesCases(Rule):
    """The text says there was no administrative review or litigation, but table 四 counts some.

    ``未发生（政府信息公开）行政复议、行政诉讼`` contradicts a table 四 with a non-zero
    行政复议 (when the sentence names review) or 行政诉讼 (when it names litigation)
    group. Statements about a narrower kind of case (``未发生被纠错的行政复议``) are
    not matched.

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        一、总体情况
        本年度未发生政府信息公开行政复议、行政诉讼。
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        一、总体情况
        本年度发生政府信息公开行政复议1件（结果纠正），未发生行政诉讼。
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "RL504"
    name = "narrative-denies-cases"
    category = "consistency"
    severity = Severity.ERROR
    summary_zh = "正文称未发生行政复议、行政诉讼，但表四有案件。"
    rationale_zh = (
        "“未发生（政府信息公开）行政复议、行政诉讼”与表四相应组（句中提到复议则看行政复议组，提到诉讼则看两组行政诉讼）"
        "不为零相矛盾，二者必有一错。关于更窄一类案件的说法（“未发生被纠错的行政复议”）不匹配。"
    )
    messages = {
        "cases": T(
            "正文称“{quote}”，但表四{groups}；请改正正文（写明案件数及结果）或改正表四",
            "the text says '{quote}', but in table 4 {groups_en}; correct the text (state the cases and their"
            " results) or correct table 4",
        )
    }

    def check(self, doc):
        table = doc.readable_table("table4")
        if table is None or not table.rows or not table.rows[0].found:
            return
        row = table.rows[0]
        claims = [c for c in narrative.none_claims(doc) if c.kind == "cases"]
        groups = table4_groups()
        for claim in claims:
            wanted = []
            if "review" in claim.covers:
                wanted.append("review")
            if "litigation" in claim.covers:
                wanted.extend(["litigation_direct", "litigation_after_review"])
            found = []
            for g in wanted:
                vals = [number(row.cell(c)) for c in groups[g]]
                total = vals[-1]
                if total is None:
                    parts = [v for v in vals[:-1] if v is not None]
                    total = sum(parts) if parts else None
                if total is not None and total > 0:
                    found.append((g, total))
            if not found:
                continue
            zh = "、".join(f"“{group_name('table4', g).zh}”总计为 {fmt(v)}" for g, v in found)
            en = ", ".join(f"'{group_name('table4', g).en}' totals {fmt(v)}" for g, v in found)
            yield self.report(
                doc,
                claim.span(doc),
                "cases",
                data={"groups": {g: fmt(v) for g, v in found}},
                quote=claim.quote(),
                groups=zh,
                groups_en=en,
            )
