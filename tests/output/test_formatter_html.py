"""The HTML audit report: a self-contained page for offices reviewing many reports.

``sample_results()`` builds a realistic batch by hand — six reports, a dozen findings
across categories with CJK source lines, cell references into tables 三 and 四,
injected spam carrying markup, a clean report and one that could not be read — and
``sample_tables()`` the parsed tables for two of them. The browser test
(tests/browser) renders the same batch.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportlint import output
from reportlint.core.diagnostics import CellRef, Diagnostic, Edit, Fix, Location, Severity
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.results import FileResult
from reportlint.output.html import assets

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

CHANGZHOU = "reports/常州市科学技术局2023年报告.txt"
TAIERZHUANG = "reports/台儿庄区科技局2021年报告.txt"
CHANGSHU = "reports/常熟市科学技术局2021年报告.txt"
HUAIAN = "reports/淮安市人民政府2024年报告.txt"
CLEAN_TOWN = "reports/乡镇/青山镇人民政府2023年报告.txt"
BROKEN = "reports/损坏的报告.pdf"

SPAM = '<script>alert("x")</script><img src=x onerror=alert(1)>澳门赌场 http://spam.example/'

CHANGZHOU_LINES = [
    "常州市科学技术局2023年政府信息公开工作年度报告",
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
    "一、总体情况",
    "（文字描述）",
    "三、收到和处理政府信息公开申请情况",
    "一、本年新收政府信息公开申请数量\t12\t3\t0\t0\t0\t0\t12",
    "四、政府信息公开行政复议、行政诉讼情况",
    "0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0",
    "六、其他需要报告的事项",
    f"更多精彩内容请访问{SPAM}",
    "常州市科学技术局 2024年1月20日",
    "附：行政规范性文件\t2\t0\t（待补）",
]
TAIERZHUANG_LINES = [
    "区科技局2021年政府信息公开工作年度报告",
    "[bookmark: _Hlk83814431]主动公开政府信息情况统计表",
    "二、存在的主要问题及改进情况",
    "去科技局将进一步加强政府信息公开工作。[bookmark: _Hlk66973412]",
    "[bookmark: _Hlk67039688]三、其他需要报告的事项",
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    "台儿庄区科技局 2022年1月28日",
]
CHANGSHU_LINES = [
    "本年報是根據《中華人民共和國政府信息公開條例》要求編制。",
    "一、總體情況",
    "“六?!奔訌娬甙l布解讀工作。",
    "（六）其他處理\t0\t0\t0\t0\t0\t0\t0",
]


TOTAL_COL = CHANGZHOU_LINES[5].rindex("12") + 1


def _d(path, code, name, category, severity, message, loc, **kw):
    return Diagnostic(code, name, category, severity, message, loc, path=path, **kw)


def sample_results() -> list[FileResult]:
    period_start = "\n".join(CHANGZHOU_LINES).index("2022年1月1日")
    changzhou = FileResult(
        CHANGZHOU,
        lines=list(CHANGZHOU_LINES),
        kind="text",
        diagnostics=[
            _d(
                CHANGZHOU,
                "RL301",
                "period-year",
                "period",
                Severity.WARNING,
                T(
                    "统计期限的年份（2022年）与报告年度（2023年）不一致",
                    "the statistical period (2022) is not the report year (2023)",
                ),
                Location(2, 15, 2, 24),
                fix=Fix(
                    T("把“2022年1月1日”改为“2023年1月1日”", "replace 2022年1月1日 with 2023年1月1日"),
                    (Edit(period_start, period_start + 4, "2023"),),
                ),
            ),
            _d(
                CHANGZHOU,
                "RL701",
                "leftover-placeholder",
                "placeholder",
                Severity.ERROR,
                T(
                    "残留占位文字“（文字描述）”（模板说明文字）；请替换为实际内容",
                    "leftover placeholder “（文字描述）” (template instructions); replace it with the real content",
                ),
                Location(4, 1, 4, 7),
            ),
            _d(
                CHANGZHOU,
                "RL201",
                "table3-row-total",
                "arithmetic",
                Severity.ERROR,
                T(
                    "表三“一、本年新收政府信息公开申请数量”行：总计应为 15（各类申请人之和），实为 12",
                    "table 3, row 一: the total should be 15 (sum of applicants), found 12",
                ),
                Location(
                    6, TOTAL_COL, 6, TOTAL_COL + 2, cell=CellRef("table3", "本年新收政府信息公开申请数量", "总计")
                ),
            ),
            _d(
                CHANGZHOU,
                "XT204",
                "table4-group-total",
                "arithmetic",
                Severity.ERROR,
                T(
                    "表四“行政诉讼/未经复议直接起诉”：总计应为 0，实为 1",
                    "table 4, direct litigation: the total should be 0, found 1",
                ),
                Location(8, 19, 8, 20, cell=CellRef("table4", "行政诉讼 / 未经复议直接起诉", "总计")),
            ),
            _d(
                CHANGZHOU,
                "RL807",
                "injected-spam",
                "artifact",
                Severity.ERROR,
                T(f"疑似被植入的垃圾信息：{SPAM}", f"injected spam: {SPAM}"),
                Location(10, 10, 10, 10 + len(SPAM)),
            ),
            _d(
                CHANGZHOU,
                "XT205",
                "table-blank-cell",
                "table",
                Severity.WARNING,
                T("表二“行政规范性文件”行“现行有效件数”未填写", "table 2: 现行有效件数 of 行政规范性文件 is blank"),
                Location(12, 15, 12, 19, cell=CellRef("table2", "行政规范性文件", "现行有效件数")),
            ),
        ],
    )
    taierzhuang = FileResult(
        TAIERZHUANG,
        lines=list(TAIERZHUANG_LINES),
        kind="text",
        diagnostics=[
            _d(
                TAIERZHUANG,
                "RL802",
                "export-debris",
                "artifact",
                Severity.WARNING,
                T(
                    "Word 导出残留 [bookmark: _Hlk83814431]；请删除",
                    "Word export debris [bookmark: _Hlk83814431]; delete it",
                ),
                Location(2, 1, 2, 25),
            ),
            _d(
                TAIERZHUANG,
                "RL103",
                "heading-number",
                "structure",
                Severity.ERROR,
                T(
                    "章节编号错误：“二、存在的主要问题及改进情况”应为“五、”",
                    "wrong section number: “二、存在的主要问题及改进情况” should be 五",
                ),
                Location(3, 1, 3, 3),
            ),
            _d(
                TAIERZHUANG,
                "RL802",
                "export-debris",
                "artifact",
                Severity.WARNING,
                T(
                    "Word 导出残留 [bookmark: _Hlk66973412]；请删除",
                    "Word export debris [bookmark: _Hlk66973412]; delete it",
                ),
                Location(4, 20, 4, 45),
            ),
            _d(
                TAIERZHUANG,
                "RL802",
                "export-debris",
                "artifact",
                Severity.WARNING,
                T(
                    "Word 导出残留 [bookmark: _Hlk67039688]；请删除",
                    "Word export debris [bookmark: _Hlk67039688]; delete it",
                ),
                Location(5, 1, 5, 26),
            ),
            _d(
                TAIERZHUANG,
                "RL401",
                "agency-name",
                "consistency",
                Severity.WARNING,
                T(
                    "机关名称不一致：“去科技局”与落款“台儿庄区科技局”不同",
                    "agency name differs: “去科技局” vs the signature “台儿庄区科技局”",
                ),
                Location(4, 1, 4, 5),
            ),
            _d(
                TAIERZHUANG,
                "XT206",
                "table4-count",
                "table",
                Severity.ERROR,
                T("表四应有 15 个数值，实有 14 个", "table 4 should have 15 values, found 14"),
                Location(6, 1, 6, 28, cell=CellRef("table4", None, "复议后起诉总计")),
            ),
            _d(
                TAIERZHUANG,
                "XT207",
                "table3-missing-rows",
                "table",
                Severity.ERROR,
                T("表三缺少“（一）予以公开”行", "table 3 lacks the row （一）予以公开"),
                Location(6, 1, 6, 2, cell=CellRef("table3", "（一）予以公开", None)),
            ),
        ],
    )
    changshu = FileResult(
        CHANGSHU,
        lines=list(CHANGSHU_LINES),
        kind="text",
        diagnostics=[
            _d(
                CHANGSHU,
                "RL901",
                "traditional-script",
                "script",
                Severity.WARNING,
                T(
                    "全文使用繁体字（共 600 处，如“報據開條學術編總”）；请使用机关发布的简体原文",
                    "the whole text is in Traditional script (600 characters); use the agency's Simplified original",
                ),
                Location(1, 2, 1, 3),
            ),
            _d(
                CHANGSHU,
                "RL804",
                "damaged-text",
                "artifact",
                Severity.ERROR,
                T(
                    "疑似乱码“六?!奔訌娬甙l布”（编码错误）；请从原始文件恢复这段文字",
                    "garbled text “六?!奔訌娬甙l布” (encoding damage); restore it from the original",
                ),
                Location(3, 2, 3, 11),
            ),
            _d(
                CHANGSHU,
                "XT208",
                "mixed-layouts",
                "template",
                Severity.WARNING,
                T(
                    "表三使用 2019 年版格式（（六）其他处理只有一行），表二使用 2021 年版格式",
                    "table 3 uses the 2019 layout while table 2 uses the 2021 layout",
                ),
                Location(4, 1, 4, 8, cell=CellRef("table3", "（六）其他处理")),
            ),
            _d(
                CHANGSHU,
                "RL101",
                "missing-title",
                "structure",
                Severity.INFO,
                T("报告没有标题行", "the report has no title line"),
                Location(1, 1, 1, 2, page=1),
            ),
        ],
    )
    huaian = FileResult(HUAIAN, lines=["淮安市人民政府2024年政府信息公开工作年度报告"], kind="pdf")
    town = FileResult(CLEAN_TOWN, lines=["青山镇人民政府2023年政府信息公开工作年度报告"], kind="text")
    broken = FileResult(
        BROKEN,
        error=InputError(T("PDF 文件已损坏，无法读取", "the PDF file is damaged and cannot be read"), BROKEN),
    )
    return [changzhou, taierzhuang, changshu, huaian, town, broken]


def table_json(table: str, layout: str | None = None, rows: list[dict] | None = None, **fields) -> dict:
    """One table as ``reportlint.document.tables.to_json`` gives it: the ``rows`` (key,
    label, values, …) or other ``fields`` given, with the names and layout that
    ``to_json`` adds from the table vocabulary."""
    from reportlint.document.table_vocabulary import layout_json, row_json

    data = {**fields, **layout_json(table, layout)}
    if layout is not None:
        data["layout"] = layout
    if rows is not None:
        data["rows"] = [{**r, **row_json(table, r["key"], layout)} for r in rows]
    return data


def _official_rows(table: str, layout: str, values: dict[str, list], first_line: int) -> list[dict]:
    from reportlint.document.table_vocabulary import official_columns, official_rows

    out = []
    for i, row in enumerate(official_rows(table, layout)):
        v = values.get(row.key, [0] * (len(row.columns) if table == "table2" else len(official_columns(table))))
        out.append({"key": row.key, "label": row.label, "values": v, "line": first_line + i, "found": v != []})
    return out


def _t3_rows(layout: str, values: dict[str, list]) -> list[dict]:
    return _official_rows("table3", layout, values, 20)


def _t2_rows(layout: str, values: dict[str, list]) -> list[dict]:
    return _official_rows("table2", layout, values, 10)


def sample_tables() -> dict[str, dict]:
    """Parsed tables (the shape of ``reportlint.document.tables.to_json``) for three reports."""
    return {
        CHANGZHOU: {
            "table2": table_json("table2", "2021", _t2_rows("2021", {"normative_documents": [2, 0, None]})),
            "table3": table_json("table3", "2021", _t3_rows("2021", {"new": [12, 3, 0, 0, 0, 0, 12]})),
            "table4": table_json("table4", values=[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], line=8),
        },
        TAIERZHUANG: {
            "table2": table_json("table2", "2021", _t2_rows("2021", {})),
            "table3": table_json(
                "table3", "2021", _t3_rows("2021", {k: [] for k in ("granted", "partly_granted", "outcome_total")})
            ),
            "table4": table_json("table4", values=[0] * 14, line=6),
        },
        HUAIAN: {
            "table2": table_json(
                "table2", "2021", _t2_rows("2021", {"normative_documents": [12, 3, 87], "fees": [1.5]})
            ),
            "table3": table_json("table3", "2021", _t3_rows("2021", {"new": [3001, 80, 10, 5, 13, 10, 3119]})),
            "table4": None,
        },
    }


SAMPLE_AGENCIES = {
    CHANGZHOU: "常州市科学技术局",
    TAIERZHUANG: "台儿庄区科技局",
    CHANGSHU: "常熟市科学技术局",
    HUAIAN: "淮安市人民政府",
}


def render_sample(lang: str = "zh", **kw) -> str:
    out = io.StringIO()
    output.get("html").render(
        sample_results(),
        registry=None,
        lang=lang,
        out=out,
        color=False,
        tables=kw.pop("tables", sample_tables()),
        generated="2024-04-01 09:30",
        **kw,
    )
    return out.getvalue()


# -- a small DOM, to ask structural questions without a browser ----------------------------


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "script" and self.cur.tag == "script" and "report-data" in self.cur.classes:
            self._expand_section()
        if self.cur.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.cur.tag}>")
            n = self.cur
            while n is not None and n.tag != tag:
                n = n.parent
            if n is None:
                return
            self.cur = n
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)

    def _expand_section(self):
        """A report's data block holds its section (what page.js draws when the row is
        opened): parse it in place, so the tests can ask about it as about any element."""
        block = json.loads(self.cur.text())
        assert set(block) == {"path", "gzip"}
        section, errors = parse(assets.read_section_block(block))
        self.errors.extend(errors)
        self.cur.children = []
        for child in section.children:
            if isinstance(child, Node):
                child.parent = self.cur
            self.cur.children.append(child)


_BLOCK = re.compile(r'<script type="application/json" id="d-r\d+" class="report-data">(.*?)</script>', re.S)


def with_sections(page: str) -> str:
    """The page's markup with each report's section in place of its (gzipped) data block."""
    return _BLOCK.sub(lambda m: assets.read_section_block(json.loads(m.group(1))), page)


def list_rows(root: Node) -> list[dict]:
    """The report list's rows as the page carries them (its script draws them)."""
    return json.loads(root.find("script", id="report-rows").text())["rows"]


