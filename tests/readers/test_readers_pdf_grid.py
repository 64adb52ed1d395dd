"""PDF tables rebuilt from the page geometry (reportlint.readers._pdf_grid).

The PDFs here are made by the test itself with reportlab (a CJK CID font that needs no
font file), so every case is a variant we control: the same table with numbers wrapped
inside narrow cells, header words broken over lines, framed paragraphs, running headers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.readers import _pdf_grid as grid
from reportlint.readers import pdf as pdf_reader
from reportlint.readers import read

pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics")
UnicodeCIDFont = pytest.importorskip("reportlab.pdfbase.cidfonts").UnicodeCIDFont
canvas = pytest.importorskip("reportlab.pdfgen.canvas")
pytest.importorskip("pdfplumber")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE = (595, 842)


class Page:
    """Draws on one page; y runs downwards from the top like the PDF reader's ``top``."""

    def __init__(self, c):
        self.c = c
        self.y = 60

    def line(self, text: str, size: int = 12, x: float = 72) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, PAGE[1] - self.y - size, text)
        self.y += size + 8

    def boxed(self, text: str, size: int = 12) -> None:
        """A paragraph line inside its own rectangle (as WPS draws every line)."""
        self.c.rect(70, PAGE[1] - self.y - size - 6, 455, size + 6)
        self.line(text, size)

    def table(
        self,
        rows: list[list[str]],
        widths: list[float],
        height: float = 40,
        size: float = 10,
        wrap_labels: bool = False,
    ) -> None:
        """A ruled table; a cell's text may hold "\\n" (drawn as lines inside the cell);
        a cell ``None`` is covered by the cell to its left (merged)."""
        self.c.setFont(FONT, size)
        top = self.y
        for r, row in enumerate(rows):
            x = 72.0
            c = 0
            while c < len(row):
                span = 1
                while c + span < len(row) and row[c + span] is None:
                    span += 1
                w = sum(widths[c : c + span])
                y_top = top + r * height
                self.c.rect(x, PAGE[1] - y_top - height, w, height)
                text = row[c] or ""
                if "\n" not in text and wrap_labels:
                    per_line = max(1, int((w - 4) // size))
                    text = "\n".join(text[i : i + per_line] for i in range(0, len(text), per_line))
                for k, part in enumerate(text.split("\n")):
                    self.c.drawString(x + 2, PAGE[1] - y_top - 4 - size - k * (size + 2), part)
                x += w
                c += span
        self.y = top + len(rows) * height + 20


def make_pdf(pages) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    for draw in pages:
        draw(Page(c))
        c.showPage()
    c.save()
    return buf.getvalue()


def read_pdf(data: bytes, name: str = "made.pdf"):
    return pdf_reader.read(name, data)


# -- numbers and words wrapped inside cells -------------------------------------------

WRAPPED = [
    ["信息内容", "本年\n制发", "本年\n废止", "现行\n有效"],
    ["规章", "3,05\n0", "３１\n１９", "1\n2"],
]


def _wrapped_page(p: Page) -> None:
    p.line("二、主动公开政府信息情况")
    p.table(WRAPPED, [120, 30, 30, 30])


def test_numbers_wrapped_in_narrow_cells_are_one_number():
    data = make_pdf([_wrapped_page])
    layer = pdf_reader.read_text_layer("made.pdf", data)
    # The text layer alone has the pieces on separate lines: nothing says they belong together.
    assert "3,05" in layer.text.split("\n") and "0" in layer.text.split("\n")
    ex = read_pdf(data)
    lines = ex.text.split("\n")
    assert "信息内容 | 本年制发 | 本年废止 | 现行有效" in lines
    assert "规章 | 3,050 | ３１１９ | 12" in lines
    (g,) = ex.grids
    assert [c.text for c in g.rows[1]] == ["规章", "3,050", "３１１９", "12"]
    for c in g.rows[1]:
        assert ex.text[c.start : c.end] == c.text
    off = ex.text.index("3,050")
    loc = ex.origins.locate(off, off + 5)
    assert loc.page == 1 and loc.cell.grid == 1 and (loc.cell.grid_row, loc.cell.grid_column) == (2, 2)
    assert loc.line == lines.index("规章 | 3,050 | ３１１９ | 12") + 1


@pytest.mark.parametrize("widths", [[120, 30, 30, 30], [150, 60, 60, 60]])
def test_table_four_reads_the_same_wrapped_or_not(widths):
    """Table 四 drawn with 15 narrow columns: wrapped numbers give the same values."""
    values = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    header1 = ["行政复议", None, None, None, None, "行政诉讼", None, None, None, None, None, None, None, None, None]
    header2 = [
        "结果\n维持",
        "结果\n纠正",
        "其他\n结果",
        "尚未\n审结",
        "总计",
        "未经复议直接起诉",
        None,
        None,
        None,
        None,
    ]
    header2 += ["复议后起诉", None, None, None, None]
    header3 = ["", "", "", "", "", "结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    header3 += ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    narrow = widths[1] < 40

    def cell(v: int) -> str:
        s = str(v)
        return s[:-1] + "\n" + s[-1] if narrow and len(s) > 1 else s

    def page(p: Page) -> None:
        p.line("四、政府信息公开行政复议、行政诉讼情况")
        p.table([header1, header2, header3, [cell(v) for v in values]], [28] * 15 if narrow else [29] * 15)

    ex = read_pdf(make_pdf([page]))
    assert " | ".join(str(v) for v in values) in ex.text.split("\n")
    doc = build_document(ex)
    assert _values(doc, "table4") == values


def test_header_word_broken_over_lines_is_one_word():
    def page(p: Page) -> None:
        p.line("三、收到和处理政府信息公开申请情况")
        p.table(
            [["申请人情况", "商业企\n业", "科研机\n构", "社会公益\n组织"], ["一、本年新收", "5", "0", "1"]],
            [200, 40, 40, 40],
        )

    ex = read_pdf(make_pdf([page]))
    assert "申请人情况 | 商业企业 | 科研机构 | 社会公益组织" in ex.text.split("\n")


def test_framed_paragraphs_stay_text_and_keep_their_order():
    """Rows with one cell over the whole width (WPS boxes every paragraph line, a caption
    row such as 第二十条第（一）项) are text lines, not grid rows."""

    def page(p: Page) -> None:
        p.boxed("二、主动公开政府信息情况")
        p.table(
            [
                ["第二十条第（一）项", None, None, None],
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "1", "0", "11"],
                ["行政规范性文件", "8", "26", "66"],
            ],
            [150, 100, 100, 100],
        )
        p.boxed("三、收到和处理政府信息公开申请情况")

    ex = read_pdf(make_pdf([page]))
    lines = ex.text.split("\n")
    assert lines == [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "规章 | 1 | 0 | 11",
        "行政规范性文件 | 8 | 26 | 66",
        "三、收到和处理政府信息公开申请情况",
    ]
    (g,) = ex.grids
    assert len(g.rows) == 3 and len(g.rows[0]) == 4
    doc = build_document(ex)
    t2 = doc.tables["table2"]
    assert t2.row("regulations").values() == [1, 0, 11]
    assert t2.row("normative_documents").values() == [8, 26, 66]


@pytest.mark.parametrize("shift", [0, 6, 20])
def test_paragraph_boxes_out_of_line_stay_text(shift):
    """Boxes drawn around paragraph lines whose left edges differ are still one-cell
    rows: text, never a grid row with an empty first cell."""

    def page(p: Page) -> None:
        for k, text in enumerate(["一、总体情况", "本年共 12 件 3 类 4 项", "二、主动公开", "5 6 7 8 9"]):
            x = 70 + (shift if k % 2 else 0)
            p.c.rect(x, PAGE[1] - p.y - 18, 455 - x + 70, 18)
            p.line(text)

    ex = read_pdf(make_pdf([page]))
    assert ex.grids == []
    assert ex.text.split("\n") == ["一、总体情况", "本年共 12 件 3 类 4 项", "二、主动公开", "5 6 7 8 9"]


def test_merged_cells_and_blank_label_cells():
    """A cell covering two columns is one GridCell (merged positions marked); an empty cell
    right of a label in a column without numbers widens the label instead of reading as
    a blank value."""

    def page(p: Page) -> None:
        p.line("表")
        p.table(
            [
                ["信息内容", "本年处理决定数量", None],
                ["（五）不予处理", "1.信访举报投诉类申请", "1"],
                ["（六）其他处理", "", "7"],
                ["（七）总计", "", "9"],
                ["四、结转", "2.重复申请", ""],
            ],
            [150, 150, 100],
        )

    ex = read_pdf(make_pdf([page]))
    (g,) = ex.grids
    head = g.rows[0]
    assert head[1].text == "本年处理决定数量" and head[1].colspan == 2 and head[2].merged
    other = g.rows[2]
    assert other[0].text == "（六）其他处理" and other[0].colspan == 2 and other[1].merged
    assert other[2].text == "7" and not other[2].merged
    assert [c.text for c in g.rows[1]] == ["（五）不予处理", "1.信访举报投诉类申请", "1"]
    # a blank in a value column stays a blank cell of its own
    last = g.rows[4]
    assert [c.text for c in last] == ["四、结转", "2.重复申请", ""] and not any(c.merged for c in last)


def test_text_where_the_finder_drew_no_cell_is_its_own_cell():
    """A cell whose rules are missing (cut at a page break) still holds its text in
    its grid position, instead of floating out of the table as a loose line."""

    def page_without_cell(p: Page) -> None:
        p.line("表")
        c = p.c
        c.setFont(FONT, 10)
        top = p.y
        # row 0: only the second cell is ruled; the first holds text but has no rules
        c.rect(222, PAGE[1] - top - 40, 150, 40)
        c.drawString(222 + 2, PAGE[1] - top - 14, "本年处理决定数量")
        c.drawString(72 + 2, PAGE[1] - top - 14, "信息内容")
        for r, (label, value) in enumerate([("行政许可", "550"), ("行政处罚", "4119"), ("行政强制", "195")], start=1):
            y = top + r * 40
            c.rect(72, PAGE[1] - y - 40, 150, 40)
            c.rect(222, PAGE[1] - y - 40, 150, 40)
            c.drawString(72 + 2, PAGE[1] - y - 14, label)
            c.drawString(222 + 2, PAGE[1] - y - 14, value)

    ex = read_pdf(make_pdf([page_without_cell]))
    lines = ex.text.split("\n")
    assert lines == ["表", "信息内容 | 本年处理决定数量", "行政许可 | 550", "行政处罚 | 4119", "行政强制 | 195"]


def test_plain_text_page_keeps_the_text_layer():
    def page(p: Page) -> None:
        p.line("一、总体情况")
        p.line("2024 年，本机关主动公开政府信息 1136 条。")

    data = make_pdf([page])
    ex = read_pdf(data)
    assert ex.grids == []
    assert ex.text == pdf_reader.read_text_layer("made.pdf", data).text


def test_geometry_failure_falls_back_to_the_text_layer(monkeypatch):
    data = make_pdf([_wrapped_page])

    def boom(page):
        raise RuntimeError("geometry failed")

    monkeypatch.setattr(grid, "page_blocks", boom)
    ex = read_pdf(data)
    assert ex.grids == []
    assert ex.text == pdf_reader.read_text_layer("made.pdf", data).text


def test_too_many_drawn_objects_are_not_analysed(monkeypatch):
    data = make_pdf([_wrapped_page])
    monkeypatch.setattr(grid, "MAX_PAGE_EDGES", 3)
    ex = read_pdf(data)
    assert ex.grids == [] and "规章" in ex.text


def test_geometry_pass_is_capped_in_pages(monkeypatch):
    data = make_pdf([_wrapped_page, _wrapped_page, _wrapped_page])
    assert len(read_pdf(data).grids) == 3
    monkeypatch.setattr(grid, "MAX_GRID_PAGES", 1)
    ex = read_pdf(data)
    assert len(ex.grids) == 1
    (cell,) = [c for c in ex.grids[0].rows[1] if c.text == "3,050"]
    assert ex.origins.locate(cell.start).page == 1
    assert ex.text.count("规章") == 3  # the other pages keep their text-layer reading


# -- running headers, footers, page numbers ------------------------------------------------


def test_running_header_and_bare_page_numbers_removed():
    def make(n: int):
        def page(p: Page) -> None:
            p.line("某某区人民政府信息公开年报", size=9)
            p.line(f"第{n}部分正文，内容各不相同，第 {n * 7} 条。")
            p.line("正文继续。" * (n + 1))
            p.c.setFont(FONT, 9)
            p.c.drawString(290, 40, str(n))

        return page

    ex = read_pdf(make_pdf([make(n) for n in range(1, 5)]))
    lines = ex.text.split("\n")
    # kept once, at the top of page 1 (it may be the title; the document model decides)
    assert lines.count("某某区人民政府信息公开年报") == 1 and lines[0] == "某某区人民政府信息公开年报"
    assert not any(line.strip().isdigit() for line in lines)
    assert "第3部分正文，内容各不相同，第 21 条。" in lines


def test_furniture_needs_repetition():
    pages = [[("text", "标题行"), ("text", f"正文{n}"), ("text", "同样的落款行")] for n in range(2)]
    assert pdf_reader._drop_running_furniture(pages) == pages  # two pages: too few to tell
    three = [[("text", t), ("text", "0 0 0")] for t in ("总体情况说明", "主动公开说明", "依申请说明", "复议诉讼说明")]
    assert pdf_reader._drop_running_furniture(three) == three  # numbers only: could be a table row
    numbered = [[("text", "正文"), ("text", str(n + 5))] for n in range(4)]
    assert pdf_reader._bare_page_numbers(numbered) == [[("text", "正文")]] * 4
    unnumbered = [[("text", "正文"), ("text", v)] for v in ("0", "0", "12", "3")]
    assert pdf_reader._bare_page_numbers(unnumbered) == unnumbered  # not a running count


# -- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["3,05", "0"], "3,050"),
        (["３１", "１９"], "３１１９"),
        (["商业企", "业"], "商业企业"),
        (["三、", "本", "年", "度"], "三、本年度"),
        (["结 果", "维持"], "结果维持"),
        (["Open", "data"], "Open data"),
        (
            ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
    ],
)
def test_join_cell_lines(lines, joined):
    assert grid.join_cell_lines(lines) == joined


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["规章 1 0 11", "行政规范性文件 8 26 66"], True),
        (["3,05", "0", "１", "２"], True),
        (["72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"], True),
        (["2024 年1 月1 日至2024 年12 月31 日", "共计 95 个"], False),
        (["统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。", "规章 1 件、文件 11 件，解读 21 个"], False),
        (["一、总体情况", "- 3 -"], False),
    ],
)
def test_looks_tabular(lines, expected):
    assert grid.looks_tabular(lines) is expected


