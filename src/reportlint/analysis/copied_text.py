"""Narrative copied from last year's report: what RL522 compares.

Both reports are Documents the engine has already built (``doc`` and
``doc.previous``); nothing here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from reportlint.core import pattern_store
from reportlint.document.model import Document

_MASK_NUMBER = pattern_store.compile(r"\d+(?:[.,]\d+)*")
_MASK_CN_YEAR = pattern_store.compile(r"[〇○零Oo0一二三四五六七八九]{4}(?=年)")
_MASK_CN_COUNT = pattern_store.compile(r"[零〇一二两三四五六七八九十百千]+(?=[件项次个条场期篇家])")


def mask(sentence: str) -> str:
    """A sentence with its years and numbers replaced by ``#``."""
    s = _MASK_CN_YEAR.sub("#", sentence)
    s = _MASK_NUMBER.sub("#", s)
    return _MASK_CN_COUNT.sub("#", s)


@dataclass(eq=False)
class Copied:
    """How much of this year's narrative is last year's, word for word."""

    share: Fraction  # of this year's eligible narrative (by characters) found word for word last year
    copied: int  # sentences
    total: int
    first: object | None  # the first copied Sentence


def copied_narrative(doc: Document, prev: Document, min_chars: int, boilerplate: tuple[str, ...]) -> Copied:
    """How much of ``doc``'s narrative repeats ``prev``'s, years and numbers masked."""
    from reportlint.analysis.narrative import sentences

    def eligible(d: Document):
        for s in sentences(d):
            m = mask(s.text)
            if len(m) < min_chars or any(b in s.text for b in boilerplate):
                continue
            yield s, m

    last = {m for _, m in eligible(prev)}
    total_chars = copied_chars = 0
    copied = total = 0
    first = None
    for s, m in eligible(doc):
        total += 1
        total_chars += len(m)
        if m in last:
            copied += 1
            copied_chars += len(m)
            if first is None:
                first = s
    share = Fraction(copied_chars, total_chars) if total_chars else Fraction(0)
    return Copied(share, copied, total, first)
