"""RL803 pinyin-reading."""

from __future__ import annotations

from reportlint.analysis.lines import deletion_fix, start_class, text_lines
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.match_starts import finder
from reportlint.document.normalize import PINYIN_READING
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule


class PinyinReading(Rule):
    """Pinyin readings inserted after characters, e.g. ``學(xué)``.

    Some mirror sites convert a page to Traditional script and insert the pinyin of
    each converted character in brackets. The result (``科學(xué)技術(shù)局``) cannot
    be searched or read aloud and is not what the agency published. One finding per
    line lists the readings; the fix deletes them.

    Bad:
        常州市科學(xué)技術(shù)局2021年政府信息公开工作年度報(bào)告
    Good:
        常州市科学技术局2021年政府信息公开工作年度报告
    """

    code = "RL803"
    name = "pinyin-reading"
    category = "artifact"
    severity = Severity.ERROR
    summary_zh = "字后插入了拼音注音，如“學(xué)”。"
    rationale_zh = (
        "有些镜像站点把网页转成繁体，并在转换过的字后面用括号插入拼音。"
        "这样的文字（“科學(xué)技術(shù)局”）无法检索、无法朗读，也不是机关发布的原文。"
        "每行报告一次并列出注音；自动修复会删除注音。"
    )
    messages = {
        "readings": T(
            "本行有 {n} 处拼音注音（{examples}），请删除注音并使用原文",
            "{n} pinyin reading(s) on this line ({examples}); delete them and restore the original text",
        )
    }

    def check(self, doc):
        find_readings = finder(PINYIN_READING)  # tried only at opening brackets
        starts = start_class(PINYIN_READING)
        if starts is not None and starts.search(doc.text) is None:
            return  # no opening bracket: no reading on any line
        for start, _end, line in text_lines(doc):
            if starts is not None and starts.search(line) is None:
                continue
            if in_page(doc, start, _end):
                continue  # the page's metadata is not report text
            matches = list(find_readings(line))
            if not matches:
                continue
            spans = [(start + m.start(), start + m.end()) for m in matches]
            examples = "、".join(dict.fromkeys(line[m.start() - 1 : m.end()] for m in matches[:4]))
            if len(matches) > 4:
                examples += "…"
            first = (spans[0][0] - 1, spans[0][1])
            fix = deletion_fix(doc, spans, T("删除拼音注音", "delete the pinyin readings"))
            yield self.report(doc, first, "readings", n=len(matches), examples=examples, fix=fix)
