"""Cross-year chains of table 二: a cell of this year's table that follows from last year's.

One mechanism for every such chain (``rules/table2.yaml`` ``chains``): this year's
``cell`` must equal the sum of last year's ``last`` cells plus this year's ``plus``
cells minus this year's ``minus`` cells, row by row. RL521 checks the documents in
force (2021 layout: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数),
RL523 the items of the 2019 layout (上一年项目数量 = last year's 上一年项目数量 + last
year's 本年增/减).

A chain is checked only when both reports' table 二 is readable and has the chain's
layout, and only for a row whose every cell named holds a number read as written
(``reconcile.number``): a blank or unreadable cell is not a zero.
"""

from __future__ import annotations

from reportlint.analysis.reconcile import Exact, number
from reportlint.core import ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Cell, Document, Row


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Chain:
    """A table cell that carries over from one year's report to the next."""

    key: str
    layout: str
    rows: tuple[str, ...]
    cell: str
    last: tuple[str, ...]
    plus: tuple[str, ...]
    minus: tuple[str, ...]


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Break:
    """One row where this year's cell does not follow from last year's report."""

    chain: Chain
    row: Row  # this year's row
    cell: Cell  # this year's cell that should equal ``expected``
    actual: Exact
    expected: Exact
    last: dict[str, Exact]  # last year's values, by column
    this: dict[str, Exact]  # this year's ``plus`` and ``minus`` values, by column


def chain(key: str) -> Chain:
    spec = ruledata.load("table2")["chains"][key]
    return Chain(
        key=key,
        layout=str(spec["layout"]),
        rows=tuple(spec["rows"]),
        cell=spec["cell"],
        last=tuple(spec.get("last") or ()),
        plus=tuple(spec.get("plus") or ()),
        minus=tuple(spec.get("minus") or ()),
    )


def breaks(doc: Document, key: str, tolerance: int = 0) -> list[Break]:
    """The rows of ``doc``'s table 二 where chain ``key`` fails against ``doc.previous``
    by more than ``tolerance``; empty when there is no previous report or either table
    cannot be checked."""
    prev = doc.previous
    if prev is None:
        return []
    spec = chain(key)
    this, last = doc.readable_table("table2"), prev.readable_table("table2")
    if this is None or last is None or this.layout != spec.layout or last.layout != spec.layout:
        return []
    out = []
    for row_key in spec.rows:
        row, prev_row = this.row(row_key), last.row(row_key)
        if row is None or prev_row is None or not row.found or not prev_row.found:
            continue
        cell = row.cell(spec.cell)
        actual = number(cell)
        last_vals = {c: number(prev_row.cell(c)) for c in spec.last}
        this_vals = {c: number(row.cell(c)) for c in spec.plus + spec.minus}
        if cell is None or actual is None or None in last_vals.values() or None in this_vals.values():
            continue
        known_last: dict[str, Exact] = {c: v for c, v in last_vals.items() if v is not None}
        known_this: dict[str, Exact] = {c: v for c, v in this_vals.items() if v is not None}
        expected: Exact = 0
        for v in known_last.values():
            expected += v
        for c in spec.plus:
            expected += known_this[c]
        for c in spec.minus:
            expected -= known_this[c]
        gap = actual - expected
        if -tolerance <= gap <= tolerance:
            continue
        out.append(
            Break(
                chain=spec,
                row=row,
                cell=cell,
                actual=actual,
                expected=expected,
                last=known_last,
                this=known_this,
            )
        )
    return out
