"""The result cache: re-checking an unchanged repository is near-instant.

An entry is keyed on everything the result depends on: the file's bytes, the
effective configuration for that file, the rule set (reportlint's version, the
plugins and their versions, the rule data files) and — when a cross-year rule runs —
last year's report as it is paired with this one: its path and its bytes, or that
there is none (:meth:`reportlint.run.batch.Checker.check`). Not the whole folder: a
change to one neighbour re-checks only the reports it is, or becomes, last year's
report of. To tell the pairing without reading every neighbour again, the cache also
keeps each report's meta (year, agency; :class:`MetaEntries`), keyed on its bytes.
Entries are JSON files under ``.reportlint_cache/`` written atomically (temporary
file, rename), so parallel workers, two runs sharing a cache and interrupted runs
never see half an entry.

An entry is never trusted (issue 11): its first line is a SHA-256 of its key and its
body, the body must have exactly the shape written, and every position in it must lie
within the file it describes. Only a regular file of sane size is read — never a FIFO
or a device put in the cache folder. Anything else is a miss, and the fresh result
then replaces the bad entry.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint import __version__
from reportlint.core.diagnostics import CellRef, Diagnostic, Edit, Fix, Location, Severity
from reportlint.core.digests import sha256
from reportlint.core.i18n import Text
from reportlint.core.records import STATUSES, ReportRecord
from reportlint.core.results import CompactLines, FileResult

CACHE_DIR_NAME = ".reportlint_cache"
# 2: checksummed entries; 3: keyed on last year's report as paired, metas kept; 4: the record;
# 5: the record's table figures (hierarchy checks); 6: the record's signature packed (hex)
FORMAT = 6
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far above any real entry; bounds what a bad one costs


@lru_cache(maxsize=4)
def ruleset_fingerprint(plugins: tuple[str, ...]) -> str:
    """reportlint's version, the plugins (each ``name=distribution version``, see
    :func:`reportlint.plugins.manager.plugin_versions`) and the rule data files (name, size, time)."""
    from reportlint.core.ruledata import data_dir

    h = sha256(f"{FORMAT}|{__version__}".encode())
    for plugin in sorted(plugins):
        h.update(f"|{plugin}".encode())
    for path in sorted(data_dir().glob("*.yaml")):
        # A data file is what its size and time say, as for its parsed copy in the user
        # cache (core/ruledata.py): hashing 260 KB of YAML costs a cold check ~2 ms.
        st = path.stat()
        h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


class FileDigests:
    """SHA-256 of files' bytes, each file read once per process while its size, times
    and inode stay the same (a batch asks for a neighbour's many times: as a file to
    check, as a candidate for last year's report, as the report paired)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[tuple[int, int, int, int], str]] = {}

    @staticmethod
    def signature(path: str) -> tuple[int, int, int, int] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def record(self, path: str, signature: tuple[int, int, int, int] | None, data: bytes) -> str:
        """The digest of ``data``, read from ``path`` after ``signature`` was taken (a
        change in between gives a new signature: the digest is then asked again)."""
        digest = sha256(data).hexdigest()
        if signature is not None:
            self._known[os.path.normpath(path)] = (signature, digest)
        return digest

    def of(self, path: str, max_bytes: int) -> str | None:
        """The digest of the file at ``path``, or None when it cannot be read."""
        from reportlint import readers
        from reportlint.core.errors import ReportlintError

        signature = self.signature(path)
        if signature is None:
            return None
        known = self._known.get(os.path.normpath(path))
        if known is not None and known[0] == signature:
            return known[1]
        try:
            data = readers.read_bytes(path, max_bytes)
        except ReportlintError:
            return None
        return self.record(path, signature, data)


class ResultCache:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root) / CACHE_DIR_NAME / f"v{FORMAT}"
        self.folder = str(self.root)  # entry paths are joined as strings: pathlib costs more than a read

    def key(self, digest: str, *parts: str) -> str:
        """The key of a result: the digest of the file's bytes (:class:`FileDigests`) and
        the other things it depends on (settings, rule set, last year's report…)."""
        h = sha256()
        for part in parts:
            h.update(part.encode())
            h.update(b"\0")
        h.update(digest.encode())
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key[2:]}.json")

    def get(self, key: str, path: str) -> FileResult | None:
        body = self.read_body(self._path(key), key)
        if body is None:
            return None
        try:
            entry = json.loads(body)
            if not valid_result_json(entry):
                return None
            # Decimals and dates are tagged objects; an entry without a tag needs no decoding.
            result = result_from_json(entry, path, decode=b'"__decimal__"' in body or b'"__date__"' in body)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError, ArithmeticError):
            return None
        result.cached = True
        return result

    def put(self, key: str, result: FileResult) -> None:
        try:
            body = json.dumps(result_to_json(result), ensure_ascii=False, default=_encode).encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return  # data a rule attached that JSON cannot hold: not cached
        self.write_body(self._path(key), key, body)

    def write_body(self, target: str, key: str, body: bytes) -> None:
        from reportlint.core.atomic import write_bytes_atomic

        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            gitignore = self.root.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by reportlint.\n*\n", encoding="utf-8")
            write_bytes_atomic(target, _checksum(key, body).encode("ascii") + b"\n" + body, durable=False)
        except OSError:
            pass  # a read-only tree, a folder where the entry goes: run without the cache

    def read_body(self, target: str, key: str) -> bytes | None:
        """An entry's body, if its checksum holds."""
        raw = _read_entry(target)
        if raw is None:
            return None
        checksum, _, body = raw.partition(b"\n")
        return body if checksum.decode("ascii", "replace") == _checksum(key, body) else None


