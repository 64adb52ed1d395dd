"""Chinese numerals and dates as they appear in report text.

Section numbers are written ``一、`` … ``十、``; dates are written with Arabic digits
(``2022年1月18日``, in PDF text often with spaces: ``2024 年 1 月 1 日``) or with Chinese
numerals (``二〇二二年一月二十八日``, also with ``○``/``O``/``零`` for zero). The patterns
here are plain strings (no groups) so callers can embed them in larger regexes;
:func:`parse_date` turns a matched piece back into a :class:`datetime.date`.
Everything works on the normalised view (full-width digits already folded).
"""

from __future__ import annotations

from datetime import date

from reportlint.core import pattern_store

# Digit values. Zero has many spellings in real reports: 〇 (U+3007), ○ (U+25CB),
# 零, and a Latin/Arabic O/0 mixed into Chinese year digits (``二0二二``).
CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "o": 0,
    "0": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "6": 6,
    "7": 7,
    "8": 8,
    "9": 9,
}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SMALL = "〇一二三四五六七八九"

# Characters of a Chinese section number (一 … 九十九).
SECTION_NUMERAL = "[一二三四五六七八九十]{1,3}"

_YEAR_DIGIT = "[〇○零Oo0一二三四五六七八九]"
YEAR = rf"(?:\d{{4}}|{_YEAR_DIGIT}{{4}})"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_S = r"[ \t]*\n?[ \t]*"  # PDF text puts spaces around every number, and may break the line

# A full date: 2022年1月18日 / 2024 年 1 月 1 日 / 二〇二二年一月二十八日
DATE = rf"{YEAR}{_S}年{_S}{MONTH}{_S}月{_S}{DAY}{_S}[日号]"
# A date whose year may be left out (the end of a period: 至12月31日)
DATE_OPT_YEAR = rf"(?:{YEAR}{_S}年{_S})?{MONTH}{_S}月{_S}{DAY}{_S}[日号]"
# ISO-ish dates seen in signatures: 2022-01-18, 2022.1.18, 2022/1/18
DATE_NUMERIC = r"\d{4}[-./](?:1[0-2]|0?[1-9])[-./](?:3[01]|[12][0-9]|0?[1-9])(?!\d)"

_DATE_PARTS = pattern_store.compile(
    rf"(?:(?P<y>{YEAR}){_S}年{_S})?(?P<m>{MONTH}){_S}月{_S}(?P<d>{DAY}){_S}[日号]"
    rf"|(?P<ny>\d{{4}})[-./](?P<nm>\d{{1,2}})[-./](?P<nd>\d{{1,2}})"
)
DATE_RE = pattern_store.compile(rf"{DATE}|{DATE_NUMERIC}")
# A line that can only be the start of a date cut off by the page: 二○ / 2022年1月 / 二〇二二年
PARTIAL_DATE_LINE = pattern_store.compile(r"[0-9〇○零Oo一二三四五六七八九十年月日 \t]{1,14}")
_YEAR_START = pattern_store.compile(r"(?:19|20|一九|二[〇○零Oo0])")


def cn_to_int(s: str) -> int | None:
    """Value of a number written in Chinese numerals or Arabic digits; None if not one.

    Handles positional digit strings (``二〇二二`` → 2022) and unit forms
    (``十`` → 10, ``二十八`` → 28, ``一百零五`` → 105).
    """
    s = s.strip()
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if not any(ch in CN_UNITS for ch in s):
        value = 0
        for ch in s:
            d = CN_DIGITS.get(ch)
            if d is None:
                return None
            value = value * 10 + d
        return value
    total = 0
    current = None  # pending digit
    for ch in s:
        if ch in CN_UNITS:
            unit = CN_UNITS[ch]
            total += (1 if current is None else current) * unit
            current = None
        else:
            d = CN_DIGITS.get(ch)
            if d is None:
                return None
            current = d if current is None or current == 0 else current * 10 + d
    if current:
        total += current
    return total


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六 (1…99)."""
    if not 0 < n < 100:
        raise ValueError(f"section numbers go from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _SMALL[tens]) + "十"
    if ones:
        out += _SMALL[ones]
    return out


def parse_date(s: str, default_year: int | None = None) -> date | None:
    """The date written in ``s`` (the whole string must be one date).

    ``default_year`` fills in a missing year (``至12月31日``). Invalid calendar dates
    (``2月30日``) give None.
    """
    m = _DATE_PARTS.fullmatch(s.strip())
    if m is None:
        return None
    y: int | None
    mo: int | None
    d: int | None
    if m.group("ny"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    else:
        y = cn_to_int(m.group("y")) if m.group("y") else default_year
        mo = cn_to_int(m.group("m"))
        d = cn_to_int(m.group("d"))
    if y is None or mo is None or d is None:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None):
    """``(match, date)`` for every full date in ``text[start:end]`` (invalid ones skipped)."""
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        value = parse_date(m.group())
        if value is not None:
            yield m, value


def is_partial_date(s: str) -> bool:
    """True for the beginning of a date that was cut off (``二○``, ``2022年1月``)."""
    s = s.strip()
    if not s or PARTIAL_DATE_LINE.fullmatch(s) is None:
        return False
    if parse_date(s) is not None:
        return False
    # must start like a year: 20…, 19…, 二〇…, 一九…
    return bool(_YEAR_START.match(s)) or s in ("2", "二")
