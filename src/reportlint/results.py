"""What checking one file produced: diagnostics, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlint.diagnostics import Diagnostic, Severity
from reportlint.errors import ReportlintError


@dataclass
class FileResult:
    path: str  # as given on the command line (or --stdin-filename)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: ReportlintError | None = None
    # Lines of the extracted text, for showing the source line under a finding.
    lines: list[str] = field(default_factory=list)
    kind: str | None = None  # reader kind: text, markdown, html, docx, pdf
    fixed: int = 0  # number of fixes applied with --fix

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)