class MetaEntries:
    """The metas of reports (year, agency, whether both are certain: what pairing a
    report with last year's needs), kept in the result cache's folder and keyed on a
    report's bytes, the facts configured for it and the size limit it is read with —
    a warm run tells each report's pairing without reading any neighbour's text.
    Implements :class:`reportlint.run.previous_year.MetaStore`."""

    def __init__(self, cache: ResultCache, ruleset: str, digests: FileDigests):
        self.cache = cache
        self.ruleset = ruleset
        self.digests = digests

    def _key(self, path: str, facts: dict, max_bytes: int | None) -> str | None:
        from reportlint import readers

        limit = max_bytes or readers.DEFAULT_MAX_BYTES
        digest = self.digests.of(path, limit)
        if digest is None:
            return None
        facts_part = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
        return self.cache.key(digest, "meta", self.ruleset, facts_part, str(limit))

    def _path(self, key: str) -> str:
        return os.path.join(self.cache.folder, "meta", key[:2], f"{key[2:]}.json")

    def load(self, path: str, facts: dict, max_bytes: int | None):
        from reportlint.run.previous_year import CandidateMeta

        key = self._key(path, facts, max_bytes)
        body = self.cache.read_body(self._path(key), key) if key is not None else None
        if body is None:
            return None
        try:
            raw = json.loads(body)
        except (ValueError, RecursionError):
            return None
        if not (
            type(raw) is dict
            and set(raw) == {"year", "agency", "certain"}
            and (raw["year"] is None or _is_int(raw["year"]))
            and (raw["agency"] is None or type(raw["agency"]) is str)
            and type(raw["certain"]) is bool
        ):
            return None
        return CandidateMeta(raw["year"], raw["agency"], raw["certain"])

    def save(self, path: str, facts: dict, max_bytes: int | None, meta) -> None:
        key = self._key(path, facts, max_bytes)
        if key is None:
            return
        body = json.dumps({"year": meta.year, "agency": meta.agency, "certain": meta.certain}, ensure_ascii=False)
        self.cache.write_body(self._path(key), key, body.encode("utf-8"))


def _checksum(key: str, body: bytes) -> str:
    return sha256(key.encode("ascii", "replace") + b"\0" + body).hexdigest()


