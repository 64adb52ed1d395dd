"""RL810's patterns of a counted item begin with one class (the digit or numeral), so that
``re`` skips ahead to it; they find what the form with two branches first finds, on the
sentences of real reports and on variants built around numbers' edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.analysis import narrative
from reportlint.document.build import build_document
from reportlint.readers import read
from reportlint.rules import rl810_missing_number as rl810

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# the number as it was written before: two branches, each beginning with its own class
TWO_BRANCHES = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)(?:余|多)?"
EDGES = [
    "主动公开政府信息106条，12.5万元，３件，一百二十件，两千余份，十多次，.5件，1.件，件",
    "受理申请0件、驳回1件；二〇二一年度，百件，千万元",
    "制定规范性文件0件，废止规范性文件0件，现行有效的规范性文件",
]


def _patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    d = rl810._data()
    out = []
    for pattern in (d.counted, d.any_counted):
        assert rl810._NUMBER in pattern.pattern
        out.append((pattern, re.compile(pattern.pattern.replace(rl810._NUMBER, TWO_BRANCHES))))
    return out


def _found(pattern: re.Pattern[str], text: str):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)], [
        (m.span() if (m := pattern.search(text, i)) else None) for i in range(0, len(text), 7)
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_same_matches_as_two_branches_on_the_sentences_of_real_reports(path):
    sentences = [s.text for s in narrative.sentences(build_document(read(str(path))))]
    for fast, two in _patterns():
        for text in [*sentences, *EDGES]:
            assert _found(fast, text) == _found(two, text)


def test_the_edges_are_counted():
    any_counted, _ = _patterns()[1]
    assert [m.group() for m in any_counted.finditer(EDGES[0])][:2] == ["106条，", "12.5万元，"]
