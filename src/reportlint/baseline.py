"""Baselines: accept the findings an old report already has, fail only on new ones.

The baseline stores, per file and rule, how many findings there were. A later run
hides a file's findings of a rule while their number does not exceed the stored
count; once it does, all of them are shown (with the baseline count in ``data``),
because counts cannot tell which one is new. Counts, not positions, so editing a
report's text above a known finding does not resurrect it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from reportlint.atomic import write_text_atomic
from reportlint.errors import ConfigError
from reportlint.i18n import T
from reportlint.results import FileResult

VERSION = 1


def _key(path: str, base: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, base)).as_posix()


def load(baseline_path: str) -> dict[str, dict[str, int]]:
    try:
        raw = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
        if raw.get("version") != VERSION or not isinstance(raw.get("files"), dict):
            raise ValueError("unexpected structure")
        return {f: {c: int(n) for c, n in codes.items()} for f, codes in raw["files"].items()}
    except FileNotFoundError:
        raise ConfigError(T("基线文件不存在", "baseline file not found"), baseline_path) from None
    except (ValueError, AttributeError, TypeError) as exc:
        raise ConfigError(
            T("基线文件格式无效：{e}", "invalid baseline file: {e}").format(e=exc), baseline_path
        ) from None


def write(baseline_path: str, results: list[FileResult]) -> int:
    base = Path(baseline_path).resolve().parent
    files: dict[str, dict[str, int]] = {}
    total = 0
    for r in results:
        counts = Counter(d.code for d in r.diagnostics)
        if counts:
            files[_key(r.path, base)] = dict(sorted(counts.items()))
            total += sum(counts.values())
    payload = {"version": VERSION, "files": dict(sorted(files.items()))}
    write_text_atomic(baseline_path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return total


class Baseline:
    """A loaded baseline that filters results one file at a time (streaming runs)."""

    def __init__(self, baseline_path: str):
        self.known = load(baseline_path)
        self.base = Path(baseline_path).resolve().parent
        self.hidden = 0

    def filter(self, result: FileResult) -> FileResult:
        allowed = self.known.get(_key(result.path, self.base), {})
        if not allowed:
            return result
        counts = Counter(d.code for d in result.diagnostics)
        kept = []
        for d in result.diagnostics:
            limit = allowed.get(d.code, 0)
            if counts[d.code] <= limit:
                self.hidden += 1
                continue
            if limit:
                d.data["baseline"] = limit
            kept.append(d)
        result.diagnostics = kept
        return result


def apply(baseline_path: str, results: list[FileResult]) -> int:
    """Drop baselined findings in place; return how many were hidden."""
    b = Baseline(baseline_path)
    for r in results:
        b.filter(r)
    return b.hidden
