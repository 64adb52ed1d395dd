"""The normalised view of a text, with an offset map back to the text.

Rules match against the view so that one pattern works on every real input:
Traditional script is converted to Simplified (opencc), full-width digits, letters
and punctuation are folded to ASCII, pinyin readings inserted after characters
(``學(xué)``) and layout debris (``[bookmark: _Hlk…]``, long runs of ``|``) are
dropped. Every character of the view remembers the offset of the character of the
original text it came from, so a match in the view is reported at the user's own
line and column.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from reportlint.core import pattern_store

# Pinyin reading after a CJK character: lowercase letters with at least one tone mark.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_READING = pattern_store.compile(r"(?<=[\u3400-\u9fff])[(（]([a-zü" + _TONED + r"]{1,7})[)）]")
BOOKMARK = pattern_store.compile(r"\[bookmark:[^\]\n]*\]")
PIPE_RUN = pattern_store.compile(r"(?:\|[ \t\u3000]*){20,}")  # twenty or more pipes: layout-table debris

_FOLD = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: "", 0xFEFF: "", 0x09: " "}
for _cp in range(0xFF01, 0xFF5F):
    _FOLD[_cp] = chr(_cp - 0xFEE0)
_FOLD.update(
    {
        ord("【"): "[",
        ord("】"): "]",
        ord("“"): '"',
        ord("”"): '"',
        ord("‘"): "'",
        ord("’"): "'",
        ord("—"): "-",
        ord("–"): "-",
        ord("－"): "-",
        ord("﹣"): "-",
        ord("．"): ".",
        ord("∶"): ":",
        ord("〔"): "[",
        ord("〕"): "]",
    }
)
# Zero-width characters are dropped, so the fold table is not length preserving for them;
# they are removed in the deletion pass instead and never reach str.translate.
_DROP = pattern_store.compile("[\u200b\ufeff]")
_FOLD_TABLE = {k: v for k, v in _FOLD.items() if v != ""}


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use, never on the --version path

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, guaranteed to keep the length (char-by-char fallback)."""
    if text.isascii():
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, _t2s().convert(ch)) for ch in text))


@dataclass(frozen=True)
class View:
    """Normalised text plus ``src[i]`` = offset in the original text of view char ``i``."""

    text: str
    src: array  # len(text) + 1 entries; the last is len(original)
    script_changed: bool = True  # False: opencc found no Traditional character to convert

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Span in the view → span in the original text."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            s = self.src[start]
            return s, s
        return self.src[start], self.src[end - 1] + 1

    def to_view(self, offset: int) -> int:
        """First view index whose source offset is ≥ ``offset``."""
        import bisect

        return bisect.bisect_left(self.src, offset, 0, len(self.text))


def _deletions(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (PINYIN_READING, BOOKMARK, PIPE_RUN, _DROP):
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def build_view(text: str) -> View:
    kept_parts: list[str] = []
    src = array("l")
    pos = 0
    for s, e in _deletions(text) + [(len(text), len(text))]:
        if s > pos:
            kept_parts.append(text[pos:s])
            src.extend(range(pos, s))
        pos = max(pos, e)
    kept = "".join(kept_parts)
    simplified = to_simplified(kept)
    folded = simplified.translate(_FOLD_TABLE)
    src.append(len(text))
    assert len(folded) + 1 == len(src)
    return View(folded, src, script_changed=simplified != kept)


def squeeze(text: str) -> str:
    """Drop all whitespace: labels are compared without it (`自 然 人` = `自然人`)."""
    return re.sub(r"\s+", "", text)
