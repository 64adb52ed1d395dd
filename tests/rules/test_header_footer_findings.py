"""Findings in the headers and footers of a .docx (RL701 placeholders, RL702 draft
markers, RL605 stale years): found there, placed at the start of the section that shows
the part, the part named in the message — and the body's findings unchanged by them."""

from __future__ import annotations

import pytest

from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter

docx = pytest.importorskip("docx")  # python-docx: only used to *build* test files
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

REGISTRY = load_registry(no_plugins=True)
CODES = ("RL605", "RL701", "RL702")
BODY = [
    "沭阳县科学技术局2021年政府信息公开工作年度报告",
    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
    "一、总体情况",
    "2021年，沭阳县科学技术局主动公开政府信息120条，公开征求意见稿3件。",
]


def _lint(path):
    result = Linter(REGISTRY, ConfigLoader(None, isolated=True)).lint_path(str(path))
    assert result.error is None, result.error
    return result.diagnostics


def _document(header: str = "", footer: str = ""):
    d = docx.Document()
    for line in BODY:
        d.add_paragraph(line)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    return d


def _found(path, codes=CODES):
    return [(d.code, d.location.line, d.location.column, d.message.zh) for d in _lint(path) if d.code in codes]


def test_draft_label_placeholder_and_stale_year_in_header_and_footer(tmp_path):
    path = tmp_path / "report.docx"
    _document(header="2020年政府信息公开工作年度报告（征求意见稿）", footer="单击或点击此处输入文字。").save(str(path))
    found = _found(path)
    assert [(c, line, col) for c, line, col, _ in found] == [("RL605", 1, 1), ("RL701", 1, 1), ("RL702", 1, 1)]
    messages = {c: m for c, _, _, m in found}
    assert "页眉写的是“2020年政府信息公开工作年度报告”" in messages["RL605"]
    assert "改为“2021年”" in messages["RL605"]
    assert messages["RL701"].startswith("页脚中残留占位文字“单击或点击此处输入文字。”")
    assert messages["RL702"].startswith("页眉中有草稿标记“（征求意见稿）”")
    data = {d.code: d.data for d in _lint(path) if d.code in CODES}
    assert data["RL702"]["furniture"] == "header" and data["RL702"]["part"].startswith("word/header")


def test_watermark_draft_label_and_second_section_position(tmp_path):
    d = _document()
    d.add_section()
    d.add_paragraph("二、主动公开政府信息情况")
    second = d.sections[1]
    second.header.is_linked_to_previous = False
    p = second.header.paragraphs[0]
    p._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape type="#_x0000_t136">'
            '<v:textpath string="草稿"/></v:shape></w:pict></w:r>'
        )
    )
    path = tmp_path / "watermark.docx"
    d.save(str(path))
    found = _found(path, ("RL702",))
    assert len(found) == 1
    _code, line, col, message = found[0]
    # placed on the first line of section 2 ("二、主动公开…", after the empty section break)
    assert (line, col) == (len(BODY) + 2, 1)
    assert message.startswith("第2节页眉中有草稿标记“草稿”")


def test_correct_header_and_page_number_footer_are_clean(tmp_path):
    d = _document(header="沭阳县科学技术局2021年政府信息公开工作年度报告")
    foot = d.sections[0].footer.paragraphs[0]
    foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>- 1 -</w:t></w:r></w:fldSimple>'))
    foot.add_run("  2022年1月20日印发 ________________")
    path = tmp_path / "clean.docx"
    d.save(str(path))
    assert _found(path) == []


def test_header_and_footer_change_no_finding_of_the_body(tmp_path):
    plain, framed = tmp_path / "plain.docx", tmp_path / "framed.docx"
    _document().save(str(plain))
    _document(header="沭阳县科学技术局2021年政府信息公开工作年度报告", footer="沭阳县科学技术局").save(str(framed))

    def key(diags):
        return [(d.code, d.location, d.message) for d in diags]

    assert key(_lint(framed)) == key(_lint(plain))
