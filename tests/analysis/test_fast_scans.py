"""The faster scans shared by rules give what the plain ones give: clause-start patterns
(analysis/clause_starts.py), the sentence masks done in one pass (analysis/copied_text.py)
and the first-character filter of a line scan (analysis/lines.py), on real reports and on
variants built around their edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.analysis import copied_text
from reportlint.analysis.agency_names import BOUNDARY, flat_view, subject_re
from reportlint.analysis.clause_starts import ClausePattern
from reportlint.analysis.lines import compile_pattern, start_class
from reportlint.analysis.narrative import sentences
from reportlint.core import ruledata
from reportlint.document.build import build_document
from reportlint.document.numerals import YEAR
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXT_REPORTS = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))

# A clause that may be empty (only a lookahead), one that may end with a boundary
# character, and the shapes the analyses use.
CLAUSES = [
    (BOUNDARY, rf"[ \t]*(?:{YEAR}[ \t]*年度?[ \t]*,?[ \t]*)?(?=[\u4e00-\u9fff])"),
    ("。;!?:\n", rf"[ \t]*(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*,?[ \t]*"),
    (",", r"[^,\n]{0,6},"),
    ("。,", r"(?P<x>,*)"),
]


def _variants(text: str) -> list[str]:
    return [
        text,
        text.replace("。", "。,", 5),  # boundary characters back to back
        text.replace("年", "年,,", 5),
        "2021年,我局" + text,  # a clause at the very start
        text + "\n\n2022年,",  # the text ends inside a clause
        "",
        ",",
    ]


def _finditer(cp: ClausePattern, text: str, *args: int) -> list[tuple]:
    return [(m.start(), m.end(), m.groups(), m.regs[1:]) for m in cp.pattern.finditer(text, *args)]


def _fast(cp: ClausePattern, text: str, *args: int) -> list[tuple]:
    return [(start, m.end(), m.groups(), m.regs[1:]) for start, m in cp.matches(text, *args)]


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.name)
def test_clause_starts_match_finditer_on_reports(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for boundary, rest in CLAUSES:
        cp = ClausePattern(boundary, rest)
        for variant in _variants(text):
            assert _fast(cp, variant) == _finditer(cp, variant)
            mid = len(variant) // 3
            # a search that starts and stops inside the text (years.py stops at the body's end)
            assert _fast(cp, variant, mid) == _finditer(cp, variant, mid)
            assert _fast(cp, variant, 0, 2 * mid) == _finditer(cp, variant, 0, 2 * mid)


def test_subject_names_of_a_real_report() -> None:
    """RL534's subjects: the names at the start of clauses of a real report, as the
    pattern as written finds them."""
    doc = build_document(read(str(FIXTURES / "changji-kjj-2021.txt")))
    text = flat_view(doc).text
    cp = subject_re()
    names = [m.group("name") for _, m in cp.matches(text)]
    assert names == [m.group("name") for m in cp.pattern.finditer(text)]
    assert "昌吉州科学技术局" in names  # the report names its own bureau at the start of clauses


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.name)
def test_masks_in_one_pass(path: Path) -> None:
    doc = build_document(read(str(path)))
    texts = [s.text for s in sentences(doc)]
    assert copied_text.mask_all(texts) == [copied_text.mask(t) for t in texts]
    # numbers and years on both sides of where two sentences meet
    edges = [t + "二〇二一" for t in texts] + ["年10件" + t for t in texts]
    assert copied_text.mask_all(edges) == [copied_text.mask(t) for t in edges]
    with_separator = [*texts[:3], "二〇二一\x00年"]  # a sentence holding the separator
    assert copied_text.mask_all(with_separator) == [copied_text.mask(t) for t in with_separator]


def test_start_class_of_the_pipe_run() -> None:
    pipe_run = compile_pattern(ruledata.load("debris")["pipe_run"])
    starts = start_class(pipe_run)
    assert starts is not None
    row = "| " * 25
    assert starts.search(row) and pipe_run.search(row)
    # a line without the character a run begins with holds no run
    for line in ("规章 0 0 0", "一、总体情况", ""):
        assert starts.search(line) is None and pipe_run.search(line) is None
