"""PDF: the text layer, page by page, with pypdf; ruled tables from the page geometry.

* Text per page with ``page.extract_text()`` (pypdf, imported only here).
* Pages whose text looks like a table are read again from their geometry
  (:mod:`reportlint.readers._pdf_grid`, pdfplumber): ruled tables become real
  :class:`Grid` objects rendered one row per line with `` | `` between cells, exactly as
  the .docx/.html readers do; a number or word wrapped inside a cell is one cell
  text; the rest of such a page is read line by line from the characters'
  positions. A page without a real grid keeps the text-layer reading.
* Running headers/footers (the same edge line on most pages) and bare page numbers
  that run with the page index are not emitted.
* Page-number lines (``- 3 -``, ``— 3 —``, ``第 3 页``, ``第3页 共6页``, ``3/6``) among
  the first and last lines of a page are not emitted.
* One :class:`Segment` per line: the line/column of the extracted text itself and
  ``page=`` (1-based).
* Where each line and grid cell stands on its page (:attr:`Extracted.page_points`,
  PDF user space): from the text layer's drawing positions (pypdf's text visitor) or
  the characters' boxes on grid pages; ``--annotate`` puts its notes there.
* A PDF without a text layer (a scan: no or almost no text on every page) gives
  an :class:`Extracted` with (nearly) empty text and a ``no-text-layer`` note; a
  page without text in an otherwise readable PDF gives a ``page-without-text`` note.
* A password-protected or corrupt PDF is an :class:`~reportlint.core.errors.InputError`.
  (A PDF encrypted only with an owner password — printing/copying restrictions —
  opens with the empty user password, as in any viewer, and is read.)
"""

from __future__ import annotations

import bisect
import io
import logging
import math
import re
import warnings
from contextlib import contextmanager

from reportlint.core import pattern_store
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.document.extracted import Extracted, Grid, GridCell, PagePoint, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.readers._builder import TextBuilder, grid_cell_ref
from reportlint.readers._pdf_grid import PageCell, PageGrid, PageLine, geometry, looks_tabular

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 16  # below this on average, the PDF has no real text layer
MAX_GEOMETRY_BYTES = 64 * 1024 * 1024  # larger files keep the text-layer reading only
EDGE_LINES = 3  # page numbers are looked for among this many lines at each end of a page

_DASH = r"[-—–－~～_·•]"
PAGE_NUMBER = pattern_store.compile(
    r"^\s*(?:"
    rf"{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"  # - 3 -   — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 (共 6 页)
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"  # 共 6 页 第 3 页
    r"|(?:page\s*)?\d{1,4}\s*/\s*\d{1,4}"  # 3/6, Page 3 / 6
    r"|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r")\s*$",
    re.I,
)
_CONTROL = pattern_store.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@contextmanager
def quiet_pdf_libraries():
    """pypdf reports recoverable damage through logging and warnings; keep it quiet."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def damaged_pdf(path: str, exc: BaseException) -> InputError:
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return InputError(
        T("PDF 文件已损坏，无法读取（{d}）", "the PDF is damaged and cannot be read ({d})").format(d=detail), path
    )


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line))


def page_lines(raw: str) -> list[str]:
    """Lines of one page's extracted text, page-number lines removed."""
    return [line for _, line in _numbered_page_lines(raw)]


def _numbered_page_lines(raw: str) -> list[tuple[int, str]]:
    """:func:`page_lines` with each line's 0-based index among the lines of ``raw``."""
    text = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [(i, line.rstrip()) for i, line in enumerate(text.split("\n"))]
    while lines and not lines[0][1].strip():
        lines.pop(0)
    while lines and not lines[-1][1].strip():
        lines.pop()
    content = [k for k, (_, line) in enumerate(lines) if line.strip()]
    edges = set(content[:EDGE_LINES]) | set(content[-EDGE_LINES:])
    drop = {k for k in edges if is_page_number(lines[k][1])}
    if drop:
        lines = [item for k, item in enumerate(lines) if k not in drop]
        while lines and not lines[0][1].strip():
            lines.pop(0)
        while lines and not lines[-1][1].strip():
            lines.pop()
    return lines


