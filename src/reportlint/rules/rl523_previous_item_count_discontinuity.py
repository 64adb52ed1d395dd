"""RL523 previous-item-count-discontinuity."""

from __future__ import annotations

from reportlint.analysis import year_chain
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref, row_name
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class PreviousItemCountDiscontinuity(CellLocations, Rule):
    """This year's 上一年项目数量 does not follow from last year's report.

    In the 2019 layout of table 二 (reports for 2019 and 2020) the rows 行政许可, 其他对外管理服务事项,
    行政处罚, 行政强制 and 行政事业性收费 give 上一年项目数量 (the items at the end of last year)
    and 本年增/减 (the change during this year). The items at the end of last year are
    therefore last year's 上一年项目数量 plus last year's 本年增/减: a difference means one
    of the three numbers is wrong, or the change was not reported. Only rows where all
    three cells hold numbers are checked, and only when both reports use the 2019 layout.
    Last year's report comes from ``--previous FILE`` or is found in the same folder;
    the ``previous`` option names it (a path), and ``tolerance`` is the difference allowed.

    Bad:
        2019 年的报告：
        某县市场监督管理局2019年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 1 | 1 | 6
        第二十条第（五）项
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 52 | -4 | 1317
        其他对外管理服务事项 | 0 | 0 | 0
        2020 年的报告：
        某县市场监督管理局2020年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 2 | 2 | 8
        第二十条第（五）项
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 52 | +3 | 1420
        其他对外管理服务事项 | 0 | 0 | 0
    Good:
        2019 年的报告：
        某县市场监督管理局2019年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 1 | 1 | 6
        第二十条第（五）项
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 52 | -4 | 1317
        其他对外管理服务事项 | 0 | 0 | 0
        2020 年的报告：
        某县市场监督管理局2020年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 2 | 2 | 8
        第二十条第（五）项
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 48 | +3 | 1420
        其他对外管理服务事项 | 0 | 0 | 0
    """

    code = "RL523"
    name = "previous-item-count-discontinuity"
    category = "consistency"
    severity = Severity.WARNING
    options = {"previous": "", "tolerance": 0}
    needs_previous = True
    summary_zh = "本年“上一年项目数量”与上一年度报告的“上一年项目数量 + 本年增/减”不符。"
    rationale_zh = (
        "表二 2019 年表式（2019、2020 年度报告）的行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费"
        "各行填写“上一年项目数量”（上年末的事项数）和“本年增/减”（本年的变化）。所以本年的“上一年项目数量”应等于上一年度"
        "报告的“上一年项目数量”加上一年度报告的“本年增/减”；不相符说明三个数中有一个填错，或有增减未如实填写。"
        "只核对三个单元格都是数字的行，且两年都用 2019 年表式。上一年度报告由 --previous 指定，或在同一文件夹中自动查找；"
        "选项 previous 可指定其路径（--previous 优先），选项 tolerance 为允许的差额。"
    )
    messages = {
        "discontinuity": T(
            "{where}为 {actual}，但上一年度报告（{previous}）“{row}”一行的上一年项目数量 {last_items}、本年增/减 {last_change}，"
            "上年末应为 {expected} 项；请核对本年的上一年项目数量和上一年度报告的这两个数字，并改正填错的一个",
            "{where_en} is {actual}, but last year's report ({previous}) gives {last_items} items and a change of"
            " {last_change} for the row '{row_en}', so last year ended with {expected}: check this number and those two"
            " of last year's report, and correct the wrong one",
        )
    }

    def check(self, doc):
        prev = doc.previous  # resolved by the engine (needs_previous)
        if prev is None:
            return
        tolerance = abs(int(self.opts.get("tolerance") or 0))
        table = doc.readable_table("table2")
        for b in year_chain.breaks(doc, "previous_items", tolerance):
            key = b.row.key
            name = cell_name("table2", key, "previous_items", "2019")
            row = row_name("table2", key, "2019")
            yield self.report(
                doc,
                b.cell.span if b.cell.span is not None else b.row.label_span,
                "discontinuity",
                cell=cell_ref(
                    "table2", key, "previous_items", layout="2019", grid=table.grid if table is not None else None
                ),
                data={"row": key, "expected": fmt(b.expected), "actual": fmt(b.actual), "previous": prev.path},
                where=name.zh,
                where_en=name.en,
                row=row.zh,
                row_en=row.en,
                actual=fmt(b.actual),
                expected=fmt(b.expected),
                last_items=fmt(b.last["previous_items"]),
                last_change=_signed(b.last["change"]),
                previous=prev.path,
            )


def _signed(value) -> str:
    """A change as a reader writes it: ``+3``, ``-2``, ``0``."""
    return f"+{fmt(value)}" if value > 0 else fmt(value)
