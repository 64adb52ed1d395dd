"""RL003 not-a-report."""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.i18n import T
from reportlint.rule import Rule


def looks_like_no_report(doc) -> bool:
    """True when ``doc`` is plainly not an annual report: no report title, none of the
    sections, none of the tables, no outline sentence and none of the report's words
    (``rules/report_markers.yaml``). Any one sign keeps it a report."""
    from reportlint import ruledata

    if any(note.kind == "no-text-layer" for note in doc.extracted.notes):
        return False  # a scan: RL001 says why nothing can be checked
    text = doc.view.text
    if not text.strip():
        return False  # an empty file is reported as such by the report rules
    meta = doc.meta
    if meta.title or meta.page_title or meta.outline_keys or doc.sections:
        return False
    if any(table is not None for table in doc.tables.values()):
        return False
    data = ruledata.load("report_markers")
    head = text[: int(data.get("scan_chars", 20000))]
    return not any(word in head for word in data["words"])


class NotAReport(Rule):
    """The file is not an annual report, so it was not checked as one.

    A README, a notice or a list of links kept in a folder of reports has no report
    title, none of the six parts and none of the tables. Checking it as a report
    would give a dozen findings that mean nothing and fail the run; instead it gets
    this one note and passes. Use ``--force-report`` (or ``force-report: true`` in
    the configuration) to check such a file as a report anyway, or ``exclude`` it.

    Bad:
        README.md — "# reportlint / A linter… / ## Install" in a folder of reports.
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告.docx
    """

    code = "RL003"
    name = "not-a-report"
    category = "structure"
    severity = Severity.INFO
    summary_zh = "文件不是政府信息公开工作年度报告，未按报告检查。"
    rationale_zh = (
        "与报告放在同一目录的说明文件、通知或链接列表没有报告标题、没有任何一个部分，也没有表格。"
        "按报告检查只会得到十几条没有意义的问题并使检查失败；因此只给出这一条提示，不计为失败。"
        "如确需按报告检查，请加 --force-report（或在配置中写 force-report: true），不需要时可用 exclude 排除。"
    )
    messages = {
        "not_report": T(
            "此文件不像政府信息公开工作年度报告（没有报告标题、没有任何部分、没有表格），未按报告检查；"
            "如确是报告，请加 --force-report（或配置 force-report: true）再检查",
            "this file does not look like an annual report (no report title, none of the sections, no tables), "
            "so it was not checked as one; if it is a report, check it with --force-report "
            "(or force-report: true in the configuration)",
        )
    }

    def check(self, doc):
        if looks_like_no_report(doc):
            yield self.report(doc, None, "not_report")