_LINE_BREAK = pattern_store.compile(r"\r\n|\r|\n")


def _descent(font) -> float:
    """The font's descent as a share of its size (``/Descent`` of its descriptor, or
    of its descendant font's; 0 when it has none), never below the baseline's -1."""
    try:
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        value = descriptor.get_object().get("/Descent") if descriptor is not None else None
        return max(-1.0, min(0.0, float(value) / 1000)) if value is not None else 0.0
    except Exception:  # a damaged font dictionary only costs the position's precision
        return 0.0


def _page_text(page) -> tuple[str, dict[int, tuple[float, float]]]:
    """The page's text layer and where each of its lines starts on the page: raw line
    index → (x, top) in PDF user space, for the lines whose drawing position pypdf
    reports (its text visitor sees every piece of text it puts in the result)."""
    pieces: list[str] = []
    starts: list[tuple[int, float, float]] = []  # (offset in the text, x, top)
    length = 0
    descents: dict[int, float] = {}

    def visit(text, cm, tm, font, size) -> None:
        nonlocal length
        if text and text.strip():
            lead = len(text) - len(text.lstrip())
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            if id(font) not in descents:
                descents[id(font)] = _descent(font)
            # the top of the text as pdfminer (the grid pages) puts it: baseline + descent + size
            starts.append((length + lead, x, y + (1 + descents[id(font)]) * (size or 0) * scale))
        pieces.append(text or "")
        length += len(text or "")

    raw = page.extract_text(visitor_text=visit) or ""
    if "".join(pieces) != raw:
        return raw, {}  # the pieces are not the text: positions unknown on this page
    breaks = [m.end() for m in _LINE_BREAK.finditer(raw)]
    at: dict[int, tuple[float, float]] = {}
    for offset, x, top in starts:
        at.setdefault(bisect.bisect_right(breaks, offset), (x, top))
    return raw, at


def _open(path: str, data: bytes):
    reader, count = open_reader(path, data)
    return reader.pages, count


def open_reader(path: str, data: bytes):
    """A pypdf reader of ``data`` and its page count, decrypted with the empty user
    password when it is encrypted; a damaged, password-protected or too long PDF is an
    :class:`InputError` (call it inside :func:`quiet_pdf_libraries`)."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise damaged_pdf(path, exc) from None
    try:
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise InputError(
                    T(
                        "PDF 已加密（AES），需要安装 cryptography 包才能读取",
                        "the PDF is encrypted with AES; install the 'cryptography' package to read it",
                    ),
                    path,
                ) from None
            if not opened:
                raise InputError(
                    T(
                        "PDF 设有打开密码，无法读取；请提供未加密的版本",
                        "the PDF is password-protected; provide an unencrypted copy",
                    ),
                    path,
                )
        count = len(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(
            T(
                "PDF 设有打开密码，无法读取；请提供未加密的版本",
                "the PDF is password-protected; provide an unencrypted copy",
            ),
            path,
        ) from None
    except Exception as exc:
        raise damaged_pdf(path, exc) from None
    if count > MAX_PAGES:
        raise InputError(
            T("PDF 页数过多（{n} 页，上限 {limit} 页）", "the PDF has too many pages ({n}, limit {limit})").format(
                n=count, limit=MAX_PAGES
            ),
            path,
        )
    return reader, count


def _drop_page_numbers(blocks: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Page-number text blocks among the first and last lines of a page are not text."""
    content = [i for i, (kind, obj) in enumerate(blocks) if kind != "text" or str(obj).strip()]
    edges = set(content[:EDGE_LINES]) | set(content[-EDGE_LINES:])
    drop = {i for i in edges if blocks[i][0] == "text" and is_page_number(str(blocks[i][1]))}
    return [b for i, b in enumerate(blocks) if i not in drop] if drop else blocks


