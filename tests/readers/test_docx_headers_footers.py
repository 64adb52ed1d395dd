"""Word .docx headers and footers: read beside the body (``Extracted.furniture``), never
into it, each part once at the first section that shows it, page numbers left out."""

from __future__ import annotations

import io
import zipfile

import pytest

from reportlint.readers import read

docx = pytest.importorskip("docx")  # python-docx: only used to *build* test files
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

BODY = ["沭阳县人民政府2021年政府信息公开工作年度报告", "一、总体情况", "2021年，我县主动公开政府信息500条。"]


def _body(d) -> None:
    for line in BODY:
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "信息内容"
    table.cell(1, 1).text = "3"


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, its shown result, end)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.text = f" {instruction} "
    run._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run(shown)
    end_run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)


def _save(d, tmp_path, name: str) -> str:
    path = tmp_path / name
    d.save(str(path))
    return str(path)


def test_header_and_footer_are_read_beside_the_body(tmp_path):
    d = docx.Document()
    _body(d)
    plain = _save(d, tmp_path, "plain.docx")
    d.sections[0].header.paragraphs[0].text = "沭阳县人民政府2021年政府信息公开工作年度报告"
    foot = d.sections[0].footer.paragraphs[0]
    foot.add_run("第 ")
    _field(foot, "PAGE", "3")
    foot.add_run(" 页 共 ")
    _field(foot, "NUMPAGES", "9")
    foot.add_run(" 页 沭阳县政府办公室")
    with_parts = _save(d, tmp_path, "parts.docx")

    a, b = read(plain), read(with_parts)
    # The body, its tables and every position are exactly as without the header/footer.
    assert b.text == a.text
    assert [[(c.text, c.start, c.end) for c in r] for g in b.grids for r in g.rows] == [
        [(c.text, c.start, c.end) for c in r] for g in a.grids for r in g.rows
    ]
    assert [b.origins.locate(i, i + 1) for i in range(len(b.text))] == [
        a.origins.locate(i, i + 1) for i in range(len(a.text))
    ]
    assert a.furniture == []
    assert [(f.kind, f.text, f.section, f.anchor, f.variant) for f in b.furniture] == [
        ("header", "沭阳县人民政府2021年政府信息公开工作年度报告", 1, 0, "default"),
        ("footer", "第  页 共  页 沭阳县政府办公室", 1, 0, "default"),  # field results left out
    ]
    assert b.furniture[0].part.startswith("word/header")
    assert b.furniture[0].where().zh == "页眉"
    assert b.furniture[1].where().en == "footer"


def test_simple_page_field_and_page_number_only_footer(tmp_path):
    d = docx.Document()
    _body(d)
    foot = d.sections[0].footer.paragraphs[0]
    foot._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>- 1 -</w:t></w:r></w:fldSimple>'
        )
    )
    d.sections[0].header.paragraphs[0].text = ""
    e = read(_save(d, tmp_path, "pages.docx"))
    assert e.furniture == []  # nothing but a page number and an empty header: nothing to check


def test_each_part_once_at_the_first_section_that_shows_it(tmp_path):
    d = docx.Document()
    _body(d)
    d.sections[0].header.paragraphs[0].text = "第一节页眉"
    d.add_section()
    d.add_paragraph("二、主动公开政府信息情况")
    d.add_section()  # section 3 keeps section 2's header (linked to the previous one)
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    second = d.sections[1]
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "第二节页眉"
    e = read(_save(d, tmp_path, "sections.docx"))
    headers = [(f.text, f.section, f.sections) for f in e.furniture if f.kind == "header"]
    assert headers == [("第一节页眉", 1, 3), ("第二节页眉", 2, 3)]
    anchor = e.furniture[1].anchor
    assert e.text[slice(*e.furniture[1].anchor_span(e.text))] == "二、主动公开政府信息情况"
    assert e.origins.locate(anchor).line == e.text[:anchor].count("\n") + 1
    assert e.furniture[1].where().zh == "第2节页眉"


def test_title_page_and_even_page_parts_only_where_word_shows_them(tmp_path):
    d = docx.Document()
    _body(d)
    s = d.sections[0]
    s.header.paragraphs[0].text = "默认页眉"
    s.first_page_header.paragraphs[0].text = "首页页眉"
    s.even_page_header.paragraphs[0].text = "偶数页页眉"
    s.different_first_page_header_footer = True
    shown = read(_save(d, tmp_path, "first.docx"))
    assert [(f.text, f.variant) for f in shown.furniture] == [("首页页眉", "first"), ("默认页眉", "default")]
    assert shown.furniture[0].where().zh == "首页页眉"

    s.different_first_page_header_footer = False
    d.settings.odd_and_even_pages_header_footer = True
    even = read(_save(d, tmp_path, "even.docx"))
    assert [(f.text, f.variant) for f in even.furniture] == [("默认页眉", "default"), ("偶数页页眉", "even")]


def test_watermark_text_box_and_table_in_a_header(tmp_path):
    d = docx.Document()
    _body(d)
    header = d.sections[0].header
    p = header.paragraphs[0]
    p.text = "沭阳县人民政府"
    p._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            '<v:shape id="PowerPlusWaterMarkObject" type="#_x0000_t136" style="width:400pt;height:100pt">'
            '<v:textpath style="font-family:SimSun" string="征求意见稿"/></v:shape></w:pict></w:r>'
        )
    )
    table = header.add_table(rows=1, cols=2, width=docx.shared.Inches(6))
    table.cell(0, 0).text = "政府信息公开"
    table.cell(0, 1).text = "2021年度"
    e = read(_save(d, tmp_path, "watermark.docx"))
    (head,) = e.furniture
    assert head.text.split("\n") == ["沭阳县人民政府", "征求意见稿", "政府信息公开 | 2021年度"]
    assert "征求意见稿" not in e.text


def test_header_part_no_section_references_is_not_read(tmp_path):
    d = docx.Document()
    _body(d)
    d.sections[0].header.paragraphs[0].text = "看得见的页眉"
    path = _save(d, tmp_path, "orphan.docx")
    # Add a header part that nothing references (left behind by an editor).
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr(
            "word/header9.xml",
            f"<w:hdr {nsdecls('w')}><w:p><w:r><w:t>草稿</w:t></w:r></w:p></w:hdr>",
        )
    (tmp_path / "orphan.docx").write_bytes(buf.getvalue())
    e = read(path)
    assert [f.text for f in e.furniture] == ["看得见的页眉"]


def _replace_member(path, name: str, data: bytes) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == name else src.read(info.filename))
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def test_damaged_or_refused_header_leaves_the_body_readable(tmp_path):
    d = docx.Document()
    _body(d)
    d.sections[0].header.paragraphs[0].text = "页眉"
    d.sections[0].footer.paragraphs[0].text = "页脚文字"
    path = _save(d, tmp_path, "damaged.docx")
    plain = read(path)
    header = next(f.part for f in plain.furniture if f.kind == "header")
    _replace_member(path, header, b"<w:hdr><w:p>")  # not well-formed
    damaged = read(path)
    assert damaged.text == plain.text
    assert [f.text for f in damaged.furniture] == ["页脚文字"]
    _replace_member(path, header, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><w:hdr/>')
    assert [f.text for f in read(path).furniture] == ["页脚文字"]
