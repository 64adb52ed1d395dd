"""Map offsets in extracted text back to positions in the user's original file.

Readers build the text the rules see (for .txt that *is* the file; for HTML it is
the visible text; for .docx/.pdf the extracted text). Every run of extracted text
is recorded as a :class:`Segment` that says where that run starts in the source.
A run never crosses a newline of the extracted text, so the column inside a run
is the segment's column plus the distance from its start.
"""

from __future__ import annotations

import bisect

from reportlint.core import pattern_store
from reportlint.core.diagnostics import CellRef, Location
from reportlint.core.lazy_dataclass import dataclass

_NEWLINE = pattern_store.compile("\n")


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Segment:
    """A stretch of extracted text that comes from one place of the source file."""

    start: int  # offset in the extracted text
    line: int  # 1-based line in the source file (or in the extracted text for docx/pdf)
    column: int  # 1-based column there
    page: int | None = None
    paragraph: int | None = None
    cell: CellRef | None = None


class OriginMap:
    """Offset → :class:`Location`. Without segments, the text *is* the source."""

    def __init__(self, text: str, segments: list[Segment] | None = None):
        self._text = text
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in _NEWLINE.finditer(text))
        self._segments = sorted(segments, key=lambda s: s.start) if segments else None
        self._seg_starts = [s.start for s in self._segments] if self._segments else []

    @property
    def identity(self) -> bool:
        return self._segments is None

    def text_line_col(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of ``offset`` in the extracted text itself."""
        offset = max(0, min(offset, len(self._text)))
        idx = bisect.bisect_right(self._line_starts, offset) - 1
        return idx + 1, offset - self._line_starts[idx] + 1

    def _point(self, offset: int) -> tuple[int, int, Segment | None]:
        if self._segments is None:
            line, col = self.text_line_col(offset)
            return line, col, None
        i = bisect.bisect_right(self._seg_starts, offset) - 1
        if i < 0:
            i = 0
        seg = self._segments[i]
        return seg.line, seg.column + max(0, offset - seg.start), seg

    def locate(self, start: int, end: int | None = None) -> Location:
        if end is None or end < start:
            end = start
        line, col, seg = self._point(start)
        if end > start:
            end_line, end_col, _ = self._point(end - 1)
            end_col += 1
        else:
            end_line, end_col = line, col
        if end_line < line or (end_line == line and end_col < col):
            end_line, end_col = line, col
        return Location(
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            page=seg.page if seg else None,
            paragraph=seg.paragraph if seg else None,
            cell=seg.cell if seg else None,
        )

    def line_text(self, line: int) -> str:
        """The extracted-text line with this 1-based number ('' when out of range)."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self._text)
        return self._text[start:end]

    def line_start(self, line: int) -> int:
        return self._line_starts[max(0, min(line, len(self._line_starts)) - 1)]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
