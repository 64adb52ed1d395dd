"""Streaming machine output: JSON Lines, one finding per line.

Each line is one object, the same as an element of the ``json`` formatter's array
(see :mod:`reportlint.output.json_`)::

    {"path": "reports/2023.txt", "code": "RL201", "name": "table3-sum", "category": "arithmetic",
     "severity": "error", "message": "…", "line": 12, "column": 5, "end_line": 12, "end_column": 9,
     "page": null, "paragraph": null, "cell": {…} | null, "fix": null | {…}, "data": {…}}

A file that could not be checked gives one line
``{"path": "…", "status": "not-checked", "reason": "…", "error": "…"}`` (reason and
error are the same message without the path, in the chosen language; ``error`` is
kept for older readers), after any findings it has.
A clean file gives no finding line. ``statistics`` is ignored.

When every file is done (:meth:`JsonlWriter.finish`), the audit follows, one object per
line, as the ``json`` formatter's last elements (shapes in
:mod:`reportlint.output.records_json`): ``{"type": "report", "path": …, …}`` for every
file of the run — clean, not a report, or unreadable — then ``{"type": "coverage", …}``
with a roster, ``{"type": "near-duplicate", …}`` per pair, ``{"type": "scoring", …}``.
Lines with a ``type`` are audit lines; finding and not-checked lines have none and are
unchanged. The records come last, ordered by path, because a score and a roster entry
are known only when the batch is done.

The format is meant for batches of thousands of reports, so besides :meth:`render`
the formatter can be fed one :class:`~reportlint.core.results.FileResult` at a time and
writes (and flushes) each file's lines at once; nothing is kept between files::

    writer = output.get("jsonl").start(out, lang="zh")
    for path in paths:
        writer.add(linter.lint_path(path))   # lines for this file are written now
    counts = writer.finish(audit)            # the audit's lines; Counts of the findings written

Within a file findings are ordered by (line, column, code); files come in the order
they are added. :meth:`JsonlFormatter.render` sorts the files by path first, so its
output has the same order as the ``json`` formatter's array.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from reportlint.core.records import AuditSummary, ReportRecord
from reportlint.core.results import FileResult
from reportlint.output import Counts, LineIndex, StreamingFormatter, count_file, json_safe, sorted_diagnostics
from reportlint.output.json_ import POSITIONED_KINDS, diagnostic_to_json, not_checked_to_json, to_jsonable
from reportlint.output.records_json import audit_to_json

_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class JsonlWriter:
    """One streaming run: :meth:`add` each result, then :meth:`finish`."""

    def __init__(self, out: TextIO, lang: str, flush: bool = True):
        self.out = out
        self.lang = lang
        self.flush = flush
        self.counts = Counts()
        self.finished = False
        self.records: list[ReportRecord] = []  # the results' own, for finish() without an audit

    def _dump(self, obj: dict[str, Any]) -> str:
        # ensure_ascii=False keeps CJK readable. json.dumps escapes every C0 control
        # (\n, \r, \v, \f, \x1c-\x1e), but leaves NEL, LINE and PARAGRAPH SEPARATOR
        # raw, and str.splitlines() would split a line on them: escape those too (they
        # can only occur inside strings, so this stays valid JSON).
        text = json.dumps(obj, ensure_ascii=False, default=lambda o: to_jsonable(o, self.lang))
        if "\x85" in text or "\u2028" in text or "\u2029" in text:  # rare; translate is ~50 ns a character
            text = text.translate(_LINE_BREAKS)
        return json_safe(text)

    def add(self, result: FileResult) -> None:
        """Write the lines for one file now (findings, then its error if it failed)."""
        if self.finished:
            raise RuntimeError("JsonlWriter.add() after finish()")
        lang = self.lang
        index = LineIndex(result.lines) if result.lines and result.kind in POSITIONED_KINDS else None
        lines = []
        count_file(self.counts, result)
        for d in sorted_diagnostics(result):
            lines.append(self._dump(diagnostic_to_json(d, result.path, lang, index)))
        if result.error is not None:
            record = not_checked_to_json(result, lang)
            record["error"] = record["reason"]
            lines.append(self._dump(record))
        if lines:
            self.out.write("\n".join(lines) + "\n")
            if self.flush and hasattr(self.out, "flush"):
                self.out.flush()
        if result.record is not None:
            self.records.append(result.record)

    def finish(self, audit: AuditSummary | None = None) -> Counts:
        """End the run with the audit's lines (without an audit: the records the results
        carried) and return the counts of the findings written."""
        if not self.finished:
            # One line at a time: 10,000 records joined first would be ~25 MB at once.
            for item in audit_to_json(audit, self.records, self.lang):
                self.out.write(self._dump(item) + "\n")
        self.finished = True
        if self.flush and hasattr(self.out, "flush"):
            self.out.flush()
        return self.counts


class JsonlFormatter:
    name = "jsonl"

    def start(self, out: TextIO, *, lang: str, registry=None, flush: bool = True) -> JsonlWriter:
        """Begin a streaming run writing to ``out``; returns the writer to feed."""
        return JsonlWriter(out, lang, flush=flush)

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
        audit: AuditSummary | None = None,
    ) -> None:
        writer = self.start(out, lang=lang, flush=False)
        for result in sorted(results, key=lambda r: r.path):
            writer.add(result)
        writer.finish(audit)


FORMATTER: StreamingFormatter = JsonlFormatter()