def parse(html: str) -> tuple[Node, list[str]]:
    b = _Builder()
    b.feed(html)
    b.close()
    if b.cur is not b.root:
        b.errors.append(f"unclosed <{b.cur.tag}>")
    return b.root, b.errors


@pytest.fixture(scope="module")
def page() -> str:
    return render_sample(agencies=SAMPLE_AGENCIES)


@pytest.fixture(scope="module")
def dom(page) -> Node:
    root, errors = parse(page)
    assert errors == []
    return root


# -- the page --------------------------------------------------------------------------------


def test_registered_and_named():
    f = output.get("html")
    assert f.name == "html"
    assert "html" in output.NAMES


def test_well_formed_and_self_contained(page, dom):
    assert page.startswith("<!DOCTYPE html>\n")
    assert dom.find("html").attrs["lang"] == "zh-CN"
    # nothing is loaded from anywhere: no src/href to other documents, no @import or url()
    for node in dom.iter():
        for attr in ("src", "srcset", "data", "action", "formaction", "poster"):
            assert attr not in node.attrs, (node.tag, attr)
        href = node.attrs.get("href")
        if href is not None:
            assert href.startswith("#"), href
    assert not dom.find_all("link")
    assert not dom.find_all("iframe")
    style = "".join(n.text() for n in dom.find_all("style"))
    assert "@import" not in style and "url(" not in style
    scripts = [n for n in dom.find_all("script") if n.attrs.get("type") != "application/json"]
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert scripts[0].text() == assets.script()
    # the rest is data, never run: the list's rows and one block per report
    data = [n for n in dom.find_all("script") if n.attrs.get("type") == "application/json"]
    assert [n.attrs["id"] for n in data] == ["report-rows"] + [f"d-r{i}" for i in range(1, 7)]
    assert all("src" not in n.attrs for n in data)


