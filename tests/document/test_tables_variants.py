"""One correct table, written the ways real inputs write it, must read the same — or be
"unreadable" exactly where the table's own arithmetic cannot decide (issue 10).

The tests render the table themselves (Markdown, digits run together, split in two,
wrapped header cells, labels on loose lines); nothing here is copied from a corpus file.
"""

from __future__ import annotations

import itertools

import pytest

from reportlint.document import tables
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.document.tables_digits import find_run, split_run

T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld.state_secret": "1.属于国家秘密",
    "withheld.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "withheld.three_safeties": "3.危及“三安全一稳定”",
    "withheld.third_party": "4.保护第三方合法权益",
    "withheld.internal_affairs": "5.属于三类内部事务信息",
    "withheld.process_info": "6.属于四类过程性信息",
    "withheld.enforcement_file": "7.属于行政执法案卷",
    "withheld.inquiry": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition": "1.信访举报投诉类申请",
    "not_processed.repeated": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "outcome_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
OUTCOME = [k for k in T3_LABELS if k not in ("new", "carried_over", "outcome_total", "carried_forward")]
HEADER3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
SUMS3 = (((0, 1, 2, 3, 4, 5), 6),)
SUMS4 = (((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14))


def _row(*six: int) -> list[int]:
    return list(six) + [sum(six)]


def correct_table3() -> dict[str, list[int]]:
    """A table 三 whose rows and columns all add up, with varied, distinct numbers."""
    vals: dict[str, list[int]] = {}
    for i, key in enumerate(OUTCOME):
        vals[key] = _row(3 * i + 1 if i % 4 != 3 else 0, i % 3, 0, 1 if i % 5 == 0 else 0, i % 2, 0)
    total = [sum(vals[k][c] for k in OUTCOME) for c in range(7)]
    carried_forward = _row(4, 0, 0, 1, 0, 0)
    carried_over = _row(2, 0, 0, 0, 1, 0)
    new = [t + f - o for t, f, o in zip(total, carried_forward, carried_over)]
    out = {"new": new, "carried_over": carried_over}
    out.update({k: vals[k] for k in OUTCOME})
    out["outcome_total"] = total
    out["carried_forward"] = carried_forward
    return out


T4 = [5, 2, 1, 3, 11, 2, 0, 0, 1, 3, 0, 1, 0, 0, 1]
T4_HEADER = "行政复议\n结果维持 结果纠正 其他结果 尚未审结 总计\n"


def doc_of(text: str, year: int = 2023, kind: str = "markdown"):
    ex = Extracted(path="x.md" if kind == "markdown" else "x.txt", kind=kind, text=text, origins=OriginMap(text))
    return build_document(ex, {"year": year})


def prelude() -> str:
    return "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"


def markdown3(vals, header=None, split_after: str | None = None, second_header=None) -> str:
    head = header or ["申请人情况"] + HEADER3
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, label in T3_LABELS.items():
        lines.append("| " + label + " | " + " | ".join(map(str, vals[key])) + " |")
        if key == split_after:
            lines.append("")
            h2 = second_header or ["类别"] + [f"数据{i}" for i in range(1, 7)] + ["总计"]
            lines.append("| " + " | ".join(h2) + " |")
            lines.append("|" + "---|" * len(h2))
    return prelude() + "\n".join(lines) + "\n"


def values3(doc) -> dict[str, list]:
    t = doc.tables["table3"]
    assert t is not None
    return {r.key: [c.value for c in r.cells] for r in t.rows}


def huaian_table3() -> dict[str, list[int]]:
    """The hand-checked values of a real, correct report (huaian-gov-2024.pdf)."""
    from tests.document.test_tables import HUAIAN_T3

    return {k: list(HUAIAN_T3[k]) for k in T3_LABELS}


SOURCES = {"synthetic": correct_table3, "huaian": huaian_table3}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_markdown_table_reads_every_row_and_ignores_separator_lines(source):
    vals = SOURCES[source]()
    doc = doc_of(markdown3(vals))
    t = doc.tables["table3"]
    assert values3(doc) == vals
    assert t.status == "read" and t.status_reason is None
    assert all(c.status == "read" for _, c in t.cells())


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_table_split_in_two_with_generic_headers_reads_the_same(source):
    vals = SOURCES[source]()
    doc = doc_of(markdown3(vals, split_after="withheld.inquiry"))
    assert values3(doc) == vals
    assert doc.tables["table3"].status == "read"


@pytest.mark.parametrize("wrap", ["<br>", "\n"])
def test_wrapped_header_cells_do_not_change_the_values(wrap):
    vals = correct_table3()
    header = [
        "申请人情况",
        "自然人",
        f"商业{wrap}企业",
        f"科研{wrap}机构",
        f"社会公益{wrap}组织",
        f"法律服务{wrap}机构",
        "其他",
        "总计",
    ]
    doc = doc_of(markdown3(vals, header=header))
    assert values3(doc) == vals


def test_br_inside_a_2019_header_is_not_a_cut_header():
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "| 信息内容 | 本年新<br>制作数量 | 本年新<br>公开数量 | 对外公开<br>总数量 |\n|---|---|---|---|\n"
        "| 规章 | 1 | 2 | 3 |\n| 规范性文件 | 4 | 5 | 6 |\n"
        "第二十条第（五）项\n| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n|---|---|---|---|\n"
        "| 行政许可 | 7 | 8 | 9 |\n三、收到和处理政府信息公开申请情况\n"
    )
    t = doc_of(text, year=2019).tables["table2"]
    assert t.layout == "2019"
    assert t.row("regulations").values() == [1, 2, 3] and t.row("normative_documents").values() == [4, 5, 6]
    assert not any("cut" in n for n in t.notes)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_labels_on_loose_lines_are_paired_with_their_value_rows_in_order(source):
    """A converter puts some labels on lines of their own and leaves their values as
    label-less rows; between two labelled rows the counts match, so they pair up."""
    vals = SOURCES[source]()
    loose = {"partly_granted", "withheld.internal_affairs", "unavailable.not_held", "unavailable.needs_creation"}
    lines = ["| 申请人情况 | " + " | ".join(HEADER3) + " |", "|---|---|---|---|---|---|---|---|"]
    pending: list[str] = []
    for key, label in T3_LABELS.items():
        cells = " | ".join(map(str, vals[key]))
        if key in loose:
            lines.append("| " + cells + " |")  # the value row, label lost
            pending.append(label)  # the label, written later on its own line
            continue
        lines.extend(pending)
        pending = []
        lines.append("| " + label + " | " + cells + " |")
    doc = doc_of(prelude() + "\n".join(lines) + "\n")
    assert values3(doc) == vals


