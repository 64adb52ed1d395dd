"""--annotate on PDFs: a copy with one note (sticky-note annotation) per finding, on the
finding's page beside its line or in the corner of its table cell.

The published Hongze 2023 and Huai'an 2024 reports have findings of their own (table
sums, a missing signature date, old table labels); the Huai'an 2024 draft gets two from
a configuration that says the report is for 2023. Each note is checked against an
independent reading of the copy: pypdf for the annotations and the page streams,
pdfplumber for where the finding's text stands on the page.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import docx_helpers as h
import pdfplumber
import pypdf
import pytest

from reportlint import readers
from reportlint.annotate import annotate_file, comment_text, default_output_path
from reportlint.annotate import pdf as annotate_pdf
from reportlint.core.diagnostics import Diagnostic, Location, Severity
from reportlint.core.i18n import T

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_SPACE = re.compile(r"\s")


def _copy(tmp_path: Path, name: str) -> Path:
    if name == "huaian-draft-2024.pdf":
        src = FIXTURES / "drafts" / name
        # The draft checks clean; a configuration saying the report is for 2023 makes
        # its period and its signature date findings (pages 1 and 4).
        (tmp_path / ".reportlint.yaml").write_text("report:\n  year: 2023\n", encoding="utf-8")
    else:
        src = FIXTURES / name
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="module", params=["hongze-gov-2023.pdf", "huaian-gov-2024.pdf", "huaian-draft-2024.pdf"])
def annotated(request, tmp_path_factory):
    """(source, its findings, the annotated copy's path); made once per report, the
    tests only read them."""
    tmp_path = tmp_path_factory.mktemp("annotated")
    source = _copy(tmp_path, request.param)
    diags = h.lint(source)
    assert diags, "the report must have findings for the test to mean anything"
    out = annotate_file(str(source), diags, None, "zh")
    assert out.path == default_output_path(str(source), "pdf") == str(tmp_path / (source.stem + ".reportlint.pdf"))
    return source, diags, Path(out.path)


def notes_by_page(data: bytes) -> dict[int, list[dict]]:
    """1-based page → the reportlint notes on it, in the order they were added."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out: dict[int, list[dict]] = {}
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/T") == "reportlint":
                out.setdefault(number, []).append(annot)
    return out


def _page_of(d: Diagnostic) -> int:
    return d.location.page or 1


def test_one_note_per_finding_on_its_page(annotated):
    _source, diags, copy = annotated
    notes = notes_by_page(copy.read_bytes())
    assert Counter({p: len(n) for p, n in notes.items()}) == Counter(_page_of(d) for d in diags)
    for page, on_page in notes.items():
        expected = [d for d in diags if _page_of(d) == page]
        for note, d in zip(on_page, expected):
            assert note["/Subtype"] == "/Text"
            assert note["/Contents"] == comment_text(d, "zh")
            assert note["/Subj"] == f"{d.code} {d.name}"
            assert note["/Name"] == "/Comment"
            assert note["/F"] == annotate_pdf.FLAGS


def _line_top_text(page, top: float, right_of: float) -> str:
    """The first characters standing at ``top`` (pdfplumber's distance from the top of
    the page) right of ``right_of``."""
    chars = sorted(
        (c for c in page.chars if abs(c["top"] - top) <= 1.5 and c["x0"] >= right_of - 1),
        key=lambda c: c["x0"],
    )
    return "".join(c["text"] for c in chars if not c["text"].isspace())


def _cell_text_around(page, x: float, top: float) -> str | None:
    """The characters (sorted) of the ruled cell the point (x, top) is in."""
    for table in page.find_tables():
        for x0, y0, x1, y1 in table.cells:
            if x0 <= x <= x1 and y0 <= top <= y1:
                inside = [
                    c["text"]
                    for c in page.chars
                    if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and y0 <= (c["top"] + c["bottom"]) / 2 <= y1
                ]
                return "".join(sorted(_SPACE.sub("", "".join(inside))))
    return None


def test_each_note_sits_beside_its_line_or_in_its_cell(annotated):
    source, diags, copy = annotated
    extracted = readers.read(str(source))
    notes = notes_by_page(copy.read_bytes())
    checked = 0
    with pdfplumber.open(str(copy)) as doc:
        for page_number, on_page in notes.items():
            page = doc.pages[page_number - 1]
            expected = [d for d in diags if _page_of(d) == page_number]
            for note, d in zip(on_page, expected):
                x0, _y0, x1, y1 = (float(v) for v in note["/Rect"])
                top = page.height - y1  # pdfplumber measures from the top of the page
                cell = d.location.cell
                if cell is not None and cell.grid is not None:
                    # the icon's corner is inside the finding's cell
                    offset = extracted.origins.line_start(d.location.line) + d.location.column - 1
                    owner = next(
                        gc
                        for g in extracted.grids
                        for row in g.rows
                        for gc in row
                        if not gc.merged and gc.start <= offset <= gc.end
                    )
                    want = "".join(sorted(_SPACE.sub("", owner.text)))
                    assert _cell_text_around(page, x0 + 0.5, top + 0.5) == want, d.code
                else:
                    # the icon is in the margin left of the finding's line, at its top
                    line = _SPACE.sub("", extracted.origins.line_text(d.location.line))
                    assert _line_top_text(page, top, x1)[:3] == line[:3], (d.code, line)
                checked += 1
    assert checked == len(diags)


def test_the_original_bytes_and_pages_are_kept(annotated):
    source, _diags, copy = annotated
    original, out = source.read_bytes(), copy.read_bytes()
    assert out[: len(original)] == original, "an incremental update keeps the original bytes first"
    assert len(out) > len(original)
    before = pypdf.PdfReader(io.BytesIO(original))
    after = pypdf.PdfReader(io.BytesIO(out), strict=True)
    assert len(after.pages) == len(before.pages)
    for a, b in zip(before.pages, after.pages):
        assert b.get_contents().get_data() == a.get_contents().get_data()
        for box in ("mediabox", "cropbox"):
            assert [round(float(v), 3) for v in getattr(b, box)] == [round(float(v), 3) for v in getattr(a, box)]
    assert source.read_bytes() == original  # the input is never touched


def test_the_copy_reads_and_checks_as_the_original(annotated):
    source, diags, copy = annotated
    a, b = readers.read(str(source)), readers.read(str(copy))
    assert b.text == a.text
    assert repr(b.grids) == repr(a.grids)
    assert b.page_points == a.page_points
    # notes are not report text: the copy has the very same findings
    assert h.findings_key(h.lint(copy)) == h.findings_key(diags)


def test_new_objects_never_take_a_number_already_in_the_file(tmp_path):
    """The Hongze PDF's cross-reference stream is object 61 while its /Size says 61
    objects (0–60): a note numbered 61 would be read back as that stream."""
    source = _copy(tmp_path, "hongze-gov-2023.pdf")
    data = source.read_bytes()
    numbers = [int(m.group(1)) for m in re.finditer(rb"(?<![0-9])([0-9]+) 0 obj\b", data)]
    assert b"/Size 61" in data and max(numbers) == 61
    out = annotate_pdf.annotated_pdf(str(source), data, readers.read(str(source)), h.lint(source), "zh")
    reader = pypdf.PdfReader(io.BytesIO(out), strict=True)
    refs = [ref for page in reader.pages for ref in page.get("/Annots") or []]
    assert refs and all(ref.idnum > max(numbers) for ref in refs)
    assert all(ref.get_object()["/Subtype"] == "/Text" for ref in refs)


def _finding(page: int | None, line: int = 1) -> Diagnostic:
    return Diagnostic(
        code="RL999",
        name="test-finding",
        category="structure",
        severity=Severity.WARNING,
        message=T("整份文件的问题", "a problem of the whole file"),
        location=Location(line, 1, line, 2, page=page),
    )


def test_a_finding_without_a_page_goes_on_page_one_and_notes_on_one_line_step_aside(tmp_path):
    source = _copy(tmp_path, "huaian-gov-2024.pdf")
    data = source.read_bytes()
    extracted = readers.read(str(source))
    diags = [_finding(None), _finding(1), _finding(1)]
    now = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
    out = annotate_pdf.annotated_pdf(str(source), data, extracted, diags, "en", now=now)
    notes = notes_by_page(out)
    assert list(notes) == [1] and len(notes[1]) == 3
    rects = [[float(v) for v in n["/Rect"]] for n in notes[1]]
    assert len({r[1] for r in rects}) == 1  # one line: one height
    assert rects[0][0] > rects[1][0] > rects[2][0]  # each further left, none on another
    assert all(r[0] >= 0 for r in rects)
    assert notes[1][0]["/Contents"].startswith("a problem of the whole file")
    assert notes[1][0]["/M"] == "D:20250301083000Z"


def test_english_notes_with_lang_en(tmp_path):
    source = _copy(tmp_path, "huaian-gov-2024.pdf")
    diags = h.lint(source)
    out = annotate_file(str(source), diags, str(tmp_path / "review.pdf"), "en")
    notes = [n for on_page in notes_by_page(Path(out.path).read_bytes()).values() for n in on_page]
    assert [n["/Contents"] for n in notes] == [comment_text(d, "en") for d in diags]
    assert all(re.search(r"\bRL\d{3}\b", n["/Contents"]) for n in notes)


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_notes_of_a_pdf_without_text_sit_apart_in_the_corner(tmp_path):
    """A scan has no text positions: every note goes in page 1's top-left corner, a
    row of icons at a time, none covering another."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    buf = io.BytesIO()
    writer.write(buf)
    data = buf.getvalue()
    source = tmp_path / "scan.pdf"
    source.write_bytes(data)
    extracted = readers.read(str(source))
    assert extracted.page_points == []
    out = annotate_pdf.annotated_pdf(str(source), data, extracted, [_finding(None) for _ in range(9)], "zh")
    rects = [[float(v) for v in n["/Rect"]] for n in notes_by_page(out)[1]]
    assert len(rects) == 9
    assert all(r[0] >= 0 and r[2] <= 595 and r[1] >= 0 and r[3] <= 842 for r in rects)
    assert all(r[3] > 842 - 100 and r[0] < 120 for r in rects)  # the top-left corner
    assert not any(_overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :])
