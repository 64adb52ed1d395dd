"""``--format xlsx``: an Excel workbook for reviewers, written with XlsxWriter.

Sheets, in order (names in Chinese, English with ``--lang en``):

* **报告 / Reports** — one row per file of the run, clean files and files not checked
  included: the record's columns (:data:`reportlint.output.tabular.RECORD_COLUMNS`:
  file, agency, kind, year, status, reason, format, table layouts, publication date,
  deadline, days late, counts by severity, share repeated from last year, roster entry,
  score and deductions), then one count column per rule category with findings;
* **问题 / Findings** — one row per finding: file, agency, line, cell, code, rule,
  category, severity, message, fix (the json output's findings, in its order);
* one sheet per rule category that has findings (结构, 勾稽关系, …), the findings' rows
  of that category;
* **名录覆盖 / Coverage** — with ``--roster``: agencies without a report, with two,
  reports for another year, of an agency not on the roster, or fitting several entries;
* **雷同报告 / Near duplicates** — when the batch has reports of different agencies
  that are mostly the same;
* **规则统计 / Rule statistics** — with ``--statistics``: findings counted per rule.

Every sheet has a frozen, bold header row, an autofilter over its rows and set column
widths. Cells are typed: numbers as numbers, everything else as text — a message that
starts with ``=`` is text, never a formula (``strings_to_formulas`` off).

XlsxWriter's ``constant_memory`` mode writes each row out as it goes, so 10,000
reports and their findings take little memory. The workbook is a zip: it goes to a
binary stream (``out``), which the command line puts in place only when complete.
XlsxWriter is imported only here, when ``--format xlsx`` is asked for.
"""

from __future__ import annotations

from typing import IO, Any

from reportlint.core.diagnostics import Severity
from reportlint.core.errors import UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import SEVERITY_LABELS, rule_statistics
from reportlint.output.tabular import (
    FINDING_HEADERS,
    FINDING_WIDTHS,
    Cell,
    category_columns,
    category_label,
    deductions_text,
    finding_rows,
    record_headers,
    record_row,
    record_widths,
    records_of,
)

REPORTS_SHEET = T("报告", "Reports")
FINDINGS_SHEET = T("问题", "Findings")
COVERAGE_SHEET = T("名录覆盖", "Coverage")
DUPLICATES_SHEET = T("雷同报告", "Near duplicates")
HIERARCHY_SHEET = T("上下级核对", "Hierarchy")
STATISTICS_SHEET = T("规则统计", "Rule statistics")
_STATISTICS_HEADERS = (
    T("代码", "Code"),
    T("规则", "Rule"),
    T("级别", "Severity"),
    T("问题数", "Findings"),
    T("可自动修复", "Fixable"),
)
_COVERAGE_HEADERS = (
    T("情况", "Issue"),
    T("名录单位", "Roster name"),
    T("文件", "File"),
    T("说明", "Detail"),
    T("得分", "Score"),
    T("满分", "Out of"),
    T("扣分明细", "Deductions"),
)
_MISSING = T("未报送", "no report")
_DUPLICATE = T("重复报送", "more than one report")
_OTHER_YEAR = T("年度不符", "another year")
_OTHER_AGENCY = T("不在名录中", "not on the roster")
_UNNAMED = T("未识别单位名称", "agency not found in the report")
_AMBIGUOUS = T("对应多个名录单位", "fits several roster entries")
_DUPLICATES_HEADERS = (
    T("文件甲", "File A"),
    T("单位甲", "Agency A"),
    T("文件乙", "File B"),
    T("单位乙", "Agency B"),
    T("相同比例（%）", "Shared (%)"),
)
_HIERARCHY_HEADERS = (
    T("上级报告", "Parent report"),
    T("上级单位", "Parent"),
    T("数字", "Figure"),
    T("上级数字", "Parent's figure"),
    T("下级之和", "Children's sum"),
    T("已汇总的下级报告", "Children's reports summed"),
    T("缺报的下级单位", "Children without a report"),
    T("说明", "Message"),
)

# Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules).
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(name: str, taken: set[str]) -> str:
    base = name.translate(_SHEET_FORBIDDEN)[:31] or "_"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


class _Sheet:
    """A worksheet written row by row (constant_memory: rows in order)."""

    def __init__(self, workbook, name: str, headers: list[str], widths: list[int], header_format):
        self.ws = workbook.add_worksheet(name)
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)
        self.columns = len(headers)
        self.ws.freeze_panes(1, 0)
        for col, header in enumerate(headers):
            self.ws.write_string(0, col, header, header_format)
        self.row = 0

    def add(self, cells: list[Cell]) -> None:
        self.row += 1
        for col, value in enumerate(cells):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                self.ws.write_boolean(self.row, col, value)
            elif isinstance(value, (int, float)):
                self.ws.write_number(self.row, col, value)
            else:
                self.ws.write_string(self.row, col, str(value))

    def close(self) -> None:
        self.ws.autofilter(0, 0, max(self.row, 1), self.columns - 1)


