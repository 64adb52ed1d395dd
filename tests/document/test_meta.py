"""Meta analysis (title, year, agency, kind, period, signature) on every real report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.meta import agency_kind, looks_like_agency
from reportlint.document.origin import OriginMap
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def corpus_doc(name: str):
    return build_document(read(str(FIXTURES / name)))


def text_doc(text: str):
    return build_document(Extracted("t.txt", "text", text, OriginMap(text)))


def at(doc, span):
    """(line, column) of the start of a span in the file."""
    loc = doc.locate(span)
    return loc.line, loc.column


def raw(doc, span):
    return doc.text[span[0] : span[1]]


# -- the real reports ---------------------------------------------------------------------

# name: title, title (line, col), year, year source, agency, agency (line, col), agency source, kind
TITLES = {
    "changji-kjj-2021.txt": (
        "昌吉州科学技术局2021年度政府信息公开工作年度报告",
        (2, 1),
        2021,
        "title",
        "昌吉州科学技术局",
        (2, 1),
        "title",
        "department",
    ),
    "changshu-kjj-2021.txt": (
        # no title line: year and agency come from `本年報是…由常熟市科學技術局編制的2021年…`
        None,
        None,
        2021,
        "body",
        "常熟市科学技术局",
        (1, 21),
        "body",
        "department",
    ),
    "changzhou-kjj-2021.txt": (
        "常州市科学技术局2021年政府信息公开工作年度报告",
        (3, 1),
        2021,
        "title",
        "常州市科学技术局",
        (3, 1),
        "title",
        "department",
    ),
    "taierzhuang-kjj-2021.txt": (
        "区科技局2021年政府信息公开工作年度报告",
        (1, 1),
        2021,
        "title",
        "区科技局",
        (1, 1),
        "title",
        "department",
    ),
    "zhangjiakou-kjj-2010.txt": (
        "张家口市科学技术和地震局2010年政府信息公开年度报告",
        (1, 1),
        2010,
        "title",
        "张家口市科学技术和地震局",
        (1, 1),
        "title",
        "department",
    ),
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_title_year_agency(name):
    doc = corpus_doc(name)
    m = doc.meta
    title, title_at, year, year_source, agency, agency_at, agency_source, kind = TITLES[name]
    assert m.title == title
    assert (at(doc, m.title_span) if m.title_span else None) == title_at
    assert (m.year, m.year_source) == (year, year_source)
    assert raw(doc, m.year_span) == str(year)
    assert (m.agency, m.agency_source, m.kind) == (agency, agency_source, kind)
    assert at(doc, m.agency_span) == agency_at


def test_title_spans_the_agency_line_and_year_in_pdf():
    doc = corpus_doc("huaian-gov-2024.pdf")
    m = doc.meta
    assert m.title is not None and m.title.replace(" ", "") == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert raw(doc, m.title_span).startswith("淮安市人民政府")
    assert (m.year, m.year_source, m.agency, m.agency_source, m.kind) == (
        2024,
        "title",
        "淮安市人民政府",
        "title",
        "government",
    )
    assert raw(doc, m.year_span) == "2024"
    assert raw(doc, m.agency_span) == "淮安市人民政府"
    loc = doc.locate(m.title_span)  # two lines of the extracted text on page 1
    assert (loc.page, loc.line, loc.column, loc.end_line) == (1, 1, 1, 2)


# name: (start date, raw, (line, col)), (end date, raw, (line, col)), sentence (line, col)
PERIODS = {
    "changji-kjj-2021.txt": (
        (date(2021, 1, 1), "2021年1月1日", (3, 178)),
        (date(2021, 12, 31), "2021年12月31日", (3, 189)),
        (3, 160),
    ),
    "changzhou-kjj-2021.txt": (
        (date(2021, 1, 1), "2021年1月1日", (4, 93)),
        (date(2021, 12, 31), "2021年12月31日", (4, 104)),
        (4, 64),
    ),
    "taierzhuang-kjj-2021.txt": (
        (date(2021, 1, 1), "2021年1月1日", (3, 192)),
        (date(2021, 12, 31), "2021年12月31日", (3, 203)),
        (3, 178),
    ),
    "changshu-kjj-2021.txt": None,  # no statistical-period sentence
    "zhangjiakou-kjj-2010.txt": None,  # no statistical-period sentence
}


@pytest.mark.parametrize("name", sorted(PERIODS))
def test_statistical_period(name):
    doc = corpus_doc(name)
    m = doc.meta
    expected = PERIODS[name]
    if expected is None:
        assert m.period_start is None and m.period_end is None and m.period_span is None
        return
    (s_value, s_raw, s_at), (e_value, e_raw, e_at), sentence_at = expected
    assert (m.period_start.value, m.period_start.raw, at(doc, m.period_start.span)) == (s_value, s_raw, s_at)
    assert (m.period_end.value, m.period_end.raw, at(doc, m.period_end.span)) == (e_value, e_raw, e_at)
    assert at(doc, m.period_span) == sentence_at
    sentence = raw(doc, m.period_span)
    assert sentence.startswith("本") and sentence.endswith("止。")


def test_statistical_period_with_spaces_in_pdf():
    doc = corpus_doc("huaian-gov-2024.pdf")
    m = doc.meta
    assert m.period_start.value == date(2024, 1, 1) and m.period_start.raw == "2024 年 1 月 1 日"
    assert m.period_end.value == date(2024, 12, 31) and m.period_end.raw == "2024 年 12 月 31 日"
    assert raw(doc, m.period_span) == "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。"
    loc = doc.locate(m.period_start.span)
    assert (loc.page, loc.line, loc.column) == (1, 5, 13)


# name: signature agency, its (line, col), signed_on, raw, (line, col), span lines, truncated, debris lines
SIGNATURES = {
    "changji-kjj-2021.txt": (
        "昌吉州科学技术局",
        (70, 1),
        date(2022, 1, 18),
        "2022年1月18日",
        (71, 1),
        (70, 71),
        False,
        (72, 73),
    ),
    "changshu-kjj-2021.txt": (
        "常熟市科学技术局",
        (313, 1),
        date(2022, 1, 24),
        "2022年1月24日",
        (314, 1),
        (313, 314),
        False,
        None,
    ),
    "taierzhuang-kjj-2021.txt": (
        "台儿庄区科技局",
        (175, 1),
        date(2022, 1, 28),
        "2022年1月28日",
        (176, 1),
        (175, 176),
        False,
        None,
    ),
    # the date is cut off: `二○` then `扫一扫手机打开当前页`
    "zhangjiakou-kjj-2010.txt": ("张家口市科学技术和地震局", (27, 1), None, None, None, (27, 28), True, (29, 29)),
    # no signature at all; the last line `|` is layout debris
    "changzhou-kjj-2021.txt": (None, None, None, None, None, None, False, (8, 8)),
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_signature(name):
    doc = corpus_doc(name)
    m = doc.meta
    agency, agency_at, signed, signed_raw, signed_at, lines, truncated, debris = SIGNATURES[name]
    assert m.signature_agency == agency
    assert (at(doc, m.signature_agency_span) if m.signature_agency_span else None) == agency_at
    if signed is None:
        assert m.signed_on is None
    else:
        assert (m.signed_on.value, m.signed_on.raw, at(doc, m.signed_on.span)) == (signed, signed_raw, signed_at)
    if lines is None:
        assert m.signature_span is None
    else:
        loc = doc.locate(m.signature_span)
        assert (loc.line, loc.end_line) == lines
    assert m.signature_truncated is truncated
    if debris is None:
        assert m.debris_span is None
    else:
        loc = doc.locate(m.debris_span)
        assert (loc.line, loc.end_line) == debris


def test_truncated_signature_span_ends_with_the_cut_date():
    doc = corpus_doc("zhangjiakou-kjj-2010.txt")
    assert raw(doc, doc.meta.signature_span) == "张家口市科学技术和地震局\n二○"
    assert raw(doc, doc.meta.debris_span) == "扫一扫手机打开当前页"


def test_debris_after_signature_is_not_the_signature():
    doc = corpus_doc("changji-kjj-2021.txt")
    assert raw(doc, doc.meta.debris_span).startswith("上一篇:")
    assert raw(doc, doc.meta.debris_span).endswith("下一篇: 昌吉州科学技术局20...")
    assert raw(doc, doc.meta.signature_span) == "昌吉州科学技术局\n2022年1月18日"


def test_pdf_has_no_signature():
    m = corpus_doc("huaian-gov-2024.pdf").meta
    assert m.signature_span is None and m.signed_on is None and m.signature_agency is None
    assert not m.signature_truncated


def test_signature_agency_differs_from_title_agency():
    # the README defect: title `区科技局`, signature `台儿庄区科技局`
    m = corpus_doc("taierzhuang-kjj-2021.txt").meta
    assert m.agency == "区科技局" and m.signature_agency == "台儿庄区科技局"


# -- synthetic texts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kind",
    [
        ("常州市科学技术局", "department"),
        ("区科技局", "department"),
        ("昌吉州发展和改革委员会", "department"),
        ("淮安市人民政府办公室", "department"),
        ("某市政务服务管理中心", "department"),
        ("省交通运输厅", "department"),
        ("淮安市人民政府", "government"),
        ("某某区政府", "government"),
        ("某县人民政府", "government"),
        ("某某镇人民政府", "township"),
        ("某某镇", "township"),
        ("某某乡", "township"),
        ("某某街道办事处", "township"),
        ("某某街道", "township"),
        ("科学技术", None),
        ("", None),
        (None, None),
    ],
)
def test_agency_kind(name, kind):
    assert agency_kind(name) == kind


def test_looks_like_agency():
    assert looks_like_agency("台儿庄区科技局 ")
    assert not looks_like_agency("联系人:袁钲皓 联系方式:0994-2345627")
    assert not looks_like_agency("本局2021年度无存在其他需要报告事项")
    assert not looks_like_agency("行政许可")


def test_government_report_with_chinese_numeral_signature():
    text = (
        "某某县人民政府2022年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
        "一、总体情况\n正文。\n"
        "某某县人民政府\n"
        "二〇二三年三月二十八日\n"
    )
    m = text_doc(text).meta
    assert (m.year, m.agency, m.kind) == (2022, "某某县人民政府", "government")
    assert m.signed_on.value == date(2023, 3, 28)
    assert m.signed_on.raw == "二〇二三年三月二十八日"
    assert m.signature_agency == "某某县人民政府"


def test_signature_with_white_circle_zero_and_same_line_agency():
    text = "某镇2021年政府信息公开工作年报\n正文。\n某某镇人民政府  二○二二年一月二十日\n"
    doc = text_doc(text)
    m = doc.meta
    assert (m.title, m.kind) == ("某镇2021年政府信息公开工作年报", "township")
    assert m.signed_on.value == date(2022, 1, 20)
    assert m.signature_agency == "某某镇人民政府"
    assert raw(doc, m.signature_span) == "某某镇人民政府  二○二二年一月二十日"


def test_truncated_arabic_signature_date():
    text = "某局2021年政府信息公开工作年度报告\n正文。\n某某局\n2022年1\n上一篇: 某某\n"
    m = text_doc(text).meta
    assert m.signature_truncated and m.signed_on is None and m.signature_agency == "某某局"


def test_period_variants():
    cases = {
        "统计期限自2021年1月1日起至2021年12月31日止。": (date(2021, 1, 1), date(2021, 12, 31)),
        "本报告统计时间为2021年1月1日—2021年12月31日。": (date(2021, 1, 1), date(2021, 12, 31)),
        "数据统计期间为2021年1月1日至12月31日。": (date(2021, 1, 1), date(2021, 12, 31)),
        "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。": (date(2024, 1, 1), date(2024, 12, 31)),
        "统计期限自二〇二一年一月一日起至二〇二一年十二月三十一日止。": (date(2021, 1, 1), date(2021, 12, 31)),
        # no anchor word: a bare 1 January – 31 December range is still the period
        "本报告数据为2021年1月1日—2021年12月31日的情况。": (date(2021, 1, 1), date(2021, 12, 31)),
        # a period in the wrong year is still read as written
        "统计期限自2020年1月1日起至2020年12月31日止。": (date(2020, 1, 1), date(2020, 12, 31)),
    }
    for sentence, (start, end) in cases.items():
        m = text_doc(f"某局2021年政府信息公开工作年度报告\n{sentence}\n").meta
        assert (m.period_start.value, m.period_end.value) == (start, end), sentence


def test_no_period_from_an_unrelated_range():
    m = text_doc("某局2021年政府信息公开工作年度报告\n2021年3月1日至2021年5月31日开展专项检查。\n").meta
    assert m.period_start is None and m.period_span is None


def test_title_variants():
    cases = {
        "某局2021年度政府信息公开工作年报": ("某局", 2021),
        "2021年度某某局政府信息公开工作年度报告": ("某某局", 2021),
        "某某局政府信息公开工作年度报告(2021年度)": ("某某局", 2021),
        "某某局2019年政府信息公开年度报告": ("某某局", 2019),
        "某某局关于2021年政府信息公开工作年度报告": ("某某局", 2021),
    }
    for title, (agency, year) in cases.items():
        m = text_doc(f"{title}\n一、总体情况\n").meta
        assert (m.title, m.agency, m.year, m.year_source) == (title, agency, year, "title"), title


def test_sentence_is_not_a_title_and_year_falls_back_to_period():
    text = "根据条例，现将某局2021年政府信息公开工作年度报告如下。\n统计期限自2021年1月1日起至2021年12月31日止。\n"
    m = text_doc(text).meta
    assert m.title is None
    assert (m.year, m.year_source) == (2021, "body")
    m = text_doc("统计期限自2021年1月1日起至2021年12月31日止。\n正文。\n").meta
    assert (m.title, m.year, m.year_source) == (None, 2021, "period")


def test_empty_document():
    m = text_doc("").meta
    assert m.title is None and m.year is None and m.signature_span is None
