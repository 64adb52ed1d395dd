"""The identity engine: which reconciliation identities of tables 三/四 fail, and why.

The identities (``rules/identities.yaml``) are linear: ``sum(left) - sum(right) = 0``
for every column, row or group (built in :mod:`reportlint.document.table_identities`).
A cell that is blank, invalid or missing makes each identity it belongs to *unknown*:
unknown identities are not checked (an unfilled cell is the unfilled-cell rule's
business), every other identity still is. The exception is a table that writes zero as
a blank, consistently (:mod:`reportlint.document.blank_zero`): its empty cells are 0
(:func:`number`), so a wrong 总计 is still found.

When identities fail, :func:`explain` looks for the smallest set of cells (one, then
two) whose correction makes every checked identity hold at once. When exactly one
such set exists, its cells are the root causes: each is reported once, naming every
identity it breaks, with the value it should have (``应为 35，实为 36``). A row whose
numbers are out of place (one value moved along the row) is recognised the same way
and reported once. Otherwise —
several cells could be at fault, or more than two cells are — each failing identity
that a single cell explains unambiguously is still blamed on that cell, and the rest
are reported at their total cell (``report_at``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import field
from fractions import Fraction
from functools import lru_cache

from reportlint.core.i18n import Text as Text  # re-exported: identities are labelled with it
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Cell, Document, Table
from reportlint.document.table_identities import Identity, Ref, cell_ref, identities

MAX_SET = 2  # largest set of cells searched for a joint explanation


# ---------------------------------------------------------------------------------------
# Cells


# An exact number: counts stay plain ints (much faster), anything else is a Fraction.
Exact = int | Fraction


def fmt(value) -> str:
    """A number for a message: ``35``, ``96171.6``."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):g}"
    return str(value)


@dataclass(eq=False)
class Check:
    """One identity checked on the report's tables: its residual and both sides."""

    identity: Identity
    residual: Exact | None  # sum(left) - sum(right); None when a cell is not a number
    left: Exact | None = None
    right: Exact | None = None

    @property
    def known(self) -> bool:
        return self.residual is not None

    @property
    def gap(self) -> Exact:
        """The residual of a check already known to have one (``known`` or ``broken``
        tested): the checker cannot carry that knowledge through those properties."""
        if self.residual is None:
            raise ValueError(f"identity {self.identity.id} was not checked")
        return self.residual

    @property
    def broken(self) -> bool:
        return self.residual is not None and self.residual != 0


@dataclass(eq=False)
class Blame:
    """One finding of the engine.

    ``root_cause``: ``ref`` alone explains ``checks`` (report the cell, name each
    identity); otherwise ``checks`` holds one failing identity reported at its total.
    ``expected`` is the value ``ref`` must have for the identities to hold.
    """

    ref: Ref
    actual: Exact
    expected: Exact
    checks: list[Check]
    root_cause: bool
    companions: list[Ref] = field(default_factory=list)  # other cells of the same joint explanation
    shift: tuple[tuple, tuple] | None = None  # a row out of place: (values as written, values in place)


def number(cell: Cell | None) -> Exact | None:
    """A cell's value as an exact number; None when blank, invalid, missing or not read
    reliably (only cells read as written or recovered by arithmetic are ever checked).

    One exception: an empty cell of a table that writes zero as a blank, consistently
    (``Cell.blank_zero``, judged by :mod:`reportlint.document.blank_zero`), is 0 — for
    the identities and for every comparison with the narrative alike."""
    if cell is not None and cell.blank_zero and cell.status == "blank":
        return 0
    if cell is None or not cell.usable:
        return None
    value = cell.number
    if isinstance(value, int):
        return value  # counts: plain ints are exact and much faster than Fractions
    try:
        return Fraction(value)
    except (TypeError, ValueError):
        return None


def values_of(table: Table) -> dict[Ref, Exact | None]:
    shape = tuple((row.key, tuple(c.column for c in row.cells)) for row in table.rows)
    return dict(zip(_refs(table.key, shape), [number(c) for row in table.rows for c in row.cells]))


@lru_cache(maxsize=64)
def _refs(table: str, shape: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Ref, ...]:
    """The cells' references of a table of this shape (rows with their columns), in
    order: made once per shape, as a frozen dataclass costs a microsecond to create."""
    return tuple(cell_ref(table, row, column) for row, columns in shape for column in columns)


