"""PDF reader: the published 淮安 2024 report, a scan-like PDF, encrypted and corrupt files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportlint.core.errors import InputError
from reportlint.readers import pdf as pdf_reader
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

HUAIAN = FIXTURES / "huaian-gov-2024.pdf"


@pytest.fixture(scope="module")
def huaian():
    return read(str(HUAIAN))


def page_of(ex, needle: str) -> int:
    off = ex.text.index(needle)
    return ex.origins.locate(off, off + len(needle)).page


def test_table_rows_stay_on_their_lines(huaian):
    lines = huaian.text.split("\n")
    assert huaian.kind == "pdf" and huaian.notes == []
    # Ruled tables are real grids, one row per line with " | " between cells.
    assert "一、本年新收政府信息公开申请数量 |  |  | 3001 | 53 | 0 | 0 | 61 | 4 | 3119" in lines
    assert "二、上年结转政府信息公开申请数量 |  |  | 34 | 0 | 0 | 0 | 0 | 0 | 34" in lines
    assert " | （七）总计 |  | 2932 | 53 | 0 | 0 | 61 | 4 | 3050" in lines
    assert "四、结转下年度继续办理 |  |  | 103 | 0 | 0 | 0 | 0 | 0 | 103" in lines
    assert "72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20" in lines
    # Header words and labels wrapped inside their cells are whole again.
    assert " |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | " in lines
    assert any(line.startswith("三、本年度办理结果 | （一）予以公开 | ") for line in lines)
    assert lines[0] == "淮安市人民政府"
    assert lines[1] == "2024 年政府信息公开工作年度报告"


def test_page_numbers_removed(huaian):
    lines = huaian.text.split("\n")
    assert not any(pdf_reader.is_page_number(line) for line in lines)
    for n in range(1, 7):
        assert f"- {n} -" not in lines
    # …while the body text around them is intact across the page break.
    assert "营商环境高质量推进产业发展”“加快建设长三角北部重要产业" in lines


def test_segments_carry_pages_and_lines(huaian):
    assert page_of(huaian, "淮安市人民政府") == 1
    assert page_of(huaian, "（二）依申请公开情况") == 2
    assert page_of(huaian, "二、主动公开政府信息情况") == 3
    assert page_of(huaian, "一、本年新收政府信息公开申请数量") == 4
    assert page_of(huaian, "（七）总计 |  | 2932") == 5
    assert page_of(huaian, "六、其他需要报告的事项") == 6
    # The last line of page 3 and the first of page 4 are neighbours with different pages.
    lines = huaian.text.split("\n")
    i = lines.index("第二十条第（六）项")
    assert lines[i + 1] == "信息内容 | 本年处理决定数量"
    start = huaian.origins.line_start(i + 1)
    nxt = huaian.origins.line_start(i + 2)
    assert huaian.origins.locate(start).page == 3 and huaian.origins.locate(nxt).page == 4
    # A grid cell knows its page and its place in the grid.
    off = huaian.text.index("3985758")
    loc = huaian.origins.locate(off, off + 7)
    assert loc.page == 4 and loc.cell is not None and loc.cell.table == "grid"
    assert (loc.cell.grid_row, loc.cell.grid_column) == (2, 2)
    # Lines and columns are those of the extracted text itself.
    off = huaian.text.index("3119", huaian.text.index("一、本年新收"))
    loc = huaian.origins.locate(off, off + 4)
    assert loc.line == huaian.text[:off].count("\n") + 1
    assert loc.column == off - huaian.text.rfind("\n", 0, off)
    assert loc.end_column == loc.column + 4
    # Every line of every page is covered: locate() of each line start is that line.
    for n in range(1, huaian.origins.line_count + 1):
        assert huaian.origins.locate(huaian.origins.line_start(n)).line == n


def test_every_page_is_present(huaian):
    pages = {huaian.origins.locate(huaian.origins.line_start(n)).page for n in range(1, huaian.origins.line_count + 1)}
    assert pages == {1, 2, 3, 4, 5, 6}


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_scan_like_pdf_has_no_text_layer():
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.add_blank_page(width=595, height=842)
    ex = read("scan.pdf", data=_pdf_bytes(w))
    assert ex.text == ""
    assert [n.kind for n in ex.notes] == ["no-text-layer"]
    assert "2 page" in ex.notes[0].detail


def _text_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages show the given ASCII strings in Helvetica."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    for text in pages:
        page = w.add_blank_page(width=595, height=842)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = w._add_object(stream)
    return _pdf_bytes(w)


def test_almost_no_text_is_no_text_layer():
    # A few characters per page (a scanner's stamp, page numbers): still a scan.
    ex = read("stamped.pdf", data=_text_pdf(["CamScanner", "- 2 -", "CamScanner"]))
    assert [n.kind for n in ex.notes] == ["no-text-layer"]
    assert "CamScanner" in ex.text and "- 2 -" not in ex.text
    # The same pages with a sentence of real text are a text PDF.
    sentence = "This report covers the statistical period from 1 January to 31 December 2021."
    ex = read("text.pdf", data=_text_pdf([sentence, sentence, "CamScanner"]))
    assert ex.notes == []
    assert ex.text.split("\n") == [sentence, sentence, "CamScanner"]
    assert [ex.origins.locate(ex.origins.line_start(n)).page for n in (1, 2, 3)] == [1, 2, 3]


def test_page_without_text_in_a_text_pdf():
    w = PdfWriter()
    src = PdfReader(str(HUAIAN))
    w.add_page(src.pages[0])
    w.add_blank_page(width=595, height=842)
    w.add_page(src.pages[1])
    ex = read("mixed.pdf", data=_pdf_bytes(w))
    assert [(n.kind, n.detail) for n in ex.notes] == [("page-without-text", "page 2")]
    assert page_of(ex, "（二）依申请公开情况") == 3


def test_password_protected_pdf_refused():
    w = PdfWriter()
    w.add_page(PdfReader(str(HUAIAN)).pages[0])
    w.encrypt(user_password="secret", owner_password="owner")
    with pytest.raises(InputError) as info:
        read("locked.pdf", data=_pdf_bytes(w))
    assert info.value.path == "locked.pdf"
    assert "密码" in info.value.message.zh and "password" in info.value.message.en


def test_owner_password_only_pdf_is_read():
    w = PdfWriter()
    w.add_page(PdfReader(str(HUAIAN)).pages[0])
    w.encrypt(user_password="", owner_password="owner")
    ex = read("restricted.pdf", data=_pdf_bytes(w))
    assert ex.text.split("\n")[0] == "淮安市人民政府"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 50,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
    ids=["garbage", "no-pages-object"],
)
def test_corrupt_pdf_refused(data):
    with pytest.raises(InputError) as info:
        read("bad.pdf", data=data)
    assert info.value.path == "bad.pdf"
    assert "损坏" in info.value.message.zh and "damaged" in info.value.message.en


def test_not_a_pdf():
    with pytest.raises(InputError) as info:
        read("text.pdf", data="这是文字，不是 PDF".encode())
    assert "%PDF" in info.value.message.en and "PDF" in info.value.message.zh


def test_truncated_pdf_is_refused_or_partial():
    data = HUAIAN.read_bytes()
    try:
        ex = read("cut.pdf", data=data[: len(data) // 3])
    except InputError as exc:
        assert exc.path == "cut.pdf"
    else:  # pypdf may recover the pages it can reach; what it returns must be real text
        assert "淮安市人民政府" in ex.text or any(n.kind == "no-text-layer" for n in ex.notes)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["- 3 -", "正文", "更多"], ["正文", "更多"]),
        (["— 12 —", "正文"], ["正文"]),
        (["正文", "第 3 页"], ["正文"]),
        (["正文", "第3页 共6页"], ["正文"]),
        (["正文", "3/6"], ["正文"]),
        (["标题", "a", "b", "c", "- 3 -", "d", "e", "f", "g"], ["标题", "a", "b", "c", "- 3 -", "d", "e", "f", "g"]),
        (["72 64 178 37 351", "第二十条 第（五）项"], ["72 64 178 37 351", "第二十条 第（五）项"]),
        (["3", "正文"], ["3", "正文"]),  # a bare number may be a table value: kept
    ],
)
def test_page_number_lines(lines, expected):
    assert pdf_reader.page_lines("\n".join(lines)) == expected
