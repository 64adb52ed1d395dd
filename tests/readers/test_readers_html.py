"""HTML reader: visible text, block lines, tables with row/colspans, source positions."""

from __future__ import annotations

import html as htmllib
from pathlib import Path

import pytest

from reportlint.core.diagnostics import CellRef
from reportlint.core.errors import InputError
from reportlint.readers import html as html_reader
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def read_html(source: str | bytes, path: str = "page.html"):
    data = source.encode("utf-8") if isinstance(source, str) else source
    return read(path, data=data)


def source_at(source: str, line: int, col: int) -> str:
    return source.split("\n")[line - 1][col - 1 :]


def line_of(ex, needle: str) -> int:
    return ex.text[: ex.text.index(needle)].count("\n") + 1


def check_segments(ex) -> None:
    """Invariants every HTML origin map must satisfy."""
    segs = sorted(ex.origins._segments or [], key=lambda s: s.start)
    src = ex.source_text
    for i, seg in enumerate(segs):
        end = segs[i + 1].start if i + 1 < len(segs) else len(ex.text)
        run = ex.text[seg.start : end]
        # A run never crosses a newline of the extracted text (it may end with one).
        assert "\n" not in run[:-1], (seg, run)
        # It starts where the source has that text (or the tag / reference producing it).
        at = source_at(src, seg.line, seg.column)
        first = run[:1]
        assert at[:1] in (first, "&", "<") or first in ("", " ", "\n"), (seg, run[:20], at[:20])


PAGE = """<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>页面标题不应出现</title>
  <style>p { color: red }</style>
  <script>var s = "<p>脚本</p>";</script>
</head>
<body>
<nav><a href="/">首页</a> | <a href="/gk">政务公开</a></nav>
<!-- 注释不应出现 -->
<h1>某某局2021年政府信息公开工作年度报告</h1>
<div class="article">
<p>本报告中所列数据的统计期限自2021年1月1日起
至2021年12月31日止。</p>
<p>一、总体情况<br>（一）主动公开情况。</p>
<ul><li>第一项</li><li>第二项</li></ul>
<div style="display: none">隐藏文字</div>
<p hidden>也隐藏</p>
<p>甲&nbsp;&nbsp;乙 &amp; 丙&#20013;&#x6587;</p>
</div>
<footer>版权所有</footer>
</body>
</html>
"""


def test_visible_text_only_and_block_lines():
    ex = read_html(PAGE)
    assert ex.kind == "html"
    assert ex.text.split("\n") == [
        "某某局2021年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2021年1月1日起 至2021年12月31日止。",
        "一、总体情况",
        "（一）主动公开情况。",
        "第一项",
        "第二项",
        "甲\xa0\xa0乙 & 丙中文",
        "版权所有",
    ]
    for hidden in ("页面标题", "color", "脚本", "首页", "注释", "隐藏文字", "也隐藏"):
        assert hidden not in ex.text
    assert ex.source == PAGE  # suppression comments are read from the markup
    assert ex.grids == []
    check_segments(ex)


def test_positions_point_into_the_html_source():
    ex = read_html(PAGE)
    src_lines = PAGE.split("\n")

    def where(needle):
        off = ex.text.index(needle)
        return ex.origins.locate(off, off + len(needle))

    loc = where("某某局")
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("某某局2021年")
    # A paragraph that spans two source lines: the second half starts on the next line.
    loc = where("至2021年12月31日止")
    assert loc.line == src_lines.index("至2021年12月31日止。</p>") + 1 and loc.column == 1
    # After <br>, a new line of extracted text, mapped to its own source column.
    loc = where("（一）主动公开情况")
    line = src_lines[loc.line - 1]
    assert line[loc.column - 1 :].startswith("（一）主动公开情况")
    # After character references the columns still match the source.
    loc = where("乙")
    assert src_lines[loc.line - 1][loc.column - 1] == "乙"
    loc = where("丙")
    assert src_lines[loc.line - 1][loc.column - 1] == "丙"
    off = ex.text.index("丙中文") + 1  # 中 comes from &#20013;
    loc = ex.origins.locate(off, off + 1)
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("&#20013;")
    # An end offset on the same run gives an exclusive end column.
    loc = where("某某局")
    assert loc.end_line == loc.line and loc.end_column == loc.column + 3


