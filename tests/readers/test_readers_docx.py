"""Word .docx reader: the blank 2021 template (made in WPS) and small files built here."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from reportlint.core.diagnostics import CellRef
from reportlint.core.errors import InputError
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

docx = pytest.importorskip("docx")  # python-docx: only used to *build* test files

TEMPLATE = FIXTURES / "template-2021-blank.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def template():
    return read(str(TEMPLATE))


def rendered(row) -> str:
    return " | ".join("" if c.merged else c.text for c in row)


def test_template_grids_and_shapes(template):
    assert template.kind == "docx"
    assert [g.index for g in template.grids] == [1, 2, 3]
    shapes = [(len(g.rows), {len(r) for r in g.rows}) for g in template.grids]
    assert shapes == [(14, {4}), (28, {10}), (4, {15})]
    merged = [sum(c.merged for r in g.rows for c in r) for g in template.grids]
    assert merged == [26, 65, 26]


def test_template_rows_are_lines(template):
    lines = template.text.split("\n")
    for g in template.grids:
        for row in g.rows:
            line_no = template.text[: row[0].start].count("\n") if not row[0].merged else None
            # Every row is exactly one line made of its cells joined by " | ".
            assert rendered(row) in lines
            if line_no is not None:
                assert lines[line_no] == rendered(row)
        assert template.text[g.start : g.end] == "\n".join(rendered(r) for r in g.rows)
        for row in g.rows:
            for cell in row:
                assert template.text[cell.start : cell.end] == cell.text


def test_template_table2_layout(template):
    g = template.grids[0]
    assert [c.text for c in g.rows[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    head = g.rows[0][0]
    assert head.text == "第二十条第（一）项" and head.colspan == 4 and not head.merged
    assert all(c.merged and c.start == head.start for c in g.rows[0][1:])
    labels = {"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"}
    value_cells = [c for r in g.rows if r[0].text in labels for c in r[1:] if not c.merged]
    assert len(value_cells) == 10  # the 2021 layout has ten value cells
    assert all(c.text == "" for c in value_cells)  # blank template (full-width spaces stripped)
    licence = next(r for r in g.rows if r[0].text == "行政许可")
    assert licence[1].colspan == 3 and licence[2].merged and licence[3].merged


def test_template_table3_layout(template):
    g = template.grids[1]
    corner = g.rows[0][0]
    assert corner.text.startswith("（本列数据的勾稽关系为") and (corner.rowspan, corner.colspan) == (3, 3)
    assert [c.text for c in g.rows[2][3:10]] == [
        "自然人",
        "商业 企业",
        "科研 机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert g.rows[1][3].text == "自然人" and g.rows[1][3].rowspan == 2 and g.rows[2][3].merged
    assert g.rows[1][9].text == "总计" and g.rows[2][9].merged
    group = g.rows[5][0]
    assert group.text == "三、本年度办理结果" and group.rowspan == 22  # （一）…（七）总计
    assert all(g.rows[r][0].merged and g.rows[r][0].start == group.start for r in range(6, 27))
    withheld = g.rows[7][1]
    assert withheld.text == "（三）不予公开" and withheld.rowspan == 8
    assert [g.rows[r][2].text for r in (7, 14)] == ["1.属于国家秘密", "8.属于行政查询事项"]
    assert g.rows[27][0].text == "四、结转下年度继续办理" and g.rows[27][0].colspan == 3
    values = [g.rows[r][c] for r in range(3, 28) for c in range(3, 10)]
    assert len(values) == 175
    assert all(v.text == "" and not v.merged for v in values)


def test_template_table4_layout(template):
    g = template.grids[2]
    assert g.rows[0][0].text == "行政复议" and g.rows[0][0].colspan == 5
    assert g.rows[0][5].text == "行政诉讼" and g.rows[0][5].colspan == 10
    assert g.rows[1][1].text == "结果 纠正" and g.rows[1][1].rowspan == 2  # w:br inside the cell
    assert [c.text for c in g.rows[2][5:10]] == ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
    assert [c.text for c in g.rows[3]] == [""] * 15


def test_template_cells_locate_to_cell_refs(template):
    g = template.grids[1]
    cell = g.rows[10][4]
    loc = template.origins.locate(cell.start, cell.end)
    assert loc.cell == CellRef(table="grid", grid=2, grid_row=11, grid_column=5)
    line = template.text[: cell.start].count("\n") + 1
    assert loc.line == line
    assert loc.column == cell.start - template.text.rfind("\n", 0, cell.start)
    label = g.rows[10][2]
    loc = template.origins.locate(label.start, label.end)
    assert loc.cell.grid_column == 3 and loc.end_column - loc.column == len(label.text)


def test_template_placeholders_and_paragraphs(template):
    doc = docx.Document(str(TEMPLATE))
    body = [p.text for p in doc.paragraphs]  # body paragraphs in order (python-docx's view)
    found = [
        (m.group(), template.origins.locate(m.start(), m.end()))
        for m in re.finditer(r"（文字描述[^）]*）", template.text)
    ]
    assert [t for t, _ in found] == ["（文字描述）", "（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）"]
    for text, loc in found:
        assert body[loc.paragraph - 1] == text
        assert template.origins.line_text(loc.line) == text
        assert loc.column == 1 and loc.cell is None
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]  # fmt: skip
    lines = template.text.split("\n")
    for h in headings:
        assert h in lines
        loc = template.origins.locate(template.text.index(h))
        assert body[loc.paragraph - 1] == h
    # Every body paragraph is a line (empty ones too), in document order.
    assert [ln for ln in lines if " | " not in ln and ln] == [t for t in body if t]
    assert len([ln for ln in lines if " | " not in ln]) == len(body)
    # Empty paragraphs map to themselves.
    empty = lines.index("")
    loc = template.origins.locate(template.origins.line_start(empty + 1))
    assert loc.line == empty + 1 and loc.paragraph == 1


# -- files built with python-docx ---------------------------------------------------------


def build(fn) -> bytes:
    d = docx.Document()
    fn(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def with_body(body_xml: str) -> bytes:
    """A .docx made by python-docx whose body is replaced by ``body_xml``."""
    base = build(lambda d: d.add_paragraph("x"))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
    )
    return replace_member(base, "word/document.xml", xml.encode("utf-8"))


def replace_member(data: bytes, name: str, content: bytes | None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == name:
                if content is not None:
                    z.writestr(name, content)
            else:
                z.writestr(info, src.read(info))
    return out.getvalue()


def test_python_docx_merged_table_and_order():
    def make(d):
        d.add_paragraph("某某局2021年政府信息公开工作年度报告")
        run = d.add_paragraph().add_run("第一行")
        run.add_break()
        run.add_text("第二行\t制表")
        t = d.add_table(rows=4, cols=4)
        t.cell(0, 0).merge(t.cell(1, 1)).text = "合并"  # 2×2 block
        t.cell(0, 2).merge(t.cell(0, 3)).text = "横向"
        t.cell(1, 2).text = "a"
        t.cell(1, 3).text = "b"
        t.cell(2, 0).merge(t.cell(3, 0)).text = "纵向"
        for r in (2, 3):
            for c in (1, 2, 3):
                t.cell(r, c).text = str(r * 10 + c)
        d.add_paragraph("表后段落")

    ex = read("built.docx", data=build(make))
    assert ex.text.split("\n") == [
        "某某局2021年政府信息公开工作年度报告",
        "第一行",
        "第二行\t制表",
        "合并 |  | 横向 | ",
        " |  | a | b",
        "纵向 | 21 | 22 | 23",
        " | 31 | 32 | 33",
        "表后段落",
    ]
    g = ex.grids[0]
    top = g.rows[0][0]
    assert (top.rowspan, top.colspan) == (2, 2)
    assert [(c.merged, c.start) for c in (g.rows[0][1], g.rows[1][0], g.rows[1][1])] == [(True, top.start)] * 3
    assert g.rows[0][2].colspan == 2 and g.rows[0][3].merged
    assert g.rows[2][0].rowspan == 2 and g.rows[3][0].merged and g.rows[3][0].text == "纵向"
    # Paragraph numbers: the paragraph after the table is body paragraph 3.
    loc = ex.origins.locate(ex.text.index("表后段落"))
    assert loc.paragraph == 3 and loc.line == 8 and loc.column == 1
    loc = ex.origins.locate(ex.text.index("第二行"))
    assert loc.paragraph == 2 and loc.line == 3
    loc = ex.origins.locate(ex.text.index("23"))
    assert loc.cell == CellRef(table="grid", grid=1, grid_row=3, grid_column=4) and loc.line == 6


def test_list_numbers_are_rendered():
    def make(d):
        d.add_paragraph("总体情况", style="List Number")
        d.add_paragraph("主动公开", style="List Number")
        d.add_paragraph("正文")

    ex = read("num.docx", data=build(make))
    lines = ex.text.split("\n")
    assert lines[0].endswith("总体情况") and lines[0] != "总体情况"
    assert re.match(r"1\W", lines[0]) and re.match(r"2\W", lines[1])
    assert lines[2] == "正文"


def test_chinese_list_numbers_from_numbering_part():
    numbering = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>""".encode()

    def p(text, lvl=None):
        ppr = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="3"/></w:numPr></w:pPr>' if lvl is not None else ""
        )
        return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"

    body = "".join(
        [p("总体情况", 0), p("主动公开情况", 1), p("依申请公开情况", 1), p("正文")]
        + [p(f"第{i}节", 0) for i in range(2, 12)]
    )
    data = _add_member(with_body(body), "word/numbering.xml", numbering)
    ex = read("cn.docx", data=data)
    lines = ex.text.split("\n")
    assert lines[:4] == ["一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "正文"]
    assert lines[4] == "二、第2节" and lines[12] == "十、第10节" and lines[13] == "十一、第11节"


def _add_member(data: bytes, name: str, content: bytes) -> bytes:
    data = replace_member(data, name, None)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, content)
    return out.getvalue()


