"""Ruled tables of a PDF page rebuilt from the page geometry (pdfplumber, imported lazily).

Why pdfplumber: the text layer alone (pypdf's ``extract_text``) gives table rows in
stream order, so a number wrapped inside a narrow cell (``3,05`` / ``0``) or a header
word broken over lines (``商业企`` / ``业``) comes out as two tokens on two lines, and
nothing in the text says which cell a token belongs to. pdfplumber (on pdfminer.six,
both pure Python and well kept) exposes every character with its box and the ruling
lines and rectangles of the page, and its table finder turns those rules into cell
boxes, merged cells included — exactly the job. pypdf stays the reader of the text
layer (validation, encryption, pages without tables); this module is used only on pages
whose text looks like a table, and any failure here falls back to that text.

A page is described as a list of blocks in reading order (top to bottom):

* ``("text", line)`` — a line of text outside the grids (paragraphs, and rows of a
  found table made of a single cell: WPS draws a box around every paragraph line, and
  a ``第二十条第（一）项`` caption row is not a grid row either);
* ``("grid", PageGrid)`` — a run of real grid rows, every cell's text on one line
  (lines wrapped inside a cell are joined: ``3,05`` + ``0`` is ``3,050``).

A found table is not used when a line of text runs across one of its "rules" (boxes
around paragraph lines that do not line up), so a false grid never splits a sentence.
Text inside a table where no cell was found (a rule lost at a page break) takes the
free grid position it stands in. An empty cell right of a label, in a column without
numbers, widens the label as a merged .docx cell would.

Work is bounded: pages with too many characters, drawn objects or found tables, and
tables with too many cells, are not analysed; at most ``MAX_GRID_PAGES`` pages a file.
"""

from __future__ import annotations

import bisect
import io
import re
from dataclasses import field

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass

MAX_GRID_PAGES = 60  # pages analysed for geometry in one file (reports have a few table pages)
MAX_PAGE_CHARS = 20000  # a page with more characters is not analysed
MAX_PAGE_EDGES = 3000  # ruling lines + rectangles + curves: the finder's work grows with these
MAX_TABLES = 40  # a page with more found tables is not analysed (each costs a pass over the characters)
MAX_CELLS = 2000  # a found table with more cells is not used
GAP_SPACE = 0.15  # a gap wider than this share of the font size is a space
CROSS_GAP = 0.1  # text this close across a rule runs on: the rule is no cell border
MAX_AREA = 20000  # rows × columns of one found table

_NUM_TOKEN = pattern_store.compile(r"(?:^|(?<=\s))[0-9０-９][0-9０-９,，.．]*(?=\s|$)")
_NUM = r"[0-9０-９][0-9０-９,，.．]*"
_NUM_RUN = pattern_store.compile(rf"(?:^|(?<=\s)){_NUM}(?:\s+{_NUM})+(?=\s|$)")


def looks_tabular(lines: list[str]) -> bool:
    """Cheap gate on pypdf's text of a page. A page looks like a table when two lines
    hold a run of two or more numbers separated only by spaces (value rows read row by
    row: ``规章 1 0 11``), one line holds a run of four or more, or three lines are
    nothing but numbers (a table drawn cell by cell). Dates and counts in prose
    (``2024 年 1 月 1 日``, ``共 95 件``) have words between their numbers. A page that
    fails the gate keeps its text-layer reading, so the gate can only cost time,
    never a reading."""
    rows = bare = 0
    for line in lines:
        longest = max((len(_NUM_TOKEN.findall(m.group())) for m in _NUM_RUN.finditer(line)), default=0)
        if longest >= 4:
            return True
        if longest >= 2:
            rows += 1
        if _NUM_TOKEN.search(line) and not _NUM_TOKEN.sub("", line).strip():
            bare += 1
        if rows >= 2 or bare >= 3:
            return True
    return False


