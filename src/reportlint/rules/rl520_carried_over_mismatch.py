"""RL520 carried-over-mismatch."""

from __future__ import annotations

from reportlint.analysis.reconcile import fmt, number
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref, column_name
from reportlint.rules.base import Rule


class CarriedOverMismatch(Rule):
    """This year's 上年结转 differs from last year's 结转下年度继续办理.

    The applications a report carries forward (table 三, row 四) are the ones next
    year's report carries over (row 二), column by column. Last year's report comes
    from ``--previous FILE`` or is found automatically: a report of the same agency for
    the year before, in the same folder. When only the 总计 column differs it is
    reported; when applicant columns differ, each of them is reported and the 总计 only
    if their differences do not account for its own.
    The ``previous`` option names last year's report (a path): ``--previous`` wins over
    it, and the folder is searched only when neither names one.

    Bad:
        2023 年的报告：
        淮安市人民政府2023年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 3000 | 0 | 0 | 0 | 0 | 0 | 3000
        二、上年结转政府信息公开申请数量 | 20 | 0 | 0 | 0 | 0 | 0 | 20
        四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103
        2024 年的报告：
        淮安市人民政府2024年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 3119 | 0 | 0 | 0 | 0 | 0 | 3119
        二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
        四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103
    Good:
        2023 年的报告：
        淮安市人民政府2023年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 3000 | 0 | 0 | 0 | 0 | 0 | 3000
        二、上年结转政府信息公开申请数量 | 20 | 0 | 0 | 0 | 0 | 0 | 20
        四、结转下年度继续办理 | 34 | 0 | 0 | 0 | 0 | 0 | 34
        2024 年的报告：
        淮安市人民政府2024年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 3119 | 0 | 0 | 0 | 0 | 0 | 3119
        二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
        四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103
    """

    code = "RL520"
    name = "carried-over-mismatch"
    category = "consistency"
    severity = Severity.ERROR
    options = {"previous": ""}
    needs_previous = True
    summary_zh = "本年“上年结转”与上一年度报告的“结转下年度继续办理”不一致。"
    rationale_zh = (
        "上一年度报告结转下年度继续办理的申请（表三第四项），就是本年度报告的上年结转申请（第二项），逐列相等。"
        "上一年度报告由 --previous 指定，或在同一文件夹中自动查找同一机关上一年度的报告。只有总计列不同时报告总计列；"
        "申请人各列不同时逐列报告，总计列只在差额不能由各列解释时才报告。选项 previous 可指定上一年度报告的路径（--previous 优先；两者都未指定时才在文件夹中查找）。"
    )
    messages = {
        "mismatch": T(
            "{where}为 {actual}，但上一年度报告（{previous}）的“四、结转下年度继续办理”“{column}”列为 {expected}；"
            "请改为 {expected}，或核对上一年度报告",
            "{where_en} is {actual}, but last year's report ({previous}) carried forward {expected} in column"
            " '{column_en}' (四、结转下年度继续办理); change it to {expected}, or check last year's report",
        )
    }

    def check(self, doc):
        prev = doc.previous  # resolved by the engine (needs_previous)
        if prev is None:
            return
        this, last = doc.readable_table("table3"), prev.readable_table("table3")
        if this is None or last is None:
            return
        row, prev_row = this.row("carried_over"), last.row("carried_forward")
        if row is None or prev_row is None or not row.found or not prev_row.found:
            return
        diffs = {}
        for cell in row.cells:
            a, b = number(cell), number(prev_row.cell(cell.column))
            if a is not None and b is not None and a != b:
                diffs[cell.column] = (cell, a, b)
        if "total" in diffs and len(diffs) > 1:
            total_diff = diffs["total"][1] - diffs["total"][2]
            parts = sum(a - b for col, (_, a, b) in diffs.items() if col != "total")
            if parts == total_diff:
                del diffs["total"]
        for col, (cell, a, b) in diffs.items():
            name = cell_name("table3", "carried_over", col)
            yield self.report(
                doc,
                cell.span or row.label_span,
                "mismatch",
                cell=cell_ref("table3", "carried_over", col),
                data={"column": col, "actual": fmt(a), "expected": fmt(b), "previous": prev.path},
                where=name.zh,
                where_en=name.en,
                actual=fmt(a),
                expected=fmt(b),
                previous=prev.path,
                column=column_name("table3", col).zh,
                column_en=column_name("table3", col).en,
            )