def test_sdt_grid_before_deleted_text_and_alternate_content():
    body = """
    <w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>
      <w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>
    </w:sdtContent></w:sdt>
    <w:p><w:r><w:t xml:space="preserve">保留 </w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>
      <w:ins><w:r><w:t>插入的</w:t></w:r></w:ins>
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
      <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>
        <w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
      </mc:AlternateContent></w:r>
    </w:p>
    <w:tbl>
      <w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>跨两列</w:t></w:r></w:p></w:tc></w:tr>
      <w:sdt><w:sdtContent><w:tr>
            <w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc>
            <w:tc><w:p/></w:tc>
            <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc>
                             <w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>
      </w:tr></w:sdtContent></w:sdt>
    </w:tbl>"""
    ex = read("x.docx", data=with_body(body))
    assert ex.text.split("\n") == [
        "控件里的段落",
        "保留 插入的7",
        "文本框",  # the text box once (the VML fallback copy is skipped)
        "a | b | c",
        " | 跨两列 | ",
        "x y |  | 内 表",
    ]
    g = ex.grids[0]
    assert [c.text for c in g.rows[1]] == ["", "跨两列", "跨两列"]
    assert [c.merged for c in g.rows[1]] == [False, False, True]
    assert ex.origins.locate(0).paragraph == 1
    assert ex.origins.locate(ex.text.index("文本框")).paragraph == 2


def test_not_a_docx():
    with pytest.raises(InputError) as info:
        read("plain.docx", data=b"just some text, not a zip")
    assert info.value.path == "plain.docx"
    assert "ZIP" in info.value.message.zh and "ZIP" in info.value.message.en


def test_missing_document_part():
    data = replace_member(TEMPLATE.read_bytes(), "word/document.xml", None)
    with pytest.raises(InputError) as info:
        read("nodoc.docx", data=data)
    assert "document.xml" in info.value.message.en and "document.xml" in info.value.message.zh


def test_malformed_xml():
    data = replace_member(TEMPLATE.read_bytes(), "word/document.xml", b"<w:document><w:body><w:p>")
    with pytest.raises(InputError) as info:
        read("broken.docx", data=data)
    assert "damaged" in info.value.message.en and "损坏" in info.value.message.zh


def test_legacy_doc_is_named():
    with pytest.raises(InputError) as info:
        read("old.docx", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".doc" in info.value.message.en and ".doc" in info.value.message.zh