def test_content_security_policy_allows_only_our_script(dom):
    meta = dom.find("meta", http_equiv="Content-Security-Policy")
    csp = assets.content_security_policy()
    assert meta is not None and meta.attrs["content"] == csp
    assert "default-src 'none'" in csp
    import base64
    import hashlib

    # the hash of the script exactly as the page carries it
    script = next(n for n in dom.find_all("script") if "type" not in n.attrs).text()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1]


def test_untrusted_text_is_escaped_everywhere(page, dom):
    page = with_sections(page)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    # The spam shows up, as text, in the message and in the quoted source line.
    finding = dom.find("div", cls="finding", data_code="RL807")
    assert SPAM in finding.find("div", cls="msg").text()
    assert SPAM in finding.find("mark").text()
    assert len([n for n in dom.find_all("script") if "type" not in n.attrs]) == 1


def test_escapes_paths_agency_and_table_labels():
    evil = 'reports/"><script>alert(1)</script>.txt'
    result = FileResult(
        evil,
        lines=["a<b>&c"],
        diagnostics=[
            _d(evil, "RL1", "x", "structure", Severity.ERROR, T("<b>粗</b>", "<b>bold</b>"), Location(1, 2, 1, 5))
        ],
    )
    tables = {
        evil: {
            "table2": {"layout": "<i>", "rows": [{"key": "<k>", "label": "<u>x</u>", "values": ["<v>"]}]},
            "table3": None,
            "table4": {"values": ["<w>"]},
        }
    }
    out = io.StringIO()
    output.get("html").render(
        [result], lang="zh", out=out, tables=tables, agencies={evil: "<em>机关</em>"}, title="<title>", generated="<t>"
    )
    page = out.getvalue()
    for raw in ("<script>alert", "<b>", "<u>", "<i>", "<em>", "<v>", "<w>", "<k>", "<t>"):
        assert raw not in page, raw
        assert raw not in with_sections(page), raw
    root, errors = parse(page)
    assert errors == []
    assert len([n for n in root.find_all("script") if "type" not in n.attrs]) == 1
    assert root.find("section").attrs["data-path"] == evil
    # the row carries the path and agency as data, drawn as text by the script
    [row] = list_rows(root)
    assert (row["path"], row["agency"]) == (evil, "<em>机关</em>")
    page = with_sections(page)
    assert root.find("title").text() == "<title>"
    assert "&lt;b&gt;粗&lt;/b&gt;" in page
    assert '<div class="src"><span class="ln">1</span>a<mark class="error">&lt;b&gt;</mark>&amp;c</div>' in page


