"""RL701 leftover-placeholder."""

from __future__ import annotations

import re
from bisect import bisect_right

from reportlint.analysis.lines import compile_pattern, to_text
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")


class LeftoverPlaceholder(Rule):
    """Placeholder text from the template or a draft is still in the report.

    Templates and drafts carry markers meant to be replaced: ``20XX年``,
    ``X月X日``, ``XX``/``××``, ``某某``, ``（文字描述）``, ``此处填写``, blanks
    made of underscores. Left in a published report they show that a part was never
    written. Names of documents in 《…》 are not checked, and ``XX`` inside Latin
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
        "由下划线组成的空白等。它们留在发布的报告里，说明有内容没写。《…》中的文件名不检查，"
        "拉丁词中的 XX（如 XXL）不算占位符。可在配置中用 placeholders: 增加词条。"
    )
    messages = {
        "placeholder": T(
            "残留占位文字“{text}”（{label}）；请替换为实际内容",
            "leftover placeholder '{text}' ({label}); replace it with the real content",
        )
    }

    def check(self, doc):
        entries = [(p["label"], compile_pattern(p["pattern"], re.M)) for p in ruledata.load("placeholders")["patterns"]]
        for token in self.opts.get("extra") or []:
            entries.append((token, compile_pattern(re.escape(token))))
        view = doc.view.text
        protected = _Spans()
        for m in BOOK_TITLE.finditer(view):
            protected.add(*m.span())
        taken = _Spans()
        for label, pattern in entries:
            for m in pattern.finditer(view):
                s, e = m.span()
                if protected.covers(s, e):
                    continue
                if taken.overlaps(s, e):
                    continue  # one finding per place, from the most specific pattern
                taken.add(s, e)
                span = to_text(doc, s, e)
                shown = doc.text[span[0] : span[1]].strip()  # as the user wrote it
                yield self.report(doc, span, "placeholder", text=shown, label=label)


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
