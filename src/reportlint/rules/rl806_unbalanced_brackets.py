"""RL806 unbalanced-brackets."""

from __future__ import annotations

import re
from array import array

from reportlint.analysis.page_chrome import chrome_lines
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.intervals import Intervals
from reportlint.rules.base import Rule

PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "〔": "〕", "[": "]"}
CLOSERS = {v: k for k, v in PAIRS.items()}
OPENERS = tuple(PAIRS)
OPENER_INDEX = {ch: k for k, ch in enumerate(OPENERS)}
# "1）", "（1）" list markers: a closer right after a list number at a line/clause start.
LIST_MARKER = pattern_store.compile(r"(?:^|[\s。；;，,:：])[0-9a-zA-Z一二三四五六七八九十]{1,3}$", re.M)
# A list marker is at most 3 characters and the one before them: look back no further
# (a line of a million closers must not rescan the line for each of them).
LIST_MARKER_REACH = 4
_INTERESTING = pattern_store.compile("[\n" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
# How far a bracket may stay open: headers broken over two lines in Word tables are fine.
REACH_LINES = 2


class UnbalancedBrackets(Rule):
    """An opening bracket or quote without its closing partner, or the reverse.

    Unbalanced （）、《》、“” usually mean a sentence was cut when the text was
    copied or edited — something is missing after it. Brackets may span a line
    break (table headers split over two lines), and list markers like ``1）`` are
    not counted. Neither are the brackets of web-page chrome (a font-size switch cut
    short, `【字体：大 中`): RL801 reports the chrome itself.

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
        "unclosed": T(
            "“{ch}”没有对应的“{other}”；请检查这里是否缺了文字",
            "'{ch}' is never closed by '{other}'; check for missing text",
        ),
        "unopened": T(
            "“{ch}”前面没有对应的“{other}”；请检查这里是否缺了文字",
            "'{ch}' has no matching '{other}' before it; check for missing text",
        ),
    }

    def check(self, doc):
        # The page's metadata and chrome (a crawler header, page fields, a font-size switch
        # cut short, `【字体：大 中`) are not report text: RL801 reports them.
        chrome = [*doc.meta.page_spans, *((s, e) for s, e, _label in chrome_lines(doc))]
        page = [doc.locate(s) for s in chrome]
        page_positions = Intervals(((p.line, p.column), (p.end_line, p.end_column)) for p in page)
        for d in self._brackets(doc):
            if (d.location.line, d.location.column) not in page_positions:
                yield d

    def _brackets(self, doc):
        text = doc.text
        # The open brackets, as three parallel arrays (kind, offset, line number) rather
        # than a list of tuples: a line of five million "（" must not cost gigabytes.
        kinds = bytearray()
        offsets = array("q")
        lines = array("q")
        open_count = [0] * len(OPENERS)  # openers of each kind on the stack
        line_no = 1
        line_start = 0

        def unclosed(k: int):
            ch = OPENERS[kinds[k]]
            return self.report(doc, (offsets[k], offsets[k] + 1), "unclosed", ch=ch, other=PAIRS[ch])

        for m in _INTERESTING.finditer(text):  # only brackets and line breaks matter
            i, ch = m.start(), m.group()
            if ch == "\n":
                line_no += 1
                line_start = i + 1
                # The stack is ordered by line: the expired openers are a prefix of it.
                n_expired = 0
                while n_expired < len(kinds) and line_no - lines[n_expired] > REACH_LINES:
                    n_expired += 1
                if n_expired:
                    for k in range(n_expired):
                        open_count[kinds[k]] -= 1
                        yield unclosed(k)
                    del kinds[:n_expired], offsets[:n_expired], lines[:n_expired]
                continue
            if ch in PAIRS and not (ch == "“" and kinds and OPENERS[kinds[-1]] == "“"):
                kind = OPENER_INDEX[ch]
                kinds.append(kind)
                offsets.append(i)
                lines.append(line_no)
                open_count[kind] += 1
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                kind = OPENER_INDEX[opener]
                if open_count[kind]:
                    # Each opener is passed over once: what lies above the match is popped.
                    k = len(kinds) - 1
                    while kinds[k] != kind:
                        k -= 1
                    # Anything opened inside and not closed is unbalanced too.
                    for j in range(k + 1, len(kinds)):
                        yield unclosed(j)
                    for j in range(k, len(kinds)):
                        open_count[kinds[j]] -= 1
                    del kinds[k:], offsets[k:], lines[k:]
                else:
                    if ch in "）)" and LIST_MARKER.search(text, max(line_start, i - LIST_MARKER_REACH), i):
                        continue
                    yield self.report(doc, (i, i + 1), "unopened", ch=ch, other=opener)
        for k in range(len(kinds)):
            yield unclosed(k)
