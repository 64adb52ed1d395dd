"""The PDF reader records where each line and grid cell stands on its page.

``Extracted.page_points`` is what ``--annotate`` puts its notes beside. The positions
are checked against pdfplumber's own reading of the same pages (independent of the
reader's code): the characters standing at a line's point must be the line's first
characters, and a cell's point must be the corner of a ruled cell holding that cell's
text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from reportlint.readers import pdf as pdf_reader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDFS = ["hongze-gov-2023.pdf", "huaian-gov-2024.pdf", "drafts/huaian-draft-2024.pdf"]
_SPACE = re.compile(r"\s")


def _read(name: str):
    path = FIXTURES / name
    return path, pdf_reader.read(str(path), path.read_bytes())


def _cell_starts(extracted) -> dict[int, object]:
    return {gc.start: gc for g in extracted.grids for row in g.rows for gc in row if not gc.merged}


@pytest.mark.parametrize("name", PDFS)
def test_every_line_has_a_point_on_its_own_page(name):
    _, extracted = _read(name)
    text = extracted.text
    by_offset = {p.offset: p for p in extracted.page_points}
    cells = _cell_starts(extracted)
    offset = 0
    lines = 0
    for line in text.split("\n"):
        if line.strip() and offset not in cells and " | " not in line:
            lines += 1
            point = by_offset.get(offset)
            assert point is not None, line
            assert point.page == extracted.origins.locate(offset, offset + 1).page, line
        offset += len(line) + 1
    assert lines > 30
    offsets = [p.offset for p in extracted.page_points]
    assert offsets == sorted(offsets)


@pytest.mark.parametrize("name", PDFS)
def test_line_points_stand_at_the_lines_first_characters(name):
    path, extracted = _read(name)
    cells = _cell_starts(extracted)
    text = extracted.text
    checked = 0
    with pdfplumber.open(str(path)) as doc:
        for point in extracted.page_points:
            if point.offset in cells:
                continue
            end = text.find("\n", point.offset)
            want = _SPACE.sub("", text[point.offset : end if end >= 0 else len(text)])[:3]
            if not want:
                continue
            page = doc.pages[point.page - 1]
            top = page.height - point.y  # pdfplumber measures from the top of the page
            chars = sorted(
                (c for c in page.chars if abs(c["top"] - top) <= 1.5 and c["x0"] >= point.x - 1.5),
                key=lambda c: c["x0"],
            )
            got = "".join(c["text"] for c in chars if not c["text"].isspace())[:3]
            assert got == want, (point, text[point.offset : end])
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("name", PDFS)
def test_cell_points_are_the_corners_of_their_ruled_cells(name):
    path, extracted = _read(name)
    cells = _cell_starts(extracted)
    cell_points = [p for p in extracted.page_points if p.offset in cells]
    assert len(cell_points) > 200
    without_box = 0
    with pdfplumber.open(str(path)) as doc:
        boxes_of = {}
        for point in cell_points:
            page = doc.pages[point.page - 1]
            if point.page not in boxes_of:
                boxes_of[point.page] = [box for t in page.find_tables() for box in t.cells]
            top = page.height - point.y
            boxes = [b for b in boxes_of[point.page] if abs(b[0] - point.x) < 0.6 and abs(b[1] - top) < 0.6]
            if not boxes:
                # text the reader put in a free grid position (a rule lost at a page break)
                without_box += 1
                continue
            x0, y0, x1, y1 = boxes[0]
            inside = [
                c["text"]
                for c in page.chars
                if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and y0 <= (c["top"] + c["bottom"]) / 2 <= y1
            ]
            # the same characters (a cell's lines may be read in another order)
            assert sorted(_SPACE.sub("", "".join(inside))) == sorted(_SPACE.sub("", cells[point.offset].text)), point
    assert without_box <= len(cell_points) // 100


def test_positions_do_not_change_what_is_read():
    """The reading with positions is the reading without them: the text layer's pieces
    the visitor sees make up exactly the text pypdf returns."""
    path = FIXTURES / "hongze-gov-2023.pdf"
    import pypdf

    reader = pypdf.PdfReader(str(path))
    for page in reader.pages:
        raw, at = pdf_reader._page_text(page)
        assert raw == page.extract_text()
        assert at  # every page of this file has positioned lines
