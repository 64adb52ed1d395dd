"""RL809 enumeration-gap."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from reportlint.analysis import narrative
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document, Span
from reportlint.document.numerals import cn_to_int
from reportlint.rules.base import Rule

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "〇一二三四五六七八九"


@dataclass(frozen=True)
class _Style:
    name: str
    level: int
    pattern: re.Pattern
    loose: str
    after_word: bool
    not_followed_by: re.Pattern | None


@dataclass(frozen=True)
class _Data:
    styles: tuple[_Style, ...]
    boundary: re.Pattern
    start_after: tuple[str, ...]
    never_after: re.Pattern
    max_gap: int


@dataclass
class _Item:
    style: _Style
    number: int
    span: Span  # view span of the whole marker
    num_span: Span  # view span of its number


@lru_cache(maxsize=1)
def _data() -> _Data:
    d = ruledata.load("enumerations")["item_markers"]
    styles = tuple(
        _Style(
            s["name"],
            int(s["level"]),
            pattern_store.compile(s["pattern"]),
            s["loose"],
            bool(s.get("after_word", False)),
            pattern_store.compile(s["not_followed_by"]) if s.get("not_followed_by") else None,
        )
        for s in d["styles"]
    )
    return _Data(
        styles,
        pattern_store.compile(d["boundary_before"]),
        tuple(d.get("start_after") or ()),
        pattern_store.compile(d["never_after"]),
        int(d.get("max_gap", 2)),
    )


def _value(written: str) -> int | None:
    if len(written) == 1 and written in _CIRCLED:
        return _CIRCLED.index(written) + 1
    return cn_to_int(written)


def _written_like(written: str, n: int) -> str:
    """``n`` written the way ``written`` is (digits, circled digits or Chinese numerals)."""
    if written.isascii():
        return str(n)
    if written in _CIRCLED:
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


_SENTENCE_BREAK = pattern_store.compile(r"[\n。！？!?]")


def _sentence_breaks(doc: Document) -> list[int]:
    """Offsets in ``doc.text`` of every character that ends a sentence, in order."""
    return doc.memo("rl809.sentence_breaks", lambda: [m.start() for m in _SENTENCE_BREAK.finditer(doc.text)])


def _quoted(text: str, offset: int, breaks: list[int]) -> bool:
    """The offset lies inside a quotation or a document title of its sentence
    (``《关于…一是…》``, ``“…二是…”``). ``breaks`` are :func:`_sentence_breaks`: the
    sentence's start is found by bisection, not by a scan back for each end character
    (which runs to the start of the text for a character the text never uses)."""
    before_offset = bisect_left(breaks, offset)
    start = breaks[before_offset - 1] + 1 if before_offset else 0
    before = text[start:offset]
    if before.rfind("《") > before.rfind("》"):
        return True
    if before.rfind("“") > before.rfind("”"):
        return True
    return before.count('"') % 2 == 1


class EnumerationGap(Rule):
    """A numbered list skips a number or uses one twice.

    Reports list their points as ``一是…；二是…；三是…``, ``第一，…第二，…``,
    ``（一）（二）（三）`` sub-headings, ``1.`` ``2.``, ``（1）`` or ``①``. A list that runs
    ``一是…；三是…`` (二 left out when a point was deleted) or ``二是…；二是…`` (a point
    copied and not renumbered) reads as a careless edit, and a reader looks for the
    missing point. Each list restarts at 一 (a new paragraph, a new sub-heading or a new
    section may begin a new list); a list is followed inside one section, across
    paragraphs; a sub-heading ends the lists below it. Markers inside a quotation or a
    document title, in the tables, or right after words that make them ordinary text
    (``之一是``, ``第（一）项``) are not items. Only the first slip of a list is reported,
    at the item written out of sequence, with the number expected there. The six
    section headings (一、…六、) are RL103's.

    Bad:
        存在的问题主要有：一是公开意识有待加强；三是解读形式较为单一；三是平台建设有待完善。
    Good:
        存在的问题主要有：一是公开意识有待加强；二是解读形式较为单一；三是平台建设有待完善。
    """

    code = "RL809"
    name = "enumeration-gap"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "列举序号跳号或重复（“一是…三是…”“二是…二是…”）。"
    rationale_zh = (
        "报告常用“一是…二是…三是…”“第一，…第二，…”“（一）（二）（三）”“1. 2.”“（1）”“①”列举要点。"
        "序号跳号（删去一点后没有重排，如“一是…三是…”）或重复（复制一点后没有改号，如“二是…二是…”）"
        "说明修改时有疏漏，读者也会去找缺少的那一点。每组列举从“一”重新开始；同一部分内跨段落的列举连续计算，"
        "上一级小标题结束其下的列举。引号或书名号内、统计表中，以及“之一是”“第（一）项”这类并非列举的写法不计。"
        "每组列举只报告第一处错误，指出该处应有的序号。六个部分标题（一、…六、）的序号由 RL103 检查。"
    )
    messages = {
        "gap": T(
            "列举序号不连续：“{prev}”之后是“{written}”，缺少“{expected}”；请把此处改为“{expected}”，或补上漏掉的一点",
            "the list skips a number: '{written}' follows '{prev}', '{expected}' is missing; "
            "renumber this item '{expected}' or add the missing point",
        ),
        "repeat": T(
            "列举序号重复：“{prev}”之后又是“{written}”；此处应为“{expected}”，请改正序号",
            "the list repeats a number: '{written}' follows '{prev}' again; this item should be '{expected}'",
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        d = _data()
        v = doc.view.text
        for a, b in self._scopes(doc):
            yield from self._check_scope(doc, d, v, a, b)

    @staticmethod
    def _scopes(doc: Document) -> list[Span]:
        """View intervals of the narrative in which lists are followed: each section's
        body, the text before the first section, less the tables."""
        v = doc.view
        cuts = sorted({0, len(v.text), *(v.to_view(s.heading_span[0]) for s in doc.sections)})
        excluded = narrative.excluded_regions(doc)  # sorted, merged: their ends are in order too
        ends = [e for _, e in excluded]
        out: list[Span] = []
        for a, b in itertools.pairwise(cuts):
            pos = a
            # only the regions from the first one ending after `a` to the last one starting
            # before `b`: one bisection per section, not a pass over every region
            i = bisect_right(ends, a)
            while i < len(excluded) and excluded[i][0] < b:
                s, e = excluded[i]
                if s > pos:
                    out.append((pos, s))
                pos = max(pos, e)
                i += 1
            if pos < b:
                out.append((pos, b))
        return out

    def _items(self, doc: Document, d: _Data, v: str, a: int, b: int) -> list[_Item]:
        items: list[_Item] = []
        for style in d.styles:
            for m in style.pattern.finditer(v, a, b):
                n = _value(m.group("n"))
                if n is None or n < 1:
                    continue
                if not self._is_marker(doc, d, style, v, m, n):
                    continue
                items.append(_Item(style, n, m.span(), m.span("n")))
        items.sort(key=lambda it: it.span[0])
        return items

    @staticmethod
    def _is_marker(doc: Document, d: _Data, style: _Style, v: str, m: re.Match, n: int) -> bool:
        s = m.start()
        before = v[s - 1] if s > 0 else "\n"
        if d.never_after.match(before):
            return False
        if style.not_followed_by is not None and style.not_followed_by.match(v, m.end()):
            return False
        if not d.boundary.match(before):
            if style.after_word:
                if not ("\u4e00" <= before <= "\u9fff"):
                    return False
            elif not (n == 1 and any(v.endswith(w, 0, s) for w in d.start_after)):
                return False
        src = doc.view.to_source(s, s + 1)[0]
        return not _quoted(doc.text, src, _sentence_breaks(doc))

    def _check_scope(self, doc: Document, d: _Data, v: str, a: int, b: int) -> Iterator:
        items = self._items(doc, d, v, a, b)
        # the open list of each style: its last item (None: no list known to be open)
        open_: dict[str, _Item | None] = {}
        for it in items:
            # an item closes the lists of the levels below it
            for style in d.styles:
                if style.level > it.style.level:
                    open_[style.name] = None
            prev = open_.get(it.style.name)
            if it.number == 1:
                open_[it.style.name] = it
                continue
            if prev is None:
                continue  # a list whose start was not seen: nothing to compare with
            want = prev.number + 1
            if it.number == want:
                open_[it.style.name] = it
                continue
            open_[it.style.name] = None  # one finding per list, and none after a slip
            if it.number < prev.number:
                continue  # a new list, or a nested one, that does not start at 一
            if it.number > want + d.max_gap:
                continue
            # a number in between, or a new list's first item, written in a way the
            # strict pattern did not take for a marker (`…工作一是…`): not a slip
            if self._written_loosely(it.style, v, prev, it, [*range(want, it.number), 1]):
                continue
            key = "repeat" if it.number == prev.number else "gap"
            written = v[it.span[0] : it.span[1]].strip()
            num = v[it.num_span[0] : it.num_span[1]]
            rel = it.num_span[0] - it.span[0]
            expected = written[:rel] + _written_like(num, want) + written[rel + len(num) :]
            shown_prev = v[prev.span[0] : prev.span[1]].strip()
            span = doc.view.to_source(it.span[0], it.span[1])
            yield self.report(
                doc, span, key, prev=_shown(shown_prev), written=_shown(written), expected=_shown(expected)
            )

    @staticmethod
    def _written_loosely(style: _Style, v: str, prev: _Item, it: _Item, numbers: list[int]) -> bool:
        """One of ``numbers`` is written somewhere between the two items, in any form."""
        num = v[it.num_span[0] : it.num_span[1]]
        between = v[prev.span[1] : it.span[0]]
        return any(re.search(style.loose.replace("{n}", re.escape(_written_like(num, n))), between) for n in numbers)


def _shown(marker: str) -> str:
    """A marker as the user reads it: drop trailing separators and line breaks, and write
    the ASCII brackets of the view as the full-width ones of Chinese text."""
    marker = re.sub(r"\s+", "", marker).rstrip(",:")
    return marker.replace("(", "（").replace(")", "）")
