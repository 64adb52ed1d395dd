"""Diagnostics: what a rule reports, where, and how to fix it."""

from __future__ import annotations

from dataclasses import field
from enum import Enum
from typing import Any

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


CATEGORIES = (
    "structure",
    "template",
    "table",
    "arithmetic",
    "consistency",
    "period",
    "placeholder",
    "artifact",
    "script",
)


@dataclass(frozen=True)
class CellRef:
    """A cell of a report table (二/三/四) or of a real grid (docx/html table).

    ``table`` is ``table2``/``table3``/``table4`` for the recognised tables;
    ``row`` and ``column`` are the official labels when known.
    """

    table: str
    row: str | None = None
    column: str | None = None
    grid: int | None = None  # index of the real table in the file (docx/html), 1-based
    grid_row: int | None = None  # 1-based
    grid_column: int | None = None  # 1-based

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Location:
    """A 1-based position in the user's original file (end is exclusive column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None = None
    paragraph: int | None = None
    cell: CellRef | None = None


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` character offsets of the decoded source text with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A change that resolves a finding: what it does, its edits, and whether --fix may apply it unasked."""

    description: Text
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Diagnostic:
    """One finding: which rule, how serious, what it says, where, and how to fix it."""

    code: str
    name: str
    category: str
    severity: Severity
    message: Text
    location: Location
    fix: Fix | None = None
    path: str = ""
    # Free-form facts for machine output (expected/actual values, cells...).
    data: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        loc = self.location
        return (self.path, loc.line, loc.column, self.code)
