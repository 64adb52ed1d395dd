"""The report list of the audit page: its filters, its columns and its rows as data.

A batch of 10,000 reports must open and filter quickly, so the list is not written as
10,000 table rows: the page carries every row as JSON (``<script type="application/json"
id="report-rows">``, :func:`list_data`) and its script (``page.js``) draws only the rows
of the current page, sorted and filtered; a report's findings are drawn when its row is
opened (:mod:`.page` writes them as one JSON block per report, as results arrive).

What the server decides is here: which columns the batch has (agency, kind, year,
publication date, score, trend), the filters' choices with the number of reports for
each (region, kind, rule, category, status), the labels the script shows, and the trend
of an agency with several years in the batch (its findings, or its score under a
profile, per year). The order, the filtering and the grouping by parent are the script's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.records import NOT_A_REPORT, UNREADABLE, ReportRecord
from reportlint.output.html.assets import json_script
from reportlint.output.html.labels import L, h, text
from reportlint.output.rule_docs import CATEGORY_NAMES

PAGE_SIZE = 100  # rows drawn at a time (the page's script pages through the rest)

STATUS_CLASS = {
    "failed": "failed",
    "errors": "error",
    "warnings": "warning",
    "infos": "info",
    "clean": "clean",
    "not_report": "info",
}
STATUS_ORDER = ("failed", "not_report", "errors", "warnings", "infos", "clean")


@dataclass
class ListRow:
    """One file as a row of the report list (what the writer keeps per file: small)."""

    index: int
    anchor: str
    path: str
    agency: str
    errors: int
    warnings: int
    infos: int
    failed: bool
    rules: tuple[str, ...] = ()  # rule codes found, sorted
    categories: tuple[str, ...] = ()
    reason: str = ""  # why the file could not be checked / is not a report (the page's language)
    record: ReportRecord | None = None  # replaced by the audit's at finish (it has the scores)

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos

    @property
    def status(self) -> tuple[int, str]:
        """(rank for sorting, status key)."""
        if self.failed or (self.record is not None and self.record.status == UNREADABLE):
            return 4, "failed"
        if self.record is not None and self.record.status == NOT_A_REPORT:
            return 0, "not_report"
        if self.errors:
            return 3, "errors"
        if self.warnings:
            return 2, "warnings"
        if self.infos:
            return 1, "infos"
        return 0, "clean"


def _trend_key(row: ListRow) -> str | None:
    rec = row.record
    if rec is None or rec.year is None:
        return None
    return rec.roster_name or rec.agency or None


def trends(rows: Sequence[ListRow], by_score: bool) -> dict[str, list[list[float]]]:
    """Agency → ``[[year, value], …]`` by year, for agencies with two years or more in the
    batch; the value is the score under a profile, else the number of findings. Two
    reports of one agency and year: the first by path counts."""
    years: dict[str, dict[int, float]] = {}
    for row in sorted(rows, key=lambda r: r.path):
        key = _trend_key(row)
        if key is None or row.record is None or row.record.year is None:
            continue
        value = row.record.score if by_score else row.total
        if value is None:
            continue
        years.setdefault(key, {}).setdefault(row.record.year, value)
    return {key: [[y, v] for y, v in sorted(by_year.items())] for key, by_year in years.items() if len(by_year) > 1}


def columns(rows: Sequence[ListRow], has_trends: bool) -> list[tuple[str, str, str]]:
    """(key, sort type, cell class) of each column the batch has."""
    records = [r.record for r in rows if r.record is not None]
    heads = [("report", "text", "")]
    if any(r.agency for r in rows):
        heads.append(("agency", "text", ""))
    if records:
        heads += [("kind", "text", ""), ("year", "num", "n"), ("published", "text", "")]
    if any(rec.score is not None for rec in records):
        heads.append(("score", "num", "n"))
    if has_trends:
        heads.append(("trend", "", ""))
    heads += [
        ("status", "num", ""),
        ("errors", "num", "n"),
        ("warnings", "num", "n"),
        ("infos", "num", "n"),
        ("total", "num", "n"),
    ]
    return heads


def _row_data(row: ListRow, trend_keys: Mapping[str, Any]) -> dict[str, Any]:
    rank, status = row.status
    out: dict[str, Any] = {
        "a": row.anchor,
        "path": row.path,
        "agency": row.agency,
        "status": status,
        "rank": rank,
        "e": row.errors,
        "w": row.warnings,
        "n": row.infos,
        "rules": list(row.rules),
        "cats": list(row.categories),
    }
    if row.reason:
        out["reason"] = row.reason
    rec = row.record
    if rec is not None:
        out.update(
            kind=rec.agency_kind,
            year=rec.year,
            pub=rec.published_on,
            psrc=rec.date_source,
            due=rec.due_on,
            late=rec.late_days,
            region=rec.region,
            parent=rec.parent,
            roster=rec.roster_name,
        )
        if rec.score is not None:
            out.update(score=rec.score, max=rec.max_score, ded=[[d.points, d.label, d.reason] for d in rec.deductions])
        key = _trend_key(row)
        if key in trend_keys:
            out["trend"] = key
    return out


def _localized_deductions(data: dict[str, Any], lang: str) -> None:
    ded = data.pop("ded", None)
    if ded:
        data["ded"] = "; ".join(f"−{points:g} {label.get(lang)}: {reason.get(lang)}" for points, label, reason in ded)


def list_data(rows: Sequence[ListRow], lang: str) -> dict[str, Any]:
    """What ``page.js`` draws the list from: the rows (in the order the results came), the
    trends and the labels."""
    by_score = any(r.record is not None and r.record.score is not None for r in rows)
    trend_table = trends(rows, by_score)
    data_rows = []
    for row in rows:
        data = _row_data(row, trend_table)
        _localized_deductions(data, lang)
        data_rows.append(data)
    labels = {
        "kinds": {k: text(f"kind_{k}", lang) for k in ("department", "government", "township")},
        "statuses": {k: text(f"status_{k}", lang) for k in STATUS_ORDER},
        "classes": STATUS_CLASS,
        "late": L["late"].get(lang),
        "due": L["due"].get(lang),
        "date_page": text("date_page", lang),
        "page": L["page_info"].get(lang),
        "no_rows": text("no_rows", lang),
        "parent": L["group_parent_row"].get(lang),
        "no_parent": text("group_no_parent", lang),
        "trend": text("trend_score" if by_score else "trend_findings", lang),
        "open": text("open_details", lang),
        "loading": text("details_loading", lang),
        "unavailable": text("details_unavailable", lang),
    }
    return {"rows": data_rows, "trends": trend_table, "labels": labels, "page_size": PAGE_SIZE}


def _select(field: str, counts: Counter[str], names: Mapping[str, str], lang: str, order: Sequence[str] = ()) -> str:
    if not counts:
        return ""
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    options = [f'<option value="">{h(text("filter_all_" + field, lang))}</option>']
    for key in keys:
        options.append(f'<option value="{h(key)}">{h(names.get(key, key))}（{counts[key]}）</option>')
    return (
        f'<select id="f-{field}" data-field="{field}" aria-label="{h(text("filter_" + field, lang))}">'
        f"{''.join(options)}</select>"
    )


def toolbar(rows: Sequence[ListRow], lang: str, rule_names: Mapping[str, str]) -> str:
    """The filters: text (agency, path), and a choice per field the batch has."""
    records = [r.record for r in rows if r.record is not None]
    regions = Counter(rec.region for rec in records if rec.region)
    kinds = Counter(rec.agency_kind for rec in records if rec.agency_kind)
    rules = Counter(code for r in rows for code in r.rules)
    categories = Counter(cat for r in rows for cat in r.categories)
    statuses = Counter(r.status[1] for r in rows)
    kind_names = {k: text(f"kind_{k}", lang) for k in kinds}
    rule_labels = {code: f"{code} {rule_names.get(code, '')}".strip() for code in rules}
    category_names = {c: (CATEGORY_NAMES[c].get(lang) if c in CATEGORY_NAMES else c) for c in categories}
    status_names = {k: text(f"status_{k}", lang) for k in statuses}
    n = len(rows)
    parts = [
        '<div class="toolbar" id="report-tools"><input type="search" id="report-filter" '
        f'placeholder="{h(text("filter", lang))}" aria-label="{h(text("filter_label", lang))}">',
        _select("region", regions, {}, lang),
        _select("kind", kinds, kind_names, lang, ("department", "government", "township")),
        _select("rule", rules, rule_labels, lang),
        _select("category", categories, category_names, lang),
        _select("status", statuses, status_names, lang, STATUS_ORDER),
    ]
    if any(rec.parent for rec in records):
        parts.append(
            f'<label class="group"><input type="checkbox" id="group-parent"> {h(text("group_by_parent", lang))}</label>'
        )
    parts.append(
        f'<span class="hint" id="report-shown" data-template="{h(text("shown", lang, n="{n}", m=n))}">'
        f"{h(text('shown', lang, n=n, m=n))}</span>"
        f'<span class="hint">{h(text("sort_hint", lang))}</span></div>\n'
    )
    return "".join(parts)


def list_html(rows: Sequence[ListRow], lang: str, rule_names: Mapping[str, str]) -> str:
    """The list section: heading, filters, an empty table the script fills, the pager,
    and the rows' data."""
    data = list_data(rows, lang)
    out = [f'<h2 id="reports">{h(text("nav_reports", lang))}</h2>\n', toolbar(rows, lang, rule_names)]
    out.append('<div class="scroll"><table class="list" id="report-list"><thead><tr>')
    for key, kind, cls in columns(rows, bool(data["trends"])):
        cls_attr = f' class="{cls}"' if cls else ""
        if kind:
            out.append(
                f'<th{cls_attr} data-type="{kind}" data-col="{key}" aria-sort="none"><button type="button">'
                f"{h(text(key, lang))}</button></th>"
            )
        else:
            out.append(f'<th{cls_attr} data-col="{key}">{h(text(key, lang))}</th>')
    out.append("</tr></thead><tbody></tbody></table></div>\n")
    out.append(
        '<div class="pager" id="report-pager">'
        f'<button type="button" id="page-prev">{h(text("page_prev", lang))}</button>'
        '<span id="page-info"></span>'
        f'<button type="button" id="page-next">{h(text("page_next", lang))}</button></div>\n'
        f'<noscript><p class="hint">{h(text("needs_script", lang))}</p></noscript>\n'
    )
    out.append(json_script("report-rows", data))
    return "".join(out)
