"""What a reader hands to the analysis: visible text, its origin map, real grids."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlint.document.origin import OriginMap


@dataclass
class GridCell:
    """One cell of a real table (.docx/.html) after merged cells are resolved.

    ``start``/``end`` are offsets of the cell text in :attr:`Extracted.text`. A cell
    covered by a merge (not its top-left) has ``merged=True`` and the same span as
    the cell that covers it.
    """

    row: int  # 0-based
    col: int  # 0-based
    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    merged: bool = False


@dataclass
class Grid:
    index: int  # 1-based order of the table in the file
    rows: list[list[GridCell]]
    start: int  # span of the whole table in Extracted.text
    end: int


@dataclass
class ReaderNote:
    """Something the reader saw that a rule should report (e.g. a PDF without text)."""

    kind: str  # e.g. "no-text-layer"
    start: int = 0
    end: int = 0
    detail: str = ""


@dataclass(frozen=True)
class PagePoint:
    """Where a line or table cell of a PDF stands on its page, for notes put beside it
    (--annotate): ``offset`` of its first character in :attr:`Extracted.text`, the
    1-based ``page``, and ``x``/``y`` of its top-left in PDF user space (points)."""

    offset: int
    page: int
    x: float
    y: float


@dataclass
class Extracted:
    path: str
    kind: str  # "text" | "markdown" | "html" | "docx" | "pdf"
    text: str
    origins: OriginMap
    grids: list[Grid] = field(default_factory=list)
    encoding: str | None = None
    newline: str = "\n"
    bom: bool = False
    notes: list[ReaderNote] = field(default_factory=list)
    # The decoded source as the user wrote it, when it differs from ``text`` (HTML
    # markup); suppression comments are read from it. None: same as ``text``.
    source: str | None = None
    # PDF: where each line and cell stands on its page, in offset order ([] elsewhere).
    page_points: list[PagePoint] = field(default_factory=list)

    @property
    def source_text(self) -> str:
        return self.source if self.source is not None else self.text

    @property
    def editable(self) -> bool:
        """Fixes are offered only where they can be written back: where the extracted
        text is the file itself, or in a .docx as tracked changes (reportlint.annotate)."""
        return (self.kind in ("text", "markdown") and self.origins.identity) or self.kind == "docx"
