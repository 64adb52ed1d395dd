"""Shared helpers of the template (RL2xx) and table (RL3xx) rules; not a rule itself.

Names, column labels and column kinds of tables 二/三/四 (from ``rules/tables.yaml``),
cell references for locations, and short lists for messages.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from reportlint.core import ruledata
from reportlint.core.diagnostics import CellRef
from reportlint.document.model import Cell, Document, Row, Table

TABLE_NUMBERS = {"table2": "二", "table3": "三", "table4": "四"}
SECTION_OF = {"table2": "proactive", "table3": "requests", "table4": "review"}


def tables_data() -> dict:
    return ruledata.load("tables")


def table_zh(key: str) -> str:
    """``表二“主动公开政府信息情况”``."""
    return f"表{TABLE_NUMBERS[key]}“{tables_data()[key]['title']}”"


def table_en(key: str) -> str:
    return f"table {TABLE_NUMBERS[key]} ({tables_data()[key]['title']})"


@lru_cache(maxsize=None)
def _columns(key: str) -> dict[str, tuple[str, str]]:
    """column key → (official label, kind)."""
    data = tables_data()[key]
    if key == "table2":
        return {k: (v["label"], v.get("kind", "count")) for k, v in data["columns"].items()}
    if key == "table3":
        return {c["key"]: (c["label"], "count") for c in data["columns"]}
    groups = {g: v["label"] for g, v in data["groups"].items()}
    return {c["key"]: (f"{groups[c['group']]}—{c['label']}", "count") for c in data["columns"]}


def column_label(table: str, column: str) -> str:
    return _columns(table).get(column, (column, "count"))[0]


def column_kind(table: str, column: str) -> str:
    return _columns(table).get(column, (column, "count"))[1]


def row_phrase_zh(table: Table, row: Row) -> str:
    """``“（一）予以公开”一行`` / ``的数据行`` (table 四), to follow the table's name."""
    return "的数据行" if table.key == "table4" else f"“{row.label}”一行"


def row_phrase_en(table: Table, row: Row) -> str:
    return "the data row" if table.key == "table4" else f"the row '{row.label}'"


def cell_ref(table: Table, row: Row | None = None, cell: Cell | None = None) -> CellRef:
    return CellRef(
        table=table.key,
        row=None if row is None or table.key == "table4" else row.label,
        column=None if cell is None else column_label(table.key, cell.column),
        grid=table.grid,
    )


def listing(items: list[str], limit: int = 8, sep: str = "、") -> str:
    """``a、b、c`` (at most ``limit`` items, then ``等N项``)."""
    if len(items) <= limit:
        return sep.join(items)
    return sep.join(items[:limit]) + f"等{len(items)}项"


def listing_en(items: list[str], limit: int = 8) -> str:
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def row_span(row: Row):
    """The row's label, or its first written cell when it has no label (table 四)."""
    if row.label_span is not None:
        return row.label_span
    spans = [c.span for c in row.cells if c.span is not None]
    if not spans:
        return None
    return (spans[0][0], max(s[1] for s in spans))


def table_start(doc: Document, table: Table):
    s = table.span[0]
    e = doc.text.find("\n", s)
    return (s, e if e != -1 and e > s else table.span[1])


def row_end(row: Row) -> int:
    """Text offset after the row's label and its written cells."""
    ends = [c.span[1] for c in row.cells if c.span is not None]
    if row.label_span is not None:
        ends.append(row.label_span[1])
    return max(ends) if ends else 0


def all_blank(table: Table) -> bool:
    """True when not one cell of the table holds a value (a blank template).

    RL303 reports such a table once; rows or values the analysis could not place in it
    are not reported on top (labels without numbers are hard to place)."""
    return not any(c.value is not None or c.invalid for r in table.rows for c in r.cells)


class CellLocations:
    """Mixin for table rules: keep the table/row/column of a finding's :class:`CellRef`
    when the reader already located the span in a real grid (.docx/.html).

    ``Document.locate`` keeps the reader's grid reference (grid, row and column numbers)
    and drops the rule's; this merges both, so a finding in a Word table still names
    ``表二 / 规章 / 本年制发件数`` as well as its grid coordinates.
    """

    def report(self, doc, span, key, *, cell=None, **kwargs):
        d = super().report(doc, span, key, cell=cell, **kwargs)
        got = d.location.cell
        if cell is not None and got is not None and got is not cell:
            merged = CellRef(
                table=cell.table,
                row=cell.row,
                column=cell.column,
                grid=got.grid if got.grid is not None else cell.grid,
                grid_row=got.grid_row,
                grid_column=got.grid_column,
            )
            d.location = replace(d.location, cell=merged)
        return d
