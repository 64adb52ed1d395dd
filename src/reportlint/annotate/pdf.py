"""A copy of a PDF with every finding as a note (sticky-note ``/Text`` annotation)
beside the line or table cell it is about.

Where a note goes: the PDF reader records where each line and grid cell of the
extracted text stands on its page (:attr:`Extracted.page_points`); a finding's
position (line/column of the extracted text, and its page) names an offset, and the
note sits in the margin left of that line — or in the corner of that cell — on that
page. A finding without a page (about the document as a whole) goes on page 1.
Several notes on one line step further left so each icon can be clicked.

How it is written: as an incremental update (pypdf's ``PdfWriter(reader,
incremental=True)``): the original file's bytes come first, unchanged, followed by
the changed page objects, the new annotations and a new cross-reference section. A
file whose cross-reference pointer is broken (pypdf rebuilt it to read the file) is
written whole instead: an update would chain to a section that is not there. An
encrypted PDF (even one that opens without a password) cannot be updated this way by
pypdf, and re-writing it decrypted would drop its protection: it is refused with one
message.
"""

from __future__ import annotations

import bisect
import io
import re
from datetime import UTC, datetime

from reportlint.annotate import comment_text
from reportlint.core.diagnostics import Diagnostic, Edit, Severity
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.document.extracted import Extracted, PagePoint
from reportlint.readers.pdf import damaged_pdf, open_reader, quiet_pdf_libraries

AUTHOR = "reportlint"
ICON = 18.0  # the note icon's box, in points (viewers draw a fixed-size icon there)
GAP = 2.0  # between the icon and the text it is about, and between stacked icons
# Colour of the note by severity (RGB 0–1), as reviewers' tools colour comments.
COLOURS = {
    Severity.ERROR: (0.86, 0.15, 0.15),
    Severity.WARNING: (0.95, 0.6, 0.0),
    Severity.INFO: (0.2, 0.45, 0.85),
}
# Annotation flags: Print (4) | NoZoom (8) | NoRotate (16): the icon keeps its size
# and stays upright however the page is shown, and prints with the page.
FLAGS = 4 | 8 | 16
_OBJECT_NUMBER = re.compile(rb"(?<![0-9])([0-9]{1,9})\s+[0-9]{1,5}\s+obj\b")


def _offset(extracted: Extracted, diagnostic: Diagnostic) -> int:
    """The finding's start as an offset in the extracted text (PDF positions are the
    extracted text's own lines and columns)."""
    loc = diagnostic.location
    offset = extracted.origins.line_start(loc.line) + loc.column - 1
    return max(0, min(offset, len(extracted.text)))


