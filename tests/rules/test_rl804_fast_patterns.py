"""RL804's patterns are written to begin with their character, so that ``re`` skips
ahead to it; they find what the forms beginning with a repeat or a lookbehind find, on
real reports and on variants built around their edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.rules import rl804_damaged_text as rl804

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# the forms the patterns were written in before
WRITTEN_BEFORE = {
    "REPLACEMENT": re.compile("\ufffd+"),
    "MASKED": re.compile(r"[*＊]{3,}"),
    "LATIN": re.compile(r"(?<=[\u3400-\u9fff])[A-Za-z](?=[\u3400-\u9fff])"),
}
EDGES = (
    "\ufffd开头\ufffd\ufffd中间，**不算，***算，＊＊*＊混写，*****\n"
    "a开头不算，中A间，中ab间不算，末尾z\n中文x中文Y。ｘ全角不算，中\ufffd\ufffd\ufffd"
)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("name", sorted(WRITTEN_BEFORE))
def test_same_matches_as_the_forms_written_before(path, name):
    text = path.read_text(encoding="utf-8")
    for variant in (text, EDGES + text, text.replace("。", "。\ufffd**＊x"), EDGES):
        assert _found(getattr(rl804, name), variant) == _found(WRITTEN_BEFORE[name], variant)


def test_the_edges_are_found():
    assert [g for _, g in _found(rl804.MASKED, EDGES)] == ["***", "＊＊*＊", "*****"]
    assert [g for _, g in _found(rl804.LATIN, EDGES)] == ["A", "x"]  # `文Y。`: a full stop after it
    assert [g for _, g in _found(rl804.REPLACEMENT, EDGES)] == ["\ufffd", "\ufffd\ufffd", "\ufffd\ufffd\ufffd"]
