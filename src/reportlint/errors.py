"""Errors that end a run (or skip one file) with exit status 2.

Each carries the file it is about and a bilingual message, so the CLI can print
one clear line and never a traceback.
"""

from __future__ import annotations

from reportlint.i18n import Text


class ReportlintError(Exception):
    """Base class: a problem the user must fix, reported as one line, exit 2."""

    def __init__(self, message: Text, path: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self):
        # Results cross process boundaries in batch runs (-j): rebuild with all fields.
        return (type(self), (self.message, self.path, self.line, self.column))

    def render(self, lang: str) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = self.message.get(lang)
        return f"{where}: {text}" if where else text


class InputError(ReportlintError):
    """A file that cannot be read as a report (missing, binary, corrupt, too large, bad encoding)."""


class ConfigError(ReportlintError):
    """An invalid configuration file or option value."""


class UsageError(ReportlintError):
    """A command line that asks for something impossible (unknown rule code, bad option)."""