def test_loose_value_rows_that_cannot_be_paired_are_unreadable_not_wrong():
    vals = correct_table3()
    lines = ["| 申请人情况 | " + " | ".join(HEADER3) + " |", "|---|---|---|---|---|---|---|---|"]
    for key, label in T3_LABELS.items():
        cells = " | ".join(map(str, vals[key]))
        if key in ("withheld.third_party", "withheld.internal_affairs"):
            lines.append("| " + cells + " |")
            if key == "withheld.internal_affairs":
                lines.append("| 9 | 9 | 9 | 9 | 9 | 9 | 54 |")  # a third label-less row for two rows
            continue
        lines.append("| " + label + " | " + cells + " |")
    t = doc_of(prelude() + "\n".join(lines) + "\n").tables["table3"]
    for key in ("withheld.third_party", "withheld.internal_affairs"):
        row = t.row(key)
        assert all(c.status == "unreadable" and c.value is None for c in row.cells)
    assert t.row("withheld.process_info").values() == vals["withheld.process_info"]
    assert t.status == "partial" and t.status_reason == "cells_unreadable"


# ---------------------------------------------------------------------------------------
# Digits run together


def oracle_splits(digits: str, want: int, sums) -> list[list[int]]:
    """Every plausible split (no leading zeros, ≤7 digits) satisfying ``sums``: brute force."""
    out = []
    n = len(digits)
    if n < want:
        return out
    for cuts in itertools.combinations(range(1, n), want - 1):
        bounds = (0, *cuts, n)
        pieces = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > 7 or (len(p) > 1 and p[0] == "0") for p in pieces):
            continue
        v = [int(p) for p in pieces]
        if all(sum(v[i] for i in parts) == v[t] for parts, t in sums):
            out.append(v)
    return out


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_glued_table3_reads_each_row_or_says_unreadable_never_wrong(source):
    vals = SOURCES[source]()
    keys = list(T3_LABELS)
    text = prelude() + "申请人情况" + "".join(HEADER3)
    for key in keys:
        text += T3_LABELS[key] + "".join(map(str, vals[key]))
    text += "四、政府信息公开行政复议、行政诉讼情况\n"
    t = doc_of(text, kind="text").tables["table3"]
    assert t is not None
    for i, key in enumerate(keys):
        row = t.row(key)
        digits = "".join(map(str, vals[key]))
        nxt = T3_LABELS[keys[i + 1]] if i + 1 < len(keys) else ""
        options = [digits]
        if nxt[:1].isdigit():  # the next enumerator ran into the digits: `…0002.其他…`
            glued = digits + nxt[0]
            options = [glued[:-c] for c in (1, 2) if glued[-c] != "0" and len(glued) > c]
        alone = [s for d in options for s in oracle_splits(d, 7, SUMS3)]
        got = [c.value for c in row.cells]
        statuses = {c.status for c in row.cells}
        if len(alone) == 1:
            assert got == vals[key] and statuses == {"recovered"}, key
        else:  # the row cannot decide; the columns may — but never a wrong number
            assert statuses in ({"unreadable"}, {"recovered"}), key
            if statuses == {"recovered"}:
                assert got == vals[key], key
            else:
                assert got == [None] * 7


