"""Recovering tables 二/三/四 from every real input (reportlint.document.tables)."""

from __future__ import annotations

import importlib.util
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from reportlint.document import tables
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted, Grid, GridCell
from reportlint.document.origin import OriginMap
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGE_NUMBER = re.compile(r"\s*-\s*\d+\s*-\s*")
APPLICANTS = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"]
COLUMNS3 = APPLICANTS + ["total"]


def _text_layer(name: str) -> Extracted:
    """The PDF's text layer alone (rows as text lines), as a plain extractor gives it."""
    from reportlint.readers import pdf

    path = FIXTURES / name
    return pdf.read_text_layer(str(path), path.read_bytes())


def _pdf_fallback(path: str) -> Extracted:
    """What ``reportlint.readers.pdf`` does, for as long as it does not exist yet."""
    import pypdf

    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    text = "\n".join(line for line in text.split("\n") if not PAGE_NUMBER.fullmatch(line))
    return Extracted(path=path, kind="pdf", text=text, origins=OriginMap(text))


@cache
def load(name: str):
    path = str(FIXTURES / name)
    if name.endswith(".pdf") and importlib.util.find_spec("reportlint.readers.pdf") is None:
        extracted = _pdf_fallback(path)
    else:
        extracted = read(path)
    return build_document(extracted)


def from_text(text: str, year: int | None = None):
    ex = Extracted(path="x.txt", kind="text", text=text, origins=OriginMap(text))
    return build_document(ex, {"year": year} if year else None)


def line_of(doc, span) -> int:
    return doc.locate(span).line


def line_text(doc, span) -> str:
    return doc.extracted.origins.line_text(line_of(doc, span))


# ---------------------------------------------------------------------------------------
# Huai'an: the PDF, a clean 2021-format report with large numbers


HUAIAN_T3 = {
    "new": [3001, 53, 0, 0, 61, 4, 3119],
    "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "granted": [1288, 21, 0, 0, 50, 3, 1362],
    "partly_granted": [447, 7, 0, 0, 0, 0, 454],
    "withheld.state_secret": [2, 0, 0, 0, 0, 0, 2],
    "withheld.prohibited_by_law": [30, 1, 0, 0, 0, 0, 31],
    "withheld.three_safeties": [5, 0, 0, 0, 0, 0, 5],
    "withheld.third_party": [6, 0, 0, 0, 0, 0, 6],
    "withheld.internal_affairs": [7, 1, 0, 0, 0, 0, 8],
    "withheld.process_info": [12, 0, 0, 0, 0, 0, 12],
    "withheld.enforcement_file": [9, 0, 0, 0, 0, 0, 9],
    "withheld.inquiry": [105, 0, 0, 0, 0, 0, 105],
    "unavailable.not_held": [746, 12, 0, 0, 10, 1, 769],
    "unavailable.needs_creation": [11, 0, 0, 0, 0, 0, 11],
    "unavailable.unclear": [1, 0, 0, 0, 0, 0, 1],
    "not_processed.petition": [56, 6, 0, 0, 0, 0, 62],
    "not_processed.repeated": [25, 0, 0, 0, 0, 0, 25],
    "not_processed.publication": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.excessive": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other.no_correction": [67, 3, 0, 0, 1, 0, 71],
    "other.no_fee": [6, 0, 0, 0, 0, 0, 6],
    "other.other": [108, 2, 0, 0, 0, 0, 110],
    "outcome_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_forward": [103, 0, 0, 0, 0, 0, 103],
}


def test_huaian_table3():
    doc = load("huaian-gov-2024.pdf")
    t3 = doc.tables["table3"]
    assert t3.layout == "2021" and t3.layout_basis == "labels"
    assert t3.columns == COLUMNS3
    assert [r.key for r in t3.rows] == list(HUAIAN_T3)
    for row in t3.rows:
        assert row.found, row.key
        assert row.values() == HUAIAN_T3[row.key], row.key
        assert [c.column for c in row.cells] == COLUMNS3
    assert t3.row("new").value("total") == 3119
    assert t3.row("outcome_total").value("total") == 3050
    assert t3.row("carried_forward").value("total") == 103
    assert t3.notes == []