class XlsxFormatter:
    name = "xlsx"
    binary = True  # render() writes bytes to a binary ``out``

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: IO[bytes] | Any,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        audit: AuditSummary | None = None,
    ) -> None:
        try:
            import xlsxwriter
        except ImportError:  # pragma: no cover - the dependency is declared
            raise UsageError(
                T(
                    "--format xlsx 需要 XlsxWriter，请安装：pip install XlsxWriter",
                    "--format xlsx needs XlsxWriter: pip install XlsxWriter",
                )
            ) from None
        workbook = xlsxwriter.Workbook(
            out,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        header_format = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        taken: set[str] = set()
        sheets: list[_Sheet] = []

        def sheet(name: Text | str, headers: list[str], widths: list[int]) -> _Sheet:
            label = name.get(lang) if isinstance(name, Text) else name
            s = _Sheet(workbook, _sheet_name(label, taken), headers, widths, header_format)
            sheets.append(s)
            return s

        records = records_of(results, audit)
        categories = category_columns(records)
        reports = sheet(REPORTS_SHEET, record_headers(categories, lang), record_widths(categories))
        for record in records:
            reports.add(record_row(record, categories, lang))

        finding_headers = [h.get(lang) for h in FINDING_HEADERS]
        findings = sheet(FINDINGS_SHEET, finding_headers, list(FINDING_WIDTHS))
        by_category: dict[str, _Sheet] = {}
        # The category sheets are made up front, in the order of the record columns, so
        # that sheet order does not depend on which finding comes first.
        seen = {d.category for r in results for d in r.diagnostics}
        for category in [c for c in categories if c in seen] + sorted(seen - set(categories)):
            by_category[category] = sheet(category_label(category, lang), finding_headers, list(FINDING_WIDTHS))
        for d, row in finding_rows(results, lang):
            findings.add(row)
            by_category[d.category].add(row)

        if audit is not None and audit.coverage is not None:
            headers = [h.get(lang) for h in _COVERAGE_HEADERS]
            _coverage(sheet(COVERAGE_SHEET, headers, [14, 30, 40, 30, 6, 6, 50]), audit, lang)
        if audit is not None and audit.near_duplicates:
            dup = sheet(DUPLICATES_SHEET, [h.get(lang) for h in _DUPLICATES_HEADERS], [40, 24, 40, 24, 12])
            for pair in sorted(audit.near_duplicates, key=lambda p: (-p.share, p.path_a, p.path_b)):
                dup.add([pair.path_a, pair.agency_a, pair.path_b, pair.agency_b, round(pair.share * 100, 1)])
        if audit is not None and audit.hierarchy:
            sep = ", " if lang == "en" else "、"
            widths = [40, 24, 24, 10, 10, 50, 30, 60]
            tree = sheet(HIERARCHY_SHEET, [h.get(lang) for h in _HIERARCHY_HEADERS], widths)
            for h in audit.hierarchy:
                tree.add(
                    [
                        h.parent_path,
                        h.parent_agency,
                        h.figure,
                        h.parent_value,
                        h.children_sum,
                        "\n".join(h.children),
                        sep.join(h.missing_children),
                        h.message.get(lang) if h.message is not None else None,
                    ]
                )

        if statistics:  # --statistics: the counts per rule as a sheet of their own
            stats = sheet(STATISTICS_SHEET, [h.get(lang) for h in _STATISTICS_HEADERS], [8, 30, 8, 10, 12])
            for item in rule_statistics(results):
                severity = SEVERITY_LABELS[Severity(item["severity"])].get(lang)
                stats.add([item["code"], item["name"], severity, item["count"], item["fixable"]])

        for s in sheets:
            s.close()
        workbook.close()


def _coverage(s: _Sheet, audit: AuditSummary, lang: str) -> None:
    cov = audit.coverage
    assert cov is not None
    for entry in cov.missing:  # scored 0 under a profile: the deduction says why
        detail = T("{y} 年度", "year {y}").format(y=cov.year).get(lang) if cov.year is not None else None
        s.add(
            [
                _MISSING.get(lang),
                entry.name,
                None,
                detail,
                entry.score,
                entry.max_score,
                deductions_text(entry.deductions, lang),
            ]
        )
    for name, paths in sorted(cov.duplicates.items()):
        for path in paths:
            s.add([_DUPLICATE.get(lang), name, path, None])
    for path, year in cov.other_year:
        s.add([_OTHER_YEAR.get(lang), None, path, str(year)])
    for path, agency in cov.other_agency:
        s.add([_OTHER_AGENCY.get(lang), None, path, agency])
    for path in cov.unnamed:
        s.add([_UNNAMED.get(lang), None, path, None])
    sep = ", " if lang == "en" else "、"
    for path, names in sorted(cov.ambiguous.items()):
        s.add([_AMBIGUOUS.get(lang), sep.join(names), path, None])


FORMATTER = XlsxFormatter()