# -- the real files ----------------------------------------------------------------------


def _values(doc, key):
    from reportlint.document import tables as tables_mod

    out = tables_mod.to_json(doc)[key]
    if out is None:
        return None
    return out["values"] if "values" in out else {r["key"]: r["values"] for r in out["rows"]}


def test_hongze_tables_from_the_grid():
    ex = read(str(FIXTURES / "hongze-gov-2023.pdf"))
    assert len(ex.grids) >= 4
    doc = build_document(ex)
    t2 = _values(doc, "table2")
    assert t2["regulations"] == [0, 0, 0] and t2["normative_documents"] == [0, 5, 5]
    assert t2["licensing"] == [550] and t2["penalty"] == [4119] and t2["enforcement"] == [195]
    assert t2["fees"] == [7730.28]
    t3 = _values(doc, "table3")
    assert t3["new"] == [21, 0, 0, 0, 0, 0, 21] and t3["carried_over"] == [0] * 7
    assert t3["outcome_total"] == [21, 0, 0, 0, 0, 0, 21] and t3["carried_forward"] == [0] * 7
    t4 = _values(doc, "table4")
    assert t4[:5] == [10, 1, 0, 0, 0] and t4[10:] == [5, 0, 0, 0, 0]
    # the label next to an empty cell in the label columns is not a blank value
    row = next(line for line in ex.text.split("\n") if "（六）其他处理" in line)
    assert row.endswith(" | ".join(["0"] * 7))


