"""reportlint.testing on a plugin rule built here: a YAML cases file checks the rule's
findings, its fixes, and the fixed text checked again — and says which case failed."""

from __future__ import annotations

import textwrap

import pytest

from reportlint.core.diagnostics import Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.plugins.manager import Registry
from reportlint.rules.base import Rule
from reportlint.testing import CaseFailure, CaseFileError, check_case, check_cases, load_cases


class OldOfficeName(Rule):
    """The office's old name 政务公开办 instead of 政务公开办公室.

    The office was renamed; reports keep the old short form by copy and paste.

    Bad:
        由政务公开办负责。
    Good:
        由政务公开办公室负责。
    """

    code = "ACME001"
    name = "old-office-name"
    category = "consistency"
    severity = Severity.WARNING
    # The text a fix writes: a real rule writes the right name; the tests below also
    # try fixes that leave the finding, or make a new one.
    options = {"replacement": "政务公开办公室"}
    messages = {"old": T("应写作“政务公开办公室”", "write '政务公开办公室'")}

    def check(self, doc):
        start = 0
        while (at := doc.text.find("政务公开办", start)) >= 0:
            start = at + len("政务公开办")
            if doc.text.startswith("公室", start):
                continue
            fix = Fix(T("改为全称", "use the full name"), (Edit(at, start, self.opts["replacement"]),))
            yield self.report(doc, (at, start), "old", fix=fix)


def registry() -> Registry:
    reg = Registry()
    reg.add(OldOfficeName, "acme", builtin=False)
    return reg


CASES = """\
rule: ACME001
cases:
  - name: old-name
    text: |
      一、总体情况
      由政务公开办负责。
    expect:
      - {line: 2, column: 2, end_column: 7, message: "政务公开办公室", severity: warning}
    fixed: |
      一、总体情况
      由政务公开办公室负责。
  - name: full-name-passes
    text: |
      由政务公开办公室负责。
    expect: []
  - name: from-a-file
    file: report.txt
    expect:
      - {line: 1, message: "write"}
"""


@pytest.fixture
def cases_file(tmp_path):
    (tmp_path / "report.txt").write_text("政务公开办\n", encoding="utf-8")
    path = tmp_path / "ACME001.yaml"
    path.write_text(CASES, encoding="utf-8")
    return path


def write_cases(tmp_path, body: str):
    path = tmp_path / "cases.yaml"
    path.write_text("rule: ACME001\ncases:\n" + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


def test_a_plugin_rule_passes_its_cases(cases_file):
    assert check_cases(cases_file, registry=registry()) == 3
    cases = load_cases(cases_file)
    assert [c.id for c in cases] == ["ACME001-old-name", "ACME001-full-name-passes", "ACME001-from-a-file"]
    result = check_case(cases[0], rule=OldOfficeName, registry=registry())
    assert result.fixed_text == "一、总体情况\n由政务公开办公室负责。\n"
    assert result.findings_after_fix == []


@pytest.mark.parametrize(
    "expect, wrong",
    [
        ("{line: 2}", "line 1, expected 2"),
        ("{line: 1, column: 3}", "column 2, expected 3"),
        ("{line: 1, message: 科室}", "message without '科室'"),
        ("{line: 1, severity: error}", "severity warning, expected error"),
    ],
)
def test_a_wrong_expectation_fails_naming_the_case(tmp_path, expect, wrong):
    path = write_cases(
        tmp_path,
        f"""\
        - name: the-case
          text: "由政务公开办负责。"
          expect: [{expect}]
        """,
    )
    with pytest.raises(CaseFailure) as failure:
        check_cases(path, registry=registry())
    assert "the-case" in str(failure.value) and wrong in str(failure.value)


def test_a_missing_or_extra_finding_fails(tmp_path):
    path = write_cases(
        tmp_path,
        """\
        - name: finds-nothing
          text: "由政务公开办负责。"
          expect: []
        """,
    )
    with pytest.raises(CaseFailure, match="expected 0 finding"):
        check_cases(path, registry=registry())


def test_the_fixed_text_must_be_the_one_given(tmp_path):
    path = write_cases(
        tmp_path,
        """\
        - name: wrong-fixed-text
          text: "由政务公开办负责。"
          expect: [{line: 1}]
          fixed: "由政务公开办负责。"
        """,
    )
    with pytest.raises(CaseFailure, match="fixed text differs"):
        check_cases(path, registry=registry())


@pytest.mark.parametrize(
    "replacement",
    ["政务公开办", "政务公开办、政务公开办"],
    ids=["fix-leaves-the-finding", "fix-makes-a-new-finding"],
)
def test_the_fixed_text_is_checked_again(tmp_path, replacement):
    # No `fixed:` given: the harness still applies the fixes and checks the result.
    path = write_cases(
        tmp_path,
        f"""\
        - name: bad-fix
          text: "由政务公开办负责。"
          options: {{replacement: "{replacement}"}}
          expect: [{{line: 1}}]
        """,
    )
    with pytest.raises(CaseFailure, match="after the fixes"):
        check_cases(path, registry=registry())


def test_a_rule_that_is_not_installed_is_named(cases_file):
    with pytest.raises(CaseFailure, match="no rule ACME001"):
        check_cases(cases_file, registry=Registry())


@pytest.mark.parametrize(
    "content, problem",
    [
        ("cases: []\n", "needs `rule: CODE`"),
        ("rule: ACME001\ncases:\n  - {text: x}\n", "needs a `name`"),
        ("rule: ACME001\ncases:\n  - {name: a, text: x, file: y}\n", "exactly one of `text` and `file`"),
        ("rule: ACME001\ncases:\n  - {name: a, text: x, expect: [{column: 1}]}\n", "expected finding"),
        ("rule: ACME001\ncases:\n  - {name: a, txt: x}\n", "unknown keys"),
        ("rule: [\n", "cannot read"),
    ],
)
def test_a_malformed_cases_file_is_refused_by_name(tmp_path, content, problem):
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CaseFileError) as error:
        load_cases(path)
    assert str(path) in str(error.value) and problem in str(error.value)
