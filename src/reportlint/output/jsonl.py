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
A clean file gives no line at all. ``statistics`` is ignored.

The format is meant for batches of thousands of reports, so besides :meth:`render`
the formatter can be fed one :class:`~reportlint.core.results.FileResult` at a time and
writes (and flushes) each file's lines at once; nothing is kept between files::

    writer = output.get("jsonl").start(out, lang="zh")
    for path in paths:
        writer.add(linter.lint_path(path))   # lines for this file are written now
    counts = writer.finish()                 # Counts of everything written

Within a file findings are ordered by (line, column, code); files come in the order
they are added. :meth:`JsonlFormatter.render` sorts the files by path first, so its
output has the same order as the ``json`` formatter's array.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from reportlint.core.results import FileResult
from reportlint.output import Counts, LineIndex, StreamingFormatter, count_file, json_safe, sorted_diagnostics
from reportlint.output.json_ import POSITIONED_KINDS, diagnostic_to_json, not_checked_to_json, to_jsonable

_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class JsonlWriter:
    """One streaming run: :meth:`add` each result, then :meth:`finish`."""

    def __init__(self, out: TextIO, lang: str, flush: bool = True):
        self.out = out
        self.lang = lang
        self.flush = flush
        self.counts = Counts()
        self.finished = False

    def _dump(self, obj: dict[str, Any]) -> str:
        # ensure_ascii=False keeps CJK readable. json.dumps escapes every C0 control
        # (\n, \r, \v, \f, \x1c-\x1e), but leaves NEL, LINE and PARAGRAPH SEPARATOR
        # raw, and str.splitlines() would split a line on them: escape those too (they
        # can only occur inside strings, so this stays valid JSON).
        text = json.dumps(obj, ensure_ascii=False, default=lambda o: to_jsonable(o, self.lang))
        return json_safe(text.translate(_LINE_BREAKS))

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

    def finish(self) -> Counts:
        """End the run (writes nothing more) and return the counts of what was written."""
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
    ) -> None:
        writer = self.start(out, lang=lang, flush=False)
        for result in sorted(results, key=lambda r: r.path):
            writer.add(result)
        writer.finish()


FORMATTER: StreamingFormatter = JsonlFormatter()
