"""Tables that write zero as a blank (document/blank_zero.py, issue 15).

The judgement is made once per table from the table's own evidence: no cell written 0,
nothing but numbers and empty cells, enough of both, and every blank where a zero fits
the identities. Proved on tables built here (pipe text, Markdown) and on the real
Word layout of the Huai'an draft with its zero cells emptied by python-docx; the real
reports of the corpus are never judged so.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from reportlint.document import blank_zero
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)

ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果 | （一）予以公开"),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "（三）不予公开 | 1.属于国家秘密"),
    ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("withheld.three_safeties", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "5.属于三类内部事务信息"),
    ("withheld.process_info", "6.属于四类过程性信息"),
    ("withheld.enforcement_file", "7.属于行政执法案卷"),
    ("withheld.inquiry", "8.属于行政查询事项"),
    ("unavailable.not_held", "（四）无法提供 | 1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理 | 1.信访举报投诉类申请"),
    ("not_processed.repeated", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("outcome_total", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
HEAD = (
    "某市科学技术委员会2022年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况\n"
    "自然人 | 法人或其他组织 | 总计\n"
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n"
)
T4HEAD = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 | 行政诉讼\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
)
N = None
# Non-zero cells only; every other cell is a zero (written as the test asks).
VALUES = {
    "new": [10, 2, N, N, N, N, 12],
    "carried_over": [1, N, N, N, N, N, 1],
    "granted": [6, 1, N, N, N, N, 7],
    "partly_granted": [2, N, N, N, N, N, 2],
    "unavailable.not_held": [2, 1, N, N, N, N, 3],
    "outcome_total": [10, 2, N, N, N, N, 12],
    "carried_forward": [1, N, N, N, N, N, 1],
}
TABLE4 = [2, N, 1, N, 3, N, N, N, N, N, 1, N, N, N, 1]


def cell(x, zero: str) -> str:
    return zero if x is None else str(x)


def report(values=VALUES, table4=TABLE4, zero: str = "", table4_zero: str | None = None) -> str:
    """Tables 三 and 四 as pipe text; zeros written as ``zero`` ('' = a blank)."""
    z4 = zero if table4_zero is None else table4_zero
    rows = [f"{label} | " + " | ".join(cell(x, zero) for x in values.get(key, [N] * 7)) for key, label in ROWS]
    return HEAD + "\n".join(rows) + "\n" + T4HEAD + " | ".join(cell(x, z4) for x in table4) + "\n"


def changed(row: str, col: int, value) -> dict:
    out = copy.deepcopy(VALUES)
    out.setdefault(row, [N] * 7)[col] = value
    return out


def doc_of(text: str, path: str = "report.txt"):
    return build_document(Extracted(path=path, kind="text", text=text, origins=OriginMap(text)))


def marked(doc, key: str) -> list:
    table = doc.tables[key]
    return [(r.key, c.column) for r, c in table.cells() if c.blank_zero]


def findings(doc, codes=("RL303", "RL307", "RL401", "RL402")):
    rules = [REGISTRY.rules[c]() for c in codes]
    return [
        (d.code, d.location.line, d.message.zh) for d in Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)
    ]


# ---------------------------------------------------------------------------------------
# The judgement on built tables


def test_blanks_for_zeros_are_marked_in_both_tables():
    doc = doc_of(report())
    assert len(marked(doc, "table3")) == 25 * 7 - 18  # every cell but the 18 numbers
    assert len(marked(doc, "table4")) == 10
    assert ("carried_over", "commercial") in marked(doc, "table3")


def test_written_zeros_mark_nothing():
    doc = doc_of(report(zero="0"))
    assert marked(doc, "table3") == [] and marked(doc, "table4") == []


def test_single_blank_among_written_zeros_stays_unfilled():
    # the Shanghai 2024 shape: zeros written, row 四's 总计 left empty
    text = report(values=changed("carried_forward", 6, "§"), zero="0").replace("§", "")
    doc = doc_of(text)
    assert marked(doc, "table3") == []
    assert doc.tables["table3"].row("carried_forward").cell("total").status == "blank"


def test_mixed_zeros_and_blanks_are_not_consistent():
    values = changed("granted", 2, 0)  # one 0 written among the blanks
    doc = doc_of(report(values=values))
    assert marked(doc, "table3") == []


def test_no_number_at_all_is_a_template_not_zeros():
    doc = doc_of(report(values={}, table4=[N] * 15))
    assert marked(doc, "table3") == [] and marked(doc, "table4") == []


def test_dashes_are_not_blanks():
    doc = doc_of(report(zero="—"))
    assert marked(doc, "table3") == [] and marked(doc, "table4") == []


def test_a_blank_that_cannot_be_zero_stays_unfilled():
    doc = doc_of(report(values=changed("new", 6, N)))  # 总计 of row 一 empty beside 10 and 2
    got = marked(doc, "table3")
    assert ("new", "total") not in got
    assert len(got) == 25 * 7 - 17 - 1


def test_too_many_blanks_that_cannot_be_zero_judge_nothing():
    # only the 总计 column is filled: every applicant cell of those rows would have to be non-zero
    values = {k: [N] * 6 + [v[6]] for k, v in VALUES.items()}
    doc = doc_of(report(values=values))
    assert marked(doc, "table3") == []


def test_a_table_without_case_follows_the_report():
    doc = doc_of(report(table4=[N] * 15))
    assert len(marked(doc, "table4")) == 15  # table 三 says how this report writes zero


def test_a_template_table_four_beside_written_zeros_does_not_follow():
    doc = doc_of(report(zero="0", table4=[N] * 15))
    assert marked(doc, "table4") == []


def test_thresholds_come_from_the_data():
    doc = doc_of(report())
    opts = dict(blank_zero.settings(), min_numbers=100)
    assert blank_zero.judge(doc.tables["table3"], opts) == []


# ---------------------------------------------------------------------------------------
# What the rules make of it


def test_correct_total_only_the_one_blank_finding_per_table():
    got = findings(doc_of(report()))
    assert [c for c, _, _ in got] == ["RL307", "RL307"]


def test_wrong_total_is_found_and_says_blanks_were_read_as_zero():
    got = findings(doc_of(report(values=changed("outcome_total", 6, 13))))
    wrong = [f for f in got if f[0] == "RL401"]
    assert len(wrong) == 1
    assert wrong[0][1] == 6 + 23  # the （七）总计 row
    assert "应为 12，实为 13" in wrong[0][2] and "本表以空白代替0" in wrong[0][2]


def test_wrong_total_is_hidden_without_the_judgement():
    # zeros and blanks mixed: the same wrong total sits in identities with blanks, unchecked
    values = changed("outcome_total", 6, 13)
    values["granted"][2] = 0
    values["carried_forward"] = [1, N, N, N, N, N, N]
    got = findings(doc_of(report(values=values)))
    assert [f for f in got if f[0] == "RL401"] == []
    assert any(f[0] == "RL303" for f in got)


def test_wrong_table_four_total_is_found():
    table4 = list(TABLE4)
    table4[4] = 4
    got = findings(doc_of(report(table4=table4)))
    wrong = [f for f in got if f[0] == "RL402"]
    assert len(wrong) == 1 and "“行政复议 / 总计”应为 3，实为 4" in wrong[0][2]


# ---------------------------------------------------------------------------------------
# The real Word layout: the Huai'an draft with its zeros emptied


def _docx(tmp_path, blank_zeros=True, only_first: int | None = None, edits=()) -> str:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    d = docx.Document(str(FIXTURES / "drafts" / "huaian-draft-2024.docx"))
    emptied = 0
    for table in d.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            runs = list(tc.iter(qn("w:t")))
            text = "".join(t.text or "" for t in runs).strip()
            if blank_zeros and text == "0" and (only_first is None or emptied < only_first):
                for t in runs:
                    t.text = ""
                emptied += 1
            for old, new in edits:
                if text == old and runs:
                    runs[0].text = new
                    for t in runs[1:]:
                        t.text = ""
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return str(path)


def test_docx_with_zeros_emptied_is_read_as_zeros(tmp_path):
    doc = build_document(read(_docx(tmp_path)))
    assert len(marked(doc, "table3")) > 100
    got = findings(doc)
    assert {c for c, _, _ in got} == {"RL307"}
    assert len(got) == 2  # table 三, and table 二 (written the same way, it follows)


def test_docx_wrong_total_found_through_the_blanks(tmp_path):
    doc = build_document(read(_docx(tmp_path, edits=[("3050", "3051")])))
    wrong = [f for f in findings(doc) if f[0] == "RL401"]
    assert len(wrong) == 1
    assert "（七）总计" in wrong[0][2] and "应为 3050，实为 3051" in wrong[0][2] and "本表以空白代替0" in wrong[0][2]


def test_docx_single_zero_emptied_is_an_unfilled_cell(tmp_path):
    doc = build_document(read(_docx(tmp_path, only_first=1)))
    assert all(marked(doc, k) == [] for k in ("table2", "table3", "table4"))
    got = findings(doc)
    assert [c for c, _, _ in got] == ["RL303"]


# ---------------------------------------------------------------------------------------
# The real reports: none writes zero as a blank


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(FIXTURES))
        for p in FIXTURES.rglob("*")
        if p.is_file() and p.suffix in (".txt", ".md", ".docx", ".pdf", ".odt", ".rtf")
    ),
)
def test_no_real_report_is_judged_blank_as_zero(name):
    doc = build_document(read(str(FIXTURES / name)))
    assert all(marked(doc, k) == [] for k, t in doc.tables.items() if t is not None)


# ---------------------------------------------------------------------------------------
# Table 二 follows the report: it has no identity of its own, only its soft checks

TABLE2 = "\n".join(
    [
        "二、主动公开政府信息情况",
        "第二十条第（一）项 | | |",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "规章 |  |  | ",
        "行政规范性文件 | 5 |  | {in_force}",
        "第二十条第（五）项 | | |",
        "信息内容 | 本年处理决定数量",
        "行政许可 | 35",
        "第二十条第（六）项 | | |",
        "信息内容 | 本年处理决定数量",
        "行政处罚 | ",
        "行政强制 | ",
        "第二十条第（八）项 | | |",
        "信息内容 | 本年收费金额（单位：万元）",
        "行政事业性收费 | ",
        "",
    ]
)


def with_table2(in_force: str, zero: str = "") -> str:
    title, rest = report(zero=zero).split("\n", 1)
    return title + "\n" + TABLE2.format(in_force=in_force) + rest


def test_table_two_follows_a_report_that_writes_zero_as_blank():
    doc = doc_of(with_table2("12"))
    assert len(marked(doc, "table2")) == 7


def test_table_two_alone_is_not_judged():
    doc = doc_of(with_table2("12", zero="0"))  # tables 三/四 write 0
    assert marked(doc, "table2") == []


def test_table_two_blank_in_force_beside_issued_is_not_a_zero():
    doc = doc_of(with_table2(""))
    got = marked(doc, "table2")
    assert ("normative_documents", "in_force") not in got and ("normative_documents", "repealed") not in got
    assert ("regulations", "in_force") in got