def test_control_characters_and_surrogates_are_cleaned():
    result = FileResult(
        "a\x1b[31m.txt",
        lines=["x\x00y\udcff\tz"],
        diagnostics=[_d("a.txt", "RL1", "x", "artifact", Severity.INFO, T("m\x07", "m"), Location(1, 1, 1, 3))],
    )
    out = io.StringIO()
    output.get("html").render([result], lang="zh", out=out, generated="-")
    page = with_sections(out.getvalue())
    page.encode("utf-8")  # no lone surrogates left
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)
    assert "\ufffd" in page


def test_summary_counts(dom):
    def num(key):
        return dom.find(id=f"count-{key}").text()

    assert num("checked") == "6"
    assert num("clean") == "2"
    assert num("with_errors") == "3"
    assert num("failed") == "1"
    assert num("findings") == "17"
    assert num("errors") == "8"
    assert num("warnings") == "8"
    assert num("infos") == "1"
    line = dom.find(id="summary-line").text()
    assert line == "共 17 个问题（错误 8，警告 8，提示 1），涉及 3 个文件；1 个文件无法检查"


def test_by_category_and_severity(dom):
    cats = {
        tr.find_all("td")[0].text(): int(tr.find_all("td")[1].text())
        for tr in dom.find(id="by-category").find("tbody").find_all("tr")
    }
    assert cats == {
        "残留与损坏": 5,
        "勾稽关系": 2,
        "表格": 3,
        "结构": 2,
        "统计期限与日期": 1,
        "占位符": 1,
        "一致性": 1,
        "繁简字体": 1,
        "模板": 1,
    }
    sev = [
        (tr.find_all("td")[0].text(), tr.find_all("td")[1].text())
        for tr in dom.find(id="by-severity").find("tbody").find_all("tr")
    ]
    assert sev == [("错误", "8"), ("警告", "8"), ("提示", "1")]
    status = [
        (tr.find_all("td")[0].text(), tr.find_all("td")[1].text())
        for tr in dom.find(id="by-status").find("tbody").find_all("tr")
    ]
    assert status == [("有错误", "3"), ("有警告", "0"), ("仅有提示", "0"), ("无问题", "2"), ("无法检查", "1")]


def test_rule_chart_orders_by_frequency(dom):
    chart = dom.find(id="rule-chart")
    counts = [(n.attrs["data-code"], int(n.find("strong").text())) for n in chart.find_all("div", cls="cnt")]
    assert len(counts) == 15  # TOP_RULES of the 15 rules seen
    assert counts[0] == ("RL802", 3)
    assert all(n == 1 for _, n in counts[1:])
    assert [c for c, _ in counts[1:4]] == ["RL101", "RL103", "RL201"]  # ties by code
    widths = [b.find("span").attrs["style"] for b in chart.find_all("div", cls="bar")]
    assert widths[0] == "width:100.0%" and widths[1] == "width:33.3%"
    bars = chart.find_all("div", cls="bar")
    assert {"error", "warning", "info"} <= set().union(*(b.classes for b in bars))
    assert "（1 份报告）" in chart.find_all("div", cls="cnt")[0].text()


