"""The Document every rule receives, whatever the input format.

Spans are ``(start, end)`` offsets into :attr:`Document.text` (the extracted text);
:meth:`Document.locate` turns a span into the user's line/column (or page / cell).
Analyses that work on the normalised :attr:`Document.view` convert view spans with
``view.to_source`` first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import Any

from reportlint.core.diagnostics import CellRef, Location
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted
from reportlint.document.normalize import View

Span = tuple[int, int]

FORMATS = ("2021", "2019", "pre2019", "unknown")
CELL_STATUSES = ("read", "recovered", "blank", "unreadable", "missing")
# A table's read status: "read" (every row found was read), "partial" (some cells are
# unreadable; rules use the others), "unreadable" (the table is there but its numbers
# cannot be told apart: rules use none of them, RL306 says so once).
TABLE_STATUSES = ("read", "partial", "unreadable")
KINDS = ("department", "government", "township")


@dataclass(eq=False)
class Dated:
    """A date the report gives (its period, signature, publication), where and as written."""

    value: date
    span: Span
    raw: str


@dataclass(eq=False)
class Meta:
    """What the report says about itself: title, year, agency, dates, and where each was read."""

    title: str | None = None
    title_span: Span | None = None
    year: int | None = None
    year_span: Span | None = None
    agency: str | None = None
    agency_span: Span | None = None
    kind: str | None = None  # department | government | township
    period_start: Dated | None = None
    period_end: Dated | None = None
    period_span: Span | None = None  # the whole statistical-period sentence
    signed_on: Dated | None = None
    signature_agency: str | None = None
    signature_span: Span | None = None
    # -- added by the meta analysis -------------------------------------------------
    year_source: str | None = (
        None  # where the year came from: "title" | "body" (本年报…XXXX年…报告) | "period" | "config"
    )
    agency_source: str | None = None  # where the agency came from: "title" | "body" (由XX编制) | "signature"
    signature_agency_span: Span | None = None  # the agency line of the signature
    signature_truncated: bool = False  # the signature date was cut off (e.g. the text ends with `二○`)
    debris_span: Span | None = None  # web/page debris after the report's end (上一篇…, 扫一扫…)
    outline_span: Span | None = None  # the sentence listing the parts: `全文包括总体情况、…六个部分`
    outline_keys: list[str] = field(default_factory=list)  # section keys named in that sentence, in order
    # -- the page around the report (crawler header, web-page chrome; document/page_meta.py)
    title_source: str | None = None  # "body" (a title line of the report) | "page" (the page's title field)
    page_title: str | None = None  # the page's or crawler's title field (`标题: …`)
    page_title_span: Span | None = None
    published_on: Dated | None = None  # the page's publication date (`发布时间: 2024-03-08 15:34`)
    publisher: str | None = None  # `发布机构: …` / `来源: …` as written on the page
    publisher_span: Span | None = None
    # Regions of doc.text that are the page's metadata or chrome, not report text; they
    # are left out of doc.view, and rules that scan doc.text skip them.
    page_spans: list[Span] = field(default_factory=list)
    # Page chrome that is not metadata (share buttons, 打印本页 …), one entry per cluster:
    # (span of the cluster in doc.text, labels, spans of its tokens in doc.text).
    page_debris: list[tuple[Span, list[str], list[Span]]] = field(default_factory=list)


@dataclass(eq=False)
class Section:
    """One of the report's official sections (``一、总体情况`` …) and its span."""

    key: str  # official key: "overview", "proactive", "requests", "review", "problems", "other" (or old-outline keys)
    number: str | None  # as written: "一", "二", … or None when the heading has no number
    expected_number: str  # the number the format gives this section
    title: str  # as written (normalised view)
    official_title: str
    heading_span: Span  # the heading in Document.text
    body_span: Span  # from after the heading to the next heading (or the end)
    variant: str = "official"  # "official" | "variant" | "caption" (a table caption stands in) | "unofficial"
    number_span: Span | None = None  # the written number (`二` of `二、`) in Document.text, for renumbering fixes
    inline: bool = False  # the heading does not start a line (e.g. `。 一、总体情况 1、…`)


@dataclass
class Cell:
    """One value cell of an official table as read from the report."""

    column: str  # official column key (rules/tables.yaml), e.g. "natural_person", "review.total"
    raw: str  # as written ('' when the cell is empty)
    value: int | Decimal | None  # None when blank, '/', '—', '_', '无' …
    span: Span | None  # None when the cell is missing altogether
    found: bool = True  # False: the row ended before this column
    unit: str | None = None  # unit written in the cell (``元`` in ``251000元``)
    invalid: bool = False  # something is written but it is not a number (``XX``, ``若干``)
    # How the cell was read (one of CELL_STATUSES): "read" (written and read as it is,
    # numbers and invalid text alike), "recovered" (split out of digits written without
    # separators, by the table's own arithmetic), "blank" (an empty or ``/``-like cell),
    # "unreadable" (something is there but reportlint cannot tell which number is this
    # cell's), "missing" (the row ended before this column).
    status: str = "read"
    # An empty cell of a table that writes zero as a blank, consistently (judged once per
    # table by document/blank_zero.py): reconcile.number() reads it as 0. Its status stays
    # "blank" (it is still not written as the format asks; RL307 says so once per table).
    blank_zero: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None

    @property
    def usable(self) -> bool:
        """A number rules may check: read or recovered, never a guess."""
        return self.status in ("read", "recovered") and self.value is not None

    @property
    def number(self) -> int | Decimal:
        """The value of a cell already known to hold one (``usable``, or ``value`` tested):
        the checker cannot carry that knowledge through ``usable``."""
        if self.value is None:
            raise ValueError(f"cell {self.column!r} holds no number")
        return self.value


