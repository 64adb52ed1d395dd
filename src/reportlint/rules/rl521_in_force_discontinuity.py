"""RL521 in-force-discontinuity."""

from __future__ import annotations

from reportlint.analysis import year_chain
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref
from reportlint.rules.base import Rule


class InForceDiscontinuity(Rule):
    """This year's 现行有效件数 does not follow from last year's.

    Documents in force at the end of this year are, in principle, those in force at
    the end of last year, plus those issued this year, minus those repealed this year
    (table 二, 2021 layout, 规章 and 行政规范性文件). A difference usually means one of
    the counts is wrong — or documents expired without being repealed, which the text
    should then say. Last year's report comes from ``--previous FILE`` or is found in
    the same folder.
    The ``previous`` option names last year's report (a path): ``--previous`` wins over
    it, and the folder is searched only when neither names one.

    Bad:
        2023 年的报告：
        淮安市人民政府2023年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 10 | 2 | 84
        2024 年的报告：
        淮安市人民政府2024年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 26 | 70
    Good:
        2023 年的报告：
        淮安市人民政府2023年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 10 | 2 | 84
        2024 年的报告：
        淮安市人民政府2024年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 26 | 66
    """

    code = "RL521"
    name = "in-force-discontinuity"
    category = "consistency"
    severity = Severity.WARNING
    options = {"previous": "", "tolerance": 0}
    needs_previous = True
    summary_zh = "本年现行有效件数与“上年现行有效 + 本年制发 − 本年废止”不符。"
    rationale_zh = (
        "本年末现行有效的文件，原则上等于上年末现行有效的文件，加本年制发、减本年废止（表二 2021 年表式的规章和"
        "行政规范性文件）。不相符通常说明某个数字填错，或有文件因有效期届满失效而未计入废止——这时应在正文说明。"
        "上一年度报告由 --previous 指定，或在同一文件夹中自动查找。选项 tolerance 为允许的差额。选项 previous 可指定上一年度报告的路径（--previous 优先；两者都未指定时才在文件夹中查找）。"
    )
    messages = {
        "discontinuity": T(
            "{where}为 {actual}，但按上一年度报告（{previous}）的现行有效件数 {last}，加本年制发 {issued}、减本年废止 {repealed}，"
            "应为 {expected}；请核对这几个数字（如有文件因有效期届满失效，请在正文说明）",
            "{where_en} is {actual}, but last year's report ({previous}) had {last} in force; plus {issued} issued and"
            " minus {repealed} repealed this year gives {expected}: check these numbers (if documents expired,"
            " say so in the text)",
        )
    }

    def check(self, doc):
        prev = doc.previous  # resolved by the engine (needs_previous)
        if prev is None:
            return
        # The chain itself (rules/table2.yaml `chains.in_force`) is shared with RL523.
        tolerance = abs(int(self.opts.get("tolerance") or 0))
        for b in year_chain.breaks(doc, "in_force", tolerance):
            key = b.row.key
            name = cell_name("table2", key, "in_force")
            yield self.report(
                doc,
                b.cell.span if b.cell.span is not None else b.row.label_span,
                "discontinuity",
                cell=cell_ref("table2", key, "in_force"),
                data={"row": key, "expected": fmt(b.expected), "actual": fmt(b.actual), "previous": prev.path},
                where=name.zh,
                where_en=name.en,
                actual=fmt(b.actual),
                expected=fmt(b.expected),
                last=fmt(b.last["in_force"]),
                issued=fmt(b.this["issued"]),
                repealed=fmt(b.this["repealed"]),
                previous=prev.path,
            )
