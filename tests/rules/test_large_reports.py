"""A long report is judged like a short one: each repeated paragraph gets the findings
it gets alone, no more and no fewer.

The rules that test every match against regions of the report (document names in
《…》, tables, own-name references, headings already reported, clause boundaries) do
so by bisection since issue 16, so that their time grows linearly with the report;
these tests pin the behaviour on reports of 50 copies of a body. How long they take
is measured by benchmarks/bench_scaling.py, never asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.config import ConfigLoader
from reportlint.core.diagnostics import Diagnostic
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
COPIES = 50

# Sentences of real reports (the RL534, RL603, RL606, RL808 and RL809 cases): a report of
# 常熟市科学技术局 that keeps last year's period once, and in each paragraph another
# city's agency as the subject, a doubled word, a list that skips 二, this year's plan,
# an unclosed bracket, names of documents and years at the start of sentences.
HEAD = (
    "常熟市科学技术局2021年政府信息公开工作年度报告\n"
    "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。如对本报告有任何疑问，请与常熟市科学技术局办公室联系。\n"
    "一、总体情况\n"
)
PARAGRAPH = (
    "2021年，常州市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》和《2021年政务公开工作要点》，"
    "规范审核审核发布机制。\n"
    "2021年，我局主动公开政府信息120条，其中《常熟市科技计划项目管理办法》等规范性文件3件。\n"
    "存在的问题主要有：一是公开意识有待加强；三是解读形式较为单一。\n"
    "2021年，我局将继续做好政府信息公开工作（一是加强培训。\n"
)
SIGNATURE = "常熟市科学技术局\n2022年1月24日\n"
# (code, line in the paragraph, column, a piece of the message) of each copy's findings
PER_PARAGRAPH = [
    ("RL534", 1, 7, "常州市科学技术局"),
    ("RL808", 1, 59, "审核"),
    ("RL809", 3, 21, "二是"),
    ("RL606", 4, 1, "2022年"),
    ("RL806", 4, 22, "（"),
]
CHECKED = {code for code, *_ in PER_PARAGRAPH} | {"RL603"}


def _lint(path: Path, text: str) -> list[Diagnostic]:
    path.write_text(text, encoding="utf-8")
    result = Linter(REGISTRY, ConfigLoader(None, isolated=True)).lint_path(str(path))
    assert result.error is None, result.error
    return result.diagnostics


def _described(found: list[Diagnostic], codes: set[str]) -> set[tuple[str, int, int, str]]:
    return {(d.code, d.location.line, d.location.column, d.message.zh) for d in found if d.code in codes}


def test_every_copy_of_a_paragraph_has_its_findings_and_the_period_one(tmp_path):
    found = _lint(tmp_path / "long.txt", HEAD + PARAGRAPH * COPIES + SIGNATURE)
    got = {(code, line, col) for code, line, col, _ in _described(found, CHECKED)}
    head_lines = HEAD.count("\n")
    lines = PARAGRAPH.count("\n")
    expected = {("RL603", 2, 15)} | {
        (code, head_lines + i * lines + line, col) for i in range(COPIES) for code, line, col, _ in PER_PARAGRAPH
    }
    assert got == expected
    for code, _line, _col, piece in PER_PARAGRAPH:
        assert all(piece in d.message.zh for d in found if d.code == code)
    (period,) = [d for d in found if d.code == "RL603"]
    assert "自2021年1月1日起至2021年12月31日止" in period.message.zh


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("pingtan-gov-2016.txt", {"RL534", "RL606", "RL802"}),  # another agency named, the report year's plans
        ("pingtan-gov-2023.txt", {"RL809"}),  # a list that skips a number
    ],
)
def test_a_real_body_repeated_has_each_copys_findings(tmp_path, name, codes):
    head, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n")
    body = body.rstrip("\n") + "\n"
    once = _described(_lint(tmp_path / name, f"{head}\n{body}"), codes)
    assert once, f"{name} has findings of {sorted(codes)} to repeat"
    lines = body.count("\n")
    expected = {(code, line + i * lines, col, msg) for code, line, col, msg in once for i in range(COPIES)}
    assert _described(_lint(tmp_path / name, f"{head}\n{body * COPIES}"), codes) == expected
