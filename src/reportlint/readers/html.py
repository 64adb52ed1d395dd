"""HTML: the visible text of a web page, with real tables as grids.

Parsed with the standard library's :class:`html.parser.HTMLParser` (no new
dependency). What the reader produces:

* Only visible text: ``<script>``, ``<style>``, ``<head>``, ``<nav>``, ``<template>``,
  ``<noscript>``, ``<select>``…, elements with ``hidden`` or an inline
  ``display:none``/``visibility:hidden`` style, and comments are dropped.
* Block elements (p, div, br, li, h1–h6, tr, table…) end a line; whitespace is
  collapsed as a browser does (``<pre>`` keeps it). Lines are never empty.
* A data ``<table>`` becomes a :class:`Grid` (rowspan/colspan resolved) and is
  rendered as one line per row, cells joined by ``" | "``; a position covered by a
  merged cell is an empty string in that line and a ``GridCell(merged=True)``
  carrying the covering cell's span. ``&nbsp;``-only cells are blank.
* Layout tables (a table containing another table, a single-column table, or one
  whose cells hold long multi-paragraph text) are not grids: their cells are read
  as ordinary blocks, so a page wrapped in a layout table keeps its lines and the
  report tables nested inside it are still found.
* Every run of extracted text has a :class:`Segment` with the line and column in
  the HTML source where it starts (table cells also carry a ``CellRef``).

Guards: nesting deeper than :data:`MAX_DEPTH` elements, tables nested deeper than
:data:`MAX_TABLE_NESTING`, and parsing that exceeds a time budget proportional to
the input (the stdlib parser is quadratic on some malformed markup) end in an
:class:`~reportlint.core.errors.InputError`. Grids larger than :data:`MAX_GRID_CELLS`
are read as layout tables.
"""

from __future__ import annotations

import html as _html
import html.parser as _hp
import re
import time
from dataclasses import field

from reportlint.core import pattern_store
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted, Grid, GridCell, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.readers._builder import NO_ATTRS, TextBuilder, grid_cell_ref
from reportlint.readers._encoding import decode_bytes, detect_newline, normalise_newlines

MAX_DEPTH = 512  # open elements
MAX_TABLE_NESTING = 32
MAX_GRID_CELLS = 50_000  # rows × columns of one grid
MAX_CELL_LINES = 8  # a cell with more text blocks than this makes its table a layout table
TIME_BASE = 5.0  # seconds
TIME_PER_MB = 2.0  # seconds per MiB of source

VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "isindex",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
SKIP = frozenset(
    [
        "script",
        "style",
        "head",
        "title",
        "nav",
        "template",
        "noscript",
        "svg",
        "math",
        "iframe",
        "object",
        "applet",
        "select",
        "datalist",
        "canvas",
        "audio",
        "video",
    ]
)
HEAD_CONTENT = frozenset(["title", "meta", "link", "style", "script", "base", "noscript", "template"])
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "plaintext",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "xmp",
        "option",
        "optgroup",
        "textarea",
    ]
)
CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "listing",
        "section",
        "summary",
        "table",
        "ul",
        "li",
        "dd",
        "dt",
        "xmp",
        "plaintext",
    ]
)
P_SCOPE = frozenset(["table", "td", "th", "caption", "button", "html", "template"])
PRE = frozenset(["pre", "listing", "xmp", "plaintext", "textarea"])
TABLE_SECTIONS = frozenset(["thead", "tbody", "tfoot", "colgroup", "caption"])

LINE_STRIP = " \t\n\r\f\xa0"  # line edges: collapsible whitespace and &nbsp;

# Items of an inline flow (tuples, to keep memory low on big pages):
#   ("w", text, line, col)  raw text; only single spaces inside; maps 1:1 to the source
#   ("k", text, line, col)  preformatted text (no collapsing)
#   ("r", text, line, col)  the expansion of a character reference
#   ("t", table)            a table inside a cell
SPACE = ("s",)
BREAK = ("b",)
NEWLINE = ("n",)

_COLLAPSE = pattern_store.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
# bytes patterns: re compiles them (the pattern store keeps str patterns only)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([-\w.:]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([-\w.:]+)", re.I)
_DISPLAY_NONE = pattern_store.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)

