"""Check a rule against a YAML file of cases — for reportlint's own rules and for plugins.

A cases file names one rule and lists texts with the findings the rule must give::

    rule: ACME001
    cases:
      - name: doubled-full-stop
        text: |                 # the report text (or `file: name.txt`, read from `fixtures`)
          …。。
        kind: text              # optional: what the reader would say the file is (pdf, docx…)
        options: {…}            # optional rule options (as under `options:` in .reportlint.yaml)
        facts: {kind: government, year: 2021}   # optional report facts (config `report:`)
        notes: [no-text-layer]  # optional reader notes (what a PDF reader would report)
        expect:                 # the rule's findings, in order; [] = must find nothing
          - {line: 1, column: 2, message: "。。"}   # column, end_column, message, severity optional
        fixed: |                # optional: the text after applying the rule's fixes
          …。

``message`` is a substring of the Chinese or the English message. Whenever the
findings carry fixes, the fixed text is checked again: the fixes must remove the
findings they fix and bring in no new finding of the rule.

In a test suite::

    from reportlint.testing import check_case, load_cases

    CASES = load_cases("tests/cases/ACME001.yaml")

    @pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
    def test_acme001(case):
        check_case(case)

or ``check_cases(path)`` for the whole file at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from pathlib import Path
from typing import Any

from reportlint.core.diagnostics import Diagnostic
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.rules.base import Rule

__all__ = ["Case", "CaseFailure", "CaseFileError", "check_case", "check_cases", "load_cases", "run_case"]

EXPECT_KEYS = {"line", "column", "end_column", "message", "severity"}
CASE_KEYS = {"name", "text", "file", "kind", "options", "facts", "notes", "expect", "fixed"}


class CaseFileError(ValueError):
    """A cases file that cannot be used (not YAML, no rule, a malformed case)."""


class CaseFailure(AssertionError):
    """A rule that does not behave as its case says."""


@dataclass(frozen=True)
class Case:
    rule: str  # the code of the rule the case is for
    name: str
    spec: dict = field(repr=False)
    source: str = ""  # the cases file
    fixtures: Path | None = field(default=None, repr=False)  # where `file:` cases are read from

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


@dataclass
class CaseResult:
    case: Case
    findings: list[Diagnostic]
    fixed_text: str | None  # None when no finding carries a fix
    findings_after_fix: list[Diagnostic]


def load_cases(path: str | Path, fixtures: str | Path | None = None) -> list[Case]:
    """The cases of one YAML file. ``fixtures``: the folder ``file:`` cases name files
    in (default: the cases file's own folder)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = Path(path)
    try:
        spec = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise CaseFileError(f"{path}: cannot read the cases file: {exc}") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("rule"), str) or not isinstance(spec.get("cases"), list):
        raise CaseFileError(f"{path}: a cases file needs `rule: CODE` and a list of `cases`")
    folder = Path(fixtures) if fixtures is not None else path.parent
    out = []
    for i, item in enumerate(spec["cases"], 1):
        where = f"{path}: case {i}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise CaseFileError(f"{where}: every case needs a `name`")
        unknown = set(item) - CASE_KEYS
        if unknown:
            raise CaseFileError(f"{where} ({item['name']}): unknown keys {sorted(unknown)}")
        if ("text" in item) == ("file" in item):
            raise CaseFileError(f"{where} ({item['name']}): give exactly one of `text` and `file`")
        for exp in item.get("expect") or []:
            if not isinstance(exp, dict) or "line" not in exp or set(exp) - EXPECT_KEYS:
                raise CaseFileError(
                    f"{where} ({item['name']}): an expected finding is {{line, column, end_column, message, severity}}"
                )
        out.append(Case(spec["rule"], item["name"], item, str(path), folder))
    return out


def _document(case: Case, text: str | None = None):
    spec = case.spec
    if text is None and "file" in spec:
        from reportlint.readers import read

        extracted = read(str((case.fixtures or Path(".")) / spec["file"]))
    else:
        if text is None:
            text = spec["text"]
        extracted = Extracted(path="case.txt", kind=spec.get("kind", "text"), text=text, origins=OriginMap(text))
        extracted.notes = [ReaderNote(kind=k) for k in spec.get("notes", [])]
    return build_document(extracted, spec.get("facts"))


