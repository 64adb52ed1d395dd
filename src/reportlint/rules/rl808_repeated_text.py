"""RL808 repeated-text."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.analysis.lines import to_text
from reportlint.core import ruledata
from reportlint.core.diagnostics import Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

_CJK = "\u4e00-\u9fff"


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern, re.Pattern | None, int]:
    d = ruledata.load("debris").get("repeated_text", {})
    lo = max(2, int(d.get("min_chars", 2)))
    hi = max(lo, int(d.get("max_chars", 40)))
    # the repeated part starts and ends with a Chinese character; inside it, Chinese,
    # digits, Latin letters and blanks (PDF text puts blanks around numbers)
    pattern = re.compile(rf"([{_CJK}](?:[{_CJK}0-9A-Za-z \t]{{0,{hi - 2}}}?)[{_CJK}])\1")
    allowed = d.get("allowed") or []
    ok = re.compile("|".join(f"(?:{a})" for a in allowed)) if allowed else None
    return pattern, ok, lo


class RepeatedText(Rule):
    """The same words written twice in a row.

    A word or a phrase typed or pasted twice (``规范审核审核发布机制``, ``资金资金``,
    a whole sentence part repeated) survives copy and paste and reads as careless in
    an official report. Doubling that the language allows (``研究研究``, ``一个一个``) is
    not reported (rules/debris.yaml ``repeated_text``), nor anything inside the
    statistical tables or the page's metadata. The fix deleting the second copy is
    offered but marked unsafe (``--fix`` does not apply it): only the author knows
    which copy to keep.

    Bad:
        二是规范审核审核发布机制。
    Good:
        二是规范审核发布机制。
    """

    code = "RL808"
    name = "repeated-text"
    category = "artifact"
    severity = Severity.WARNING
    summary_zh = "同一词语或短语连写了两遍。"
    rationale_zh = (
        "词语或短语连写两遍（“审核审核”“资金资金”，或整段短语粘贴了两次）是录入或复制时的失误，"
        "在正式报告中显得粗疏。语言允许的叠用（“研究研究”“一个一个”）不报告，统计表和页面元数据中的内容也不检查。"
        "提供删去第二遍的修复，但标记为不安全（--fix 不会自动应用），因为只有作者知道该保留哪一处。"
    )
    messages = {
        "repeated": T(
            "“{text}”连写了两遍；请删去重复的部分",
            "'{text}' is written twice in a row; delete the repetition",
        ),
    }

    def check(self, doc):
        pattern, ok, lo = _data()
        v = doc.view.text
        skip = [t.span for t in doc.tables.values() if t is not None and t.span is not None]
        pos = 0
        while True:
            m = pattern.search(v, pos)
            if m is None:
                return
            part = m.group(1)
            pos = m.start() + 1
            if sum(1 for ch in part if "\u4e00" <= ch <= "\u9fff") < lo:
                continue
            if ok is not None and ok.search(part.strip()):
                continue
            # `重复重复重复`: the run of copies, reported once
            end = m.end()
            while v.startswith(part, end):
                end += len(part)
            first = to_text(doc, m.start(), m.start() + len(part))
            span = to_text(doc, m.start() + len(part), end)
            pos = end
            if any(a <= first[0] < b for a, b in skip):
                continue
            shown = re.sub(r"[ \t]+", " ", part)
            fix = None
            if doc.extracted.editable:
                fix = Fix(T("删去重复的部分", "delete the repetition"), (Edit(span[0], span[1], ""),), safe=False)
            yield self.report(doc, span, "repeated", text=shown, fix=fix)
