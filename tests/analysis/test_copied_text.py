"""Narrative copied from last year's report (reportlint.analysis.copied_text, RL522):
two Documents in, no file read."""

from __future__ import annotations

from pathlib import Path

from reportlint.analysis.copied_text import copied_narrative, mask
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def doc_of(text: str, name: str = "report.txt"):
    return build_document(Extracted(path=name, kind="text", text=text, origins=OriginMap(text)))


def test_mask_years_and_numbers():
    assert mask("2021年共受理申请12件，二〇二一年答复两件") == mask("2022年共受理申请7件，二〇二二年答复三件")
    assert mask("共受理申请12件") != mask("共办结申请12件")


def test_a_re_dated_report_is_all_copied():
    last = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    this = last.replace("2021", "2022").replace("2020", "2021")
    result = copied_narrative(doc_of(this), doc_of(last), 15, ())
    assert result.total > 5 and result.copied == result.total
    assert result.share == 1
    assert result.first is not None and "2022" in result.first.text  # this year's sentence


def test_another_agencys_report_is_not_copied():
    a = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    b = (FIXTURES / "changshu-kjj-2021.txt").read_text(encoding="utf-8")
    result = copied_narrative(doc_of(b), doc_of(a), 15, ())
    assert result.total > 5
    assert result.share < 0.5


def test_boilerplate_is_left_out():
    last = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    every = copied_narrative(doc_of(last), doc_of(last), 15, ())
    # a boilerplate marker every sentence contains leaves nothing to compare
    none = copied_narrative(doc_of(last), doc_of(last), 15, ("",))
    assert every.total > 0 and none.total == 0 and none.share == 0
