"""``reportlint check --file-names FILE``: the name each file is shown under.

A file may be known to its readers by another name than its path: a web page a
crawler saved as ``3f9a.html``, an upload a server stores as ``001.docx``. The file
maps the path as given on the command line (or as found in a folder given) to the
name to show, as a JSON object (``{"path": "name", …}``) or a CSV of two columns
(path, name; a header row is harmless: no file is called ``path``).

The check itself never sees the names: the cache, ``--annotate``, ``--fix`` and the
search for last year's report use the real paths. Only the final result is renamed
(:meth:`FileNames.rename`), on its way to the output: the result's path, its findings'
paths, a path named in a message (last year's report, a near copy), the per-report
record and the error of a file that could not be checked.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import functools
import io
import json
import os
import re
from collections.abc import Iterable
from typing import Any

from reportlint.core.diagnostics import Diagnostic
from reportlint.core.errors import ReportlintError, UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.results import FileResult

OPTION = "--file-names"
MAX_BYTES = 64 * 1024 * 1024  # a mapping file is small: this bounds what a wrong file costs


def _key(path: str) -> str:
    return os.path.normpath(path)


class FileNames:
    """Path → shown name (paths compared after ``os.path.normpath``)."""

    def __init__(self, names: dict[str, str]):
        self.names = {_key(path): name for path, name in names.items()}

    def name(self, path: str) -> str:
        return self.names.get(_key(path), path)

    def _known(self, paths: Iterable[object]) -> tuple[str, ...]:
        """Those of ``paths`` that have a name: the only paths looked for in a text
        (a batch of 10,000 files never runs 10,000 patterns over every message)."""
        return tuple(sorted({p for p in paths if isinstance(p, str) and p and _key(p) in self.names}))

    def text(self, value: str, paths: tuple[str, ...]) -> str:
        """``value`` with each of ``paths`` (as :meth:`_known` gives them) replaced by its name."""
        if not paths or not value:
            return value
        return _pattern(paths).sub(lambda m: self.name(m.group(0)), value)

    def _message(self, message: Text, paths: tuple[str, ...]) -> Text:
        zh, en = self.text(message.zh, paths), self.text(message.en, paths)
        return message if (zh, en) == (message.zh, message.en) else Text(zh, en)

    def _diagnostic(self, d: Diagnostic, path: str, around: tuple[str, ...]) -> Diagnostic:
        # a message names another file as its data does (rules put last year's report in both)
        paths = self._known((*around, *d.data.values()))
        if not paths:
            return d if path == d.path else dataclasses.replace(d, path=path)
        data = {k: self.text(v, paths) if isinstance(v, str) else v for k, v in d.data.items()}
        changes: dict[str, Any] = {"path": path, "message": self._message(d.message, paths), "data": data}
        if d.fix is not None:
            changes["fix"] = dataclasses.replace(d.fix, description=self._message(d.fix.description, paths))
        return dataclasses.replace(d, **changes)

    def error(self, error: ReportlintError, around: tuple[str, ...] = ()) -> ReportlintError:
        """A copy of ``error`` naming its file by its name."""
        renamed = copy.copy(error)
        renamed.path = self.name(error.path) if error.path else error.path
        renamed.message = self._message(error.message, self._known((error.path, *around)))
        renamed.args = (renamed.message.en,)
        return renamed

    def rename(self, result: FileResult, paths: bool = True) -> FileResult:
        """A copy of ``result`` naming files by their names (``result`` is unchanged).
        ``paths=False`` (SARIF, whose locations must be URIs of the files) keeps the
        paths of the result, its findings, its record and its error, and renames the
        paths named in messages."""
        path = self.name(result.path)
        record = result.record
        around = self._known((result.path, record.last_year_path if record is not None else None))
        changes: dict[str, Any] = {
            "diagnostics": [
                self._diagnostic(d, self.name(d.path) if d.path and paths else d.path, around)
                for d in result.diagnostics
            ]
        }
        if paths:
            changes["path"] = path
            if result.error is not None:
                changes["error"] = self.error(result.error, around)
        if record is not None:
            record = copy.copy(record)
            if paths:
                record.path = path
                if record.last_year_path:
                    record.last_year_path = self.name(record.last_year_path)
            if record.reason is not None:
                record.reason = self._message(record.reason, around)
            changes["record"] = record
        return dataclasses.replace(result, **changes)


@functools.lru_cache(maxsize=256)
def _pattern(paths: tuple[str, ...]) -> re.Pattern[str]:
    """The paths, longest first, never inside a longer path (`1.txt` is not in `11.txt`
    nor in `1.txt.bak`); a sentence's full stop may follow one."""
    alternatives = "|".join(re.escape(p) for p in sorted(paths, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_./\\-])(?:{alternatives})(?![A-Za-z0-9_/\\-]|\.[A-Za-z0-9_])")


def _message(why: Text) -> Text:
    return Text(f"{OPTION} 文件无效：{why.zh}", f"invalid {OPTION} file: {why.en}")


def load(path: str) -> FileNames:
    """Read ``path`` (JSON object or two-column CSV); anything else is one
    :class:`UsageError` naming the file (exit 2)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            _message(T("无法读取（{why}）", "cannot read it ({why})").format(why=exc.strerror or exc)), path
        ) from None
    if len(data) > MAX_BYTES:
        raise UsageError(_message(T("文件过大", "too large")), path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_message(T("不是 UTF-8 编码", "not UTF-8")), path) from None
    if text.lstrip().startswith(("{", "[")):  # JSON; anything else is read as CSV
        return FileNames(_from_json(text, path))
    return FileNames(_from_csv(text, path))


def _from_json(text: str, path: str) -> dict[str, str]:
    try:
        loaded = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise UsageError(_message(T("JSON 格式错误", "not valid JSON")), path, line=line) from None
    if not isinstance(loaded, dict):
        raise UsageError(_message(T("应为 JSON 对象", "not a JSON object")), path)
    for key, value in loaded.items():
        if not isinstance(value, str) or not value.strip() or not key:
            raise UsageError(
                _message(T("“{k}”的名称应为非空字符串", "the name of “{k}” must be a non-empty string").format(k=key)),
                path,
            )
    return loaded


def _from_csv(text: str, path: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2 or not row[0] or not row[1].strip():
            raise UsageError(
                _message(
                    T(
                        "每行应为两列：命令行中的路径、显示的名称",
                        "each row must have two columns: the path as given, the name to show",
                    )
                ),
                path,
                line=number,
            )
        names[row[0]] = row[1]
    return names
