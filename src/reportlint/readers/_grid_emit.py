"""Lay a table whose merges are already known into the text and a :class:`Grid`.

Shared by the readers of formats whose tables say, cell by cell, how far each cell
spans (.odt, .rtf, .doc): they hand over rows of :class:`CellSpec` and get the same
rendering as .docx — one line per row, cells joined by ``" | "``, positions covered
by a merge empty in the line and ``GridCell(merged=True)`` in the grid, every cell
its own origin segment (``CellRef``) — so document/tables.py reads them cell by cell
whatever the format. The .docx reader lays its tables out itself (see its
``table``) and writes them with :meth:`GridEmitter.emit`.
"""

from __future__ import annotations

import itertools
from dataclasses import field

from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted, Grid, GridCell, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.readers._builder import TextBuilder, grid_cell_ref

MAX_GRID_CELLS = 100_000
MAX_SPAN = 1000


@dataclass(eq=False)
class CellSpec:
    """One cell as written in the file. ``covered`` marks a placeholder the format
    writes where another cell's merge reaches (ODF's covered-table-cell, RTF's
    ``\\clmrg``/``\\clvmrg``); ``continues_up`` a cell that merges with the one above
    (RTF ``\\clvmrg``), ``continues_left`` one that merges with its left neighbour."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    covered: bool = False
    continues_up: bool = False
    continues_left: bool = False


@dataclass(eq=False)
class GridOwner:
    """The cell that owns a grid position: its own (``row``, ``col``) and every
    position its merge covers map to it; ``gc`` is its GridCell once written."""

    row: int
    col: int
    text: str
    colspan: int = 1
    rowspan: int = 1
    gc: GridCell | None = field(default=None)


class GridEmitter:
    """Writes tables into ``builder``; ``new_line`` starts each row's line (the reader
    decides how lines are separated, e.g. no newline before the first line)."""

    def __init__(self, builder: TextBuilder, new_line, grids: list[Grid], notes: list[ReaderNote]):
        self.b = builder
        self.new_line = new_line
        self.grids = grids
        self.notes = notes

    def table(self, rows: list[list[CellSpec]], placeholders: bool = False) -> None:
        """``placeholders``: the format writes a (covered) cell at every position a
        merge reaches (ODF), so each cell advances one column; otherwise a cell
        advances by its colspan."""
        rows = [row for row in rows if row]
        if not rows:
            return
        width_bound = max(
            len(row) if placeholders else sum(min(max(c.colspan, 1), MAX_SPAN) for c in row) for row in rows
        )
        if len(rows) * width_bound > MAX_GRID_CELLS:
            self.notes.append(ReaderNote("table-too-large", self.b.length, self.b.length, f"{len(rows)}x{width_bound}"))
            for row in rows:
                self.new_line()
                self.b.add(" | ".join(c.text for c in row if not c.covered))
            return
        owner: dict[tuple[int, int], GridOwner] = {}
        width = 0
        for r, row in enumerate(rows):
            c = 0
            for spec in row:
                span = 1 if spec.covered else min(max(spec.colspan, 1), MAX_SPAN)
                top = None
                reserved = owner.get((r, c))
                if spec.covered:
                    # ODF writes a placeholder for every position another cell spans.
                    if reserved is not None:
                        top = reserved
                    else:
                        left = owner.get((r, c - 1)) if c > 0 else None
                        above = owner.get((r - 1, c)) if r > 0 else None
                        if left is not None and left.row == r:
                            top = left
                            top.colspan = max(top.colspan, c + 1 - top.col)
                        elif above is not None and above.col == c:
                            top = above
                            top.rowspan = max(top.rowspan, r + 1 - top.row)
                elif spec.continues_up and r > 0:
                    above = owner.get((r - 1, c))
                    if above is not None and above.col == c:
                        top = above
                        top.rowspan = r - top.row + 1
                elif spec.continues_left and c > 0:
                    left = owner.get((r, c - 1))
                    if left is not None and left.row == r:
                        top = left
                        top.colspan = c + span - top.col
                if top is None:
                    rowspan = 1 if spec.covered else min(max(spec.rowspan, 1), MAX_SPAN, len(rows) - r)
                    top = GridOwner(r, c, "" if spec.covered else spec.text, colspan=span, rowspan=rowspan)
                    # A declared rowspan (ODF) reserves the positions below for their placeholders.
                    for rr in range(r + 1, min(r + rowspan, len(rows))):
                        for cc in range(c, c + span):
                            owner.setdefault((rr, cc), top)
                    for cc in range(c, c + span):
                        if placeholders:
                            owner.setdefault((r, cc), top)
                        else:
                            owner[(r, cc)] = top
                    owner[(r, c)] = top
                else:
                    for cc in range(c, c + span):
                        owner.setdefault((r, cc), top)
                width = max(width, top.col + top.colspan)
                c += 1 if placeholders else span
            width = max(width, c)
        self.emit(owner, len(rows), width)

    def emit(self, owner: dict[tuple[int, int], GridOwner], rows: int, width: int) -> None:
        """Write a laid-out table: one line per row, ``width`` positions each; a position
        no cell owns (a short row, Word's gridBefore) is an empty, unmerged GridCell."""
        b = self.b
        index = len(self.grids) + 1
        grid_rows: list[list[GridCell]] = []
        start = None
        for r in range(rows):
            self.new_line()
            if start is None:
                start = b.length
            out: list[GridCell] = []
            for c in range(width):
                if c:
                    b.fill(" | ")
                attrs = (None, None, grid_cell_ref(index, r, c))
                b.mark(attrs=attrs)
                cell = owner.get((r, c))
                if cell is None:  # a short row, or Word's gridBefore
                    out.append(GridCell(r, c, "", b.length, b.length))
                elif cell.row == r and cell.col == c:
                    s = b.length
                    b.add(cell.text, attrs=attrs)
                    cell.gc = GridCell(r, c, cell.text, s, b.length, rowspan=cell.rowspan, colspan=cell.colspan)
                    out.append(cell.gc)
                else:
                    gc = cell.gc
                    if gc is None:  # reached before its owner was written (cannot happen row-major)
                        out.append(GridCell(r, c, "", b.length, b.length))
                        continue
                    out.append(
                        GridCell(r, c, gc.text, gc.start, gc.end, rowspan=gc.rowspan, colspan=gc.colspan, merged=True)
                    )
            grid_rows.append(out)
        self.grids.append(Grid(index=index, rows=grid_rows, start=start or 0, end=b.length))


class LineWriter:
    """Paragraph lines into a :class:`TextBuilder`, no newline before the first one."""

    def __init__(self, builder: TextBuilder):
        self.b = builder
        self.first = True

    def new_line(self) -> None:
        if self.first:
            self.first = False
        else:
            self.b.newline()

    def paragraph(self, text: str, attrs) -> None:
        self.new_line()
        self.b.mark(attrs=attrs)
        self.b.add(text, attrs=attrs)


class GridTextReader:
    """The output every reader that writes its tables through :class:`GridEmitter`
    keeps (.docx, .odt, .rtf, .doc): text in its own positions, written a line at a
    time, its grids and notes; :meth:`extracted` hands them over."""

    def __init__(self):
        self.b = TextBuilder(own_positions=True)
        self.lines = LineWriter(self.b)
        self.grids: list[Grid] = []
        self.notes: list[ReaderNote] = []
        self.emitter = GridEmitter(self.b, self.lines.new_line, self.grids, self.notes)

    def extracted(self, path: str, kind: str) -> Extracted:
        text = self.b.text
        return Extracted(
            path=path,
            kind=kind,
            text=text,
            origins=OriginMap(text, self.b.segments),
            grids=self.grids,
            notes=self.notes,
        )


BOUNDARY_TOLERANCE = 20  # twips: cell edges this close are one column edge


def column_spans(rows_edges: list[list[int]]) -> list[list[int]]:
    """Colspans of each row's cells from their edges (RTF ``\\cellx``, Word's
    ``rgdxaCenter``: ``[left, right of cell 1, right of cell 2, …]``, in twips).

    The edges of all rows of a table together are its column edges (edges closer
    than :data:`BOUNDARY_TOLERANCE` are one); a cell spans the columns between its
    left and right edge. A row without edges gets ``[]`` (every cell spans one).
    """
    edges = sorted({x for row in rows_edges for x in row})
    columns: list[int] = []
    for x in edges:
        if not columns or x - columns[-1] > BOUNDARY_TOLERANCE:
            columns.append(x)

    def column_of(x: int) -> int:
        import bisect

        i = bisect.bisect_left(columns, x - BOUNDARY_TOLERANCE)
        return min(i, len(columns) - 1)

    out = []
    for row in rows_edges:
        spans = []
        for left, right in itertools.pairwise(row):
            spans.append(max(column_of(right) - column_of(left), 1))
        out.append(spans)
    return out
