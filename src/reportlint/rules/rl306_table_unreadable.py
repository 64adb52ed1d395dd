"""RL306 table-unreadable."""

from __future__ import annotations

from reportlint.analysis.table_positions import table_start
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, row_name, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations

# Rows named in a partly-read finding before "等N行".
_ROWS_LISTED = 4


class TableUnreadable(CellLocations, Rule):
    """A table is in the report but its numbers could not be read reliably.

    Text copied from a web page, a PDF converted to text or OCR output often loses the
    cell borders: numbers run together (``801000081``), rows lose their labels, one
    table is split into several. When reportlint cannot tell which number belongs to
    which cell, it says so once, here, and checks nothing in those cells: no "missing
    rows", no "wrong number of values", no sums that "do not add up", no narrative
    mismatch. A table that is only partly readable is noted once as information; the
    cells that were read are still checked. Check the table against the original
    document (the Word file or the published page).

    Bad:
        平潭综合实验区管委会2023年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件77132470
    Good:
        平潭综合实验区管委会2023年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 77 | 132 | 470
    """

    code = "RL306"
    name = "table-unreadable"
    category = "table"
    severity = Severity.WARNING
    summary_zh = "统计表在报告中，但其中的数字无法可靠读出。"
    rationale_zh = (
        "从网页复制的文字、由 PDF 转换的文本或文字识别结果常常丢失单元格边界：数字连在一起（801000081）、"
        "行标签与数字分离、一张表被拆成几张。无法确定哪个数字属于哪个单元格时，reportlint 在这里说明一次，"
        "对这些单元格不做任何检查（不报缺行、数字个数不符、勾稽不成立或正文不一致）。只能读出一部分的表格"
        "以提示级别说明一次，已读出的单元格照常检查。请对照原始文件（Word 文档或发布页面）核对该表。"
    )
    messages = {
        "unreadable": T(
            "{table_zh}在报告中，但其中的数字无法可靠读出（{reason_zh}）；本表未做勾稽关系和一致性检查，"
            "请对照原始文件（Word 文档或发布页面）核对该表",
            "{table_en} is in the report but its numbers cannot be read reliably ({reason_en}); it was not "
            "reconciled or compared with the text: check it against the original document (the Word file or "
            "the published page)",
        ),
        "partial": T(
            "{table_zh}{rows_zh}有{count}个单元格无法可靠读出（{reason_zh}）；这些单元格未做检查，其余单元格已检查，"
            "请对照原始文件核对",
            "{count} cell(s) of {table_en} ({rows_en}) cannot be read reliably ({reason_en}); they were not "
            "checked, the other cells were: compare them with the original document",
        ),
    }
    severities = {"partial": Severity.INFO}

    def check(self, doc):
        for key in ("table2", "table3", "table4"):
            table = doc.tables.get(key)
            if table is None or table.status == "read":
                continue
            if table.cut_after is not None and not any(r.found for r in table.rows):
                continue  # the text ends at the table's caption: nothing of it to read
            reason_zh, reason_en = _reason(table)
            names = dict(
                table_zh=table_title(key).zh, table_en=table_title(key).en, reason_zh=reason_zh, reason_en=reason_en
            )
            data = {"status": table.status, "reason": table.status_reason}
            if table.status == "unreadable":
                yield self.report(
                    doc, table_start(doc, table), "unreadable", cell=cell_ref(key, grid=table.grid), data=data, **names
                )
                continue
            unread = [(r, c) for r, c in table.cells() if c.status == "unreadable"]
            if not unread:
                continue
            rows = list(dict.fromkeys(row_name(key, r.key, table.layout) for r, _ in unread)) if key != "table4" else []
            first = next((c.span for _, c in unread if c.span is not None), None)
            span = first or table_start(doc, table)
            yield self.report(
                doc,
                span,
                "partial",
                cell=cell_ref(key, unread[0][0].key, layout=table.layout, grid=table.grid),
                severity=self.severity_for("partial"),
                count=len(unread),
                rows_zh=(
                    "“"
                    + "”“".join(r.zh for r in rows[:_ROWS_LISTED])
                    + "”"
                    + (f"等{len(rows)}行" if len(rows) > _ROWS_LISTED else "")
                )
                if rows
                else "的数据行",
                rows_en=(
                    ", ".join(f"'{r.en}'" for r in rows[:_ROWS_LISTED])
                    + (f" and {len(rows) - _ROWS_LISTED} more rows" if len(rows) > _ROWS_LISTED else "")
                )
                if rows
                else "the data row",
                data=dict(data, cells=len(unread)),
                **names,
            )

    def severity_for(self, key: str) -> Severity:
        # A configured severity applies to both messages; by default a partly read
        # table is information, an unreadable one a warning.
        if self.effective_severity != self.severity:
            return self.effective_severity
        return self.severities.get(key, self.severity)


def _reason(table) -> tuple[str, str]:
    """The reader's reason for the table's status (rules/tables.yaml ``read_reasons``)."""
    from reportlint.document.tables import read_reason

    key, params = table.status_reason or "digits_glued", dict(table.status_params or {})
    return read_reason(key, params, "zh"), read_reason(key, params, "en")
