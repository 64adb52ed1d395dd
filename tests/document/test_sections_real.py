"""Section headings as real reports reach a reviewer: flattened onto one line by a crawler,
marked up as Markdown, behind a Word table of contents, with numbered sub-points, and the
sentence listing the parts wrapped or joined with 和/及. Each test builds its own variants
of one correct report; the corpus files pin the same behaviour on real text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
CURRENT = ["overview", "proactive", "requests", "review", "problems", "other"]
OLD = ["old_overview", "old_proactive", "old_requests", "old_fees", "old_review", "old_problems"]
STRUCTURE = ("RL102", "RL103", "RL105", "RL106", "RL109")


def text_doc(text: str, facts: dict | None = None):
    return build_document(Extracted("t.txt", "text", text, OriginMap(text)), facts)


def corpus_doc(name: str):
    return build_document(read(str(FIXTURES / name)))


def findings(doc, codes=STRUCTURE):
    """(code, line) of the findings of the structure rules, through the engine."""
    rules = [REGISTRY.rules[c](None) for c in codes]
    found = Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)
    return [(d.code, d.location.line) for d in found if d.code in codes]


def keys(doc):
    return [s.key for s in doc.sections]


def heading_texts(doc):
    return [re.sub(r"\s+", "", doc.text[s.heading_span[0] : s.heading_span[1]]) for s in doc.sections]


# One correct 2021-format report, as its parts (title, intro, heading, body …).
TITLE = "某市科学技术局2021年政府信息公开工作年度报告"
INTRO = (
    "本报告依据《中华人民共和国政府信息公开条例》编制。全文包括总体情况、主动公开政府信息情况、"
    "收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况"
    "和其他需要报告的事项等六个部分。"
)
PARTS = [
    ("一、总体情况", "2021年，我局认真落实条例要求，将政务公开纳入年度绩效考核。"),
    ("二、主动公开政府信息情况", "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"),
    (
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量2000002 二、上年结转政府信息公开申请数量0000000 "
        "三、本年度办理结果（一）予以公开2000002 四、结转下年度继续办理0000000",
    ),
    ("四、政府信息公开行政复议、行政诉讼情况", "行政复议行政诉讼结果维持000000000000000"),
    ("五、存在的主要问题及改进情况", "存在的问题主要有：一是解读形式不够丰富。下一步，我局将丰富解读形式。"),
    ("六、其他需要报告的事项", "本年度未收取信息处理费。"),
]


def lines_report(parts=PARTS, intro=INTRO, title=TITLE):
    out = [title, intro]
    for heading, body in parts:
        out += [heading, body]
    return "\n".join(out) + "\n某市科学技术局\n2022年1月20日\n"


def flat_report(sep: str, parts=PARTS, intro=INTRO):
    """The whole report on one line, as a crawler exports a web page."""
    body = sep.join(f"{h}{sep}{b}" for h, b in parts)
    return f"标题: {TITLE}\n==== 正文 ====\n{TITLE}{sep}{intro}{sep}{body}\n"


# -- 1 and 7: headings inline with no separator at all -------------------------------------


@pytest.mark.parametrize("sep", ["\n", " ", ""], ids=["lines", "spaces", "nothing"])
def test_flattened_report_finds_all_six(sep):
    text = lines_report() if sep == "\n" else flat_report(sep)
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert heading_texts(doc) == [h for h, _ in PARTS]
    assert [s.number for s in doc.sections] == ["一", "二", "三", "四", "五", "六"]
    assert all(s.inline == (sep != "\n") for s in doc.sections)
    # table 三's own row labels are never headings, inline or not
    assert not any("本年新收" in h or "本年度办理结果" in h or "结转下年度" in h for h in heading_texts(doc))
    assert doc.meta.outline_keys == CURRENT
    assert findings(doc) == []


def test_flattened_body_runs_into_the_next_heading():
    doc = text_doc(flat_report(""))
    bodies = {s.key: doc.text[s.body_span[0] : s.body_span[1]] for s in doc.sections}
    assert bodies["problems"].startswith("存在的问题主要有") and bodies["problems"].endswith("丰富解读形式。")
    assert bodies["proactive"].startswith("第二十条")
    assert bodies["requests"].endswith("四、结转下年度继续办理0000000")


def test_inline_heading_after_digits_needs_its_own_number():
    # after a digit or an ordinary character, only a heading with the number the format
    # gives it is a heading; `三、主动公开政府信息情况` after a number is text
    base = f"{TITLE}\n一、总体情况 正文。"
    doc = text_doc(base + "统计数据1082三、收到和处理政府信息公开申请情况（本列数据…）\n")
    assert keys(doc) == ["overview", "requests"]
    doc = text_doc(base + "统计数据1082三、主动公开政府信息情况有所提升 二、主动公开政府信息情况 正文。\n")
    assert keys(doc) == ["overview", "proactive"] and doc.section("proactive").number == "二"
    # … unless its section has no other heading and it stands in order: a misnumbered
    # heading is still there (RL103 says so), never "missing"
    doc = text_doc(base + "统计数据1082三、主动公开政府信息情况第二十条 三、收到和处理政府信息公开申请情况 正文。\n")
    assert [(s.key, s.number) for s in doc.sections] == [("overview", "一"), ("proactive", "三"), ("requests", "三")]
    doc = text_doc(base + "三、收到和处理政府信息公开申请情况 正文。1082三、主动公开政府信息情况第二十条\n")
    assert keys(doc) == ["overview", "requests"]  # out of order: not a heading
    doc = text_doc(base + "工作统一、主动公开政府信息情况良好。\n")
    assert keys(doc) == ["overview"]  # `统一、` is a word, not a number
    # a list after `:` / `;` is not headings
    doc = text_doc(base + "重点做好:二、主动公开政府信息情况;三、收到和处理政府信息公开申请情况\n")
    assert keys(doc) == ["overview"]


@pytest.mark.parametrize("name", ["pingtan-gov-2019.txt", "pingtan-gov-2021.txt", "pingtan-gov-2023.txt"])
def test_pingtan_one_line_reports(name):
    doc = corpus_doc(name)
    assert keys(doc) == CURRENT
    assert all(s.inline and s.number == s.expected_number and s.variant == "official" for s in doc.sections)
    assert not any(re.search("本年新收|上年结转|本年度办理结果|结转下年度", h) for h in heading_texts(doc))
    assert [c for c, _ in findings(doc, ("RL102", "RL103", "RL105", "RL106"))] == []


# -- 2: Markdown --------------------------------------------------------------------------


def markdown_report(sub_points: bool):
    out = [f"# {TITLE}", INTRO]
    for heading, body in PARTS:
        out.append(f"## {heading}")
        if sub_points and heading.startswith("一"):
            out += ["### （一）主动公开情况", "全年主动公开信息9条。", "### 三是提高解读效能。", "正文。"]
        if heading.startswith("三"):
            out += ["### 一、本年新收政府信息公开申请数量", "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |"]
            out += ["### 三、本年度办理结果", "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |"]
            continue
        out.append(body)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("sub_points", [False, True])
def test_markdown_headings(sub_points):
    doc = text_doc(markdown_report(sub_points))
    assert keys(doc) == CURRENT
    assert heading_texts(doc) == [h for h, _ in PARTS]  # the `##` marks are not part of the heading
    assert not any(s.inline for s in doc.sections)
    assert findings(doc) == []


def test_markdown_unnumbered_title_stands_in():
    text = f"# {TITLE}\n## 一、总体情况\n正文。\n## 主动公开政府信息情况\n表格\n"
    doc = text_doc(text)
    assert [(s.key, s.number) for s in doc.sections] == [("overview", "一"), ("proactive", None)]


def test_shuyang_markdown():
    doc = corpus_doc("shuyang-gov-2025.txt")
    assert keys(doc) == CURRENT
    assert [doc.locate(s.heading_span).line for s in doc.sections] == [8, 53, 77, 158, 175, 184]
    assert [c for c, _ in findings(doc, ("RL102", "RL103", "RL105"))] == []


# -- 3: a table of contents ---------------------------------------------------------------


def toc_lines(style: str):
    titles = [h for h, _ in PARTS]
    if style == "tab":
        return ["目  录"] + [f"{t}\t{i // 2 + 1}" for i, t in enumerate(titles)]
    if style == "leaders":
        return ["目录"] + [f"{t}……………………{i + 1}" for i, t in enumerate(titles)]
    if style == "dots-no-caption":
        return [f"{t} ........ {i + 1}" for i, t in enumerate(titles)]
    if style == "bare":  # no 目录 line and no page numbers
        return titles
    raise ValueError(style)


@pytest.mark.parametrize("style", ["tab", "leaders", "dots-no-caption", "bare"])
def test_table_of_contents_is_not_the_sections(style):
    plain = text_doc(lines_report())
    text = lines_report().replace(TITLE + "\n", TITLE + "\n" + "\n".join(toc_lines(style)) + "\n\n", 1)
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    shift = len(toc_lines(style)) + 1
    assert [doc.locate(s.heading_span).line for s in doc.sections] == [
        plain.locate(s.heading_span).line + shift for s in plain.sections
    ]
    assert [doc.text[s.body_span[0] : s.body_span[1]] for s in doc.sections] == [
        plain.text[s.body_span[0] : s.body_span[1]] for s in plain.sections
    ]
    assert findings(doc) == []


def test_huaian_toc_draft_matches_the_draft():
    plain = corpus_doc("drafts/huaian-draft-2024.docx")
    toc = corpus_doc("drafts/huaian-draft-2024-toc.docx")
    assert keys(toc) == keys(plain) == CURRENT
    assert heading_texts(toc) == heading_texts(plain)

    def body(d, s):
        return d.text[s.body_span[0] : s.body_span[1]]

    assert [body(toc, s) for s in toc.sections] == [body(plain, s) for s in plain.sections]
    assert findings(toc) == findings(plain) == []


# -- 4: numbered sub-points inside a section ---------------------------------------------------


def sub_point_report(
    points=("一、加强组织领导", "二、工作机制保障", "三、主动公开工作情况", "四、政府信息公开申请情况"),
):
    """总体情况 with its own numbered sub-points 一、二、三、四, as in shanghai-kewei-2024."""
    parts = list(PARTS)
    lines = ["2021年，我局认真落实条例要求，将政务公开纳入年度绩效考核。"]
    for p in points:
        lines += [p, "正文。"]
    parts[0] = (parts[0][0], "\n".join(lines))
    return lines_report(parts)


@pytest.mark.parametrize(
    "points",
    [
        ("一、加强组织领导", "二、工作机制保障", "三、主动公开工作情况", "四、政府信息公开申请情况"),
        ("一、加强组织领导", "二、主动公开工作情况", "三、政府信息公开申请情况", "四、平台建设"),
    ],
    ids=["other-numbers", "own-numbers"],
)
def test_sub_points_are_not_sections(points):
    doc = text_doc(sub_point_report(points))
    assert keys(doc) == CURRENT
    assert heading_texts(doc) == [h for h, _ in PARTS]
    assert findings(doc) == []


def test_sub_point_never_stands_in_with_another_number():
    # the sub-points 三、四 inside 总体情况 never stand in for the missing sections 二 and 三
    text = sub_point_report()
    for heading, body in PARTS[1:3]:
        text = text.replace(f"{heading}\n{body}\n", "")
    doc = text_doc(text)
    assert keys(doc) == ["overview", "review", "problems", "other"]
    assert [c for c, _ in findings(doc, ("RL102", "RL103", "RL105"))] == ["RL102", "RL102"]


def test_sub_point_with_its_sections_number_stands_in_when_nothing_else_does():
    # `二、主动公开工作情况` after `一、加强组织领导`: a list item or a shortened heading; with no
    # other heading of 主动公开 it is taken as the heading (a false "missing" is worse)
    text = sub_point_report(("一、加强组织领导", "二、主动公开工作情况"))
    text = text.replace(f"{PARTS[1][0]}\n{PARTS[1][1]}\n", "")
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert doc.section("proactive").title == "主动公开工作情况"
    assert [c for c, _ in findings(doc, ("RL102", "RL103"))] == []


def test_a_heading_known_by_keywords_alone_is_still_a_heading():
    # `四、复议和诉讼情况` after a real section is a (shortened) heading, not a sub-point
    parts = list(PARTS)
    parts[3] = ("四、复议和诉讼情况", parts[3][1])
    doc = text_doc(lines_report(parts))
    assert keys(doc) == CURRENT
    assert doc.section("review").variant == "unofficial"
    assert [c for c, _ in findings(doc)] == ["RL105"]


def test_shanghai_restarted_numbering():
    doc = corpus_doc("shanghai-kewei-2024.md")
    assert [(s.key, s.number, doc.locate(s.heading_span).line) for s in doc.sections] == [
        ("overview", "一", 13),
        ("proactive", "一", 73),
        ("requests", "二", 91),
        ("review", "三", 180),
        ("other", "五", 205),
    ]
    got = findings(doc)
    # the numbering really is wrong in the report, and 五 really has no heading; no
    # finding comes from the sub-points 二…六 of 总体情况
    assert sorted(got) == [("RL102", 205), ("RL103", 73), ("RL103", 91), ("RL103", 180), ("RL103", 205)]


# -- 5: the old outline --------------------------------------------------------------------

OLD_PARTS = [
    ("一、概述", "2016年，我区政府信息公开工作稳步推进。"),
    ("二、主动公开政府信息情况", "2016年全区主动公开政府信息1200条。"),
    ("三、政府信息依申请公开工作情况", "2016年全区未收到有关政府信息公开申请。"),
    ("四、政府信息公开的收费及减免情况", "2016年我区依申请提供政府信息暂不收费。"),
    ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "2016年我区未收到有关行政复议申请。"),
    ("六、主要问题和改进措施", "2016年，我区政府信息公开工作仍存在一些不足。"),
]


@pytest.mark.parametrize("sep", ["\n", " ", ""], ids=["lines", "spaces", "nothing"])
def test_old_outline_flattened(sep):
    title = "某区2016年政府信息公开工作年度报告"
    text = title + "\n" + sep.join(f"{h}{sep}{b}" for h, b in OLD_PARTS) + "\n"
    doc = text_doc(text)
    assert doc.format == "pre2019"
    assert keys(doc) == OLD
    assert [c for c, _ in findings(doc, ("RL102", "RL103"))] == []


def test_old_outline_inline_keywords_need_the_right_number():
    # known by keywords only, an inline heading must carry the number of its section
    title = "某区2016年政府信息公开工作年度报告\n"
    doc = text_doc(title + "一、概述 正文。九、主要问题和改进措施2016年正文。\n")
    assert keys(doc) == ["old_overview"]


def test_pingtan_2016_old_outline():
    doc = corpus_doc("pingtan-gov-2016.txt")
    assert doc.format == "pre2019"
    assert keys(doc) == OLD
    assert [c for c, _ in findings(doc, ("RL102", "RL103"))] == []


# -- 6: the outline sentence -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
        "行政诉讼情况、存在的主要问题及改进情况及其他需要报告的事项。",
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开申请行政复议、"
        "提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项等六个部分。",
        "报告全文包括总体情况、主动公开政府信息情况、收到和\n处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼\n"
        "情况，存在的主要问题及改进情况以及其他需要报告的事项等六\n部分, 并附相关指标统计表。",
    ],
    ids=["ji", "he-deng", "wrapped"],
)
def test_outline_sentence_parts(sentence):
    doc = text_doc(lines_report(intro=sentence))
    assert doc.meta.outline_keys == CURRENT
    assert findings(doc) == []


def test_outline_sentence_still_catches_a_missing_part():
    sentence = "全文包括总体情况、主动公开政府信息情况和其他需要报告的事项等三个部分。"
    doc = text_doc(lines_report(intro=sentence))
    assert doc.meta.outline_keys == ["overview", "proactive", "other"]
    assert [c for c, _ in findings(doc)] == ["RL106"]


def test_outline_sentence_with_numbers_is_not_headings():
    sentence = "全文包括 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况等三个部分。"
    doc = text_doc(lines_report(intro=sentence, parts=PARTS))
    assert keys(doc) == CURRENT
    assert doc.locate(doc.section("overview").heading_span).line == 3


def test_outline_sentence_stops_before_the_next_heading():
    # no full stop and no `N个部分`: the sentence ends with its line when a heading follows
    sentence = (
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况"
    )
    doc = text_doc(lines_report(intro=sentence))
    assert doc.meta.outline_keys == ["overview", "proactive", "requests", "review"]
    assert "\n" not in doc.text[doc.meta.outline_span[0] : doc.meta.outline_span[1]]
    assert keys(doc) == CURRENT and doc.locate(doc.section("overview").heading_span).line == 3


def test_inline_heading_after_a_colon():
    # `现将…报告如下：一、总体情况…` on one line
    text = flat_report("").replace(INTRO, "现将本局2021年政府信息公开工作情况报告如下：")
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert findings(doc, ("RL102", "RL103", "RL105")) == []


def test_keyword_heading_with_its_own_number_is_kept():
    # `二、主动公开情况` (keywords only, right number) is the heading, not a later caption line
    parts = list(PARTS)
    parts[1] = ("二、主动公开情况", "二、主动公开政府信息情况统计表\n" + parts[1][1])
    doc = text_doc(lines_report(parts))
    assert doc.section("proactive").variant == "unofficial"
    assert doc.locate(doc.section("proactive").heading_span).line == 5


@pytest.mark.parametrize("sep", [" ", ""], ids=["spaces", "nothing"])
def test_flattened_table_of_contents(sep):
    plain = text_doc(flat_report(sep))
    toc = sep.join(f"{h}{sep}{i // 2 + 1}" for i, (h, _) in enumerate(PARTS))
    text = flat_report(sep).replace(f"{TITLE}{sep}{INTRO}", f"{TITLE}{sep}目录{sep}{toc}{sep}{INTRO}")
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert [doc.text[s.body_span[0] : s.body_span[1]] for s in doc.sections] == [
        plain.text[s.body_span[0] : s.body_span[1]] for s in plain.sections
    ]
    assert findings(doc) == []


def test_headings_in_consecutive_lines_that_do_not_come_again_are_kept():
    # three headings in a row with empty sections are the sections (RL107's business),
    # not a table of contents
    parts = [(h, "") for h, _ in PARTS[:3]] + PARTS[3:]
    text = "\n".join([TITLE, INTRO] + [x for h, b in parts for x in ((h, b) if b else (h,))]) + "\n"
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert [doc.locate(s.heading_span).line for s in doc.sections[:3]] == [3, 4, 5]


def test_bold_markdown_headings():
    text = lines_report().replace("\n一、", "\n**一、").replace("一、总体情况\n", "一、总体情况**\n")
    doc = text_doc(text)
    assert keys(doc) == CURRENT
    assert heading_texts(doc)[0] == "一、总体情况"


@pytest.mark.parametrize(
    "name",
    [
        "changji-kjj-2021.txt",
        "changshu-kjj-2021.txt",
        "changzhou-kjj-2021.txt",
        "zhangjiakou-kjj-2010.txt",
        "shuyang-gov-2025.txt",
        "shanghai-kewei-2024.md",
    ],
)
@pytest.mark.parametrize("sep", [" ", ""], ids=["spaces", "nothing"])
def test_corpus_report_flattened_onto_one_line(name, sep):
    # the same real report as a crawler would export it: title line, then everything on one line
    base = corpus_doc(name)
    lines = base.extracted.text.split("\n")
    flat = lines[0] + "\n" + sep.join(lines[1:])
    doc = text_doc(flat, {"year": base.meta.year})
    assert [(s.key, s.number, s.variant) for s in doc.sections] == [(s.key, s.number, s.variant) for s in base.sections]
    assert all(s.inline or doc.text[s.heading_span[0] - 1] == "\n" for s in doc.sections)
    # findings of the structure rules are the same as on the report itself
    assert [c for c, _ in findings(doc, ("RL102", "RL103", "RL105"))] == [
        c for c, _ in findings(base, ("RL102", "RL103", "RL105"))
    ]


@pytest.mark.parametrize("name", ["changji-kjj-2021.txt", "zhangjiakou-kjj-2010.txt", "shuyang-gov-2025.txt"])
@pytest.mark.parametrize("style", ["tab", "leaders", "bare"])
def test_corpus_report_with_a_table_of_contents(name, style):
    base = corpus_doc(name)
    headings = heading_texts(base)
    if style == "tab":
        toc = ["目录"] + [f"{h}\t{i + 1}" for i, h in enumerate(headings)]
    elif style == "leaders":
        toc = ["目  录"] + [f"{h}…………{i + 1}" for i, h in enumerate(headings)]
    else:
        toc = headings
    lines = base.extracted.text.split("\n")
    text = "\n".join([lines[0], *toc, "", *lines[1:]])
    doc = text_doc(text, {"year": base.meta.year})
    shift = len(toc) + 1
    assert [(s.key, doc.locate(s.heading_span).line) for s in doc.sections] == [
        (s.key, base.locate(s.heading_span).line + shift) for s in base.sections
    ]
    codes = ("RL102", "RL103", "RL105", "RL107", "RL109")
    assert [c for c, _ in findings(doc, codes)] == [c for c, _ in findings(base, codes)]
