"""Automatic list numbers of Word 97–2003 paragraphs (``一、`` ``（一）`` ``1.`` …).

As in .docx, a numbered paragraph holds its bare text; the number is drawn from the
list it belongs to ([MS-DOC] 2.9: ``sprmPIlfo``/``sprmPIlvl`` in the paragraph's or
its style's properties → ``PlfLfo`` → the list's ``LSTF`` and ``LVL`` records in
``PlfLst``, whose ``xst`` is the number text with placeholders 0–8 for the levels).
The number is rendered the way the .docx reader renders it (the same formats, and a
space after it when the text would otherwise run on). Anything inconsistent in these
structures means no number, never an error: numbering is an improvement of the
reading, the text is read either way.
"""

from __future__ import annotations

import struct

from reportlint.readers._docx_numbering import format_number

MAX_LISTS = 10_000
MAX_STYLES = 10_000
SPRM_P_ILVL = 0x260A
SPRM_P_ILFO = 0x460B

# nfc (Word's number format code) → the format names of format_number
NFC = {
    0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 5: "decimal",
    10: "ideographDigital", 11: "japaneseCounting", 14: "decimalFullWidth", 18: "decimalEnclosedCircle",
    19: "decimalFullWidth2", 22: "decimalZero", 23: "none", 26: "decimalEnclosedFullstop",
    27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese", 30: "ideographTraditional",
    31: "ideographZodiac", 33: "taiwaneseCounting", 35: "taiwaneseCountingThousand", 37: "chineseCounting",
    38: "chineseLegalSimplified", 39: "chineseCountingThousand", 255: "none",
}  # fmt: skip


class _Level:
    __slots__ = ("fmt", "follow", "legal", "start", "text")  # one level of a list

    def __init__(self, start: int, nfc: int, text: str, follow: int, legal: bool):
        self.start = start
        self.fmt = NFC.get(nfc, "decimal")
        self.text = text
        self.follow = follow  # 0 tab, 1 space, 2 nothing
        self.legal = legal


def _parse_lvl(buf: bytes, off: int) -> tuple[_Level, int]:
    start, nfc, flags = struct.unpack_from("<iBB", buf, off)
    follow = buf[off + 15]
    cb_chpx, cb_papx = buf[off + 24], buf[off + 25]
    pos = off + 28 + cb_papx + cb_chpx
    cch = struct.unpack_from("<H", buf, pos)[0]
    raw = buf[pos + 2 : pos + 2 + 2 * cch]
    if len(raw) < 2 * cch:
        raise ValueError("truncated LVL")
    return _Level(start, nfc, raw.decode("utf-16-le", "replace"), follow, bool(flags & 0x04)), pos + 2 + 2 * cch


