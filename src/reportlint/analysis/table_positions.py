"""Where the rows of a recognised table 二/三/四 are in the text, and whether it holds anything.

The spans table rules report at when a finding is about a row or a whole table rather
than one written cell. Names of tables, rows and cells are in
:mod:`reportlint.document.table_vocabulary`.
"""

from __future__ import annotations

from reportlint.document.model import Document, Row, Span, Table


def row_span(row: Row) -> Span | None:
    """The row's label, or its first written cell when it has no label (table 四)."""
    if row.label_span is not None:
        return row.label_span
    spans = [c.span for c in row.cells if c.span is not None]
    if not spans:
        return None
    return (spans[0][0], max(s[1] for s in spans))


def table_start(doc: Document, table: Table) -> Span:
    """The first line of the table."""
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
