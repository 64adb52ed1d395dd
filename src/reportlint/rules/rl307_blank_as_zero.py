"""RL307 blank-as-zero."""

from __future__ import annotations

from reportlint.analysis.table_positions import table_start
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class BlankAsZero(CellLocations, Rule):
    """A table writes zero as a blank: every zero cell is left empty.

    Some reports fill only the cells where something happened and leave every zero
    empty. The format asks for a number in every value cell (0 where nothing
    happened), so the blanks are reported — once per table, not once per cell. When
    the table does this consistently (no cell written 0, enough numbers and blanks, and
    every blank where a zero fits the table's identities; the thresholds are in
    ``rules/tables.yaml`` ``blank_as_zero``), reportlint reads the blanks as 0: the
    identities (RL401, RL402) and the comparisons with the narrative are checked with
    them, so a wrong 总计 is still found. Once one table of a report is judged so, its
    other tables written the same way (no 0, only numbers and blanks) are read alike,
    even a table 四 with no case at all. A blank template, a single blank among written
    numbers, or blanks mixed with written zeros are unfilled cells (RL303) instead, and so
    is a blank that cannot be a zero (an empty 总计 beside non-zero parts).

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        2 |  | 1 |  | 3 |  |  |  |  |  | 1 |  |  |  | 1
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        2 | 0 | 1 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1
    """

    code = "RL307"
    name = "blank-as-zero"
    category = "table"
    severity = Severity.WARNING
    summary_zh = "表格以空白代替0：没有发生的单元格一律空着，而不是填写0。"
    rationale_zh = (
        "有的报告只填写有数字的单元格，数值为0的一律空着。格式要求每个数据单元格都填写数字（没有发生的填0），"
        "因此这些空白要报告——每张表一条，而不是每格一条。表格始终如一地这样写时（没有一格写0，数字和空白都足够多，"
        "并且每个空白都处在勾稽关系允许为0的位置；阈值见 rules/tables.yaml 的 blank_as_zero），reportlint 把这些空白"
        "按0读取：勾稽关系（RL401、RL402）和正文与表格的比对都照常检查，总计填错仍会被发现。空白模板、数字中间只有"
        "一个空白、或空白与写出的0混用的表格，其空白按未填写单元格处理（RL303）；不可能是0的空白（非零分项旁边空着的总计）"
        "也是如此。一份报告中有一张表被判定以空白代替0后，写法相同（没有写0、只有数字和空白）的其他表格也同样读取，"
        "包括一件案件也没有的表四。"
    )
    messages = {
        "table": T(
            "{table_zh}以空白代替0：{n}个数据单元格空着，写出的{filled}个数字都不是0，空白已按0参与核对；"
            "按格式要求，没有发生的应填写0，请在这些空白单元格中填写0",
            "{table_en} writes zero as a blank: {n} value cells are empty and none of the {filled} numbers"
            " written is 0, so the blanks were read as 0 in the checks; the format asks for 0 where nothing"
            " happened: write 0 in these cells",
        ),
        "all": T(
            "{table_zh}的{n}个数据单元格全部空着；本报告的其他表格以空白代替0，本表的空白也已按0参与核对；"
            "按格式要求，没有发生的应填写0，请在这些单元格中填写0",
            "all {n} value cells of {table_en} are empty; the report's other tables write zero as a blank, so"
            " these blanks were read as 0 in the checks too; the format asks for 0 where nothing happened:"
            " write 0 in these cells",
        ),
    }

    def check(self, doc):
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None:
                continue
            cells = [(r, c) for r, c in table.cells() if r.found and c.found]
            zeros = [(r, c) for r, c in cells if c.blank_zero and c.status == "blank"]
            if not zeros:
                continue
            row, first = zeros[0]
            filled = sum(1 for _, c in cells if c.usable)
            yield self.report(
                doc,
                first.span if first.span is not None else table_start(doc, table),
                "table" if filled else "all",
                cell=cell_ref(key, row.key, first.column, layout=table.layout, grid=table.grid),
                n=len(zeros),
                filled=filled,
                table_zh=table_title(key).zh,
                table_en=table_title(key).en,
                data={"cells": len(zeros), "filled": filled},
            )
