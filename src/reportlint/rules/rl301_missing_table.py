"""RL301 missing-table."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, section_of, table_title
from reportlint.document.tables import text_ends_after
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class MissingTable(CellLocations, Rule):
    """A statistical table the format requires is missing.

    Sections 二, 三 and 四 of the 2019 and 2021 formats consist of a table each: 主动公开
    政府信息情况, 收到和处理政府信息公开申请情况 and 政府信息公开行政复议、行政诉讼情况. Web
    pages often lose them (the table was an image or a separate attachment), leaving bare
    headings; then the figures the Regulation asks for are not published. Each missing
    table is reported at its section heading (or, when the section is missing too, where
    it belongs). Reports for 2018 and earlier had no national tables; a text with no
    section headings at all is left to RL102.

    Bad:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    Good:
        常州市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
        信息内容 | 本年处理决定数量
        行政许可 | 0
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "RL301"
    name = "missing-table"
    category = "table"
    severity = Severity.ERROR
    summary_zh = "缺少格式要求的统计表。"
    rationale_zh = (
        "2019年和2021年格式的第二、三、四部分各是一张表：主动公开政府信息情况、收到和处理政府信息公开申请"
        "情况、政府信息公开行政复议和行政诉讼情况。网页版常常丢了表格（表格是图片或单独的附件），只剩下"
        "标题，条例要求公开的数据就没有公开。每张缺少的表在其部分标题处报告（部分本身也缺少时，在它应在"
        "的位置报告）。2018年度及以前没有全国统一的表格，不检查；完全没有部分标题的文本由 RL102 报告。"
    )
    messages = {
        "missing": T(
            "“{heading}”下没有{table_zh}统计表；请按{fmt_doc}的格式在这一部分填报该表（没有发生的填0）",
            "{table_en} is missing under '{heading}'; fill in the table of the {fmt_doc} format in this part "
            "(0 where nothing happened)",
        ),
        "missing_with_section": T(
            "缺少第{number}部分“{official}”及其{table_zh}统计表；请补上这一部分并按{fmt_doc}的格式填报该表",
            "part {number} '{official}' and its {table_en} are missing; add the part and fill in the table "
            "of the {fmt_doc} format",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt not in outline.CURRENT_FORMATS:
            return
        if not any(s.key in outline.required_keys(fmt) for s in doc.sections):
            return  # no section headings at all: RL102 reports that once
        fmt_doc = outline.data()["format_documents"][fmt]
        order = [e.key for e in outline.outline("current")]
        cut = False  # the text ended inside an earlier table: the later ones were cut off with it
        for key in ("table2", "table3", "table4"):
            table = doc.tables.get(key)
            if table is not None:
                cut = cut or table.cut_after is not None
                continue
            if cut:
                continue
            section_key = section_of(key)
            sec = doc.section(section_key)
            if sec is not None and text_ends_after(doc, sec.heading_span[1]):
                break  # the text ends under the heading (at most a caption cut off): not left out
            params = dict(
                table_zh=table_title(key).zh,
                table_en=table_title(key).en,
                fmt_doc=fmt_doc,
                cell=cell_ref(key),
            )
            if sec is not None:
                yield self.report(doc, sec.heading_span, "missing", heading=outline.written_heading(doc, sec), **params)
            else:
                entry = outline.official(section_key)
                span, _n, _w = outline.where_missing(doc, section_key, order)
                yield self.report(
                    doc, span, "missing_with_section", number=entry.number, official=entry.title, **params
                )