@dataclass
class Row:
    """One official row of a table and its cells (missing cells included, ``found=False``)."""

    key: str  # official row key (rules/tables.yaml), e.g. "new", "carried_over", "withheld.state_secret"
    label: str  # official label
    found: bool
    label_raw: str | None = None  # the label as written
    label_span: Span | None = None
    cells: list[Cell] = field(default_factory=list)
    label_match: str | None = None  # how the label was recognised: "exact" | "variant" | "fuzzy"
    extra: int = 0  # numbers written after the row's last column (ignored; see Table.notes)

    def values(self) -> list:
        """The cell values in column order (None for blank or missing cells)."""
        return [c.value for c in self.cells]

    def value(self, column: str):
        for c in self.cells:
            if c.column == column:
                return c.value
        return None

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None


@dataclass(eq=False)
class Table:
    """Table 二, 三 or 四 as recovered from the report, in the layout it follows."""

    key: str  # "table2" | "table3" | "table4"
    layout: str  # "2021" | "2019" | "unknown"
    rows: list[Row]
    span: Span
    grid: int | None = None  # index of the real grid it came from, if any
    columns: list[str] = field(default_factory=list)  # official column keys in order
    notes: list[str] = field(default_factory=list)  # parse notes (e.g. "header row cut")
    # How sure the layout is: "labels" (told from row/column labels) or "year" (the table
    # fits both layouts equally, the report year decided). Table 四 is the same in both
    # formats; its layout is "unknown".
    layout_basis: str | None = None
    status: str = "read"  # one of TABLE_STATUSES
    # Why the table is partly read or unreadable: a key of rules/tables.yaml's
    # ``read_reasons`` (the message shown by RL306), with its parameters.
    status_reason: str | None = None
    status_params: dict = field(default_factory=dict)
    # The text ends inside the table (an excerpt or a crawl cut short): the index in
    # ``rows`` of the last row the text reaches. The rows after it, and the cells that
    # row lacks, are not in the text at all — not left out by the report — so no rule
    # reports them as missing. None when the table is complete in the text.
    cut_after: int | None = None

    def cut(self, index: int) -> bool:
        """Row ``index`` lies where the text was cut (the last row reached, or after it)."""
        return self.cut_after is not None and index >= self.cut_after

    @property
    def readable(self) -> bool:
        return self.status != "unreadable"

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def cells(self) -> Iterator[tuple[Row, Cell]]:
        for r in self.rows:
            for c in r.cells:
                yield r, c


@dataclass(eq=False)
class Document:
    """The report as rules see it: the extracted text, its normalised view, meta, sections and tables."""

    extracted: Extracted
    view: View
    meta: Meta = field(default_factory=Meta)
    format: str = "unknown"  # one of FORMATS
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table | None] = field(default_factory=lambda: {"table2": None, "table3": None, "table4": None})
    # Report facts from the configuration (`report:`): kind, year, format, script.
    facts: dict = field(default_factory=dict)
    # Last year's report of the same agency (``--previous`` or found next to this one),
    # attached by the engine when a cross-year rule runs; None when there is none.
    previous: Document | None = None
    # What analyses derived from this document, shared by the rules that need it (see memo).
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per document: the one place rules and analyses keep
        what they derive from a document (sentences, statements, years …) so that every
        rule needing it shares one computation. ``key`` names the analysis
        (``"narrative.sentences"``)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    @property
    def path(self) -> str:
        return self.extracted.path

    @property
    def text(self) -> str:
        return self.extracted.text

    def locate(self, span: Span | None, cell: CellRef | None = None) -> Location:
        """Location of a text span; document-level findings fall back to the title line."""
        if span is None:
            span = self.meta.title_span or self.first_line_span()
        loc = self.extracted.origins.locate(span[0], span[1])
        if cell is not None:
            if loc.cell is not None and loc.cell.grid is not None and cell.grid is None:
                # The rule names the report cell (table 三, row, column); the reader knows
                # where it sits in the real table of the file: keep both.
                cell = CellRef(
                    cell.table, cell.row, cell.column, loc.cell.grid, loc.cell.grid_row, loc.cell.grid_column
                )
            loc = Location(loc.line, loc.column, loc.end_line, loc.end_column, loc.page, loc.paragraph, cell)
        return loc

    def view_span_to_text(self, start: int, end: int) -> Span:
        return self.view.to_source(start, end)

    def first_line_span(self) -> Span:
        text = self.text
        i = 0
        while i < len(text) and text[i].isspace():
            i += 1
        j = text.find("\n", i)
        return (i, j if j != -1 else len(text))

    def readable_table(self, key: str) -> Table | None:
        """Table ``key`` when its numbers can be checked; None when it is not in the
        report or is there but unreadable (RL306 reports that once; no other rule may
        turn a misreading into findings)."""
        table = self.tables.get(key)
        return table if table is not None and table.readable else None

    def section(self, key: str) -> Section | None:
        for s in self.sections:
            if s.key == key:
                return s
        return None