@dataclass(eq=False)
class PageCell:
    """A cell of a table found in a PDF page's geometry."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    # The cell's top-left corner on the page (PDF user space once page_blocks returns),
    # so a note about the cell can be put beside it (--annotate).
    at: tuple[float, float] | None = None


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class PageLine:
    """A line of text of a page and where it starts there: ``x`` and ``top`` in PDF
    user space (points from the lower-left corner; ``top`` is the top of the text),
    None when unknown. ``str()`` of it is the text, so blocks read it like a string."""

    text: str
    x: float | None = None
    top: float | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(eq=False)
class PageGrid:
    """A table found in a PDF page's geometry: its size, cells and position."""

    width: int
    rows: int
    cells: list[PageCell] = field(default_factory=list)  # top-left cells only
    top: float = 0.0


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _lines_of(chars: list[dict]) -> list[tuple[float, float, str]]:
    """Cluster characters into lines by their vertical position: (top, x0, text)."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"]))
    groups: list[list[dict]] = []
    cur: list[dict] = []
    cur_top = cur_bottom = 0.0
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        if cur and cur_top - 0.5 <= mid <= cur_bottom + 0.5:
            cur.append(c)
            cur_top = min(cur_top, c["top"])
            cur_bottom = max(cur_bottom, c["bottom"])
            continue
        if cur:
            groups.append(cur)
        cur = [c]
        cur_top, cur_bottom = c["top"], c["bottom"]
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for c in g:
            t = c["text"]
            if prev is not None and not t.isspace() and parts and not parts[-1].endswith(" "):
                # A visible gap is a space (as a text layer reads it), except between
                # two CJK characters, which justified lines spread apart.
                size = max(prev.get("size") or 0, c.get("size") or 0, 1.0)
                a, z = prev["text"][-1:], t[:1]
                if c["x0"] - prev["x1"] > GAP_SPACE * size and not (_is_cjk(a) and _is_cjk(z)):
                    parts.append(" ")
            parts.append(t)
            prev = c
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if text:
            out.append((min(c["top"] for c in g), g[0]["x0"], text))
    out.sort(key=lambda t: (t[0], t[1]))
    return out


_CJK_SPACE = pattern_store.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) +(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])"
)


def join_cell_lines(lines: list[str]) -> str:
    """One cell's lines as one line: a wrap is not a space (``3,05``+``0`` = ``3,050``,
    ``商业企``+``业`` = ``商业企业``) except between two Latin words; spaces between two
    CJK characters (justified layout: ``总 计``) are layout, not text."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and _is_ascii_word(out[-1]) and _is_ascii_word(line[0]):
            out += " "
        out += line
    return _CJK_SPACE.sub("", out)


def _cell_index(bounds: list[float], lo: float, hi: float) -> tuple[int, int]:
    """(first index, span) of the interval [lo, hi) on sorted boundaries."""
    i = bisect.bisect_left(bounds, lo - 0.5)
    j = bisect.bisect_left(bounds, hi - 0.5)
    return i, max(1, j - i)


