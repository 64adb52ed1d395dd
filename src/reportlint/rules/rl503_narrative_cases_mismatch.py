"""RL503 narrative-cases-mismatch."""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NarrativeCasesMismatch(Rule):
    """A number about administrative review or litigation in the text disagrees with table 四.

    ``行政复议 N 件`` is table 四's 行政复议 总计; ``行政诉讼 N 件`` is 未经复议直接起诉 总计 +
    复议后起诉 总计; a breakdown that follows (``其中结果维持 N 件，结果纠正 N 件，其他结果
    N 件，尚未审结 N 件``) is compared with the same columns of that group (or of both
    litigation groups). A number is compared only when its subject is clear and the
    cells it restates are filled in.

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年发生政府信息公开行政复议351件，其中结果维持73件。
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年发生政府信息公开行政复议351件，其中结果维持72件。
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20
    """

    code = "RL503"
    name = "narrative-cases-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "正文中关于行政复议、行政诉讼的数字与表四不一致。"
    rationale_zh = (
        "“行政复议 N 件”对应表四行政复议的总计；“行政诉讼 N 件”对应未经复议直接起诉与复议后起诉两组总计之和；"
        "随后的分项（“其中结果维持 N 件，结果纠正 N 件，其他结果 N 件，尚未审结 N 件”）与该组（或两组行政诉讼之和）"
        "的同名栏目比对。只有主语明确、对应单元格已填写时才比对。"
    )
    messages = {
        "mismatch": T(
            "正文“{quote}”与表四不一致：{what}，{target}为 {expected}{others}；请把正文的“{stated}”改为 {expected}，"
            "或改正表四",
            "the text '{quote}' disagrees with table 4: {what_en}: {target_en} is {expected_en}{others_en};"
            " change '{stated}' in the text to {expected_en}, or correct table 4",
        ),
        "unread": narrative.unread_message("table4"),
    }

    def check(self, doc):
        domains = ("review", "litigation", "litigation_direct", "litigation_after_review", "cases")
        for m in narrative.mismatches(doc, domains):
            yield self.report(
                doc,
                m.statement.span(doc),
                narrative.mismatch_key(m),
                data=narrative.mismatch_data(m),
                **narrative.mismatch_params(m),
            )