def test_huaian_table2():
    doc = load("huaian-gov-2024.pdf")
    t2 = doc.tables["table2"]
    assert t2.layout == "2021"
    got = {r.key: r.values() for r in t2.rows}
    assert got == {
        "regulations": [1, 0, 11],
        "normative_documents": [8, 26, 66],
        "licensing": [447228],
        "penalty": [3985758],
        "enforcement": [88283],
        "fees": [Decimal("96171.6")],
    }
    assert isinstance(t2.row("fees").value("fee_amount"), Decimal)
    assert t2.row("fees").cell("fee_amount").unit == "万元"
    assert t2.row("regulations").cell("issued").column == "issued"


def test_huaian_table4():
    doc = load("huaian-gov-2024.pdf")
    t4 = doc.tables["table4"]
    row = t4.rows[0]
    assert row.found and len(row.cells) == 15 and len(t4.columns) == 15
    assert row.values() == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    assert t4.columns[4] == "review.total" and row.value("review.total") == 351
    assert t4.notes == []


def test_huaian_identities():
    """Every reconciliation identity of formats.md holds on the Huai'an tables."""
    doc = load("huaian-gov-2024.pdf")
    t3, t4 = doc.tables["table3"], doc.tables["table4"]
    v = {r.key: dict(zip(COLUMNS3, r.values())) for r in t3.rows}
    outcomes = tables.outcome_rows(t3.layout)
    assert len(outcomes) == 21 and "outcome_total" not in outcomes and "new" not in outcomes
    for col in COLUMNS3:
        # 一 + 二 = （七）总计 + 四
        assert v["new"][col] + v["carried_over"][col] == v["outcome_total"][col] + v["carried_forward"][col], col
        # （七）总计 = sum of the outcome rows
        assert v["outcome_total"][col] == sum(v[k][col] for k in outcomes), col
    for key, row in v.items():
        # 总计 = the six applicant columns
        assert row["total"] == sum(row[c] for c in APPLICANTS), key
    vals = dict(zip(t4.columns, t4.rows[0].values()))
    groups = tables.table4_groups()
    assert set(groups) == {"review", "litigation_direct", "litigation_after_review"}
    for group, cols in groups.items():
        *parts, total = cols
        assert total.endswith(".total") and len(parts) == 4
        assert vals[total] == sum(vals[c] for c in parts), group


def test_huaian_spans_point_at_the_digits():
    doc = build_document(_text_layer("huaian-gov-2024.pdf"))
    for key in ("table2", "table3", "table4"):
        for row, cell in doc.tables[key].cells():
            a, b = cell.span
            assert doc.text[a:b] == cell.raw and re.search(r"\d", cell.raw), (key, row.key)
            # the line the diagnostic would show holds the number
            assert cell.raw in line_text(doc, cell.span)
    t3 = doc.tables["table3"]
    new = t3.row("new")
    assert "本年新收政府信息公开申请数量" in line_text(doc, new.label_span)
    assert line_of(doc, new.cell("total").span) == line_of(doc, new.label_span)
    assert line_text(doc, new.cell("total").span).endswith("3119")
    # a label broken over three lines, values on the line after it
    nc = t3.row("other.no_correction")
    assert nc.label_raw.startswith("1、申请人无正当理由逾期不补") and nc.label_raw.endswith("息公开申请")
    assert line_text(doc, nc.cell("natural_person").span).strip() == "67 3 0 0 1 0 71"
    assert line_of(doc, nc.cell("natural_person").span) == line_of(doc, nc.label_span) + 3
    # a label continued on the next line, values after its end
    conf = t3.row("not_processed.confirmation")
    assert "\n" in conf.label_raw
    assert line_of(doc, conf.cell("total").span) == line_of(doc, conf.label_span) + 1
    # the row after a page break, with the group label's tail (`法提供`) in front
    nc2 = t3.row("unavailable.needs_creation")
    assert nc2.label_raw == "2.没有现成信息需要另行制作"
    assert line_text(doc, nc2.label_span).startswith("法提供")
    t4 = doc.tables["table4"]
    assert line_text(doc, t4.rows[0].cells[0].span).startswith("72 64 178")


# ---------------------------------------------------------------------------------------
# Taierzhuang: Word export, table 三 broken, table 四 short


def test_taierzhuang_table3_outcome_rows_missing():
    doc = load("taierzhuang-kjj-2021.txt")
    t3 = doc.tables["table3"]
    assert t3.layout == "2021"
    assert t3.layout_basis == "year"  # nothing in the table tells the layouts apart
    found = {r.key for r in t3.rows if r.found}
    assert found == {"new", "carried_over", "carried_forward"}
    for row in t3.rows:
        if not row.found:
            assert row.cells == [] and row.label_span is None
    cf = t3.row("carried_forward")
    assert cf.values() == [0] * 7
    assert line_of(doc, cf.label_span) == 105  # `四、结转…` right after `三、本年度办理结果`
    assert [line_of(doc, c.span) for c in cf.cells] == list(range(106, 113))
    assert any("rows not found" in n for n in t3.notes)


