"""Numbers stated in the narrative (reportlint.analysis.narrative) and the rules RL501–RL506."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from reportlint.analysis import narrative
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
NARRATIVE_RULES = ("RL501", "RL502", "RL503", "RL504", "RL505", "RL506")


@cache
def huaian_text() -> str:
    return read(str(FIXTURES / "huaian-gov-2024.pdf")).text


def text_doc(text: str):
    return build_document(Extracted(path="case.txt", kind="text", text=text, origins=OriginMap(text)))


def run(doc, codes=NARRATIVE_RULES):
    rules = [REGISTRY.rules[c]() for c in codes]
    return Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)


def line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# ---------------------------------------------------------------------------------------
# Huai'an: the narrative restates the tables, and agrees


def test_huaian_statements_understood():
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    got = [(s.domain, s.category, int(s.number.value)) for s in narrative.statements(doc)]
    assert got == [
        ("documents", "issued", 1),  # 新增公开市政府规章 1 件
        ("requests", "new", 3119),
        ("requests", "answered", 3050),
        ("requests", "carried_over", 34),
        ("requests", "carried_forward", 103),  # 另有 103 件顺延到下年度答复
        ("review", "total", 351),
        ("review", "upheld", 72),
        ("review", "corrected", 64),
        ("review", "other", 178),
        ("review", "pending", 37),
        ("litigation", "total", 46),
        ("litigation", "upheld", 25),
        ("litigation", "corrected", 5),
        ("litigation", "other", 9),
        ("litigation", "pending", 7),
    ]
    assert all(narrative.compare(doc, s) is None for s in narrative.statements(doc))
    assert run(doc) == []


def test_huaian_other_subjects_not_matched():
    """主动公开 5500 余条, 政策性文件 11 件, 政策解读 21 个, 新闻发布会 12 场, 95 个新媒体,
    信息处理费 3940 元: none is a table cell."""
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    stated = {int(s.number.value) for s in narrative.statements(doc)}
    assert not stated & {5500, 11, 21, 6, 12, 95, 4, 3940, 100}


@pytest.mark.parametrize(
    "old, new, code, cell",
    [
        ("申请 3119 件", "申请 3120 件", "RL501", "一、本年新收政府信息公开申请数量"),
        ("复 3050 件", "复 3049 件", "RL501", "（七）总计"),
        ("结转申请 34 件", "结转申请 35 件", "RL501", "二、上年结转政府信息公开申请数量"),
        ("另有 103 件", "另有 130 件", "RL501", "四、结转下年度继续办理"),
        ("复议 351", "复议 315", "RL503", "行政复议 / 总计"),
        ("结果纠正 64 件", "结果纠正 46 件", "RL503", "行政复议 / 结果纠正"),
        ("行政诉讼 46 件", "行政诉讼 47 件", "RL503", "复议后起诉 / 总计"),
        ("其他结果 9 件", "其他结果 8 件", "RL503", "复议后起诉 / 其他结果"),
        ("规章 1 件", "规章 2 件", "RL505", "本年制发件数"),
    ],
)
def test_huaian_narrative_edit_is_caught_at_the_number(old, new, code, cell):
    text = huaian_text()
    assert text.count(old) == 1
    changed = text.replace(old, new)
    found = run(text_doc(changed))
    assert [d.code for d in found] == [code], [d.message.zh for d in found]
    d = found[0]
    number = new.split()[1] if " " in new else new
    at = changed.index(new) + new.index(number)
    assert (d.location.line, d.location.column) == line_col(changed, at)
    assert cell in d.message.zh
    assert d.severity.value == "warning"


# ---------------------------------------------------------------------------------------
# Chinese numerals and units


def _numbers(s: str):
    s = s.replace(" ", "")  # sentences are matched without whitespace
    sent = narrative.Sentence(0, len(s), s, list(range(len(s))))
    return [(n.value, n.unit, n.kind) for n in narrative.numbers(sent) if n.kind in ("count", "money")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("收到申请两件", 2, "件"),
        ("收到申请十二件", 12, "件"),
        ("收到申请二十件", 20, "件"),
        ("收到申请一百零五件", 105, "件"),
        ("收到申请 3,119 件", 3119, "件"),
        ("收费 96171.6 万元", Fraction("96171.6"), "万元"),
        ("收取信息处理费3940元", 3940, "元"),
    ],
)
def test_numbers_with_units(text, value, unit):
    assert _numbers(text) == [(Fraction(value), unit, "count" if unit == "件" else "money")]


@pytest.mark.parametrize(
    "text", ["推进“一件事一次办”", "对每一件申请都认真答复", "第一件", "一项工作", "一是强化组织领导"]
)
def test_chinese_words_are_not_counts(text):
    assert _numbers(text) == []


def _all_numbers(s: str):
    sent = narrative.Sentence(0, len(s), s, list(range(len(s))))
    return [(n.raw, n.value) for n in narrative.numbers(sent)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the normalised view writes `，` as `,`: a number right after it is still a number
        ("受理申请86件,2011年办结80件", [("86件", 86), ("2011年", 2011), ("80件", 80)]),
        ("其中,7件予以公开", [("7件", 7)]),
        ("申请,2,468件", [("2,468件", 2468)]),
        ("2015,2016年", [("2015", 2015), ("2016年", 2016)]),
        # a comma between groups of exactly three digits is a thousands separator
        ("收到申请4,321件", [("4,321件", 4321)]),
        ("收费1,234,567元", [("1,234,567元", 1234567)]),
    ],
)
def test_numbers_after_a_comma(text, expected):
    assert _all_numbers(text) == [(raw, Fraction(v)) for raw, v in expected]


TABLE = """一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 0 | 0 | 12
二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2
三、本年度办理结果 | （一）予以公开 | 8 | 2 | 0 | 0 | 0 | 0 | 10
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2
（七）总计 | 10 | 2 | 0 | 0 | 0 | 0 | 12
四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2
"""
HEAD = "某市科学技术局2022年政府信息公开工作年度报告\n一、总体情况\n"
TABLE2 = """第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
行政规范性文件 | 3 | 1 | 20
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）
行政事业性收费 | 12.5
"""


def report(sentence: str) -> str:
    return (
        HEAD
        + sentence
        + "\n"
        + TABLE2
        + "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
        + TABLE
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "全年新收政府信息公开申请十二件，上年结转两件，办结十二件，结转下年度继续办理两件。",
        "全年共受理政府信息公开申请十四件（含上年结转两件）。",  # 一 + 二
        "全年受理（含上年结转）政府信息公开申请14件。",
        "全年受理政府信息公开申请12件，其中予以公开10件，部分公开两件。",
        "全年受理政府信息公开申请12件，其中自然人10件，法人或其他组织2件。",
        "本年制发行政规范性文件三件，废止一件，现行有效20件。",
        "全年行政事业性收费12.5万元。",
        "全年行政事业性收费125000元。",
        "本年度共受理政府信息公开申请12件，均在法定时限内办结，其中予以公开10件，部分公开2件。",
        "全年共办理依申请公开件12件。",
        "本年新收政府信息公开申请12件，上年结转政府信息公开申请2件，本年度办理结果：予以公开10件，部分公开2件，"
        "结转下年度继续办理2件。",
        "本年度依申请公开12件。",
    ],
)
def test_agreeing_sentences(sentence):
    assert run(text_doc(report(sentence))) == []


@pytest.mark.parametrize(
    "sentence, number, code, expected",
    [
        ("全年新收政府信息公开申请十一件。", "十一件", "RL501", "改为 12件"),
        ("上年结转两件政府信息公开申请，全年办结政府信息公开申请十件。", "十件", "RL501", "改为 12件"),
        ("全年受理政府信息公开申请12件，其中予以公开9件。", "9件", "RL501", "（一）予以公开"),
        ("全年受理政府信息公开申请12件，其中自然人11件。", "11件", "RL501", "“自然人”列"),
        ("本年制发行政规范性文件两件。", "两件", "RL505", "改为 3件"),
        ("全年行政事业性收费13万元。", "13万元", "RL505", "12.5万元"),
        ("全年行政事业性收费120000元。", "120000元", "RL505", "12.5万元"),
    ],
)
def test_disagreeing_sentences(sentence, number, code, expected):
    text = report(sentence)
    found = run(text_doc(text))
    assert [d.code for d in found] == [code], [d.message.zh for d in found]
    assert (found[0].location.line, found[0].location.column) == line_col(text, text.index(number))
    assert expected in found[0].message.zh


@pytest.mark.parametrize(
    "sentence",
    [
        "全年受理网上信息咨询6件，答复群众来信3件。",
        "全年主动公开政府信息5500条，召开新闻发布会12场，发布政策解读21个。",
        "受理科技项目申请120件，受理行政许可申请45件。",
        "全年新收政府信息公开申请12件，同比增加5件。",
        "全年共受理政府信息公开申请20余件。",
        "印发政策性文件11件。",
        "制定完善规章制度5项，印发内部管理制度3件。",
        "收取信息处理费3940元。",
        "推进“一件事一次办”改革，受理政府信息公开申请12件。",
        "全年共受理政府信息公开申请12件，其中1月份受理3件，网上受理5件。",
        "2021年受理政府信息公开申请20件，今年受理政府信息公开申请12件。",
        "上年度受理政府信息公开申请20件。",
        "市本级受理政府信息公开申请5件。",
    ],
)
def test_precision_other_subjects(sentence):
    assert run(text_doc(report(sentence))) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "未收到政府信息公开申请人的投诉。",
        "本年度未收到涉及商业秘密的政府信息公开申请。",
        "我局未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
        "未收到科技项目申请。",
    ],
)
def test_precision_none_claims(sentence):
    assert run(text_doc(report(sentence))) == []


def test_no_tables_no_comparison():
    # Changzhou: 受理政府信息依申请公开事项3项, but the tables are missing
    doc = build_document(read(str(FIXTURES / "changzhou-kjj-2021.txt")))
    assert narrative.statements(doc) == []
    assert run(doc) == []


# ---------------------------------------------------------------------------------------
# "There were none"


def test_none_claims_in_the_corpus():
    changji = build_document(read(str(FIXTURES / "changji-kjj-2021.txt")))
    assert [c.kind for c in narrative.none_claims(changji)] == ["requests"]
    changshu = build_document(read(str(FIXTURES / "changshu-kjj-2021.txt")))
    claims = narrative.none_claims(changshu)
    assert [c.kind for c in claims] == ["requests", "cases"]
    assert claims[1].covers == {"review", "litigation"}
    # both tables are all zero: nothing to report
    assert run(changji) == [] and run(changshu) == []


def test_none_claim_contradicted_by_huaian_tables():
    text = huaian_text().replace("全市共受理政府信息公开申请 3119 件，", "全市未收到政府信息公开申请，")
    found = [d for d in run(text_doc(text)) if d.code == "RL502"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert "3119" in found[0].message.zh


# ---------------------------------------------------------------------------------------
# Every outcome and its sub-items


def test_pingtan_2023_outcomes_continue_after_semicolons():
    """办结依申请公开81件，其中：予以公开及部分公开42件；不予公开5件；无法提供31件；不予处理1件；
    其他处理2件 — each after its own `；`, each against its own block, all agreeing."""
    doc = build_document(read(str(FIXTURES / "pingtan-gov-2023.txt")))
    got = [(s.category, int(s.number.value)) for s in narrative.statements(doc) if s.domain == "requests"]
    assert got == [
        ("answered", 81),
        ("granted_or_partly", 42),
        ("withheld", 5),
        ("unavailable", 31),
        ("not_processed", 1),
        ("other", 2),
    ]
    assert all(narrative.compare(doc, s) is None for s in narrative.statements(doc) if s.domain == "requests")


def test_a_changed_block_figure_names_the_block():
    text = (FIXTURES / "pingtan-gov-2023.txt").read_text(encoding="utf-8")
    assert text.count("无法提供31件") == 1
    found = [d for d in run(text_doc(text.replace("无法提供31件", "无法提供30件"))) if d.code == "RL501"]
    assert len(found) == 1
    assert "“（四）无法提供”各小项“总计”列之和为 31件" in found[0].message.zh


def test_block_stated_with_one_sub_row_says_which_row():
    doc = text_doc(
        report("全年受理政府信息公开申请12件，其中予以公开10件，部分公开两件。").replace(
            "四、结转下年度继续办理",
            "（四）无法提供 | 1.本机关不掌握相关政府信息 | 265 | 0 | 0 | 0 | 0 | 0 | 265\n"
            "2.没有现成信息需要另行制作 | 72 | 0 | 0 | 0 | 0 | 0 | 72\n"
            "3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n四、结转下年度继续办理",
        )
    )
    target = narrative.Target("table3", ("unavailable.*",), ("total",))
    assert target.value(doc) == 337
    assert narrative._only_row(doc, target, Fraction(265)) == "unavailable.not_held"
    assert narrative._only_row(doc, target, Fraction(72)) == "unavailable.needs_creation"
    assert narrative._only_row(doc, target, Fraction(100)) is None


@pytest.mark.parametrize(
    "sentence, hidden",
    [
        ("不予处理2件，其中信访举报投诉类申请1件、重复申请1件", {"信访", "投诉", "举报", "申请"}),
        ("重复申请3件", {"申请"}),
    ],
)
def test_sub_item_words_name_no_other_subject(sentence, hidden):
    """`信访举报投诉类申请` is an outcome of table 三, not a petition; `重复申请` is not
    another kind of application."""
    assert not [h for h in narrative._domain_hits(sentence) if h.kind == "other" and h.word in hidden]


def test_shuyang_applicant_split_agrees():
    doc = build_document(read(str(FIXTURES / "shuyang-gov-2025.txt")))
    got = [(s.category, int(s.number.value)) for s in narrative.statements(doc) if s.domain == "requests"]
    assert ("applicant:natural_person", 741) in got and ("applicant:organisations", 8) in got
    assert all(narrative.compare(doc, s) is None for s in narrative.statements(doc))


@pytest.mark.parametrize(
    "sentences, expected",
    [
        ("全年受理政府信息公开申请12件。其中自然人10件，法人或其他组织2件。", []),
        ("全年受理政府信息公开申请12件。其中自然人11件，法人或其他组织1件。", ["11件", "1件"]),
        ("全年受理政府信息公开申请12件。从申请人类型看，自然人申请9件。", ["9件"]),
    ],
)
def test_applicant_split_in_the_sentence_after_the_total(sentences, expected):
    found = run(text_doc(report(sentences)), ("RL501",))
    assert [d.data["stated"] + "件" for d in found] == expected


# ---------------------------------------------------------------------------------------
# "All of them" claims


def test_shanghai_claims():
    """所有申请均已按要求办理完成 while row 四 holds one application (its 总计 cell left
    blank); 该行政复议件未被复议审查机关纠错 is true (结果纠正 0)."""
    doc = build_document(read(str(FIXTURES / "shanghai-kewei-2024.md")))
    assert [(c.kind, c.covers, c.quote()) for c in narrative.claims(doc)] == [
        ("not_corrected", ("review",), "该行政复议件未被复议审查机关纠错"),
        ("finished", (), "所有申请均已按要求办理完成"),
    ]
    found = run(doc, ("RL506",))
    assert [(d.code, d.location.line, d.location.column) for d in found] == [("RL506", 43, 8)]
    assert found[0].data["value"] == "1"


def test_huaian_answered_on_time_is_not_a_claim():
    """答复3050件（…另有103件顺延…），均在法定期限内予以答复: about those answered, and
    about time."""
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    assert narrative.claims(doc) == []


def test_finished_claim_against_the_edited_huaian_text():
    text = huaian_text()
    old = "均在法定期限内予以答复"
    assert text.count(old) == 1
    sentence_start = text.rindex("2024", 0, text.index(old))
    cut = (
        text[:sentence_start]
        + "2024年，全市共受理政府信息公开申请3119件，已全部办结。"
        + text[text.index(old) + len(old) + 1 :]
    )
    found = [d for d in run(text_doc(cut)) if d.code == "RL506"]
    assert len(found) == 1 and "103" in found[0].message.zh


def test_row_amount_falls_back_to_the_applicant_cells():
    doc = build_document(read(str(FIXTURES / "shanghai-kewei-2024.md")))
    ref, value = narrative.row_amount(doc.readable_table("table3"), "carried_forward")
    assert (ref.row, ref.column, value) == ("carried_forward", "natural_person", 1)
