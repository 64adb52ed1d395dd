"""GitHub Actions workflow commands, one annotation per finding::

    ::error file=reports/2023.txt,line=12,col=5,endLine=12,endColumn=9,title=RL201 table3-sum::表三…

``warning`` for warnings, ``notice`` for info. Data escapes ``%``, ``\\r`` and ``\\n``;
properties also escape ``:`` and ``,`` (as ``@actions/core`` does); control characters
in either are shown as ``\\xNN`` escapes, never sent raw. Columns are
sent only for a span on one line (GitHub rejects them otherwise). Files that could
not be checked become ``::error`` annotations on the file.
"""

from __future__ import annotations

from typing import TextIO

from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import (
    Formatter,
    iter_sorted,
    message_with_context,
    terminal_safe,
)
from reportlint.output.paths import Locator

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_FIX = T("可自动修复（--fix）：", "fix available (--fix): ")
_FIX_UNSAFE = T("建议修改（需人工确认）：", "suggested fix (review before applying): ")
_INPUT_TITLE = T("reportlint：无法检查此文件", "reportlint: file could not be checked")


def _visible(value: str) -> str:
    """Every control character but the line breaks, every bidi override and every
    undecodable byte of a name as an escape: CI logs interpret ESC sequences."""
    return "\n".join("\r".join(terminal_safe(x) for x in part.split("\r")) for part in value.split("\n"))


def escape_data(value: str) -> str:
    return _visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


class GithubFormatter:
    name = "github"

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
        # ``audit`` is accepted for the common interface: annotations are per finding,
        # and a workflow log has no place for a batch's records.
        lines = []
        # Annotations name files relative to the repository root, with "/" (Windows too).
        locator = Locator()
        for result, d in iter_sorted(results):
            loc = d.location
            one_line = loc.end_line == loc.line
            props: dict[str, object] = {
                "file": locator.display(result.path),
                "line": loc.line,
                "col": loc.column if one_line else None,
                "endLine": loc.end_line,
                "endColumn": max(loc.end_column, loc.column) if one_line else None,
                "title": f"{d.code} {d.name}",
            }
            message = message_with_context(d, lang)
            if d.fix is not None:
                label = _FIX if d.fix.safe else _FIX_UNSAFE
                message += "\n" + label.get(lang) + d.fix.description.get(lang)
            lines.append(command(COMMANDS[d.severity], props, message))
        for result in results:
            err = result.error
            if err is None:
                continue
            props = {
                "file": locator.display(err.path or result.path),
                "line": err.line,
                "col": err.column if err.line is not None else None,
                "title": _INPUT_TITLE.get(lang),
            }
            lines.append(command("error", props, err.message.get(lang)))
        if lines:
            out.write("\n".join(lines) + "\n")


FORMATTER: Formatter = GithubFormatter()
