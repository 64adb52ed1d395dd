"""Output formatters: text (rich), json, sarif, github.

Results are built by hand — realistic findings on a 2023 report with CJK source
lines, a cell reference, a page, fixes, and a file that could not be read — and the
tests assert exact pieces of each format.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from reportlint import output
from reportlint.core.diagnostics import CellRef, Diagnostic, Edit, Fix, Location, Severity
from reportlint.core.errors import InputError, UsageError
from reportlint.core.i18n import T
from reportlint.core.results import FileResult
from reportlint.output import LineIndex, describe_cell, summary_line
from reportlint.output.github import escape_data, escape_property

SRC = Path(__file__).resolve().parents[2] / "src"

REPORT = "reports/常州市科学技术局2023年报告.txt"
LINES = [
    "常州市科学技术局2023年政府信息公开工作年度报告",
    "一、总体情况",
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
    "三、收到和处理政府信息公开申请情况",
    "本年新收政府信息公开申请数量\t12\t3\t0\t0\t0\t0\t15",
    "联系电话：0519-85681234（工作日 9:00—17:00）",
]
TEXT = "\n".join(LINES)
PERIOD_START = TEXT.index("2022年1月1日")


def _diag(code, name, category, severity, message, loc, **kw):
    return Diagnostic(code, name, category, severity, message, loc, path=REPORT, **kw)


PERIOD = _diag(
    "RL301",
    "period-year",
    "period",
    Severity.WARNING,
    T(
        "统计期限的年份（2022年）与报告年度（2023年）不一致",
        "the statistical period (2022) is not the report year (2023)",
    ),
    Location(3, 15, 3, 24),
    fix=Fix(
        T("把“2022年1月1日”改为“2023年1月1日”", "replace 2022年1月1日 with 2023年1月1日"),
        (Edit(PERIOD_START, PERIOD_START + 4, "2023"),),
    ),
    data={"expected": 2023, "actual": 2022, "message_id": "year"},
)
TOTAL = _diag(
    "RL201",
    "table3-total",
    "arithmetic",
    Severity.ERROR,
    T("表三“总计”列应为 15，实为 12", "table 3 total should be 15, found 12"),
    Location(5, 16, 5, 18, cell=CellRef("table3", "本年新收政府信息公开申请数量", "自然人")),
    data={"expected": Decimal("15"), "ratio": Decimal("0.8"), "signed": date(2024, 1, 20)},
)
TITLE = _diag(
    "RL101",
    "title-format",
    "structure",
    Severity.INFO,
    T("标题未写明报告年度的全称", "the title does not spell out the report year"),
    Location(1, 9, 1, 14, page=1),
)
PHONE = _diag(
    "RL402",
    "placeholder-left",
    "placeholder",
    Severity.WARNING,
    T("疑似模板占位内容未替换：“9:00—17:00”", "template placeholder left in: 9:00—17:00"),
    Location(6, 24, 6, 35),
    fix=Fix(T("删除占位内容", "remove the placeholder"), (Edit(0, 1, ""),), safe=False),
)


def make_results() -> list[FileResult]:
    report = FileResult(REPORT, [PHONE, PERIOD, TOTAL, TITLE], lines=list(LINES), kind="text")
    broken = FileResult(
        "reports/损坏的报告.docx",
        error=InputError(
            T("无法读取文件：不是有效的 .docx 文件", "cannot read file: not a valid .docx file"),
            "reports/损坏的报告.docx",
        ),
    )
    clean = FileResult("reports/clean.txt", lines=["无问题"], kind="text")
    return [report, broken, clean]


def render(name: str, results=None, **kw) -> str:
    out = io.StringIO()
    kw.setdefault("lang", "zh")
    kw.setdefault("color", False)
    output.get(name).render(make_results() if results is None else results, registry=None, out=out, **kw)
    return out.getvalue()


# -- get() -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github", "JSON"])
def test_get_known_formatters(name):
    f = output.get(name)
    assert f.name == name.lower()
    assert callable(f.render)


def test_get_unknown_lists_valid_names():
    with pytest.raises(UsageError) as info:
        output.get("xml")
    for lang in ("zh", "en"):
        text = info.value.render(lang)
        assert "xml" in text
        assert "text, json, sarif, github" in text
    assert info.value.render("zh").startswith("未知的输出格式")
    assert info.value.render("en").startswith("unknown output format")


def test_machine_formats_and_plain_text_do_not_import_rich():
    code = (
        "import io, sys\n"
        "from reportlint import output\n"
        "from reportlint.core.results import FileResult\n"
        "def rich_loaded(): return [m for m in sys.modules if m == 'rich' or m.startswith('rich.')]\n"
        "for n in ('json', 'sarif', 'github'): output.get(n)\n"
        "assert not rich_loaded(), 'rich imported by a machine format'\n"
        "results = [FileResult(path='a.txt')]\n"
        "output.get('text').render(results, lang='zh', out=io.StringIO(), color=False)\n"
        "assert not rich_loaded(), 'rich imported for plain text'\n"
        "output.get('text').render(results, lang='zh', out=io.StringIO(), color=True)\n"
        "assert 'rich' in sys.modules, 'colour is rendered by rich'\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# -- shared helpers --------------------------------------------------------------------------


def test_describe_cell_both_languages():
    cell = CellRef("table3", "本年新收政府信息公开申请数量", "自然人")
    assert describe_cell(cell, "zh") == "表三“一、本年新收政府信息公开申请数量”行“自然人”列"
    assert describe_cell(cell, "en") == "table 3, row 'received this year', column 'natural persons'"
    numeric = CellRef("table2", "3", "2")
    assert describe_cell(numeric, "zh") == "表二第3行第2列"
    assert describe_cell(numeric, "en") == "table 2, row 3, column 2"
    grid = CellRef("table4", "维持", None, grid=2, grid_row=5, grid_column=3)
    assert describe_cell(grid, "zh") == "表四“维持”（文件第2个表格第5行第3列）"
    assert describe_cell(grid, "en") == "table 4, '维持' (table 2 in the file, row 5, column 3)"


def test_line_index_maps_offsets_to_positions():
    index = LineIndex(LINES)
    assert index.position(0) == (1, 1)
    assert index.position(PERIOD_START) == (3, 15)
    assert index.position(len(LINES[0])) == (1, len(LINES[0]) + 1)  # the newline itself
    assert index.position(len(LINES[0]) + 1) == (2, 1)
    assert index.position(len(TEXT)) == (6, len(LINES[5]) + 1)
    assert index.position(len(TEXT) + 1) is None
    assert index.position(-1) is None


def test_summary_lines():
    counts = output.count(make_results())
    assert summary_line(counts, "zh") == "共 4 个问题（错误 1，警告 2，提示 1），涉及 1 个文件；1 个文件无法检查"
    assert (
        summary_line(counts, "en")
        == "Found 4 problems (1 error, 2 warnings, 1 info) in 1 file; 1 file could not be checked"
    )
    none = output.count([FileResult("a.txt")])
    assert summary_line(none, "zh") == "未发现问题"
    assert summary_line(none, "en") == "No problems found"


# -- text ------------------------------------------------------------------------------------


def _underline_under(rendered: str, line_no: int, needle: str) -> int:
    """Check the caret line after ``line_no``'s source line starts under ``needle``
    (counted in terminal cells); return the number of carets."""
    lines = rendered.splitlines()
    prefix = f"{line_no} | "
    i = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    source, under = lines[i], lines[i + 1]
    assert under.strip(" |").startswith("^")
    caret = under.index("^")  # the underline line is ASCII: index == cells
    assert caret == cell_len(source[: source.index(needle)])
    return under[caret:].count("^")


def test_text_full_output_zh():
    out = render("text")
    expected_head = "\n".join(
        [
            f"{REPORT}（4 个问题）",
            f"{REPORT}:1:9: 提示 RL101 [title-format] 标题未写明报告年度的全称",
            "  |",
            "1 | 常州市科学技术局2023年政府信息公开工作年度报告",
            "  |                 ^^^^^^",
            "  = 第 1 页",
            "",
            f"{REPORT}:3:15: 警告 RL301 [period-year] 统计期限的年份（2022年）与报告年度（2023年）不一致",
            "  |",
            "3 | 本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
            "  |                             ^^^^^^^^^^^^",
            "  = 可自动修复（--fix）：把“2022年1月1日”改为“2023年1月1日”",
            "",
            f"{REPORT}:5:16: 错误 RL201 [table3-total] 表三“总计”列应为 15，实为 12",
            "  |",
        ]
    )
    assert out.startswith(expected_head + "\n")
    assert "  = 单元格：表三“一、本年新收政府信息公开申请数量”行“自然人”列\n" in out
    assert "  = 建议修改（需人工确认）：删除占位内容\n" in out
    assert "\n未检查 reports/损坏的报告.docx: 无法读取文件：不是有效的 .docx 文件\n" in out
    assert out.endswith("\n共 4 个问题（错误 1，警告 2，提示 1），涉及 1 个文件；1 个文件无法检查\n")
    assert "clean.txt" not in out  # files without findings are not listed
    assert "\x1b" not in out


def test_text_findings_sorted_by_position_within_file():
    out = render("text")
    codes = re.findall(r"^\S+:\d+:\d+: \S+ (RL\d+)", out, flags=re.M)
    assert codes == ["RL101", "RL301", "RL201", "RL402"]


def test_text_underline_alignment_under_cjk():
    out = render("text")
    # "2022年1月1日" after 14 CJK characters: 28 cells in, 9 characters = 15 cells wide.
    assert _underline_under(out, 3, "2022年1月1日") == cell_len("2022年1月1日")
    # A tab-separated table row: tabs are shown as spaces and still counted right.
    assert _underline_under(out, 5, "12") == 2
    # Full-width punctuation and an em dash before the span.
    assert _underline_under(out, 6, "9:00—17:00") == cell_len("9:00—17:00）")


def test_text_english():
    out = render("text", lang="en")
    assert f"{REPORT} (4 problems)\n" in out
    assert f"{REPORT}:5:16: error RL201 [table3-total] table 3 total should be 15, found 12\n" in out
    assert f"{REPORT}:1:9: info RL101 [title-format]" in out
    assert f"{REPORT}:3:15: warning RL301 [period-year]" in out
    assert "  = cell: table 3, row 'received this year', column 'natural persons'\n" in out
    assert "  = page 1\n" in out
    assert "  = fix available (--fix): replace 2022年1月1日 with 2023年1月1日\n" in out
    assert "  = suggested fix (review before applying): remove the placeholder\n" in out
    assert "\nnot checked reports/损坏的报告.docx: cannot read file: not a valid .docx file\n" in out
    assert out.endswith("\nFound 4 problems (1 error, 2 warnings, 1 info) in 1 file; 1 file could not be checked\n")


def test_text_no_problems():
    clean = [FileResult("a.txt", lines=["x"], kind="text")]
    assert render("text", clean) == "未发现问题\n"
    assert render("text", clean, lang="en") == "No problems found\n"


def test_text_color():
    plain = render("text", color=False)
    colored = render("text", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_text_plain_output_is_what_rich_prints_without_colour():
    from rich.console import Console
    from rich.text import Text as RichText

    from reportlint.output.text import FORMATTER

    lines = FORMATTER.lines(make_results(), lang="zh", show_source=True, statistics=False, width=100)
    out = io.StringIO()
    rich_lines = [line.to_rich() for line in lines]
    Console(file=out, force_terminal=False, no_color=True, width=100, soft_wrap=True).print(
        RichText("\n").join(rich_lines)
    )
    assert out.getvalue() == render("text", width=100)


def test_text_colour_output_is_what_rich_prints():
    from rich.text import Text as RichText

    from reportlint.output.text import FORMATTER, _ansi, make_console

    lines = FORMATTER.lines(make_results(), lang="en", show_source=True, statistics=False, width=100)
    out = io.StringIO()
    rich_lines = [line.to_rich() for line in lines]
    make_console(out, 100).print(RichText("\n").join(rich_lines), soft_wrap=True, crop=False, overflow="ignore")
    assert out.getvalue() == render("text", lang="en", color=True, width=100)
    # Overlapping spans (never built here) go through rich itself.
    odd = RichText("表三合计有误", style="bold")
    odd.stylize("red", 0, 4)
    odd.stylize("underline", 2, 6)
    out = io.StringIO()
    console = make_console(out, 100)
    console.print(odd, soft_wrap=True, crop=False, overflow="ignore")
    assert _ansi(odd, console) + "\n" == out.getvalue()


def test_text_control_characters_never_reach_the_terminal():
    d = _diag(
        "RL701",
        "debris",
        "artifact",
        Severity.WARNING,
        T("残留代码：“\x1b[31m”\r\n下一行", "debris"),
        Location(1, 3, 1, 8),
        fix=Fix(T("删除\x07", "remove"), (Edit(2, 7, ""),)),
    )
    result = FileResult("evil\x1b]0;x\x07.txt", [d], lines=["正文\x1b[31m红色\x1b[0m"], kind="text")
    for color in (False, True):
        out = render("text", [result], color=color)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", plain), repr(plain)
    out = render("text", [result])
    assert "残留代码：“ [31m”  下一行" in out
    assert _underline_under(out, 1, " [31m") == 5


def test_text_concise_without_source():
    out = render("text", show_source=False)
    lines = out.splitlines()
    assert (
        f"{REPORT}:5:16: 错误 RL201 [table3-total] 表三“总计”列应为 15，实为 12（表三“一、本年新收政府信息公开申请数量”行“自然人”列）"
        in lines
    )
    assert f"{REPORT}:1:9: 提示 RL101 [title-format] 标题未写明报告年度的全称（第 1 页）" in lines
    assert (
        f"{REPORT}:3:15: 警告 RL301 [period-year] 统计期限的年份（2022年）与报告年度（2023年）不一致 [可修复]" in lines
    )
    assert not any(" | " in line or line.endswith(" |") for line in lines)


def test_text_statistics():
    assert render("text", statistics=True).splitlines() == [
        "数量  代码   规则              可修复",
        "   1  RL101  title-format",
        "   1  RL201  table3-total",
        "   1  RL301  period-year       1",
        "   1  RL402  placeholder-left  1",
        "",
        "未检查 reports/损坏的报告.docx: 无法读取文件：不是有效的 .docx 文件",
        "",
        "共 4 个问题（错误 1，警告 2，提示 1），涉及 1 个文件；1 个文件无法检查",
    ]
    en = render("text", statistics=True, lang="en").splitlines()
    assert en[0] == "count  code   rule              fixable"
    assert en[-1] == "Found 4 problems (1 error, 2 warnings, 1 info) in 1 file; 1 file could not be checked"


def test_text_statistics_counts_per_rule():
    results = make_results()
    extra = _diag("RL301", "period-year", "period", Severity.WARNING, T("再一次", "again"), Location(3, 30, 3, 40))
    results[0].diagnostics.append(extra)
    lines = render("text", results, statistics=True).splitlines()
    assert lines[1].split() == ["2", "RL301", "period-year", "1"]
    assert [line.split()[1] for line in lines[1:5]] == ["RL301", "RL101", "RL201", "RL402"]
    assert lines[3].split() == ["1", "RL201", "table3-total"]


def test_text_long_line_is_windowed_around_the_span():
    body = "各级行政机关应当依法主动公开政府信息" * 20  # 360 CJK characters, 720 cells
    line = body[:200] + "二〇二三年度" + body[200:]
    d = _diag(
        "RL501",
        "year-numerals",
        "script",
        Severity.INFO,
        T("年份用汉字数字", "year in Chinese numerals"),
        Location(1, 201, 1, 207),
    )
    result = FileResult("long.txt", [d], lines=[line], kind="text")
    out = render("text", [result], width=80)
    src = next(x for x in out.splitlines() if x.startswith("1 | "))
    assert src.startswith("1 | …") and src.endswith("…")
    assert cell_len(src) <= 80
    assert _underline_under(out, 1, "二〇二三年度") == cell_len("二〇二三年度")


def test_text_span_running_onto_next_line_underlines_to_end_of_line():
    d = _diag(
        "RL102", "heading", "structure", Severity.WARNING, T("标题跨行", "heading spans lines"), Location(2, 3, 3, 4)
    )
    result = FileResult("a.txt", [d], lines=["第一行", "一、总体情况", "下一行"], kind="text")
    out = render("text", [result])
    assert _underline_under(out, 2, "总体情况") == cell_len("总体情况")


def test_text_empty_span_gets_one_caret_and_missing_line_no_snippet():
    at_end = _diag(
        "RL103", "missing-end", "structure", Severity.ERROR, T("缺少落款", "no signature"), Location(1, 4, 1, 4)
    )
    beyond = _diag("RL104", "beyond", "structure", Severity.ERROR, T("越界", "beyond"), Location(9, 1, 9, 2))
    result = FileResult("a.txt", [at_end, beyond], lines=["年度报告"], kind="text")
    out = render("text", [result])
    assert "1 | 年度报告\n  |       ^\n" in out
    assert "9 |" not in out


# -- json ------------------------------------------------------------------------------------


KEYS = [
    "path",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "page",
    "paragraph",
    "cell",
    "fix",
    "data",
]


def test_json_keys_order_and_values():
    out = render("json")
    assert "常州市科学技术局" in out  # ensure_ascii=False
    items = json.loads(out)
    # The file that could not be checked is a record of its own (issue 13), not dropped.
    assert [list(item) for item in items] == [KEYS] * 4 + [["path", "status", "reason"]]
    assert items[4]["status"] == "not-checked" and items[4]["reason"]
    items = items[:4]
    assert [(i["line"], i["column"], i["code"]) for i in items] == [
        (1, 9, "RL101"),
        (3, 15, "RL301"),
        (5, 16, "RL201"),
        (6, 24, "RL402"),
    ]
    total = items[2]
    assert total == {
        "path": REPORT,
        "code": "RL201",
        "name": "table3-total",
        "category": "arithmetic",
        "severity": "error",
        "message": "表三“总计”列应为 15，实为 12",
        "line": 5,
        "column": 16,
        "end_line": 5,
        "end_column": 18,
        "page": None,
        "paragraph": None,
        "cell": {"table": "table3", "row": "本年新收政府信息公开申请数量", "column": "自然人"},
        "fix": None,
        "data": {"expected": 15, "ratio": 0.8, "signed": "2024-01-20"},
    }
    assert items[0]["page"] == 1 and items[0]["severity"] == "info"


def test_json_fix_with_edit_positions():
    items = json.loads(render("json", lang="en"))
    period = items[1]
    assert period["message"] == "the statistical period (2022) is not the report year (2023)"
    assert period["fix"] == {
        "description": "replace 2022年1月1日 with 2023年1月1日",
        "edits": [
            {
                "start": PERIOD_START,
                "end": PERIOD_START + 4,
                "text": "2023",
                "start_line": 3,
                "start_column": 15,
                "end_line": 3,
                "end_column": 19,
            },
        ],
        "safe": True,
    }
    assert period["data"] == {"expected": 2023, "actual": 2022, "message_id": "year"}
    assert items[3]["fix"]["safe"] is False


def test_json_edit_positions_only_where_known():
    fix = Fix(T("改", "fix"), (Edit(0, 2, "x"),))
    d = _diag("RL301", "period-year", "period", Severity.WARNING, T("年", "year"), Location(1, 1, 1, 3), fix=fix)
    docx = FileResult("a.docx", [d], lines=["二〇二三"], kind="docx")
    [item] = json.loads(render("json", [docx]))
    assert item["fix"]["edits"] == [{"start": 0, "end": 2, "text": "x"}]


def test_json_stable_order_across_files_and_a_record_for_failed_files():
    a = _diag("RL001", "a", "structure", Severity.ERROR, T("甲", "a"), Location(2, 1, 2, 2))
    b = _diag("RL002", "b", "structure", Severity.ERROR, T("乙", "b"), Location(2, 1, 2, 2))
    c = _diag("RL001", "a", "structure", Severity.ERROR, T("丙", "c"), Location(1, 5, 1, 6))
    results = [
        FileResult("z.txt", [b, a]),
        FileResult("a.txt", [a, c]),
        FileResult("m.txt", error=InputError(T("坏", "bad"), "m.txt")),
    ]
    items = json.loads(render("json", results, lang="en"))
    assert items[2] == {"path": "m.txt", "status": "not-checked", "reason": "bad"}  # in its place by path
    del items[2]
    assert [(i["path"], i["line"], i["column"], i["code"]) for i in items] == [
        ("a.txt", 1, 5, "RL001"),
        ("a.txt", 2, 1, "RL001"),
        ("z.txt", 2, 1, "RL001"),
        ("z.txt", 2, 1, "RL002"),
    ]
    assert render("json", []) == "[]\n"


# -- github ----------------------------------------------------------------------------------


def test_github_escaping_helpers():
    assert escape_data("100%\r\nok: a,b") == "100%25%0D%0Aok: a,b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_output():
    lines = render("github").splitlines()
    assert lines == [
        f"::notice file={REPORT},line=1,col=9,endLine=1,endColumn=14,title=RL101 title-format::标题未写明报告年度的全称（第 1 页）",
        f"::warning file={REPORT},line=3,col=15,endLine=3,endColumn=24,title=RL301 period-year::"
        "统计期限的年份（2022年）与报告年度（2023年）不一致%0A可自动修复（--fix）：把“2022年1月1日”改为“2023年1月1日”",
        f"::error file={REPORT},line=5,col=16,endLine=5,endColumn=18,title=RL201 table3-total::"
        "表三“总计”列应为 15，实为 12（表三“一、本年新收政府信息公开申请数量”行“自然人”列）",
        f"::warning file={REPORT},line=6,col=24,endLine=6,endColumn=35,title=RL402 placeholder-left::"
        "疑似模板占位内容未替换：“9:00—17:00”%0A建议修改（需人工确认）：删除占位内容",
        "::error file=reports/损坏的报告.docx,title=reportlint：无法检查此文件::无法读取文件：不是有效的 .docx 文件",
    ]


def test_github_escapes_paths_messages_and_multiline_spans():
    d = _diag(
        "RL601",
        "rate",
        "consistency",
        Severity.ERROR,
        T("办结率写作 100%\n应为 95%", "rate 100%\nshould be 95%"),
        Location(2, 3, 4, 1),
    )
    result = FileResult("reports/a,b:c.txt", [d])
    [line] = render("github", [result], lang="en").splitlines()
    assert line == "::error file=reports/a%2Cb%3Ac.txt,line=2,endLine=4,title=RL601 rate::rate 100%25%0Ashould be 95%25"


def test_github_error_with_line():
    err = InputError(T("编码错误", "bad encoding"), "x.txt", line=7, column=3)
    out = render("github", [FileResult("x.txt", error=err)], lang="en")
    assert out == "::error file=x.txt,line=7,col=3,title=reportlint%3A file could not be checked::bad encoding\n"


def test_github_nothing_to_say():
    assert render("github", [FileResult("a.txt")]) == ""


def test_text_measures_report_characters_as_rich_does():
    # Plain output measures the characters reports are written in without rich; every
    # one of them must take the cells rich.cells gives it, or underlines would drift.
    from reportlint.output.text import _CELL_WIDTHS
    from reportlint.output.text import cell_len as text_cell_len

    for first, last, cells in _CELL_WIDTHS:
        for code in range(first, last + 1):
            assert text_cell_len(chr(code)) == cell_len(chr(code)) == cells, hex(code)
    # Anything else is measured by rich itself: combining marks, emoji, joined sequences.
    for text in ("e\u0301", "👍", "👨\u200d👩\u200d👧", "❤\ufe0f", "\u302a", "ｱ", "𠀀", "表三\u200b合计"):
        assert text_cell_len(text) == cell_len(text), text
