"""RL401 table3-sum-mismatch."""

from __future__ import annotations

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.reconciliation_rule import SHIFTED_MESSAGE, ReconciliationRule


class Table3SumMismatch(ReconciliationRule):
    """Table 三 does not add up: a reconciliation identity of the format fails.

    The format fixes three identities: for every column, 一 (new) + 二 (carried
    over) = （七）总计 + 四 (carried forward), and （七）总计 = the sum of the outcome
    rows （一）…（六） (their sub-items, 2019 and 2021 layouts); for every row, 总计 =
    自然人 + the five kinds of 法人或其他组织. One wrong number usually breaks a row and a
    column at once: the cell that explains every failure is reported once, naming each
    identity it breaks and the value it should have. When no single cell can be
    blamed, each failing identity is reported at its total. Blank cells are not
    numbers: identities that need them are not checked (the unfilled-cell rule reports
    the blanks) — except in a table that writes zero as a blank, consistently (RL307),
    whose blanks are read as 0, so a wrong 总计 is still found; the message says so.

    Bad:
        一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119
        （一）予以公开 | 1289 | 21 | 0 | 0 | 50 | 3 | 1362
    Good:
        一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119
        （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362
    """

    code = "RL401"
    name = "table3-sum-mismatch"
    category = "arithmetic"
    table_key = "table3"
    severity = Severity.ERROR
    options = {"max_findings": 10}
    summary_zh = "表三（收到和处理政府信息公开申请情况）的勾稽关系不成立。"
    rationale_zh = (
        "格式规定了三组恒等关系：每一列，第一项（本年新收）加第二项（上年结转）等于（七）总计加第四项（结转下年度）；"
        "（七）总计等于（一）至（六）各项办理结果（按各小项计，2019 和 2021 两种表式）之和；每一行，总计等于自然人与"
        "五类法人或其他组织之和。一个数字填错往往同时破坏一行和一列：能解释全部不平衡的那一格只报告一次，"
        "写明它破坏的每个关系和应填的数值；无法确定是哪一格时，在总计格报告每个不成立的关系。空白格不是数字，"
        "用到它的关系不检查（空白由未填写单元格规则报告）；但始终以空白代替0的表格（RL307），空白按0计算，"
        "总计填错仍会被发现，消息中会说明。"
    )
    messages = {
        "cell": T(
            "{where}应为 {expected}，实为 {actual}：此格使 {n} 个勾稽关系不成立——{relations}；请将此格改为 {expected}{blank_note}",
            "{where_en} should be {expected}, not {actual_en}: this cell breaks {n} identities — {relations_en};"
            " change it to {expected}{blank_note_en}",
        ),
        "identity": T(
            "表三勾稽关系不成立：{relation}；按此关系{where}应为 {expected}，实为 {actual}；请核对{scope}，改正填错的数字{blank_note}",
            "table 3 does not add up: {relation_en}; by it, {where_en} should be {expected}, not {actual_en};"
            " check {scope_en} and correct the wrong number{blank_note_en}",
        ),
        "shifted": SHIFTED_MESSAGE,
        "many": T(
            "表三有 {n} 个勾稽关系不成立（例如 {first}），表格可能整体错行或填错；请逐行逐列核对表三{blank_note}",
            "{n} identities of table 3 fail (e.g. {first_en}); the table may be shifted or mistyped"
            " throughout: check table 3 row by row and column by column{blank_note_en}",
        ),
    }