def test_draft_pdf_gives_the_tables_of_the_published_pdf_and_the_docx():
    draft = build_document(read(str(FIXTURES / "drafts" / "huaian-draft-2024.pdf")))
    docx = build_document(read(str(FIXTURES / "drafts" / "huaian-draft-2024.docx")))
    published = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    for key in ("table2", "table3", "table4"):
        assert _values(draft, key) == _values(docx, key) == _values(published, key), key
    assert _values(published, "table3")["new"] == [3001, 53, 0, 0, 61, 4, 3119]
    assert _values(published, "table4") == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    assert draft.extracted.grids and published.extracted.grids


def test_huaian_table_three_redrawn_with_wrapped_numbers_reads_the_same():
    """The published table 三 redrawn by the test: no merged cells, value columns so
    narrow that every number of two or more digits wraps inside its cell."""
    published = read(str(FIXTURES / "huaian-gov-2024.pdf"))
    want = _values(build_document(published), "table3")
    rows: list[list[str]] = []
    for g in published.grids:
        texts = [[("" if c.merged else c.text) for c in row] for row in g.rows]
        if len(texts[0]) == 10 and any("公开申请" in "".join(t) or "处理" in "".join(t) for t in texts):
            rows.extend(texts)
    assert len(rows) >= 26

    def wrap(text: str) -> str:
        if text.isdigit() and len(text) >= 2:
            return text[:-1] + "\n" + text[-1]
        return text

    def page(p: Page) -> None:
        p.y = 40
        p.line("三、收到和处理政府信息公开申请情况", size=10)
        body = [[wrap(t) for t in row] for row in rows]
        # labels: wide columns; values: 22 pt, too narrow for two digits side by side
        p.table(body, [100, 110, 140] + [22] * 7, height=27, size=6, wrap_labels=True)

    ex = read_pdf(make_pdf([page]))
    doc = build_document(ex)
    assert _values(doc, "table3") == want
    assert want["new"] == [3001, 53, 0, 0, 61, 4, 3119]


def test_published_table_cells_point_into_their_grid_cells():
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    seen = 0
    for key in ("table2", "table3", "table4"):
        for _row, cell in doc.tables[key].cells():
            a, b = cell.span
            assert doc.text[a:b] == cell.raw and cell.value is not None, (key, cell)
            loc = doc.extracted.origins.locate(a, b)
            assert loc.page in (3, 4, 5) and loc.cell is not None and loc.cell.table == "grid", (key, cell.raw)
            grid_cell = doc.extracted.grids[loc.cell.grid - 1].rows[loc.cell.grid_row - 1][loc.cell.grid_column - 1]
            assert grid_cell.text == cell.raw
            seen += 1
    assert seen == 10 + 25 * 7 + 15  # every value cell of the three tables
