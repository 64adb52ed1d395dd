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

import importlib.util
import os
import re
from array import array
from functools import lru_cache

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass

# Pinyin reading after a CJK character: lowercase letters with at least one tone mark.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# The bracket first, the character before it checked by a lookbehind after it: a pattern
# that begins with a class lets `re` skip in C to the next bracket (one that begins with
# a lookbehind is tried at every character). The same matches as `(?<=[CJK])[(（]…`.
PINYIN_READING = pattern_store.compile(r"[(（](?<=[\u3400-\u9fff][(（])([a-zü" + _TONED + r"]{1,7})[)）]")
BOOKMARK = pattern_store.compile(r"\[bookmark:[^\]\n]*\]")
# twenty or more pipes: layout-table debris (the first written out: `re` skips to a `|`)
PIPE_RUN = pattern_store.compile(r"\|[ \t\u3000]*(?:\|[ \t\u3000]*){19,}")

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
# The characters the table folds: str.translate looks every character of a text up in
# the table, which for Chinese text costs several times more than replacing, one after
# the other, the few of them a report holds (full-width punctuation, mostly: six or so).
_FOLDABLE = pattern_store.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_FOLD_TABLE)) + "]")
_FOLD_CHARS = {chr(k): v for k, v in _FOLD_TABLE.items()}
# Replacing one character after the other is translating only because no character the
# table writes is one it folds.
assert not set(_FOLD_CHARS.values()) & set(_FOLD_CHARS)


def _fold(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``."""
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLD_CHARS[ch])
    return text


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use, never on the --version path

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _convertible() -> tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]] | None:
    """What opencc's ``t2s`` changes (document/t2s_triggers.py): every character to look
    for, the characters it changes wherever they stand, and the phrases it changes under
    a character of theirs (``覆``: ``答覆``); None when that table was not made from the
    installed opencc's dictionaries: then opencc is asked about every text. A text with
    none of them is left as it is by opencc, so most reports, which are Simplified
    already, never import or initialise it."""
    from reportlint.document import t2s_triggers

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    share = os.path.join(spec.submodule_search_locations[0], "clib", "share", "opencc")
    try:
        for name, size in t2s_triggers.DICTIONARIES.items():
            if os.stat(os.path.join(share, name)).st_size != size:
                return None
    except OSError:
        return None
    characters = frozenset(t2s_triggers.CHARACTERS)
    return characters | frozenset(t2s_triggers.PHRASES), characters, t2s_triggers.PHRASES


_BEYOND_BMP = pattern_store.compile("[\U00010000-\U0010ffff]")
_CLASS_SPECIAL = pattern_store.compile(r"[\\\]\[^-]")  # what a character class must escape


def _char_class(chars: str) -> re.Pattern | None:
    return pattern_store.compile("[" + _CLASS_SPECIAL.sub(r"\\\g<0>", chars) + "]") if chars else None


@lru_cache(maxsize=1)
def _convertible_classes() -> tuple[re.Pattern, re.Pattern | None]:
    """``_convertible``'s characters of the Basic Plane, and the phrases' characters, as
    character classes: ``re`` scans a text for one in C, several times faster than a set
    intersects the text (making a string of each of its characters). Made from the
    generated table's string with ``re`` itself: a loop over its 5,000 characters would
    cost a cold check milliseconds."""
    from reportlint.document import t2s_triggers

    basic = _char_class(_BEYOND_BMP.sub("", t2s_triggers.CHARACTERS)) or pattern_store.compile(r"(?!x)x")
    return basic, _char_class("".join(sorted(t2s_triggers.PHRASES)))


@lru_cache(maxsize=1)
def _convertible_beyond_bmp() -> re.Pattern | None:
    """The characters beyond the Basic Plane: a class of their own, asked only of a text
    that has such characters (with the others, they make ``re`` compare each character
    of every text with a list)."""
    from reportlint.document import t2s_triggers

    return _char_class("".join(_BEYOND_BMP.findall(t2s_triggers.CHARACTERS)))


def _unchanged_by_opencc(text: str) -> bool:
    """Whether opencc's ``t2s`` is known to leave ``text`` as it is."""
    table = _convertible()
    if table is None:
        return False
    phrases = table[2]
    basic, phrase_chars = _convertible_classes()
    if basic.search(text) is not None:
        return False  # a character t2s changes wherever it stands
    if _BEYOND_BMP.search(text) is not None:
        beyond = _convertible_beyond_bmp()
        if beyond is not None and beyond.search(text) is not None:
            return False
    found = set(phrase_chars.findall(text)) if phrase_chars is not None else set()
    return not any(p in text for c in found for p in phrases[c])


def to_simplified(text: str) -> str:
    """Traditional → Simplified, guaranteed to keep the length (char-by-char fallback)."""
    if text.isascii():
        return text
    if _unchanged_by_opencc(text):
        return text
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, _t2s().convert(ch)) for ch in text))


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
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


# A character each deletion must contain: a text without it is not searched for that one.
_DELETION_MARKS = (
    (PINYIN_READING, ("(", "（")),
    (BOOKMARK, ("[bookmark:",)),
    (PIPE_RUN, ("|",)),
    (_DROP, ("\u200b", "\ufeff")),
)


def _deletions(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern, marks in _DELETION_MARKS:
        if any(mark in text for mark in marks):
            spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# Offsets 0, 1, 2 … kept ready to be copied into views' maps: building an array from a
# range costs some 40 ns an entry, copying a slice of one about 1 (0.2 ms of a 5,000-
# character report). Texts longer than this build their own (8 bytes an entry).
_OFFSETS_KEPT = 1 << 20
_offsets = array("l")


def _offset_run(start: int, stop: int) -> array:
    """``array("l", range(start, stop))``."""
    global _offsets
    if stop > len(_offsets):
        if stop > _OFFSETS_KEPT:
            return array("l", range(start, stop))
        _offsets = array("l", range(min(_OFFSETS_KEPT, max(stop, 2 * len(_offsets), 1 << 14))))
    return _offsets[start:stop]


def build_view(text: str) -> View:
    kept_parts: list[str] = []
    src = array("l")
    pos = 0
    for s, e in _deletions(text) + [(len(text), len(text))]:
        if s > pos:
            kept_parts.append(text[pos:s])
            src.extend(_offset_run(pos, s))
        pos = max(pos, e)
    kept = "".join(kept_parts)
    simplified = to_simplified(kept)
    folded = _fold(simplified)
    src.append(len(text))
    assert len(folded) + 1 == len(src)
    return View(folded, src, script_changed=simplified != kept)


def squeeze(text: str) -> str:
    """Drop all whitespace: labels are compared without it (`自 然 人` = `自然人`)."""
    return re.sub(r"\s+", "", text)
