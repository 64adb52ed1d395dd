"""Title, page metadata, publication date, page debris and statistical period on the
reports as they really reach a reviewer (crawler exports, PDF→Markdown, OCR text, PDFs),
and on variants the tests build themselves."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter
from reportlint.run.fixer import apply_edits, collect_edits

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)


def corpus_doc(name: str):
    return build_document(read(str(FIXTURES / name)))


def text_doc(text: str, kind: str = "text"):
    return build_document(Extracted("t.txt", kind, text, OriginMap(text)))


def findings(doc, *codes):
    rules = [REGISTRY.rules[c](None) for c in codes]
    return list(Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted))


def at(doc, span):
    loc = doc.locate(span)
    return loc.line, loc.column


# -- the real reports ---------------------------------------------------------------------

# name: title, title source, year, agency, kind, publication date, publisher
REAL = {
    "pingtan-gov-2016.txt": (
        "平潭综合实验区2016年度政府信息公开工作年度报告",
        "body",
        2016,
        "平潭综合实验区",
        None,
        date(2017, 1, 18),
        None,
    ),
    "pingtan-gov-2019.txt": (
        "平潭综合实验区2019年政府信息公开工作年度报告",
        "body",
        2019,
        "平潭综合实验区",
        None,
        date(2020, 1, 20),
        None,
    ),
    "pingtan-gov-2021.txt": (
        # the body's own title sits between the page's breadcrumb and its 来源/时间 fields
        "平潭综合实验区2021年度政府信息公开工作年度报告",
        "body",
        2021,
        "平潭综合实验区",
        None,
        date(2022, 2, 8),
        "平潭县人民政府",
    ),
    "pingtan-gov-2023.txt": (
        # no title in the body: the crawler's `标题:` field stands in
        "平潭综合实验区2023年度政府信息公开工作年度报告",
        "page",
        2023,
        "平潭综合实验区",
        None,
        date(2024, 3, 8),
        "平潭综合实验区管委会办公室",
    ),
    "shanghai-kewei-2024.md": (
        "2024 年上海市科委政府信息公开工作年度报告",
        "body",
        2024,
        "上海市科委",
        "department",
        None,
        None,
    ),
    "shuyang-gov-2025.txt": (
        "沐阳县人民政府 2025 年 政府信息公开工作年度报告",
        "body",
        2025,
        "沐阳县人民政府",
        "government",
        None,
        None,
    ),
    "hongze-gov-2023.pdf": (
        "洪泽区人民政府2023 年政府信息公开工作年度报告",
        "body",
        2023,
        "洪泽区人民政府",
        "government",
        None,
        None,
    ),
    "drafts/huaian-draft-2024.pdf": (
        "淮安市人民政府2024 年政府信息公开工作年度报告",
        "body",
        2024,
        "淮安市人民政府",
        "government",
        None,
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_meta(name):
    doc = corpus_doc(name)
    m = doc.meta
    title, source, year, agency, kind, published, publisher = REAL[name]
    assert (m.title, m.title_source, m.year, m.agency, m.kind) == (title, source, year, agency, kind)
    assert (m.published_on.value if m.published_on else None) == published
    assert m.publisher == publisher
    assert not findings(doc, "RL101")


@pytest.mark.parametrize(
    "name", ["pingtan-gov-2016.txt", "pingtan-gov-2019.txt", "pingtan-gov-2021.txt", "pingtan-gov-2023.txt"]
)
def test_crawler_header_is_metadata(name):
    doc = corpus_doc(name)
    m = doc.meta
    # the header (lines 1–9) is out of the text the rules read
    head = doc.text.index("==================== 正文 ====================")
    assert m.page_spans[0][0] == 0 and m.page_spans[0][1] > head
    assert "原文链接:" not in doc.view.text and "发布时间:" not in doc.view.text
    assert at(doc, m.published_on.span) == (2, 7)
    # no signature, but the page dates the report: not "undated", and in time (31 March)
    assert m.signed_on is None
    assert not findings(doc, "RL607", "RL608", "RL609")
    # the header is never reported as report text
    assert all(d.location.line >= 10 for d in findings(doc, "RL801", "RL802", "RL804", "RL805", "RL806"))


def test_pingtan_2021_page_chrome_grouped():
    doc = corpus_doc("pingtan-gov-2021.txt")
    found = findings(doc, "RL801")
    assert [(d.location.line, d.location.column) for d in found] == [(10, 1), (10, 3349)]
    head = found[0].message.zh
    for word in ("当前位置", "分享按钮", "全真版/文字版", "HTML注释残留"):
        assert word in head
    assert "附件下载" in found[1].message.zh
    # the fix deletes the page elements, never the title or the report text
    fixed = apply_edits(doc.text, collect_edits(found))
    line10 = fixed.split("\n")[9]
    assert line10.lstrip().startswith("平潭综合实验区2021年度政府信息公开工作年度报告")
    assert "微信" not in line10[:80] and "-->" not in line10 and "附件下载" not in line10
    assert "根据《中华人民共和国政府信息公开条例》" in line10
    assert line10.rstrip().endswith("无收取信息处理费情况。")


def test_original_seven_keep_their_page_findings():
    # zhangjiakou: a metadata row inside the report text is still page debris, at line 2
    doc = corpus_doc("zhangjiakou-kjj-2010.txt")
    assert [(d.location.line, d.location.column) for d in findings(doc, "RL801")] == [(2, 1), (29, 1)]
    # huaian's PDF has no page date: the signature note stays
    assert [d.code for d in findings(corpus_doc("huaian-gov-2024.pdf"), "RL607")] == ["RL607"]


# -- page metadata: variants --------------------------------------------------------------

BODY = (
    "根据《中华人民共和国政府信息公开条例》规定编制本报告。本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\n"
    "一、总体情况\n{y}年，本机关主动公开政府信息100条。\n"
    "六、其他需要报告的事项\n本机关未收取信息处理费。\n"
)


def crawler(fields: list[tuple[str, str]], body: str, colon: str = ": ", separator: bool = True) -> str:
    head = "".join(f"{k}{colon}{v}\n" for k, v in fields)
    if separator:
        head += "==================== 正文 ====================\n"
    return head + body


@pytest.mark.parametrize("colon", [": ", "：", ":"])
@pytest.mark.parametrize("separator", [True, False])
def test_crawler_header_variants(colon, separator):
    fields = [
        ("标题", "某某县科学技术局2021年政府信息公开工作年度报告"),
        ("发布时间", "2022-01-20 09:30"),
        ("发布机构", "某某县科学技术局"),
        ("栏目", "政府信息公开年报"),
        ("原文链接", "https://example.gov.cn/a.htm"),
    ]
    doc = text_doc(crawler(fields, BODY.format(y=2021), colon, separator))
    m = doc.meta
    assert m.title == "某某县科学技术局2021年政府信息公开工作年度报告" and m.title_source == "page"
    assert (m.year, m.agency, m.kind) == (2021, "某某县科学技术局", "department")
    assert m.published_on.value == date(2022, 1, 20) and at(doc, m.published_on.span)[0] == 2
    assert m.publisher == "某某县科学技术局"
    assert "栏目" not in doc.view.text and "原文链接" not in doc.view.text
    assert not findings(doc, "RL101", "RL607", "RL609", "RL801")
    assert [s.key for s in doc.sections][:1] == ["overview"]


def test_body_title_wins_over_the_page_title():
    fields = [("标题", "某某县科学技术局2021年度报告"), ("发布时间", "2022-01-20")]
    body = "某某县科学技术局2021年政府信息公开工作年度报告\n" + BODY.format(y=2021)
    doc = text_doc(crawler(fields, body))
    assert doc.meta.title_source == "body" and doc.meta.title == "某某县科学技术局2021年政府信息公开工作年度报告"
    assert at(doc, doc.meta.title_span) == (4, 1)
    assert doc.meta.page_title == "某某县科学技术局2021年度报告"


def test_a_lone_field_line_in_a_report_is_not_a_header():
    text = "来源：本局\n某某县科学技术局2021年政府信息公开工作年度报告\n" + BODY.format(y=2021)
    doc = text_doc(text)
    assert doc.meta.title == "某某县科学技术局2021年政府信息公开工作年度报告"
    assert at(doc, doc.meta.title_span) == (2, 1)


@pytest.mark.parametrize(
    "published,kind_agency,late",
    [
        ("2022-01-20", "某某县科学技术局", False),  # department, 31 January
        ("2022-02-15", "某某县科学技术局", True),
        ("2022-03-20", "某某县人民政府", False),  # government, 31 March
        ("2022年4月2日", "某某县人民政府", True),
        ("2022/04/02 10:00", "某某县人民政府", True),
    ],
)
def test_publication_date_follows_the_deadline_of_the_agency_kind(published, kind_agency, late):
    fields = [("标题", f"{kind_agency}2021年政府信息公开工作年度报告"), ("发布时间", published)]
    doc = text_doc(crawler(fields, BODY.format(y=2021)))
    found = findings(doc, "RL607", "RL608", "RL609")
    if late:
        assert [(d.code, d.location.line) for d in found] == [("RL609", 2)]
        assert "发布页面" in found[0].message.zh
    else:
        assert found == []


def test_publication_before_period_end_is_reported():
    fields = [("标题", "某某县科学技术局2021年政府信息公开工作年度报告"), ("发布时间", "2021-11-03")]
    found = findings(text_doc(crawler(fields, BODY.format(y=2021))), "RL608")
    assert [(d.code, d.location.line) for d in found] == [("RL608", 2)]


def test_signature_date_wins_over_the_page_date():
    fields = [("标题", "某某县科学技术局2021年政府信息公开工作年度报告"), ("发布时间", "2022-05-01")]
    body = BODY.format(y=2021) + "某某县科学技术局\n2022年1月10日\n"
    doc = text_doc(crawler(fields, body))
    assert doc.meta.signed_on.value == date(2022, 1, 10)
    assert findings(doc, "RL607", "RL608", "RL609") == []


def test_without_any_date_the_signature_note_stays():
    doc = text_doc("某某县科学技术局2021年政府信息公开工作年度报告\n" + BODY.format(y=2021))
    assert [d.code for d in findings(doc, "RL607")] == ["RL607"]


CHROME_HEAD = [
    "当前位置：首页 > 政务公开 > 年度报告 {title} 来源：某某县科学技术局 发布日期：2022-01-10 【字号：大 中 小】 打印本页 关闭窗口 {body}",
    "当前位置： 首页政务公开年报 {title} 来源：某某县科学技术局 时间：2022-01-10 16:34 微信 微博 QQ空间 全真版 文字版 --> {body}",
    "{title}\n发布日期：2022-01-10  来源：某某县科学技术局  浏览次数：35\n分享到：微信 微博\n{body}",
]


@pytest.mark.parametrize("layout", range(len(CHROME_HEAD)))
def test_inline_page_chrome_is_one_cluster(layout):
    title = "某某县科学技术局2021年政府信息公开工作年度报告"
    body = BODY.format(y=2021).replace("\n", " ") if layout < 2 else BODY.format(y=2021)
    text = CHROME_HEAD[layout].format(title=title, body=body)
    doc = text_doc(text)
    m = doc.meta
    assert m.title == title and m.title_source == "body"
    assert m.published_on.value == date(2022, 1, 10)
    assert m.publisher == "某某县科学技术局"
    found = findings(doc, "RL801")
    assert len(found) == 1  # one cluster, whether on the report's line or on lines of their own
    fixed = apply_edits(text, collect_edits(found))
    assert title in fixed and "根据《中华人民共和国政府信息公开条例》" in fixed
    for word in ("当前位置", "来源", "打印本页", "微博", "-->", "浏览次数"):
        assert word not in fixed
    assert not findings(doc, "RL607", "RL609", "RL804", "RL805", "RL806")


def test_page_chrome_at_the_end():
    text = (
        "某某县科学技术局2021年政府信息公开工作年度报告\n"
        + BODY.format(y=2021).rstrip("\n")
        + " 附件下载 【打印本页】 【关闭窗口】\n"
    )
    doc = text_doc(text)
    found = findings(doc, "RL801")
    assert len(found) == 1 and found[0].location.line == 6
    assert apply_edits(text, collect_edits(found)).rstrip().endswith("本机关未收取信息处理费。")


@pytest.mark.parametrize(
    "text",
    [
        # the words inside sentences are report text
        "某某县科学技术局2021年政府信息公开工作年度报告\n通过微信 微博等平台发布信息。打印 关闭\n一、总体情况\n",
        # a lone common word is not chrome
        "某某县科学技术局2021年政府信息公开工作年度报告 微信 根据条例编制。\n一、总体情况\n",
        # a report that starts with a date line is not a page field
        "某某县科学技术局2021年政府信息公开工作年度报告\n2022年1月10日\n一、总体情况\n",
    ],
)
def test_no_page_chrome_in_report_text(text):
    doc = text_doc(text)
    assert doc.meta.page_spans == [] and doc.meta.page_debris == []
    assert findings(doc, "RL801") == []


def test_long_debris_line_is_not_deleted_whole():
    # a breadcrumb that runs straight into the report text (no blank to end it)
    text = "当前位置：首页>政务公开>年报" + "本机关主动公开政府信息。" * 30 + "\n"
    found = findings(text_doc(text), "RL801")
    assert len(found) == 1 and found[0].fix is None


def test_view_stays_monotone_without_the_page():
    text = crawler(
        [("标题", "某某县科学技术局2021年政府信息公开工作年度报告"), ("发布时间", "2022-01-20")], BODY.format(y=2021)
    )
    text = text.replace("根据", "当前位置：首页 > 年报 微信 微博 根据", 1)
    doc = text_doc(text)
    src = list(doc.view.src)
    assert src == sorted(src) and len(src) == len(doc.view.text) + 1
    for i, ch in enumerate(doc.view.text):
        assert unicodedata.normalize("NFKC", doc.text[src[i]]) == unicodedata.normalize("NFKC", ch)
    assert "当前位置" not in doc.view.text and "微博" not in doc.view.text


# -- the title: variants ------------------------------------------------------------------

TITLE_VARIANTS = [
    # Markdown from a PDF: wrapped in the middle of the title words
    ("2024 年上海市某某委员会政府信息公开工作\n年度报告\n", "2024 年上海市某某委员会政府信息公开工作年度报告", (1, 1)),
    # PDF: wrapped inside a word
    ("某某市人民政府2024 年政府信息公开工作年度报\n告\n", "某某市人民政府2024 年政府信息公开工作年度报告", (1, 1)),
    ("某某市人民政府2024年政府信息公开\n工作年度报告\n", "某某市人民政府2024年政府信息公开工作年度报告", (1, 1)),
    ("某某市人民政府2024年政府\n信息公开工作年度报告\n", "某某市人民政府2024年政府信息公开工作年度报告", (1, 1)),
    # agency on its own line, the rest wrapped once more
    ("某某区人民政府\n2024 年政府信息公开工作\n年度报告\n", "某某区人民政府2024 年政府信息公开工作年度报告", (1, 1)),
    # Markdown heading, spaces around the year
    ("# 某某县人民政府 2024 年 政府信息公开工作年度报告\n", "某某县人民政府 2024 年 政府信息公开工作年度报告", (1, 3)),
    ("## **某某县人民政府2024年政府信息公开工作年度报告**\n", "某某县人民政府2024年政府信息公开工作年度报告", (1, 6)),
    # a breadcrumb and a metadata row before the title are not the title
    (
        "当前位置：首页>政务公开>某某县人民政府2024年政府信息公开工作年度报告\n某某县人民政府2024年政府信息公开工作年度报告\n",
        "某某县人民政府2024年政府信息公开工作年度报告",
        (2, 1),
    ),
    (
        "公开目录 | 某某县人民政府2024年政府信息公开工作年度报告 | 发布日期 | 2025-01-20\n某某县人民政府2024年政府信息公开工作年度报告\n",
        "某某县人民政府2024年政府信息公开工作年度报告",
        (2, 1),
    ),
]


@pytest.mark.parametrize("head,title,pos", TITLE_VARIANTS)
def test_title_variants(head, title, pos):
    doc = text_doc(head + BODY.format(y=2024) + "某某县人民政府\n2025年1月20日\n")
    m = doc.meta
    assert m.title == title
    assert at(doc, m.title_span) == pos
    assert m.year == 2024 and m.year_source == "title"
    assert not findings(doc, "RL101")


def test_wrapped_title_keeps_agency_and_deadline():
    # the same report, its title on one line and wrapped: the same agency, kind, deadline
    body = "本报告由某某市人民政府办公室编制。" + BODY.format(y=2024) + "某某市人民政府\n2025年3月20日\n"
    one = text_doc("某某市人民政府2024年政府信息公开工作年度报告\n" + body)
    wrapped = text_doc("某某市人民政府2024年政府信息公开工作年度报\n告\n" + body)
    for doc in (one, wrapped):
        assert (doc.meta.agency, doc.meta.kind) == ("某某市人民政府", "government")
        assert findings(doc, "RL609") == []  # 20 March is in time for a government


def test_compiling_office_does_not_change_the_agency():
    # no title at all: `由XX人民政府办公室编制` and the signature `XX人民政府`
    body = "本报告由某某市人民政府办公室编制。" + BODY.format(y=2024) + "某某市人民政府\n2025年3月20日\n"
    doc = text_doc(body)
    assert (doc.meta.agency, doc.meta.kind) == ("某某市人民政府", "government")
    assert findings(doc, "RL609") == []


def test_running_page_header_is_not_the_title():
    header = "2024年度政府信息公开年报\n"  # reads like a title, and repeats on every page
    body = BODY.format(y=2024).replace("一、总体情况", header + "一、总体情况").replace("六、其他", header + "六、其他")
    doc = text_doc(header + "某某市人民政府2024年政府信息公开工作年度报告\n" + body)
    assert doc.meta.title == "某某市人民政府2024年政府信息公开工作年度报告"
    assert at(doc, doc.meta.title_span) == (2, 1)
    # printed once, the same line is the title
    once = text_doc(header + BODY.format(y=2024))
    assert once.meta.title == "2024年度政府信息公开年报"


def test_sentence_lines_are_never_joined_into_a_title():
    doc = text_doc("根据条例，某某局编制了2024年政府信息公开\n年度报告。\n一、总体情况\n")
    assert doc.meta.title is None


# -- statistical period: variants ---------------------------------------------------------

PERIODS = [
    "自2023年1月1日始至2023年12月31日止",
    "本报告所列数据统计期限自2023年1月1日起,至12月31日止",
    "本报告所列数据统计期限自2023年1月1日起，至12月31日止",
    "本年度报告中所列数据的统计周期为2023年1月1日至12月31日",
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止",
    "本报告所列数据统计期限从2023年1月1日至2023年12月31日止",
    "统计周期\n为 2023 年 1 月 1 日至 12 月 31 日",
]


@pytest.mark.parametrize("sentence", PERIODS)
def test_period_variants(sentence):
    text = "某某县科学技术局2023年政府信息公开工作年度报告\n" + sentence + "。如有疑问请联系。\n一、总体情况\n"
    doc = text_doc(text)
    m = doc.meta
    assert (m.period_start.value, m.period_end.value) == (date(2023, 1, 1), date(2023, 12, 31))
    assert at(doc, m.period_span)[0] == 2
    assert findings(doc, "RL601", "RL602") == []


@pytest.mark.parametrize(
    "sentence",
    ["本报告所列数据自20231月1日起至12月31日止", "本报告所列数据的统计期限自2023年13月1日起至2023年12月31日止"],
)
def test_garbled_period_is_reported_at_its_sentence(sentence):
    text = "某某县科学技术局2023年政府信息公开工作年度报告\n一些说明。" + sentence + "。\n一、总体情况\n"
    doc = text_doc(text)
    found = findings(doc, "RL601")
    assert [(d.location.line, d.location.column) for d in found] == [(2, 6)]
    assert "读不出" in found[0].message.zh


def test_plan_with_jiang_caiqu_is_a_plan():
    text = (
        "某某县科学技术局2016年政府信息公开工作年度报告\n"
        "本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。\n"
        "一、概述\n2016年，我们将采取以下措施加以改进：继续强化信息公开责任。\n"
    )
    found = findings(text_doc(text), "RL606")
    assert [d.location.line for d in found] == [4]


# -- repeated text (RL808) ----------------------------------------------------------------

WORDS = ["审核", "资金", "政务公开", "依申请公开"]


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_repeated_word_variants(word, where):
    sentence = {
        "start": f"{word}{word}工作有序开展。",
        "middle": f"二是规范{word}{word}发布机制。",
        "end": f"加强{word}{word}。",
    }[where]
    text = "某某县科学技术局2021年政府信息公开工作年度报告\n一、总体情况\n" + sentence + "\n"
    doc = text_doc(text)
    found = findings(doc, "RL808")
    assert len(found) == 1
    d = found[0]
    assert d.location.line == 3
    # the span is the second copy; the fix (not safe) removes it
    assert d.fix is not None and not d.fix.safe
    assert collect_edits(found) == []  # never applied by `--fix` alone
    assert apply_edits(text, list(d.fix.edits)).count(word + word) == 0


def test_repeated_text_not_inside_tables():
    table = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
    text = "某某县科学技术局2021年政府信息公开工作年度报告\n" + table
    assert findings(text_doc(text), "RL808") == []


@pytest.mark.parametrize("name", ["pingtan-gov-2019.txt", "pingtan-gov-2021.txt", "shanghai-kewei-2024.md"])
def test_repeated_text_on_the_corpus(name):
    found = findings(corpus_doc(name), "RL808")
    expected = {
        "pingtan-gov-2019.txt": "聚焦新中国成立 70 周年平潭专场新闻发布会",
        "pingtan-gov-2021.txt": "审核",
        "shanghai-kewei-2024.md": "资金",
    }
    assert len(found) == 1 and f"“{expected[name]}”" in found[0].message.zh


def test_text_rules_skip_the_crawler_header():
    fields = [
        ("标题", "某某县科学技术局2021年政府信息公开工作年度报告"),
        ("发布时间", "2022-01-20 09:30"),
        ("原文链接", "https://example.gov.cn/(a。。[bookmark: x]"),
        ("本地目录", "zwgk/（年报"),
    ]
    doc = text_doc(crawler(fields, BODY.format(y=2021)))
    assert findings(doc, "RL801", "RL802", "RL804", "RL805", "RL806", "RL808") == []
    # the same text in the body is reported
    body = BODY.format(y=2021).replace("本机关未收取信息处理费。", "本机关未收取信息处理费。。（年报")
    doc = text_doc(crawler(fields, body))
    assert sorted(d.code for d in findings(doc, "RL805", "RL806")) == ["RL805", "RL806"]


def test_sentence_bounds_is_the_sentence_around_a_position():
    import random

    from reportlint.analysis.agency_names import sentence_bounds

    def naive(text, pos):
        s = max(text.rfind(ch, 0, pos) for ch in "。;!?\n") + 1
        ends = [i for i in (text.find(ch, pos) for ch in "。;!?\n") if i != -1]
        return s, (min(ends) + 1 if ends else len(text))

    rng = random.Random(7)
    alphabet = "本局公开信息条件年月日。;!?\n0123 "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        for pos in range(len(text) + 1):
            assert sentence_bounds(text, pos) == naive(text, pos), (text, pos)


@pytest.mark.parametrize(
    "row",
    [
        "公开目录 | 政府信息公开年报 | 发布日期 | 2022-01-10",
        "| 索引号： | 000014349/2022-00001 | 发布机构： | 某某县科学技术局 |\n| 发布日期： | 2022-01-10 | 文号： | 无 |",
    ],
)
def test_metadata_row_is_page_metadata_not_the_title(row):
    title = "某某县科学技术局2021年政府信息公开工作年度报告"
    text = row + "\n" + title + "\n" + BODY.format(y=2021)
    doc = text_doc(text)
    m = doc.meta
    assert m.title == title and at(doc, m.title_span)[0] == row.count("\n") + 2
    assert m.published_on.value == date(2022, 1, 10)
    assert "发布日期" not in doc.view.text
    found = findings(doc, "RL801")
    assert len(found) == 1 and found[0].location.line == 1
    assert findings(doc, "RL101", "RL607", "RL609") == []


def test_a_table_row_is_not_a_metadata_row():
    text = "某某县科学技术局2021年政府信息公开工作年度报告\n| 发布日期 | 信息 | 件数 |\n" + BODY.format(y=2021)
    doc = text_doc(text)
    assert doc.meta.page_spans == [] and doc.meta.published_on is None


@pytest.mark.parametrize(
    "agency,phrase,reported",
    [
        ("某某区科学技术局", "市本级", True),
        ("某某县人民政府", "州本级", True),
        ("某某县人民政府", "县本级", False),
        ("某某市科学技术局", "市本级", False),
        ("某某旗人民政府", "旗本级", False),
    ],
)
def test_higher_level_wording_variants(agency, phrase, reported):
    level = agency[2]
    text = (
        f"{agency}2021年政府信息公开工作年度报告\n一、总体情况\n"
        f"我{level}按规定公开{phrase}2021年度“三公”经费决算。\n{agency}\n2022年1月10日\n"
    )
    found = [d for d in findings(text_doc(text), "RL534") if phrase in d.message.zh]
    assert len(found) == (1 if reported else 0)
    if reported:
        assert found[0].location.line == 3
