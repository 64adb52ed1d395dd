"""The narrative's own arithmetic (reportlint.analysis.narrative_sums) and RL510–RL512."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from reportlint.analysis import narrative_sums as ns
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
CODES = ("RL510", "RL511", "RL512")
HEAD = "某市科学技术局2022年政府信息公开工作年度报告\n一、总体情况\n"


def text_doc(body: str, head: str = HEAD):
    text = head + body + "\n"
    return build_document(Extracted(path="case.txt", kind="text", text=text, origins=OriginMap(text)))


def run(doc, codes=CODES):
    rules = [REGISTRY.rules[c]() for c in codes]
    return Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)


def parts(bd: ns.Breakdown) -> list[int]:
    return [int(p.quantity.value) for p in bd.parts]


# ---------------------------------------------------------------------------------------
# Reading a breakdown


def test_total_and_parts_with_nested_bracket():
    doc = text_doc(
        "今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、"
        "“三公”经费27条、债券发行4条。"
    )
    got = {int(bd.total.value): parts(bd) for bd in ns.breakdowns(doc)}
    assert got == {380: [152, 197, 27, 4], 197: [32, 165]}
    assert ns.sum_problems(doc) == []


def test_list_written_one_item_per_semicolon_sentence():
    doc = text_doc("主动公开政府信息106条，其中，机构概况5条；政策法规类4条；规划计划类1条；其他业务信息96条。")
    (bd,) = ns.breakdowns(doc)
    assert parts(bd) == [5, 4, 1, 96]
    assert [p.continued for p in bd.parts] == [False, True, True, True]
    assert bd.complete() == "catch_all"


def test_semicolon_sentence_of_another_shape_is_not_a_part():
    # the shares make the list's shape; an item without one ends it
    doc = text_doc("办结申请81件，其中：予以公开42件，占51.85%；不予公开5件，占6.17%；另有结转3件。")
    (bd,) = ns.breakdowns(doc)
    assert parts(bd) == [42, 5]


def test_whole_in_the_sentence_before_a_leading_qizhong():
    doc = text_doc("全区主动公开政府信息3460条。其中，区直各部门主动公开政府信息1822条，占53%。")
    (bd,) = ns.breakdowns(doc)
    assert int(bd.total.value) == 3460 and parts(bd) == [1822]
    assert bd.parts[0].share is not None and bd.parts[0].share.value == 53


def test_sum_stated_after_the_parts_ends_the_list():
    doc = text_doc("全年发布信息100条，其中政策解读60条、图片新闻40条，共100条。")
    (bd,) = ns.breakdowns(doc)
    assert parts(bd) == [60, 40]


def test_numbers_before_their_words():
    doc = text_doc("年度涌现爆款内容52条，其中1条播放量破亿、2条破千万、49条破百万。")
    (bd,) = ns.breakdowns(doc)
    assert [p.label for p in bd.parts] == ["播放量破亿", "破千万", "破百万"]


def test_wan_is_a_magnitude():
    doc = text_doc("全年主动公开政府信息1.2万条，其中网站发布5000条，政务微博发布7000条。")
    (bd,) = ns.breakdowns(doc)
    assert bd.total.value == 12000 and bd.total.tolerance == 500
    assert ns.sum_problems(doc) == []


@pytest.mark.parametrize(
    "body",
    [
        "全年发布信息1200余条，其中政策解读1100条，图片新闻150条。",  # approximate whole
        "全年发布信息1200条，比上年增加300条，其中政策解读250条，图片新闻100条。",  # a change before 其中
        "全年受理申请12件，涉及人员30人，其中予以公开10件。",  # another unit between whole and 其中
    ],
)
def test_no_whole_when_the_reading_is_unclear(body):
    assert ns.breakdowns(text_doc(body)) == []


# ---------------------------------------------------------------------------------------
# What is wrong with one


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("全年发布信息120条，其中政策解读50条，图片新闻80条。", "exceeds"),
        ("全年发布信息120条，其中政策解读150条。", "part_exceeds"),
        ("全年共公布政府信息2599条，其中机构职能类信息25条，其他信息856条。", "mismatch"),
        ("全年受理政府信息公开申请20件，其中自然人申请15件，法人或其他组织申请3件。", "mismatch"),
        ("全年主动公开政府信息173769万条，其中网站发布173000条，政务微博发布769条。", "unit"),
    ],
)
def test_sum_problem_kinds(body, kind):
    (p,) = ns.sum_problems(text_doc(body))
    assert p.kind == kind


@pytest.mark.parametrize(
    "body",
    [
        "全年发布信息1200条，其中政策解读50条，图片新闻300条。",  # only some parts
        "本年度新收申请12件，上年结转3件，其中予以公开10件，部分公开5件。",  # the whole is 12 + 3
        "网站全年发布信息2139条，其中动态类信息1744条，政务信息393条，解读类信息21条，热点信息2条。",  # 21 inside 393
        "全年发布信息2000条，其中网站1500条，微信800条，两者重复发布300条。",  # said to overlap
        "政府信息公开行政复议10件，其中结果维持5件，其他结果2件。",  # 其他结果 is a category, not the rest
        "全年发布信息1200条，其中政策解读50条；微信公众号发布信息1300条。",  # another subject after ；
    ],
)
def test_no_sum_problem(body):
    assert ns.sum_problems(text_doc(body)) == []


def test_exceeding_needs_no_completeness_but_a_shortfall_does():
    short = text_doc("全年发布信息120条，其中政策解读50条，图片新闻30条。")
    (bd,) = ns.breakdowns(short)
    assert bd.complete() is None and ns.sum_problems(short) == []
    rest = text_doc("全年发布信息120条，其中政策解读50条，其他信息30条。")
    (p,) = ns.sum_problems(rest)
    assert p.kind == "mismatch" and p.why == "catch_all" and p.parts_sum == 80


# ---------------------------------------------------------------------------------------
# Shares


@pytest.mark.parametrize(
    ("count", "whole", "stated", "places", "agrees"),
    [
        (30, 120, "25", 0, True),
        (31, 120, "25.8", 1, True),  # 25.833… half up
        (31, 120, "26", 0, True),
        (2, 3, "66.6", 1, True),  # cut off
        (2, 3, "66.7", 1, True),  # half up
        (2, 3, "66.8", 1, False),
        (42, 81, "51.85", 2, True),
        (42, 81, "52.85", 2, False),
        (1, 8, "12.5", 1, True),
        (1, 8, "13", 0, True),  # 12.5 half up
        (1, 8, "12", 0, True),  # 12.5 cut off
        (1, 8, "11", 0, False),
    ],
)
def test_share_rounding(count, whole, stated, places, agrees):
    share = ns.Share(None, 0, 0, Fraction(stated), places, stated + "%", False)  # type: ignore[arg-type]
    assert ns.share_agrees(share, Fraction(count), Fraction(whole)) is agrees


def test_shares_add_up_within_the_places_written():
    def share(v: str) -> ns.Share:
        return ns.Share(None, 0, 0, Fraction(v), len(v.partition(".")[2]), v, False)  # type: ignore[arg-type]

    assert ns.shares_add_up([share("33.3"), share("33.3"), share("33.3")])  # 99.9
    assert ns.shares_add_up([share("51.85"), share("6.17"), share("38.27"), share("1.23"), share("2.47")])
    assert not ns.shares_add_up([share("60"), share("30")])


def test_named_shares_without_counts():
    doc = text_doc("全年受理申请120件，其中自然人申请占95%，法人或其他组织申请占15%；满意率达98%。")
    (run,) = ns.share_lists(doc)
    assert [(label, x.raw) for label, x in run] == [("其中自然人申请", "95%"), ("法人或其他组织申请", "15%")]
    (p,) = ns.share_problems(doc)
    assert p.kind == "share_sum" and p.shares_sum == 110


def test_share_problem_points_at_the_share():
    doc = text_doc("全年受理政府信息公开申请120件，其中予以公开30件，占20%。")
    (d,) = run(doc, ("RL510",))
    line = doc.text.split("\n")[d.location.line - 1]
    assert line[d.location.column - 1 : d.location.end_column - 1] == "20%"
    assert "25%" in d.message.zh and d.data["expected"] == "25%"


# ---------------------------------------------------------------------------------------
# Old-format reports


OLD = "某市科学技术局2010年政府信息公开工作年度报告\n一、概述\n"


def test_answered_exceeds_received_in_an_old_report():
    doc = text_doc("2010年，我局共受理政府信息公开申请117件，上年结转20件，办结171件。", head=OLD)
    (f,) = ns.answered_exceeds_received(doc)
    assert (int(f.received.value), int(f.answered.value)) == (117, 171)
    assert f.carried_over is not None and f.carried_over.value == 20


def test_answered_exceeds_received_only_without_table_3():
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    assert doc.tables.get("table3") is not None
    assert ns.answered_exceeds_received(doc) == []


# ---------------------------------------------------------------------------------------
# The real reports: one finding, and it is real


def corpus_files() -> list[Path]:
    return sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".md", ".pdf", ".docx", ".doc", ".odt", ".rtf"}
    )


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_findings(path):
    doc = build_document(read(str(path)))
    got = [(d.code, d.data.get("total"), d.data.get("sum")) for d in run(doc)]
    if path.name == "pingtan-gov-2019.txt":
        # 共公布政府信息2599条，(其中 … 其他应主动公开政府信息856条): the parts add up to 2533
        assert got == [("RL511", "2599", "2533")]
    else:
        assert got == []
