"""RL001 no-text-layer."""

from __future__ import annotations

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NoTextLayer(Rule):
    """The PDF has no text layer, so nothing in it can be checked.

    A scanned report is an image: readers cannot search it, screen readers cannot
    read it, and no check can run on it. Publish the PDF exported from the word
    processor (or run OCR) so the text is really there.

    Bad:
        淮安市2024年年报.pdf — every page is a scanned image, no selectable text.
    Good:
        淮安市2024年年报.pdf — exported from Word/WPS, the text can be selected and copied.
    """

    code = "RL001"
    name = "no-text-layer"
    category = "structure"
    severity = Severity.ERROR
    applies_to = ("pdf",)
    summary_zh = "PDF 没有文字层，无法检查。"
    rationale_zh = (
        "扫描件只是图片：公众无法检索、读屏软件无法朗读，任何检查都无从进行。"
        "请发布由文字处理软件导出的 PDF（或先做文字识别），使正文确实是文字。"
    )
    messages = {
        "no_text": T(
            "PDF 没有可提取的文字（可能是扫描件），无法检查内容；请改用由 Word/WPS 导出的 PDF",
            "the PDF has no extractable text (a scan?), so nothing can be checked; publish a PDF exported from Word/WPS",
        )
    }

    def check(self, doc):
        for note in doc.extracted.notes:
            if note.kind == "no-text-layer":
                yield self.report(doc, (note.start, note.end), "no_text")
