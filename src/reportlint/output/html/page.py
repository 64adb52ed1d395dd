"""The page writer: the summary, the report list and each report's findings.

:class:`HtmlWriter` counts each result as it is added and renders its section at once,
as a JSON data block (``<script type="application/json" id="d-r{n}" class="report-data">``
holding ``{"path", "gzip"}``: the section's markup, gzipped, in base64 — see
:func:`.assets.section_block`) spooled to a temporary file, so a
batch of thousands holds none of them in memory. :meth:`HtmlWriter.finish` then writes
the head, the summary (which needs every count, so it comes last to be known but first
on the page), the report list (its rows as data, :mod:`.listing`), the page's script,
and the spooled blocks: the script draws a report's section from its block only when
its row is opened, so the browser never lays out 10,000 sections.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

from reportlint import __version__
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import Counts, count_file, describe_cell, describe_page, sorted_diagnostics, summary_line
from reportlint.output.html import assets
from reportlint.output.html.audit import audit_sections
from reportlint.output.html.labels import HTML_LANG, h, text
from reportlint.output.html.listing import STATUS_CLASS, ListRow, list_html
from reportlint.output.html.tables import TablesSection
from reportlint.output.rule_docs import CATEGORY_NAMES, SEVERITY_NAMES

TOP_RULES = 15  # bars in the "most frequent problems" chart
SNIPPET_CONTEXT = 90  # characters of source shown either side of a span
SNIPPET_SPAN = 300  # longest highlighted span shown in full
SPOOL_BYTES = 8 * 1024 * 1024  # report sections kept in memory before spilling to disk

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class HtmlWriter:
    """One run: :meth:`add` each result (with its tables), then :meth:`finish` writes the page."""

    def __init__(
        self,
        out: TextIO,
        lang: str,
        registry=None,
        title: str | None = None,
        generated: str | None = None,
        agencies: Mapping[str, str] | None = None,
    ):
        self.out = out
        self.lang = lang
        self.registry = registry
        self.title = title
        self.generated = generated if generated is not None else datetime.now().strftime("%Y-%m-%d %H:%M")
        self.agencies = agencies or {}
        self.counts = Counts()
        self.by_category: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.rule_reports: Counter[str] = Counter()
        self.rule_names: dict[str, str] = {}
        self.rule_severity: dict[str, Severity] = {}
        self.rows: list[ListRow] = []
        self._tables = TablesSection(lang)
        # Open from the first add() to finish(), which closes it: no single with-block spans that.
        self.sections = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8")  # noqa: SIM115
        self.finished = False

    # -- feeding ------------------------------------------------------------------

    def add(self, result: FileResult, tables: Mapping[str, Any] | None = None, agency: str | None = None) -> None:
        """Count ``result`` and render its section now.

        ``tables``: the file's parsed tables (see the package doc); by default the ones
        the result carries (``FileResult.tables``), if any."""
        if self.finished:
            raise RuntimeError("HtmlWriter.add() after finish()")
        c = self.counts
        errors = warnings = infos = 0
        seen_rules = set()
        seen_categories = set()
        for d in result.diagnostics:
            if d.severity is Severity.ERROR:
                errors += 1
            elif d.severity is Severity.WARNING:
                warnings += 1
            else:
                infos += 1
            self.by_category[d.category] += 1
            self.by_rule[d.code] += 1
            self.rule_names.setdefault(d.code, d.name)
            if d.code not in self.rule_severity or d.severity.rank > self.rule_severity[d.code].rank:
                self.rule_severity[d.code] = d.severity
            seen_rules.add(d.code)
            seen_categories.add(d.category)
        for code in seen_rules:
            self.rule_reports[code] += 1
        count_file(c, result)
        index = len(self.rows) + 1
        if agency is None:
            agency = self.agencies.get(result.path) or (result.record.agency if result.record is not None else None)
        row = ListRow(
            index=index,
            anchor=f"r{index}",
            path=result.path,
            agency=agency or "",
            errors=errors,
            warnings=warnings,
            infos=infos,
            failed=result.error is not None,
            rules=tuple(sorted(seen_rules)),
            categories=tuple(sorted(seen_categories)),
            reason=self._reason(result),
            record=result.record,
        )
        self.rows.append(row)
        section = self._section(result, row, tables if tables is not None else result.tables)
        self.sections.write(
            assets.json_script(f"d-{row.anchor}", assets.section_block(result.path, section), cls="report-data")
        )

    def _reason(self, result: FileResult) -> str:
        if result.error is not None:
            return result.error.message.get(self.lang)
        if result.record is not None and result.record.reason is not None:
            return result.record.reason.get(self.lang)
        return ""

    def finish(self, audit: AuditSummary | None = None) -> Counts:
        """Write the whole page to ``out``; returns the counts. ``audit``: the batch's
        records (the report list's columns: agency, kind, year, date, score), coverage
        and near duplicates; without one, the records the results carried."""
        if self.finished:
            return self.counts
        self.finished = True
        if audit is not None:
            by_path = {r.path: r for r in audit.records}
            for row in self.rows:
                row.record = by_path.get(row.path, row.record)
                if not row.agency and row.record is not None and row.record.agency:
                    row.agency = row.record.agency
        w = self.out.write
        w(self._head())
        w(self._summary())
        w(list_html(self.rows, self.lang, self.rule_names))
        if audit is not None:
            w(audit_sections(audit, self.lang))
        # The script before the reports' data: the list is drawn (and painted) while the
        # browser still reads the data blocks, which only an opened row needs.
        w(f"</main>\n<script>{assets.script()}</script>\n")
        w('<div id="report-data">\n')
        self.sections.seek(0)
        while True:
            chunk = self.sections.read(1 << 16)
            if not chunk:
                break
            w(chunk)
        self.sections.close()
        w("</div>\n")
        w(self._foot())
        return self.counts

    # -- page parts ----------------------------------------------------------------

    def _t(self, key: str, **kw: Any) -> str:
        return text(key, self.lang, **kw)

    def _head(self) -> str:
        lang = self.lang
        title = self.title or self._t("title")
        sub = self._t("subtitle", v=__version__, t=self.generated)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{HTML_LANG.get(lang, lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{h(assets.content_security_policy())}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="reportlint">\n'
            f"<title>{h(title)}</title>\n<style>{assets.stylesheet()}</style>\n</head>\n<body>\n"
            f'<header class="top"><h1>{h(title)}</h1><div class="sub">{h(sub)}</div>'
            f'<nav><a href="#summary">{h(self._t("nav_summary"))}</a>'
            f'<a href="#reports">{h(self._t("nav_reports"))}</a></nav></header>\n<main>\n'
        )

    def _foot(self) -> str:
        return f"<footer>reportlint {h(__version__)}</footer>\n</body>\n</html>\n"

    def _summary(self) -> str:
        lang = self.lang
        c = self.counts
        n = len(self.rows)
        clean = sum(1 for r in self.rows if not r.total and not r.failed)
        with_errors = sum(1 for r in self.rows if r.errors)
        cards = [
            ("", "checked", n),
            ("ok", "clean", clean),
            ("err", "with_errors", with_errors),
            ("fail", "failed", c.failed),
            ("", "findings", c.total),
            ("err", "errors", c.errors),
            ("warn", "warnings", c.warnings),
            ("info", "infos", c.infos),
        ]
        parts = [f'<h2 id="summary">{h(self._t("nav_summary"))}</h2>\n']
        parts.append(f'<p class="summary-line" id="summary-line">{h(summary_line(c, lang))}</p>\n<div class="cards">')
        for cls, key, value in cards:
            parts.append(
                f'<div class="card {cls}" data-key="{key}"><div class="num" id="count-{key}">{value}</div>'
                f'<div class="lbl">{h(self._t(key))}</div></div>'
            )
        parts.append("</div>\n")
        if not c.total:
            parts.append(f'<div class="panel"><p>{h(self._t("no_findings"))}</p></div>\n')
            return "".join(parts)
        parts.append('<div class="panels">\n')
        parts.append(self._category_panel())
        parts.append(self._severity_panel())
        parts.append(self._rules_chart())
        parts.append("</div>\n")
        return "".join(parts)

    def _stats_table(self, head: str, rows: list[tuple[str, int, str]], total: int, table_id: str) -> str:
        out = [
            f'<table class="stats" id="{table_id}"><thead><tr><th>{h(head)}</th><th class="n">'
            f"{h(self._t('count'))}</th><th>{h(self._t('share'))}</th></tr></thead><tbody>"
        ]
        for label, value, cls in rows:
            pct = (100.0 * value / total) if total else 0.0
            out.append(
                f'<tr><td>{h(label)}</td><td class="n">{value}</td><td><div class="bar {cls}">'
                f'<span style="width:{pct:.1f}%"></span></div></td></tr>'
            )
        out.append("</tbody></table>")
        return "".join(out)

    def _category_panel(self) -> str:
        lang = self.lang
        rows = []
        for cat, value in sorted(self.by_category.items(), key=lambda kv: (-kv[1], kv[0])):
            name = CATEGORY_NAMES.get(cat)
            rows.append((name.get(lang) if name else cat, value, ""))
        table = self._stats_table(self._t("category"), rows, self.counts.total, "by-category")
        return f'<div class="panel"><h3>{h(self._t("by_category"))}</h3>{table}</div>\n'

    def _severity_panel(self) -> str:
        lang = self.lang
        c = self.counts
        values = {Severity.ERROR: c.errors, Severity.WARNING: c.warnings, Severity.INFO: c.infos}
        rows = [(SEVERITY_NAMES[s.value].get(lang), values[s], s.value) for s in SEVERITY_ORDER]
        table = self._stats_table(self._t("severity"), rows, c.total, "by-severity")
        statuses = Counter(r.status[1] for r in self.rows)
        rows = [
            (self._t("status_" + key), statuses[key], STATUS_CLASS[key])
            for key in ("errors", "warnings", "infos", "clean", "failed")
        ]
        by_status = self._stats_table(self._t("status"), rows, len(self.rows), "by-status")
        return (
            f'<div class="panel"><h3>{h(self._t("by_severity"))}</h3>{table}'
            f'<h3 class="next">{h(self._t("by_status"))}</h3>{by_status}</div>\n'
        )

    def _rule_summary(self, code: str) -> str:
        rules = getattr(self.registry, "rules", None) or {}
        rule = rules.get(code)
        if rule is None:
            return ""
        try:
            return rule.doc().summary.get(self.lang)
        except Exception:
            return ""

    def _rules_chart(self) -> str:
        top = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
        peak = top[0][1] if top else 1
        out = [
            f'<div class="panel wide"><h3>{h(self._t("top_rules"))}'
            f'<span class="note">{h(self._t("top_rules_note", n=len(top)))}</span></h3>'
            '<div class="chart" id="rule-chart" role="list">'
        ]
        for code, value in top:
            name = self.rule_names.get(code, "")
            summary = self._rule_summary(code)
            tip = f"{code} {name}" + (f" — {summary}" if summary else "")
            sev = self.rule_severity.get(code, Severity.INFO).value
            pct = 100.0 * value / peak
            affected = self.rule_reports[code]
            out.append(
                f'<div class="rl" role="listitem" title="{h(tip)}"><code>{h(code)}</code>{h(summary or name)}</div>'
                f'<div class="bar {sev}"><span style="width:{pct:.1f}%"></span></div>'
                f'<div class="cnt" data-code="{h(code)}"><strong>{value}</strong>'
                f"{h(self._t('reports_affected', n=affected, w='report' if affected == 1 else 'reports'))}</div>"
            )
        out.append("</div></div>\n")
        return "".join(out)

    # -- one report -----------------------------------------------------------------

    def _section(self, result: FileResult, row: ListRow, tables: Mapping[str, Any] | None) -> str:
        lang = self.lang
        status = row.status[1]
        sev_class = {"failed": "failed", "errors": "error", "warnings": "warning", "infos": "info"}.get(status, "clean")
        out = [f'<section class="report s-{sev_class}" id="{row.anchor}" data-path="{h(result.path)}">']
        out.append(f'<div class="rhead"><h3>{h(result.path)}</h3>')
        if row.agency:
            out.append(f'<span class="agency">{h(row.agency)}</span>')
        if result.diagnostics:
            out.append(f'<span class="pill {sev_class}">{h(self._t("file_count", n=len(result.diagnostics)))}</span>')
        elif result.error is None:
            out.append(f'<span class="pill clean">{h(self._t("status_clean"))}</span>')
        out.append(f'<a class="back" href="#reports">{h(self._t("back"))}</a></div>')
        if result.error is not None:
            out.append(
                f'<div class="failbox"><strong>{h(self._t("file_failed"))}</strong>{h(result.error.message.get(lang))}</div>'
            )
        for d in sorted_diagnostics(result):
            out.append(self._finding(result, d))
        if tables:
            out.append(self._tables.render(result, tables))
        out.append("</section>\n")
        return "".join(out)

    def _finding(self, result: FileResult, d: Diagnostic) -> str:
        lang = self.lang
        loc = d.location
        sev = d.severity.value
        out = [f'<div class="finding" data-code="{h(d.code)}" data-severity="{sev}">']
        out.append(
            f'<div class="fmeta"><span class="pill {sev}">{h(SEVERITY_NAMES[sev].get(lang))}</span>'
            f'<code>{h(d.code)}</code><span class="name">{h(d.name)}</span>'
        )
        cat = CATEGORY_NAMES.get(d.category)
        out.append(f'<span class="name">· {h(cat.get(lang) if cat else d.category)}</span>')
        if loc.line:
            out.append(f'<span class="pos">{h(self._t("at", l=loc.line, c=loc.column))}</span>')
        out.append("</div>")
        out.append(f'<div class="msg">{h(d.message.get(lang))}</div>')
        extra = []
        if loc.cell is not None:
            extra.append(self._t("cell") + describe_cell(loc.cell, lang))
        page = describe_page(loc, lang)
        if page:
            extra.append(page)
        if extra:
            out.append(f'<div class="ctx">{h("；".join(extra) if lang != "en" else "; ".join(extra))}</div>')
        source = result.source_line(loc.line) if loc.line else ""
        if source.strip():
            out.append(_snippet_html(source, loc, sev))
        if d.fix is not None:
            label = self._t("fix_safe" if d.fix.safe else "fix_unsafe")
            out.append(f'<div class="fix">{h(label)}{h(d.fix.description.get(lang))}</div>')
        out.append("</div>")
        return "".join(out)

    # -- tables ---------------------------------------------------------------------


def _snippet_html(source: str, loc, sev: str) -> str:
    """The source line with the finding's span in ``<mark>``; long lines are cut around it."""
    line = source.rstrip("\r\n")
    n = len(line)
    start = min(max(loc.column - 1, 0), n)
    end = min(max(loc.end_column - 1, start), n) if loc.end_line == loc.line else n
    if end == start and start < n:
        end = start + 1
    lo = max(0, start - SNIPPET_CONTEXT)
    span_end = min(end, start + SNIPPET_SPAN)
    hi = min(n, span_end + SNIPPET_CONTEXT)
    before = line[lo:start]
    marked = line[start:span_end]
    after = line[span_end:hi]
    cut = '<span class="cut">…</span>'
    parts = [f'<div class="src"><span class="ln">{loc.line}</span>']
    if lo > 0:
        parts.append(cut)
    parts.append(h(before))
    if marked:
        parts.append(f'<mark class="{sev}">{h(marked)}</mark>')
        if span_end < end:
            parts.append(cut)
    if after:
        parts.append(h(after))
    if hi < n:
        parts.append(cut)
    parts.append("</div>")
    return "".join(parts)
