"""The reconciliation identities of tables 三 and 四, built from ``rules/identities.yaml``.

The identities are linear: ``sum(left) - sum(right) = 0`` for every column, row or
group of a recognised table. They depend only on the table's shape (its key, layout,
columns and rows), so they are built once per shape. The identity engine
(:mod:`reportlint.analysis.reconcile`) checks them; the document layer uses them too,
to judge whether a table writes zero as a blank (:mod:`reportlint.document.blank_zero`).
"""

from __future__ import annotations

from functools import lru_cache

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Table
from reportlint.document.table_vocabulary import column_name, group_name, row_name


@dataclass(frozen=True, order=True)
class Ref:
    """A cell of a recognised table: table key, row key, column key (named by
    :func:`reportlint.document.table_vocabulary.cell_name`)."""

    table: str
    row: str
    column: str


_REFS: dict[tuple[str, str, str], Ref] = {}


def cell_ref(table: str, row: str, column: str) -> Ref:
    """The one :class:`Ref` of this cell: the identities' terms and the tables' values
    (analysis/reconcile.py) share their keys, and a dictionary looking up the very key
    it holds compares no fields (each comparison of a dataclass is a Python call). The
    cells are those of the official layouts: a few hundred."""
    key = (table, row, column)
    found = _REFS.get(key)
    if found is None:
        found = _REFS[key] = Ref(table, row, column)
    return found


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Identity:
    """One arithmetic identity between table cells (a total and its parts), from ``rules/identities.yaml``."""

    family: str  # key of the family in rules/identities.yaml
    id: str  # unique: "table3.balance.natural_person"
    terms: tuple[tuple[Ref, int], ...]  # (cell, +1 for left / -1 for right)
    report_at: Ref
    label: Text
    scope: Text

    def coef(self, ref: Ref) -> int:
        return sum(c for r, c in self.terms if r == ref)

    @property
    def cells(self) -> tuple[Ref, ...]:
        return tuple(r for r, _ in self.terms)


def _families(table: str) -> list[dict]:
    from reportlint.core.ruledata import load

    return list(load("identities").get(table) or [])


def _expand(entry: str, layout: str) -> list[str]:
    from reportlint.document.tables import outcome_rows, specs

    if entry == "@outcome_rows":
        return outcome_rows(layout) if layout in ("2019", "2021") else []
    if entry == "@applicants":
        return list(specs().table3.columns[:-1])
    return [entry]


def _label(fam: dict, **names: Text) -> Text:
    """The identity's label with the cells' names (zh names in zh, en names in en)."""
    return Text(
        fam["label"]["zh"].format(**{k: v.zh for k, v in names.items()}),
        fam["label"]["en"].format(**{k: v.en for k, v in names.items()}),
    )


def identities(table: Table) -> list[Identity]:
    """The identities of a recognised table 三 or 四 (empty for any other table)."""
    first_row = table.rows[0].key if table.rows else "cases"
    return list(_identities(table.key, table.layout, tuple(table.columns), tuple(r.key for r in table.rows), first_row))


@lru_cache(maxsize=64)
def _identities(key: str, layout: str, columns: tuple, rows: tuple, first_row: str) -> tuple[Identity, ...]:
    """The identities depend only on the table's shape: built once per shape."""
    out: list[Identity] = []
    if key == "table3":
        for fam in _families("table3"):
            if fam["per"] == "column":
                left = [x for e in fam["left"] for x in _expand(e, layout)]
                right = [x for e in fam["right"] for x in _expand(e, layout)]
                if not left or not right:
                    continue
                for col in columns:
                    terms = tuple((cell_ref(key, r, col), 1) for r in left) + tuple(
                        (cell_ref(key, r, col), -1) for r in right
                    )
                    out.append(
                        Identity(
                            fam["key"],
                            f"{key}.{fam['key']}.{col}",
                            terms,
                            cell_ref(key, fam["report_at"], col),
                            _label(fam, column=column_name(key, col)),
                            Text(fam["scope"]["zh"], fam["scope"]["en"]),
                        )
                    )
            elif fam["per"] == "row":
                left = [x for e in fam["left"] for x in _expand(e, layout)]
                right = [x for e in fam["right"] for x in _expand(e, layout)]
                for row in rows:
                    terms = tuple((cell_ref(key, row, c), 1) for c in left) + tuple(
                        (cell_ref(key, row, c), -1) for c in right
                    )
                    out.append(
                        Identity(
                            fam["key"],
                            f"{key}.{fam['key']}.{row}",
                            terms,
                            cell_ref(key, row, fam["report_at"]),
                            _label(fam, row=row_name(key, row, layout)),
                            Text(fam["scope"]["zh"], fam["scope"]["en"]),
                        )
                    )
    elif key == "table4":
        from reportlint.document.tables import table4_groups

        row = first_row
        for fam in _families("table4"):
            for group, cols in table4_groups().items():
                role = {c.split(".", 1)[1]: c for c in cols}
                terms = tuple((cell_ref(key, row, role[r]), 1) for r in fam["left"]) + tuple(
                    (cell_ref(key, row, role[r]), -1) for r in fam["right"]
                )
                out.append(
                    Identity(
                        fam["key"],
                        f"{key}.{fam['key']}.{group}",
                        terms,
                        cell_ref(key, row, role[fam["report_at"]]),
                        _label(fam, group=group_name("table4", group)),
                        Text(fam["scope"]["zh"], fam["scope"]["en"]),
                    )
                )
    return tuple(out)
