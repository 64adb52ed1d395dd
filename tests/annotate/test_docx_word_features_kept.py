"""--annotate on a document that uses Word's features: they all survive, comments land.

The document is built with python-docx plus raw WordprocessingML for what python-docx
cannot make: a comment already in it, tracked changes by another author, content
controls (block and inline), an automatically numbered list, a VML text box, a
hyperlink, fields, a table, a header and a footer. Placeholders ``XX`` are put in
each of those places (one split over a bold and an italic run). Every finding must be
one comment on its text; the earlier comment and tracked changes stay as they were;
the new comment ids do not collide with the old; python-docx opens the copy.
"""

from __future__ import annotations

from pathlib import Path

import docx
import docx_helpers as h
from docx.oxml import parse_xml
from lxml import etree

from reportlint.annotate import annotate_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECL = (
    f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _frag(body: str):
    """Parse one element written with the w:/v: prefixes."""
    tag = body[1 : body.index(" ") if " " in body[: body.index(">")] else body.index(">")]
    return parse_xml(body.replace(f"<{tag}", f"<{tag} {DECL}", 1))


def build(path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉：某某区人民政府办公室"
    d.sections[0].footer.paragraphs[0].text = "页脚"
    d.add_paragraph("某区人民政府2024年政府信息公开工作年度报告")
    first = d.add_paragraph("本报告由区政府办公室编制，统计期限自2024年1月1日至2024年12月31日。")
    d.add_comment(first.runs[0], text="请核对统计期限", author="张三", initials="ZS")

    p = d.add_paragraph("一、总体情况（")
    bold = p.add_run("X")
    bold.bold = True
    italic = p.add_run("X")
    italic.italic = True
    p.add_run("）全年主动公开信息120条。")

    d.add_paragraph("第一项工作XX件", style="List Number")
    d.add_paragraph("第二项工作已完成", style="List Number")

    # tracked changes by another author: an insertion holding a placeholder, a deletion
    tracked = d.add_paragraph("审核后")
    tracked._p.append(
        _frag('<w:ins w:id="901" w:author="李四" w:date="2024-12-01T00:00:00Z"><w:r><w:t>补充XX条</w:t></w:r></w:ins>')
    )
    tracked._p.append(
        _frag(
            '<w:del w:id="902" w:author="李四" w:date="2024-12-01T00:00:00Z">'
            "<w:r><w:delText>删去的文字</w:delText></w:r></w:del>"
        )
    )
    tracked.add_run("。")

    # a block content control and an inline one
    body = d.element.body
    sect = body[-1]
    sect.addprevious(
        _frag(
            '<w:sdt><w:sdtPr><w:alias w:val="问题"/><w:id w:val="77"/></w:sdtPr><w:sdtContent>'
            "<w:p><w:r><w:t>存在的主要问题：XX</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    inline = d.add_paragraph("联系人：")
    inline._p.append(
        _frag(
            '<w:sdt><w:sdtPr><w:id w:val="78"/></w:sdtPr><w:sdtContent>'
            "<w:r><w:t>某某</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )

    # a VML text box anchored in a paragraph
    box = d.add_paragraph("见右侧说明")
    box._p.append(
        _frag(
            '<w:r><w:pict><v:shape style="width:120pt;height:40pt"><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>文本框中的XX</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )

    # a hyperlink and fields
    link = d.add_paragraph("详见")
    link._p.append(_frag('<w:hyperlink w:anchor="top"><w:r><w:t>附件XX</w:t></w:r></w:hyperlink>'))
    field = d.add_paragraph("第")
    field._p.append(_frag('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    field._p.append(_frag('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'))
    field._p.append(_frag('<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'))
    field._p.append(_frag('<w:r><w:fldChar w:fldCharType="separate"/></w:r>'))
    field._p.append(_frag("<w:r><w:t>3</w:t></w:r>"))
    field._p.append(_frag('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    field.add_run("页")

    table = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["项目", "数量", "备注"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["申请", "XX", ""]):
        table.cell(1, c).text = text
    d.add_paragraph("某区人民政府办公室")
    d.add_paragraph("2025年1月20日")
    d.save(str(path))


def test_word_features_survive_and_every_finding_is_a_comment(tmp_path: Path) -> None:
    source = tmp_path / "features.docx"
    build(source)
    original = source.read_bytes()
    old_comments = h.comments(original)
    assert len(old_comments) == 1
    diags = h.lint(source, force_report=True)
    placeholders = [d for d in diags if d.code == "RL701"]
    assert len(placeholders) >= 8, [d.message.en for d in placeholders]

    out = annotate_file(str(source), diags, str(tmp_path / "out.docx"), "zh")
    data = Path(out.path).read_bytes()
    extracted = h.read_text(original)
    ranges = h.comment_ranges(data)
    notes = h.comments(data)
    # the earlier comment is kept as it was, and no id is used twice
    for cid, note in old_comments.items():
        assert notes[cid] == note
    new_ids = sorted(set(notes) - set(old_comments), key=int)
    assert len(new_ids) == len(diags)
    assert len(h.comment_references(data)) == len(set(h.comment_references(data))) == len(notes)
    for diag, cid in zip(diags, new_ids):
        assert notes[cid]["author"] == "reportlint"
        assert h.norm(ranges[cid]) == h.expected_anchor(extracted, diag), (diag.code, diag.location)
    placeholder_texts = sorted(ranges[cid] for diag, cid in zip(diags, new_ids) if diag.code == "RL701")
    assert placeholder_texts.count("XX") >= 7  # split runs, numbering, ins, sdt, box, link, cell

    # everything read back is the same: text and findings
    assert h.read_text(data).text == extracted.text
    copy = tmp_path / "copy.docx"
    copy.write_bytes(data)
    assert h.findings_key(h.lint(copy, force_report=True)) == h.findings_key(diags)

    # the other author's tracked changes, the fields, the content controls are all still there
    root = etree.fromstring(h.member(data, "word/document.xml"))
    w = h.W
    assert [e.get(w + "author") for e in root.iter(w + "ins")] == ["李四"]
    assert [e.get(w + "author") for e in root.iter(w + "del")] == ["李四"]
    assert len(list(root.iter(w + "sdt"))) == 2
    assert len(list(root.iter(w + "fldSimple"))) == 1 and len(list(root.iter(w + "fldChar"))) == 3
    assert len(list(root.iter(w + "txbxContent"))) == 1
    # the bold and the italic X keep their looks after the split
    xs = [r for r in root.iter(w + "r") if "".join(t.text or "" for t in r.iter(w + "t")) == "X"]
    assert [r.find(f"{w}rPr/{w}b") is not None for r in xs] == [True, False]
    assert [r.find(f"{w}rPr/{w}i") is not None for r in xs] == [False, True]

    # all other parts (styles, numbering, header, footer, settings…) are byte-identical
    before, after = h.raw_members(original), h.raw_members(data)
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= {"word/document.xml", "word/comments.xml"}
    assert set(after) == set(before)

    # python-docx opens the copy and sees every comment
    opened = docx.Document(str(copy))
    assert len(list(opened.comments)) == len(notes)
