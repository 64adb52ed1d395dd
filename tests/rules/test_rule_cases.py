"""Per-rule test cases, SQLFluff style: one YAML file per built-in rule in ``cases/``,
checked with the public harness :mod:`reportlint.testing` (the cases format is
described there). ``file:`` cases name a real report in tests/fixtures.

Every rule must have a case file with at least one passing and one failing case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.plugins.manager import load_registry
from reportlint.testing import check_case, load_cases

CASES_DIR = Path(__file__).parent / "cases"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
CASES = [case for path in sorted(CASES_DIR.glob("*.yaml")) for case in load_cases(path, FIXTURES)]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_case(case):
    check_case(case, registry=REGISTRY)


def test_every_builtin_rule_has_pass_and_fail_cases():
    kinds: dict[str, set[bool]] = {}
    for case in CASES:
        kinds.setdefault(case.rule, set()).add(bool(case.spec.get("expect")))
    for code in REGISTRY.rules:
        if REGISTRY.origin[code] == "builtin":
            assert kinds.get(code) == {True, False}, (
                f"{code} needs passing and failing cases in tests/rules/cases/{code}.yaml"
            )
