"""A mixin for table rules: a finding in a real grid names both the report cell and the grid cell.

Not a rule itself (the module name does not start with ``rl``).
"""

from __future__ import annotations

from dataclasses import replace

from reportlint.core.diagnostics import CellRef


class CellLocations:
    """Keep the table/row/column of a finding's :class:`CellRef` when the reader already
    located the span in a real grid (.docx/.html).

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