def _point_for(points: list[PagePoint], starts: list[int], offset: int, page: int) -> PagePoint | None:
    """The line or cell the offset falls in when it is on ``page``; else the first
    line of that page; None when the reader knows no position on that page."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and points[i].page == page:
        return points[i]
    for p in points:
        if p.page == page:
            return p
    return None


def _placements(
    extracted: Extracted, diagnostics: list[Diagnostic], page_count: int
) -> list[tuple[int, PagePoint | None, bool]]:
    """(0-based page, the line or cell on it, whether it is a cell) of each finding's
    note, in diagnostics order."""
    points = extracted.page_points
    starts = [p.offset for p in points]
    out = []
    for d in diagnostics:
        page = min(max(d.location.page or 1, 1), page_count)
        point = _point_for(points, starts, _offset(extracted, d), page)
        in_cell = d.location.cell is not None and d.location.cell.grid is not None
        out.append((page - 1, point, in_cell))
    return out


def _rect(box, point: PagePoint | None, in_cell: bool, k: int) -> tuple[float, float, float, float]:
    """The icon's rectangle, always inside the visible page: in the margin left of the
    line, the ``k``-th icon at that line one step further left and, when the margin is
    full, a row lower; or inside the cell's top-left corner, stepping right. A note
    without a known position goes in the page's top-left corner, four icons a row."""
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    if point is None:
        x, y, in_cell = left + GAP + 4 * (ICON + GAP), top - GAP, False
    else:
        x, y = point.x, point.y
    if in_cell:
        x0, y1 = x + GAP + k * (ICON + GAP), y
    else:
        room = max(1, int((x - left) // (ICON + GAP)))  # icons that fit left of the line
        x0 = x - GAP - ICON - (k % room) * (ICON + GAP)
        y1 = y - (k // room) * (ICON + GAP)
    x0 = min(max(x0, left), right - ICON)
    y1 = min(max(y1, bottom + ICON), top)
    return (round(x0, 2), round(y1 - ICON, 2), round(x0 + ICON, 2), round(y1, 2))


def _pdf_date(now: datetime) -> str:
    """A PDF date string, in UTC."""
    return now.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


_XREF_START = re.compile(rb"\s*(?:xref\b|[0-9]+\s+[0-9]+\s+obj\b)")


def xref_intact(data: bytes, reader) -> bool:
    """True when the file's last ``startxref`` points at a cross-reference section
    (a table, or a stream object). pypdf reads a file whose pointer is wrong by
    rebuilding the cross-reference from the objects it finds; an update appended to
    such a file would chain to a section that is not there, so it gets written whole
    instead (a repaired copy: same pages, not the same bytes)."""
    start = getattr(reader, "_startxref", None)
    if not isinstance(start, int) or not 0 < start < len(data):
        return False
    return _XREF_START.match(data, start) is not None


def _unused_object_numbers(writer, data: bytes) -> None:
    """New objects must not take the number of an object already in the file. pypdf
    numbers them after the highest object its cross-reference lists, but a file's own
    cross-reference stream is often not listed (``/Size`` one short: the hongze PDF);
    an annotation numbered like it would be read back as that stream. Numbers are
    reserved (as empty slots, which pypdf does not write) up to the highest ``N G obj``
    in the bytes."""
    objects = getattr(writer, "_objects", None)  # pypdf's object table: list, slot n-1 = object n
    if not isinstance(objects, list):
        return
    highest = max((int(m.group(1)) for m in _OBJECT_NUMBER.finditer(data)), default=0)
    if highest > len(objects):
        objects.extend([None] * (highest - len(objects)))


def annotated_pdf(
    path: str,
    data: bytes,
    extracted: Extracted,
    diagnostics: list[Diagnostic],
    lang: str,
    now: datetime | None = None,
) -> bytes:
    """The bytes of the PDF with one note per finding: appended as an incremental
    update (the original bytes are the first ``len(data)`` bytes of the result), or a
    whole new file when the original's cross-reference is broken (see
    :func:`xref_intact`)."""
    from pypdf import PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

    now = now or datetime.now(UTC)
    stamp = _pdf_date(now)
    with quiet_pdf_libraries():
        reader, count = open_reader(path, data)  # the reader's checks: damaged, password, too many pages
        if reader.is_encrypted:
            raise InputError(
                T(
                    "PDF 已加密（设有权限密码），无法在副本中添加批注；请提供未加密的版本",
                    "the PDF is encrypted (it has a permissions password), so notes cannot be added to a copy; "
                    "provide an unencrypted copy",
                ),
                path,
            )
        if not diagnostics:
            return data
        try:
            if xref_intact(data, reader):
                writer = PdfWriter(reader, incremental=True)
                _unused_object_numbers(writer, data)
            else:
                writer = PdfWriter(clone_from=reader)
            placed: dict[tuple[int, PagePoint | None], int] = {}  # notes already at each anchor
            for n, (d, (page, point, in_cell)) in enumerate(
                zip(diagnostics, _placements(extracted, diagnostics, count)), start=1
            ):
                box = writer.pages[page].cropbox
                k = placed.get((page, point), 0)
                placed[(page, point)] = k + 1
                note = Text(rect=_rect(box, point, in_cell, k), text=comment_text(d, lang), open=False)
                note.pop(NameObject("/Flags"), None)  # pypdf's name for /F
                note[NameObject("/F")] = NumberObject(FLAGS)
                note[NameObject("/T")] = TextStringObject(AUTHOR)
                note[NameObject("/Subj")] = TextStringObject(f"{d.code} {d.name}")
                note[NameObject("/NM")] = TextStringObject(f"reportlint-{stamp[2:]}-{n}")
                note[NameObject("/Name")] = NameObject("/Comment")
                note[NameObject("/C")] = ArrayObject(FloatObject(c) for c in COLOURS[d.severity])
                note[NameObject("/M")] = TextStringObject(stamp)
                note[NameObject("/CreationDate")] = TextStringObject(stamp)
                writer.add_annotation(page, note)
            out = io.BytesIO()
            writer.write(out)
        except InputError:
            raise
        except Exception as exc:  # pypdf raises many types on damaged files
            raise damaged_pdf(path, exc) from None
    return out.getvalue()


def annotate(
    path: str, data: bytes, extracted: Extracted, diagnostics: list[Diagnostic], lang: str, edits: list[Edit]
) -> bytes:
    """The dispatch entry (see :mod:`reportlint.annotate`). Fixes are not applied to a
    PDF: each finding's note carries its fix as text."""
    return annotated_pdf(path, data, extracted, diagnostics, lang)
