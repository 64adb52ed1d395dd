"""Ruled tables of an OFD page, rebuilt from its geometry the way PDF tables are.

An OFD exporter draws a table's rules as ``PathObject``s (``AbbreviatedData`` such as
``M 0 0 L 120 0``) and places every character itself, exactly the information a PDF
page gives. This module turns one OFD page into the character and ruling-line
objects pdfplumber's table finder works on (the finder itself and the cell reading of
:mod:`reportlint.readers._pdf_grid` are reused unchanged, imported lazily), so an
OFD table comes out as real grid rows — wrapped labels joined inside their cell —
instead of lines of text.

Coordinates are turned from millimetres (OFD's unit) into points, so the finder's
tolerances mean what they mean on a PDF page; y grows downwards in both. Only
straight horizontal and vertical segments are rules; anything else is ignored.
"""

from __future__ import annotations

from reportlint.core import pattern_store

MAX_SEGMENTS = 5000
_TOKEN = pattern_store.compile(r"[A-Za-z]|-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
STRAIGHT = 0.2  # mm: a segment this close to level (or plumb) is a rule
PT = 72 / 25.4  # points per millimetre


def segments(
    abbreviated: str, ox: float, oy: float, limit: int = MAX_SEGMENTS
) -> list[tuple[float, float, float, float]]:
    """Straight segments of an ``AbbreviatedData`` path, offset by the object's boundary."""
    out: list[tuple[float, float, float, float]] = []
    tokens = _TOKEN.findall(abbreviated or "")
    i = 0
    x = y = sx = sy = 0.0
    cmd = ""
    need = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0, "Z": 0}
    while i < len(tokens) and len(out) < limit:
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok.upper()
            i += 1
            if cmd in ("C", "Z"):
                if (x, y) != (sx, sy):
                    out.append((x, y, sx, sy))
                x, y = sx, sy
            continue
        n = need.get(cmd, 0)
        if n == 0 or i + n > len(tokens):
            break
        try:
            nums = [float(t) for t in tokens[i : i + n]]
        except ValueError:
            break
        i += n
        nx, ny = nums[-2], nums[-1]
        if cmd in ("M", "S"):
            sx, sy = nx, ny
        elif cmd == "L":
            out.append((x, y, nx, ny))
        x, y = nx, ny
    return [(a + ox, b + oy, c + ox, d + oy) for a, b, c, d in out]


def rule_objects(segs: list[tuple[float, float, float, float]], width: float) -> list[dict]:
    """pdfplumber ``line`` objects for the level and plumb segments."""
    lines = []
    width *= PT
    for x0, y0, x1, y1 in ((a * PT, b * PT, c * PT, d * PT) for a, b, c, d in segs):
        if abs(y0 - y1) <= STRAIGHT * PT and abs(x1 - x0) > STRAIGHT * PT:
            y = (y0 + y1) / 2
            lo, hi = sorted((x0, x1))
            lines.append({"object_type": "line", "x0": lo, "x1": hi, "top": y, "bottom": y, "width": hi - lo,
                          "height": 0.0, "linewidth": width, "doctop": y})  # fmt: skip
        elif abs(x0 - x1) <= STRAIGHT * PT and abs(y1 - y0) > STRAIGHT * PT:
            x = (x0 + x1) / 2
            lo, hi = sorted((y0, y1))
            lines.append({"object_type": "line", "x0": x, "x1": x, "top": lo, "bottom": hi, "width": 0.0,
                          "height": hi - lo, "linewidth": width, "doctop": lo})  # fmt: skip
    return lines


def char_objects(x: float, baseline: float, size: float, text: str, advances: list[float]) -> list[dict]:
    """One pdfplumber ``char`` per character of a TextCode run (millimetres in, points out)."""
    out = []
    x, baseline, size = x * PT, baseline * PT, size * PT
    advances = [a * PT for a in advances]
    for k, ch in enumerate(text):
        step = advances[k] if k < len(advances) else size
        w = min(step, size) if step > 0 else size
        out.append({"object_type": "char", "text": ch, "x0": x, "x1": x + w, "top": baseline - size * 0.88,
                    "bottom": baseline + size * 0.12, "size": size, "upright": True, "doctop": baseline - size * 0.88,
                    "width": w, "height": size})  # fmt: skip
        x += step
    return out


def page_blocks(chars: list[dict], lines: list[dict], width: float, height: float):
    """Blocks of the page as :func:`reportlint.readers._pdf_grid.page_blocks` gives them,
    or None when the page has no real grid (or pdfplumber cannot be used)."""
    try:
        from pdfplumber.container import Container
        from pdfplumber.table import TableFinder, TableSettings

        from reportlint.readers import _pdf_grid
    except ImportError:  # pragma: no cover - a declared dependency
        return None

    class _Page(Container):
        def __init__(self) -> None:
            self.bbox = (0.0, 0.0, width * PT, height * PT)
            self.width, self.height = width * PT, height * PT
            self._page_objects = {"char": chars, "line": lines, "rect": [], "curve": []}

        @property
        def objects(self):
            return self._page_objects

        def find_tables(self, table_settings=None):
            return TableFinder(self, TableSettings.resolve(table_settings)).tables

    try:
        return _pdf_grid.page_blocks(_Page())
    except Exception:  # the geometry pass only ever improves a reading; the text stays
        return None