def test_taierzhuang_table4_has_14_of_15():
    doc = load("taierzhuang-kjj-2021.txt")
    t4 = doc.tables["table4"]
    row = t4.rows[0]
    assert len(row.cells) == 15
    assert [c.found for c in row.cells] == [True] * 14 + [False]
    assert row.values()[:14] == [0] * 14
    last = row.cells[14]
    assert last.span is None and last.value is None and last.column == "litigation_after_review.total"
    assert any("14 of 15" in n for n in t4.notes)
    assert line_of(doc, row.cells[0].span) == 153
    assert line_of(doc, row.cells[13].span) == 166


def test_taierzhuang_table2():
    doc = load("taierzhuang-kjj-2021.txt")
    t2 = doc.tables["table2"]
    assert t2.layout == "2021"
    reg = t2.row("regulations")
    assert reg.values() == [0, 0, 0]
    assert line_of(doc, reg.label_span) == 25
    assert [line_of(doc, c.span) for c in reg.cells] == [26, 27, 28]
    for _row, cell in t2.cells():
        assert doc.text[cell.span[0] : cell.span[1]] == "0"  # not the full-width spaces
    assert t2.row("normative_documents").label_raw == "行政规范性文件"
    assert all(r.found for r in t2.rows)


# ---------------------------------------------------------------------------------------
# Changji, Changshu, Changzhou, Zhangjiakou


def test_changji_mixed_layouts_all_zero():
    doc = load("changji-kjj-2021.txt")
    t2, t3, t4 = (doc.tables[k] for k in ("table2", "table3", "table4"))
    assert t2.layout == "2019" and t3.layout == "2021"
    assert [r.key for r in t2.rows if r.found] == [
        "regulations",
        "normative_documents",
        "licensing",
        "other_services",
        "penalty",
        "enforcement",
        "fees",
    ]
    assert not t2.row("procurement").found
    assert t2.row("licensing").values() == [0, 0, 0]
    assert [c.column for c in t2.row("licensing").cells] == ["previous_items", "change", "decisions_2019"]
    assert t2.row("fees").values() == [0, 0]
    assert any("header cut" in n for n in t2.notes)
    assert all(r.found for r in t3.rows) and len(t3.rows) == 25
    for _row, cell in list(t2.cells()) + list(t3.cells()) + list(t4.cells()):
        assert cell.found and cell.value == 0
    # pipe rows: the label and its cells on one line
    reg = t2.row("regulations")
    assert line_of(doc, reg.label_span) == 15
    assert {line_of(doc, c.span) for c in reg.cells} == {15}
    assert line_of(doc, t3.row("other.no_fee").label_span) == 54
    assert line_of(doc, t4.rows[0].cells[0].span) == 63
    assert t4.rows[0].values() == [0] * 15


def test_changshu_table2_2021_table3_2019():
    doc = load("changshu-kjj-2021.txt")
    t2, t3 = doc.tables["table2"], doc.tables["table3"]
    assert t2.layout == "2021" and t3.layout == "2019"
    nd = t2.row("normative_documents")
    assert nd.values() == [1, 0, 3]
    assert nd.label_raw == "規范性文件" and nd.label_match == "variant"
    assert line_of(doc, nd.label_span) == 15
    assert [line_of(doc, c.span) for c in nd.cells] == [16, 17, 18]
    assert len(t3.rows) == 23 and all(r.found for r in t3.rows)
    assert t3.row("other").label_raw == "(六)其他處理" and t3.row("other").values() == [0] * 7
    assert t3.row("other.other") is None
    assert line_of(doc, t3.row("carried_forward").label_span) == 263
    t4 = doc.tables["table4"]
    assert t4.rows[0].values() == [0] * 15
    assert line_of(doc, t4.rows[0].cells[0].span) == 295
    assert line_of(doc, t4.rows[0].cells[-1].span) == 309


@pytest.mark.parametrize("name", ["changzhou-kjj-2021.txt", "zhangjiakou-kjj-2010.txt"])
def test_no_tables(name):
    doc = load(name)
    assert doc.tables == {"table2": None, "table3": None, "table4": None}


