"""The base of the rules that check a table's reconciliation identities (RL401, RL402).

The identity engine (:mod:`reportlint.analysis.reconcile`) says which cells are to blame;
this turns its blames into the rule's diagnostics, naming cells with the table
vocabulary. Not a rule itself (the module name does not start with ``rl``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from reportlint.analysis.reconcile import Blame, Check, cells_of, fmt, reconcile
from reportlint.core.i18n import T, Text
from reportlint.document.model import Document, Table
from reportlint.document.table_vocabulary import cell_name, cell_ref, row_name, table_name
from reportlint.rules.base import Rule


def relation(check: Check) -> Text:
    """``“自然人”列：一 + 二 = （七）总计 + 四（3036 ≠ 3035）``."""
    lab = check.identity.label
    return T(
        f"{lab.zh}（{fmt(check.left)} ≠ {fmt(check.right)}）",
        f"{lab.en} ({fmt(check.left)} ≠ {fmt(check.right)})",
    )


# Said after a finding whose identities read blanks as 0 (a table that writes zero as a
# blank, consistently: document/blank_zero.py, RL307).
BLANK_NOTE = T(
    "（本表以空白代替0，计算时空白格按0计）", " (this table writes zero as a blank: blank cells were read as 0)"
)
NO_NOTE = T("", "")


def _blank_note(cells: dict, checks: list[Check]) -> Text:
    """:data:`BLANK_NOTE` when a cell of ``checks``' identities is a blank read as 0."""
    for ch in checks:
        for ref in ch.identity.cells:
            cell = cells.get(ref)
            if cell is not None and cell.blank_zero and cell.status == "blank":
                return BLANK_NOTE
    return NO_NOTE


def _actual(cell, value) -> Text:
    """The value a cell holds, as a message says it (a blank read as 0 says so)."""
    if cell is not None and cell.blank_zero and cell.status == "blank":
        return T("0（空白）", "0 (blank)")
    return T(fmt(value), fmt(value))


def blame_diagnostics(rule, doc: Document, table: Table, blames: list[Blame], max_findings: int):
    """Diagnostics for ``blames`` with the rule's messages ``cell``, ``identity`` and
    ``many`` (the last when more than ``max_findings`` identities fail without a cell
    to blame: the table is probably shifted or mistyped throughout). Each message ends
    with ``{blank_note}``: empty, or :data:`BLANK_NOTE` when blanks were read as 0."""
    cells = cells_of(table)
    loose = [b for b in blames if not b.root_cause]
    if max_findings and len(loose) > max_findings:
        first = relation(loose[0].checks[0])
        n = sum(len(b.checks) for b in blames)
        note = _blank_note(cells, [c for b in blames for c in b.checks])
        start = table.span[0]
        eol = doc.text.find("\n", start)
        yield rule.report(
            doc,
            (start, eol if eol != -1 else table.span[1]),
            "many",
            n=n,
            first=first.zh,
            first_en=first.en,
            blank_note=note.zh,
            blank_note_en=note.en,
            data={"failing": [c.identity.id for b in blames for c in b.checks]},
        )
        return
    for b in blames:
        cell = cells.get(b.ref)
        note = _blank_note(cells, b.checks)
        actual = _actual(cell, b.actual)
        span = cell.span if cell is not None and cell.span is not None else table.span
        name = cell_name(b.ref.table, b.ref.row, b.ref.column, table.layout)
        ref = cell_ref(b.ref.table, b.ref.row, b.ref.column, layout=table.layout)
        data: dict[str, Any] = {
            "cell": {"table": b.ref.table, "row": b.ref.row, "column": b.ref.column},
            "expected": fmt(b.expected),
            "actual": fmt(b.actual),
            "identities": [c.identity.id for c in b.checks],
        }
        if note is BLANK_NOTE:
            data["blanks_read_as_zero"] = True
        if b.shift is not None:
            written, fixed = (" ".join(fmt(v) for v in vs) for vs in b.shift)
            row = table_name(b.ref.table) if b.ref.table == "table4" else row_name(b.ref.table, b.ref.row, table.layout)
            data.update({"written": written, "in_place": fixed})
            yield rule.report(
                doc,
                span,
                "shifted",
                cell=ref,
                data=data,
                row=row.zh,
                row_en=row.en,
                written=written,
                fixed=fixed,
                n=len(b.checks),
                blank_note=note.zh,
                blank_note_en=note.en,
            )
        elif b.root_cause:
            rels = [relation(c) for c in b.checks]
            if b.companions:
                data["together_with"] = [{"row": r.row, "column": r.column} for r in b.companions]
            yield rule.report(
                doc,
                span,
                "cell",
                cell=ref,
                data=data,
                where=name.zh,
                where_en=name.en,
                expected=fmt(b.expected),
                actual=actual.zh,
                actual_en=actual.en,
                n=len(rels),
                relations="；".join(r.zh for r in rels),
                relations_en="; ".join(r.en for r in rels),
                blank_note=note.zh,
                blank_note_en=note.en,
            )
        else:
            ch = b.checks[0]
            rel = relation(ch)
            yield rule.report(
                doc,
                span,
                "identity",
                cell=ref,
                data=data,
                relation=rel.zh,
                relation_en=rel.en,
                where=name.zh,
                where_en=name.en,
                expected=fmt(b.expected),
                actual=actual.zh,
                actual_en=actual.en,
                scope=ch.identity.scope.zh,
                scope_en=ch.identity.scope.en,
                blank_note=note.zh,
                blank_note_en=note.en,
            )


SHIFTED_MESSAGE = T(
    "“{row}”的数字疑似错位：写的是 {written}，按勾稽关系应为 {fixed}（{n} 个勾稽关系因此不成立）；"
    "请按列核对并改正这一行{blank_note}",
    "the numbers of '{row_en}' look shifted: written {written}, the identities give {fixed} ({n}"
    " identities fail because of it); check this row column by column and correct it{blank_note_en}",
)


class ReconciliationRule(Rule):
    """Base of the rules that check one table's identities (not a rule itself)."""

    table_key: ClassVar[str]

    def check(self, doc):
        table = doc.readable_table(self.table_key)
        if table is None:
            return
        blames = reconcile(table)
        yield from blame_diagnostics(self, doc, table, blames, int(self.opts.get("max_findings") or 0))
