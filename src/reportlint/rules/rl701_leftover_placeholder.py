"""RL701 leftover-placeholder."""

from __future__ import annotations

import re
from bisect import bisect_right

from reportlint.analysis.lines import compile_pattern, to_text
from reportlint.analysis.required_text import may_match
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.match_starts import finder
from reportlint.document.normalize import build_view
from reportlint.rules.base import Rule

BOOK_TITLE = pattern_store.compile(r"《[^《》\n]{0,80}》")


class LeftoverPlaceholder(Rule):
    """Placeholder text from the template or a draft is still in the report.

    Templates and drafts carry markers meant to be replaced: ``20XX年``,
    ``X月X日``, ``XX``/``××``, ``某某``, ``（文字描述）``, ``此处填写``, blanks
    made of underscores, and Word's own text in an empty content control
    (``单击或点击此处输入文字。``, ``单击此处输入日期。``, ``Click or tap here to enter
    text.``) — in a .docx any content control that still shows its prompt, whatever the
    prompt says (``请输入单位名称``). Left in a published report they show that a part was never written. The
    headers and footers of a .docx are checked too (a line of underscores there is
    a rule, not a blank); a finding there is placed at the start of the section that
    shows it and names the header or footer. Names of documents in 《…》 are not checked, and ``XX`` inside Latin
    words (``XXL``) is not a placeholder. Extra tokens can be listed in the
    configuration (``placeholders:``).

    Bad:
        五、存在的主要问题及改进情况
        （文字描述）
        20XX年，我局将进一步……
    Good:
        五、存在的主要问题及改进情况
        一是政策解读形式较单一……2022年，我局将进一步……
    """

    code = "RL701"
    name = "leftover-placeholder"
    category = "placeholder"
    severity = Severity.ERROR
    options = {"extra": []}
    summary_zh = "报告中残留模板或草稿的占位文字。"
    rationale_zh = (
        "模板和草稿里有待替换的标记：“20XX年”“X月X日”“XX/××”“某某”“（文字描述）”“此处填写”、"
        "由下划线组成的空白，以及 Word 空内容控件的提示文字（“单击或点击此处输入文字。”“单击此处输入日期。”；"
        ".docx 中仍显示提示文字的内容控件，不论提示写的是什么）等。"
        "它们留在发布的报告里，说明有内容没写。.docx 的页眉页脚也检查（页眉页脚中的下划线是分隔线，不算空白），"
        "其中的问题定位到显示该页眉页脚的节的开头，并在消息中写明页眉或页脚。草稿标记和审改批注见 RL702。"
        "《…》中的文件名不检查，"
        "拉丁词中的 XX（如 XXL）不算占位符。可在配置中用 placeholders: 增加词条。"
    )
    messages = {
        "placeholder": T(
            "残留占位文字“{text}”（{label}）；请替换为实际内容",
            "leftover placeholder '{text}' ({label}); replace it with the real content",
        ),
        "content_control": T(
            "Word 内容控件仍显示占位提示“{text}”，没有填写；请点击该控件填写实际内容",
            "a Word content control still shows its prompt '{text}' (never filled in); click it and enter the "
            "real content",
        ),
        "furniture": T(
            "{where_zh}中残留占位文字“{text}”（{label}）；请在 Word 中打开{where_zh}，替换为实际内容或删除",
            "the {where_en} holds the placeholder '{text}' ({label}); open the {where_en} in Word and replace it "
            "with the real content or remove it",
        ),
    }

    def check(self, doc):
        entries = [
            (p["label"], compile_pattern(p["pattern"], re.M), p.get("in_furniture", True))
            for p in ruledata.load("placeholders")["patterns"]
        ]
        for token in self.opts.get("extra") or []:
            entries.append((token, compile_pattern(re.escape(token)), True))
        spans = []
        for s, e, label in _find(doc.view.text, entries, furniture=False):
            span = to_text(doc, s, e)
            spans.append(span)
            shown = doc.text[span[0] : span[1]].strip()  # as the user wrote it
            yield self.report(doc, span, "placeholder", text=shown, label=label)
        for note in doc.extracted.notes:  # .docx content controls nobody filled in
            if note.kind != "content-control-placeholder":
                continue
            if any(s < note.end and note.start < e for s, e in spans):
                continue  # already found by its words
            yield self.report(doc, (note.start, note.end), "content_control", text=note.detail)
        for f in doc.extracted.furniture:  # .docx headers and footers
            fv = build_view(f.text)
            where = f.where()
            for s, e, label in _find(fv.text, entries, furniture=True):
                a, b = fv.to_source(s, e)
                yield self.report(
                    doc,
                    f.anchor_span(doc.text),
                    "furniture",
                    text=f.text[a:b].strip(),
                    label=label,
                    where_zh=where.zh,
                    where_en=where.en,
                    data={"part": f.part, "furniture": f.kind},
                )


def _find(view: str, entries, furniture: bool):
    """(start, end, label) of every placeholder in ``view``, one per place."""
    protected = _Spans()
    for m in BOOK_TITLE.finditer(view):
        protected.add(*m.span())
    taken = _Spans()
    for label, pattern, in_furniture in entries:
        if furniture and not in_furniture:
            continue
        if not may_match(pattern)(view):
            continue  # none of the words every match holds: most patterns, most reports
        for m in finder(pattern)(view):
            s, e = m.span()
            if protected.covers(s, e):
                continue
            if taken.overlaps(s, e):
                continue  # one finding per place, from the most specific pattern
            taken.add(s, e)
            yield s, e, label


class _Spans:
    """Non-overlapping spans kept sorted, so each test is a binary search: a report
    with 100,000 placeholders must not compare every match with every other."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, s: int, e: int) -> None:
        k = bisect_right(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)

    def covers(self, s: int, e: int) -> bool:
        """Whether one span contains [s, e)."""
        k = bisect_right(self.starts, s) - 1
        return k >= 0 and e <= self.ends[k]

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s) - 1
        if k >= 0 and self.ends[k] > s and e > self.starts[k]:
            return True
        k += 1
        return k < len(self.starts) and self.starts[k] < e and s < self.ends[k]
