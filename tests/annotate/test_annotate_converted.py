"""--annotate on .doc, .wps, .odt and .rtf: the copy is a .docx made from what was
read, with every finding as one Word comment on its text or table cell.

The Huai'an 2024 draft, as LibreOffice saved it in each format, gets the same three
defects put into the file's own encoding (UTF-16 text of the .doc, content.xml of the
.odt, the RTF source): the title's year 2024 → 2023 (a paragraph finding), table 三's
total 3119 → 3118 and table 四's 351 → 350 (two cell findings). The copy is checked with
python-docx, with reportlint's own reading, with the comments' XML (docx_helpers) and,
when LibreOffice is installed, by LibreOffice converting it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx as python_docx
import docx_helpers as h
import pytest

from reportlint import readers
from reportlint.annotate import annotate_file, comment_paragraphs, converted, default_output_path
from reportlint.core.diagnostics import Diagnostic, Location, Severity
from reportlint.core.i18n import T
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.document.tables import to_json

DRAFTS = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"
TITLE = "2024年政府信息公开工作年度报告"
NUMBERS = [("3119", "3118"), ("351", "350")]  # table 三 row 一 total; table 四 复议 total


def _with_defects(kind: str) -> bytes:
    """The draft in format ``kind`` with the three defects, each written the way the
    format stores text."""
    data = (DRAFTS / f"huaian-draft-2024.{kind}").read_bytes()
    if kind == "doc":
        pairs = [(TITLE, TITLE.replace("2024", "2023")), *NUMBERS]
        for old, new in pairs:
            assert data.count(old.encode("utf-16-le")) >= 1, old
            data = data.replace(old.encode("utf-16-le"), new.encode("utf-16-le"))
        return data
    if kind == "rtf":
        # digits are plain runs (``\n2024}``) between the \uN escapes of the CJK text
        data = re.sub(rb"(?<=\n)2024(?=[}\\])", b"2023", data, count=1)
        for old, new in NUMBERS:
            data, n = re.subn(rb"(?<=\n)" + old.encode() + rb"(?=[}\\])", new.encode(), data)
            assert n >= 1, old
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "content.xml":
                xml = body.decode("utf-8").replace(TITLE, TITLE.replace("2024", "2023"))
                for old, new in NUMBERS:
                    xml = xml.replace(old, new)
                body = xml.encode("utf-8")
            zout.writestr(info, body)
    return out.getvalue()


@pytest.fixture(scope="module", params=["doc", "odt", "rtf"])
def annotated(request, tmp_path_factory):
    """(source, its findings, the copy's bytes), made once per format."""
    folder = tmp_path_factory.mktemp(request.param)
    source = folder / f"淮安2024年报.{request.param}"
    source.write_bytes(_with_defects(request.param))
    diags = h.lint(source)
    assert {d.code for d in diags} >= {"RL604", "RL401", "RL402"}, [d.code for d in diags]
    out = annotate_file(str(source), diags, None, "zh")
    # the copy keeps the format in its name: 年报.doc and 年报.odt side by side get two copies
    assert out.path == default_output_path(str(source), request.param)
    assert out.path == str(folder / f"淮安2024年报.{request.param}.reportlint.docx")
    return source, diags, Path(out.path).read_bytes()


def test_every_finding_is_one_comment_on_its_text(annotated):
    source, diags, data = annotated
    extracted = readers.read(str(source))
    ranges = h.comment_ranges(data)
    notes = h.comments(data)
    assert len(ranges) == len(notes) == len(diags)
    assert sorted(h.comment_references(data)) == sorted(ranges)
    for diag, cid in zip(diags, sorted(notes, key=int)):
        assert notes[cid]["author"] == "reportlint"
        assert notes[cid]["text"] == "\n".join(comment_paragraphs(diag, "zh"))
        assert h.norm(ranges[cid]) == h.expected_anchor(extracted, diag), (diag.code, diag.location)
    by_code = {d.code: ranges[cid] for d, cid in zip(diags, sorted(notes, key=int))}
    assert by_code["RL604"] == "2023" and by_code["RL401"] == "3118" and by_code["RL402"] == "350"


def test_the_copy_reads_as_the_original_with_the_same_tables_and_findings(annotated, tmp_path):
    source, diags, data = annotated
    original = readers.read(str(source))
    copy = tmp_path / "copy.docx"
    copy.write_bytes(data)
    reread = readers.read(str(copy))
    assert reread.kind == "docx"
    assert reread.text == original.text
    assert repr(reread.grids) == repr(original.grids)
    assert to_json(build_document(reread)) == to_json(build_document(original))
    assert h.findings_key(h.lint(copy)) == h.findings_key(diags)
    assert source.read_bytes() == _with_defects(source.suffix[1:])  # the input is never touched


def test_the_copy_opens_in_python_docx_with_bold_headings_and_real_tables(annotated, tmp_path):
    source, _diags, data = annotated
    original = readers.read(str(source))
    document = python_docx.Document(io.BytesIO(data))
    # one paragraph per line of the text outside the tables, one table per grid
    lines = original.text.count("\n") + 1
    assert len(document.paragraphs) == lines - sum(len(g.rows) for g in original.grids)
    assert len(document.tables) == len(original.grids)
    by_text = {p.text: p for p in document.paragraphs}
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert all(run.bold for run in by_text[heading].runs if run.text), heading
    assert not any(run.bold for run in document.paragraphs[3].runs)  # body text stays plain
    # table 三 as Word sees it: the 三、本年度办理结果 label merged down its rows
    table3 = document.tables[1]
    grid3 = original.grids[1]
    assert len(table3.rows) == len(grid3.rows)
    row, col = next(
        (r, c)
        for r, cells in enumerate(grid3.rows)
        for c, gc in enumerate(cells)
        if gc.text == "三、本年度办理结果" and not gc.merged
    )
    assert table3.cell(row, col)._tc is table3.cell(row + 1, col)._tc  # one merged cell
    assert table3.cell(row, col).text == "三、本年度办理结果"


def test_the_package_is_minimal_and_valid(annotated):
    _source, _diags, data = annotated
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode("utf-8")
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/comments.xml",
    }
    assert "wordprocessingml.comments+xml" in types and "wordprocessingml.styles+xml" in types


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy(annotated, tmp_path):
    _source, _diags, data = annotated
    copy = tmp_path / "copy.docx"
    copy.write_bytes(data)
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(copy),
        ],
        capture_output=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "copy.pdf"
    text = readers.read(str(pdf)).text
    assert "淮安市人民政府2023年政府信息公开工作年度报告" in text.replace("\n", "")
    assert "3118" in text and "350" in text


