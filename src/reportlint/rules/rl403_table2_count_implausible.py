"""RL403 table2-count-implausible."""

from __future__ import annotations

from reportlint.analysis.reconcile import fmt, number
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref, column_name, row_name
from reportlint.rules.base import Rule


class Table2CountImplausible(Rule):
    """Table 二's counts contradict each other.

    Checks from practice. Block 第二十条第（一）项 (规章 and 规范性文件): in the 2021
    layout a document issued this year is either still in force or was repealed, so
    现行有效件数 + 本年废止件数 must be at least 本年制发件数; in the 2019 layout the
    documents newly published this year are part of everything published, so
    本年新公开数量 cannot exceed 对外公开总数量. Blocks (五), (六) and (八) of the 2019
    layout: the items at the end of the year are 上一年项目数量 + 本年增/减, so a decrease
    (``-5``, ``减5``) cannot exceed 上一年项目数量. Rows with a blank cell are not checked.
    (The 2019 layout has no column for this year's items, so 本年增/减 is checked against
    next year's 上一年项目数量 by RL523.)

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 0 | 5
        信息内容 | 本年处理决定数量
        行政许可 | 35
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 0 | 66
        信息内容 | 本年处理决定数量
        行政许可 | 35
    """

    code = "RL403"
    name = "table2-count-implausible"
    category = "arithmetic"
    severity = Severity.WARNING
    summary_zh = "表二的件数互相矛盾。"
    rationale_zh = (
        "对第二十条第（一）项（规章、规范性文件）做两项常识核对。2021 年表式：本年制发的文件要么仍然有效，要么已被废止，"
        "所以现行有效件数加本年废止件数不应少于本年制发件数。2019 年表式：本年新公开的文件包含在对外公开总数之内，"
        "所以本年新公开数量不应大于对外公开总数量。2019 年表式的第（五）、（六）、（八）项：本年末的事项数是上一年项目数量"
        "加本年增/减，所以减少的数量（如 -5、减5）不能多于上一年项目数量。含空白格的行不检查。（2019 年表式没有本年事项数"
        "一列，本年增/减与下一年度报告的上一年项目数量的衔接由 RL523 核对。）"
    )
    messages = {
        "in_force_covers_issued": T(
            "{row}：现行有效件数 {in_force} 加本年废止件数 {repealed} 少于本年制发件数 {issued}——本年制发的文件应计入现行有效件数"
            "（或已废止）；请核对本行三个数并改正填错的一个（通常是{where}）",
            "{row_en}: '{in_force_name}' {in_force} + '{repealed_name}' {repealed} is less than '{issued_name}' {issued} — documents"
            " issued this year count as in force (or repealed); check the three numbers of this row and correct the"
            " wrong one (usually {where_en})",
        ),
        "published_within_total": T(
            "{row}：本年新公开数量 {published} 大于对外公开总数量 {public_total}——本年新公开的文件应计入对外公开总数量；"
            "请核对本行数字并改正填错的一个（通常是{where}）",
            "{row_en}: '{published_name}' {published} exceeds '{public_total_name}' {public_total} — documents published this"
            " year are part of the total; check the numbers of this row and correct the wrong one (usually {where_en})",
        ),
        "change_exceeds_items": T(
            "{row}：本年增/减为 {change}，而上一年项目数量只有 {previous_items}——减少的事项不能多于原有的事项，"
            "本年末的事项数不能为负；请核对这两个数并改正填错的一个（通常是{where}）",
            "{row_en}: '{change_name}' is {change} while '{previous_items_name}' is only {previous_items} — no more"
            " items can be dropped than there were, the count at the end of the year cannot be negative; check the two"
            " numbers and correct the wrong one (usually {where_en})",
        ),
    }

    def check(self, doc):
        table = doc.readable_table("table2")
        if table is None:
            return
        for fam in ruledata.load("identities").get("table2") or []:
            if table.layout != fam["layout"]:
                continue
            for row_key in fam["rows"]:
                row = table.row(row_key)
                if row is None or not row.found:
                    continue
                vals = {c.column: number(c) for c in row.cells}
                needed = fam["at_least"] + fam["than"]
                if any(vals.get(k) is None for k in needed):
                    continue
                if sum(vals[k] for k in fam["at_least"]) >= sum(vals[k] for k in fam["than"]):
                    continue
                at = row.cell(fam["report_at"])
                where = cell_name("table2", row_key, fam["report_at"], table.layout)
                name = row_name("table2", row_key, table.layout)
                yield self.report(
                    doc,
                    at.span if at is not None and at.span is not None else row.label_span,
                    fam["key"],
                    cell=cell_ref("table2", row_key, fam["report_at"], layout=table.layout, grid=table.grid),
                    data={"row": row_key, "values": {k: fmt(vals[k]) for k in needed}},
                    row=name.zh,
                    row_en=name.en,
                    where=where.zh,
                    where_en=where.en,
                    **{k: fmt(vals[k]) for k in needed},
                    **{f"{k}_name": column_name("table2", k).en for k in needed},
                )