TABLE = """<html><body>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
  <tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
      <td colspan="7">申请人情况</td></tr>
  <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
  <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
  <tr><td colspan="3">一、本年新收政府信息公开申请数量</td>
      <td>3001</td><td>53</td><td>0</td><td>&nbsp;</td><td>61</td><td>4</td><td>  3119 </td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
</body></html>
"""


def test_table_with_rowspan_and_colspan():
    ex = read_html(TABLE)
    assert len(ex.grids) == 1
    g = ex.grids[0]
    assert g.index == 1
    assert [len(r) for r in g.rows] == [10, 10, 10, 10]
    # The top-left merged cell covers rows 0-2, columns 0-2.
    top = g.rows[0][0]
    assert (top.rowspan, top.colspan, top.merged) == (3, 3, False)
    assert top.text.startswith("（本列数据的勾稽关系为")
    for r in range(3):
        for c in range(3):
            if (r, c) != (0, 0):
                cell = g.rows[r][c]
                assert cell.merged and (cell.start, cell.end) == (top.start, top.end), (r, c)
                assert cell.text == top.text
    assert g.rows[1][3].text == "自然人" and g.rows[2][3].merged
    assert g.rows[1][9].text == "总计" and g.rows[2][9].merged and g.rows[2][9].rowspan == 2
    assert [c.text for c in g.rows[2][4:9]] == ["商业 企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    values = g.rows[3]
    assert values[0].text == "一、本年新收政府信息公开申请数量" and values[0].colspan == 3
    assert [c.text for c in values[3:]] == ["3001", "53", "0", "", "61", "4", "3119"]
    assert values[6].merged is False  # &nbsp; is a blank cell, not a merge
    # Each GridCell's span is its text in the extracted text.
    for row in g.rows:
        for cell in row:
            assert ex.text[cell.start : cell.end] == cell.text
    # One line per row, cells joined by " | ", covered positions empty.
    lines = ex.text.split("\n")
    i = lines.index("三、收到和处理政府信息公开申请情况")
    assert lines[i + 1] == top.text + " |  |  | 申请人情况" + " | " * 6
    assert lines[i + 2] == " |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计"
    assert lines[i + 3] == " |  |  |  | 商业 企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | "
    assert lines[i + 4] == "一、本年新收政府信息公开申请数量 |  |  | 3001 | 53 | 0 |  | 61 | 4 | 3119"
    assert lines[i + 5] == "四、政府信息公开行政复议、行政诉讼情况"
    assert ex.text[g.start : g.end] == "\n".join(lines[i + 1 : i + 5])
    check_segments(ex)


def test_table_cells_have_cell_refs_and_source_positions():
    ex = read_html(TABLE)
    g = ex.grids[0]
    src_lines = TABLE.split("\n")
    cell = g.rows[3][3]  # 3001
    loc = ex.origins.locate(cell.start, cell.end)
    assert loc.cell == CellRef(table="grid", grid=1, grid_row=4, grid_column=4)
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("3001</td>")
    blank = g.rows[3][6]  # &nbsp;
    loc = ex.origins.locate(blank.start, blank.end)
    assert loc.cell == CellRef(table="grid", grid=1, grid_row=4, grid_column=7)
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("<td>&nbsp;</td>")
    padded = g.rows[3][9]  # "  3119 " is stripped
    loc = ex.origins.locate(padded.start, padded.end)
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("3119 </td>")
    # A cell whose text spans a <br>: second part is still in the same cell.
    two = g.rows[2][4]
    off = two.start + two.text.index("企业")
    loc = ex.origins.locate(off)
    assert loc.cell.grid_column == 5
    assert src_lines[loc.line - 1][loc.column - 1 :].startswith("企业</td>")


def test_layout_table_around_data_table():
    page = """<table width="100%"><tr><td>
    <div class="nav">导航</div></td><td>
    <p>某某局2021年政府信息公开工作年度报告</p>
    <p>二、主动公开政府信息情况</p>
    <table><tr><th>信息内容</th><th>本年制发件数</th></tr>
           <tr><td>规章</td><td>0</td></tr></table>
    <p>五、存在的主要问题及改进情况</p>
    </td></tr></table>"""
    ex = read_html(page)
    assert ex.text.split("\n") == [
        "导航",
        "某某局2021年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "信息内容 | 本年制发件数",
        "规章 | 0",
        "五、存在的主要问题及改进情况",
    ]
    assert len(ex.grids) == 1 and [[c.text for c in r] for r in ex.grids[0].rows] == [
        ["信息内容", "本年制发件数"],
        ["规章", "0"],
    ]
    check_segments(ex)


def test_single_column_table_is_layout():
    ex = read_html("<table><tr><td><p>第一段</p><p>第二段</p></td></tr><tr><td>第三段</td></tr></table>")
    assert ex.grids == []
    assert ex.text.split("\n") == ["第一段", "第二段", "第三段"]


def test_ragged_rows_are_padded_and_unclosed_cells_handled():
    ex = read_html("<table><tr><td>a<td>b<td>c<tr><td>d<td>e</table><p>after")
    g = ex.grids[0]
    assert [[c.text for c in r] for r in g.rows] == [["a", "b", "c"], ["d", "e", ""]]
    assert ex.text.split("\n") == ["a | b | c", "d | e | ", "after"]
    assert not g.rows[1][2].merged


def test_rowspan_zero_and_overlong_rowspan_are_clipped():
    ex = read_html(
        "<table><tr><td rowspan=0>x</td><td>1</td></tr><tr><td>2</td></tr>"
        "<tr><td rowspan=99>y</td><td>3</td></tr></table>"
    )
    g = ex.grids[0]
    assert len(g.rows) == 3
    assert g.rows[0][0].rowspan == 3
    assert [c.merged for c in (g.rows[1][0], g.rows[2][0])] == [True, True]
    # The third row's own cells are pushed right past the covered column.
    assert [c.text for c in g.rows[2]] == ["x", "y", "3"]


def test_source_newlines_split_runs():
    src = "<p>第一行文字\n   第二行文字\n\t第三行</p>"
    ex = read_html(src)
    assert ex.text == "第一行文字 第二行文字 第三行"
    for needle, (line, col) in (("第一行", (1, 4)), ("第二行", (2, 4)), ("第三行", (3, 2))):
        loc = ex.origins.locate(ex.text.index(needle))
        assert (loc.line, loc.column) == (line, col), needle
    check_segments(ex)


def test_pre_keeps_lines_and_spaces():
    ex = read_html("<pre>a  b\n  c</pre><p>d</p>")
    assert ex.text.split("\n") == ["a  b", "c", "d"]


@pytest.mark.parametrize(
    "head, encoding",
    [
        ('<meta charset="gbk">', "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "gb18030"),  # undeclared, not UTF-8 → GB18030
    ],
)
def test_encoding_from_meta_and_fallback(head, encoding):
    page = f"<html><head>{head}</head><body><p>政府信息公开工作年度报告</p></body></html>"
    data = page.encode("utf-8" if encoding == "utf-8" else "gbk")
    ex = read_html(data)
    assert ex.encoding == encoding
    assert ex.text == "政府信息公开工作年度报告"


def test_bom_wins_over_meta():
    page = '<html><head><meta charset="gbk"></head><body><p>年度报告</p></body></html>'
    ex = read_html("\ufeff".encode("utf-16-le") + page.encode("utf-16-le"))
    assert ex.text == "年度报告" and ex.bom and ex.encoding == "utf-16"


def test_valid_utf8_wins_over_a_stale_meta():
    page = '<meta charset="gb2312"><p>政府信息公开工作年度报告</p>'  # re-saved as UTF-8, meta kept
    ex = read_html(page.encode("utf-8"))
    assert ex.encoding == "utf-8" and ex.text == "政府信息公开工作年度报告"


def test_declared_charset_used_when_not_utf8():
    page = '<meta charset="big5"><p>政府資訊公開</p>'
    ex = read_html(page.encode("big5"))
    assert ex.encoding == "big5" and ex.text == "政府資訊公開"


def test_crlf_source_positions():
    src = "<p>甲</p>\r\n<p>乙</p>\r\n"
    ex = read_html(src)
    assert ex.text == "甲\n乙" and ex.newline == "\r\n"
    loc = ex.origins.locate(ex.text.index("乙"))
    assert (loc.line, loc.column) == (2, 4)


def test_incomplete_references_do_not_swallow_the_page():
    ex = read_html("<p>A&#x;B &foo C &#12a</p><p>after</p>")
    assert ex.text.split("\n") == ["A&#x;B &foo C &#12a", "after"]
    check_segments(ex)


def test_unknown_marked_section_is_hidden_not_fatal():
    ex = read_html("<p>before</p><![foo[ x ]]><p>after</p>")
    assert ex.text.split("\n")[0] == "before" and ex.text.split("\n")[-1] == "after"


def test_too_large_grid_is_read_as_text():
    rows = "".join(f"<tr><td colspan=1000>r{i}</td></tr>" for i in range(100))
    ex = read_html(f"<table>{rows}</table>")
    assert ex.grids == []
    assert ex.text.split("\n")[:2] == ["r0", "r1"]
    assert [n.kind for n in ex.notes] == ["table-too-large"]


def test_corpus_text_as_a_web_page_round_trips():
    """A real report, published as HTML paragraphs and a pipe table, reads back line for line."""
    original = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in original.split("\n") if ln.strip()]
    body = []
    for ln in lines:
        if "|" in ln:
            cells = [c.strip() for c in ln.strip("|").split("|")]
            body.append("<table><tr>" + "".join(f"<td>{htmllib.escape(c)}</td>" for c in cells) + "</tr></table>")
        else:
            body.append(f"<p>\n  {htmllib.escape(ln)}\n</p>")
    page = "<html><body>\n" + "\n".join(body) + "\n</body></html>"
    ex = read_html(page, "changji.html")
    out = ex.text.split("\n")
    prose = [ln for ln in lines if "|" not in ln]
    assert [ln for ln in out if " | " not in ln] == [" ".join(p.split()) for p in prose if p.strip()]
    assert len(ex.grids) == sum(1 for ln in lines if "|" in ln and len(ln.strip("|").split("|")) > 1)
    check_segments(ex)
    # Every prose line maps to the source line that holds it.
    src_lines = page.split("\n")
    for p in prose[:20]:
        off = ex.text.index(" ".join(p.split()))
        loc = ex.origins.locate(off)
        assert src_lines[loc.line - 1][loc.column - 1 :].startswith(htmllib.escape(p)[:10])


def test_deep_nesting_refused_quickly():
    with pytest.raises(InputError) as info:
        read_html("<div>" * 100_000 + "x" + "</div>" * 100_000, "deep.html")
    assert info.value.path == "deep.html"
    assert "嵌套" in info.value.message.zh and "nested" in info.value.message.en


def test_unclosed_paragraphs_are_not_nesting():
    ex = read_html("<p>x" * 5000)
    assert ex.text.count("\n") == 4999


def test_binary_content_refused():
    with pytest.raises(InputError):
        read_html(b"\x00\x01\x02" * 1000, "blob.html")


def test_malformed_html_time_budget(monkeypatch):
    monkeypatch.setattr(html_reader, "TIME_BASE", 0.2)
    monkeypatch.setattr(html_reader, "TIME_PER_MB", 0.0)
    with pytest.raises(InputError) as info:
        read_html("<a b=" * 60_000, "slow.html")
    assert "malformed" in info.value.message.en and "错乱" in info.value.message.zh