def test_report_list_rows_are_data_with_status_counts_and_filters(dom):
    """The list is drawn by the page's script from its rows' data (the order, the
    filtering and the paging are tested in the browser: tests/browser)."""
    table = dom.find("table", id="report-list")
    heads = [th.attrs["data-col"] for th in table.find("thead").find_all("th")]
    assert heads == ["report", "agency", "status", "errors", "warnings", "infos", "total"]
    assert {th.attrs["aria-sort"] for th in table.find("thead").find_all("th")} == {"none"}
    assert table.find("tbody").find_all("tr") == []  # drawn by the script, a page at a time
    got = [(r["path"], r["e"], r["w"], r["n"], r["status"], r["rules"]) for r in list_rows(dom)]
    assert sorted(got) == sorted(
        [
            (CHANGZHOU, 4, 2, 0, "errors", ["RL201", "RL301", "RL701", "RL807", "XT204", "XT205"]),
            (TAIERZHUANG, 3, 4, 0, "errors", ["RL103", "RL401", "RL802", "XT206", "XT207"]),
            (CHANGSHU, 1, 2, 1, "errors", ["RL101", "RL804", "RL901", "XT208"]),
            (BROKEN, 0, 0, 0, "failed", []),
            (CLEAN_TOWN, 0, 0, 0, "clean", []),
            (HUAIAN, 0, 0, 0, "clean", []),
        ]
    )
    # every row has its own section, in a data block named by the row's anchor
    for row in list_rows(dom):
        block = dom.find("script", id=f"d-{row['a']}")
        assert block.find("section").attrs["data-path"] == row["path"]
    # the filters offer what the batch has, with the number of reports for each
    rules = {o.attrs["value"]: o.text() for o in dom.find("select", id="f-rule").find_all("option")}
    assert rules[""] == "全部规则" and len(rules) == 1 + 6 + 5 + 4
    assert rules["RL301"].startswith("RL301 ") and rules["RL301"].endswith("（1）")
    statuses = [o.attrs["value"] for o in dom.find("select", id="f-status").find_all("option")]
    assert statuses == ["", "failed", "errors", "clean"]
    assert dom.find("select", id="f-region") is None  # no roster, no regions
    assert dom.find("input", id="group-parent") is None  # nor parents


def test_per_report_findings_with_highlighted_source(dom):
    section = dom.find("section", data_path=CHANGZHOU)
    findings = section.find_all("div", cls="finding")
    assert [f.attrs["data-code"] for f in findings] == ["RL301", "RL701", "RL201", "XT204", "RL807", "XT205"]
    period = findings[0]
    assert period.find("span", cls="pill").text() == "警告"
    assert period.find("mark").text() == "2022年1月1日"
    assert period.find("mark").classes == {"warning"}
    assert "可自动修复（--fix）：把“2022年1月1日”改为“2023年1月1日”" in period.text()
    assert "第 2 行，第 15 列" in period.text()
    total = findings[2]
    assert "单元格：表三“一、本年新收政府信息公开申请数量”行“总计”列" in total.text()
    assert total.find("mark").text() == "12"


def test_failed_file_shows_its_error(dom):
    section = dom.find("section", data_path=BROKEN)
    assert "s-failed" in section.classes
    assert section.find("div", cls="failbox").text() == "无法检查此文件：PDF 文件已损坏，无法读取"
    assert not section.find_all("div", cls="finding")


def test_clean_report_says_so(dom):
    section = dom.find("section", data_path=CLEAN_TOWN)
    assert "s-clean" in section.classes
    assert section.find("span", cls="pill").text() == "无问题"
    assert not section.find_all("div", cls="finding")
    assert section.find("details") is None  # no tables given for it


def test_long_lines_are_cut_around_the_span():
    line = "甲" * 1000 + "问题" + "乙" * 1000
    result = FileResult(
        "x.txt",
        lines=[line],
        diagnostics=[_d("x.txt", "RL1", "x", "artifact", Severity.WARNING, T("m", "m"), Location(1, 1001, 1, 1003))],
    )
    out = io.StringIO()
    output.get("html").render([result], lang="zh", out=out, generated="-")
    root, _ = parse(out.getvalue())
    src = root.find("div", cls="src")
    assert src.find("mark").text() == "问题"
    assert len(src.text()) < 300
    assert src.text().count("…") == 2


# -- tables --------------------------------------------------------------------------------


def _cells(table: Node) -> list[list[Node]]:
    return [tr.find_all("td") for tr in table.find_all("tr")]


def _label(td: Node) -> str:
    """A row label's text, without the 缺失 tag of a missing row."""
    return "".join(c for c in td.children if isinstance(c, str))


def _row(table: Node, label: str) -> list[Node]:
    for tds in _cells(table):
        if tds and _label(tds[0]) == label:
            return tds[1:]
    raise AssertionError(f"no row {label!r}")


def test_tables_rendered_with_highlighted_cells(dom):
    section = dom.find("section", data_path=CHANGZHOU)
    details = section.find("details", cls="tables")
    assert "open" in details.attrs  # it has cell findings
    t3 = details.find("div", data_table="table3").find("table")
    new = _row(t3, "一、本年新收政府信息公开申请数量")
    assert [c.text() for c in new] == ["12", "3", "0", "0", "0", "0", "12"]
    assert [("hl-error" in c.classes) for c in new] == [False] * 6 + [True]
    assert "RL201" in new[6].attrs["title"]
    # group labels are shown, in order, with the sub-items under them
    labels = [tds[0].text() for tds in _cells(t3) if tds]
    assert (
        labels.index("三、本年度办理结果")
        < labels.index("（一）予以公开")
        < labels.index("（三）不予公开")
        < labels.index("1.属于国家秘密")
    )
    assert len([x for x in labels if x]) == 25 + 5  # 25 rows (2021) + 5 group labels
    # only that cell is highlighted in table 三
    assert len(t3.find_all("td", cls="hl-error")) == 1

    t4 = details.find("div", data_table="table4").find("table")
    cells = t4.find("tbody").find_all("td")
    assert len(cells) == 15
    assert [i for i, c in enumerate(cells) if "hl-error" in c.classes] == [9]  # direct litigation 总计

    t2 = details.find("div", data_table="table2").find("table")
    nd = _row(t2, "行政规范性文件")
    assert [c.text() for c in nd] == ["2", "0", ""]
    assert "blank" in nd[2].classes and "hl-warning" in nd[2].classes
    assert "第二十条第（一）项" in t2.text() and "本年制发件数" in t2.text()