def cells_of(table: Table) -> dict[Ref, Cell]:
    shape = tuple((row.key, tuple(c.column for c in row.cells)) for row in table.rows)
    return dict(zip(_refs(table.key, shape), [c for row in table.rows for c in row.cells]))


def evaluate(ids: Iterable[Identity], values: dict[Ref, Exact | None]) -> list[Check]:
    out = []
    for idt in ids:
        left: Exact = 0
        right: Exact = 0
        known = True
        for ref, coef in idt.terms:
            v = values.get(ref)
            if v is None:
                known = False
                break
            if coef > 0:
                left += coef * v
            else:
                right -= coef * v
        out.append(Check(idt, left - right, left, right) if known else Check(idt, None))
    return out


# ---------------------------------------------------------------------------------------
# Explaining failures


def _solve(cells: tuple[Ref, ...], checks: list[Check]) -> dict[Ref, Fraction] | None:
    """The unique corrections ``d`` of ``cells`` with ``residual + Σ coef·d = 0`` for
    every check; None when there is no solution or more than one."""
    n = len(cells)
    rows = []
    for ch in checks:
        coefs = [Fraction(ch.identity.coef(c)) for c in cells]
        rows.append(coefs + [Fraction(-ch.gap)])
    # Gaussian elimination over the rationals
    r = 0
    for col in range(n):
        p = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if p is None:
            return None  # a free variable: more than one solution
        rows[r], rows[p] = rows[p], rows[r]
        pv = rows[r][col]
        rows[r] = [x / pv for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        r += 1
    if any(row[n] != 0 for row in rows[r:]):
        return None  # inconsistent
    return {cells[i]: rows[i][n] for i in range(n)}


def explain(checks: list[Check], values: dict[Ref, Exact | None]) -> list[Blame]:
    """Blame the failing identities on cells (see the module docstring)."""
    broken = [c for c in checks if c.broken]
    if not broken:
        return []
    known = [c for c in checks if c.known]
    touching: dict[Ref, list[Check]] = {}
    for ch in known:
        for ref in set(ch.identity.cells):
            touching.setdefault(ref, []).append(ch)
    broken_ids = {id(c) for c in broken}
    exact = {ref: v for ref, v in values.items() if v is not None}
    candidates = sorted({ref for ch in broken for ref in ch.identity.cells if ref in exact})

    def attempt(cells: tuple[Ref, ...]) -> dict[Ref, Fraction] | None:
        involved = {id(c): c for ref in cells for c in touching.get(ref, [])}
        if not broken_ids <= involved.keys():
            return None
        sol = _solve(cells, list(involved.values()))
        if sol is None:
            return None
        for ref, d in sol.items():
            new = exact[ref] + d
            if d == 0 or new < 0 or new.denominator != 1:
                return None
        return sol

    # A set of cells can only explain the failures if, together, they touch every broken
    # identity: a bitmask test that skips almost all combinations before any algebra.
    bit = {id(c): 1 << i for i, c in enumerate(broken)}
    everything = (1 << len(broken)) - 1
    mask = {
        ref: sum(bit.get(id(c), 0) for c in {id(c): c for c in touching.get(ref, [])}.values()) for ref in candidates
    }
    for size in range(1, MAX_SET + 1):
        solutions = []
        for combo in itertools.combinations(candidates, size):
            covered = 0
            for ref in combo:
                covered |= mask[ref]
            if covered != everything:
                continue
            sol = attempt(combo)
            if sol is not None:
                solutions.append(sol)
                if len(solutions) > 1:
                    break
        if len(solutions) == 1:
            sol = solutions[0]
            swap = _swap(sol, values)
            if swap is not None:
                return [swap(broken)]
            blames = []
            for ref, d in sol.items():
                mine = [c for c in touching.get(ref, []) if c.broken]
                blames.append(Blame(ref, exact[ref], exact[ref] + d, mine, True, [r for r in sol if r != ref]))
            return blames
        if solutions:
            if size == 1:
                return _fallback(broken, touching, values)  # one cell, but which one cannot be told
            break  # several explanations of the same size: ambiguous
    shifted = _shifted_row(broken, known, values)
    if shifted is not None:
        return [shifted]
    return _fallback(broken, touching, values)


def _swap(sol: dict[Ref, Fraction], values):
    """Two cells of one row whose values are each other's: one mistake, not two."""
    if len(sol) != 2:
        return None
    a, b = sol
    if (a.table, a.row) != (b.table, b.row) or values[a] + sol[a] != values[b] or values[b] + sol[b] != values[a]:
        return None
    refs = [r for r in values if (r.table, r.row) == (a.table, a.row)]
    a, b = sorted(sol, key=refs.index)  # the leftmost first
    if any(values[r] is None for r in refs):
        return None
    vals = [values[r] for r in refs]
    new = [values[r] + sol.get(r, 0) for r in refs]
    return lambda broken: Blame(a, values[a], values[b], broken, True, [b], shift=(tuple(vals), tuple(new)))


def _shifted_row(broken: list[Check], known: list[Check], values) -> Blame | None:
    """A row whose numbers are out of place — one value moved (a cell left out and
    another added further along, ``0 50 3 1362 0`` for ``0 0 50 3 1362``) — when
    putting it back makes every checked identity hold, and only one such row exists."""
    rows: dict[tuple[str, str], list[Ref]] = {}
    for ref in values:
        rows.setdefault((ref.table, ref.row), []).append(ref)
    found = []
    for refs in rows.values():
        vals = [values[r] for r in refs]
        if any(v is None for v in vals) or len(vals) < 3:
            continue
        mine = set(refs)
        if not all(mine & set(c.identity.cells) for c in broken):
            continue
        involved = [c for c in known if mine & set(c.identity.cells)]
        seen = set()
        for i in range(len(vals)):
            for j in range(len(vals)):
                if abs(i - j) < 2:
                    continue  # neighbours swapped: two cells, found above
                new = vals[:]
                new.insert(j, new.pop(i))
                key = tuple(new)
                if key in seen:
                    continue
                seen.add(key)
                trial = dict(values)
                trial.update(zip(refs, new))
                if all(c.residual == 0 for c in evaluate([c.identity for c in involved], trial)):
                    found.append((refs, vals, new))
        if len(found) > 1:
            return None
    if len(found) != 1:
        return None
    refs, vals, new = found[0]
    first = next(k for k in range(len(vals)) if vals[k] != new[k])
    return Blame(refs[first], vals[first], new[first], broken, True, shift=(tuple(vals), tuple(new)))


def _fallback(broken: list[Check], touching: dict[Ref, list[Check]], values) -> list[Blame]:
    """Cells that alone explain two or more failing identities (and nothing else points
    at), then every other failing identity at its total cell."""
    by_set: dict[frozenset, list[tuple[Ref, Fraction]]] = {}
    for ref in sorted({r for ch in broken for r in ch.identity.cells if values.get(r) is not None}):
        mine = touching.get(ref, [])
        if len(mine) < 2 or not all(c.broken for c in mine):
            continue
        deltas = {-Fraction(c.gap) / c.identity.coef(ref) for c in mine}
        if len(deltas) != 1:
            continue
        d = deltas.pop()
        new = values[ref] + d
        if new < 0 or new.denominator != 1:
            continue
        by_set.setdefault(frozenset(id(c) for c in mine), []).append((ref, d))
    blames: list[Blame] = []
    covered: set[int] = set()
    for ids, refs in sorted(by_set.items(), key=lambda kv: (-len(kv[0]), kv[1][0][0])):
        if len(refs) != 1 or ids & covered:
            continue
        ref, d = refs[0]
        covered |= ids
        blames.append(Blame(ref, values[ref], values[ref] + d, [c for c in touching[ref]], True))
    for ch in broken:
        if id(ch) in covered:
            continue
        at = ch.identity.report_at
        actual = values.get(at)
        coef = ch.identity.coef(at)
        if actual is None or coef == 0:
            continue
        blames.append(Blame(at, actual, actual - Fraction(ch.gap) / coef, [ch], False))
    return blames


def reconcile(table: Table | None) -> list[Blame]:
    """Blames for a recognised table 三 or 四 (empty when every checked identity holds)."""
    if table is None or table.key not in ("table3", "table4"):
        return []
    values = values_of(table)
    checks = evaluate(identities(table), values)
    return explain(checks, values)


def table_identities(doc: Document, key: str) -> tuple[list[Check], list[Blame]]:
    """All checks and the blames of ``doc``'s table ``key`` (for tests and tools)."""
    table = doc.readable_table(key)
    if table is None:
        return [], []
    values = values_of(table)
    checks = evaluate(identities(table), values)
    return checks, explain(checks, values)
