"""RL808 repeated-text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.analysis import narrative
from reportlint.analysis.lines import to_text
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Diagnostic, Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.core.intervals import Intervals
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.match_starts import finder
from reportlint.document.model import Document, Span
from reportlint.rules.base import Rule

_CJK = "\u4e00-\u9fff"
_CJK_RE = pattern_store.compile(f"[{_CJK}]")
# A line that is a heading or a list item, not running text: its last words may well
# be the first words of the next line (`（一）主动公开` / `主动公开政府信息…`).
_HEADING_LINE = pattern_store.compile(
    r"^[ \t\u3000]*(?:#|>|[-*+][ \t]|[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[、.](?!\d)|第[一二三四五六七八九十]{1,3}[章节部条])"
)


# A field label of a page's metadata line (`发布机构：`, `来源:`), or the wide gap
# between two fields.
_FIELD_LABEL = pattern_store.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff \t\u3000]{0,7}[:：]|[ \t\u3000]{2,}")
# What follows a copy that begins a field label: the rest of the label, then a blank or
# a colon (`文件` + `编号 `); the whole label is at most _LABEL_MAX characters.
_LABEL_AFTER = pattern_store.compile(r"([\u4e00-\u9fff]*)(?:[ \t\u3000]+|[:：])")
_LABEL_MAX = 6
# A report's title standing on a line of its own: web pages print it as the page's
# heading and again as the article's, which is the page's layout, not a typing slip.
_TITLE_LINE = pattern_store.compile(r"^[^。；;，,]{4,80}(?:报告|年报)$")
# Blanks on one side of a line break that the quick search for doubled phrases allows
# between two copies; a text with a longer run there is searched the plain way.
_BREAK_BLANKS = 20
_LONG_BREAK = pattern_store.compile(rf"[ \t]{{{_BREAK_BLANKS},}}\n|\n[ \t]{{{_BREAK_BLANKS},}}")


@dataclass(frozen=True)
class _Data:
    phrase: re.Pattern
    phrase_fast: re.Pattern  # `phrase` behind a quick lookahead: for texts without _LONG_BREAK
    allowed: re.Pattern | None
    min_chars: int
    chars: tuple[re.Pattern, ...]
    wrapped_min: int
    sentence_min: int
    numbering: re.Pattern | None


@lru_cache(maxsize=1)
def _data() -> _Data:
    d = ruledata.load("debris").get("repeated_text", {})
    lo = max(2, int(d.get("min_chars", 2)))
    hi = max(lo, int(d.get("max_chars", 40)))
    # the repeated part starts and ends with a Chinese character; inside it, Chinese,
    # digits, Latin letters and blanks (PDF text puts blanks around numbers). The second
    # copy follows at once, or at the start of the next line. The line break is an
    # alternative with the empty string, not an optional group (`(?P<brk>…)?`): the same
    # matches, but `re` runs an alternation at each length of the part tried about a
    # third faster than an optional group.
    phrase = pattern_store.compile(
        rf"(?P<part>[{_CJK}](?:[{_CJK}0-9A-Za-z \t]{{0,{hi - 2}}}?)[{_CJK}])(?:(?P<brk>[ \t]*\n[ \t]*)|)(?P=part)"
    )
    # The same pattern behind a lookahead: the second copy begins with the part's first
    # character, after nothing but what a part and a line break are made of — at most
    # `hi - 1` characters of the part and a break with fewer than _BREAK_BLANKS blanks on
    # either side. Where that character does not come again so (most places), `re` gives
    # up after one quick scan of single characters instead of trying every length of the
    # part with its back reference: half the rule's time, the same matches. A text with
    # a longer run of blanks at a line break is searched with the plain pattern.
    reach = hi - 1 + 2 * _BREAK_BLANKS - 1
    fast = pattern_store.compile(
        rf"(?=(?P<first>[{_CJK}])[{_CJK}0-9A-Za-z \t\n]{{0,{reach}}}?(?P=first))" + phrase.pattern
    )
    allowed = d.get("allowed") or []
    ok = pattern_store.compile("|".join(f"(?:{a})" for a in allowed)) if allowed else None
    chars = tuple(pattern_store.compile(p) for p in d.get("doubled_chars") or [])
    numbering = pattern_store.compile(d["doubled_numbering"]) if d.get("doubled_numbering") else None
    return _Data(
        phrase,
        fast,
        ok,
        lo,
        chars,
        int(d.get("wrapped_line_min_chars", 15)),
        max(2, int(d.get("sentence_min_chars", 6))),
        numbering,
    )


def _cjk_count(s: str) -> int:
    return len(_CJK_RE.findall(s))


class RepeatedText(Rule):
    """The same words written twice in a row.

    A word or a phrase typed or pasted twice (``规范审核审核发布机制``, ``资金资金``,
    a phrase pasted twice, the same sentence twice in a row, ``的的``, a heading
    number written twice by Word's automatic numbering and by hand, ``一、一、``)
    survives copy and paste and reads as careless in an official report. The two
    copies may be split by a line break (PDF and converted text wrap lines inside
    sentences).
    Doubling that the language allows (``研究研究``, ``一个一个``, ``天天``, ``的的确确``)
    is not reported (rules/debris.yaml ``repeated_text``): of the single characters
    written twice, only those listed there are. Nothing inside the statistical
    tables or the page's metadata is checked. The fix deleting the second copy is
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
    summary_zh = "同一词语、短语或句子连写了两遍。"
    rationale_zh = (
        "词语或短语连写两遍（“审核审核”“资金资金”“的的”，整段短语粘贴了两次，或同一句话紧接着又写了一遍）"
        "以及标题序号写了两遍（“一、一、”，Word 自动编号之外又手写了序号），"
        "是录入或复制时的失误，在正式报告中显得粗疏；两遍之间隔着换行（PDF 或转换后的文本在句中折行）也照样检查。"
        "语言允许的叠用（“研究研究”“一个一个”“天天”“的的确确”）不报告；单个字的重叠只报告"
        "rules/debris.yaml 中列出的字。统计表和页面元数据中的内容不检查。"
        "提供删去第二遍的修复，但标记为不安全（--fix 不会自动应用），因为只有作者知道该保留哪一处。"
    )
    messages = {
        "repeated": T(
            "“{text}”连写了两遍；请删去重复的部分",
            "'{text}' is written twice in a row; delete the repetition",
        ),
        "numbering": T(
            "序号“{text}”写了两遍（常见于 Word 自动编号之外又手写了序号）；请删去一个",
            "the number '{text}' is written twice (often Word's automatic numbering plus a typed one); delete one",
        ),
        "sentence": T(
            "同一句话“{text}”紧接着又写了一遍；请删去重复的一句",
            "the sentence '{text}' is written twice in a row; delete the repeated sentence",
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        d = _data()
        # the tables, real grids and lines of pipe-separated cells (offsets in doc.text)
        skip = [t.span for t in doc.tables.values() if t is not None and t.span is not None]
        skip += [doc.view.to_source(a, b) for a, b in narrative.excluded_regions(doc)]
        tables = Intervals(skip)

        def in_table(offset: int) -> bool:
            return offset in tables

        found: list[Span] = []
        for first, second, shown in self._phrases(doc, d):
            if in_table(first[0]):
                continue
            found.append(second)
            yield self._finding(doc, "repeated", second, shown)
        for first, second in self._chars(doc, d):
            if in_table(first[0]) or any(a < second[1] and second[0] < b for a, b in found):
                continue
            found.append(second)
            yield self._finding(doc, "repeated", second, doc.text[first[0] : first[1]])
        if d.numbering is not None:
            for m in finder(d.numbering)(doc.view.text):
                first = to_text(doc, m.start(), m.start() + len(m.group("part")))
                second = to_text(doc, m.end() - len(m.group("part")), m.end())
                if in_table(first[0]):
                    continue
                found.append(second)
                yield self._finding(doc, "numbering", second, doc.text[second[0] : second[1]])
        for second, shown in self._sentences(doc, d):
            if in_table(second[0]) or any(a < second[1] and second[0] < b for a, b in found):
                continue
            yield self._finding(doc, "sentence", second, shown)

    def _finding(self, doc: Document, key: str, span: Span, shown: str):
        fix = None
        if doc.extracted.editable:
            fix = Fix(T("删去重复的部分", "delete the repetition"), (Edit(span[0], span[1], ""),), safe=False)
        if len(shown) > 40:
            shown = shown[:38] + "……"
        return self.report(doc, span, key, text=shown, fix=fix)

    # -- a word or phrase twice -----------------------------------------------------
    def _phrases(self, doc: Document, d: _Data) -> Iterator[tuple[Span, Span, str]]:
        v = doc.view.text
        phrase = d.phrase if _LONG_BREAK.search(v) else d.phrase_fast
        pos = 0
        while True:
            m = phrase.search(v, pos)
            if m is None:
                return
            part = m.group("part")
            pos = m.start() + 1
            if _cjk_count(part) < d.min_chars:
                continue
            if d.allowed is not None and d.allowed.search(part.strip()):
                continue
            if m.group("brk") is not None and not self._wrapped(v, m.start(), m.end(), d):
                continue
            # `重复重复重复`: the run of copies, reported once
            second = m.end() - len(part)
            end = m.end()
            while v.startswith(part, end):
                end += len(part)
            pos = end
            yield (
                to_text(doc, m.start(), m.start() + len(part)),
                to_text(doc, second, end),
                re.sub(r"[ \t]+", " ", part),
            )

    @staticmethod
    def _wrapped(v: str, start: int, end: int, d: _Data) -> bool:
        """The line holding the first copy is running text a line break cut, not a
        heading, a short line of its own or a field of a page's metadata."""
        line_start = v.rfind("\n", 0, start) + 1
        line = v[line_start : v.find("\n", start)]
        if "|" in line or _HEADING_LINE.match(line):
            return False
        # Only the running text after the line's last field label counts: in
        # `发布机构：新下陆街道` or `名称：某某局2023年年度报告` the value is a field of
        # its own, not a sentence that a line break cut (the title on the next line
        # may well begin with it, or be the same words).
        before = _FIELD_LABEL.split(line[: start - line_start])[-1]
        if not before.strip():
            return False
        # The second copy begins a field label of the next line (`…政府办公室文件` /
        # `文件编号 坛政办发…`): a short word followed by a blank or a colon.
        second = len(v[start:end].split("\n")[-1].strip())
        label = _LABEL_AFTER.match(v, end)
        if label is not None and second + len(label.group(1)) <= _LABEL_MAX:
            return False
        tail = before + line[start - line_start :]
        return len(re.sub(r"\s+", "", tail)) >= d.wrapped_min

    @staticmethod
    def _own_lines(v: str, first: int, second: int, end: int) -> bool:
        """Both copies stand on lines of their own."""
        before = v[v.rfind("\n", 0, first) + 1 : first]
        nl = v.find("\n", end)
        after = v[end : len(v) if nl < 0 else nl]
        return not before.strip() and not after.strip() and "\n" in v[first:second]

    # -- a single character from the data list twice --------------------------------
    def _chars(self, doc: Document, d: _Data) -> Iterator[tuple[Span, Span]]:
        v = doc.view.text
        for pattern in d.chars:
            for m in finder(pattern)(v):
                if m.end() - m.start() < 2:
                    continue
                yield to_text(doc, m.start(), m.start() + 1), to_text(doc, m.end() - 1, m.end())

    # -- the same sentence twice in a row ---------------------------------------------
    def _sentences(self, doc: Document, d: _Data) -> Iterator[tuple[Span, str]]:
        sents = narrative.sentences(doc)
        v = doc.view.text
        for prev, cur in itertools.pairwise(sents):
            n = len(cur.text)
            if not prev.text.endswith(cur.text) or _cjk_count(cur.text) < d.sentence_min:
                continue
            k = len(prev.text) - n
            if k > 0 and "\n" not in v[prev.pos[k - 1] + 1 : prev.pos[k]]:
                continue  # the earlier one is a longer sentence that merely ends the same way
            if v[prev.end : cur.start].strip():
                continue  # back to back: nothing but blanks between the two
            if _TITLE_LINE.match(cur.text.strip()) and self._own_lines(v, prev.pos[k], cur.start, cur.end):
                continue  # the title as the page's heading and as the article's
            span = cur.text_span(doc, 0, n)
            yield span, re.sub(r"\s+", "", doc.text[span[0] : span[1]])