def test_the_pingtan_example_splits_one_way():
    text = "一、本年新收政府信息公开申请数量801000081二、"
    run = find_run(text, text.index("量") + 1, len(text))
    sp = split_run(text, run, 7, SUMS3)
    assert [int(text[a:b]) for a, b in sp.cells] == [80, 1, 0, 0, 0, 0, 81]


def test_enumerator_glued_to_the_digits_is_cut_off():
    text = "1.属于国家秘密00000002.其他法律行政法规禁止公开"
    run = find_run(text, text.index("密") + 1, len(text))
    sp = split_run(text, run, 7, SUMS3)
    assert [text[a:b] for a, b in sp.cells] == ["0"] * 7
    assert text[sp.end :].startswith("2.其他")


def test_ambiguous_rows_are_decided_by_the_column_sums():
    """`220000022` is 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22 by its own 总计; only the first
    makes the columns add up."""
    vals = correct_table3()
    vals["granted"] = [22, 0, 0, 0, 0, 0, 22]
    vals["partly_granted"] = [0, 0, 0, 0, 0, 0, 0]
    total = [sum(vals[k][c] for k in OUTCOME) for c in range(7)]
    vals["outcome_total"] = total
    vals["new"] = [t + f - o for t, f, o in zip(total, vals["carried_forward"], vals["carried_over"])]
    assert len(oracle_splits("220000022", 7, SUMS3)) == 2
    text = prelude() + "申请人情况" + "".join(HEADER3)
    for key, label in T3_LABELS.items():
        text += label + "".join(map(str, vals[key]))
    text += "四、政府信息公开行政复议、行政诉讼情况"
    t = doc_of(text, kind="text").tables["table3"]
    assert [c.value for c in t.row("granted").cells] == [22, 0, 0, 0, 0, 0, 22]
    assert {c.status for c in t.row("granted").cells} == {"recovered"}