@pytest.mark.parametrize(
    "name",
    [
        "changji-kjj-2021.txt",
        "changshu-kjj-2021.txt",
        "taierzhuang-kjj-2021.txt",
        "huaian-gov-2024.pdf",
    ],
)
def test_every_found_cell_has_its_span(name):
    doc = load(name)
    for key in ("table2", "table3", "table4"):
        t = doc.tables[key]
        assert t is not None
        for row in t.rows:
            if row.found and key != "table4":
                a, b = row.label_span
                assert doc.text[a:b] == row.label_raw
            for cell in row.cells:
                if cell.found:
                    assert cell.span is not None
                    assert doc.text[cell.span[0] : cell.span[1]] == cell.raw
                    assert t.span[0] <= cell.span[0] and cell.span[1] <= t.span[1]
                else:
                    assert cell.span is None and cell.value is None


# ---------------------------------------------------------------------------------------
# JSON


def test_json_shape():
    doc = load("huaian-gov-2024.pdf")
    out = tables.to_json(doc)
    assert set(out) == {"table2", "table3", "table4"}
    t3 = out["table3"]
    assert t3["layout"] == "2021" and len(t3["rows"]) == 25
    first = t3["rows"][0]
    assert set(first) >= {"label", "values", "line", "found"}
    assert first["label"] == "一、本年新收政府信息公开申请数量"
    assert first["values"] == HUAIAN_T3["new"] and first["found"] is True
    assert isinstance(first["line"], int)
    fees = out["table2"]["rows"][-1]
    assert fees["values"] == [96171.6]
    assert out["table4"]["values"] == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    assert isinstance(out["table4"]["line"], int)
    import json

    json.dumps(out)  # plain JSON types only

    tz = tables.to_json(load("taierzhuang-kjj-2021.txt"))
    assert tz["table4"]["values"][-1] is None and len(tz["table4"]["values"]) == 15
    granted = next(r for r in tz["table3"]["rows"] if r["label"] == "（一）予以公开")
    assert granted == {
        "key": "granted",
        "label": "（一）予以公开",
        "values": [],
        "line": None,
        "found": False,
        "statuses": [],
        "name": {"zh": "（一）予以公开", "en": "granted"},
        "groups": ["outcome"],
    }
    assert tables.to_json(load("changzhou-kjj-2021.txt")) == {"table2": None, "table3": None, "table4": None}


# ---------------------------------------------------------------------------------------
# Synthetic inputs: variations the corpus does not show


T3_2021_LABELS = [
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
]


def _render(blocks) -> Extracted:
    """Paragraphs (str) and grids (list of rows; None = covered by the cell to its left),
    rendered the way readers render real grids: one line per row, cells joined by ` | `."""
    text = ""
    grids = []
    for block in blocks:
        if isinstance(block, str):
            text += block + "\n"
            continue
        gstart, rows = len(text), []
        for r, row in enumerate(block):
            cells: list[GridCell] = []
            for c, val in enumerate(row):
                if c:
                    text += " | "
                if val is None:
                    prev = cells[-1]
                    cells.append(GridCell(r, c, prev.text, prev.start, prev.end, merged=True))
                    continue
                s = len(text)
                text += val
                cells.append(GridCell(r, c, val, s, len(text)))
            text += "\n"
            rows.append(cells)
        grids.append(Grid(len(grids) + 1, rows, gstart, len(text)))
    return Extracted(path="t.docx", kind="docx", text=text, origins=OriginMap(text), grids=grids)


