"""Per-rule test cases, SQLFluff style: one YAML file per rule in ``cases/``.

    rule: RL805
    cases:
      - name: doubled-full-stop
        text: |                 # the report text (or `file: changji-kjj-2021.txt` from tests/fixtures)
          …。。
        options: {…}            # optional rule options
        facts: {kind: government, year: 2021}   # optional report facts (config `report:`)
        notes: [no-text-layer]  # optional reader notes (what a PDF reader would report)
        expect:                 # findings of this rule, in order; [] = must pass
          - {line: 1, column: 2, message: "。。"}   # column/end_column/message/severity optional
        fixed: |                # optional: the text after applying the rule's fixes
          …。

Every rule must have a case file with at least one passing and one failing case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted, ReaderNote
from reportlint.run.engine import Linter
from reportlint.document.origin import OriginMap
from reportlint.run.fixer import apply_edits, collect_edits
from reportlint.plugins.manager import load_registry
from reportlint.readers import read

CASES_DIR = Path(__file__).parent / "cases"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)


def _load_cases():
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def document_for(case):
    if "file" in case:
        extracted = read(str(FIXTURES / case["file"]))
    else:
        text = case["text"]
        extracted = Extracted(path="case.txt", kind=case.get("kind", "text"), text=text, origins=OriginMap(text))
        extracted.notes = [ReaderNote(kind=k) for k in case.get("notes", [])]
    return build_document(extracted, case.get("facts"))


@pytest.mark.parametrize("code,case", list(_load_cases()))
def test_rule_case(code, case):
    rule_cls = REGISTRY.rules[code]
    rule = rule_cls(case.get("options"))
    doc = document_for(case)
    # Through the engine, so `applies_to` and suppression comments behave as in a real run.
    found = [d for d in Linter(REGISTRY, None).run_rules(doc, [rule], doc.extracted) if d.code == code]
    expected = case.get("expect", [])
    got = [(d.location.line, d.location.column) for d in found]
    assert len(found) == len(expected), f"expected {expected}, got {got}: {[d.message.en for d in found]}"
    for d, exp in zip(found, expected):
        assert d.code == code
        assert d.location.line == exp["line"], (got, [x.message.en for x in found])
        if "column" in exp:
            assert d.location.column == exp["column"], got
        if "end_column" in exp:
            assert d.location.end_column == exp["end_column"], got
        if "message" in exp:
            assert exp["message"] in d.message.zh or exp["message"] in d.message.en, d.message
        if "severity" in exp:
            assert d.severity.value == exp["severity"]
        assert d.message.zh and d.message.en
    if "fixed" in case:
        assert apply_edits(doc.text, collect_edits(found)) == case["fixed"]


def test_every_builtin_rule_has_pass_and_fail_cases():
    yaml = YAML(typ="safe", pure=True)
    covered = {}
    for path in CASES_DIR.glob("*.yaml"):
        spec = yaml.load(path.read_text(encoding="utf-8"))
        kinds = {bool(c.get("expect")) for c in spec["cases"]}
        covered[spec["rule"]] = kinds
    for code, rule in REGISTRY.rules.items():
        if REGISTRY.origin[code] != "builtin":
            continue
        assert covered.get(code) == {True, False}, f"{code} needs passing and failing cases in tests/rules/cases/{code}.yaml"