def _rule_class(case: Case, rule: type[Rule] | None, registry) -> tuple[type[Rule], Any]:
    if registry is None:
        from reportlint.plugins.manager import load_registry

        registry = load_registry()
    if rule is None:
        rule = registry.rules.get(case.rule)
        if rule is None:
            raise CaseFailure(f"{case.source}: no rule {case.rule} (is its plugin installed?)")
    elif rule.code != case.rule:
        raise CaseFailure(f"{case.source}: the cases are for {case.rule}, not {rule.code}")
    return rule, registry


def _findings(doc, rule_cls: type[Rule], options, registry) -> list[Diagnostic]:
    from reportlint.run.engine import Linter

    # Through the engine, so `applies_to`, last year's report and suppression comments
    # behave as in a real run.
    found = Linter(registry, None).run_rules(doc, [rule_cls(options)], doc.extracted)
    return [d for d in found if d.code == rule_cls.code]


def run_case(case: Case, rule: type[Rule] | None = None, registry=None) -> CaseResult:
    """The rule's findings on the case, and (when they carry fixes) on the fixed text."""
    from reportlint.run.fixer import apply_edits, collect_edits

    rule_cls, registry = _rule_class(case, rule, registry)
    options = case.spec.get("options")
    doc = _document(case)
    found = _findings(doc, rule_cls, options, registry)
    edits = collect_edits(found)
    if not edits:
        return CaseResult(case, found, None, [])
    fixed = apply_edits(doc.text, edits)
    after = _findings(_document(case, fixed), rule_cls, options, registry)
    return CaseResult(case, found, fixed, after)


def _describe(found: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.message.en) for d in found]


def check_case(case: Case, rule: type[Rule] | None = None, registry=None) -> CaseResult:
    """Raise :class:`CaseFailure` unless the rule behaves as ``case`` says.

    ``rule``: the rule class (default: the one registered under the case's code in
    ``registry``, default: every installed rule)."""
    result = run_case(case, rule, registry)
    found, spec = result.findings, case.spec
    expected = spec.get("expect") or []
    where = f"{case.source}: {case.name}"
    if len(found) != len(expected):
        raise CaseFailure(f"{where}: expected {len(expected)} finding(s) {expected}, got {_describe(found)}")
    for i, (d, exp) in enumerate(zip(found, expected), 1):
        got = {
            "line": d.location.line,
            "column": d.location.column,
            "end_column": d.location.end_column,
            "severity": d.severity.value,
        }
        for key in ("line", "column", "end_column", "severity"):
            if key in exp and exp[key] != got[key]:
                raise CaseFailure(
                    f"{where}: finding {i}: {key} {got[key]}, expected {exp[key]} (all: {_describe(found)})"
                )
        if not (d.message.zh and d.message.en):
            raise CaseFailure(f"{where}: finding {i} needs a Chinese and an English message")
        if "message" in exp and exp["message"] not in d.message.zh and exp["message"] not in d.message.en:
            raise CaseFailure(
                f"{where}: finding {i}: message without {exp['message']!r}: {d.message.zh} / {d.message.en}"
            )
    if (
        "fixed" in spec
        and (result.fixed_text if result.fixed_text is not None else _source_text(case)) != spec["fixed"]
    ):
        raise CaseFailure(f"{where}: the fixed text differs:\n{result.fixed_text!r}\nexpected\n{spec['fixed']!r}")
    if result.fixed_text is not None:
        # What the fixes leave must be exactly the findings that had no fix.
        unfixed = Counter(d.message.en for d in found if not (d.fix and d.fix.edits))
        left = Counter(d.message.en for d in result.findings_after_fix)
        if left - unfixed:
            raise CaseFailure(
                f"{where}: after the fixes the rule still (or newly) finds {_describe(result.findings_after_fix)}"
            )
    return result


def _source_text(case: Case) -> str:
    return _document(case).text


def check_cases(
    path: str | Path, rule: type[Rule] | None = None, registry=None, fixtures: str | Path | None = None
) -> int:
    """Check every case of a cases file; raise :class:`CaseFailure` listing each case that
    fails. Returns the number of cases checked."""
    cases = load_cases(path, fixtures)
    failures = []
    for case in cases:
        try:
            check_case(case, rule, registry)
        except CaseFailure as exc:
            failures.append(str(exc))
    if failures:
        raise CaseFailure("\n".join(failures))
    return len(cases)
