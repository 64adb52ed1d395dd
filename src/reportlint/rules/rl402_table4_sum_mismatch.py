"""RL402 table4-sum-mismatch."""

from __future__ import annotations

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.reconciliation_rule import SHIFTED_MESSAGE, ReconciliationRule


class Table4SumMismatch(ReconciliationRule):
    """A group of table 四 does not add up: 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    Table 四 has three groups of five numbers — 行政复议, 行政诉讼 未经复议直接起诉 and
    行政诉讼 复议后起诉 — and in each the 总计 is the sum of the four results. A group
    that does not add up is reported at its 总计 with the value the sum gives. A group
    with a blank or missing number is not checked (the unfilled-cell rule reports it),
    except in a table that writes zero as a blank, consistently (RL307): its blanks are
    read as 0, so a wrong 总计 is still found, and the message says so.

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        72 | 64 | 178 | 37 | 352 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20
    """

    code = "RL402"
    name = "table4-sum-mismatch"
    category = "arithmetic"
    table_key = "table4"
    severity = Severity.ERROR
    options = {"max_findings": 10}
    summary_zh = "表四（行政复议、行政诉讼情况）某一组的总计不等于四项结果之和。"
    rationale_zh = (
        "表四分三组，每组五个数：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）；每组的总计等于"
        "结果维持、结果纠正、其他结果、尚未审结之和。不平衡的组在其总计格报告，并给出按各项之和应填的数值。"
        "含空白或缺失数字的组不检查（由未填写单元格规则报告）；但始终以空白代替0的表格（RL307），空白按0计算，"
        "总计填错仍会被发现，消息中会说明。"
    )
    messages = {
        "cell": T(
            "{where}应为 {expected}，实为 {actual}：此格使 {n} 个勾稽关系不成立——{relations}；请将此格改为 {expected}{blank_note}",
            "{where_en} should be {expected}, not {actual_en}: this cell breaks {n} identities — {relations_en};"
            " change it to {expected}{blank_note_en}",
        ),
        "identity": T(
            "表四勾稽关系不成立：{relation}；按此关系{where}应为 {expected}，实为 {actual}；请核对{scope}，改正填错的数字{blank_note}",
            "table 4 does not add up: {relation_en}; by it, {where_en} should be {expected}, not {actual_en};"
            " check {scope_en} and correct the wrong number{blank_note_en}",
        ),
        "shifted": SHIFTED_MESSAGE,
        "many": T(
            "表四有 {n} 个勾稽关系不成立（例如 {first}）；请逐项核对表四{blank_note}",
            "{n} identities of table 4 fail (e.g. {first_en}); check table 4 number by number{blank_note_en}",
        ),
    }
