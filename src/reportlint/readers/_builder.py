"""Accumulate extracted text together with its :class:`Segment` origin map.

Two modes:

* ``own_positions=True`` (.docx, .pdf): a segment's line/column is the position in
  the extracted text itself; every line starts a segment, so an offset anywhere in
  the text (empty lines included) maps to its own line, plus the page/paragraph/cell
  attributes of the run it belongs to.
* ``own_positions=False`` (HTML): each run carries the line/column where it starts
  in the source file; a new segment starts whenever the source position is not
  the continuation of the previous run, the attributes change, or a line of the
  extracted text begins.

A run never crosses a newline of the extracted text.
"""

from __future__ import annotations

from reportlint.core.diagnostics import CellRef
from reportlint.document.origin import Segment

Attrs = tuple  # (page, paragraph, cell)
NO_ATTRS: Attrs = (None, None, None)


class TextBuilder:
    def __init__(self, own_positions: bool):
        self.own = own_positions
        self.parts: list[str] = []
        self.length = 0
        self.line = 1  # of the next character, in the extracted text
        self.col = 1
        self.segments: list[Segment] = []
        self._open = False  # a segment covers the current line up to here
        self._attrs: Attrs = NO_ATTRS
        self._expect: tuple[int, int] | None = None  # source position of the next char
        if own_positions:
            self._start((1, 1), NO_ATTRS)

    # -- low level ---------------------------------------------------------------
    def _start(self, src: tuple[int, int], attrs: Attrs) -> None:
        if self.segments and self.segments[-1].start == self.length:
            self.segments.pop()
        page, paragraph, cell = attrs
        self.segments.append(Segment(self.length, src[0], src[1], page=page, paragraph=paragraph, cell=cell))
        self._open = True
        self._attrs = attrs
        self._expect = src

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.col += len(text)
        if self._expect is not None:
            self._expect = (self._expect[0], self._expect[1] + len(text))

    # -- API -------------------------------------------------------------------------
    @property
    def at_line_start(self) -> bool:
        return self.col == 1

    def newline(self) -> None:
        self.parts.append("\n")
        self.length += 1
        self.line += 1
        self.col = 1
        self._open = False
        if self.own:
            self._start((self.line, 1), self._attrs)
        else:
            self._expect = None

    def ensure_line(self) -> None:
        """Start a new line unless the current one is still empty."""
        if not self.at_line_start:
            self.newline()

    def mark(self, src: tuple[int, int] | None = None, attrs: Attrs = NO_ATTRS) -> None:
        """Force a segment to start here (e.g. at an empty table cell)."""
        if self.own:
            src = (self.line, self.col)
        elif src is None:
            src = self._expect or (1, 1)
        self._start(src, attrs)

    def add(self, text: str, src: tuple[int, int] | None = None, attrs: Attrs = NO_ATTRS) -> None:
        """Append ``text`` that starts at source position ``src``.

        In own-position mode ``src`` is ignored and ``text`` may contain newlines;
        in source-position mode a piece after a newline has no known source position
        (callers emit one line at a time).
        """
        lines = text.split("\n")
        for i, piece in enumerate(lines):
            if i:
                self.newline()
                src = None
            if not piece:
                if i == 0 and self.own and (attrs != self._attrs) and self.at_line_start:
                    self._start((self.line, self.col), attrs)
                continue
            if self.own:
                if not self._open or attrs != self._attrs:
                    self._start((self.line, self.col), attrs)
            elif src is not None:
                if not self._open or attrs != self._attrs or src != self._expect:
                    self._start(src, attrs)
            elif not self._open:
                self._start(self._expect or (1, 1), attrs)
            self._append(piece)

    def fill(self, text: str) -> None:
        """Generated text (separators): extends the current run, never starts one."""
        if not self._open:
            self.mark(None, self._attrs)
        self._append(text)

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""


def grid_cell_ref(grid: int, row: int, col: int) -> CellRef:
    """CellRef of a real grid cell; ``row``/``col`` are 0-based."""
    return CellRef(table="grid", grid=grid, grid_row=row + 1, grid_column=col + 1)
