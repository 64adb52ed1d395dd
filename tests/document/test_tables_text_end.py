"""Tables the end of the text cuts (an excerpt or a crawl stopped inside a table).

``Table.cut_after`` marks the last row the text reaches; the rows after it and the
values that row lacks were never in the text. A table followed by more of the report
(another section, another table) is never marked, even when what follows has no number.
"""

from __future__ import annotations

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

HEAD = """示例区水务局2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |
"""


def doc_of(text: str):
    return build_document(Extracted(path="report.txt", kind="text", text=text, origins=OriginMap(text)))


def test_row_cut_by_the_end_of_the_text():
    doc = doc_of(HEAD + "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 |")
    t3 = doc.tables["table3"]
    assert t3 is not None
    assert t3.rows[t3.cut_after].key == "carried_over"
    assert t3.cut(t3.cut_after) and t3.cut(len(t3.rows) - 1) and not t3.cut(0)
    # the values read are kept as read
    assert [c.value for c in t3.rows[0].cells] == [6, 1, 0, 0, 0, 0, 7]


def test_a_cut_label_after_the_last_row_still_ends_the_text():
    doc = doc_of(HEAD + "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n三、本年度办理")
    t3 = doc.tables["table3"]
    assert t3.rows[t3.cut_after].key == "carried_over"


def test_the_report_going_on_is_not_a_cut():
    more = "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 |\n五、存在的主要问题及改进情况\n数据报送还不够及时。\n"
    assert doc_of(HEAD + more).tables["table3"].cut_after is None


def test_header_words_of_the_next_table_are_not_a_cut():
    # table 二 ends short, then table 三's header (no number, no sentence) follows
    text = """示例区水务局2024年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 2 | 0 | 9 |
第二十条第（五）项 |
信息内容 | 本年处理决定数量 |
行政许可 | 31 |
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
"""
    t2 = doc_of(text).tables["table2"]
    assert t2 is not None and t2.cut_after is None


def test_header_total_is_not_the_total_row():
    text = HEAD.split("一、本年新收")[0] + "一、本年新"
    t3 = doc_of(text).tables["table3"]
    assert t3 is not None
    assert not any(r.found for r in t3.rows)  # 总计 of the header is not （七）总计
    assert t3.cut_after == 0