# The stdlib parser (with convert_charrefs=False, needed for exact columns) treats
# everything after an incomplete reference such as "&#x;" or "&abc" as plain text,
# and raises on unknown "<![keyword" sections. Both are neutralised before parsing
# by same-length substitutions, so every source position stays valid.
_CHARREF = getattr(_hp, "charref", pattern_store.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]"))
_ENTITYREF = getattr(_hp, "entityref", pattern_store.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]"))
_AMP_CANDIDATE = pattern_store.compile(r"&(?=[a-zA-Z#])")
_BAD_MARKED = pattern_store.compile(
    r"<!\[(?!(?:cdata|temp|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.I
)
_AMP_STANDIN = "\ufdd0"  # a noncharacter: never in real text


def _sanitise(source: str) -> str:
    def amp(m: re.Match) -> str:
        s, i = m.string, m.start()
        if _CHARREF.match(s, i) or _ENTITYREF.match(s, i):
            return "&"
        return _AMP_STANDIN

    if "&" in source:
        source = _AMP_CANDIDATE.sub(amp, source)
    if "<![" in source:
        source = _BAD_MARKED.sub("<!x", source)
    return source


class _Timeout(Exception):
    pass


@dataclass(eq=False)
class _Cell:
    """A table cell of an HTML page while it is parsed."""

    pos: tuple[int, int]
    colspan: int
    rowspan: int  # 0 = to the end of the table
    items: list = field(default_factory=list)
    # Set by placement:
    row: int = 0
    col: int = 0
    rs: int = 1
    gc: GridCell | None = None


@dataclass(eq=False)
class _Row:
    """A table row of an HTML page while it is parsed."""

    pos: tuple[int, int]
    cells: list[_Cell] = field(default_factory=list)


@dataclass(eq=False)
class _Table:
    """A table of an HTML page while it is parsed."""

    pos: tuple[int, int]
    rows: list[_Row] = field(default_factory=list)
    caption: list = field(default_factory=list)
    stray: list = field(default_factory=list)  # content outside cells (browsers show it before the table)
    cell: _Cell | None = None
    in_caption: int = 0

    def new_row(self, pos: tuple[int, int]) -> None:
        self.rows.append(_Row(pos))
        self.cell = None

    def new_cell(self, pos: tuple[int, int], attrs: dict) -> _Cell:
        if not self.rows:
            self.rows.append(_Row(pos))
        cell = _Cell(pos, _span(attrs.get("colspan"), 1, 1000, 1), _span(attrs.get("rowspan"), 0, 65534, 1))
        self.rows[-1].cells.append(cell)
        self.cell = cell
        return cell


def _span(value: str | None, low: int, high: int, default: int) -> int:
    if value is None:
        return default
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return default
    n = int(m.group(1)[:6])
    if n < low:
        return default
    return min(n, high)


def _raw_items(text: str, line: int, col: int, out: list, pre: bool) -> None:
    """Split raw source text (starting at ``line``/``col``) into flow items."""
    if _AMP_STANDIN in text:
        text = text.replace(_AMP_STANDIN, "&")
    if pre:
        for i, piece in enumerate(text.split("\n")):
            if i:
                out.append(NEWLINE)
                line += 1
                col = 1
            if piece:
                out.append(("k", piece, line, col))
                col += len(piece)
        return
    pos = 0
    for m in _COLLAPSE.finditer(text):
        s, e = m.span()
        if s > pos:
            out.append(("w", text[pos:s], line, col))
        if not out or out[-1] is not SPACE:
            out.append(SPACE)
        nl = text.count("\n", pos, e)
        if nl:
            line += nl
            col = e - text.rfind("\n", pos, e)
        else:
            col += e - pos
        pos = e
    if pos < len(text):
        out.append(("w", text[pos:], line, col))


def _inline_pieces(items, strip_chars: str | None, breaks_as_space: bool) -> list[list]:
    """Collapse a flow (without breaks, or with breaks read as spaces) into
    ``[text, src]`` pieces; ``src`` is None for generated spaces."""
    out: list[list] = []
    pending = False
    for it in items:
        k = it[0]
        if k == "s" or (breaks_as_space and k in ("b", "n")):
            pending = True
        elif k == "w":
            text, line, col = it[1], it[2], it[3]
            if text.startswith(" "):
                pending = True
                text = text[1:]
                col += 1
            trailing = text.endswith(" ")
            if trailing:
                text = text[:-1]
            if text:
                if pending and out:
                    out.append([" ", None])
                pending = False
                out.append([text, (line, col)])
            if trailing:
                pending = True
        elif k in ("k", "r"):
            if pending and out:
                out.append([" ", None])
            pending = False
            out.append([it[1], (it[2], it[3])])
    # Strip the edges.
    while out:
        text, src = out[0]
        stripped = text.lstrip(strip_chars)
        if not stripped:
            out.pop(0)
            continue
        if len(stripped) != len(text):
            out[0] = [stripped, (src[0], src[1] + len(text) - len(stripped)) if src else None]
        break
    while out:
        text = out[-1][0]
        stripped = text.rstrip(strip_chars)
        if not stripped:
            out.pop()
            continue
        out[-1][0] = stripped
        break
    return out


