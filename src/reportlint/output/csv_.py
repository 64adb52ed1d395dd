"""CSV for spreadsheets: ``csv`` (one row per finding) and ``csv-records`` (one row per
file of the run: the report's record and its score).

* ``csv`` — the columns of :data:`reportlint.output.tabular.FINDING_HEADERS` (file,
  agency, line, cell, code, rule, category, severity, message, fix); a file that could
  not be checked is a row of its own with the rule ``not-checked`` and the reason as
  the message, so that no file drops out silently. With ``--statistics``: one row per
  rule (code, name, severity, count, fixable).
* ``csv-records`` — the record's columns (:data:`reportlint.output.tabular.RECORD_COLUMNS`),
  then one count column per rule category that has findings; clean files and files not
  checked are rows too.

Two formats rather than one with an option: each file is one table with one header,
which is what a spreadsheet (and ``csv.DictReader``) can open.

Encoding: UTF-8 *with* a byte-order mark, on stdout as in ``--output-file``. Excel on a
Chinese Windows PC opens a CSV without a BOM in the ANSI code page (GBK) and shows the
Chinese as mojibake; with the BOM it reads UTF-8. Python reads it with
``encoding="utf-8-sig"``. Rows end with ``\\r\\n`` (RFC 4180). Headers are Chinese, English
with ``--lang en``.

Cells that begin with ``=``, ``+``, ``-``, ``@`` or a tab/CR are text from the reports,
never formulas: they get a leading ``'`` so that a spreadsheet does not evaluate them
(CSV injection); numbers are written as numbers.
"""

from __future__ import annotations

import csv
from typing import TextIO

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import SEVERITY_LABELS, Formatter, json_safe, rule_statistics
from reportlint.output.tabular import (
    FINDING_HEADERS,
    Cell,
    category_columns,
    finding_rows,
    record_headers,
    record_row,
    records_of,
)

BOM = "\ufeff"
NOT_CHECKED = "not-checked"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_STATISTICS_HEADERS = (
    T("代码", "Code"),
    T("规则", "Rule"),
    T("级别", "Severity"),
    T("问题数", "Findings"),
    T("可自动修复", "Fixable"),
)


def _safe(value: Cell) -> Cell:
    if isinstance(value, str):
        value = json_safe(value)  # an undecodable byte of a file name: U+FFFD
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


class _Writer:
    def __init__(self, out: TextIO):
        self.out = out
        out.write(BOM)
        self.csv = csv.writer(out, lineterminator="\r\n")

    def row(self, cells: list[Cell]) -> None:
        self.csv.writerow([_safe(c) for c in cells])


class CsvFindingsFormatter:
    name = "csv"

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        audit: AuditSummary | None = None,
    ) -> None:
        # ``audit`` is accepted for the common interface; the records are ``csv-records``.
        writer = _Writer(out)
        if statistics:
            writer.row([h.get(lang) for h in _STATISTICS_HEADERS])
            for s in rule_statistics(results):
                severity = SEVERITY_LABELS[Severity(s["severity"])].get(lang)
                writer.row([s["code"], s["name"], severity, s["count"], s["fixable"]])
            return
        writer.row([h.get(lang) for h in FINDING_HEADERS])
        failed = sorted((r for r in results if r.error is not None), key=lambda r: r.path)
        for _d, row in finding_rows(results, lang):
            while failed and failed[0].path < row[0]:  # type: ignore[operator]
                writer.row(_not_checked_row(failed.pop(0), lang))
            writer.row(row)
        for r in failed:
            writer.row(_not_checked_row(r, lang))


def _not_checked_row(result: FileResult, lang: str) -> list[Cell]:
    assert result.error is not None
    record = result.record
    return [
        result.path,
        record.agency if record is not None else None,
        result.error.line,
        None,
        None,
        NOT_CHECKED,
        None,
        SEVERITY_LABELS[Severity.ERROR].get(lang),
        result.error.message.get(lang),
        None,
    ]


class CsvRecordsFormatter:
    name = "csv-records"

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        audit: AuditSummary | None = None,
    ) -> None:
        records = records_of(results, audit)
        categories = category_columns(records)
        writer = _Writer(out)
        writer.row(list(record_headers(categories, lang)))
        for record in records:
            writer.row(record_row(record, categories, lang))


FORMATTER: Formatter = CsvFindingsFormatter()