def _table_grids(table, chars: list[dict], used: set[int]) -> list[PageGrid]:
    cells = table.cells
    if not cells or len(cells) > MAX_CELLS:
        return []
    xs = sorted({round(c[0], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells})
    width, height = len(xs), len(ys)
    if width < 2:
        return []
    if width * height > MAX_AREA:
        return []
    placed: dict[tuple[int, int], PageCell] = {}
    boxes: list[tuple[float, float, float, float, PageCell]] = []
    owner: dict[tuple[int, int], int] = {}  # every grid position → the box covering it
    for x0, top, x1, bottom in cells:
        c, cs = _cell_index(xs, round(x0, 1), x1)
        r, rs = _cell_index(ys, round(top, 1), bottom)
        cs = min(cs, width - c)
        rs = min(rs, height - r)
        if (r, c) in placed:
            continue
        pc = PageCell(r, c, "", rs, cs)
        placed[(r, c)] = pc
        n = len(boxes)
        boxes.append((x0, top, x1, bottom, pc))
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner.setdefault((rr, cc), n)
    # Characters into cells by their centre: row and column by bisection.
    by_cell: dict[int, list[tuple[int, dict]]] = {}
    bx0, btop, bx1, bbottom = table.bbox
    for k, ch in enumerate(chars):
        if k in used:
            continue
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (bx0 <= cx <= bx1 and btop <= cy <= bbottom):
            continue
        pos = (max(0, bisect.bisect_right(ys, cy) - 1), max(0, bisect.bisect_right(xs, cx) - 1))
        box = owner.get(pos)
        if box is None:
            # Text inside the table where the finder drew no cell (a rule missing at a
            # page break): the free grid position it stands in is its cell.
            pc = PageCell(pos[0], pos[1], "")
            placed[pos] = pc
            box = owner[pos] = len(boxes)
            boxes.append((xs[pos[1]], ys[pos[0]], xs[pos[1]], ys[pos[0]], pc))
        by_cell.setdefault(box, []).append((k, ch))
    if _text_crosses_a_rule(boxes, owner, by_cell, width):
        return []
    # Rows made of a single cell (over the whole width, or alone in its row) are
    # captions or framed paragraphs, not grid rows: their characters stay text.
    grid_rows = [r for r in range(height) if len({owner[(r, c)] for c in range(width) if (r, c) in owner}) > 1]
    if not grid_rows:
        return []
    runs: list[list[int]] = []
    for r in grid_rows:
        if runs and runs[-1][-1] == r - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    out: list[PageGrid] = []
    for run in runs:
        first = run[0]
        g = PageGrid(width=width, rows=len(run))
        in_run = set(run)
        members = [(n, b) for n, b in enumerate(boxes) if b[4].row in in_run]
        if not members:
            continue
        g.top = min(b[1] for _, b in members)
        for n, (x0, top, _x1, _bottom, pc) in members:
            got = by_cell.get(n, [])
            for k, _ch in got:
                used.add(k)
            text = join_cell_lines([t for _, _, t in _lines_of([ch for _, ch in got])])
            rs = min(pc.rowspan, run[-1] - pc.row + 1)
            g.cells.append(PageCell(pc.row - first, pc.col, text, rs, pc.colspan, at=(x0, top)))
        _absorb_label_blanks(g)
        out.append(g)
    return out


def _text_crosses_a_rule(boxes, owner, by_cell, width: int) -> bool:
    """True when a line of text runs on from one cell into the next with no more gap
    than between the letters of a word: the "rule" between them is not a cell border
    (boxes drawn around paragraph lines that do not line up make such false cells)."""
    for n, (_x0, _top, _x1, _bottom, pc) in enumerate(boxes):
        right = owner.get((pc.row, pc.col + pc.colspan)) if pc.col + pc.colspan < width else None
        if right is None or right == n:
            continue
        left_chars = by_cell.get(n)
        right_chars = by_cell.get(right)
        if not left_chars or not right_chars:
            continue
        # only the characters next to the border: the last of each left line, the
        # first of each right line (bounded work whatever the cells hold)
        edge = max(a["x1"] for _, a in left_chars)
        start = min(b["x0"] for _, b in right_chars)
        lefts = [a for _, a in left_chars if a["x1"] >= edge - 2 * (a.get("size") or 1.0)]
        rights = [b for _, b in right_chars if b["x0"] <= start + 2 * (b.get("size") or 1.0)]
        for a in lefts:
            for b in rights:
                if a["bottom"] <= b["top"] or b["bottom"] <= a["top"]:
                    continue  # not on the same line
                size = max(a.get("size") or 0, b.get("size") or 0, 1.0)
                if 0 <= b["x0"] - a["x1"] < CROSS_GAP * size:
                    return True
    return False


_NUMBER = pattern_store.compile(r"^[0-9０-９][0-9０-９,，.．]*$")


def _absorb_label_blanks(g: PageGrid) -> None:
    """An empty cell in a column that holds no number, right of a label in the same
    row, is part of that label's area (``（六）其他处理 | ·`` where the template has
    sub-labels in the next column for other rows): it widens the label, as a merged
    cell does in the .docx of the same table, instead of reading as a blank value."""
    numeric = {c.col for c in g.cells if _NUMBER.match(c.text.replace(" ", ""))}
    at = {(c.row, c.col): c for c in g.cells}
    drop: set[int] = set()
    for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
        if c.text or c.col in numeric or c.rowspan != 1 or id(c) in drop:
            continue
        left = None
        for k in range(c.col - 1, -1, -1):
            left = at.get((c.row, k))
            if left is not None:
                break
        if left is None or not left.text or left.rowspan != 1 or left.col + left.colspan != c.col:
            continue
        if any(col in numeric for col in range(left.col, left.col + left.colspan)):
            continue
        left.colspan += c.colspan
        drop.add(id(c))
        del at[(c.row, c.col)]
    if drop:
        g.cells = [c for c in g.cells if id(c) not in drop]


def page_blocks(page) -> list[tuple[str, object]] | None:
    """Blocks of one pdfplumber page, or None when it has no real grid (or is too big)."""
    chars = [c for c in page.chars if c.get("text")]
    if len(chars) > MAX_PAGE_CHARS:
        return None
    if len(page.lines) + len(page.rects) + len(page.curves) > MAX_PAGE_EDGES:
        return None
    tables = page.find_tables()
    if not tables or len(tables) > MAX_TABLES:
        return None
    used: set[int] = set()
    grids: list[PageGrid] = []
    for t in tables:
        grids.extend(_table_grids(t, chars, used))
    if not grids:
        return None
    rest = [c for k, c in enumerate(chars) if k not in used]
    # pdfplumber measures ``top`` down from the top of the page; PDF user space (where
    # annotations are placed) measures up from the bottom: y = height - top.
    height = page.height
    items: list[tuple[float, int, str, object]] = []
    for top, x0, text in _lines_of(rest):
        items.append((top, 1, "text", PageLine(text, x0, height - top)))
    for g in grids:
        for cell in g.cells:
            if cell.at is not None:
                cell.at = (cell.at[0], height - cell.at[1])
        items.append((g.top, 0, "grid", g))
    items.sort(key=lambda it: (it[0], it[1]))
    return [(kind, obj) for _, _, kind, obj in items]


def geometry(data: bytes, numbers: list[int]) -> dict[int, list[tuple[str, object]]]:
    """Blocks of the given 1-based pages that hold real grids; {} when unavailable."""
    if not numbers:
        return {}
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    numbers = numbers[:MAX_GRID_PAGES]
    out: dict[int, list[tuple[str, object]]] = {}
    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=numbers, password="")
    except Exception:
        return {}
    try:
        for page in pdf.pages:
            try:
                blocks = page_blocks(page)
            except Exception:  # one page's geometry failing keeps its text reading
                blocks = None
            finally:
                page.close()
            if blocks:
                out[page.page_number] = blocks
    except Exception:
        pass
    finally:
        try:
            pdf.close()
        except Exception:
            pass
    return out
