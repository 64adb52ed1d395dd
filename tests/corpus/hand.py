"""The corpus as a reviewer reads it by hand: hand_values.yaml and defects.yaml, and how
reportlint's reading and findings compare with them.

Used by the corpus tests and by ``benchmarks/accuracy.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"


def _yaml(name: str) -> dict:
    return YAML(typ="safe", pure=True).load((HERE / name).read_text(encoding="utf-8")) or {}


@cache
def hand_values() -> dict:
    return _yaml("hand_values.yaml")


@cache
def listed_defects() -> dict:
    return _yaml("defects.yaml")


@cache
def document(name: str):
    from reportlint.document.build import build_document
    from reportlint.readers import read

    return build_document(read(str(FIXTURES / name)))


@dataclass
class CellCheck:
    file: str
    table: str
    row: str | None
    column: str
    want: object  # the hand-read value (None: a really empty cell)
    got: object  # what reportlint read (None when blank / not read)
    status: str  # the cell's read status, or "absent" (no such table/row/cell)

    @property
    def right(self) -> bool:
        if self.want is None:
            return self.status == "blank"
        return self.status in ("read", "recovered") and _same(self.got, self.want)

    @property
    def honest(self) -> bool:
        """Right, or said to be unreadable: never a wrong number taken as read."""
        return self.right or self.status == "unreadable"


def _same(got, want) -> bool:
    if got is None:
        return False
    return Decimal(str(got)) == Decimal(str(want))


def _wanted_cells(spec, columns) -> list[tuple[str, object]]:
    if isinstance(spec, list):
        return list(zip(columns, spec))
    return list(spec.items())


def cell_checks(name: str) -> list[CellCheck]:
    """One check per hand-read cell of ``name``."""
    from reportlint.document import tables as table_specs

    want = (hand_values().get(name) or {}).get("tables") or {}
    doc = document(name)
    out: list[CellCheck] = []
    for key, rows in want.items():
        table = doc.tables.get(key)
        if key == "table4":
            columns = list(table_specs.specs().table4.columns)
            row = table.rows[0] if table is not None and table.rows else None
            for column, value in _wanted_cells(rows, columns):
                out.append(_check(name, key, None, column, value, row))
            continue
        for row_key, values in rows.items():
            row = table.row(row_key) if table is not None else None
            columns = [c.column for c in row.cells] if row is not None and row.cells else []
            if isinstance(values, list) and len(columns) != len(values):
                columns = _official_columns(key, row_key, len(values))
            for column, value in _wanted_cells(values, columns):
                out.append(_check(name, key, row_key, column, value, row))
    return out


def _official_columns(table: str, row_key: str, n: int) -> list[str]:
    from reportlint.document import tables as table_specs

    for layout in ("2021", "2019"):
        for r in table_specs.layout_rows(table, layout):
            if r.key == row_key and len(r.columns) == n:
                return list(r.columns)
    return [f"#{i}" for i in range(n)]


def _check(name, table, row_key, column, value, row) -> CellCheck:
    cell = row.cell(column) if row is not None and row.found else None
    if cell is None:
        return CellCheck(name, table, row_key, column, value, None, "absent")
    return CellCheck(name, table, row_key, column, value, cell.value, cell.status)


def identity_checks(name: str) -> list[tuple[str, object, object]]:
    """(field, wanted, got) for the identity fields given by hand."""
    want = hand_values().get(name) or {}
    doc = document(name)
    m = doc.meta
    got = {
        "year": m.year,
        "agency": m.agency,
        "kind": m.kind,
        "format": doc.format,
        "signed_on": m.signed_on.value if m.signed_on else None,
        "published_on": _published_on(m),
        "sections": [s.key for s in doc.sections],
    }
    out = []
    for field_name in ("year", "agency", "kind", "format", "signed_on", "published_on", "sections"):
        if field_name in want:
            w = want[field_name]
            if isinstance(w, date) or field_name in ("signed_on", "published_on"):
                w = w if isinstance(w, date) else date.fromisoformat(str(w))
            out.append((field_name, w, got[field_name]))
    return out


def _published_on(meta):
    dated = getattr(meta, "published_on", None)
    return getattr(dated, "value", dated)


def findings(name: str):
    from reportlint.config import ConfigLoader
    from reportlint.plugins.manager import load_registry
    from reportlint.run.engine import Linter

    registry = load_registry(no_plugins=True)
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    result = linter.lint_path(str(FIXTURES / name))
    if result.error is not None:
        raise RuntimeError(f"{name}: {result.error}")
    return result.diagnostics


def defect_found(name: str, defect: dict, diagnostics) -> bool:
    codes = set(defect.get("codes") or ())
    if not codes:
        return False
    at = defect.get("at")
    text = None
    for d in diagnostics:
        if d.code not in codes:
            continue
        if at is None:
            return True
        if text is None:
            text = document(name).text.split("\n")
        line = text[d.location.line - 1] if 0 < d.location.line <= len(text) else ""
        if at in line:
            return True
    return False
