"""All rules over every real report, compared with the reviewed expectation file.

A rule change shows its effect here: update expected.yaml with
`python tests/corpus/update_expected.py` and review the diff like code.
"""

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from update_expected import REPORTS, findings  # noqa: E402  (same folder)

EXPECTED = YAML(typ="safe", pure=True).load((Path(__file__).parent / "expected.yaml").read_text(encoding="utf-8"))


def test_expectation_covers_every_report():
    assert sorted(EXPECTED) == sorted(p.name for p in REPORTS)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_findings_match_reviewed_expectation(path):
    assert findings(path) == (EXPECTED[path.name] or [])


def test_correct_report_gets_nothing_above_info():
    huaian = next(p for p in REPORTS if p.name == "huaian-gov-2024.pdf")
    assert all(f.endswith(" info") for f in findings(huaian))
