"""RL809's pattern for `1.` / `1、` markers (rules/enumerations.yaml) begins with the
digit so that `re` skips ahead to digits; it finds what the form with the lookbehind
first finds, on real reports and on variants built around the digits' edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.rules import rl809_enumeration_gap as rl809

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# the form the pattern was written in before: the lookbehind at every character
LOOKBEHIND_FIRST = re.compile(r"(?<![\d.])(?P<n>\d{1,2})[ \t]*[.、](?![\d.])(?=[ \t\n]*[\u4e00-\u9fff])")
EDGES = "1.加强 12、公开 123.不是 4.5.不是 .6、不是 x7.是 八9、是 10 、规范 ３.全角 1、\n2、二 99.九 0.零"


def _digit_style() -> re.Pattern[str]:
    (style,) = [s for s in rl809._data().styles if s.name == "digit"]
    return style.pattern


def _found(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None):
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.span("n"), m.group()) for m in pattern.finditer(text, pos, end)]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_same_markers_as_the_lookbehind_form_on_real_reports(path):
    text = path.read_text(encoding="utf-8")
    for variant in (text, EDGES + text, text.replace("（", "").replace("）", "、")):
        assert _found(_digit_style(), variant) == _found(LOOKBEHIND_FIRST, variant)


def test_same_markers_at_the_edges_and_inside_a_searched_range():
    pattern = _digit_style()
    assert _found(pattern, EDGES) == _found(LOOKBEHIND_FIRST, EDGES)
    assert [g for _, _, g in _found(pattern, EDGES)][:2] == ["1.", "12、"]
    for pos in range(len(EDGES)):  # RL809 searches each section's range: the text before stays visible
        assert _found(pattern, EDGES, pos, len(EDGES) - 3) == _found(LOOKBEHIND_FIRST, EDGES, pos, len(EDGES) - 3)