class _Extractor(_hp.HTMLParser):
    def __init__(self, path: str, budget: float):
        super().__init__(convert_charrefs=False)
        self.path = path
        self.deadline = time.monotonic() + budget
        self.stack: list[list] = []  # [tag, effect, payload]
        self.skip = 0
        self.pre = 0
        self.tables: list[_Table] = []
        self.line_items: list = []
        self.builder = TextBuilder(own_positions=False)
        self.grids: list[Grid] = []
        self.notes: list[ReaderNote] = []

    # -- guards --------------------------------------------------------------------
    def _tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Timeout

    def _pos(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    # -- flow ------------------------------------------------------------------------
    def _sink(self) -> list:
        if self.tables:
            t = self.tables[-1]
            if t.in_caption:
                return t.caption
            if t.cell is not None:
                return t.cell.items
            return t.stray
        return self.line_items

    def _break(self) -> None:
        if self.tables:
            sink = self._sink()
            if sink and sink[-1] is not BREAK:
                sink.append(BREAK)
        else:
            self._flush_line()

    def _flush_line(self) -> None:
        if self.line_items:
            items, self.line_items = self.line_items, []
            self._emit_line(items)

    def _emit_line(self, items: list) -> None:
        pieces = _inline_pieces(items, LINE_STRIP, False)
        if not pieces:
            return
        b = self.builder
        b.ensure_line()
        for text, src in pieces:
            if src is None:
                b.fill(text)
            else:
                b.add(text, src, NO_ATTRS)

    def _render_flow(self, items: list, depth: int) -> None:
        cur: list = []
        for it in items:
            k = it[0]
            if k in ("b", "n"):
                self._emit_line(cur)
                cur = []
            elif k == "t":
                self._emit_line(cur)
                cur = []
                self._render_table(it[1], depth + 1)
            else:
                cur.append(it)
        self._emit_line(cur)

    # -- tables ----------------------------------------------------------------------
    def _render_table(self, tbl: _Table, depth: int) -> None:
        if depth > MAX_TABLE_NESTING:
            raise InputError(
                T(
                    "HTML 表格嵌套过深（超过 {n} 层）",
                    "HTML tables are nested too deeply (more than {n} levels)",
                ).format(n=MAX_TABLE_NESTING),
                self.path,
            )
        self._render_flow(tbl.caption, depth)
        self._render_flow(tbl.stray, depth)
        placed = None if self._is_layout(tbl) else self._place(tbl)
        if placed is None:
            for row in tbl.rows:
                for cell in row.cells:
                    self._render_flow(cell.items, depth)
            return
        self._render_grid(tbl, *placed)

    @staticmethod
    def _is_layout(tbl: _Table) -> bool:
        for row in tbl.rows:
            for cell in row.cells:
                lines = 0
                has = False
                for it in cell.items:
                    k = it[0]
                    if k == "t":
                        return True
                    if k in ("b", "n"):
                        if has:
                            lines += 1
                        has = False
                    elif k != "s":
                        has = True
                if lines + has > MAX_CELL_LINES:
                    return True
        return False

    def _place(self, tbl: _Table):
        """Resolve row/colspans; None when this is not a usable grid."""
        rows = tbl.rows
        n = len(rows)
        area = 0
        for r, row in enumerate(rows):
            for cell in row.cells:
                rs = n - r if cell.rowspan == 0 else min(cell.rowspan, n - r)
                area += cell.colspan * rs
        if area > MAX_GRID_CELLS:
            self.notes.append(ReaderNote("table-too-large", self.builder.length, self.builder.length, f"{area} cells"))
            return None
        occ: list[dict[int, _Cell]] = [{} for _ in range(n)]
        for r, row in enumerate(rows):
            o = occ[r]
            c = 0
            for cell in row.cells:
                while c in o:
                    c += 1
                rs = n - r if cell.rowspan == 0 else min(cell.rowspan, n - r)
                cell.row, cell.col, cell.rs = r, c, rs
                for rr in range(r, r + rs):
                    orr = occ[rr]
                    for cc in range(c, c + cell.colspan):
                        orr.setdefault(cc, cell)
                c += cell.colspan
        keep = [r for r in range(n) if occ[r]]
        width = max((max(o) + 1 for o in occ if o), default=0)
        if not keep or width < 2:
            return None
        if len(keep) * width > MAX_GRID_CELLS:
            self.notes.append(
                ReaderNote("table-too-large", self.builder.length, self.builder.length, f"{len(keep)}x{width}")
            )
            return None
        return occ, keep, width

    def _render_grid(self, tbl: _Table, occ, keep, width) -> None:
        b = self.builder
        index = len(self.grids) + 1
        b.ensure_line()
        grid_start = b.length
        grid_rows: list[list[GridCell]] = []
        for r, old in enumerate(keep):
            if r:
                b.newline()
            o = occ[old]
            pos = tbl.rows[old].pos
            out: list[GridCell] = []
            for c in range(width):
                if c:
                    b.fill(" | ")
                attrs = (None, None, grid_cell_ref(index, r, c))
                cell = o.get(c)
                if cell is None:  # no cell here (ragged row)
                    b.mark(pos, attrs)
                    out.append(GridCell(r, c, "", b.length, b.length))
                elif cell.row == old and cell.col == c:
                    b.mark(cell.pos, attrs)
                    start = b.length
                    pieces = _inline_pieces(cell.items, None, True)
                    for text, src in pieces:
                        if src is None:
                            b.fill(text)
                        else:
                            b.add(text, src, attrs)
                    cell.gc = GridCell(
                        r, c, "".join(p[0] for p in pieces), start, b.length, rowspan=cell.rs, colspan=cell.colspan
                    )
                    out.append(cell.gc)
                else:  # covered by a merged cell: empty in the line
                    b.mark(pos, attrs)
                    gc = cell.gc
                    out.append(
                        GridCell(r, c, gc.text, gc.start, gc.end, rowspan=gc.rowspan, colspan=gc.colspan, merged=True)
                    )
            grid_rows.append(out)
        self.grids.append(Grid(index=index, rows=grid_rows, start=grid_start, end=b.length))

    # -- element stack -----------------------------------------------------------------
    def _find(self, targets, boundary) -> int:
        stack = self.stack
        for i in range(len(stack) - 1, -1, -1):
            tag = stack[i][0]
            if tag in targets:
                return i
            if tag in boundary:
                return -1
        return -1

    def _pop_to(self, i: int) -> None:
        while len(self.stack) > i:
            self._pop()

    def _pop(self) -> None:
        _, effect, payload = self.stack.pop()
        if effect is None:
            return
        if effect == "skip":
            self.skip -= 1
        elif effect == "table":
            if self.tables and self.tables[-1] is payload:
                self.tables.pop()
            if self.tables:
                self._break()  # text after a nested table starts a new block of its cell
            else:
                self._flush_line()
                self._render_table(payload, 1)
        elif effect == "row":
            payload.cell = None
        elif effect == "cell":
            if payload.cell is not None:
                payload.cell = None
        elif effect == "caption":
            self._break()
            payload.in_caption -= 1
        elif effect == "pre":
            self.pre -= 1
            self._break()
        elif effect == "block":
            self._break()

    def _implicit_close(self, tag: str) -> None:
        if tag in CLOSES_P:
            i = self._find(("p",), P_SCOPE)
            if i >= 0:
                self._pop_to(i)
        if tag == "li":
            i = self._find(("li",), ("ul", "ol", "table", "td", "th"))
            if i >= 0:
                self._pop_to(i)
        elif tag in ("dt", "dd"):
            i = self._find(("dt", "dd"), ("dl", "table", "td", "th"))
            if i >= 0:
                self._pop_to(i)
        elif tag in ("td", "th"):
            i = self._find(("tr", "table"), ())
            if i >= 0:
                self._pop_to(i + 1)
        elif tag == "tr" or tag in TABLE_SECTIONS:
            i = self._find(("table",), ())
            if i >= 0:
                self._pop_to(i + 1)
        elif tag == "option":
            i = self._find(("option",), ("select",))
            if i >= 0:
                self._pop_to(i)
        if tag not in HEAD_CONTENT and self.stack:
            i = self._find(("head",), ())
            if i >= 0:
                self._pop_to(i)

    # -- parser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        self._tick()
        self._implicit_close(tag)
        if tag in VOID:
            if not self.skip and tag in ("br", "hr"):
                if self.pre and tag == "br" and self.tables:
                    self._sink().append(NEWLINE)
                else:
                    self._break()
            return
        if len(self.stack) >= MAX_DEPTH:
            raise InputError(
                T(
                    "HTML 元素嵌套过深（超过 {n} 层），无法处理",
                    "HTML elements are nested too deeply (more than {n} levels)",
                ).format(n=MAX_DEPTH),
                self.path,
            )
        a = {k: (v if v is not None else "") for k, v in attrs} if attrs else {}
        effect = payload = None
        if self.skip:
            pass
        elif tag in SKIP or "hidden" in a or ("style" in a and _DISPLAY_NONE.search(a["style"])):
            effect = "skip"
            self.skip += 1
        elif tag == "table":
            pos = self._pos()
            tbl = _Table(pos)
            if self.tables:
                self._sink().append(("t", tbl))
            else:
                self._flush_line()
            self.tables.append(tbl)
            effect, payload = "table", tbl
        elif tag == "tr" and self.tables:
            self.tables[-1].new_row(self._pos())
            effect, payload = "row", self.tables[-1]
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].new_cell(self._pos(), a)
            effect, payload = "cell", self.tables[-1]
        elif tag == "caption" and self.tables:
            self.tables[-1].in_caption += 1
            effect, payload = "caption", self.tables[-1]
        elif tag in PRE:
            self._break()
            self.pre += 1
            effect = "pre"
        elif tag in BLOCK:
            self._break()
            effect = "block"
        self.stack.append([tag, effect, payload])

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._tick()
        if tag in ("td", "th", "tr") or tag in TABLE_SECTIONS:
            i = self._find((tag,), ("table",))
        elif tag == "table":
            i = self._find(("table",), ())
        else:
            i = self._find((tag,), ("table", "td", "th", "caption"))
        if i >= 0:
            self._pop_to(i)
        elif tag in ("br", "p") and not self.skip:  # "</br>" and a stray "</p>" act as breaks
            self._break()

    def handle_data(self, data: str) -> None:
        self._tick()
        if self.skip or not data:
            return
        line, col = self._pos()
        sink = self._sink()
        if self.pre:
            if self.tables:
                _raw_items(data, line, col, sink, True)
            else:
                items: list = []
                _raw_items(data, line, col, items, True)
                for it in items:
                    if it is NEWLINE:
                        self._flush_line()
                    else:
                        self.line_items.append(it)
        else:
            _raw_items(data, line, col, sink, False)

    def _ref(self, text: str) -> None:
        if self.skip or not text:
            return
        line, col = self._pos()
        if not self.pre and text in (" ", "\t", "\n", "\r", "\f"):
            self._sink().append(SPACE)
        else:
            self._sink().append(("r", text, line, col))

    def handle_entityref(self, name: str) -> None:
        self._tick()
        text = _html.unescape(f"&{name};")
        if text == f"&{name};":  # unknown entity: shown as written
            text = f"&{name}"
        self._ref(text)

    def handle_charref(self, name: str) -> None:
        self._tick()
        self._ref(_html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self._tick()

    def finish(self) -> None:
        self._pop_to(0)
        while self.tables:  # only if the stack lost track of a table (cannot happen, but be safe)
            tbl = self.tables.pop()
            if not self.tables:
                self._render_table(tbl, 1)
        self._flush_line()


def sniff_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def read(path: str, data: bytes, kind: str = "html") -> Extracted:
    decoded = decode_bytes(path, data, declared=sniff_charset(data))
    source = decoded.text
    if source.startswith("\ufeff"):
        source = source[1:]
    newline = detect_newline(source)
    source = normalise_newlines(source)
    budget = TIME_BASE + TIME_PER_MB * len(data) / (1024 * 1024)
    parser = _Extractor(path, budget)
    try:
        parser.feed(_sanitise(source))
        parser.close()
        parser.finish()
    except _Timeout:
        raise InputError(
            T(
                "HTML 结构严重错乱，{s:.0f} 秒内无法解析",
                "the HTML is too malformed to parse within {s:.0f} seconds",
            ).format(s=budget),
            path,
        ) from None
    except (AssertionError, ValueError) as exc:  # the stdlib parser's own complaints
        raise InputError(T("无法解析 HTML：{e}", "cannot parse the HTML: {e}").format(e=exc), path) from None
    except RecursionError:
        raise InputError(T("HTML 结构嵌套过深，无法处理", "the HTML is nested too deeply"), path) from None
    text = parser.builder.text
    notes = parser.notes
    if decoded.errors:
        first = max(text.find("\ufffd"), 0)
        notes.append(ReaderNote("decode-errors", first, first + 1, f"{decoded.errors} undecodable byte sequence(s)"))
    return Extracted(
        path=path,
        kind=kind,
        text=text,
        origins=OriginMap(text, parser.builder.segments),
        grids=parser.grids,
        encoding=decoded.encoding,
        newline=newline,
        bom=decoded.bom,
        notes=notes,
        source=source,
    )
