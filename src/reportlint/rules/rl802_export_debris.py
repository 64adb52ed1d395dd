"""RL802 export-debris."""

from __future__ import annotations

from reportlint.analysis.lines import (
    compile_pattern,
    deletion_fix,
    start_class,
    text_lines,
    whole_line_span,
)
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule


class ExportDebris(Rule):
    """Markers left by a Word or PDF export: bookmarks and page-number lines.

    Converting a .docx to text leaves Word's hidden bookmarks as visible
    ``[bookmark: _Hlk83814431]`` markers; text taken from a PDF keeps the page
    numbers (``- 3 -``) between the lines. They are not part of the report. The fix
    deletes them.

    Bad:
        [bookmark: _Hlk83814431]收到和处理政府信息公开申请情况统计表
        - 3 -
    Good:
        收到和处理政府信息公开申请情况统计表
    """

    code = "RL802"
    name = "export-debris"
    category = "artifact"
    severity = Severity.WARNING
    applies_to = ("text", "markdown", "html")
    summary_zh = "正文中残留 Word/PDF 导出标记（书签、页码行）。"
    rationale_zh = (
        "把 .docx 转成文字时，Word 的隐藏书签会变成可见的“[bookmark: _Hlk83814431]”；"
        "从 PDF 复制的文字会把页码（“- 3 -”）夹在行间。它们不是报告内容，自动修复会删除。"
    )
    messages = {
        "marker": T("Word 导出残留 {text}；请删除", "Word export debris {text}; delete it"),
        "page_number": T("页码行“{text}”混在正文中；请删除", "page-number line '{text}' inside the text; delete it"),
    }

    def check(self, doc):
        data = ruledata.load("debris")
        markers = [compile_pattern(m["pattern"]) for m in data["export_markers"]]
        # a marker none of whose first characters is in the text is in none of its lines
        markers = [p for p in markers if (starts := start_class(p)) is None or starts.search(doc.text)]
        page_line = compile_pattern(data["page_number_line"])
        for start, _end, line in text_lines(doc):
            if in_page(doc, start, _end):
                continue  # the page's metadata (a crawler header) is not report text
            for pattern in markers:
                for m in pattern.finditer(line):
                    span = (start + m.start(), start + m.end())
                    fix = deletion_fix(doc, [span], T("删除导出标记", "delete the marker"))
                    yield self.report(doc, span, "marker", text=m.group(), fix=fix)
            if page_line.search(line):
                span = (start + len(line) - len(line.lstrip()), start + len(line.rstrip()))
                fix = deletion_fix(doc, [whole_line_span(doc, span)], T("删除页码行", "delete the page-number line"))
                yield self.report(doc, span, "page_number", text=line.strip(), fix=fix)
