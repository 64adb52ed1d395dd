"""RL806 unbalanced-brackets."""

from __future__ import annotations

import re

from reportlint.diagnostics import Severity
from reportlint.i18n import T
from reportlint.rule import Rule

PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "〔": "〕", "[": "]"}
CLOSERS = {v: k for k, v in PAIRS.items()}
# "1）", "（1）" list markers: a closer right after a list number at a line/clause start.
LIST_MARKER = re.compile(r"(?:^|[\s。；;，,:：])[0-9a-zA-Z一二三四五六七八九十]{1,3}$")
_INTERESTING = re.compile("[\n" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
# How far a bracket may stay open: headers broken over two lines in Word tables are fine.
REACH_LINES = 2


class UnbalancedBrackets(Rule):
    """An opening bracket or quote without its closing partner, or the reverse.

    Unbalanced （）、《》、“” usually mean a sentence was cut when the text was
    copied or edited — something is missing after it. Brackets may span a line
    break (table headers split over two lines), and list markers like ``1）`` are
    not counted.

    Bad:
        根据《中华人民共和国政府信息公开条例规定，现将……
    Good:
        根据《中华人民共和国政府信息公开条例》规定，现将……
    """

    code = "RL806"
    name = "unbalanced-brackets"
    category = "artifact"
    severity = Severity.WARNING
    summary_zh = "括号或引号不成对。"
    rationale_zh = (
        "（）、《》、“”不成对，通常说明复制或编辑时句子被截断，后面缺了内容。"
        "括号可以跨一个换行（表头被拆成两行），“1）”这样的序号不计。"
    )
    messages = {
        "unclosed": T("“{ch}”没有对应的“{other}”；请检查这里是否缺了文字", "'{ch}' is never closed by '{other}'; check for missing text"),
        "unopened": T("“{ch}”前面没有对应的“{other}”；请检查这里是否缺了文字", "'{ch}' has no matching '{other}' before it; check for missing text"),
    }

    def check(self, doc):
        text = doc.text
        stack: list[tuple[str, int, int]] = []  # (char, offset, line number)
        line_no = 1
        line_start = 0
        for m in _INTERESTING.finditer(text):  # only brackets and line breaks matter
            i, ch = m.start(), m.group()
            if ch == "\n":
                line_no += 1
                line_start = i + 1
                expired = [s for s in stack if line_no - s[2] > REACH_LINES - 1 + 1]
                for s in expired:
                    yield self.report(doc, (s[1], s[1] + 1), "unclosed", ch=s[0], other=PAIRS[s[0]])
                stack = [s for s in stack if s not in expired]
                continue
            if ch in PAIRS and not (ch == "“" and stack and stack[-1][0] == "“"):
                stack.append((ch, i, line_no))
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == opener:
                        # Anything opened inside and not closed is unbalanced too.
                        for s in stack[k + 1 :]:
                            yield self.report(doc, (s[1], s[1] + 1), "unclosed", ch=s[0], other=PAIRS[s[0]])
                        del stack[k:]
                        break
                else:
                    if ch in "）)" and LIST_MARKER.search(text[line_start:i]):
                        continue
                    yield self.report(doc, (i, i + 1), "unopened", ch=ch, other=opener)
        for s in stack:
            yield self.report(doc, (s[1], s[1] + 1), "unclosed", ch=s[0], other=PAIRS[s[0]])