def _read_entry(path: str) -> bytes | None:
    """The bytes of a cache entry, or None: missing, not a regular file (a FIFO or a
    device would block or never end), too large, unreadable."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
            return None
        chunks = []
        remaining = MAX_ENTRY_BYTES + 1  # a file that grew since fstat is still capped
        while remaining > 0:
            chunk = os.read(fd, min(remaining, max(st.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


# -- validation ------------------------------------------------------------------------
def _is_int(v: Any, low: int = 0, high: int | None = None) -> bool:
    return type(v) is int and v >= low and (high is None or v <= high)


def _is_text_pair(v: Any) -> bool:
    return type(v) is list and len(v) == 2 and all(type(x) is str for x in v)


_SEVERITIES = {s.value for s in Severity}
_SEVERITY_OF = {s.value: s for s in Severity}
_DIAGNOSTIC_KEYS = frozenset({"code", "name", "category", "severity", "message", "loc", "cell", "fix", "data"})
_FIX_KEYS = frozenset({"d", "e", "s"})
_CELL_FIELDS = {"table": (str,), "row": (str, type(None)), "column": (str, type(None))}
_CELL_INTS = ("grid", "grid_row", "grid_column")


def _valid_cell(cell: Any) -> bool:
    if cell is None:
        return True
    if type(cell) is not dict or "table" not in cell:
        return False
    for k, v in cell.items():
        if k in _CELL_FIELDS:
            if not isinstance(v, _CELL_FIELDS[k]):
                return False
        elif k in _CELL_INTS:
            if v is not None and not _is_int(v, 1):
                return False
        else:
            return False
    return True


def valid_result_json(raw: Any) -> bool:
    """Whether ``raw`` has exactly the shape :func:`result_to_json` writes, with every
    line, column and edit offset inside the file it describes."""
    if type(raw) is not dict or set(raw) != {"kind", "diagnostics", "lengths", "kept", "tables", "record"}:
        return False
    if not valid_record_json(raw["record"]):
        return False
    if raw["kind"] is not None and type(raw["kind"]) is not str:
        return False
    lengths = raw["lengths"]
    # (type(), not isinstance: a bool is not a length)
    if type(lengths) is not list or not set(map(type, lengths)) <= {int} or (lengths and min(lengths) < 0):
        return False
    n_lines = len(lengths)
    text_length = sum(lengths) + max(0, n_lines - 1)  # the lines and the \n between them
    kept = raw["kept"]
    if type(kept) is not dict:
        return False
    for k, v in kept.items():
        if not (k.isdigit() and 1 <= int(k) <= n_lines and type(v) is str and len(v) == lengths[int(k) - 1]):
            return False
    if raw["tables"] is not None and type(raw["tables"]) is not dict:
        return False
    diagnostics = raw["diagnostics"]
    if type(diagnostics) is not list:
        return False
    last_line = max(1, n_lines)
    # The checks of one finding, written out rather than through _is_int and the other
    # helpers: this runs for every finding of every file a warm run serves from the cache.
    for d in diagnostics:
        if type(d) is not dict or d.keys() != _DIAGNOSTIC_KEYS:
            return False
        if not (type(d["code"]) is str and type(d["name"]) is str and type(d["category"]) is str):
            return False
        message = d["message"]
        if type(message) is not list or len(message) != 2 or type(message[0]) is not str or type(message[1]) is not str:
            return False
        if d["severity"] not in _SEVERITIES or type(d["data"]) is not dict:
            return False
        if d["cell"] is not None and not _valid_cell(d["cell"]):
            return False
        loc = d["loc"]
        if type(loc) is not list or len(loc) != 6:
            return False
        line, column, end_line, end_column, page, paragraph = loc
        if not (type(line) is int and type(end_line) is int and 1 <= line <= end_line <= last_line):
            return False
        if not (type(column) is int and 1 <= column <= (lengths[line - 1] + 2 if n_lines else 2)):
            return False
        if not (type(end_column) is int and 1 <= end_column <= (lengths[end_line - 1] + 2 if n_lines else 2)):
            return False
        if not (
            (page is None or (type(page) is int and page >= 1))
            and (paragraph is None or (type(paragraph) is int and paragraph >= 1))
        ):
            return False
        fix = d["fix"]
        if fix is None:
            continue
        if (
            type(fix) is not dict
            or fix.keys() != _FIX_KEYS
            or not _is_text_pair(fix["d"])
            or type(fix["s"]) is not bool
        ):
            return False
        if type(fix["e"]) is not list:
            return False
        for e in fix["e"]:
            if not (type(e) is list and len(e) == 3 and type(e[2]) is str):
                return False
            if not (_is_int(e[0], 0, text_length) and _is_int(e[1], e[0], text_length)):
                return False
    return True


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


def diagnostic_from_json(raw: dict[str, Any], path: str, decode: bool = True) -> Diagnostic:
    line, column, end_line, end_column, page, paragraph = raw["loc"]
    cell = CellRef(**raw["cell"]) if raw["cell"] else None
    fix = None
    if raw["fix"]:
        fix = Fix(Text(*raw["fix"]["d"]), tuple(Edit(*e) for e in raw["fix"]["e"]), raw["fix"]["s"])
    return Diagnostic(
        code=raw["code"],
        name=raw["name"],
        category=raw["category"],
        severity=_SEVERITY_OF[raw["severity"]],
        message=Text(*raw["message"]),
        location=Location(line, column, end_line, end_column, page, paragraph, cell),
        fix=fix,
        path=path,
        data=_decode(raw["data"]) if decode else raw["data"],
    )


def result_to_json(r: FileResult) -> dict[str, Any]:
    lines = r.lines if isinstance(r.lines, CompactLines) else CompactLines(list(r.lines), set())
    return {
        "kind": r.kind,
        "diagnostics": [diagnostic_to_json(d) for d in r.diagnostics],
        "lengths": list(lines.lengths),
        "kept": {str(k): v for k, v in lines.kept.items()},
        "tables": r.tables,
        "record": record_to_json(r.record) if r.record is not None else None,
    }


def result_from_json(raw: dict[str, Any], path: str, decode: bool = True) -> FileResult:
    """The result an entry holds. ``decode=False``: it holds no tagged value (see _encode)."""
    lines = CompactLines([], set())
    lines.lengths.extend(raw["lengths"])
    lines.kept = {int(k): v for k, v in raw["kept"].items()}
    return FileResult(
        path=path,
        diagnostics=[diagnostic_from_json(d, path, decode) for d in raw["diagnostics"]],
        lines=lines,
        kind=raw["kind"],
        tables=_decode(raw["tables"]) if decode else raw["tables"],
        record=record_from_json(raw["record"], path) if raw["record"] is not None else None,
    )


# -- the record ------------------------------------------------------------------------
# What a cached record holds: what the engine decides about one file. What the audit
# adds after the run (roster entry, score, deductions) is never cached.
_RECORD_OPTIONAL_STR = (
    "reason",
    "format",
    "agency",
    "agency_kind",
    "published_on",
    "date_source",
    "due_on",
    "last_year_path",
)
_RECORD_FIELDS = {
    "status",
    *_RECORD_OPTIONAL_STR,
    "year",
    "layouts",
    "late_days",
    "counts",
    "categories",
    "rules",
    "copied_from_last_year",
    "copied_sections",
    "signature",
    "figures",
}


def record_to_json(record: ReportRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": record.status,
        "reason": _text(record.reason) if record.reason is not None else None,
    }
    for name in _RECORD_FIELDS - {"status", "reason", "signature"}:
        out[name] = getattr(record, name)
    # the packed signature (core.records.packed_signature) as hex: 264 characters, one
    # string to decode, where a list of 129 numbers takes ~500 and 129 objects
    out["signature"] = record.signature.hex() if record.signature is not None else None
    return out


def _str_map(v: Any, value_types: tuple[type, ...]) -> bool:
    return type(v) is dict and all(type(k) is str and type(x) in value_types for k, x in v.items())


def valid_record_json(raw: Any) -> bool:
    """Whether ``raw`` is a record as :func:`record_to_json` writes it (or None)."""
    if raw is None:
        return True
    if type(raw) is not dict or set(raw) != _RECORD_FIELDS:
        return False
    if raw["status"] not in STATUSES:
        return False
    if raw["reason"] is not None and not _is_text_pair(raw["reason"]):
        return False
    if not all(raw[k] is None or type(raw[k]) is str for k in _RECORD_OPTIONAL_STR if k != "reason"):
        return False
    if not all(raw[k] is None or _is_int(raw[k]) for k in ("year", "late_days")):
        return False
    if not (
        _str_map(raw["layouts"], (str,)) and all(_str_map(raw[k], (int,)) for k in ("counts", "categories", "rules"))
    ):
        return False
    share = raw["copied_from_last_year"]
    if share is not None and type(share) not in (int, float):
        return False
    if not _str_map(raw["copied_sections"], (int, float)):
        return False
    if not _str_map(raw["figures"], (int, float)):
        return False
    signature = raw["signature"]
    if signature is None:
        return True
    if type(signature) is not str:
        return False
    try:  # hex digits only (fromhex also takes spaces: then the length tells)
        return len(bytes.fromhex(signature)) * 2 == len(signature)
    except ValueError:
        return False


def record_from_json(raw: dict[str, Any], path: str) -> ReportRecord:
    fields = {k: raw[k] for k in _RECORD_FIELDS - {"reason", "signature"}}
    signature = raw["signature"]
    return ReportRecord(
        path=path,
        reason=Text(*raw["reason"]) if raw["reason"] is not None else None,
        signature=bytes.fromhex(signature) if signature is not None else None,
        **fields,
    )
