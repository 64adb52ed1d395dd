"""analysis.required_text: a pattern is skipped only for a text it cannot match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.analysis.lines import compile_pattern
from reportlint.analysis.required_text import may_match, required_literals
from reportlint.core import ruledata

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORT = (FIXTURES / "pingtan-gov-2021.txt").read_text(encoding="utf-8")


def _placeholder_patterns() -> list[re.Pattern[str]]:
    return [compile_pattern(p["pattern"], re.M) for p in ruledata.load("placeholders")["patterns"]]


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        ("示例", 0, [("示例", False)]),
        (r"(?:^|[(\[])[^\S\n]*示例\s*[:：)\]]", re.M, [("示例", False)]),
        ("a(?:bc|de)f", 0, [("bc", False), ("de", False)]),
        ("(?:ab)+", 0, [("ab", False)]),
        ("(?:ab)*c", 0, [("c", False)]),
        ("x?", 0, None),  # matches the empty string: nothing is required
        ("a|b*", 0, None),  # a branch that needs nothing
        (r"\d+", 0, None),
        ("KEY", re.I, [("KEY", True)]),
        ("(?i:click here)", 0, [("ck here", True)]),  # `i` is also `ı` under IGNORECASE
        ("(?i:澳门)", 0, [("澳门", True)]),  # no case: only itself
    ],
)
def test_required_literals(source, flags, expected):
    assert required_literals(re.compile(source, flags)) == expected


def test_too_many_literals_are_not_worth_looking_for():
    words = [chr(0x4E00 + 2 * i) + chr(0x4E01 + 2 * i) for i in range(40)]  # no common prefix
    assert required_literals(re.compile("|".join(words))) is None
    assert may_match(re.compile("|".join(words)))("没有这些词")  # no test: always tried
    # a prefix every branch shares is required (re's parser factors it out)
    assert required_literals(re.compile("|".join(f"词{i}" for i in range(40)))) == [("词", False)]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("(?i:click)", "CLICK here"),
        ("(?i:is)", "ıſ"),  # re matches `i` to `ı` and `s` to `ſ`, which lower() keeps apart
        ("(?i:k)", "\u212a"),  # the Kelvin sign
        ("(?i:this)", "THIS"),
    ],
)
def test_case_insensitive_matches_are_never_skipped(source, text):
    pattern = re.compile(source)
    assert pattern.search(text) is not None
    assert may_match(pattern)(text)
    assert may_match(pattern)(text, text.lower())


def test_placeholder_patterns_agree_with_re_on_real_text_and_variants():
    """On a real report and on variants holding each placeholder, a pattern said not to
    match has no match (and the real report, which has none, skips most patterns)."""
    variants = [
        REPORT,
        REPORT.replace("2021年", "20XX年", 1),
        REPORT.replace("政府信息", "（此处填写政府信息）", 1),
        REPORT + "\n示例：某某局\n",
        REPORT + "\nClick or tap here to enter text.\n",
        REPORT.replace("。", "。单击此处输入文字。", 1),
        REPORT + "\n填写人：______\n",
    ]
    skipped = 0
    for pattern in _placeholder_patterns():
        for text in variants:
            if not may_match(pattern)(text):
                assert pattern.search(text) is None, (pattern.pattern, text[:40])
                skipped += text is REPORT
    assert skipped >= 4  # the words of most placeholders are not in a finished report


def test_rl701_still_finds_every_placeholder_kind(tmp_path):
    from reportlint.document.build import build_document
    from reportlint.readers import read
    from reportlint.rules.rl701_leftover_placeholder import LeftoverPlaceholder

    path = tmp_path / "report.txt"
    path.write_text(
        REPORT + "\n20XX年，我局将进一步加强。\n示例：某某局\nClick or tap here to enter text.\n", encoding="utf-8"
    )
    doc = build_document(read(str(path)))
    found = {d.message.zh for d in LeftoverPlaceholder().check(doc)}
    assert any("20XX年" in m for m in found)
    assert any("示例" in m for m in found)
    assert any("Click or tap here to enter text" in m for m in found)
    assert any("某某" in m for m in found)
