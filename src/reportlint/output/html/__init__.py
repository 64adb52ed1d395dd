"""An audit report for people reviewing many reports: one self-contained HTML page.

``reportlint check DIR --format html --output-file audit.html`` writes a page with

- a summary: reports checked, how many are clean, findings by category and by
  severity, a bar chart of the most frequent problems (by rule);
- the report list (:mod:`.listing`): one row per file — files that could not be read
  first, then by path in natural order (``file2`` before ``file10``) — sortable by
  clicking a column header, filterable by agency or path (text), region, kind, rule,
  category and status, grouped by the roster's parent on request, 100 rows a page;
- when a row is opened, that report's section: its findings (severity, code, message,
  the quoted source line with the span highlighted, the suggested fix), or the error
  that stopped it, and, when given, tables 二/三/四 as parsed, with the cells named by
  findings (``Diagnostic.location.cell``) highlighted, and unfilled cells marked.

At office scale (10,000 reports) the page must open and filter quickly, so nothing per
report is laid out until asked for: the rows are one JSON block the script draws a page
at a time, and each report's section is a JSON block of its own (gzipped markup,
:func:`.assets.section_block`) drawn when its row is opened. Printing draws every row the
filters keep. ``benchmarks/bench_html.py`` measures the page of 10,000 reports.

The page is one file with inline CSS and a small inline script, kept as ``page.css``
and ``page.js`` in this package and inlined at render time (:mod:`.assets`); it loads
nothing and works offline. A Content-Security-Policy allows no network access and only
the page's own script (by hash; the JSON blocks are data, never run), and every piece of
report text is escaped — in markup by :func:`.labels.h`, in the JSON blocks with no
``<``, ``>`` or ``&`` left (:func:`.assets.json_text`), and the script puts it in the page
as text only: report text is untrusted (injected spam, scraped pages). Labels are
Chinese by default, English with ``lang="en"``.

The modules: :mod:`.page` (the writer: summary, report list, one section per report),
:mod:`.listing` (the list: columns, filters, rows as data, trends), :mod:`.audit`
(coverage and near duplicates), :mod:`.tables` (a report's tables), :mod:`.labels`
(what the page says, escaping), :mod:`.assets` (style sheet, script,
Content-Security-Policy, the JSON blocks).

Tables
------
The formatter renders tables from data only. A result carries its parsed tables in
``FileResult.tables`` when the run asked for them (``LintOptions.collect_tables``); they
can also be passed by the result's ``path``::

    output.get("html").render(results, lang="zh", out=fh, registry=registry,
                              tables={r.path: reportlint.document.tables.to_json(doc)})

Each value is what :func:`reportlint.document.tables.to_json` returns for a file
(abridged; names are ``{"zh", "en"}``)::

    {
      "table2": {"layout": "2021" | "2019", "title": name,
                 "columns": [{"key", "name", "label", "kind", "group"}, …],
                 "blocks": {block label: name},
                 "rows": [{"key": "regulations", "label": "规章", "name": name,
                           "columns": ["issued", …], "block": "第二十条第（一）项",
                           "values": [0, 1, 3], "statuses": […], "line": 12,
                           "found": true}, …]} | null,
      "table3": {… "columns" (``group``: the column group, 法人或其他组织), "groups",
                 "column_groups", "rows" (each with ``groups``, outer first) …} | null,
      "table4": {"values": [15 numbers or null], "statuses": […], "line": 40,
                 "columns" (``group``: a key of ``groups``),
                 "groups": {key: {"zh", "en", "path": [header levels]}}, …} | null
    }

Values are numbers, or null for a blank/unfilled cell; ``found: false`` marks an
official row that is not in the report. The page takes every row, column, block and
group name from this data and never reads ``rules/tables.yaml``; a table whose data lacks
them is shown generically (labels and values). A missing table (null or absent key) is
shown as such, under its title from the table vocabulary; a file with no tables (none
passed, none carried) has no tables section. Row and column headings stay the official
Chinese wording in both languages.

A finding highlights a cell when its ``location.cell`` (:class:`CellRef`) names the
table (``table2``/``table3``/``table4``) and a row and column matching the cell. What
the reference names is read back by the table vocabulary
(:func:`~reportlint.document.table_vocabulary.find_row` /
:func:`~reportlint.document.table_vocabulary.find_column`: a key, an official label with
or without its enumerator, a variant, a zh/en name), exactly as the finding's context
line names it; anything else matches a row or column by its names in the data or its
1-based position (among the row's value columns). In table 四 the row may name a group
(``行政复议``, ``review``) to pick that group's columns, or the first header level
(``行政诉讼``) for both litigation groups; a label shared by the three groups (``总计``)
without a group highlights all three. A reference with a row but no column highlights
the whole row, one with a column but no row the whole column; one that names no cell
shown is noted above its table.

Streaming
---------
Besides :meth:`HtmlFormatter.render`, results can be fed one at a time::

    writer = output.get("html").start(out, lang="zh", registry=registry)
    for result in results:
        writer.add(result)   # its tables: result.tables, or tables=… for this file
    writer.finish(audit)     # writes the whole page (audit: optional, see below)

Records and the audit
---------------------
Every file's record (:class:`~reportlint.core.records.ReportRecord`: ``FileResult.record``,
replaced at :meth:`HtmlWriter.finish` by the audit's, which carries the scores and the
roster entry) gives the report list its columns: agency, kind (部门/政府/乡镇街道), year,
the publication date (with the days late and the deadline when late; "page date" when it
is the page's, not the signature's), the score when a scoring profile was used (the
deductions as the cell's title), the trend of an agency with several years in the batch
(a small inline SVG of its findings, or score, per year), and the status (a file
screened out shows 非年报); the roster gives the region and the parent. With a roster the
page has a coverage section after the list (agencies without a report, with two,
reports for another year or of agencies not on the roster); near-duplicate pairs get a
section too.

Nothing is written to ``out`` before :meth:`HtmlWriter.finish` (the summary comes first
on the page and needs every count); meanwhile each report's section is rendered at once
and its JSON block spooled to a temporary file, and only a small row per report (counts,
rule codes, the record) is kept in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import StreamingFormatter
from reportlint.output.html.page import HtmlWriter

__all__ = ["FORMATTER", "HtmlFormatter", "HtmlWriter"]


class HtmlFormatter:
    name = "html"

    def start(
        self,
        out: TextIO,
        *,
        lang: str,
        registry=None,
        title: str | None = None,
        generated: str | None = None,
        agencies: Mapping[str, str] | None = None,
    ) -> HtmlWriter:
        """Begin a run writing to ``out`` (written at :meth:`HtmlWriter.finish`)."""
        return HtmlWriter(out, lang, registry=registry, title=title, generated=generated, agencies=agencies)

    def render(
        self,
        results: Iterable[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        tables: Mapping[str, Mapping[str, Any]] | None = None,
        agencies: Mapping[str, str] | None = None,
        title: str | None = None,
        generated: str | None = None,
        audit: AuditSummary | None = None,
    ) -> None:
        """Write the page for ``results`` (ordered by path).

        ``tables``: path → that file's parsed tables (see the module doc), for results
        that do not carry them in ``FileResult.tables``; ``agencies``:
        path → the agency's name, shown in the report list; ``generated``: the date shown
        in the header (default: now); ``audit``: the batch's records, coverage and near
        duplicates (see the module doc). ``color``, ``show_source`` and ``statistics``
        are accepted for the common interface and ignored.
        """
        writer = self.start(out, lang=lang, registry=registry, title=title, generated=generated, agencies=agencies)
        tables = tables or {}
        for result in sorted(results, key=lambda r: r.path):
            writer.add(result, tables=tables.get(result.path))
        writer.finish(audit)


FORMATTER: StreamingFormatter = HtmlFormatter()
