"""The audit as JSON: one object per record, coverage and near-duplicate pairs — the
elements the ``json`` and ``jsonl`` formatters append after the findings, and what any
other format can reuse to carry the same data (SARIF run properties, spreadsheets).

A record (``type: "report"``), one per file of the run, checked or not::

    {"type": "report", "path": "reports/2023.txt",
     "status": "checked" | "not-a-report" | "unreadable", "reason": "…" | null,
     "format": "text" | "docx" | … | null,
     "agency": "昌吉州科学技术局" | null, "agency_kind": "department" | "government" | "township" | null,
     "year": 2023 | null, "layouts": {"table2": "2021", "table3": "2021", "table4": "2021"},
     "published_on": "2024-01-20" | null, "date_source": "signature" | "page" | null,
     "due_on": "2024-01-31" | null, "late_days": 0 | 12 | null,
     "counts": {"error": 1, "warning": 2}, "categories": {"period": 1, …}, "rules": {"RL609": 1, …},
     "copied_from_last_year": 0.42 | null, "copied_sections": {"active": 0.6, …},
     "last_year_path": "reports/2022.txt" | null,
     "figures": {"table3.new.total": 12, …},
     "roster_name": … | null, "parent": … | null, "region": … | null,
     "score": 1.5 | null, "max_score": 2 | null,
     "deductions": [{"item": "late", "label": "…", "points": 0.5, "reason": "…"}]}

``counts`` and the others list only what occurs (a clean file: ``{}``); they count the
findings reported (after suppressions and ``--baseline``). ``late_days`` is 0 for a
report dated on time, null when the date or the deadline is not known. Messages
(``reason``, ``label``) are in the run's language. The narrative signature the
near-duplicate search uses is not written.

With a roster, one element::

    {"type": "coverage", "roster": "roster.csv", "year": 2023,
     "missing": [{"name": "…", "kind": … | null, "parent": … | null, "region": … | null, "line": 4}],
     "duplicates": {"roster name": ["path", "path"]},
     "other_year": [{"path": "…", "year": 2022}], "other_agency": [{"path": "…", "agency": "…"}],
     "unnamed": ["path"], "ambiguous": {"path": ["roster name", "roster name"]}}

(``ambiguous``: a report whose short name fits several entries and that no file
pattern places; with a scoring profile each missing agency also has ``"score": 0``,
``"max_score"`` and its ``"deductions"``, as a record's);

then one per near-duplicate pair (``share``: 0..1)::

    {"type": "near-duplicate", "path_a": "…", "path_b": "…", "agency_a": … | null, "agency_b": … | null,
     "share": 0.93}

then, with ``--hierarchy``, one per parent figure that does not hold (``mode``:
``at-least`` | ``equal``; ``figure``: a name of ``rules/hierarchy.yaml`` ``figures``)::

    {"type": "hierarchy", "parent_path": "…", "parent": "roster name", "figure": "table3.new.total",
     "mode": "at-least", "parent_value": 40, "children_sum": 57, "children": ["path", …],
     "missing_children": ["roster name", …], "unread_children": ["path", …], "message": "…"}

and with a scoring profile ``{"type": "scoring", "profile": "suqian", "label": "…"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reportlint.core.i18n import Text
from reportlint.core.records import AuditSummary, Coverage, HierarchyCheck, NearDuplicate, ReportRecord, RosterEntry

REPORT = "report"
COVERAGE = "coverage"
NEAR_DUPLICATE = "near-duplicate"
HIERARCHY = "hierarchy"
SCORING = "scoring"


def _text(value: Text | None, lang: str) -> str | None:
    return value.get(lang) if value is not None else None


def record_to_json(record: ReportRecord, lang: str) -> dict[str, Any]:
    """One record as the ``json`` formatter writes it (see the module doc)."""
    return {
        "type": REPORT,
        "path": record.path,
        "status": record.status,
        "reason": _text(record.reason, lang),
        "format": record.format,
        "agency": record.agency,
        "agency_kind": record.agency_kind,
        "year": record.year,
        "layouts": dict(record.layouts),
        "published_on": record.published_on,
        "date_source": record.date_source,
        "due_on": record.due_on,
        "late_days": record.late_days,
        "counts": dict(record.counts),
        "categories": dict(record.categories),
        "rules": dict(record.rules),
        "copied_from_last_year": record.copied_from_last_year,
        "copied_sections": dict(record.copied_sections),
        "last_year_path": record.last_year_path,
        "figures": dict(record.figures),
        "roster_name": record.roster_name,
        "parent": record.parent,
        "region": record.region,
        "score": record.score,
        "max_score": record.max_score,
        "deductions": [
            {"item": d.item, "label": d.label.get(lang), "points": d.points, "reason": d.reason.get(lang)}
            for d in record.deductions
        ],
    }


def coverage_to_json(coverage: Coverage, lang: str = "zh") -> dict[str, Any]:
    return {
        "type": COVERAGE,
        "roster": coverage.roster_path,
        "year": coverage.year,
        "missing": [_missing_to_json(e, lang) for e in coverage.missing],
        "duplicates": {name: list(paths) for name, paths in coverage.duplicates.items()},
        "other_year": [{"path": path, "year": year} for path, year in coverage.other_year],
        "other_agency": [{"path": path, "agency": agency} for path, agency in coverage.other_agency],
        "unnamed": list(coverage.unnamed),
        "ambiguous": {path: list(names) for path, names in coverage.ambiguous.items()},
    }


def _missing_to_json(entry: RosterEntry, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": entry.name,
        "kind": entry.kind,
        "parent": entry.parent,
        "region": entry.region,
        "line": entry.line,
    }
    if entry.score is not None:  # scored: 0 of the profile's maximum (audit/scoring.py)
        out["score"] = entry.score
        out["max_score"] = entry.max_score
        out["deductions"] = [
            {"item": d.item, "label": d.label.get(lang), "points": d.points, "reason": d.reason.get(lang)}
            for d in entry.deductions
        ]
    return out


def near_duplicate_to_json(pair: NearDuplicate) -> dict[str, Any]:
    return {
        "type": NEAR_DUPLICATE,
        "path_a": pair.path_a,
        "path_b": pair.path_b,
        "agency_a": pair.agency_a,
        "agency_b": pair.agency_b,
        "share": pair.share,
    }


def hierarchy_to_json(check: HierarchyCheck, lang: str = "zh") -> dict[str, Any]:
    return {
        "type": HIERARCHY,
        "parent_path": check.parent_path,
        "parent": check.parent_agency,
        "figure": check.figure,
        "mode": check.mode,
        "parent_value": check.parent_value,
        "children_sum": check.children_sum,
        "children": list(check.children),
        "missing_children": list(check.missing_children),
        "unread_children": list(check.unread_children),
        "message": _text(check.message, lang),
    }


def audit_to_json(audit: AuditSummary | None, records: Iterable[ReportRecord], lang: str) -> Iterator[dict[str, Any]]:
    """The elements after the findings: the audit's records (or, without an audit,
    ``records``: those the results carried) ordered by path, then coverage, near
    duplicates, hierarchy warnings, scoring — made one at a time as they are written
    (10,000 records as dicts at once would take 30 MB)."""
    by_path = lambda r: r.path
    if audit is None:
        yield from (record_to_json(r, lang) for r in sorted(records, key=by_path))
        return
    yield from (record_to_json(r, lang) for r in sorted(audit.records, key=by_path))
    if audit.coverage is not None:
        yield coverage_to_json(audit.coverage, lang)
    yield from (near_duplicate_to_json(p) for p in audit.near_duplicates)
    yield from (hierarchy_to_json(h, lang) for h in audit.hierarchy)
    if audit.profile is not None:
        yield {"type": SCORING, "profile": audit.profile, "label": _text(audit.profile_label, lang)}