def test_glued_table4_uses_each_groups_total():
    digits = "".join(map(str, T4))
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
        + "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        + digits
        + "五、存在的主要问题及改进情况。"
    )
    t = doc_of(text, kind="text").tables["table4"]
    got = [c.value for c in t.rows[0].cells]
    if len(oracle_splits(digits, 15, SUMS4)) == 1:
        assert got == T4 and t.status == "read"
        assert {c.status for c in t.rows[0].cells} == {"recovered"}
    else:
        assert got == [None] * 15 and t.status == "unreadable"


def test_glued_table4_pingtan_hand_read():
    text = "10203120001200000五"
    sp = split_run(text, find_run(text, 0, len(text)), 15, SUMS4)
    assert [int(text[a:b]) for a, b in sp.cells] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]


def test_table2_glued_cells_without_arithmetic():
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件77132470第二十条第（五）项信息内容本年处理决定数量行政许可2629"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：…）"
    )
    t = doc_of(text, kind="text").tables["table2"]
    reg, norm = t.row("regulations"), t.row("normative_documents")
    assert reg.values() == [0, 0, 0] and {c.status for c in reg.cells} == {"recovered"}
    assert [c.status for c in norm.cells] == ["unreadable"] * 3 and norm.values() == [None] * 3
    assert t.row("licensing").values() == [2629]
    assert t.status == "partial" and t.status_reason == "cells_unreadable"
    assert t.status_params == {"cells": 3, "total": 7}


def test_hostile_digit_runs_stay_bounded():
    for digits in ("1" * 60, "9" * 64, "10" * 30):
        text = "一、本年新收政府信息公开申请数量" + digits + "二、"
        run = find_run(text, text.index("量") + 1, len(text))
        assert split_run(text, run, 7, SUMS3).cells is None
    text = "总计" + "1" * 40 + "五"
    assert split_run(text, find_run(text, 2, len(text)), 15, SUMS4).cells is None


def test_spaced_short_rows_are_not_split():
    """Values written apart with one missing stay a real defect (filled from the left)."""
    vals = correct_table3()
    lines = ["| 申请人情况 | " + " | ".join(HEADER3) + " |", "|---|---|---|---|---|---|---|---|"]
    for key, label in T3_LABELS.items():
        cells = vals[key][:-1] if key == "granted" else vals[key]
        lines.append("| " + label + " | " + " | ".join(map(str, cells)) + " |")
    t = doc_of(prelude() + "\n".join(lines) + "\n").tables["table3"]
    g = t.row("granted")
    assert g.values() == vals["granted"][:-1] + [None]
    assert g.cells[-1].status == "missing"
    assert t.status == "read"


def test_bare_sign_is_an_invalid_cell_that_keeps_the_columns():
    for body in ("| 行政许可 | 10 | 减 | 5 |", "行政许可 10 减 5", "| 行政许可 | 10 | + | 5 |"):
        text = (
            "二、主动公开政府信息情况\n第二十条第（一）项\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
            "| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 1 | 1 | 5 |\n第二十条第（五）项\n"
            "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n" + body + "\n"
            "| 其他对外管理服务事项 | 1 | 2 | 3 |\n三、收到和处理政府信息公开申请情况\n"
        )
        row = doc_of(text, year=2019).tables["table2"].row("licensing")
        assert [c.value for c in row.cells] == [10, None, 5], body
        assert row.cells[1].invalid and row.cells[1].raw.strip() in ("减", "+")


def test_table4_split_into_three_small_tables():
    text = "四、政府信息公开行政复议、行政诉讼情况\n"
    for cap, chunk in zip(
        ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"), (T4[:5], T4[5:10], T4[10:])
    ):
        text += f"### {cap}\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
        text += "| " + " | ".join(map(str, chunk)) + " |\n\n"
    text += "## 五、存在的主要问题及改进情况\n"
    t = doc_of(text).tables["table4"]
    assert [c.value for c in t.rows[0].cells] == T4 and t.status == "read"


def test_anchored_table_without_any_readable_row_is_unreadable_not_absent():
    text = prelude() + "申请人情况 自然人 总计\n（表格为图片，无法复制）\n四、政府信息公开行政复议、行政诉讼情况\n"
    t = doc_of(text, kind="text").tables["table3"]
    assert t is not None and t.status == "unreadable" and t.status_reason in ("no_rows", "no_values")


