"""Patterns that begin a clause, ``(?:^|(?<=[B]))REST``, searched without trying every character.

A pattern that begins with ``^`` or a lookbehind gives ``re`` nothing to skip ahead
with: it is tried at every character of the report. Where such a pattern can match is
known beforehand — the start of the text, or right after a boundary character (a line
break counts: ``^`` under ``re.M``) — so the search here asks ``re`` for
``[B](?:REST)`` instead, which begins with a character class that ``re`` skips to in
C, and reads the clause's match off at the character after the boundary. The matches,
their groups and their order are exactly those of ``finditer`` on the pattern as
written (empty matches included); only the whole match is given by its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.core import pattern_store


class ClausePattern:
    """``(?:^|(?<=[boundary]))rest`` (with ``re.M``), and its fast form."""

    __slots__ = ("_after", "_boundary", "pattern")

    def __init__(self, boundary: str, rest: str, flags: int = 0):
        chars = re.escape(boundary)
        # The pattern as written: asked at the search's own start, where no boundary
        # character may stand before it.
        self.pattern = pattern_store.compile(rf"(?:^|(?<=[{chars}])){rest}", flags | re.M)
        # A line break stands for `^`; the class adds no capturing group, so group
        # numbers are those of the pattern as written.
        self._after = pattern_store.compile(rf"[{chars}\n](?:{rest})", flags | re.M)
        self._boundary = frozenset(boundary + "\n")

    def matches(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, re.Match[str]]]:
        """``(start, match)`` for each match of ``self.pattern.finditer(text, pos, endpos)``,
        in order: ``start`` is where that match begins; the match object's groups are
        those of that match, but its whole match (group 0) begins one character
        earlier, at the boundary character, except for a match at ``pos`` itself."""
        end = len(text) if endpos is None else endpos
        first = self.pattern.match(text, pos, end)
        at = pos  # where the boundary character of the next match may stand
        if first is not None:
            yield first.start(), first
            if first.end() > pos:
                at = first.end() - 1  # finditer goes on at the match's end
        boundary = self._boundary
        while True:
            # ``finditer`` of the fast form goes on after each match, as finditer of the
            # pattern as written does, but for a match that ends with a boundary
            # character: that character may stand before the next clause. Restarted there.
            for m in self._after.finditer(text, at, end):
                start = m.start() + 1
                yield start, m
                e = m.end()
                if e > start and text[e - 1] in boundary:
                    at = e - 1
                    break
            else:
                return
