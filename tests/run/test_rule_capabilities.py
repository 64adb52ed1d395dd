"""What a rule asks of the engine is declared on the rule class (rules/base.py), never
looked up by code: any rule — a plugin's too — gets the same treatment as the built-in
RL002 (checks_suppressions) and RL003 (screens_document)."""

from __future__ import annotations

import pytest

from reportlint.config import ConfigLoader
from reportlint.core.diagnostics import Severity
from reportlint.core.errors import UsageError
from reportlint.core.i18n import T
from reportlint.plugins.manager import Registry
from reportlint.rules.base import Rule
from reportlint.run.engine import Linter, LintOptions

TEXT = "第一行\n<!-- reportlint-disable-next-line ACME002 -->\n第三行里有甲字\n"


class FindsJia(Rule):
    """Finds 甲.

    Bad:
        甲
    Good:
        乙
    """

    code, name, category, severity = "ACME002", "finds-jia", "artifact", Severity.WARNING
    messages = {"jia": T("有甲", "has jia")}

    def check(self, doc):
        i = doc.text.find("甲")
        if i >= 0:
            yield self.report(doc, (i, i + 1), "jia")


class ReportsUnusedComments(Rule):
    """Reports suppression comments that suppress nothing.

    Bad:
        x
    Good:
        y
    """

    code, name, category, severity = "ACME003", "unused-comment", "artifact", Severity.INFO
    checks_suppressions = True
    messages = {"unused": T("无用：{codes}", "unused: {codes}")}

    def check(self, doc):
        raise AssertionError("the engine must not call check() of a checks_suppressions rule")

    def check_suppressions(self, doc, unused):
        for d in unused:
            yield self.report(doc, None, "unused", codes=" ".join(sorted(d.codes)), data={"line": d.line})


class ScreensOutNotes(Rule):
    """A file saying 会议纪要 is not a report.

    Bad:
        会议纪要
    Good:
        年度报告
    """

    code, name, category, severity = "ACME004", "meeting-notes", "artifact", Severity.INFO
    screens_document = True
    messages = {"notes": T("不是报告", "not a report")}

    def check(self, doc):
        if "会议纪要" in doc.text:
            yield self.report(doc, None, "notes")


def linter(options: LintOptions | None = None) -> Linter:
    registry = Registry()
    for cls in (FindsJia, ReportsUnusedComments, ScreensOutNotes):
        registry.add(cls, "acme", builtin=False)
    return Linter(registry, ConfigLoader(None, select=["ACME"]), options or LintOptions())


def codes(result) -> list[str]:
    assert result.error is None, result.error
    return [d.code for d in result.diagnostics]


def test_a_used_suppression_comment_is_not_reported(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert codes(linter().lint_path(str(path))) == []  # 甲 suppressed; the comment was used


def test_a_checks_suppressions_rule_gets_the_unused_comments(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT.replace("甲", "乙"), encoding="utf-8")
    result = linter().lint_path(str(path))
    assert codes(result) == ["ACME003"]
    assert result.diagnostics[0].message.en == "unused: ACME002"
    assert result.diagnostics[0].data["line"] == 2  # the comment's own line


def test_a_screens_document_rule_replaces_every_other_finding(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n甲\n", encoding="utf-8")
    assert codes(linter().lint_path(str(path))) == ["ACME004"]
    # forced: the screening rule is skipped, the others run
    assert codes(linter(LintOptions(force_report=True)).lint_path(str(path))) == ["ACME002"]


def test_a_screens_document_rule_that_finds_nothing_stays_silent(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("年度报告\n甲\n", encoding="utf-8")
    assert codes(linter().lint_path(str(path))) == ["ACME002"]


def test_a_capability_must_be_declared_as_a_bool():
    class Vague(FindsJia):
        code = "ACME005"
        needs_previous = "yes"

    with pytest.raises(UsageError) as info:
        Registry().add(Vague, "acme", builtin=False)
    assert "needs_previous must be True or False" in info.value.message.en
