"""The .odt reader: text and real grids from OpenDocument files the tests write, and
one clear bilingual message for files it cannot read."""

from __future__ import annotations

import io
import zipfile

import pytest
from readers_helpers import CJK, assert_one_clear_message, grid_shape, run_check

from reportlint.readers import read

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)
MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt(body: str, manifest: str | None = None, mimetype: bytes = MIMETYPE, styles: str = "") -> bytes:
    """An .odt package as LibreOffice lays it out: an uncompressed mimetype first."""
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr(
            "META-INF/manifest.xml",
            manifest
            or f'<manifest:manifest {NS}><manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE.decode()}"/></manifest:manifest>',
        )
    return out.getvalue()


def p(text: str) -> str:
    return f"<text:p>{text}</text:p>"


def cell(text: str, extra: str = "") -> str:
    return f"<table:table-cell {extra}>{p(text)}</table:table-cell>"


COVERED = "<table:covered-table-cell/>"


def test_paragraphs_text_and_positions(tmp_path):
    body = (
        p("某某局2024年政府信息公开工作年度报告")
        + '<text:h text:outline-level="1">一、总体情况</text:h>'
        + p('主动<text:span>公开</text:span>信息<text:s text:c="2"/>共<text:tab/>10条<text:line-break/>第二行')
        + "<text:list><text:list-item>"
        + p("列表中的段落")
        + "</text:list-item></text:list>"
        + p(
            "正文<text:note><text:note-citation>1</text:note-citation><text:note-body>"
            + p("脚注不读")
            + "</text:note-body></text:note>结束"
        )
        + p("批注<office:annotation><text:p>批注内容</text:p></office:annotation>之后")
        + "<text:tracked-changes><text:changed-region><text:deletion>"
        + p("已删除")
        + "</text:deletion></text:changed-region></text:tracked-changes>"
        + "<text:section>"
        + p("节中的段落")
        + "</text:section>"
    )
    path = tmp_path / "r.odt"
    path.write_bytes(odt(body))
    ex = read(str(path))
    assert ex.kind == "odt"
    assert ex.text.split("\n") == [
        "某某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "主动公开信息  共\t10条",
        "第二行",
        "列表中的段落",
        "正文结束",
        "批注之后",
        "节中的段落",
    ]
    loc = ex.origins.locate(ex.text.index("节中的段落"))
    assert loc.paragraph == 7
    assert loc.line == 8


def test_automatic_list_numbers_are_rendered(tmp_path):
    styles = (
        '<text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
        '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" '
        'style:num-suffix="）"/>'
        "</text:list-style>"
        '<text:list-style style:name="L2">'
        '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
        "</text:list-style>"
        '<text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
        "</text:list-style>"
    )

    def item(text, inner=""):
        return f"<text:list-item>{p(text)}{inner}</text:list-item>"

    body = (
        '<text:list text:style-name="L1">'
        + item("总体情况", "<text:list>" + item("主动公开") + item("依申请公开") + "</text:list>")
        + "</text:list>"
        + p("正文")
        + '<text:list text:style-name="L1" text:continue-numbering="true">'
        + item("主动公开政府信息情况")
        + "</text:list>"
        + '<text:list text:style-name="L2">'
        + item("第一")
        + item("第二")
        + "</text:list>"
        + '<text:list text:style-name="B">'
        + item("要点")
        + "</text:list>"
        + '<text:list text:style-name="L2">'
        + item("重新开始")
        + "</text:list>"
    )
    path = tmp_path / "list.odt"
    path.write_bytes(odt(body, styles=styles))
    assert read(str(path)).text.split("\n") == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "正文",
        "二、主动公开政府信息情况",
        "1.第一",
        "2.第二",
        "要点",
        "1.重新开始",
    ]


def test_outline_numbered_headings(tmp_path):
    styles = (
        '<text:outline-style style:name="Outline">'
        '<text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
        '<text:outline-level-style text:level="2" style:num-format=""/>'
        "</text:outline-style>"
    )
    body = (
        p("标题")
        + '<text:h text:outline-level="1">总体情况</text:h>'
        + '<text:h text:outline-level="2">不编号的小标题</text:h>'
        + '<text:h text:outline-level="1">主动公开政府信息情况</text:h>'
    )
    path = tmp_path / "outline.odt"
    path.write_bytes(odt(body, styles=styles))
    assert read(str(path)).text.split("\n") == ["标题", "一、总体情况", "不编号的小标题", "二、主动公开政府信息情况"]