def test_read_reasons_are_bilingual_and_format():
    from reportlint.core.ruledata import load

    reasons = load("tables")["read_reasons"]
    for key in (
        "no_rows",
        "no_values",
        "digits_glued",
        "cells_unreadable",
        "mostly_unreadable",
        "value_counts",
        "row_sums",
    ):
        assert set(reasons[key]) >= {"zh", "en"}
    assert "3" in tables.read_reason("cells_unreadable", {"cells": 3, "total": 7}, "en")
    assert "3" in tables.read_reason("cells_unreadable", {"cells": 3, "total": 7}, "zh")


def test_parse_output_shows_table_and_cell_statuses():
    from reportlint.output.parse_view import parse_json, render_parse

    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件77132470第二十条第（五）项信息内容本年处理决定数量行政许可2629"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：…）"
    )
    doc = doc_of(text, kind="text")
    t2 = parse_json(doc)["tables"]["table2"]
    assert t2["status"] == "partial" and t2["status_reason"] == "cells_unreadable"
    rows = {r["key"]: r for r in t2["rows"]}
    assert rows["regulations"]["statuses"] == ["recovered"] * 3
    assert rows["normative_documents"]["statuses"] == ["unreadable"] * 3
    zh = render_parse(doc, "text", "zh")
    assert "读取状态: 部分读取" in zh and "0*" in zh and "?" in zh
    en = render_parse(doc, "text", "en")
    assert "read status: partly read" in " ".join(en.split()) and "split" in en


def test_number_with_its_unit_glued_to_the_label_keeps_the_unit():
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 0 0 0\n行政规范性文件 1 2 3\n第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n"
        "行政事业性收费251000元\n三、收到和处理政府信息公开申请情况\n"
    )
    cell = doc_of(text, kind="text").tables["table2"].row("fees").cells[0]
    assert cell.value == 251000 and cell.unit == "元" and cell.status == "read"


def _shifted_rows(vals, shifted: set[str]) -> str:
    lines = ["| 申请人情况 | " + " | ".join(HEADER3) + " |", "|---|---|---|---|---|---|---|---|"]
    for key, label in T3_LABELS.items():
        v = vals[key]
        if key in shifted:  # a column slipped: an extra 0 in front, the 总计 pushed out
            v = [0] + v[:-1]
        lines.append("| " + label + " | " + " | ".join(map(str, v)) + " |")
    return prelude() + "\n".join(lines) + "\n"


def test_many_rows_failing_their_sum_is_a_misreading_not_a_defect():
    vals = correct_table3()
    moving = {k for k in T3_LABELS if sum(vals[k][:6]) > 0}
    t = doc_of(_shifted_rows(vals, moving)).tables["table3"]
    assert t.status == "unreadable" and t.status_reason == "row_sums"
    assert t.status_params["failed"] >= 3
    bad = next(iter(sorted(moving)))
    assert {c.status for c in t.row(bad).cells if c.value is not None} == {"unreadable"}


def test_one_row_failing_its_sum_stays_a_real_defect():
    vals = correct_table3()
    key = next(k for k in OUTCOME if sum(vals[k][:6]) > 0)
    t = doc_of(_shifted_rows(vals, {key})).tables["table3"]
    assert t.status == "read"
    assert all(c.status == "read" for c in t.row(key).cells)


def test_most_rows_with_the_wrong_number_of_values_is_unreadable():
    vals = correct_table3()
    lines = ["| 申请人情况 | " + " | ".join(HEADER3) + " |", "|---|---|---|---|---|---|---|---|"]
    for i, (key, label) in enumerate(T3_LABELS.items()):
        v = vals[key][: 3 + i % 3]  # every row cut short, differently
        lines.append(label + " " + " ".join(map(str, v)))
        lines.append("说明：本行数据见附件")
    t = doc_of(prelude() + "\n".join(lines) + "\n", kind="text").tables["table3"]
    assert t.status == "unreadable" and t.status_reason == "value_counts"
