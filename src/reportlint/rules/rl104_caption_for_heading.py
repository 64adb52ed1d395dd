"""RL104 caption-for-heading."""

from __future__ import annotations

import re

from reportlint.analysis import outline
from reportlint.core.diagnostics import Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class CaptionForHeading(Rule):
    """A table caption stands where a section heading belongs.

    Sections 二, 三 and 四 of the format are headings followed by their table. Reports
    exported from older drafts often keep only the table's caption
    (``主动公开政府信息情况统计表``) and drop the numbered heading, so the report has no
    sections 二–四 and the later sections get renumbered. The fix inserts the official
    heading on its own line before the caption (text files only); the caption may stay.

    Bad:
        主动公开政府信息情况统计表
        第二十条第（一）项
    Good:
        二、主动公开政府信息情况
        主动公开政府信息情况统计表
        第二十条第（一）项
    """

    code = "RL104"
    name = "caption-for-heading"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "部分标题被表格标题代替。"
    rationale_zh = (
        "格式中的二、三、四部分是“标题+表格”。从旧稿导出的报告常常只保留表格标题（如“主动公开政府信息"
        "情况统计表”），丢掉了带序号的部分标题，结果报告缺少二至四部分，后面各部分的序号也被改动。"
        "自动修复会在表格标题前单独一行插入规定的标题（仅限文本文件），表格标题可以保留。"
    )
    messages = {
        "caption": T(
            "“{caption}”是表格标题，不能代替第{number}部分的标题；请在它前面加上标题“{heading}”",
            "'{caption}' is a table caption, not the heading of part {number}; add the heading '{heading}' before it",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt not in outline.CURRENT_FORMATS:
            return
        for sec in doc.sections:
            if sec.variant != "caption":
                continue
            heading = outline.heading_label(sec)
            fix = None
            if doc.extracted.editable:
                at = outline.line_start(doc, sec.heading_span[0])
                fix = Fix(T("插入部分标题", "insert the section heading"), (Edit(at, at, heading + "\n"),))
            yield self.report(
                doc,
                sec.heading_span,
                "caption",
                caption=re.sub(r"\s+", "", sec.title),
                number=sec.expected_number,
                heading=heading,
                fix=fix,
            )