def test_table_with_merged_cells_is_a_real_grid(tmp_path):
    table = (
        '<table:table><table:table-column table:number-columns-repeated="3"/>'
        "<table:table-header-rows><table:table-row>"
        + cell("项目", 'table:number-rows-spanned="2"')
        + cell("申请人情况", 'table:number-columns-spanned="2"')
        + COVERED
        + "</table:table-row></table:table-header-rows>"
        "<table:table-row>" + COVERED + cell("自然人") + cell("法人") + "</table:table-row>"
        "<table:table-row>" + cell("新收申请") + cell("5") + cell("") + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="3"/></table:table-row>'
        "</table:table>"
    )
    path = tmp_path / "t.odt"
    path.write_bytes(odt(p("前文") + table + p("后文")))
    ex = read(str(path))
    assert len(ex.grids) == 1
    assert grid_shape(ex.grids[0]) == [
        [("项目", 2, 1, False), ("申请人情况", 1, 2, False), ("申请人情况", 1, 2, True)],
        [("项目", 2, 1, True), ("自然人", 1, 1, False), ("法人", 1, 1, False)],
        [("新收申请", 1, 1, False), ("5", 1, 1, False), ("", 1, 1, False)],
    ]
    assert ex.text.split("\n") == ["前文", "项目 | 申请人情况 | ", " | 自然人 | 法人", "新收申请 | 5 | ", "后文"]
    gc = ex.grids[0].rows[1][2]
    assert ex.text[gc.start : gc.end] == "法人"
    loc = ex.origins.locate(gc.start)
    assert (loc.cell.grid, loc.cell.grid_row, loc.cell.grid_column) == (1, 2, 3)


def test_nested_table_is_flattened_into_its_cell(tmp_path):
    inner = "<table:table><table:table-row>" + cell("甲") + cell("乙") + "</table:table-row></table:table>"
    outer = (
        "<table:table><table:table-row>"
        + cell("外")
        + f"<table:table-cell>{p('前')}{inner}</table:table-cell>"
        + "</table:table-row></table:table>"
    )
    path = tmp_path / "n.odt"
    path.write_bytes(odt(outer))
    ex = read(str(path))
    assert len(ex.grids) == 1
    assert ex.text == "外 | 前 甲 乙"


@pytest.mark.parametrize("suffix", [".odt", ".docx", ".doc"])
def test_recognised_by_content_whatever_the_suffix(tmp_path, suffix):
    path = tmp_path / f"renamed{suffix}"
    path.write_bytes(odt(p("内容")))
    ex = read(str(path))
    assert (ex.kind, ex.text) == ("odt", "内容")


def test_damaged_odt_says_what_to_do(tmp_path):
    path = tmp_path / "damaged.odt"
    path.write_bytes(odt(p("内容"))[:200])
    line = assert_one_clear_message(run_check(path), path, ".odt", "损坏", "另存为")
    assert "未发现问题" not in line
    en = assert_one_clear_message(run_check(path, "--lang", "en"), path, ".odt", "damaged", "Save As")
    assert not CJK.search(en.replace(str(path), ""))


def test_encrypted_odt(tmp_path):
    manifest = (
        f'<manifest:manifest {NS}><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
        "</manifest:file-entry></manifest:manifest>"
    )
    path = tmp_path / "secret.odt"
    path.write_bytes(odt(p("内容"), manifest=manifest))
    assert_one_clear_message(run_check(path), path, "加密", "密码", "另存为")


def test_spreadsheet_odf_is_refused(tmp_path):
    path = tmp_path / "sheet.odt"
    path.write_bytes(odt(p("x"), mimetype=b"application/vnd.oasis.opendocument.spreadsheet"))
    assert_one_clear_message(run_check(path), path, "spreadsheet", "另存为")


def test_zip_bomb_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", b"<" + b" " * (60 * 1024 * 1024))
    path = tmp_path / "bomb.odt"
    path.write_bytes(out.getvalue())
    assert_one_clear_message(run_check(path), path, "压缩炸弹")


def test_entities_and_deep_nesting_are_refused(tmp_path):
    path = tmp_path / "entity.odt"
    body = p("x")
    data = odt(body)
    # Replace content.xml by one with an entity declaration (billion laughs).
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "content.xml":
                content = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + content.split(b"?>", 1)[1]
            z.writestr(info, content)
    path.write_bytes(out.getvalue())
    assert_one_clear_message(run_check(path), path, "DOCTYPE")

    deep = tmp_path / "deep.odt"
    deep.write_bytes(odt("<text:section>" * 5000 + p("x") + "</text:section>" * 5000))
    assert_one_clear_message(run_check(deep), deep, "嵌套过深")
