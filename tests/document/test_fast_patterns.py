"""The view's deletions and fold, written for speed, do what their plain forms do: the
pinyin-reading and pipe-run patterns begin with a character instead of a lookbehind or
a group, and the fold replaces the few foldable characters a text holds instead of
translating every character — on real reports and on variants built around the edges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.document import normalize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXT_REPORTS = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))

# The patterns as first written: the matches the fast forms must give.
PLAIN_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（]([a-zü" + normalize._TONED + r"]{1,7})[)）]")
PLAIN_PIPE_RUN = re.compile(r"(?:\|[ \t\u3000]*){20,}")


def _variants(text: str) -> list[str]:
    return [
        text,
        text.replace("公开", "公（gōng）开", 3).replace("信息", "信息(xìn)", 2),  # readings after CJK
        "(zhōng)" + text,  # a bracket with nothing before it
        text.replace("。", "。" + "| " * 19 + "|\u3000|", 2),  # twenty and twenty-one pipes
        text + "\n" + "|" * 19,  # nineteen: no run
    ]


def _spans(pattern: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.name)
def test_deletion_patterns_match_their_plain_forms(path: Path) -> None:
    for text in _variants(path.read_text(encoding="utf-8")):
        assert _spans(normalize.PINYIN_READING, text) == _spans(PLAIN_PINYIN, text)
        assert _spans(normalize.PIPE_RUN, text) == _spans(PLAIN_PIPE_RUN, text)


def test_variants_hold_what_they_test() -> None:
    text = _variants((FIXTURES / "changshu-kjj-2021.txt").read_text(encoding="utf-8"))
    assert "xìn" in [m.group(1) for m in normalize.PINYIN_READING.finditer(text[1])]
    assert normalize.PINYIN_READING.search(text[2][:8]) is None
    assert len(normalize.PIPE_RUN.findall(text[3])) >= 2
    assert normalize.PIPE_RUN.search(text[4][-19:]) is None


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.name)
def test_fold_is_translate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    every = "".join(chr(k) for k in normalize._FOLD_TABLE)
    for variant in (text, every + text + every, every[::-1]):
        assert normalize._fold(variant) == variant.translate(normalize._FOLD_TABLE)