def test_missing_rows_and_values_are_marked(dom):
    section = dom.find("section", data_path=TAIERZHUANG)
    details = section.find("details", cls="tables")
    t3 = details.find("div", data_table="table3").find("table")
    missing = [tr for tr in t3.find_all("tr") if "missing" in tr.classes]
    assert [_label(tr.find("td")) for tr in missing] == [
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（七）总计",
    ]
    assert all(tr.find("span", cls="tag").text() == "缺失" for tr in missing)
    # the row named by XT207 (row only, no column) is highlighted across
    granted = _row(t3, "（一）予以公开")
    assert all("hl-error" in c.classes and "absent" in c.classes for c in granted)
    t4 = details.find("div", data_table="table4").find("table")
    cells = t4.find("tbody").find_all("td")
    assert [("absent" in c.classes) for c in cells] == [False] * 14 + [True]
    # "复议后起诉总计" names the last cell only
    assert [i for i, c in enumerate(cells) if "hl-error" in c.classes] == [14]


def test_missing_table_and_absent_tables_skip_gracefully(dom):
    huaian = dom.find("section", data_path=HUAIAN)
    details = huaian.find("details", cls="tables")
    assert "open" not in details.attrs  # nothing highlighted
    assert "未找到此表" in details.find("div", data_table="table4").text()
    t2 = details.find("div", data_table="table2").find("table")
    fees = _row(t2, "行政事业性收费")
    assert [c.text() for c in fees] == ["1.5", "", ""]
    assert [c.classes for c in fees[1:]] == [{"pad"}, {"pad"}]  # not cells of this row
    # no tables mapping at all
    out = io.StringIO()
    output.get("html").render(sample_results(), lang="zh", out=out, generated="-")
    root, errors = parse(out.getvalue())
    assert errors == [] and not root.find_all("details")


def test_table3_2019_layout_other_row_sits_under_the_outcome_group():
    from reportlint.document.table_vocabulary import official_rows

    rows = [{"key": r.key, "label": r.label, "values": [0] * 7, "found": True} for r in official_rows("table3", "2019")]
    out = io.StringIO()
    output.get("html").render(
        [FileResult("x.txt")],
        lang="zh",
        out=out,
        generated="-",
        tables={"x.txt": {"table3": table_json("table3", "2019", rows)}},
    )
    root, _ = parse(out.getvalue())
    t3 = root.find("div", data_table="table3")
    assert "2019 年版格式" in t3.text()
    labels = {_label(tds[0]): tds[0].classes for tds in _cells(t3.find("table")) if tds}
    assert labels["（六）其他处理"] == {"lbl", "i1"}
    assert labels["（七）总计"] == {"lbl", "i1"}
    assert labels["四、结转下年度继续办理"] == {"lbl"}


def test_malformed_tables_do_not_break_the_page():
    results = sample_results()[:1]
    for bad in (
        {"table2": {"layout": "1999", "rows": [{"key": "zzz", "values": [1, 2, 3, 4]}]}},
        {"table3": {"rows": "oops"}, "table4": {"values": None}},
        {"table2": {}, "table3": {"layout": "2019", "rows": [{"values": [1]}]}, "table4": {"values": [1] * 20}},
        {"table2": [], "table3": 5},
        {"table2": {"rows": [1, "x", {"values": 5, "found": "no"}]}, "table3": {"rows": [{"values": {"a": 1}}]}},
        {
            "table4": {"values": "15"},
            "table3": {"layout": None, "rows": [{"key": None, "label": None, "values": [None]}]},
        },
        {},
    ):
        out = io.StringIO()
        output.get("html").render(results, lang="zh", out=out, tables={CHANGZHOU: bad}, generated="-")
        _, errors = parse(out.getvalue())
        assert errors == [], bad


@pytest.mark.parametrize(
    "row, column, expected",
    [
        ("本年新收政府信息公开申请数量", "总计", [("new", 6)]),
        ("一、本年新收政府信息公开申请数量", "total", [("new", 6)]),
        ("new", "7", [("new", 6)]),
        ("1", "自然人", [("new", 0)]),
        ("withheld.state_secret", "商业企业", [("withheld.state_secret", 1)]),
        ("3.其他", "其他", [("other.other", 5)]),
        (None, "科研机构", [(k, 2) for k in ("new", "carried_over", "granted")]),
    ],
)
def test_cell_references_match_keys_labels_and_positions(row, column, expected):
    rows = [
        {"key": k, "label": lbl, "values": [0] * 7, "found": True}
        for k, lbl in (
            ("new", "一、本年新收政府信息公开申请数量"),
            ("carried_over", "二、上年结转政府信息公开申请数量"),
            ("granted", "（一）予以公开"),
            ("withheld.state_secret", "1.属于国家秘密"),
            ("other.other", "3.其他"),
        )
    ]
    rows = rows[:3] if row is None else rows
    d = _d(
        "x.txt",
        "RL2",
        "x",
        "arithmetic",
        Severity.ERROR,
        T("m", "m"),
        Location(1, 1, 1, 2, cell=CellRef("table3", row, column)),
    )
    out = io.StringIO()
    output.get("html").render(
        [FileResult("x.txt", diagnostics=[d])],
        lang="zh",
        out=out,
        generated="-",
        tables={"x.txt": {"table3": table_json("table3", "2021", rows)}},
    )
    root, _ = parse(out.getvalue())
    t3 = root.find("div", data_table="table3").find("table")
    got = []
    by_label = {r["label"]: r["key"] for r in rows}
    for tds in _cells(t3):
        if tds and tds[0].text() in by_label:
            for i, c in enumerate(tds[1:]):
                if "hl-error" in c.classes:
                    got.append((by_label[tds[0].text()], i))
    assert got == expected


