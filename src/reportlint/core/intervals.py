"""Membership in a set of intervals by bisection, for rules that test every match of a
pattern against regions of the document (tables, page chrome, findings already made).

A test of each match
against every region is quadratic in the size of a report, since both the matches and
the regions grow with it; merged and sorted once, each test is a binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any


class Intervals:
    """Half-open intervals ``[start, end)`` of comparable points (offsets, or
    ``(line, column)`` pairs), merged into disjoint ones: ``point in intervals`` is
    ``any(a <= point < b for a, b in intervals)``, in logarithmic time."""

    def __init__(self, intervals: Iterable[tuple[Any, Any]]):
        self._starts: list[Any] = []
        self._ends: list[Any] = []
        for a, b in sorted(intervals):
            if not a < b:
                continue  # an empty interval holds no point
            if self._ends and a <= self._ends[-1]:
                if b > self._ends[-1]:
                    self._ends[-1] = b
            else:
                self._starts.append(a)
                self._ends.append(b)

    def __contains__(self, point: Any) -> bool:
        k = bisect_right(self._starts, point) - 1
        return k >= 0 and point < self._ends[k]

    def __bool__(self) -> bool:
        return bool(self._starts)
