"""core/match_starts: the matches of a pattern tried only where one can begin are the
matches of ``finditer``, on real reports and on the cases that could tell them apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.analysis.lines import compile_pattern
from reportlint.core import ruledata
from reportlint.core.match_starts import finder, first_char_class, looked_ahead
from reportlint.rules import rl807_injected_spam

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPAM = (
    "澳门新葡京娱乐场官网8888.com，365bet体育投注平台，x365bet，北京赛车pk10计划，注册送38元彩金，"
    "打击赌博专项行动，福利彩票发行，20XX年X月X日，某某局，（此处填写文字描述），____"
)


def _spans(found) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in found]


def _patterns() -> list[re.Pattern[str]]:
    spam = rl807_injected_spam._patterns()
    placeholders = [compile_pattern(p["pattern"], re.M) for p in ruledata.load("placeholders")["patterns"]]
    return [spam.strong, spam.gambling, spam.advertising, spam.domain, *placeholders]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_same_matches_as_finditer_on_real_reports(path):
    text = path.read_text(encoding="utf-8") + "\n" + SPAM
    for pattern in _patterns():
        assert _spans(finder(pattern)(text)) == _spans(pattern.finditer(text)), pattern.pattern[:60]
        assert _spans(looked_ahead(pattern)(text)) == _spans(pattern.finditer(text)), pattern.pattern[:60]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<![a-z])\d{2}bet", "x12bet 12bet a12bet"),  # a lookbehind sees the text before the offset tried
        (r"^ab", "ab\nab"),
        (r"(?m)^ab", "ab\nab"),
        (r"\bab", "cab ab"),
        (r"(?i)澳门|Bet\d", "BET1 bet2 澳门"),
        (r"aa|a", "aaa"),  # leftmost first, then on from the match's end
    ],
)
def test_same_matches_as_finditer_at_the_edges(pattern, text):
    compiled = re.compile(pattern)
    assert _spans(finder(compiled)(text)) == _spans(compiled.finditer(text))
    assert _spans(looked_ahead(compiled)(text)) == _spans(compiled.finditer(text))


@pytest.mark.parametrize(
    "pattern", [r"a?", r"(?=a)", r".b", r"[^a]b", r"(?i:a)b", r"ab|c", r"[ab]c", r"(?m)^[ \t]*\?", r"(?<=x)[一-鿿]"]
)
def test_a_pattern_whose_start_is_not_read_off_or_is_skipped_to_by_re_is_run_as_it_is(pattern):
    compiled = re.compile(pattern)
    assert first_char_class(compiled) is None
    assert finder(compiled) == compiled.finditer


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_rl807_finds_what_finditer_finds_mid_number_brands_and_domains_included(path):
    # RL807's patterns behind their start lookahead: the matches must still be finditer's.
    spam = rl807_injected_spam._patterns()
    text = path.read_text(encoding="utf-8") + "\n" + SPAM + "12345bet，2021年365BET，bet365，a188bet，９９bet，万博体育"
    text += "，www.Casino88.com/a?b=1，https://8888.NET，x.8888.com，a-b.cc"
    assert _spans(spam.find_strong(text)) == _spans(spam.strong.finditer(text))
    assert _spans(spam.find_domain(text)) == _spans(spam.domain.finditer(text))
    assert len(_spans(spam.find_domain(text))) >= 3


def test_a_pattern_with_global_flags_inside_is_looked_ahead_as_it_is():
    compiled = re.compile(r"(?i)ab")
    assert looked_ahead(compiled) == compiled.finditer
    assert _spans(looked_ahead(compiled)("xAB ab")) == [((1, 3), "AB"), ((4, 6), "ab")]