def test_table4_group_references():
    def marked(row, column):
        d = _d(
            "x.txt",
            "RL2",
            "x",
            "arithmetic",
            Severity.WARNING,
            T("m", "m"),
            Location(1, 1, 1, 2, cell=CellRef("table4", row, column)),
        )
        out = io.StringIO()
        output.get("html").render(
            [FileResult("x.txt", diagnostics=[d])],
            lang="zh",
            out=out,
            generated="-",
            tables={"x.txt": {"table4": table_json("table4", values=list(range(15)))}},
        )
        root, _ = parse(out.getvalue())
        cells = root.find("div", data_table="table4").find("tbody").find_all("td")
        return [i for i, c in enumerate(cells) if "hl-warning" in c.classes]

    assert marked("行政复议", "总计") == [4]
    assert marked("review", "结果维持") == [0]
    assert marked(None, "litigation_after_review.pending") == [13]
    assert marked(None, "总计") == [4, 9, 14]
    assert marked("行政诉讼", "总计") == [9, 14]
    assert marked("政府信息公开行政复议、行政诉讼情况", "11") == [10]
    # the labels reportlint.analysis.reconcile writes: "group / column"
    assert marked(None, "行政诉讼 / 未经复议直接起诉 / 总计") == [9]
    assert marked("政府信息公开行政复议、行政诉讼情况", "行政复议 / 结果维持") == [0]


def test_real_parsed_tables_render():
    """Tables as `reportlint.document.tables.to_json` gives them for a real report."""
    from reportlint import readers
    from reportlint.config import ConfigLoader
    from reportlint.document.build import build_document
    from reportlint.document.tables import to_json

    path = str(FIXTURES / "changji-kjj-2021.txt")
    doc = build_document(readers.read(path), ConfigLoader(None).for_file(path).report_facts())
    tables = to_json(doc)
    out = io.StringIO()
    output.get("html").render([FileResult(path)], lang="zh", out=out, tables={path: tables}, generated="-")
    root, errors = parse(out.getvalue())
    assert errors == []
    t2 = root.find("div", data_table="table2")
    assert "2019 年版格式" in t2.text() and "其他对外管理服务事项" in t2.text()
    t3 = root.find("div", data_table="table3")
    assert "2021 年版格式" in t3.text()
    indent = {_label(tds[0]): tds[0].classes for tds in _cells(t3.find("table")) if tds}
    assert indent["（一）予以公开"] == {"lbl", "i1"} and indent["1.属于国家秘密"] == {"lbl", "i2"}
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in t3.text()


def test_recovered_and_unreadable_cells_are_marked():
    """A crawler export whose table cells ran together: cells split by the table's own
    arithmetic are marked as recovered, cells no arithmetic can decide as unreadable
    ('?', never a number)."""
    from reportlint import readers
    from reportlint.document.build import build_document
    from reportlint.document.tables import to_json

    path = str(FIXTURES / "pingtan-gov-2023.txt")
    doc = build_document(readers.read(path))
    statuses = {c.status for t in doc.tables.values() if t for _, c in t.cells()}
    assert {"recovered", "unreadable"} <= statuses
    out = io.StringIO()
    output.get("html").render([FileResult(path)], lang="zh", out=out, tables={path: to_json(doc)}, generated="-")
    root, errors = parse(out.getvalue())
    assert errors == []
    t2 = root.find("div", data_table="table2")
    unreadable = [td for tds in _cells(t2.find("table")) for td in tds if "unreadable" in td.classes]
    assert unreadable and all(td.text().strip() == "?" for td in unreadable)
    t3 = root.find("div", data_table="table3")
    recovered = [td for tds in _cells(t3.find("table")) for td in tds if "recovered" in td.classes]
    assert recovered and all(td.text().strip().isdigit() for td in recovered)
    assert "无法可靠读出" in with_sections(out.getvalue())


# -- English, streaming, the CLI ----------------------------------------------------------------


def test_english_labels():
    page = render_sample("en")
    root, errors = parse(page)
    page = with_sections(page)
    assert errors == []
    assert root.find("html").attrs["lang"] == "en"
    assert root.find("h1").text() == "Annual report audit"
    assert root.find(id="summary-line").text() == (
        "Found 17 problems (8 errors, 8 warnings, 1 info) in 3 files; 1 file could not be checked"
    )
    assert "Reports checked" in page and "Could not be checked" in page
    assert "检查报告" not in page and "有错误" not in page
    # messages in English, report text untouched
    assert "the statistical period (2022) is not the report year (2023)" in page
    assert "常州市科学技术局" in page
    assert root.find("section", data_path=BROKEN).find("div", cls="failbox").text() == (
        "This file could not be checked: the PDF file is damaged and cannot be read"
    )


def test_streaming_writer_matches_render():
    results = sorted(sample_results(), key=lambda r: r.path)
    tables = sample_tables()
    out = io.StringIO()
    writer = output.get("html").start(out, lang="zh", generated="2024-04-01 09:30", agencies=SAMPLE_AGENCIES)
    for r in results:
        writer.add(r, tables=tables.get(r.path))
        assert out.getvalue() == ""  # the page is written at the end, in one go
    counts = writer.finish()
    assert counts.total == 17 and counts.failed == 1
    assert out.getvalue() == render_sample(agencies=SAMPLE_AGENCIES)
    with pytest.raises(RuntimeError):
        writer.add(results[0])


