"""RL808's quick search for doubled phrases (a lookahead before the pattern) finds what
the plain pattern finds, on real reports and on variants built around its limits."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.readers import read
from reportlint.rules import rl808_repeated_text as rl808

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXT_REPORTS = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))


def _doc(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return build_document(read(str(path)))


def _phrases(doc, fast: bool):
    d = rl808._data()
    if not fast:
        d = dataclasses.replace(d, phrase_fast=d.phrase)
    return list(rl808.RepeatedText()._phrases(doc, d))


def _variants(text: str) -> list[str]:
    blanks = " " * (rl808._BREAK_BLANKS - 1)
    return [
        text,
        text.replace("政府信息公开", "政府信息公开政府信息公开", 3),
        text.replace("。", "。规范审核审核发布机制，", 2),
        # a copy on the next line, with as many blanks at the break as the quick search allows
        text + f"\n全面推进政务公开标准化规范化{blanks}\n{blanks}全面推进政务公开标准化规范化工作。\n",
        # … and with more: the text is searched the plain way
        text + f"\n推进政务公开{blanks}   \n推进政务公开工作。\n",
        # the longest part there is, twice
        text + "\n" + "一二三四五六七八九十百千万亿兆京垓秭穰沟涧正载极恒河沙阿僧祇那由他不可思议无量大数" * 2 + "。\n",
    ]


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=[p.name for p in TEXT_REPORTS])
def test_quick_search_agrees_with_the_plain_pattern(tmp_path, path):
    for text in _variants(path.read_text(encoding="utf-8")):
        doc = _doc(tmp_path, text)
        assert _phrases(doc, fast=True) == _phrases(doc, fast=False)


@pytest.mark.parametrize("extra", [0, 10])
def test_a_copy_after_a_wide_line_break_is_still_found(tmp_path, extra):
    blanks = " " * (rl808._BREAK_BLANKS - 1 + extra)
    text = (FIXTURES / "pingtan-gov-2021.txt").read_text(encoding="utf-8")
    text += f"\n我们持续深化政务公开标准化规范化建设{blanks}\n{blanks}政务公开标准化规范化建设取得实效。\n"
    doc = _doc(tmp_path, text)
    shown = [m.message.zh for m in rl808.RepeatedText().check(doc)]
    assert any("政务公开标准化规范化建设" in m for m in shown), shown
