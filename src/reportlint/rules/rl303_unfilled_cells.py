"""RL303 unfilled-cells."""

from __future__ import annotations

from reportlint.analysis.listing import listing, listing_en
from reportlint.analysis.table_positions import row_span, table_start
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, column_name, row_name, row_phrase, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class UnfilledCells(CellLocations, Rule):
    """Value cells of a table are left blank or hold a dash instead of a number.

    Every value cell of tables 二, 三 and 四 takes a number; where nothing happened the
    number is 0. Cells left empty or filled with ``/``, ``—``, ``-``, ``_`` or ``无`` are
    unfilled for a reviewer and break the table's sums. Findings are grouped: one per
    row, naming its unfilled columns; one for all the rows left entirely blank when
    there are ``group_rows`` (3) or more of them, and likewise one for the rows that
    leave the same columns blank (the applicant columns empty beside a written 总计);
    one per table when none of its cells
    is filled (a blank template). Cells missing altogether (a row with too few values) are
    RL304's; text that is not a number is RL305's. A table that writes every zero as a
    blank, consistently, is RL307's (one finding; its blanks are read as 0); a blank
    there that cannot be a zero (an empty 总计 beside non-zero parts) is still reported here.

    Bad:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | /
        行政处罚 | 12
    Good:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | 0
        行政处罚 | 12
    """

    code = "RL303"
    name = "unfilled-cells"
    category = "table"
    severity = Severity.ERROR
    options = {"group_rows": 3}
    summary_zh = "表格的数据单元格空白或只写了横线等符号。"
    rationale_zh = (
        "表二、表三、表四的每个数据单元格都要填数字，没有发生的填0。空着或写“/”“—”“-”“_”“无”的"
        "单元格，审核时视为未填写，也会使表内求和不成立。报告按行合并：每行一条，列出未填的列；整行未填的"
        "行、或同样几列未填的行（如总计写了而各申请人列都空着）达到 group_rows（3）行时合并为一条；整张表都没有填（空白模板）时，一张表只报一条。整个缺失的单元格（一行的数字不够）由 RL304 报告，写了"
        "非数字文字的由 RL305 报告。始终以空白代替0的表格由 RL307 报告一次（空白按0读取）；其中不可能是0的空白"
        "（非零分项旁边空着的总计）仍在这里报告。"
    )
    messages = {
        "table": T(
            "{table_zh}的{n}个数据单元格全部未填写；请逐格填写数字（没有发生的填0）",
            "none of the {n} value cells of {table_en} is filled in; fill in every cell (0 where nothing happened)",
        ),
        "rows": T(
            "{table_zh}有{n}行整行未填写：{rows_zh}；请逐格填写数字（没有发生的填0）",
            "{n} rows of {table_en} are not filled in at all: {rows_en}; fill in every cell (0 where nothing happened)",
        ),
        "same_cells": T(
            "{table_zh}有{n}行的{cols_zh}未填写：{rows_zh}；请填写数字（没有发生的填0）",
            "{cols_en} are not filled in in {n} rows of {table_en}: {rows_en}; fill in numbers "
            "(0 where nothing happened)",
        ),
        "row": T(
            "{table_zh}{row_zh}有{n}个单元格未填写：{cells_zh}；请填写数字（没有发生的填0）",
            "{n} cell(s) of {row_en} of {table_en} are not filled in: {cells_en}; fill in numbers "
            "(0 where nothing happened)",
        ),
    }

    def check(self, doc):
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None:
                continue
            cells = [(r, c) for r in table.rows if r.found for c in r.cells if c.found]
            # Only cells seen to be empty: a cell that could not be read is not blank. The
            # blanks of a table that writes zero as a blank are its zeros: RL307's, once.
            blanks = [(r, c) for r, c in cells if c.status == "blank" and not c.blank_zero]
            if not blanks:
                continue
            names = dict(table_zh=table_title(key).zh, table_en=table_title(key).en)
            if len(blanks) == len(cells):
                row, cell = blanks[0]
                span = cell.span if cell.span is not None else table_start(doc, table)
                yield self.report(
                    doc,
                    span,
                    "table",
                    cell=cell_ref(key, grid=table.grid),
                    n=len(cells),
                    data={"cells": len(cells)},
                    **names,
                )
                continue
            by_row: dict[int, list] = {}
            for r, c in blanks:
                by_row.setdefault(id(r), []).append((r, c))
            whole = [g for g in by_row.values() if len(g) == sum(1 for c in g[0][0].cells if c.found)]
            if len(whole) >= self.opts.get("group_rows", 3) and table.key != "table4":
                # many rows left entirely blank: one finding for all of them
                first_row, first = whole[0][0]
                labels = [row_name(key, g[0][0].key, table.layout) for g in whole]
                yield self.report(
                    doc,
                    first.span if first.span is not None else row_span(first_row),
                    "rows",
                    cell=cell_ref(key, first_row.key, first.column, layout=table.layout, grid=table.grid),
                    n=len(whole),
                    rows_zh=listing([f"“{x.zh}”" for x in labels], 6),
                    rows_en=listing_en([f"'{x.en}'" for x in labels], 6),
                    data={"rows": [g[0][0].key for g in whole]},
                    **names,
                )
                by_row = {k: g for k, g in by_row.items() if not any(g is w for w in whole)}
            # many rows with the same columns left blank (the applicant columns empty
            # beside a written 总计): one habit, one finding
            same: dict[tuple, list] = {}
            for g in by_row.values():
                same.setdefault(tuple(c.column for _, c in g), []).append(g)
            for cols, groups in same.items():
                if len(groups) < self.opts.get("group_rows", 3) or table.key == "table4":
                    continue
                first_row, first = groups[0][0]
                labels = [row_name(key, g[0][0].key, table.layout) for g in groups]
                yield self.report(
                    doc,
                    first.span if first.span is not None else row_span(first_row),
                    "same_cells",
                    cell=cell_ref(key, first_row.key, first.column, layout=table.layout, grid=table.grid),
                    n=len(groups),
                    cols_zh="、".join(f"“{column_name(key, c).zh}”" for c in cols),
                    cols_en=", ".join(f"'{column_name(key, c).en}'" for c in cols),
                    rows_zh=listing([f"“{x.zh}”" for x in labels], 6),
                    rows_en=listing_en([f"'{x.en}'" for x in labels], 6),
                    data={"rows": [g[0][0].key for g in groups], "columns": list(cols)},
                    **names,
                )
                by_row = {k: g for k, g in by_row.items() if not any(g is x for x in groups)}
            for group in by_row.values():
                row = group[0][0]
                zh = [_cell_zh(key, c) for _, c in group]
                en = [_cell_en(key, c) for _, c in group]
                first = group[0][1]
                yield self.report(
                    doc,
                    first.span if first.span is not None else row_span(row),
                    "row",
                    cell=cell_ref(key, row.key, first.column, layout=table.layout, grid=table.grid),
                    row_zh=row_phrase(key, row.key, table.layout).zh,
                    row_en=row_phrase(key, row.key, table.layout).en,
                    n=len(group),
                    cells_zh=listing(zh, 15),
                    cells_en=listing_en(en, 15),
                    data={"row": row.key, "columns": [c.column for _, c in group]},
                    **names,
                )


def _cell_zh(table: str, cell) -> str:
    label = column_name(table, cell.column).zh
    raw = cell.raw.strip()
    return f"“{label}”（写的是“{raw}”）" if raw else f"“{label}”（空白）"


def _cell_en(table: str, cell) -> str:
    label = column_name(table, cell.column).en
    raw = cell.raw.strip()
    return f"'{label}' ('{raw}')" if raw else f"'{label}' (blank)"