def test_no_results_and_clean_batch():
    out = io.StringIO()
    output.get("html").render([FileResult("a.txt")], lang="zh", out=out, generated="-")
    root, errors = parse(out.getvalue())
    assert errors == []
    assert root.find(id="count-clean").text() == "1"
    assert "未发现问题" in root.find(id="summary").parent.text()
    out = io.StringIO()
    output.get("html").render([], lang="en", out=out, generated="-")
    assert parse(out.getvalue())[1] == []


def test_agency_column_only_when_known(dom):
    assert {r["path"]: r["agency"] for r in list_rows(dom)}[CHANGZHOU] == "常州市科学技术局"
    root, _ = parse(render_sample())
    heads = [th.attrs["data-col"] for th in root.find("table", id="report-list").find_all("th")]
    assert "agency" not in heads


def test_findings_about_a_whole_table_are_noted_on_it():
    d = _d(
        "x.txt",
        "RL301",
        "missing-table",
        "table",
        Severity.ERROR,
        T("缺少表四“政府信息公开行政复议、行政诉讼情况”统计表", "table 4 is missing"),
        Location(1, 1, 1, 2, cell=CellRef("table4")),
    )
    out = io.StringIO()
    output.get("html").render(
        [FileResult("x.txt", diagnostics=[d])],
        lang="zh",
        out=out,
        generated="-",
        tables={"x.txt": {"table2": None, "table3": None, "table4": None}},
    )
    root, errors = parse(out.getvalue())
    assert errors == []
    details = root.find("details", cls="tables")
    assert "open" in details.attrs
    t4 = details.find("div", data_table="table4")
    note = t4.find("p", cls="tnote")
    assert note.classes == {"tnote", "error"}
    assert note.text() == "RL301缺少表四“政府信息公开行政复议、行政诉讼情况”统计表"
    assert "未找到此表" in t4.text()
    assert details.find("div", data_table="table2").find("p", cls="tnote") is None


def test_rule_chart_uses_the_registry_summaries():
    from reportlint.plugins.manager import load_registry

    registry = load_registry(True)
    summary = registry.rules["RL801"].doc().summary
    d = _d(
        "a.txt",
        "RL801",
        "web-page-debris",
        "artifact",
        Severity.WARNING,
        T("网页残留", "web debris"),
        Location(1, 1, 1, 2),
    )
    for lang in ("zh", "en"):
        out = io.StringIO()
        output.get("html").render(
            [FileResult("a.txt", diagnostics=[d])], registry=registry, lang=lang, out=out, generated="-"
        )
        root, _ = parse(out.getvalue())
        label = root.find(id="rule-chart").find("div", cls="rl")
        assert label.text() == "RL801" + summary.get(lang)
        assert label.attrs["title"] == f"RL801 web-page-debris — {summary.get(lang)}"


def test_a_reference_naming_no_shown_cell_becomes_a_note():
    d = _d(
        "x.txt",
        "RL202",
        "table-label-wording",
        "table",
        Severity.WARNING,
        T("表二表头“本年新”被截断", "table 2 header cut"),
        Location(1, 1, 1, 2, cell=CellRef("table2", None, "本年新")),
    )
    out = io.StringIO()
    tables = {"x.txt": {"table2": table_json("table2", "2019", _t2_rows("2019", {}))}}
    output.get("html").render([FileResult("x.txt", diagnostics=[d])], lang="zh", out=out, generated="-", tables=tables)
    root, _ = parse(out.getvalue())
    t2 = root.find("div", data_table="table2")
    assert not t2.find_all("td", cls="hl-warning")
    assert t2.find("p", cls="tnote").text() == "RL202表二表头“本年新”被截断"


def test_every_table_finding_of_the_real_linter_is_shown_on_its_table():
    """The real rules on the corpus: each finding naming a table 二/三/四 is either on a
    highlighted cell (its code in the cell's tooltip) or a note above that table."""
    from reportlint import readers
    from reportlint.config import ConfigLoader
    from reportlint.core.errors import ReportlintError
    from reportlint.document.build import build_document
    from reportlint.document.tables import to_json
    from reportlint.plugins.manager import load_registry
    from reportlint.run.engine import Linter, LintOptions

    registry = load_registry(True)
    linter = Linter(registry, ConfigLoader(None), LintOptions())
    results, tables = [], {}
    for path in sorted(str(p) for p in FIXTURES.iterdir() if p.suffix in (".txt", ".pdf", ".docx")):
        results.append(linter.lint_path(path))
        try:
            doc = build_document(readers.read(path), ConfigLoader(None).for_file(path).report_facts())
        except (ReportlintError, ImportError):
            continue
        tables[path] = to_json(doc)
    out = io.StringIO()
    output.get("html").render(results, registry=registry, lang="zh", out=out, tables=tables, generated="-")
    root, errors = parse(out.getvalue())
    assert errors == []
    checked = 0
    for r in results:
        if r.path not in tables:
            continue
        section = root.find("section", data_path=r.path)
        for d in r.diagnostics:
            cell = d.location.cell
            if cell is None or cell.table not in ("table2", "table3", "table4"):
                continue
            block = section.find("div", data_table=cell.table)
            on_cell = [td for td in block.find_all("td") if d.code in td.attrs.get("title", "")]
            noted = [p for p in block.find_all("p", cls="tnote") if p.find("code").text() == d.code]
            assert on_cell or noted, (r.path, d.code, cell)
            checked += 1
    assert checked
