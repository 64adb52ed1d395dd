"""The text a match of a pattern cannot do without, read off the parsed pattern.

``(?:^|[(\\[])[^\\S\\n]*示例\\s*[:：)\\]]`` matches nowhere in a report that does not
contain ``示例``; ``(?:此处填写|请填写|请在此处)`` nowhere without one of its three words.
Patterns like these give ``re`` nothing to skip ahead with, so it tries them at every
character of the report: asking ``str.__contains__`` first for the words a match must
hold is a scan in C that most reports end there.

:func:`may_match` returns a test that is False only when ``pattern`` cannot match the
text: it looks for one of a set of literal strings of which every match holds at least
one (its longest run of literal characters, or one per branch of an alternation). Under
``IGNORECASE`` only characters whose case is plain are used — those without case (Chinese)
and ASCII letters other than ``i`` and ``s`` (which ``re`` also matches to ``ı`` and
``ſ``) — and they are looked for in the lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reportlint.core import pattern_store

try:  # CPython's pattern parser, as core.pattern_store and core.match_starts use it
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters: every text may match
    _parser = None

# More literals than this in one requirement cost more to look for than they save.
MAX_LITERALS = 12
# ASCII letters that ``re`` matches case-insensitively to a character whose ``lower()``
# differs (``ı``, ``ſ``; the Kelvin sign lowers to ``k`` and is fine).
_UNSAFE_FOLD = frozenset("iIsS")


def _plain_case(code: int) -> bool:
    """Under IGNORECASE, ``re`` matches this character exactly where the lower-cased text
    holds its lower case."""
    ch = chr(code)
    if code < 128:
        return ch not in _UNSAFE_FOLD
    return ch.lower() == ch == ch.upper()  # no case at all (Chinese): only itself


Requirement = list[tuple[str, bool]]  # (literal, compared case-insensitively): one must occur


def _always(text: str, low: str | None = None) -> bool:
    return True


@lru_cache(maxsize=256)
def may_match(pattern: re.Pattern[str]) -> Callable[..., bool]:
    """A test that is False only for a text ``pattern`` finds no match in; it takes the
    text and, optionally, ``text.lower()`` when the caller has it (several tests of one
    text lower it once)."""
    req = required_literals(pattern)
    if not req:
        return _always
    plain = tuple(lit for lit, fold in req if not fold)
    folded = tuple(lit.lower() for lit, fold in req if fold)

    def test(text: str, low: str | None = None) -> bool:
        if any(lit in text for lit in plain):
            return True
        if folded:
            if low is None:
                low = text.lower()
            return any(lit in low for lit in folded)
        return False

    return test


def required_literals(pattern: re.Pattern[str]) -> Requirement | None:
    """Literal strings of which every match of ``pattern`` holds at least one, or None
    when none can be read off (read off the parse once per machine: core.pattern_store)."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    return pattern_store.remembered(
        "required_literals", pattern.pattern, pattern.flags, lambda: _read_literals(pattern), _is_requirement
    )


def _is_requirement(value: object) -> bool:
    return value is None or (
        type(value) is list
        and all(type(r) is tuple and len(r) == 2 and type(r[0]) is str and type(r[1]) is bool for r in value)
    )


def _read_literals(pattern: re.Pattern[str]) -> Requirement | None:
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        req = _sequence(list(parsed), bool(pattern.flags & re.IGNORECASE))
    except (re.error, RecursionError):
        return None
    if req is None or len(req) > MAX_LITERALS:
        return None
    return req


def _score(req: Requirement) -> tuple[int, int]:
    return (min(len(lit) for lit, _ in req), -len(req))


def _sequence(items, fold: bool) -> Requirement | None:
    """The best requirement of a sequence: every item of it is in every match."""
    best: Requirement | None = None

    def consider(req: Requirement | None) -> None:
        nonlocal best
        if req and (best is None or _score(req) > _score(best)):
            best = req

    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL and (not fold or _plain_case(av)):
            run.append(chr(av))
            continue
        if run:
            consider([("".join(run), fold)])
            run = []
        consider(_item(op, av, fold))
    if run:
        consider([("".join(run), fold)])
    return best


def _item(op, av, fold: bool) -> Requirement | None:
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        inner = (fold or bool(add & re.IGNORECASE)) and not (remove & re.IGNORECASE)
        return _sequence(list(sub), inner)
    if op is _c.BRANCH:
        out: Requirement = []
        for branch in av[1]:
            req = _sequence(list(branch), fold)
            if req is None:
                return None  # a branch that needs no literal: the alternation needs none
            out.extend(req)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _sequence(list(av[2]), fold)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av), fold)
    return None  # a class, an anchor, a lookaround, an optional part: nothing required