def test_a_wps_file_gets_a_docx_copy(tmp_path):
    source = tmp_path / "草稿.wps"  # WPS's Word-compatible layout is read as a .doc
    source.write_bytes(_with_defects("doc"))
    diags = h.lint(source)
    out = annotate_file(str(source), diags, None, "zh")
    assert out.path == str(tmp_path / "草稿.wps.reportlint.docx")
    assert len(h.comments(Path(out.path).read_bytes())) == len(diags)


def _extracted(text: str) -> Extracted:
    return Extracted(path="x.rtf", kind="rtf", text=text, origins=OriginMap(text))


def test_a_character_xml_cannot_hold_is_replaced_and_offsets_still_land(tmp_path):
    """A control character cannot be written to XML: it becomes U+FFFD, the generated
    document no longer reads back as the text, and findings are mapped through the
    alignment of the two."""
    text = "标题\n正文\x07第二段XX内容"
    extracted = _extracted(text)
    package = converted.generated_docx(extracted)
    reread = h.read_text(package).text
    assert reread == text.replace("\x07", "\ufffd")
    remap = converted.offset_map(text, reread)
    assert remap is not None and [remap(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert converted.offset_map(reread, reread) is None
    start = text.index("XX")
    finding = Diagnostic(
        code="RL701",
        name="placeholder",
        category="placeholder",
        severity=Severity.ERROR,
        message=T("占位符", "placeholder"),
        location=Location(2, start - 2, 2, start - 2 + 2),  # line 2 starts at offset 3
    )
    assert text[3 + finding.location.column - 1 :][:2] == "XX"
    data = converted.annotate("x.rtf", b"", extracted, [finding], "zh", [])
    assert list(h.comment_ranges(data).values()) == ["XX"]


def test_offsets_map_through_text_that_differs():
    remap = converted.offset_map("abcXdef", "abcYYdef")
    assert [remap(i) for i in (0, 2, 3, 4, 6, 7)] == [0, 2, 3, 5, 7, 8]
