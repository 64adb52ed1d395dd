"""Rows and columns shared by the spreadsheet-like formats (``xlsx``, ``csv``,
``csv-records``): one row per finding, one row per report record.

The headers are what a reviewer reads (Chinese, English with ``--lang en``); the cells
are plain ``str`` / ``int`` / ``float`` / ``None`` so that a writer only has to put
them down. Findings are ordered as everywhere else (:func:`reportlint.output.iter_sorted`);
records by path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from reportlint.core.diagnostics import Diagnostic
from reportlint.core.i18n import T, Text
from reportlint.core.records import CHECKED, NOT_A_REPORT, UNREADABLE, AuditSummary, Deduction, ReportRecord
from reportlint.output import SEVERITY_LABELS, describe_cell, iter_sorted

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.core.results import FileResult

Cell = str | int | float | None

# -- findings ------------------------------------------------------------------------------

FINDING_HEADERS: tuple[Text, ...] = (
    T("文件", "File"),
    T("单位", "Agency"),
    T("行", "Line"),
    T("单元格", "Cell"),
    T("代码", "Code"),
    T("规则", "Rule"),
    T("类别", "Category"),
    T("级别", "Severity"),
    T("问题", "Message"),
    T("修改建议", "Fix"),
)
# Column widths in characters (a CJK character counts two): what the spreadsheet sets.
FINDING_WIDTHS: tuple[int, ...] = (36, 24, 6, 30, 8, 24, 10, 6, 70, 40)


def finding_row(d: Diagnostic, result: FileResult, lang: str) -> list[Cell]:
    """One finding as the cells of :data:`FINDING_HEADERS`."""
    from reportlint.output.rule_docs import CATEGORY_NAMES

    record = result.record
    category = CATEGORY_NAMES.get(d.category)
    return [
        result.path,
        record.agency if record is not None else None,
        d.location.line,
        describe_cell(d.location.cell, lang) if d.location.cell is not None else None,
        d.code,
        d.name,
        category.get(lang) if category is not None else d.category,
        SEVERITY_LABELS[d.severity].get(lang),
        d.message.get(lang),
        d.fix.description.get(lang) if d.fix is not None else None,
    ]


def finding_rows(results: Iterable[FileResult], lang: str) -> Iterable[tuple[Diagnostic, list[Cell]]]:
    """Every finding of ``results`` (ordered by path, line, column, code) with its row."""
    for result, d in iter_sorted(results):
        yield d, finding_row(d, result, lang)


# -- records -------------------------------------------------------------------------------

_STATUS = {
    CHECKED: T("已检查", "checked"),
    NOT_A_REPORT: T("不是年度报告", "not a report"),
    UNREADABLE: T("无法读取", "could not be read"),
}
_KIND = {
    "department": T("部门", "department"),
    "government": T("政府", "government"),
    "township": T("乡镇（街道）", "township"),
}
_DATE_SOURCE = {"signature": T("落款日期", "signature"), "page": T("网页日期", "page")}


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def deductions_text(deductions: list[Deduction], lang: str) -> str | None:
    """``未按要素撰写 −5：发现问题 RL201×1；…`` — each deduction with its points and reason."""
    if not deductions:
        return None
    sep = "; " if lang == "en" else "；"
    colon = ": " if lang == "en" else "："
    return sep.join(f"{d.label.get(lang)} −{d.points:g}{colon}{d.reason.get(lang)}" for d in deductions)


def _deductions(record: ReportRecord, lang: str) -> str | None:
    return deductions_text(record.deductions, lang)


# (header, width, cell) — the record's columns in the order a reviewer reads them.
RecordColumn = tuple[Text, int, Callable[[ReportRecord, str], Cell]]
RECORD_COLUMNS: tuple[RecordColumn, ...] = (
    (T("文件", "File"), 36, lambda r, lang: r.path),
    (T("单位", "Agency"), 24, lambda r, lang: r.agency),
    (
        T("单位类型", "Kind"),
        10,
        lambda r, lang: _KIND[r.agency_kind].get(lang) if r.agency_kind in _KIND else r.agency_kind,
    ),
    (T("年度", "Year"), 6, lambda r, lang: r.year),
    (T("状态", "Status"), 10, lambda r, lang: _STATUS[r.status].get(lang) if r.status in _STATUS else r.status),
    (T("原因", "Reason"), 30, lambda r, lang: r.reason.get(lang) if r.reason is not None else None),
    (T("格式", "Format"), 8, lambda r, lang: r.format),
    (
        T("表格样式", "Table layouts"),
        24,
        lambda r, lang: " ".join(f"{k}:{v}" for k, v in sorted(r.layouts.items())) or None,
    ),
    (T("发布日期", "Published on"), 12, lambda r, lang: r.published_on),
    (
        T("日期来源", "Date from"),
        10,
        lambda r, lang: _DATE_SOURCE[r.date_source].get(lang) if r.date_source in _DATE_SOURCE else r.date_source,
    ),
    (T("截止日期", "Due on"), 12, lambda r, lang: r.due_on),
    (T("逾期天数", "Days late"), 8, lambda r, lang: r.late_days),
    (T("错误", "Errors"), 6, lambda r, lang: r.counts.get("error", 0)),
    (T("警告", "Warnings"), 6, lambda r, lang: r.counts.get("warning", 0)),
    (T("提示", "Info"), 6, lambda r, lang: r.counts.get("info", 0)),
    (T("与上年重复（%）", "Repeated from last year (%)"), 10, lambda r, lang: _percent(r.copied_from_last_year)),
    (T("上年报告", "Last year's report"), 30, lambda r, lang: r.last_year_path),
    (T("名录单位", "Roster name"), 24, lambda r, lang: r.roster_name),
    (T("上级单位", "Parent"), 24, lambda r, lang: r.parent),
    (T("地区", "Region"), 12, lambda r, lang: r.region),
    (T("得分", "Score"), 6, lambda r, lang: r.score),
    (T("满分", "Out of"), 6, lambda r, lang: r.max_score),
    (T("扣分明细", "Deductions"), 50, _deductions),
)


def category_columns(records: Iterable[ReportRecord]) -> list[str]:
    """The rule categories any record has findings in, in the order ``reportlint rules``
    lists them (categories of plugins after, by name): one count column each."""
    from reportlint.output.rule_docs import CATEGORY_NAMES

    seen = {c for r in records for c, n in r.categories.items() if n}
    known = [c for c in CATEGORY_NAMES if c in seen]
    return known + sorted(seen - set(known))


def category_label(category: str, lang: str) -> str:
    from reportlint.output.rule_docs import CATEGORY_NAMES

    name = CATEGORY_NAMES.get(category)
    return name.get(lang) if name is not None else category


def record_headers(categories: list[str], lang: str) -> list[str]:
    suffix = " (findings)" if lang == "en" else "（问题数）"
    return [h.get(lang) for h, _, _ in RECORD_COLUMNS] + [category_label(c, lang) + suffix for c in categories]


def record_widths(categories: list[str]) -> list[int]:
    return [w for _, w, _ in RECORD_COLUMNS] + [12] * len(categories)


def record_row(record: ReportRecord, categories: list[str], lang: str) -> list[Cell]:
    return [cell(record, lang) for _, _, cell in RECORD_COLUMNS] + [record.categories.get(c, 0) for c in categories]


def records_of(results: Iterable[FileResult], audit: AuditSummary | None = None) -> list[ReportRecord]:
    """One record per file, ordered by path: the audit's records when the run made an
    audit (they carry the roster entry and the score), else each result's own record.
    A result without a record (made by hand, through the API) gets a minimal one: its
    path, status and counts."""
    if audit is not None and audit.records:
        return sorted(audit.records, key=lambda r: r.path)
    records = []
    for result in results:
        record = result.record
        if record is None:
            record = _minimal_record(result)
        records.append(record)
    return sorted(records, key=lambda r: r.path)


def _minimal_record(result: FileResult) -> ReportRecord:
    record = ReportRecord(path=result.path, format=result.kind)
    if result.error is not None:
        record.status = UNREADABLE
        record.reason = result.error.message
    counts: dict[str, int] = {}
    categories: dict[str, int] = {}
    rules: dict[str, int] = {}
    for d in result.diagnostics:
        counts[d.severity.value] = counts.get(d.severity.value, 0) + 1
        categories[d.category] = categories.get(d.category, 0) + 1
        rules[d.code] = rules.get(d.code, 0) + 1
    record.counts, record.categories, record.rules = counts, categories, rules
    return record