def _template(val: str) -> Extracted:
    t2 = [
        ["第二十条第（一）项", None, None, None],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", val, val, val],
        ["行政规范性文件", val, val, val],
        ["第二十条第（五）项", None, None, None],
        ["信息内容", "本年处理决定数量", None, None],
        ["行政许可", val, None, None],
        ["第二十条第（六）项", None, None, None],
        ["信息内容", "本年处理决定数量", None, None],
        ["行政处罚", val, None, None],
        ["行政强制", val, None, None],
        ["第二十条第（八）项", None, None, None],
        ["信息内容", "本年收费金额（单位：万元）", None, None],
        ["行政事业性收费", val, None, None],
    ]
    t3 = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, "申请人情况"] + [None] * 6,
        ["", "", "自然人", "法人或其他组织", None, None, None, None, "总计"],
        ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ["一、本年新收政府信息公开申请数量", None] + [val] * 7,
        ["二、上年结转政府信息公开申请数量", None] + [val] * 7,
    ]
    for i, label in enumerate(T3_2021_LABELS):
        group = ["三、本年度办理结果"] * 2 + ["（三）不予公开"] * 8 + ["（四）无法提供"] * 3 + ["（五）不予处理"] * 5
        group += ["（六）其他处理"] * 3
        t3.append([group[i], label] + [val] * 7)
    t3 += [["（七）总计", None] + [val] * 7, ["四、结转下年度继续办理", None] + [val] * 7]
    t4 = [
        ["行政复议", None, None, None, None, "行政诉讼"] + [None] * 9,
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"]
        + [None] * 4
        + ["复议后起诉"]
        + [None] * 4,
        [""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
        [val] * 15,
    ]
    return _render(
        [
            "政府信息公开工作年度报告格式模板",
            "一、总体情况",
            "（文字描述）",
            "二、主动公开政府信息情况",
            t2,
            "三、收到和处理政府信息公开申请情况",
            t3,
            "四、政府信息公开行政复议、行政诉讼情况",
            t4,
            "五、存在的主要问题及改进情况",
            "（文字描述）",
        ]
    )


@pytest.mark.parametrize("grids", [True, False], ids=["grid", "rendered-text-only"])
def test_blank_template_every_cell_found_and_blank(grids):
    ex = _template("")
    if not grids:
        ex.grids = []
    doc = build_document(ex)
    counts = {}
    for key in ("table2", "table3", "table4"):
        t = doc.tables[key]
        assert t is not None, key
        assert all(r.found for r in t.rows)
        cells = [c for _r, c in t.cells()]
        assert all(c.found and c.blank and c.raw == "" and c.span is not None for c in cells)
        counts[key] = len(cells)
        if grids:
            assert t.grid == {"table2": 1, "table3": 2, "table4": 3}[key]
    assert counts == {"table2": 10, "table3": 175, "table4": 15}


def test_filled_grid_values():
    doc = build_document(_template("7"))
    for key in ("table2", "table3", "table4"):
        for _row, cell in doc.tables[key].cells():
            assert cell.value == 7 and doc.text[cell.span[0] : cell.span[1]] == "7"


@pytest.mark.skipif(importlib.util.find_spec("reportlint.readers.docx") is None, reason="no .docx reader yet")
def test_template_docx():
    doc = load("template-2021-blank.docx")
    for key, n in (("table2", 10), ("table3", 175), ("table4", 15)):
        t = doc.tables[key]
        assert t is not None, key
        cells = [c for _r, c in t.cells()]
        assert len(cells) == n and all(c.found and c.blank for c in cells), key


CHANGJI = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")


def test_short_pipe_row_fills_from_the_left():
    doc = from_text(CHANGJI.replace("规章 | 0 | 0 | 0 | |", "规章 | 5 | 6 |"))
    reg = doc.tables["table2"].row("regulations")
    assert [c.value for c in reg.cells] == [5, 6, None]
    assert [c.found for c in reg.cells] == [True, True, False]
    assert any("regulations: 2 of 3" in n for n in doc.tables["table2"].notes)


def test_blank_marks_and_inner_empty_cells():
    doc = from_text(CHANGJI.replace("规章 | 0 | 0 | 0 | |", "规章 | / |  | — | |"))
    reg = doc.tables["table2"].row("regulations")
    assert [(c.found, c.raw, c.value) for c in reg.cells] == [(True, "/", None), (True, "", None), (True, "—", None)]
    assert all(c.span is not None for c in reg.cells)


def test_placeholder_in_a_value_cell_is_invalid_not_the_end_of_the_row():
    doc = from_text(CHANGJI.replace("规章 | 0 | 0 | 0 | |", "规章 | XX | 2 | 0 | |"))
    reg = doc.tables["table2"].row("regulations")
    assert [(c.raw, c.value, c.invalid) for c in reg.cells] == [("XX", None, True), ("2", 2, False), ("0", 0, False)]


def test_one_cell_per_line_inner_blank():
    text = CHANGJI.replace("规章 | 0 | 0 | 0 | |", "规章 |\n4 |\n|\n9 |")
    reg = from_text(text).tables["table2"].row("regulations")
    assert [(c.found, c.value) for c in reg.cells] == [(True, 4), (True, None), (True, 9)]


def test_word_export_blank_cell():
    text = (FIXTURES / "taierzhuang-kjj-2021.txt").read_text(encoding="utf-8")
    assert "\t规章\n\t\u3000\u30000\n" in text
    text = text.replace("\t规章\n\t\u3000\u30000\n", "\t规章\n\t\n", 1)
    reg = from_text(text).tables["table2"].row("regulations")
    assert [(c.found, c.value) for c in reg.cells] == [(True, None), (True, 0), (True, 0)]


def test_misspelt_label_found_approximately():
    doc = from_text(CHANGJI.replace("1.属于国家秘密", "1.属于国家秘蜜"))
    row = doc.tables["table3"].row("withheld.state_secret")
    assert row.found and row.label_match == "fuzzy" and row.values() == [0] * 7
    assert row.label_raw == "1.属于国家秘蜜"


def test_values_at_the_end_of_a_wrapped_label_line():
    # Some PDF extractors put a row's numbers after the first line of its wrapped label.
    text = _text_layer("huaian-gov-2024.pdf").text
    old = "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请\n67 3 0 0 1 0 71\n"
    assert old in text
    new = "1、申请人无正当理由逾期不补 67 3 0 0 1 0 71\n正、行政机关不再处理其政府信\n息公开申请\n"
    doc = from_text(text.replace(old, new))
    t3 = doc.tables["table3"]
    row = t3.row("other.no_correction")
    assert row.values() == [67, 3, 0, 0, 1, 0, 71]
    assert line_of(doc, row.cells[0].span) == line_of(doc, row.label_span)
    assert t3.row("other.no_fee").values() == [6, 0, 0, 0, 0, 0, 6]


def test_shortened_long_label():
    doc = from_text(
        CHANGJI.replace(
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |",
            "2.申请人逾期未按收费通知要求缴纳费用 |",
        )
    )
    row = doc.tables["table3"].row("other.no_fee")
    assert row.found and row.label_match == "variant" and row.values() == [0] * 7
    assert row.label_raw == "2.申请人逾期未按收费通知要求缴纳费用"


def test_extra_values_noted_not_shifted():
    doc = from_text(
        CHANGJI.replace("2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 9 |")
    )
    t3 = doc.tables["table3"]
    row = t3.row("not_processed.repeated")
    assert row.values() == [1, 0, 0, 0, 0, 0, 1] and row.extra == 1
    assert any("not_processed.repeated: 1 more" in n for n in t3.notes)


TABLE2_2019 = """\
2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 | 1 | 1 | 20
规范性文件 | 3 | 3 | 57
第二十条第（五）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政许可 | 12 | +3 | 340
其他对外管理服务事项 | 5 | 减4 | 61
第二十条第（六）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政处罚 | 8 | -2 | 17
行政强制 | 2 | 0 | 1
第二十条第（八）项
信息内容 | 上一年项目数量 | 本年增/减
行政事业性收费 | 1 | 0
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额
政府集中采购 | 5 | 251000元
三、收到和处理政府信息公开申请情况
"""


def test_table2_2019_money_and_signed_changes():
    t2 = from_text(TABLE2_2019, year=2020).tables["table2"]
    assert t2.layout == "2019" and t2.layout_basis == "labels"
    assert t2.row("licensing").values() == [12, 3, 340]
    assert t2.row("other_services").values() == [5, -4, 61]
    assert t2.row("penalty").values() == [8, -2, 17]
    assert t2.row("penalty").cell("change").raw == "-2"
    proc = t2.row("procurement")
    assert proc.values() == [5, Decimal(251000)]
    assert proc.cell("purchase_amount").unit == "元" and proc.cell("purchase_amount").raw == "251000元"
    assert t2.notes == []


def test_prose_is_not_a_table():
    text = (
        "2021年政府信息公开工作年度报告\n"
        "一、总体情况\n建立健全了相关规章制度。全年行政许可 12 件。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 3 件，其中结果维持 1 件，结果纠正 2 件。\n"
    )
    assert from_text(text).tables == {"table2": None, "table3": None, "table4": None}


def test_layout_rows_from_yaml():
    assert len(tables.layout_rows("table3", "2021")) == 25
    assert len(tables.layout_rows("table3", "2019")) == 23
    assert sum(len(r.columns) for r in tables.layout_rows("table2", "2021")) == 10
    assert sum(len(r.columns) for r in tables.layout_rows("table2", "2019")) == 22
    assert len(tables.outcome_rows("2019")) == 19
