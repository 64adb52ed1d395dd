"""The result cache: re-checking an unchanged repository is near-instant.

An entry is keyed on everything the result depends on: the file's bytes, the
effective configuration for that file, the rule set (reportlint's version, the
plugins and their versions, the rule data files) and — when a cross-year rule runs —
the report files next to it (last year's report is found there). Entries are JSON
files under ``.reportlint_cache/`` written atomically, so parallel workers and
interrupted runs never leave a broken entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint import __version__
from reportlint.diagnostics import CellRef, Diagnostic, Edit, Fix, Location, Severity
from reportlint.i18n import Text
from reportlint.results import CompactLines, FileResult

CACHE_DIR_NAME = ".reportlint_cache"
FORMAT = 1


@lru_cache(maxsize=1)
def ruleset_fingerprint(plugin_names: tuple[str, ...]) -> str:
    """reportlint's version, the plugins' versions and the rule data files' contents."""
    from reportlint.ruledata import data_dir

    h = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    if plugin_names:  # importlib.metadata is slow to import: only when there are plugins
        from importlib import metadata

        for name in sorted(plugin_names):
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "?"
            h.update(f"|{name}={version}".encode())
    for path in sorted(data_dir().glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=4096)
def neighbours_fingerprint(directory: str) -> str:
    """Names, sizes and times of the report files in a folder (cross-year lookups)."""
    from reportlint.readers import SUFFIXES

    h = hashlib.sha256()
    try:
        entries = sorted(os.scandir(directory or "."), key=lambda e: e.name)
    except OSError:
        return ""
    for e in entries:
        if e.name.lower().endswith(SUFFIXES) and e.is_file():
            st = e.stat()
            h.update(f"{e.name}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class ResultCache:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root) / CACHE_DIR_NAME / f"v{FORMAT}"

    def key(self, data: bytes, settings: str, ruleset: str, neighbours: str = "", extra: str = "") -> str:
        h = hashlib.sha256()
        for part in (ruleset, settings, neighbours, extra):
            h.update(part.encode())
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key[2:]}.json"

    def get(self, key: str, path: str) -> FileResult | None:
        try:
            raw = json.loads(self._path(key).read_text(encoding="utf-8"))
            result = result_from_json(raw, path)
            result.cached = True
            return result
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        from reportlint.atomic import write_text_atomic

        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.root.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by reportlint.\n*\n", encoding="utf-8")
            payload = json.dumps(result_to_json(result), ensure_ascii=False, default=_encode)
            write_text_atomic(str(target), payload, durable=False)
        except OSError:
            pass  # a read-only tree: run without the cache


# -- (de)serialisation ---------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "__decimal__" in value and len(value) == 1:
            return Decimal(value["__decimal__"])
        if "__date__" in value and len(value) == 1:
            return date.fromisoformat(value["__date__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _text(t: Text) -> list[str]:
    return [t.zh, t.en]


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    return {
        "code": d.code,
        "name": d.name,
        "category": d.category,
        "severity": d.severity.value,
        "message": _text(d.message),
        "loc": [loc.line, loc.column, loc.end_line, loc.end_column, loc.page, loc.paragraph],
        "cell": loc.cell.__dict__ if loc.cell else None,
        "fix": None
        if d.fix is None
        else {"d": _text(d.fix.description), "e": [[e.start, e.end, e.text] for e in d.fix.edits], "s": d.fix.safe},
        "data": d.data,
    }


def diagnostic_from_json(raw: dict[str, Any], path: str) -> Diagnostic:
    line, column, end_line, end_column, page, paragraph = raw["loc"]
    cell = CellRef(**raw["cell"]) if raw["cell"] else None
    fix = None
    if raw["fix"]:
        fix = Fix(Text(*raw["fix"]["d"]), tuple(Edit(*e) for e in raw["fix"]["e"]), raw["fix"]["s"])
    return Diagnostic(
        code=raw["code"],
        name=raw["name"],
        category=raw["category"],
        severity=Severity(raw["severity"]),
        message=Text(*raw["message"]),
        location=Location(line, column, end_line, end_column, page, paragraph, cell),
        fix=fix,
        path=path,
        data=_decode(raw["data"]),
    )


def result_to_json(r: FileResult) -> dict[str, Any]:
    lines = r.lines if isinstance(r.lines, CompactLines) else CompactLines(list(r.lines), set())
    return {
        "kind": r.kind,
        "diagnostics": [diagnostic_to_json(d) for d in r.diagnostics],
        "lengths": list(lines.lengths),
        "kept": {str(k): v for k, v in lines.kept.items()},
        "tables": r.tables,
    }


def result_from_json(raw: dict[str, Any], path: str) -> FileResult:
    lines = CompactLines([], set())
    lines.lengths.extend(raw["lengths"])
    lines.kept = {int(k): v for k, v in raw["kept"].items()}
    return FileResult(
        path=path,
        diagnostics=[diagnostic_from_json(d, path) for d in raw["diagnostics"]],
        lines=lines,
        kind=raw["kind"],
        tables=_decode(raw["tables"]),
    )
