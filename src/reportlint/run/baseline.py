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
import re
import stat
from collections import Counter
from pathlib import Path

from reportlint.core.atomic import os_error_text, write_output
from reportlint.core.errors import ConfigError
from reportlint.core.i18n import T
from reportlint.core.results import FileResult

VERSION = 1


def _key(path: str, base: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, base)).as_posix()


# A baseline counts findings per file and rule: even a large audit's is far smaller.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def _read_baseline(baseline_path: str) -> str:
    """The baseline's text; special files (a FIFO would block, /dev/zero never end) and
    oversized files are refused before reading."""
    try:
        st = os.stat(baseline_path)
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(T("基线文件不是普通文件", "the baseline is not a regular file"), baseline_path)
        if st.st_size > MAX_BASELINE_BYTES:
            raise ConfigError(
                T("基线文件过大（超过 {n} MB）", "the baseline file is too large (over {n} MB)").format(
                    n=MAX_BASELINE_BYTES // (1024 * 1024)
                ),
                baseline_path,
            )
        with open(baseline_path, "rb") as fh:
            data = fh.read(MAX_BASELINE_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(T("基线文件不存在", "baseline file not found"), baseline_path) from None
    except OSError as exc:
        why = os_error_text(exc)
        raise ConfigError(
            T("无法读取基线文件：" + why.zh, "cannot read the baseline file: " + why.en), baseline_path
        ) from None
    return data.decode("utf-8")


def load(baseline_path: str) -> dict[str, dict[str, int]]:
    try:
        raw = json.loads(_read_baseline(baseline_path))
        if raw.get("version") != VERSION or not isinstance(raw.get("files"), dict):
            raise ValueError("unexpected structure")
        return {f: {c: int(n) for c, n in codes.items()} for f, codes in raw["files"].items()}
    except FileNotFoundError:
        raise ConfigError(T("基线文件不存在", "baseline file not found"), baseline_path) from None
    except RecursionError:
        raise ConfigError(
            T("基线文件格式无效：嵌套过深", "invalid baseline file: nested too deeply"), baseline_path
        ) from None
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
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    # Keys are file names: the bytes of one that is not valid UTF-8 (lone surrogates,
    # which cannot be written as UTF-8) are kept as \\udcXX escapes, which load back.
    text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    write_output(baseline_path, text)
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
