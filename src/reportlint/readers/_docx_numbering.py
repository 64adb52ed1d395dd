"""Automatic list numbers of .docx paragraphs (``一、`` ``（一）`` ``1.`` …).

Word stores a numbered heading as the bare text plus a reference to a numbering
definition; the number itself is only drawn. Reports often number their section
headings this way, so the reader renders the number as Word does: counters per
abstract numbering definition, ``w:lvlText`` templates such as ``%1、`` or ``（%2）``
and the usual formats (decimal, Chinese counting, legal, circled, letters, roman).
Bullets are not rendered. Numbering from paragraph styles (``w:pStyle`` →
``w:numPr``, following ``w:basedOn``) is honoured.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_PLACEHOLDER = pattern_store.compile(r"%([1-9])")


def _chinese(n: int, digits: str = _DIGITS, units: tuple[str, ...] = ("", "十", "百", "千")) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    if 10 <= n < 20 and digits is _DIGITS:
        return units[1] + (digits[n - 10] if n > 10 else "")
    out: list[str] = []
    s = str(n)
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        unit = units[len(s) - i - 1]
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append(digits[0])
        zero = False
        out.append(digits[d] + unit)
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: a..z, aa..zz, aaa…
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):  # fmt: skip
        if fmt == "ideographDigital":
            return "".join(_DIGITS[int(c)] if c.isdigit() else c for c in str(n)).replace("零", "〇")
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, ("", "拾", "佰", "仟"))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


@dataclass(eq=False)
class _Level:
    """One level of a Word list definition: start, number format and text."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    suffix: str = "tab"


class Numbering:
    def __init__(self, w: str, numbering: ET.Element | None, styles: ET.Element | None):
        self.w = w
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        if numbering is not None:
            self._load_numbering(numbering)
        if styles is not None:
            self._load_styles(styles)

    def _val(self, el: ET.Element | None, default=None):
        if el is None:
            return default
        return el.get(self.w + "val", default)

    def _load_numbering(self, root: ET.Element) -> None:
        w = self.w
        for an in root.iter(w + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iter(w + "lvl"):
                try:
                    ilvl = int(lvl.get(w + "ilvl", "0"))
                    start = int(self._val(lvl.find(w + "start"), "1"))
                except ValueError:
                    continue
                levels[ilvl] = _Level(
                    start=start,
                    fmt=self._val(lvl.find(w + "numFmt"), "decimal"),
                    text=self._val(lvl.find(w + "lvlText")),
                    suffix=self._val(lvl.find(w + "suff"), "tab"),
                )
            self.abstract[an.get(w + "abstractNumId", "")] = levels
        for num in root.iter(w + "num"):
            overrides = {}
            for ov in num.iter(w + "lvlOverride"):
                so = ov.find(w + "startOverride")
                if so is not None:
                    try:
                        overrides[int(ov.get(w + "ilvl", "0"))] = int(self._val(so, "1"))
                    except ValueError:
                        pass
            self.nums[num.get(w + "numId", "")] = (self._val(num.find(w + "abstractNumId"), ""), overrides)

    def _load_styles(self, root: ET.Element) -> None:
        w = self.w
        direct: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in root.iter(w + "style"):
            sid = st.get(w + "styleId")
            if not sid:
                continue
            b = st.find(w + "basedOn")
            if b is not None:
                based[sid] = self._val(b, "")
            ppr = st.find(w + "pPr")
            numpr = ppr.find(w + "numPr") if ppr is not None else None
            if numpr is not None:
                ilvl = self._val(numpr.find(w + "ilvl"))
                direct[sid] = (self._val(numpr.find(w + "numId")), int(ilvl) if ilvl and ilvl.isdigit() else None)
        for sid in set(direct) | set(based):
            seen = set()
            cur: str | None = sid
            while cur and cur not in seen:
                seen.add(cur)
                if cur in direct:
                    self.style_num[sid] = direct[cur]
                    break
                cur = based.get(cur)

    def prefix(self, p: ET.Element) -> str:
        """The rendered list number of paragraph ``p`` ('' when it has none)."""
        if not self.nums:
            return ""
        w = self.w
        ppr = p.find(w + "pPr")
        if ppr is None:
            return ""
        num_id = ilvl = None
        style = ppr.find(w + "pStyle")
        if style is not None:
            num_id, ilvl = self.style_num.get(self._val(style, ""), (None, None))
        numpr = ppr.find(w + "numPr")
        if numpr is not None:
            direct_id = self._val(numpr.find(w + "numId"))
            direct_lvl = self._val(numpr.find(w + "ilvl"))
            if direct_id is not None:
                num_id = direct_id
            if direct_lvl is not None and direct_lvl.isdigit():
                ilvl = int(direct_lvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv <= 8:
                    counters[lv] = start - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet" or level.text is None:
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters[k]
            return format_number(lv.start if value is None else value, lv.fmt)

        text = _PLACEHOLDER.sub(sub, level.text)
        if not text:
            return ""
        if level.suffix == "space" or (level.suffix == "tab" and text[-1].isalnum()):
            text += " "
        return text
