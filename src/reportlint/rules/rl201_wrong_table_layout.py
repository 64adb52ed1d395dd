"""RL201 wrong-table-layout."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.analysis.table_positions import table_start
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations

# The row that shows a table 三's layout: the single （六）其他处理 (2019) or its first item (2021).
_TELLTALE = {"2019": "other", "2021": "other.no_correction"}


class WrongTableLayout(CellLocations, Rule):
    """A table uses the layout of the other national format than the report year's.

    Reports for 2019 and 2020 use the trial format of 国办公开办函〔2019〕60号; reports
    from 2021 on use the revised format of 国办公开办函〔2021〕30号. The two differ in
    table 二 (columns 本年新制作数量/上一年项目数量/本年增/减 and the rows 其他对外管理服务
    事项 and 政府集中采购 in 2019; 本年制发件数/本年废止件数/现行有效件数 and 本年处理决定数量
    in 2021) and in table 三 (（六）其他处理 is one row in 2019, three rows in 2021). Real
    reports copied from an old template mix them, sometimes one table of each. Each
    table in the wrong layout is reported with what to change; table 四 is the same in
    both formats.

    Bad:
        昌吉州科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 0
        规范性文件 | 0 | 0 | 0
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 0 | 0 | 0
        其他对外管理服务事项 | 0 | 0 | 0
    Good:
        昌吉州科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | 0
    """

    code = "RL201"
    name = "wrong-table-layout"
    category = "template"
    severity = Severity.ERROR
    summary_zh = "表格使用了与报告年度不符的格式。"
    rationale_zh = (
        "2019、2020年度报告使用国办公开办函〔2019〕60号的试行格式，2021年度起使用国办公开办函〔2021〕30号的"
        "修订格式。两者的区别在表二（2019年格式有“本年新制作数量”“上一年项目数量”“本年增/减”等列和"
        "“其他对外管理服务事项”“政府集中采购”行；2021年格式为“本年制发件数/本年废止件数/现行有效件数”"
        "和“本年处理决定数量”）和表三（“（六）其他处理”2019年格式为一行，2021年格式拆为三行）。"
        "照搬旧模板的报告会混用两种格式，甚至一张表用旧格式、一张表用新格式。每张用错格式的表格单独报告，"
        "并说明要改什么；表四两种格式相同。"
    )
    messages = {
        "layout": T(
            "{table_zh}使用的是{layout}年格式（{layout_doc}），{year_zh}报告应使用{fmt}年格式（{fmt_doc}）；请{change_zh}",
            "{table_en} uses the {layout} layout ({layout_doc}), but {year_en} report must use the {fmt} format "
            "({fmt_doc}): {change_en}",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt not in outline.CURRENT_FORMATS:
            return
        data = outline.data()
        docs = data["format_documents"]
        changes = data["layout_changes"]
        year = doc.meta.year
        if year is None and not doc.facts.get("format"):
            return  # without the year the format is guessed from these very tables
        for key in ("table2", "table3"):
            table = doc.tables.get(key)
            if table is None or table.layout not in outline.CURRENT_FORMATS or table.layout == fmt:
                continue
            if table.layout_basis == "year":
                continue  # the rows fit both layouts
            span = table_start(doc, table)
            cell = cell_ref(key, grid=table.grid)
            if key == "table3":
                row = table.row(_TELLTALE[table.layout])
                if row is not None and row.found and row.label_span is not None:
                    span = row.label_span
                    cell = cell_ref(key, row.key, layout=table.layout, grid=table.grid)
            direction = "to" + fmt
            yield self.report(
                doc,
                span,
                "layout",
                cell=cell,
                table_zh=table_title(key).zh,
                table_en=table_title(key).en,
                layout=table.layout,
                layout_doc=docs[table.layout],
                fmt=fmt,
                fmt_doc=docs[fmt],
                year_zh=f"{year}年度" if year else "本年度",
                year_en=f"the {year}" if year else "this",
                change_zh="".join(changes[key][direction].split()),
                change_en=changes[key][direction + "_en"],
                data={"layout": table.layout, "format": fmt},
            )
