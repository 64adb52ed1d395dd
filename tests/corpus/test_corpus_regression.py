"""All rules over every real report, compared with the reviewed expectation file.

A rule change shows its effect here: update expected.yaml with
`python tests/corpus/update_expected.py` and review the diff like code.
"""

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from update_expected import REPORTS, findings, report_name

EXPECTED = YAML(typ="safe", pure=True).load((Path(__file__).parent / "expected.yaml").read_text(encoding="utf-8"))


def test_expectation_covers_every_report():
    assert sorted(EXPECTED) == sorted(report_name(p) for p in REPORTS)


@pytest.mark.parametrize("path", REPORTS, ids=report_name)
def test_findings_match_reviewed_expectation(path):
    assert findings(path) == (EXPECTED[report_name(path)] or [])


CLEAN = ["huaian-gov-2024.pdf"] + [
    f"drafts/huaian-draft-2024{s}" for s in (".docx", "-toc.docx", ".pdf", ".doc", ".odt", ".rtf")
]


@pytest.mark.parametrize("name", CLEAN)
def test_correct_report_gets_nothing_above_info(name):
    """The corpus's correct reports (the published Huai'an report and the same draft in
    every format read) get at most information notes."""
    path = next(p for p in REPORTS if report_name(p) == name)
    assert all(f.endswith(" info") for f in findings(path))
