"""Title and agency reading on page shapes met outside the corpus (variants written here)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reportlint.document.build import build_document, infer_format
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

BODY = "\n一、总体情况\n本年度，我单位主动公开政府信息80条。\n"


def text_doc(text: str):
    return build_document(Extracted("t.txt", "text", text, OriginMap(text)))


@pytest.mark.parametrize(
    ("title", "year", "agency", "kind"),
    [
        ("北沙区文化旅游局政府信息公开工作2024年度报告", 2024, "北沙区文化旅游局", "department"),
        ("青石镇2022年信息公开工作年度报告", 2022, "青石镇", "township"),
        ("南溪县2017年度政府信息公开工作报告", 2017, "南溪县", None),
        ("东坝街道2019年度政府信息公开工作报告", 2019, "东坝街道", "township"),
    ],
)
def test_title_shapes(title, year, agency, kind):
    doc = text_doc(title + "\n" + BODY)
    assert doc.meta.title == title
    assert doc.meta.year == year
    assert doc.meta.agency == agency
    assert doc.meta.kind == kind
    assert doc.meta.title_source == "body"


def test_notice_about_reports_is_not_a_title():
    doc = text_doc(
        "某某市人民政府办公室\n\n关于做好2024年政府信息公开工作年度报告\n\n编制和发布工作的通知\n\n"
        "各县区人民政府，市政府各部门：\n为做好2024年年报编制工作，现通知如下。\n"
    )
    assert doc.meta.title is None
    assert doc.meta.agency != "关于做好"


def test_notice_on_one_line_is_not_a_title():
    doc = text_doc("某某县人民政府办公室关于印发2023年政府信息公开工作年度报告\n" + BODY)
    assert doc.meta.title is None


def test_guanyu_right_before_the_year_is_still_a_title():
    doc = text_doc("某某县水务局关于2023年度政府信息公开工作年度报告\n" + BODY)
    assert doc.meta.year == 2023
    assert doc.meta.agency == "某某县水务局"


@pytest.mark.parametrize("field", ["有效", "时效", "2023-01-15", "报告"])
def test_page_field_value_is_not_glued_onto_the_agency(field):
    doc = text_doc(f"{field}\n\n西塘市水利局2022年政府信息公开工作年度报告\n" + BODY)
    assert doc.meta.agency == "西塘市水利局"
    assert doc.meta.title == "西塘市水利局2022年政府信息公开工作年度报告"


def test_title_wrapped_over_two_lines_is_still_joined():
    doc = text_doc("西塘市某某区农业农村局2022年政府信息公开\n工作年度报告\n" + BODY)
    assert doc.meta.title == "西塘市某某区农业农村局2022年政府信息公开工作年度报告"
    assert doc.meta.agency == "西塘市某某区农业农村局"


@pytest.mark.parametrize(
    "row",
    [
        "  • 标    题:北湖区卫生健康局2022年政府信息公开工作年度报告",
        "标 题 : 北湖区卫生健康局2022年政府信息公开工作年度报告",
        "标题: 北湖区卫生健康局2022年政府信息公开工作年度报告",
    ],
)
def test_spaced_title_label_gives_the_page_title(row):
    doc = text_doc(row + "\n" + BODY)
    assert doc.meta.page_title == "北湖区卫生健康局2022年政府信息公开工作年度报告"
    assert doc.meta.title == "北湖区卫生健康局2022年政府信息公开工作年度报告"
    assert doc.meta.title_source == "page"
    assert doc.meta.agency == "北湖区卫生健康局"


def _with_layouts(*layouts):
    doc = text_doc("一、总体情况\n我局认真落实条例。\n")
    assert doc.meta.year is None
    doc.tables = {f"table{i}": SimpleNamespace(layout=x) for i, x in enumerate(layouts, 2)}
    return doc


def test_infer_format_tie_is_unknown():
    assert infer_format(_with_layouts("2019", "2021")) == "unknown"
    assert infer_format(_with_layouts("2019", "2021", "unknown")) == "unknown"


def test_infer_format_majority_decides():
    assert infer_format(_with_layouts("2019", "2021", "2021")) == "2021"
    assert infer_format(_with_layouts("2019", "unknown")) == "2019"


@pytest.mark.parametrize(
    ("first", "second", "agency"),
    [
        # the line above names the body the next line's office belongs to
        ("西湖风景区管理委员会", "卫生健康办公室2023年政府信息公开工作年度报告", "西湖风景区管理委员会卫生健康办公室"),
        # the title names no agency: the line above is it, whatever its ending
        ("某某县人民政府机关", "2020年政府信息公开工作年度报告", "某某县人民政府机关"),
    ],
)
def test_line_above_a_whole_title_can_still_be_its_first_half(first, second, agency):
    doc = text_doc(f"{first}\n{second}\n" + BODY)
    assert doc.meta.agency == agency
    assert doc.meta.title == first + second


def test_sentence_naming_a_report_without_zhengfu_gives_no_year():
    # a 2020 report that mentions publishing last year's report
    doc = text_doc("一、总体情况\n本年度，我局及时发布财政信息及2019年度信息公开工作报告。\n")
    assert doc.meta.year is None
