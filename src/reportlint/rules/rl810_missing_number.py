"""RL810 missing-number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reportlint.analysis import narrative
from reportlint.core import ruledata
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T
from reportlint.document.model import Document
from reportlint.rules.base import Rule

_ITEM_BREAK = re.compile("[、,，]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile("[\u4e00-\u9fff]")
_BLANKS = re.compile(r"\s+")
_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)(?:余|多)?"


@dataclass(frozen=True)
class _Data:
    counted: re.Pattern  # an item ending in a number and a unit; group `unit`
    bare: re.Pattern  # an item ending in a word and a unit; groups `before`, `unit`
    quantity_before: re.Pattern
    words: dict[str, re.Pattern]
    min_counted: int
    min_label: int


@lru_cache(maxsize=1)
def _data() -> _Data:
    d = ruledata.load("enumerations")["counted_items"]
    units = sorted((str(u) for u in d["units"]), key=len, reverse=True)
    alt = "|".join(re.escape(u) for u in units)
    words = {str(u): re.compile(p) for u, p in (d.get("words") or {}).items() if p}
    return _Data(
        re.compile(rf"{_NUMBER}(?P<unit>{alt})$"),
        re.compile(rf"(?P<before>[\u4e00-\u9fff])(?P<unit>{alt})$"),
        re.compile(d["quantity_before"]),
        words,
        max(1, int(d.get("min_counted", 2))),
        max(1, int(d.get("min_label_chars", 3))),
    )


@dataclass
class _Piece:
    start: int  # index in Sentence.text
    end: int
    text: str
    unit: str | None = None  # the unit of a counted item
    bare_unit: str | None = None  # the unit of an item without its number


class MissingNumber(Rule):
    """An item of a list of counts has its unit but no number.

    In a list such as ``公开施工许可证76条、安全生产许可证121条、核准企业资质条``
    every item is a label, a number and a unit; an item written with the same unit and
    no number (``核准企业资质条``) lost its figure when the text was typed or a blank
    of a template was never filled. The reader cannot tell how many there were. Only
    items whose neighbours in the same sentence are counted in the same unit are
    considered, and an item whose last characters make a word (``规范性文件``,
    ``公开事项``, ``更新日期``, ``各项``, ``首次``; rules/enumerations.yaml
    ``counted_items``) is not reported.

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
    )
    messages = {
        "missing": T(
            "“{item}”缺少数字：同一列举的其他项都写了数量（如“{sibling}”），这一项的“{unit}”前没有数字；请补上数量",
            "'{item}' has no number: the other items of the list are counted (e.g. '{sibling}'), "
            "but there is no number before '{unit}' here; add the count",
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        d = _data()
        for sent in narrative.sentences(doc):
            pieces = self._pieces(sent.text, d)
            for i, p in enumerate(pieces):
                if p.bare_unit is None:
                    continue
                sibling = self._sibling(pieces, i, p.bare_unit, d)
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
    def _pieces(text: str, d: _Data) -> list[_Piece]:
        out: list[_Piece] = []
        start = 0
        for m in [*_ITEM_BREAK.finditer(text), None]:
            end = m.start() if m is not None else len(text)
            # a sentence's closing mark is not part of its last item
            body_end = end
            while body_end > start and text[body_end - 1] in narrative.TERMINATORS:
                body_end -= 1
            piece = _Piece(start, body_end, text[start:body_end])
            c = d.counted.search(piece.text)
            if c is not None:
                piece.unit = c.group("unit")
            else:
                b = d.bare.search(piece.text)
                if b is not None and MissingNumber._bare(piece.text, b, d):
                    piece.bare_unit = b.group("unit")
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
    def _sibling(pieces: list[_Piece], i: int, unit: str, d: _Data) -> _Piece | None:
        """The nearest counted neighbour, when the run of items counted in ``unit``
        around item ``i`` has ``min_counted`` of them and one is next to it."""
        run: list[_Piece] = []
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(pieces) and pieces[j].unit == unit:
                run.append(pieces[j])
                j += step
        if len(run) < d.min_counted:
            return None
        near = [p for p in (pieces[i - 1] if i > 0 else None, pieces[i + 1] if i + 1 < len(pieces) else None) if p]
        for p in near:
            if p.unit == unit:
                return p
        return None


def _written(doc: Document, sent: narrative.Sentence, piece: _Piece) -> str:
    """An item as the user wrote it (full-width punctuation kept), without blanks."""
    a, b = sent.text_span(doc, piece.start, piece.end)
    return _BLANKS.sub("", doc.text[a:b])


def _tail(item: str, limit: int = 16) -> str:
    """The end of an item, where its label and count are (a long item is cut in front)."""
    return item if len(item) <= limit else "…" + item[-limit:]
