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


@pytest.mark.parametrize(
    ("head", "labels", "published"),
    [
        # the font switch without its label, an empty counter
        ("发布时间：2023-01-12 09:30 [ 大 中 小 ] 浏览次数：", ["发布时间", "字号", "浏览次数"], date(2023, 1, 12)),
        # the template's blank between two fields lost, blanks around the colons
        ("信息提供日期 : 2023-02-03 10:20来源 : 某某区统计局", ["信息提供日期", "来源"], date(2023, 2, 3)),
        # a date spaced out, a source in quotes, a share label on the next line
        (
            "发布日期: 2020- 02- 07 14: 05 访问次数: 信息来源: “某某之窗”门户网站\n分享:",
            ["发布日期", "浏览次数", "信息来源", "分享按钮"],
            date(2020, 2, 7),
        ),
        # the fields as a list, with the read-aloud and share buttons
        (
            "  • 听全文\n  • 2022-01-28\n  • 来源:某某县科学技术局\n  • 分享到",
            ["朗读按钮", "发布日期", "来源", "分享按钮"],
            date(2022, 1, 28),
        ),
        # a metadata row whose labels are spaced out to the column's width
        (
            "索 引 号 | 00123/2022-0042 | 分 类 | 年度报告 |\n发布机构 | 县政府办 | 发文日期 | 2022-01-25 |",
            ["索引号", "分类", "发布机构", "发文日期"],
            date(2022, 1, 25),
        ),
        ("字体：", ["字号"], None),
        # the font switch cut short (its `小】` an image), between `||` links
        (
            "时间:2023-01-12   来源:本网   【字体: 大 || 中 || 打印",
            ["时间", "来源", "字号", "打印/关闭"],
            date(2023, 1, 12),
        ),
        # only the switch's bracketed label left, next to the fields
        (
            "发布日期:2023-01-12    浏览量:次    来源:某某镇\n【 字体: 分享到:",
            ["发布日期", "浏览次数", "来源", "字号", "分享按钮"],
            date(2023, 1, 12),
        ),
        # a list whose last item is empty: the item goes with the list
        ("  • 来源:某某县科学技术局\n  • 【字号: 大  中\n  • 【打印文本】\n  • -", ["来源", "字号", "打印/关闭"], None),
        ("正文复制", ["复制按钮"], None),
    ],
)
def test_page_field_variants_of_real_cms_templates(head, labels, published):
    doc = text_doc(f"{TITLE}\n{head}\n{BODY}")
    ((run, got),) = runs(doc)
    assert got == labels
    assert run.lstrip("• ").startswith(head.strip().lstrip("• ").split()[0])
    assert (doc.meta.published_on.value if doc.meta.published_on else None) == published
    assert TITLE in doc.view.text and "本机关主动公开政府信息100条" in doc.view.text
    for word in ("浏览次数", "来源 :", "分享", "听全文", "索 引 号", "字体", "字号", "正文复制", "大 中", "• -"):
        assert word not in doc.view.text


def test_a_line_of_page_fields_under_any_heading_is_chrome():
    heading = "【工作动态】某某县部署2023年度政府信息公开工作年报编制工作"  # a news page: no report title
    fields = "发布时间:2024-01-09 17:20 来源: 某某县人民政府 浏览量: 【字号:   打印"
    doc = text_doc(f"{heading}\n\n{fields}\n\n为做好年报编制工作，县政府办公室召开部署会。\n")
    ((run, labels),) = runs(doc)
    assert run == fields and labels == ["发布时间", "来源", "浏览次数", "字号", "打印/关闭"]
    assert doc.meta.published_on.value == date(2024, 1, 9)
    assert doc.view.text.startswith(_folded(heading)) and "发布时间" not in doc.view.text


@pytest.mark.parametrize(
    "second",
    [
        "时间:2023年1月5日，本镇召开政府信息公开工作会议。",  # a dated sentence, not a line of fields
        "【字号: 某政办〔2023〕3号】",  # the bracketed label alone is not chrome
    ],
)
def test_a_heading_over_report_lines_is_not_a_page(second):
    doc = text_doc(f"某某镇关于做好2023年度政府信息公开工作的说明\n{second}\n{BODY}")
    assert runs(doc) == []
    assert _folded(second) in doc.view.text


def _folded(text: str) -> str:
    """As the view writes it: brackets and full-width punctuation folded."""
    return text.translate(str.maketrans("【】〔〕，：", "[][],:"))


@pytest.mark.parametrize(
    "first",
    [
        "• 2021年，本机关主动公开政府信息100条。",  # a list item of the report, not a page field
        "- 本机关未收到政府信息公开申请。",
        "经验分享：各科室交流公开工作做法。",
    ],
)
def test_list_items_and_share_words_of_the_report_stay(first):
    doc = text_doc(f"{TITLE}\n{first}\n{BODY}")
    assert runs(doc) == []
    assert first.replace("，", ",").replace("：", ":").replace("。", "。") in doc.view.text
