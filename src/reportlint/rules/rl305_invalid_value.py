"""RL305 invalid-value."""

from __future__ import annotations

from decimal import Decimal

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, column_kind, column_name, row_phrase, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class InvalidValue(CellLocations, Rule):
    """A table cell holds something other than the kind of number its column takes.

    Almost every cell of tables 二, 三 and 四 counts something — documents, decisions,
    applications, cases — and takes a non-negative whole number. Only the money columns
    of table 二 (本年收费金额（单位：万元）, 采购总金额) take decimals, and only 本年增/减 of
    the 2019 layout may be negative (``+3``, ``-2``, ``减4``). Text (``若干``, ``XX``), a
    decimal or negative count, or a negative amount is reported, one finding per row.

    Bad:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | 1.5
        行政处罚 | -3
    Good:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | 12
        行政处罚 | 3
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 96171.6
    """

    code = "RL305"
    name = "invalid-value"
    category = "table"
    severity = Severity.ERROR
    summary_zh = "表格单元格的内容不是该列要求的数字。"
    rationale_zh = (
        "表二、表三、表四的单元格几乎都是计数（文件、决定、申请、案件），应为非负整数。只有表二的金额列"
        "（本年收费金额（单位：万元）、采购总金额）可以有小数，只有2019年格式的“本年增/减”可以为负"
        "（如+3、-2、减4）。写了文字（如“若干”“XX”）、计数写成小数或负数、金额为负的，每行报告一条。"
    )
    messages = {
        "row": T(
            "{table_zh}{row_zh}的数值不符合要求：{cells_zh}",
            "values of {row_en} of {table_en} are not valid: {cells_en}",
        ),
    }

    def check(self, doc):
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None:
                continue
            for row in table.rows:
                if not row.found:
                    continue
                bad = []
                for cell in row.cells:
                    if cell.status != "read" or cell.span is None:
                        continue  # only what is written as it is: never a recovered split or a guess
                    problem = _problem(column_kind(key, cell.column), cell)
                    if problem is not None:
                        bad.append((cell, problem))
                if not bad:
                    continue
                zh = [f"“{column_name(key, c.column).zh}”写的是“{c.raw.strip()}”，{p[0]}" for c, p in bad]
                en = [f"'{column_name(key, c.column).en}' is '{c.raw.strip()}': {p[1]}" for c, p in bad]
                first = bad[0][0]
                yield self.report(
                    doc,
                    first.span,
                    "row",
                    cell=cell_ref(key, row.key, first.column, layout=table.layout, grid=table.grid),
                    table_zh=table_title(key).zh,
                    table_en=table_title(key).en,
                    row_zh=row_phrase(key, row.key, table.layout).zh,
                    row_en=row_phrase(key, row.key, table.layout).en,
                    cells_zh="；".join(zh),
                    cells_en="; ".join(en),
                    data={"row": row.key, "columns": [c.column for c, _ in bad]},
                )


def _problem(kind: str, cell) -> tuple[str, str] | None:
    if cell.invalid:
        if kind == "money":
            return ("应填写金额数字", "write the amount as a number")
        return ("应填写非负整数（没有的填0）", "write a whole number (0 where nothing happened)")
    value = cell.value
    if value is None:
        return None  # blank: RL303
    if kind == "money":
        if value < 0:
            return ("金额不能为负数", "an amount cannot be negative")
        return None
    whole = isinstance(value, int) or (isinstance(value, Decimal) and value == value.to_integral_value())
    if not whole:
        return ("计数应为整数", "a count must be a whole number")
    if kind == "count" and value < 0:
        return ("计数不能为负数", "a count cannot be negative")
    return None
