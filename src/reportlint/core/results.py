"""What checking one file produced: diagnostics, or the error that stopped it."""

from __future__ import annotations

from array import array
from dataclasses import field
from typing import Any

from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.errors import ReportlintError
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.records import ReportRecord


class CompactLines:
    """The lines a batch run keeps of a file: every line's length (for offset →
    line/column of fixes) but the text only of lines a finding points at."""

    def __init__(self, lines: list[str], keep: set[int]):
        self.lengths = array("l", (len(line) for line in lines))
        self.kept = {n: lines[n - 1] for n in keep if 1 <= n <= len(lines)}

    def __len__(self) -> int:
        return len(self.lengths)

    def __bool__(self) -> bool:
        return len(self.lengths) > 0

    def __getitem__(self, index: int) -> str:
        if index < 0:
            index += len(self.lengths)
        if not 0 <= index < len(self.lengths):
            raise IndexError(index)
        return self.kept.get(index + 1, "")

    def __iter__(self):
        return (self[i] for i in range(len(self.lengths)))


@dataclass
class FileResult:
    """What checking one file gave: its findings, or the error that stopped the check."""

    path: str  # as given on the command line (or --stdin-filename)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: ReportlintError | None = None
    # Lines of the file as the user sees them, for showing the source line under a finding.
    lines: list[str] | CompactLines = field(default_factory=list)
    kind: str | None = None  # reader kind: text, markdown, html, docx, pdf
    fixed: int = 0  # number of fixes applied with --fix
    tables: dict[str, Any] | None = None  # tables 二/三/四 as JSON, when an output asks for them
    cached: bool = False  # came from the result cache
    # The file as a row of an audit (run/records.py): made for every file, checked or not.
    record: ReportRecord | None = None

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def compact(self) -> FileResult:
        """Keep only what output needs, so thousands of results fit in little memory."""
        if isinstance(self.lines, list):
            keep: set[int] = set()
            for d in self.diagnostics:
                keep.update(range(d.location.line, min(d.location.end_line, d.location.line + 20) + 1))
            self.lines = CompactLines(self.lines, keep)
        return self
