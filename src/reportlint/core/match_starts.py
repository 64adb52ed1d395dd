"""``pattern.finditer(text)``, tried only where a match can begin.

A long alternation
(RL807's list of spam phrases: ``澳门…|新葡京|…|(?<![a-z])\\d{2,4}bet|…``) gives
Python's ``re`` nothing to skip ahead with: it tries every branch at every offset of
the report, about half a microsecond a character. The characters a match can begin
with are read off the parsed pattern once; a character class of them is searched in
C, and the whole pattern is tried only at the offsets found, in order, as ``finditer``
would try them. A pattern whose first character cannot be read off (it may match the
empty string, begins with ``.`` or a negated class, or changes flags inside) is run
by ``finditer`` as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from reportlint.core import pattern_store

try:  # CPython's pattern parser, as core.pattern_store uses it
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters: plain finditer
    _parser = None

Finder = Callable[[str], Iterator[re.Match[str]]]


class _Unknown(Exception):
    """A part of the pattern whose first character is not read off here."""


# A class spanning more characters than this (all of CJK, say) holds most characters of
# a Chinese report: trying the pattern at each of them is slower than ``finditer``.
MAX_RANGE = 256


def _class_items(items, out: list[str]) -> None:
    categories = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"}
    for op, av in items:
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _c.RANGE and av[1] - av[0] < MAX_RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in categories:
            out.append(categories[av])
        else:
            raise _Unknown(op)  # a negated class, \w, a wide range: most characters of a report


def _sequence(items, out: list[str]) -> bool:
    """Add to ``out`` the class items of the characters ``items`` can begin with;
    return whether the sequence can match the empty string."""
    return all(_item(op, av, out) for op, av in items)  # stops at the first item that cannot be empty


def _item(op, av, out: list[str]) -> bool:
    if op is _c.LITERAL:
        out.append(re.escape(chr(av)))
        return False
    if op is _c.IN:
        _class_items(av, out)
        return False
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return True  # zero-width: the next item gives the first character
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown(op)
        return _sequence(sub, out)
    if op is _c.BRANCH:
        empty = False
        for alternative in av[1]:
            empty |= _sequence(alternative, out)
        return empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _sequence(sub, out) or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av, out)
    raise _Unknown(op)


def _re_skips_ahead(parsed, flags: int) -> bool:
    """Whether ``re`` finds the next possible start by itself, or fails at once at most
    offsets: the pattern begins with an anchor (``^``), a character, a class, or
    alternatives that each begin with a character (its compiler's literal and charset
    prefixes; not under IGNORECASE, where they are mostly dropped)."""
    if not parsed.data:
        return False
    op, av = parsed.data[0]
    if op is _c.AT:
        return True
    if flags & re.IGNORECASE:
        return False
    if op is _c.BRANCH:
        return all(alternative.data and alternative.data[0][0] is _c.LITERAL for alternative in av[1])
    return op in (_c.LITERAL, _c.IN)


def first_chars(source: str, flags: int = 0) -> list[str] | None:
    """The items of a character class (``["澳", "新", "\\d"]``: escaped characters,
    ranges ``a-b``, ``\\d``, ``\\s``) matching every character a match of the pattern
    ``source`` can begin with (and maybe more); None when that cannot be read off or it
    may match the empty string. Read off the parsed source, without compiling it (once
    per machine: the answer is kept in core.pattern_store, like compiled code)."""
    if _parser is None:
        return None
    items = pattern_store.remembered("first_chars", source, flags, lambda: _first_chars(source, flags), _is_items)
    return list(items) if items is not None else None


def _first_chars(source: str, flags: int) -> tuple[str, ...] | None:
    try:
        out: list[str] = []
        if _sequence(_parser.parse(source, flags), out) or not out:
            return None
    except (_Unknown, re.error, RecursionError):
        return None
    return tuple(dict.fromkeys(out))


def _is_items(value: object) -> bool:
    return value is None or (isinstance(value, tuple) and all(isinstance(item, str) for item in value))


def first_char_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of one character matching every character a match of ``pattern`` can
    begin with (and maybe more); None when that cannot be read off, or when the pattern
    begins with a character or a class, which ``re`` skips ahead to by itself. (The
    class is read off once per machine: kept in core.pattern_store.)"""
    if _parser is None:
        return None
    source = pattern_store.remembered(
        "first_char_class",
        pattern.pattern,
        pattern.flags,
        lambda: _first_char_class(pattern),
        lambda value: value is None or isinstance(value, str),
    )
    return pattern_store.compile(source, pattern.flags) if source is not None else None


def _first_char_class(pattern: re.Pattern[str]) -> str | None:
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if _re_skips_ahead(parsed, pattern.flags):
            return None
        out: list[str] = []
        if _sequence(parsed, out) or not out:
            return None  # it can match the empty string: every offset is a start
    except (_Unknown, re.error, RecursionError):
        return None
    return "[" + "".join(dict.fromkeys(out)) + "]"


@lru_cache(maxsize=512)
def finder(pattern: re.Pattern[str]) -> Finder:
    """A function giving what ``pattern.finditer(text)`` gives, faster when few offsets
    of the text can begin a match (made once per pattern: reading the pattern off
    costs about as much as one search of a report)."""
    starts = first_char_class(pattern)
    if starts is None:
        return pattern.finditer
    return tried_at(starts, pattern)


def tried_at(starts: re.Pattern[str], pattern: re.Pattern[str]) -> Finder:
    """What ``pattern.finditer(text)`` gives, trying ``pattern`` only where ``starts``
    matches: ``starts`` must match (zero-width or not) at every offset where a match of
    ``pattern`` can begin, and ``pattern`` must not match the empty string."""
    search, match = starts.search, pattern.match

    def finditer(text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (candidate := search(text, pos)) is not None:
            at = candidate.start()
            m = match(text, at)  # a lookbehind still sees the text before `at`
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end()  # never empty: the pattern cannot match the empty string

    return finditer


def looked_ahead(pattern: re.Pattern[str]) -> Finder:
    """What ``pattern.finditer(text)`` gives, with the class of the characters a match can
    begin with as a lookahead before the pattern (``(?=[…])(?:…)``), tested by ``re``
    itself at every offset. For a pattern whose class holds characters a report is full
    of (digits, Latin letters, common Chinese characters: RL807's spam phrases and domain
    names) this is the faster form: ``tried_at`` pays a round trip through Python at each
    of hundreds of offsets, the lookahead a few nanoseconds in C at each character. Run
    as it is when the class cannot be read off (see ``first_chars``)."""
    items = first_chars(pattern.pattern, pattern.flags)
    if items is None:
        return pattern.finditer
    try:
        looked = pattern_store.compile(f"(?=[{''.join(items)}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # global flags inside the source (`(?i)…`) must stay at its start
        return pattern.finditer
    return looked.finditer
