"""What a reader hands to the analysis: visible text, its origin map, real grids."""

from __future__ import annotations

from dataclasses import field

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.origin import OriginMap


@dataclass(eq=False)
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


@dataclass(eq=False)
class Grid:
    """A real table of the input file (.docx, .html, PDF geometry) with its cells' spans."""

    index: int  # 1-based order of the table in the file
    rows: list[list[GridCell]]
    start: int  # span of the whole table in Extracted.text
    end: int


@dataclass(eq=False)
class ReaderNote:
    """Something the reader saw that a rule should report (e.g. a PDF without text)."""

    kind: str  # e.g. "no-text-layer"
    start: int = 0
    end: int = 0
    detail: str = ""


@dataclass(frozen=True)  # hashed by annotate (pdf notes) and compared in its tests
class PagePoint:
    """Where a line or table cell of a PDF stands on its page, for notes put beside it
    (--annotate): ``offset`` of its first character in :attr:`Extracted.text`, the
    1-based ``page``, and ``x``/``y`` of its top-left in PDF user space (points)."""

    offset: int
    page: int
    x: float
    y: float


FURNITURE_KINDS = {"header": ("页眉", "header"), "footer": ("页脚", "footer")}
FURNITURE_VARIANTS = {"default": ("", ""), "first": ("首页", "first-page "), "even": ("偶数页", "even-page ")}


@dataclass(eq=False)
class Furniture:
    """Text printed around the body on every page: a .docx header or footer.

    Kept apart from :attr:`Extracted.text`, so the body, its sections, tables and
    positions are the same with or without it. ``text`` is the part's own lines
    (paragraphs, table rows joined by ``" | "``, text boxes, a watermark's text);
    page-number fields (``PAGE``, ``NUMPAGES``…) are left out. A finding in it is
    located at ``anchor``, the offset in :attr:`Extracted.text` where the first section
    that shows the part begins, and its message names the part (:meth:`where`).
    """

    kind: str  # "header" | "footer"
    part: str  # the package part, e.g. "word/header1.xml"
    text: str
    section: int = 1  # 1-based: the first section of the document that shows it
    anchor: int = 0
    variant: str = "default"  # "default" | "first" (title page) | "even" (even pages)
    sections: int = 1  # how many sections the document has

    def where(self) -> Text:
        """``页眉`` / ``第2节首页页脚`` — the place as Word's user finds it."""
        kind_zh, kind_en = FURNITURE_KINDS.get(self.kind, (self.kind, self.kind))
        var_zh, var_en = FURNITURE_VARIANTS.get(self.variant, ("", ""))
        if self.sections > 1:
            return Text(f"第{self.section}节{var_zh}{kind_zh}", f"{var_en}{kind_en} of section {self.section}")
        return Text(f"{var_zh}{kind_zh}", f"{var_en}{kind_en}")

    def anchor_span(self, text: str) -> tuple[int, int]:
        """The line of ``text`` (the body) where the part's first section begins: the
        position a finding in the part is given."""
        s = max(0, min(self.anchor, len(text)))
        while s < len(text) and text[s].isspace():  # empty paragraphs: the first line with text
            s += 1
        e = text.find("\n", s)
        return s, e if e != -1 else len(text)


@dataclass(eq=False)
class Extracted:
    """What a reader hands on: the file's text, where each character came from, its real tables and notes."""

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
    # .docx: headers and footers, outside ``text`` (see :class:`Furniture`); [] elsewhere.
    furniture: list[Furniture] = field(default_factory=list)

    @property
    def source_text(self) -> str:
        return self.source if self.source is not None else self.text

    @property
    def editable(self) -> bool:
        """Fixes are offered only where they can be written back: where the extracted
        text is the file itself, or in a .docx as tracked changes (reportlint.annotate)."""
        return (self.kind in ("text", "markdown") and self.origins.identity) or self.kind == "docx"
