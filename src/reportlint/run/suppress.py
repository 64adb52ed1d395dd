"""Inline suppression comments for .md/.html/.txt reports.

    <!-- reportlint-disable RL123 RL456 -->   … <!-- reportlint-enable -->
    <!-- reportlint-disable -->               (every rule) … <!-- reportlint-enable RL123 -->
    <!-- reportlint-disable-next-line RL123 -->

Comments are read from the user's original source (for HTML the markup, not the
visible text), so line numbers are the user's. A comment that suppresses nothing is
reported by rule RL002 (unused-suppression).
"""

from __future__ import annotations

import re
from dataclasses import field

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic
from reportlint.core.lazy_dataclass import dataclass

COMMENT = pattern_store.compile(
    r"<!--\s*reportlint-(disable-next-line|disable|enable)((?:[\s,]+[A-Za-z]{2,8}[0-9]{3,4})*)\s*-->"
)


@dataclass
class Directive:
    kind: str  # "disable" | "enable" | "next-line"
    codes: frozenset[str]  # empty = all rules
    line: int
    column: int
    end_column: int
    used: bool = False
    # For range directives: the last line (inclusive) the range covers.
    until: int | None = None


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)

    def suppresses(self, diag: Diagnostic) -> bool:
        line = diag.location.line
        hit = False
        for d in self.directives:
            if d.codes and diag.code not in d.codes:
                continue
            if (d.kind == "next-line" and line == d.line + 1) or (
                d.kind == "disable" and d.line <= line <= (d.until or 10**12)
            ):
                d.used = hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.kind != "enable" and not d.used]


def parse(source: str) -> Suppressions:
    """Find directives in ``source``; pair each disable with the enable that ends it."""
    result = Suppressions()
    open_ranges: list[Directive] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    import bisect

    for m in COMMENT.finditer(source):
        kind = {"disable-next-line": "next-line"}.get(m.group(1), m.group(1))
        codes = frozenset(c.upper() for c in re.split(r"[\s,]+", m.group(2).strip()) if c)
        line_idx = bisect.bisect_right(line_starts, m.start()) - 1
        column = m.start() - line_starts[line_idx] + 1
        d = Directive(kind, codes, line_idx + 1, column, column + (m.end() - m.start()))
        if kind == "enable":
            for r in open_ranges:
                if r.until is None and (not codes or not r.codes or r.codes & codes):
                    r.until = d.line
            open_ranges = [r for r in open_ranges if r.until is None]
        elif kind == "disable":
            open_ranges.append(d)
        result.directives.append(d)
    return result


def filter_diagnostics(diags: list[Diagnostic], sup: Suppressions) -> list[Diagnostic]:
    if not sup:
        return diags
    return [d for d in diags if not sup.suppresses(d)]
