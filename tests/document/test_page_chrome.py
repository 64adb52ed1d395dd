"""The page around a report copied out of a web CMS (document/page_meta.py): the chrome
above and below the report is found as one run each, its fields are the page's metadata,
and none of it is left in the text the rules read — while report text that merely uses
the same words stays."""

from __future__ import annotations

from datetime import date

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap


def text_doc(text: str):
    return build_document(Extracted("t.txt", "text", text, OriginMap(text)))


def runs(doc) -> list[tuple[str, list[str]]]:
    """Each chrome run as (its text from first to last token, its labels)."""
    return [(doc.text[s:e], labels) for (s, e), labels, _tokens in doc.meta.page_debris]


TITLE = "某某县科学技术局2021年政府信息公开工作年度报告"
BODY = (
    "根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
    "一、总体情况\n2021年，本机关主动公开政府信息100条，资金来源：县财政。\n"
    "六、其他需要报告的事项\n本机关未收取信息处理费。\n联系电话：0123-4567890\n"
    "某某县科学技术局\n2022年1月18日\n"
)
HEAD = (
    "首页 > 政务公开 > 政府信息公开年报\n"
    f"{TITLE}\n"
    "发布时间：2022-01-20 10:00  来源：某某县科学技术局  作者：  浏览次数：[ 123 ]\n"
    "字体：【大 中 小】  【打印】【关闭】\n"
)
TAIL = (
    "附件下载：\n"
    "【我要纠错】 【收藏】 【打印】 【关闭】\n\n"
    "上一篇：某某县科学技术局2020年政府信息公开工作年度报告\n"
    "下一篇：没有了\n"
    "扫一扫在手机打开当前页\n"
    "网站地图 | 联系我们 | 网站声明\n"
    "版权所有：某某县人民政府  主办单位：某某县人民政府办公室\n"
    "技术支持：某某网络科技有限公司  京ICP备12345678号  京公网安备 11010502030143号\n"
)


def test_cms_page_head_and_tail_are_one_run_each():
    doc = text_doc(HEAD + BODY + TAIL)
    (head, head_labels), (tail, tail_labels) = runs(doc)
    assert head.startswith("首页 > 政务公开") and head.endswith("【关闭】")
    assert head_labels == ["当前位置", "发布时间", "来源", "作者", "浏览次数", "字号", "打印/关闭"]
    assert tail.startswith("附件下载：") and tail.endswith("11010502030143号")
    assert tail_labels == ["附件下载", "纠错", "收藏", "打印/关闭", "上一篇/下一篇", "扫一扫", "网站导航", "网站页脚"]
    # what the page says is metadata; the report's own signature is found before the chrome
    m = doc.meta
    assert m.published_on.value == date(2022, 1, 20) and m.publisher == "某某县科学技术局"
    assert m.title == TITLE and m.title_source == "body"
    assert m.signed_on.value == date(2022, 1, 18)
    assert m.debris_span[0] == doc.text.index("附件下载")
    # none of the page is left in what the rules read; the report text all is
    view = doc.view.text
    for word in ("首页 >", "浏览次数", "【打印】", "上一篇", "扫一扫", "网站地图", "版权所有", "ICP备"):
        assert word not in view
    for kept in (TITLE, "资金来源:县财政", "联系电话:0123-4567890", "2022年1月18日"):
        assert kept in view


def test_counter_value_and_empty_author_are_read_whole():
    doc = text_doc(f"{TITLE}\n作者：  浏览次数：[ 123 ]  发布日期：2022-01-10\n{BODY}")
    ((run, labels),) = runs(doc)
    assert run == "作者：  浏览次数：[ 123 ]  发布日期：2022-01-10"
    assert labels == ["作者", "浏览次数", "发布日期"]  # the author field did not swallow the counter
    assert doc.meta.published_on.value == date(2022, 1, 10)


@pytest.mark.parametrize(
    "crumb",
    [
        "当前位置：首页 >> 政务公开 >> 政府信息公开年报",
        "您所在的位置：首页 > 信息公开 > 年度报告",
        "首页 » 政务公开 » 年报",
        "首页>政务公开>政府信息公开>政府信息公开年报",
    ],
)
def test_breadcrumbs_in_their_real_forms(crumb):
    doc = text_doc(f"{crumb}\n{TITLE}\n{BODY}")
    ((run, labels),) = runs(doc)
    assert run == crumb and labels == ["当前位置"]
    assert doc.meta.title == TITLE


def test_the_footer_is_chrome_only_after_the_report():
    footer = "版权所有：某某县人民政府  网站标识码：1234000012"
    # at the head it says nothing about being a page: left alone
    doc = text_doc(f"{footer}\n{TITLE}\n{BODY}")
    assert runs(doc) == [] and footer.replace("：", ":") in doc.view.text
    # after the signature it is the site's footer
    doc = text_doc(f"{TITLE}\n{BODY}{footer}\n")
    assert runs(doc) == [(footer, ["网站页脚"])]


@pytest.mark.parametrize(
    "last",
    [
        "本报告版权所有的内容可以转载。",  # a sentence, not a footer
        "如有疑问请联系我们，联系电话：0123-4567890。",
        "联系电话：0123-4567890",
        "上一年度结转的申请均已办结",
        "资金来源：县财政",
    ],
)
def test_report_lines_at_the_end_are_not_chrome(last):
    doc = text_doc(f"{TITLE}\n{BODY}{last}\n")
    assert runs(doc) == []
    assert last.replace("：", ":").replace("，", ",") in doc.view.text


def test_a_navigation_line_must_start_its_line():
    # `下一篇：` after report text on the same line is not a navigation line of its own
    doc = text_doc(f"{TITLE}\n{BODY}本机关的下一篇：年度报告将于明年发布\n")
    assert runs(doc) == []
