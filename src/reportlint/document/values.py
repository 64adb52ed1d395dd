"""What is written in a table cell → a number (or a blank).

Real reports write a value cell as ``0``, ``3,119``, ``96171.6`` (万元), ``251000元``,
``+3`` / ``-2`` / ``减4`` (本年增/减), or leave it unfilled: empty, ``/``, ``—``, ``-``,
``_``, ``无``, ``&nbsp;``. :func:`parse_value` turns the cell text into
:class:`Parsed`; it folds full-width characters itself, so it works on raw text.
"""

from __future__ import annotations

from decimal import Decimal

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass

# Column kinds (rules/tables.yaml): a count of items, an amount of money, a signed change.
KINDS = ("count", "money", "change")

_FOLD = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x00A0: " ", 0x2014: "-", 0x2013: "-", 0x2015: "-", 0x2212: "-", 0xFE63: "-", 0x2500: "-"})
# Traditional forms of the characters a cell may hold (pages served in 繁體: ``減3``, ``無``).
_FOLD.update({ord(t): s for t, s in zip("減無萬個項條", "减无万个项条")})

# Written where a number should be, meaning "nothing": a blank cell for a reviewer.
BLANK_MARKS = frozenset({"", "/", "//", "-", "--", "---", "_", "__", "___", "无", "&nbsp;", "nbsp", "\\", "~"})

_NUMBER = pattern_store.compile(
    r"(?P<sign>[+\-]|增加|减少|增|减)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<frac>\d+))?"
    r"(?P<unit>万元|元|件|个|项|条|宗|次|家|人)?"
)


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Parsed:
    """A cell's text read as a value: the number, the unit written with it, whether it is invalid."""

    value: int | Decimal | None  # None: blank or not a number
    unit: str | None = None  # unit written in the cell (``元`` in ``251000元``)
    blank: bool = False  # empty or a placeholder mark (``/``, ``—``, ``无`` …)
    invalid: bool = False  # something is written but it is not a number


def fold(raw: str) -> str:
    """Full-width → ASCII and whitespace removed (``＋３`` → ``+3``, ``3 119`` stays joined)."""
    if not raw.isascii():  # the table folds no ASCII character
        raw = raw.translate(_FOLD)
    # str.split() splits at the characters `\s` matches (both are Py_UNICODE_ISSPACE),
    # several times faster than re.sub on a cell's few characters
    return "".join(raw.split())


def is_blank_mark(raw: str) -> bool:
    return fold(raw) in BLANK_MARKS


def parse_value(raw: str, kind: str = "count") -> Parsed:
    """Parse one cell. ``kind``: ``count`` → int, ``money`` → Decimal, ``change`` → signed int.

    A count or change with a fractional part is returned as Decimal (the rules decide
    whether that is acceptable); money is always Decimal.
    """
    if raw.isascii() and raw.isdigit():  # the common case, fast
        return Parsed(Decimal(raw) if kind == "money" else int(raw))
    text = fold(raw)
    if text in BLANK_MARKS:
        return Parsed(None, blank=True)
    m = _NUMBER.fullmatch(text)
    if m is None:
        return Parsed(None, invalid=True)
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    sign = m.group("sign") or ""
    negative = sign in ("-", "减", "减少")
    unit = m.group("unit")
    if frac is not None or kind == "money":
        value: int | Decimal = Decimal(digits + ("." + frac if frac is not None else ""))
    else:
        value = int(digits)
    if negative:
        value = -value
    return Parsed(value, unit=unit)


def is_value_token(token: str) -> bool:
    """True when ``token`` (no inner whitespace) can stand in a value cell: a number or a blank mark."""
    if token.isascii() and token.isdigit():
        return True
    text = fold(token)
    return text in BLANK_MARKS or _NUMBER.fullmatch(text) is not None


_PLACEHOLDER = pattern_store.compile(r"[Xx×＊*?？#]{1,4}")


def is_placeholder_token(token: str) -> bool:
    """``XX``, ``××``, ``?``: a template placeholder standing where a number should be."""
    return _PLACEHOLDER.fullmatch(fold(token)) is not None


def is_number_token(token: str) -> bool:
    """True when ``token`` is a number (not a blank mark)."""
    if token.isascii() and token.isdigit():
        return True
    return _NUMBER.fullmatch(fold(token)) is not None


def to_json_number(value: int | Decimal | None) -> int | float | None:
    """JSON-friendly form of a cell value (Decimal → int when whole, else float)."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)
