"""Machine output: a JSON array of diagnostics, ordered by (path, line, column, code).

Each element::

    {
      "path": "reports/2023.txt", "code": "RL201", "name": "table3-sum",
      "category": "arithmetic", "severity": "error", "message": "…",
      "line": 12, "column": 5, "end_line": 12, "end_column": 9,   # 1-based, end exclusive
      "page": null, "paragraph": null,
      "cell": {"table": "table3", "row": "…", "column": "…"} | null,
      "fix": null | {"description": "…", "safe": true,
                     "edits": [{"start": 40, "end": 44, "text": "2023",
                                "start_line": 4, "start_column": 6, "end_line": 4, "end_column": 10}]},
      "data": {…}
    }

Edit ``start``/``end`` are character offsets into the decoded text (newlines as
``\\n``); the line/column keys are added only where they can be worked out (text
and Markdown files, whose extracted text is the file). A file that could not be
checked is an element of its own, after its file's findings (if any)::

    {"path": "reports/2023.doc", "status": "not-checked", "reason": "…"}

so that no file drops out of the record silently (the CLI also reports it on
stderr, and the run exits 2).

After every file's findings come the audit's elements (:mod:`reportlint.output.records_json`
has their exact shape): one ``{"type": "report", "path": …, "status": …, "agency": …,
"year": …, "published_on": …, "due_on": …, "late_days": …, "counts": …, "score": …}``
per file of the run — clean files, files screened out as not reports and files that
could not be read included — then, when the run had them, ``{"type": "coverage", …}``
(the roster), one ``{"type": "near-duplicate", …}`` per pair and ``{"type": "scoring", …}``.
They come at the end, not after each file's findings, because a record's score and
roster entry are known only when the whole batch is done, and the array is written file
by file as results arrive. Findings and not-checked elements have no ``type`` key and
are unchanged: a reader that wants only findings keeps the elements without ``type``.
Records are ordered by path (in a streaming run too, whatever order the files came in).

With ``statistics`` the output is instead an array of counts per rule: ``{"code",
"name", "severity", "count", "fixable"}``, most frequent first (no records).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TextIO

from reportlint.core.diagnostics import Diagnostic
from reportlint.core.i18n import Text
from reportlint.core.records import AuditSummary, ReportRecord
from reportlint.core.results import FileResult
from reportlint.output import (
    LineIndex,
    StreamingFormatter,
    iter_sorted,
    json_safe,
    rule_statistics,
    sorted_diagnostics,
)
from reportlint.output.records_json import audit_to_json

# Kinds whose Location lines are lines of the extracted text, so that edit offsets
# can be turned into the same line/column coordinates.
POSITIONED_KINDS = (None, "text", "markdown")


class JsonArrayWriter:
    """A streaming run: the array is written file by file as results arrive (in the
    order they are given), so a batch over thousands of reports holds none of them."""

    def __init__(self, out: TextIO, lang: str):
        self.out = out
        self.lang = lang
        self.written = 0
        self.records: list[ReportRecord] = []  # the results' own, for finish() without an audit
        out.write("[")

    def add(self, result: FileResult) -> None:
        index = LineIndex(result.lines) if result.lines and result.kind in POSITIONED_KINDS else None
        default = lambda o: to_jsonable(o, self.lang)
        parts = []
        for d in sorted_diagnostics(result):
            item = diagnostic_to_json(d, result.path, self.lang, index)
            parts.append(
                ("\n  " if not self.written else ",\n  ")
                + json_safe(json.dumps(item, ensure_ascii=False, default=default))
            )
            self.written += 1
        if result.error is not None:
            item = not_checked_to_json(result, self.lang)
            parts.append(("\n  " if not self.written else ",\n  ") + json_safe(json.dumps(item, ensure_ascii=False)))
            self.written += 1
        if parts:
            self.out.write("".join(parts))
        if result.record is not None:
            self.records.append(result.record)

    def finish(self, audit: AuditSummary | None = None) -> None:
        """End the array with the audit's elements (without one: the records the
        results carried)."""
        default = lambda o: to_jsonable(o, self.lang)
        # One element at a time: 10,000 records joined first would be ~25 MB at once.
        for item in audit_to_json(audit, self.records, self.lang):
            self.out.write(
                ("\n  " if not self.written else ",\n  ")
                + json_safe(json.dumps(item, ensure_ascii=False, default=default))
            )
            self.written += 1
        self.out.write("\n]\n" if self.written else "]\n")


class JsonFormatter:
    name = "json"

    def start(self, out: TextIO, *, lang: str, registry=None) -> JsonArrayWriter:
        return JsonArrayWriter(out, lang)

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
        if statistics:  # --statistics: counts per rule instead of the findings
            out.write(json.dumps(rule_statistics(results), ensure_ascii=False, indent=2) + "\n")
            return
        indexes: dict[int, LineIndex | None] = {}
        items = []
        failed = sorted((r for r in results if r.error is not None), key=lambda r: r.path)
        for result, d in iter_sorted(results):
            while failed and failed[0].path < result.path:  # a failed file in its place by path
                items.append(not_checked_to_json(failed.pop(0), lang))
            key = id(result)
            if key not in indexes:
                indexes[key] = LineIndex(result.lines) if result.lines and result.kind in POSITIONED_KINDS else None
            items.append(diagnostic_to_json(d, result.path, lang, indexes[key]))
        items.extend(not_checked_to_json(r, lang) for r in failed)
        items.extend(audit_to_json(audit, [r.record for r in results if r.record is not None], lang))
        # One finding per line: readable and diffable, and written by the C encoder
        # (json's `indent` falls back to the pure-Python one, 10× slower on big audits).
        default = lambda o: to_jsonable(o, lang)
        if not items:
            out.write("[]\n")
            return
        out.write("[\n")
        out.write(",\n".join("  " + json_safe(json.dumps(item, ensure_ascii=False, default=default)) for item in items))
        out.write("\n]\n")


FORMATTER: StreamingFormatter = JsonFormatter()


NOT_CHECKED = "not-checked"


def not_checked_to_json(result: FileResult, lang: str) -> dict[str, Any]:
    """The record of a file that could not be checked: path, status and reason."""
    assert result.error is not None
    return {"path": result.path, "status": NOT_CHECKED, "reason": result.error.message.get(lang)}


def diagnostic_to_json(d: Diagnostic, path: str, lang: str, index: LineIndex | None = None) -> dict[str, Any]:
    loc = d.location
    fix = None
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            edit: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text}
            if index is not None:
                a, b = index.position(e.start), index.position(e.end)
                if a is not None and b is not None:
                    edit.update(start_line=a[0], start_column=a[1], end_line=b[0], end_column=b[1])
            edits.append(edit)
        fix = {"description": d.fix.description.get(lang), "edits": edits, "safe": d.fix.safe}
    return {
        "path": path,
        "code": d.code,
        "name": d.name,
        "category": d.category,
        "severity": d.severity.value,
        "message": d.message.get(lang),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "page": loc.page,
        "paragraph": loc.paragraph,
        "cell": loc.cell.to_json() if loc.cell is not None else None,
        "fix": fix,
        "data": d.data,
    }


def to_jsonable(obj: Any, lang: str) -> Any:
    """Values rules put in ``Diagnostic.data`` that :mod:`json` cannot write itself."""
    if isinstance(obj, Text):
        return obj.get(lang)
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            return str(obj)
        if obj == obj.to_integral_value():
            return int(obj)
        return float(obj)
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if hasattr(obj, "to_json"):
        return obj.to_json()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return str(obj)
