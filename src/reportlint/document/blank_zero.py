"""Tables that write zero as a blank, consistently (issue 15).

Some reports leave every zero cell of a table empty and fill only the cells where
something happened. Read as "unfilled", those blanks make every identity that uses
them unknown, and a wrong 总计 goes unseen. This module judges, once per table, whether
the table's empty cells are its zeros, and marks them (``Cell.blank_zero``):
:func:`reportlint.analysis.reconcile.number` then reads them as 0, so the identities
(RL401, RL402) and the comparisons with the narrative use them, and RL307 reports the
blanks once per table instead of RL303 once per row.

The criterion (its thresholds in ``rules/tables.yaml``, ``blank_as_zero``) asks for
evidence, never a guess: a fully read table with no cell written ``0`` and nothing but
numbers and empty cells; enough non-zero numbers and enough blanks; and blanks where
zeros fit — in every identity that can be evaluated, one side is all blank exactly when
the other side is, since a sum of counts is 0 only when each count is. A blank breaking
that (an empty 总计 beside non-zero parts) is not a zero: it stays unfilled. A blank
template (no number at all), a single blank among written numbers, or blanks mixed with
written zeros stay unfilled, as before.
"""

from __future__ import annotations

from fractions import Fraction

from reportlint.document.model import Cell, Document, Table
from reportlint.document.table_identities import Ref, cell_ref, identities


def settings() -> dict:
    from reportlint.core.ruledata import load

    return dict(load("tables").get("blank_as_zero") or {})


def analyse(doc: Document) -> None:
    """Mark the empty cells of every table of ``doc`` that writes zero as a blank.

    Each table of ``tables`` is judged on its own evidence. Once one is, the report's
    way of writing zero is known: the tables of ``follow`` that were not judged on their
    own (too few numbers or blanks, even none — a table 四 with no case at all) take it
    too, when they are written the same way (no ``0``, nothing but numbers and empty
    cells, blanks where zeros fit)."""
    opts = settings()
    judged = False
    for key in opts.get("tables") or ():
        table = doc.tables.get(key)
        if table is not None:
            judged = _mark(table, judge(table, opts), "the table writes zero as a blank") or judged
    if not judged:
        return
    for key in opts.get("follow") or ():
        table = doc.tables.get(key)
        if table is not None and not any(c.blank_zero for _, c in table.cells()):
            _mark(table, judge(table, opts, follows=True), "the report writes zero as a blank")


def _mark(table: Table, zeros: list[Cell], why: str) -> bool:
    for cell in zeros:
        cell.blank_zero = True
    if zeros:
        table.notes.append(f"{len(zeros)} blank cell(s) read as 0: {why}")
    return bool(zeros)


def _empty(cell: Cell) -> bool:
    return cell.status == "blank" and not cell.raw.strip()


def judge(table: Table, opts: dict | None = None, follows: bool = False) -> list[Cell]:
    """The empty cells of ``table`` that are its zeros (see the module docstring);
    empty when the table does not write zero as a blank, consistently. ``follows``: the
    report is known to write zero as a blank (another table of it was judged so), so
    the table needs no numbers and no share of blanks of its own."""
    opts = settings() if opts is None else opts
    if table.status != "read":
        return []
    found = [r for r in table.rows if r.found]
    if any(not c.found for r in found for c in r.cells):
        return []  # a row ended early: its values were placed from the left, not known to be in place
    cells = {cell_ref(table.key, r.key, c.column): c for r in found for c in r.cells}
    values: dict[Ref, int | Fraction | None] = {}
    empty: list[Ref] = []
    numbers = 0
    for ref, cell in cells.items():
        if _empty(cell):
            values[ref] = 0
            empty.append(ref)
        elif cell.usable:
            if cell.number == 0:
                return []  # zero is written as 0 here: a blank is an unfilled cell
            values[ref] = Fraction(cell.number) if not isinstance(cell.number, int) else cell.number
            numbers += 1
        else:
            return []  # a dash, text or an unreadable number: not a table of numbers and blanks
    if not empty:
        return []
    if not follows:
        if numbers < int(opts.get("min_numbers", 2)) or len(empty) < int(opts.get("min_blanks", 3)):
            return []
        if len(empty) < float(opts.get("min_blank_share", 0.25)) * len(cells):
            return []
    unfit: set[Ref] = set()
    supporting = 0
    for idt in identities(table):
        sides: dict[int, list[Ref]] = {1: [], -1: []}
        for ref, coef in idt.terms:
            sides[1 if coef > 0 else -1].append(ref)
        if any(values.get(ref) is None for ref in idt.cells):
            continue  # a term missing: the identity says nothing
        zero = {s: all(values[ref] == 0 for ref in refs) for s, refs in sides.items()}
        if zero[1] != zero[-1]:
            unfit.update(ref for ref in sides[1 if zero[1] else -1])  # the all-blank side
        elif not zero[1]:
            supporting += 1
    unfit.update(_unfit_table2(table, values))
    if len(unfit) > int(opts.get("max_unfit", 2)):
        return []
    if not follows and supporting < int(opts.get("min_supporting", 1)):
        return []
    return [cells[ref] for ref in empty if ref not in unfit]


def _unfit_table2(table: Table, values: dict) -> set[Ref]:
    """Table 二 has no exact identity, only its soft checks (``rules/identities.yaml``
    ``table2``: ``at_least`` ≥ ``than``): blanks on the ``at_least`` side of a row whose
    ``than`` side is not 0 (an empty 现行有效件数 beside 5 issued) cannot be zeros."""
    if table.key != "table2":
        return set()
    from reportlint.core.ruledata import load

    out: set[Ref] = set()
    for check in load("identities").get("table2") or ():
        if str(check.get("layout")) != table.layout:
            continue
        for row in check.get("rows") or ():
            big = [Ref("table2", row, c) for c in check.get("at_least") or ()]
            small = [Ref("table2", row, c) for c in check.get("than") or ()]
            if any(values.get(r) is None for r in big + small):
                continue
            if all(values[r] == 0 for r in big) and any(values[r] != 0 for r in small):
                out.update(big)
    return out
