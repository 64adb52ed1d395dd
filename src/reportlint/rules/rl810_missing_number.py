"""RL810 missing-number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.analysis import narrative
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document
from reportlint.rules.base import Rule

_ITEM_BREAK = pattern_store.compile("[、,，]")
_DIGIT = pattern_store.compile(r"\d")
_CJK = pattern_store.compile("[\u4e00-\u9fff]")
_BLANKS = pattern_store.compile(r"\s+")
_NUMERAL = "零〇一二两三四五六七八九十"
# `(?:\d+(?:\.\d+)?|[一…][一…百千万]*)` written to begin with one class, the branch
# chosen by a lookbehind at the character taken: `re` skips ahead to a digit or a
# numeral in C instead of trying both branches at every character of each sentence.
_NUMBER = rf"[\d{_NUMERAL}](?:(?<=\d)\d*(?:\.\d+)?|(?<=[{_NUMERAL}])[{_NUMERAL}百千万]*)(?:余|多)?"


@dataclass(frozen=True)
class _Data:
    units: tuple[str, ...]  # what `counted` and `bare` end with: an item ending otherwise is neither
    counted: re.Pattern  # an item ending in a number and a unit; group `unit`
    # where a sentence holds a counted item: a number and a unit ending an item (before
    # the sentence's closing marks and an item break, or at its end)
    any_counted: re.Pattern
    bare: re.Pattern  # an item ending in a word and a unit; groups `before`, `unit`
    quantity_before: re.Pattern
    words: dict[str, re.Pattern]
    min_counted: int
    min_label: int
    min_counted_blank: int
    min_same_label: int


@lru_cache(maxsize=1)
def _data() -> _Data:
    d = ruledata.load("enumerations")["counted_items"]
    units = sorted((str(u) for u in d["units"]), key=pattern_store.longest_first)
    alt = "|".join(re.escape(u) for u in units)
    words = {str(u): pattern_store.compile(p) for u, p in (d.get("words") or {}).items() if p}
    return _Data(
        tuple(units),
        pattern_store.compile(rf"{_NUMBER}(?P<unit>{alt})$"),
        pattern_store.compile(
            rf"{_NUMBER}(?:{alt})\n?[{re.escape(narrative.TERMINATORS)}]*(?:{_ITEM_BREAK.pattern}|$)"
        ),
        pattern_store.compile(rf"(?P<before>[\u4e00-\u9fff])(?P<unit>{alt})$"),
        pattern_store.compile(d["quantity_before"]),
        words,
        max(1, int(d.get("min_counted", 2))),
        max(1, int(d.get("min_label_chars", 3))),
        max(1, int(d.get("min_counted_blank", 1))),
        max(2, int(d.get("min_same_label_chars", 4))),
    )


@dataclass
class _Piece:
    start: int  # index in Sentence.text
    end: int
    text: str
    unit: str | None = None  # the unit of a counted item
    bare_unit: str | None = None  # the unit of an item without its number
    blank: bool = False  # a blank stands where the number should be (`工作动态 条`)


class MissingNumber(Rule):
    """An item of a list of counts has its unit but no number.

    In a list such as ``公开施工许可证76条、安全生产许可证121条、核准企业资质条``
    every item is a label, a number and a unit; an item written with the same unit and
    no number (``核准企业资质条``) lost its figure when the text was typed or a blank
    of a template was never filled. The reader cannot tell how many there were. Only
    items whose neighbours in the same sentence are counted in the same unit are
    considered, and an item whose last characters make a word (``规范性文件``,
    ``公开事项``, ``更新日期``, ``各项``, ``首次``; rules/enumerations.yaml
    ``counted_items``) is not reported. A blank where the number should stand
    (``其中工作动态 条``, a template's gap never filled) needs only one counted
    neighbour; the last item of a list that repeats its neighbours' label with no
    number and no unit (``制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件``)
    is reported too.

    Bad:
        全年公开核准企业资质条、施工许可证76条、安全生产许可证121条。
    Good:
        全年公开核准企业资质43条、施工许可证76条、安全生产许可证121条。
    """

    code = "RL810"
    name = "missing-number"
    category = "placeholder"
    severity = Severity.WARNING
    summary_zh = "数量列举中某一项只有单位，缺少数字。"
    rationale_zh = (
        "在“公开施工许可证76条、安全生产许可证121条、核准企业资质条”这样的数量列举中，每一项都是名称、数字和单位；"
        "某一项有单位却没有数字（“核准企业资质条”），是录入时漏掉了数字或模板的空白没有填写，读者无法知道实际数量。"
        "只检查同一句中相邻各项用同一单位计数的列举；末尾几个字本身成词的（“规范性文件”“公开事项”“更新日期”"
        "“各项”“首次”，见 rules/enumerations.yaml 的 counted_items）不报告。"
        "数字的位置留着空白（“其中工作动态 条”，模板的空格没有填写）时，只需一个相邻项写了数量；"
        "列举的最后一项重复了相邻项的名称却既无数字也无单位（“制定规范性文件0件，废止规范性文件0件，"
        "现行有效的规范性文件”），也会报告。"
    )
    messages = {
        "missing": T(
            "“{item}”缺少数字：同一列举的其他项都写了数量（如“{sibling}”），这一项的“{unit}”前没有数字；请补上数量",
            "'{item}' has no number: the other items of the list are counted (e.g. '{sibling}'), "
            "but there is no number before '{unit}' here; add the count",
        ),
        "uncounted": T(
            "“{item}”缺少数量：同一列举的其他项都写了数量（如“{sibling}”），这一项既没有数字也没有单位；请补上数量",
            "'{item}' has no count: the other items of the list are counted (e.g. '{sibling}'), "
            "but this one has neither a number nor a unit; add the count",
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        d = _data()
        for sent in narrative.sentences(doc):
            if d.any_counted.search(sent.text) is None:
                continue  # no counted item: no item lacks a number its siblings have
            pieces = self._pieces(sent.text, d, lambda k, sent=sent: _blank_before(doc, sent, k))
            for i, p in enumerate(pieces):
                if p.bare_unit is None:
                    sibling = self._same_label(pieces, i, d)
                    if sibling is not None:
                        span = sent.text_span(doc, p.start, p.end)
                        yield self.report(
                            doc,
                            span,
                            "uncounted",
                            item=_tail(_written(doc, sent, p)),
                            sibling=_tail(_written(doc, sent, sibling)),
                        )
                    continue
                sibling = self._sibling(
                    pieces, i, p.bare_unit, d.min_counted_blank if p.blank else d.min_counted, p.blank
                )
                if sibling is None:
                    continue
                unit = p.bare_unit
                span = sent.text_span(doc, p.end - len(unit), p.end)
                yield self.report(
                    doc,
                    span,
                    "missing",
                    item=_tail(_written(doc, sent, p)),
                    sibling=_tail(_written(doc, sent, sibling)),
                    unit=unit,
                )

    @staticmethod
    def _same_label(pieces: list[_Piece], i: int, d: _Data) -> _Piece | None:
        """The last item of a sentence that ends with the label its counted neighbour
        counts (`制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件`): the
        number and its unit were left out."""
        p = pieces[i]
        if i != len(pieces) - 1 or i == 0 or p.unit is not None or _DIGIT.search(p.text):
            return None
        prev = pieces[i - 1]
        if prev.unit is None:
            return None
        c = d.counted.search(prev.text)
        if c is None:
            return None
        label = prev.text[: c.start()]
        n = 0
        while n < min(len(label), len(p.text)) and label[-1 - n] == p.text[-1 - n]:
            n += 1
        suffix = p.text[len(p.text) - n :]
        if len(_CJK.findall(suffix)) < d.min_same_label or d.quantity_before.search(
            p.text[: len(p.text) - n][-1:] or "-"
        ):
            return None
        run = 0
        j = i - 1
        while j >= 0 and pieces[j].unit == prev.unit:
            run += 1
            j -= 1
        return prev if run >= d.min_counted else None

    @staticmethod
    def _pieces(text: str, d: _Data, blank_before=None) -> list[_Piece]:
        """The items of a sentence; ``blank_before(k)`` says whether blanks stood
        before character ``k`` of the (squeezed) sentence text."""
        out: list[_Piece] = []
        start = 0
        for m in [*_ITEM_BREAK.finditer(text), None]:
            end = m.start() if m is not None else len(text)
            # a sentence's closing mark is not part of its last item
            body_end = end
            while body_end > start and text[body_end - 1] in narrative.TERMINATORS:
                body_end -= 1
            piece = _Piece(start, body_end, text[start:body_end])
            # both patterns end in a unit at `$` (the end, or before a final line break):
            # an item that does not end in one is not searched from each of its characters
            ends_in_unit = (piece.text[:-1] if piece.text.endswith("\n") else piece.text).endswith(d.units)
            c = d.counted.search(piece.text) if ends_in_unit else None
            if c is not None:
                piece.unit = c.group("unit")
            elif ends_in_unit:
                b = d.bare.search(piece.text)
                if b is not None and MissingNumber._bare(piece.text, b, d):
                    piece.bare_unit = b.group("unit")
                    piece.blank = blank_before is not None and blank_before(start + b.start("unit"))
            out.append(piece)
            if m is not None:
                start = m.end()
        return out

    @staticmethod
    def _bare(text: str, b: re.Match, d: _Data) -> bool:
        before, unit = b.group("before"), b.group("unit")
        if _DIGIT.search(text) or d.quantity_before.match(before):
            return False
        word = d.words.get(unit)
        if word is not None and word.match(before):
            return False
        return len(_CJK.findall(text[: b.start("unit")])) >= d.min_label

    @staticmethod
    def _sibling(pieces: list[_Piece], i: int, unit: str, min_counted: int, blank: bool = False) -> _Piece | None:
        """The nearest counted neighbour, when the run of items counted in ``unit``
        around item ``i`` has ``min_counted`` of them and one is next to it. For an
        item with a blank in place of its number, other such items of the unit are
        passed over (`共计 条，其中动态 条、公告5条`)."""

        def gap(p: _Piece) -> bool:
            return blank and p.blank and p.bare_unit == unit

        run: list[tuple[int, _Piece]] = []  # (distance, item)
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(pieces) and (pieces[j].unit == unit or gap(pieces[j])):
                if pieces[j].unit == unit:
                    run.append((abs(j - i), pieces[j]))
                j += step
        if len(run) < min_counted:
            return None
        nearest = min(run, key=lambda r: r[0])
        # a counted item next to it (for a blank one: next to it or to its blank run)
        return nearest[1] if nearest[0] == 1 or blank else None


def _blank_before(doc: Document, sent: narrative.Sentence, k: int) -> bool:
    """Blanks (not a line break) stood between characters ``k - 1`` and ``k`` of the
    sentence: the place of a number left out (`工作动态 条`)."""
    if k <= 0 or k >= len(sent.pos):
        return False
    between = doc.view.text[sent.pos[k - 1] + 1 : sent.pos[k]]
    return bool(between) and not between.strip() and "\n" not in between


def _written(doc: Document, sent: narrative.Sentence, piece: _Piece) -> str:
    """An item as the user wrote it (full-width punctuation kept), without blanks."""
    a, b = sent.text_span(doc, piece.start, piece.end)
    return _BLANKS.sub("", doc.text[a:b])


def _tail(item: str, limit: int = 16) -> str:
    """The end of an item, where its label and count are (a long item is cut in front)."""
    return item if len(item) <= limit else "…" + item[-limit:]