class DocNumbering:
    """Numbers for paragraphs given their (ilfo, ilvl)."""

    def __init__(self, table: bytes, plf_lst: tuple[int, int], plf_lfo: tuple[int, int]):
        self.lists: dict[int, list[_Level]] = {}  # lsid → levels
        self.lfo_lsid: list[int] = []  # ilfo - 1 → lsid
        self.lfo_start: dict[tuple[int, int], int] = {}  # (ilfo, ilvl) → start-at override
        self.counters: dict[int, list[int | None]] = {}
        try:
            self._lists(table, *plf_lst)
            self._lfos(table, *plf_lfo)
        except (struct.error, ValueError, IndexError):
            self.lists, self.lfo_lsid = {}, []

    def _lists(self, table: bytes, fc: int, lcb: int) -> None:
        if lcb < 2 or fc + lcb > len(table):
            return
        count = struct.unpack_from("<h", table, fc)[0]
        if not 0 < count <= MAX_LISTS:
            return
        heads = []
        for k in range(count):
            off = fc + 2 + 28 * k
            lsid = struct.unpack_from("<i", table, off)[0]
            simple = bool(table[off + 26] & 0x01)
            heads.append((lsid, 1 if simple else 9))
        pos = fc + 2 + 28 * count
        for lsid, levels in heads:
            parsed = []
            for _ in range(levels):
                level, pos = _parse_lvl(table, pos)
                parsed.append(level)
            self.lists[lsid] = parsed

    def _lfos(self, table: bytes, fc: int, lcb: int) -> None:
        if lcb < 4 or fc + lcb > len(table):
            return
        count = struct.unpack_from("<i", table, fc)[0]
        if not 0 < count <= MAX_LISTS:
            return
        overrides = []
        for k in range(count):
            off = fc + 4 + 16 * k
            self.lfo_lsid.append(struct.unpack_from("<i", table, off)[0])
            overrides.append(table[off + 12])
        pos = fc + 4 + 16 * count
        for ilfo, n in enumerate(overrides, start=1):
            if not n:
                continue
            pos += 4  # cp
            for _ in range(n):
                start, flags = struct.unpack_from("<iI", table, pos)
                pos += 8
                ilvl, start_at, formatting = flags & 0x0F, bool(flags & 0x10), bool(flags & 0x20)
                if start_at:
                    self.lfo_start[(ilfo, ilvl)] = start
                if formatting:
                    _, pos = _parse_lvl(table, pos)

    def number(self, ilfo: int, ilvl: int) -> str:
        if not 0 < ilfo <= len(self.lfo_lsid) or not 0 <= ilvl < 9:
            return ""
        lsid = self.lfo_lsid[ilfo - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return ""
        ilvl = min(ilvl, len(levels) - 1)
        level = levels[ilvl]
        counters = self.counters.setdefault(lsid, [None] * 9)
        override = self.lfo_start.pop((ilfo, ilvl), None)  # applies once, where the list (re)starts
        current = counters[ilvl]
        if override is not None:
            counters[ilvl] = override
        elif current is None:
            counters[ilvl] = level.start
        else:
            counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "none":  # bullets (nfc 23) and unnumbered levels: not rendered, as in .docx
            return ""
        out = []
        for ch in level.text:
            k = ord(ch)
            if k < 9:
                if k < len(levels):
                    counted = counters[k]
                    value = levels[k].start if counted is None else counted
                    fmt = "decimal" if level.legal and k != ilvl else levels[k].fmt
                    out.append("" if fmt == "none" else format_number(value, fmt))
            else:
                out.append(ch)
        text = "".join(out)
        if text and (level.follow == 1 or (level.follow == 0 and text[-1].isalnum())):
            text += " "
        return text


def paragraph_list(grpprl: bytes, sprms) -> tuple[int | None, int | None]:
    """(ilfo, ilvl) a property list sets (None where it sets nothing)."""
    ilfo = ilvl = None
    for sprm, op in sprms(grpprl):
        if sprm == SPRM_P_ILFO and len(op) >= 2:
            ilfo = struct.unpack_from("<h", op, 0)[0]
        elif sprm == SPRM_P_ILVL and op:
            ilvl = op[0]
    return ilfo, ilvl


class StyleLists:
    """(ilfo, ilvl) of each paragraph style, following ``istdBase`` ([MS-DOC] 2.9.271 STSH)."""

    def __init__(self, table: bytes, fc: int, lcb: int, sprms):
        self.own: dict[int, tuple[int | None, int | None]] = {}
        self.base: dict[int, int] = {}
        try:
            self._parse(table, fc, lcb, sprms)
        except (struct.error, ValueError, IndexError):
            self.own, self.base = {}, {}

    def _parse(self, table: bytes, fc: int, lcb: int, sprms) -> None:
        if lcb < 4 or fc + lcb > len(table):
            return
        cb_info = struct.unpack_from("<H", table, fc)[0]
        info = fc + 2
        cstd = struct.unpack_from("<H", table, info)[0]
        cb_base = struct.unpack_from("<H", table, info + 2)[0]  # cbSTDBaseInFile
        pos = info + cb_info
        end = fc + lcb
        for istd in range(min(cstd, MAX_STYLES)):
            if pos + 2 > end:
                break
            cb_std = struct.unpack_from("<H", table, pos)[0]
            std = pos + 2
            pos = std + cb_std
            if cb_std == 0:
                continue
            word1 = struct.unpack_from("<H", table, std + 2)[0]
            stk, base = word1 & 0x000F, word1 >> 4
            cupx = struct.unpack_from("<H", table, std + 4)[0] & 0x000F
            if stk != 1 or cupx < 1:  # not a paragraph style
                continue
            self.base[istd] = base
            name = std + cb_base
            cch = struct.unpack_from("<H", table, name)[0]
            upx = name + 2 + 2 * cch + 2  # the name is null-terminated
            if (upx - std) % 2:  # property lists start on an even offset of the STD
                upx += 1
            cb_upx = struct.unpack_from("<H", table, upx)[0]
            grpprl = table[upx + 4 : upx + 2 + cb_upx]  # after the style index
            self.own[istd] = paragraph_list(grpprl, sprms)

    def of(self, istd: int) -> tuple[int | None, int | None]:
        ilfo = ilvl = None
        seen = 0
        while istd in self.own and seen < 16:
            own_lfo, own_lvl = self.own[istd]
            ilfo = own_lfo if ilfo is None else ilfo
            ilvl = own_lvl if ilvl is None else ilvl
            if ilfo is not None and ilvl is not None:
                break
            nxt = self.base.get(istd, 0x0FFF)
            if nxt == 0x0FFF or nxt == istd:
                break
            istd = nxt
            seen += 1
        return ilfo, ilvl
