"""RL002 unused-suppression."""

from __future__ import annotations

from reportlint.core.diagnostics import Edit, Fix, Location, Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class UnusedSuppression(Rule):
    """A ``reportlint-disable`` comment that suppresses nothing.

    Suppressions outlive the problems they were written for. One that no longer
    matches a finding hides nothing today but will silently hide a new problem
    tomorrow, so remove it. The engine runs this rule after all others, on the
    suppression comments it found.

    Bad:
        <!-- reportlint-disable-next-line RL801 -->
        一、总体情况
    Good:
        一、总体情况
    """

    code = "RL002"
    name = "unused-suppression"
    category = "artifact"
    severity = Severity.WARNING
    checks_suppressions = True
    summary_zh = "禁用注释没有屏蔽任何问题。"
    rationale_zh = (
        "屏蔽注释往往比它针对的问题活得久。一条不再匹配任何问题的注释今天什么也没屏蔽，"
        "明天却可能悄悄藏起一个新问题，应当删除。本规则在其他规则之后、根据找到的屏蔽注释运行。"
    )
    messages = {
        "unused": T(
            "屏蔽注释没有屏蔽任何问题（{codes}），请删除",
            "suppression comment matches no finding ({codes}); remove it",
        )
    }

    def check(self, doc):
        return ()  # findings come from check_suppressions, called by the engine after filtering

    def check_suppressions(self, doc, unused):
        for d in unused:
            codes = " ".join(sorted(d.codes)) or "ALL"
            diag = self.report(doc, None, "unused", codes=codes)
            diag.location = Location(d.line, d.column, d.line, d.end_column)
            if doc.extracted.editable:
                start = doc.extracted.origins.line_start(d.line) + d.column - 1
                end = start + (d.end_column - d.column)
                diag.fix = Fix(T("删除屏蔽注释", "remove the suppression comment"), (Edit(start, end, ""),))
            yield diag
