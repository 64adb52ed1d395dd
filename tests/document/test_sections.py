"""Section headings on every real report, and the traps that are not headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.document.sections import normalise, outline_for
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def corpus_doc(name: str):
    return build_document(read(str(FIXTURES / name)))


def text_doc(text: str, year: int | None = None):
    return build_document(Extracted("t.txt", "text", text, OriginMap(text)), {"year": year} if year else None)


def raw(doc, span):
    return doc.text[span[0] : span[1]]


# Per file: (key, number as written, expected number, variant, inline, (line, column) of the
# heading, the heading as written in the file, last line of the heading)
CORPUS = {
    "changji-kjj-2021.txt": [
        ("overview", "一", "一", "official", False, (4, 1), "一、总体情况", 4),
        ("proactive", "二", "二", "official", False, (11, 1), "二、主动公开政府信息情况", 11),
        ("requests", "三", "三", "official", False, (28, 1), "三、收到和处理政府信息公开申请情况", 28),
        ("review", "四", "四", "official", False, (58, 1), "四、政府信息公开行政复议、行政诉讼情况", 58),
        ("problems", "五", "五", "official", False, (64, 1), "五、存在的主要问题及改进情况", 64),
        ("other", "六", "六", "official", False, (67, 1), "六、其他需要报告的事项", 67),
    ],
    "changshu-kjj-2021.txt": [  # no 六; 四 shortened
        ("overview", "一", "一", "official", False, (2, 1), "一、總體情況", 2),
        ("proactive", "二", "二", "official", False, (4, 1), "二、主動公開政府信息情況", 4),
        ("requests", "三", "三", "official", False, (47, 1), "三、收到和處理政府信息公開申請情況", 47),
        ("review", "四", "四", "unofficial", False, (272, 1), "四、復議和訴訟情況", 272),
        ("problems", "五", "五", "official", False, (311, 1), "五、存在的主要問題及改進情況", 311),
    ],
    "changzhou-kjj-2021.txt": [  # headings inline in one long line, pinyin inside
        ("overview", "一", "一", "official", True, (4, 350), "一、總體情況", 4),
        ("proactive", "二", "二", "official", True, (4, 909), "二、主動公開政府信息情況", 4),
        ("requests", "三", "三", "official", False, (5, 1), "三、收到和處理政府信息公開申請情況", 5),
        ("review", "四", "四", "official", False, (6, 1), "四、政府信息公開行政復(fù)議、行政訴訟情況", 6),
        ("problems", "五", "五", "variant", False, (7, 1), "五、政府信息公開工作存在的主要問題及改進措施", 7),
        ("other", "六", "六", "official", True, (7, 376), "六、其他需要報告的事項", 7),
    ],
    "taierzhuang-kjj-2021.txt": [  # captions instead of 二三四; 五 and 六 misnumbered
        ("overview", "一", "一", "official", False, (2, 1), "一、总体情况", 2),
        ("proactive", None, "二", "caption", False, (17, 1), "主动公开政府信息情况统计表", 17),
        ("requests", None, "三", "caption", False, (66, 25), "收到和处理政府信息公开申请情况统计表", 66),
        (
            "review",
            None,
            "四",
            "caption",
            False,
            (117, 1),
            "因政府信息公开工作被申请行政复议、提起\n行政诉讼情况统计表",
            118,
        ),
        ("problems", "二", "五", "official", False, (167, 2), "二、存在的主要问题及改进情况", 167),
        ("other", "三", "六", "official", False, (170, 1), "三、其他需要报告的事项", 170),
    ],
    "zhangjiakou-kjj-2010.txt": [  # the pre-2019 outline
        ("old_overview", "一", "一", "official", False, (4, 1), "一、概述", 4),
        ("old_proactive", "二", "二", "official", False, (17, 1), "二、政府信息主动公开情况", 17),
        ("old_requests", "三", "三", "official", False, (19, 1), "三、政府信息依申请公开情况", 19),
        ("old_fees", "四", "四", "official", False, (21, 1), "四、政府信息公开的收费及减免情况", 21),
        ("old_review", "五", "五", "official", False, (23, 1), "五、因政府信息公开申请行政复议、提起行政诉讼情况", 23),
        ("old_problems", "六", "六", "official", False, (25, 1), "六、政府信息公开工作存在的主要问题及改进措施", 25),
    ],
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_sections(name):
    doc = corpus_doc(name)
    got = []
    for s in doc.sections:
        loc = doc.locate(s.heading_span)
        got.append(
            (
                s.key,
                s.number,
                s.expected_number,
                s.variant,
                s.inline,
                (loc.line, loc.column),
                raw(doc, s.heading_span),
                loc.end_line,
            )
        )
    assert got == CORPUS[name]
    for s in doc.sections:
        # the number span is the written number; the line/column is the real place in the file
        if s.number is not None:
            assert raw(doc, s.number_span) == s.number
        loc = doc.locate(s.heading_span)
        assert doc.extracted.origins.line_text(loc.line)[loc.column - 1 :].startswith(
            raw(doc, s.heading_span).split("\n")[0]
        )


def test_pdf_sections():
    # read by reportlint.readers.pdf: page-number lines (`- 3 -`) are dropped, so lines are
    # lines of the extracted text; the page is the PDF page (the line numbers depend on how
    # the reader lays out the tables, so each heading is checked at its own line instead)
    doc = corpus_doc("huaian-gov-2024.pdf")
    got = []
    for s in doc.sections:
        loc = doc.locate(s.heading_span)
        assert doc.extracted.origins.line_text(loc.line).startswith(raw(doc, s.heading_span))
        got.append(
            (s.key, s.number, s.expected_number, s.variant, s.inline, raw(doc, s.heading_span), loc.page, loc.column)
        )
    assert got == [
        ("overview", "一", "一", "official", False, "一、总体情况", 1, 1),
        ("proactive", "二", "二", "official", False, "二、主动公开政府信息情况", 3, 1),
        ("requests", "三", "三", "official", False, "三、收到和处理政府信息公开申请情况", 4, 1),
        ("review", "四", "四", "official", False, "四、政府信息公开行政复议、行政诉讼情况", 5, 1),
        ("problems", "五", "五", "official", False, "五、存在的主要问题及改进情况", 5, 1),
        ("other", "六", "六", "official", False, "六、其他需要报告的事项", 6, 1),
    ]
    assert raw(doc, doc.sections[-1].body_span).endswith("全年收取政府信息公开信息处理费 3940 元。")
    assert "- 4 -" not in raw(doc, doc.section("proactive").body_span)


# -- titles and bodies ---------------------------------------------------------------------


def test_titles_are_normalised_and_official_titles_given():
    doc = corpus_doc("changshu-kjj-2021.txt")
    review = doc.section("review")
    assert review.title == "复议和诉讼情况"
    assert review.official_title == "政府信息公开行政复议、行政诉讼情况"
    assert doc.section("other") is None  # no 六 at all
    doc = corpus_doc("changzhou-kjj-2021.txt")
    assert doc.section("review").title == "政府信息公开行政复议、行政诉讼情况"  # pinyin gone
    assert doc.section("problems").title == "政府信息公开工作存在的主要问题及改进措施"
    doc = corpus_doc("taierzhuang-kjj-2021.txt")
    assert doc.section("review").title == "因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表"


def test_bodies():
    doc = corpus_doc("changji-kjj-2021.txt")
    bodies = {s.key: raw(doc, s.body_span) for s in doc.sections}
    assert bodies["overview"].startswith("2021年,昌吉州科学技术局认真执行")
    assert bodies["requests"].startswith("该部分以表格形式报告") and bodies["requests"].endswith("0 | 0 | 0 |")
    # the last body stops before the signature and the web debris
    assert (
        bodies["other"]
        == "本年度,本机关未收取政府信息处理费,无其他需要报告的事项。\n联系人:袁钲皓 联系方式:0994-2345627"
    )

    doc = corpus_doc("changzhou-kjj-2021.txt")
    bodies = {s.key: raw(doc, s.body_span) for s in doc.sections}
    assert bodies["overview"].startswith("1、主動公開情況") and bodies["overview"].endswith("提供方便。")
    assert bodies["proactive"] == bodies["requests"] == bodies["review"] == ""  # headings with no table
    assert bodies["other"] == "本年度政府信息公開事項未收取任何費用。"  # not the trailing `|`

    doc = corpus_doc("taierzhuang-kjj-2021.txt")
    proactive = raw(doc, doc.section("proactive").body_span)
    assert proactive.startswith("第二十条第（一）项") and "bookmark" not in proactive
    assert raw(doc, doc.section("other").body_span) == "本局2021年度无存在其他需要报告事项"

    doc = corpus_doc("zhangjiakou-kjj-2010.txt")
    assert raw(doc, doc.section("old_problems").body_span).endswith("问责等工作流程。")


def test_outline_sentence():
    doc = corpus_doc("changji-kjj-2021.txt")
    assert doc.meta.outline_keys == ["overview", "proactive", "requests", "review", "problems", "other"]
    assert raw(doc, doc.meta.outline_span).startswith("全文内容包括总体情况")
    doc = corpus_doc("changshu-kjj-2021.txt")  # lists five parts, and has five
    assert doc.meta.outline_keys == ["overview", "proactive", "requests", "review", "problems"]
    assert doc.meta.outline_span[0] == doc.text.index("全文包括")
    doc = corpus_doc("changzhou-kjj-2021.txt")
    assert len(doc.meta.outline_keys) == 6
    doc = corpus_doc("taierzhuang-kjj-2021.txt")
    assert doc.meta.outline_keys == [] and doc.meta.outline_span is None


# -- traps -----------------------------------------------------------------------------------

TABLE3_LABELS = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "四、结转下年度继续办理",
)


@pytest.mark.parametrize("name", ["changji-kjj-2021.txt", "changshu-kjj-2021.txt", "taierzhuang-kjj-2021.txt"])
def test_table3_row_labels_are_not_headings(name):
    doc = corpus_doc(name)
    for s in doc.sections:
        heading = doc.view.text[doc.view.to_view(s.heading_span[0]) : doc.view.to_view(s.heading_span[1])]
        assert not any(normalise(heading).startswith(normalise(label)) for label in TABLE3_LABELS), heading


def test_table3_labels_synthetic():
    text = (
        "某局2021年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 0 | 0 |\n"
        "二、上年结转政府信息公开申请数量 | 0 | 0 |\n"
        "三、本年度办理结果 | (一)予以公开 | 0 |\n"
        "四、结转下年度继续办理 | 0 | 0 |\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "正文。 一、本年新收政府信息公开申请数量 0\n"
    )
    doc = text_doc(text)
    assert [(s.key, s.number) for s in doc.sections] == [("requests", "三"), ("review", "四")]
    assert doc.locate(doc.section("review").heading_span).line == 7


def test_intro_sentence_is_not_headings():
    text = (
        "某局2021年政府信息公开工作年度报告\n"
        "本报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。\n"
        "全文包括:一、总体情况;二、主动公开政府信息情况;三、收到和处理政府信息公开申请情况。\n"
        "一、总体情况\n正文。\n"
        "六、其他需要报告的事项\n无。\n"
    )
    doc = text_doc(text)
    assert [(s.key, doc.locate(s.heading_span).line) for s in doc.sections] == [("overview", 4), ("other", 6)]
    assert doc.meta.outline_keys == ["overview", "proactive", "requests", "review", "problems", "other"]


def test_sub_items_and_words_are_not_headings():
    text = (
        "某局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "(一)主动公开情况。全年主动公开信息9条。\n"
        "1、主动公开情况:2021年,我局新增主动公开信息。\n"
        "加强统一、规范管理,一是加强领导,二是完善制度。\n"
        "党的二十大和二十届二中、三中全会精神。\n"
        "第二十条第(一)项 | 0 |\n"
        "二、主动公开政府信息情况\n"
    )
    doc = text_doc(text)
    assert [(s.key, doc.locate(s.heading_span).line) for s in doc.sections] == [("overview", 2), ("proactive", 8)]


def test_inline_heading_must_follow_a_sentence_end():
    text = "某局2021年政府信息公开工作年度报告\n正文。 一、总体情况 1、正文 统一、主动公开政府信息情况\n"
    doc = text_doc(text)
    assert [(s.key, s.inline) for s in doc.sections] == [("overview", True)]


def test_misnumbered_and_out_of_order():
    text = (
        "某局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n正文。\n"
        "三、主动公开政府信息情况\n正文。\n"
        "二、收到和处理政府信息公开申请情况\n正文。\n"
    )
    doc = text_doc(text)
    assert [(s.key, s.number, s.expected_number) for s in doc.sections] == [
        ("overview", "一", "一"),
        ("proactive", "三", "二"),
        ("requests", "二", "三"),
    ]


def test_variants():
    text = (
        "某局2021年政府信息公开工作年度报告\n"
        "第一部分 总体情况\n正文。\n"
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n无。\n"
        "五、存在的主要问题和改进措施\n正文。\n"
        "六、其他需要报告的事项。\n无。\n"
    )
    doc = text_doc(text)
    assert [(s.key, s.number, s.variant) for s in doc.sections] == [
        ("overview", "一", "official"),
        ("review", "四", "variant"),
        ("problems", "五", "variant"),
        ("other", "六", "official"),
    ]


def test_heading_followed_by_text_on_the_same_line():
    text = "某局2021年政府信息公开工作年度报告\n六、其他需要报告的事项本年度未收取信息处理费。\n"
    doc = text_doc(text)
    other = doc.section("other")
    assert (other.number, other.variant, other.title) == ("六", "official", "其他需要报告的事项")
    assert raw(doc, other.body_span) == "本年度未收取信息处理费。"


def test_pdf_title_broken_over_lines():
    text = "某局2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政\n诉讼情况\n正文\n"
    doc = text_doc(text)
    review = doc.section("review")
    assert (review.variant, review.title) == ("official", "政府信息公开行政复议、行政诉讼情况")
    assert doc.locate(review.heading_span).end_line == 3


def test_bare_title_without_number():
    text = "某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n主动公开政府信息情况\n表格\n"
    doc = text_doc(text)
    assert [(s.key, s.number, s.variant) for s in doc.sections] == [
        ("overview", "一", "official"),
        ("proactive", None, "official"),
    ]


def test_outline_by_year():
    assert outline_for(2010) == "pre2019" and outline_for(2018) == "pre2019"
    assert outline_for(2019) == "current" and outline_for(2024) == "current"
    assert outline_for(None) is None
    old = "一、概述\n正文。\n二、政府信息主动公开情况\n正文。\n四、政府信息公开的收费及减免情况\n无。\n"
    # no year at all: the outline that finds more sections wins
    assert [s.key for s in text_doc(old).sections] == ["old_overview", "old_proactive", "old_fees"]
    assert [s.key for s in text_doc(old, year=2021).sections] == ["overview", "proactive"]


def test_no_sections():
    assert text_doc("").sections == []
    assert text_doc("只有一段正文。\n").sections == []


def test_outline_sentence_of_unknown_year_read_with_the_outline_found():
    # no title, no period: the headings are the old outline's, so is the sentence
    text = (
        "全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况。\n"
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息情况\n正文。\n"
        "四、政府信息公开的收费及减免情况\n无。\n"
    )
    doc = text_doc(text)
    assert [s.key for s in doc.sections] == ["old_overview", "old_proactive", "old_requests", "old_fees"]
    assert doc.meta.outline_keys == ["old_overview", "old_proactive", "old_requests", "old_fees"]


def test_outline_sentence_with_you_and_zucheng():
    text = (
        "本报告由某某县人民政府办公室编制。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况"
        "等三个部分组成。\n一、总体情况\n正文。\n"
    )
    doc = text_doc(text, year=2021)
    assert doc.meta.outline_keys == ["overview", "proactive", "requests"]
    assert raw(doc, doc.meta.outline_span).startswith("本报告由总体情况")
    # `由` without `组成` in the sentence is no outline sentence
    assert (
        text_doc("本报告由某某局编制，主动公开政府信息情况良好。\n一、总体情况\n正文。\n", 2021).meta.outline_keys == []
    )


def test_old_overview_and_qita_spellings():
    doc = text_doc("一、全省政府信息公开工作推进情况\n正文。\n二、主动公开政府信息情况\n正文。\n", year=2017)
    assert [s.key for s in doc.sections] == ["old_overview", "old_proactive"]
    doc = text_doc("一、总体情况\n正文。\n六、其它报告事项\n无。\n", year=2021)
    assert [s.key for s in doc.sections] == ["overview", "other"]