_FURNITURE_KEY = pattern_store.compile(r"\s+")
_DIGITS = pattern_store.compile(r"[0-9０-９]+")


def _furniture_key(text: str) -> str | None:
    """The text of a possible running header/footer with numbers wildcarded, or None
    when the line has too little text to be told apart from a table row."""
    key = _DIGITS.sub("#", _FURNITURE_KEY.sub("", text))
    letters = sum(1 for ch in key if ch.isalpha())
    return key if letters >= 4 else None


def _drop_running_furniture(pages: list[list[tuple[str, object]]]) -> list[list[tuple[str, object]]]:
    """Running headers/footers: the same edge line (numbers aside) on most pages.

    A line that is the first or last text block of at least three pages and of at
    least half of the pages with text is page furniture, and is removed from every
    page where it stands at that edge — except the top of page 1, where such a line
    may be the title itself (the document model decides that)."""
    with_text = [i for i, blocks in enumerate(pages) if blocks]
    if len(with_text) < 3:
        return pages
    need = max(3, (len(with_text) + 1) // 2)
    found: dict[tuple[str, str], set[int]] = {}
    for i in with_text:
        blocks = pages[i]
        for where, block in (("top", blocks[0]), ("bottom", blocks[-1])):
            if block[0] != "text":
                continue
            key = _furniture_key(str(block[1]))
            if key:
                found.setdefault((where, key), set()).add(i)
    running = {k for k, v in found.items() if len(v) >= need}
    if not running:
        return pages
    out = []
    for i, blocks in enumerate(pages):
        blocks = list(blocks)
        if blocks and blocks[-1][0] == "text" and ("bottom", _furniture_key(str(blocks[-1][1]))) in running:
            blocks.pop()
        if i > 0 and blocks and blocks[0][0] == "text" and ("top", _furniture_key(str(blocks[0][1]))) in running:
            blocks.pop(0)
        out.append(blocks)
    return out


def _bare_page_numbers(pages: list[list[tuple[str, object]]]) -> list[list[tuple[str, object]]]:
    """A bare number as the last (or first) line of a page is a page number when, on
    at least three pages, it runs with the page index (``n + k`` for one ``k``)."""
    for edge in (-1, 0):
        offsets: dict[int, list[int]] = {}
        for i, blocks in enumerate(pages):
            if blocks and blocks[edge][0] == "text":
                t = str(blocks[edge][1]).strip()
                if t.isdigit() and len(t) <= 4:
                    offsets.setdefault(int(t) - i, []).append(i)
        hits = max(offsets.values(), key=len, default=[])
        if len(hits) >= 3:
            pages = [b[:-1] if i in hits and edge == -1 else b[1:] if i in hits else b for i, b in enumerate(pages)]
    return pages


def _render_grid(b: TextBuilder, grids: list[Grid], page: int, g, points: list[PagePoint] | None = None) -> None:
    """Render a page grid one row per line; with ``points``, record where each cell
    stands on the page."""
    index = len(grids) + 1
    owner: dict[tuple[int, int], PageCell] = {}
    for cell in g.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner.setdefault((r, c), cell)
    made: dict[int, GridCell] = {}
    rows: list[list[GridCell]] = []
    start = None
    for r in range(g.rows):
        if b.length or not b.at_line_start:
            b.newline()
        if start is None:
            start = b.length
        out: list[GridCell] = []
        for c in range(g.width):
            if c:
                b.fill(" | ")
            attrs = (page, None, grid_cell_ref(index, r, c))
            b.mark(attrs=attrs)
            cell = owner.get((r, c))
            if cell is None:
                out.append(GridCell(r, c, "", b.length, b.length))
            elif (cell.row, cell.col) == (r, c):
                s = b.length
                if points is not None and cell.at is not None:
                    points.append(PagePoint(s, page, *cell.at))
                b.add(cell.text, attrs=attrs)
                gc = GridCell(r, c, cell.text, s, b.length, rowspan=cell.rowspan, colspan=cell.colspan)
                made[id(cell)] = gc
                out.append(gc)
            else:
                top_left = made.get(id(cell))
                if top_left is None:  # covered before its owner was placed (cannot happen in a grid)
                    out.append(GridCell(r, c, "", b.length, b.length))
                else:
                    t = top_left
                    out.append(
                        GridCell(r, c, t.text, t.start, t.end, rowspan=t.rowspan, colspan=t.colspan, merged=True)
                    )
        rows.append(out)
    grids.append(Grid(index=index, rows=rows, start=start or 0, end=b.length))


def read_text_layer(path: str, data: bytes, kind: str = "pdf") -> Extracted:
    """The text layer alone (pypdf), without the geometry pass: what a plain PDF text
    extractor gives, rows as text lines. Tests use it as realistic extractor output."""
    return read(path, data, kind, geometry_pass=False)


def read(path: str, data: bytes, kind: str = "pdf", geometry_pass: bool = True) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise InputError(T("不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)"), path)
    notes: list[ReaderNote] = []
    per_page: list[list[str]] = []
    per_page_at: list[list[tuple[float, float] | None]] = []
    with quiet_pdf_libraries():
        pages, count = _open(path, data)
        for number in range(1, count + 1):
            try:
                raw, at = _page_text(pages[number - 1])
            except Exception as exc:  # one bad page must not hide the others
                notes.append(ReaderNote("page-unreadable", detail=f"page {number}: {type(exc).__name__}: {exc}"[:200]))
                raw, at = "", {}
            numbered = _numbered_page_lines(raw)
            per_page.append([line for _, line in numbered])
            per_page_at.append([at.get(i) for i, _ in numbered])
        # Pages whose text looks like a table are read again from their geometry.
        candidates = []
        if geometry_pass and len(data) <= MAX_GEOMETRY_BYTES:
            candidates = [n for n, lines in enumerate(per_page, start=1) if looks_tabular(lines)]
        geo = geometry(data, candidates) if candidates else {}

    page_blocks: list[list[tuple[str, object]]] = []
    for number, (lines, places) in enumerate(zip(per_page, per_page_at), start=1):
        blocks = geo.get(number)
        if blocks is not None:
            page_blocks.append(_drop_page_numbers(blocks))
        else:
            page_blocks.append(
                [("text", PageLine(line, *(place or (None, None)))) for line, place in zip(lines, places)]
            )
    page_blocks = _bare_page_numbers(_drop_running_furniture(page_blocks))

    b = TextBuilder(own_positions=True)
    grids: list[Grid] = []
    points: list[PagePoint] = []
    first = True
    empty_pages: list[tuple[int, int]] = []
    chars = 0
    for number, blocks in enumerate(page_blocks, start=1):
        attrs = (number, None, None)
        if not blocks:
            empty_pages.append((number, b.length))
            continue
        for kind_, obj in blocks:
            if kind_ == "grid" and isinstance(obj, PageGrid):  # the tag says so; isinstance tells the checker
                if first:
                    first = False
                _render_grid(b, grids, number, obj, points)
                chars += sum(len(c.text) for c in obj.cells)
                continue
            line = str(obj)
            if first:
                first = False
            else:
                b.newline()
            b.mark(attrs=attrs)
            if isinstance(obj, PageLine) and obj.x is not None and obj.top is not None:
                points.append(PagePoint(b.length, number, obj.x, obj.top))
            b.add(line, attrs=attrs)
            chars += sum(1 for ch in line if not ch.isspace())
    text = b.text
    if chars < max(1, count) * MIN_CHARS_PER_PAGE:
        notes.insert(
            0,
            ReaderNote(
                "no-text-layer",
                0,
                0,
                f"{count} page(s), {chars} character(s) of text",
            ),
        )
    else:
        for number, offset in empty_pages:
            notes.append(ReaderNote("page-without-text", offset, offset, f"page {number}"))
    return Extracted(
        path=path,
        kind=kind,
        text=text,
        origins=OriginMap(text, b.segments),
        grids=grids,
        notes=notes,
        page_points=points,
    )
