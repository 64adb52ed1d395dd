"""RL532 agency-name-mismatch."""

from __future__ import annotations

from reportlint.analysis.agency_names import NAME_SOURCES, own_names, relation, split_place
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class AgencyNameMismatch(Rule):
    """The title, the compiling agency and the signature name different agencies.

    The report is one agency's: the agency in the title, the one that says it
    compiled the report (``本报告由XX编制``) and the one in the signature must be the
    same. Two different names mean text copied from another agency's report, or a
    wrong title or signature. A people's government's report may be compiled and
    signed by a department of the same government (``淮安市人民政府办公室``); units of
    the agency and abbreviations are the same agency.

    Bad:
        常州市科学技术局2021年政府信息公开工作年度报告
        ……
        常熟市科学技术局
        2022年1月24日
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        ……
        常熟市科学技术局
        2022年1月24日
    """

    code = "RL532"
    name = "agency-name-mismatch"
    category = "consistency"
    severity = Severity.ERROR
    summary_zh = "标题、编制说明和落款写的不是同一个机关。"
    rationale_zh = (
        "年报属于一个机关：标题中的机关、说明“本报告由XX编制”的机关和落款机关必须一致。出现两个不同的名称，"
        "说明文字是从其他机关的报告复制的，或标题、落款写错了。人民政府的年报可以由本级政府的部门编制和落款"
        "（如“淮安市人民政府办公室”）；内设机构和简称视为同一机关。"
    )
    messages = {
        "mismatch": T(
            "{where}中的机关“{name}”与{base_where}中的“{base}”不是同一机关；请核对并统一为本机关的全称",
            "{where_en} names '{name}' but {base_where_en} names '{base}', a different agency; "
            "check which is right and use the agency's full name in both",
        ),
    }

    def check(self, doc):
        refs = own_names(doc).refs
        if len(refs) < 2:
            return

        def agree(a, b) -> bool:
            return relation(a.name, b.name) != "different" or self._same_government(doc, a.name, b.name)

        for r in refs:
            others = [x for x in refs if x is not r]
            disagree = [x for x in others if not agree(r, x)]
            if not disagree:
                continue
            if len(disagree) < len(others):
                continue  # the majority agrees with this one; the odd one is reported
            if len(others) == 1 and r is refs[0]:
                continue  # two names, no majority: reported once, at the later one
            base = disagree[0]
            yield self.report(
                doc,
                r.span,
                "mismatch",
                name=r.name,
                base=base.name,
                where=NAME_SOURCES[r.source][0],
                where_en=NAME_SOURCES[r.source][1],
                base_where=NAME_SOURCES[base.source][0],
                base_where_en=NAME_SOURCES[base.source][1],
            )

    @staticmethod
    def _same_government(doc, a: str, b: str) -> bool:
        """A government's report compiled or signed by one of its departments."""
        if doc.meta.kind != "government":
            return False
        pa, _ = split_place(a)
        pb, _ = split_place(b)
        return bool(pa) and pa == pb
