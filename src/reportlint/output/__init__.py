"""Output formatters: ``text`` (for people; colour rendered by rich), ``json``, ``jsonl``,
``sarif``, ``github``, ``html``, and for reviewers' spreadsheets and CI systems ``xlsx``
(bytes: its formatter has ``binary = True`` and writes to a binary ``out``), ``csv``,
``csv-records``, ``junit`` and ``gitlab``.

This package is the registry of formatters. Each formatter lives in its own module,
imported only when asked for, so that machine formats — and text without colour —
never pay for :mod:`rich`. All of them implement :class:`Formatter`::

    from reportlint import output
    output.get("sarif").render(results, registry=registry, lang="zh", out=sys.stdout, color=False)

Formatters receive results (and the tables the results carry) as data only: they do not
read documents or rule data. This package module also holds the small helpers the
formatters share (ordering, counting, cell/page descriptions); none of them imports rich.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TextIO, runtime_checkable

from reportlint.core import pattern_store
from reportlint.core.diagnostics import CellRef, Diagnostic, Location, Severity
from reportlint.core.errors import UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.core.records import AuditSummary
    from reportlint.core.results import FileResult
    from reportlint.plugins.manager import Registry

# name → module (imported lazily by :func:`get`)
_MODULES: dict[str, str] = {
    "text": "reportlint.output.text",
    "json": "reportlint.output.json_",
    "sarif": "reportlint.output.sarif",
    "github": "reportlint.output.github",
    "html": "reportlint.output.html",
    "jsonl": "reportlint.output.jsonl",
    "csv": "reportlint.output.csv_",
    "csv-records": "reportlint.output.csv_records",
    "junit": "reportlint.output.junit",
    "gitlab": "reportlint.output.gitlab",
    "xlsx": "reportlint.output.xlsx",
}
NAMES: tuple[str, ...] = tuple(_MODULES)


class Formatter(Protocol):
    """What :func:`get` returns."""

    name: str

    def render(
        self,
        results: list[FileResult],
        *,
        registry: Registry | None,
        lang: str,
        out: TextIO,
        color: bool,
        show_source: bool = True,
        statistics: bool = False,
        audit: AuditSummary | None = None,
    ) -> None:
        """Write the report for ``results`` to ``out``; ``audit``: what the batch as a
        whole found (the records of every file, coverage, near duplicates, scores), for
        the formats that show it."""


class Sink(Protocol):
    """A streaming run (:meth:`StreamingFormatter.start`): :meth:`add` each result as it
    arrives, then :meth:`finish` with the batch's audit (records, coverage, …), which is
    known only when every file is done."""

    def add(self, result: FileResult, /) -> None: ...

    def finish(self, audit: AuditSummary | None = None) -> object: ...


@runtime_checkable
class StreamingFormatter(Formatter, Protocol):
    """A formatter that can also write results one by one as they arrive (json, jsonl,
    html): a batch over thousands of reports then holds none of them."""

    def start(self, out: TextIO, *, lang: str, registry: Registry | None = None) -> Sink: ...


def get(name: str) -> Formatter:
    """The formatter called ``name`` (one of :data:`NAMES`).

    Raises :class:`~reportlint.core.errors.UsageError` naming the valid formats otherwise.
    """
    key = (name or "").strip().lower()
    module_name = _MODULES.get(key)
    if module_name is None:
        valid = ", ".join(NAMES)
        raise UsageError(
            T(
                "未知的输出格式“{n}”，可选：{v}",
                "unknown output format '{n}'; choose one of: {v}",
            ).format(n=name, v=valid)
        )
    module = importlib.import_module(module_name)
    return module.FORMATTER


# -- shared helpers ----------------------------------------------------------------------


# What must never reach a terminal or a CI log raw: C0 and C1 controls (ESC starts
# escape sequences, BEL ends OSC ones), DEL, the bidirectional overrides that make text
# read differently from what it is, and lone surrogates — the bytes of a file name that
# is not valid UTF-8 (``os.fsdecode`` keeps them as U+DC80..U+DCFF), which cannot be
# encoded for output at all.
_TERMINAL_UNSAFE = pattern_store.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATES = pattern_store.compile("[\ud800-\udfff]")


def _escape_char(m: re.Match[str]) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:
        return f"\\x{o - 0xDC00:02x}"  # the undecodable byte itself
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character, bidi override and undecodable byte shown
    as a visible ``\\xNN`` / ``\\uNNNN`` escape: safe on a terminal and in CI logs."""
    return _TERMINAL_UNSAFE.sub(_escape_char, text)


def terminal_safe_lines(text: str) -> str:
    """:func:`terminal_safe`, keeping line breaks (``\\n``) and tabs (a diff has both)."""
    return "\n".join("\t".join(terminal_safe(x) for x in part.split("\t")) for part in text.split("\n"))


def json_safe(text: str) -> str:
    """Serialised JSON made encodable as UTF-8 whatever the file names: a lone
    surrogate (an undecodable byte of a name) becomes U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


SEVERITY_LABELS: dict[Severity, Text] = {
    Severity.ERROR: T("错误", "error"),
    Severity.WARNING: T("警告", "warning"),
    Severity.INFO: T("提示", "info"),
}


def iter_sorted(results: Iterable[FileResult]) -> Iterator[tuple[FileResult, Diagnostic]]:
    """Every diagnostic with its file, ordered by (path, line, column, code).

    The file's path (as given on the command line) is the one that counts, so a
    diagnostic built without ``path`` still sorts with its file.
    """
    pairs = [(r, d) for r in results for d in r.diagnostics]
    pairs.sort(key=lambda p: (p[0].path, p[1].location.line, p[1].location.column, p[1].code))
    return iter(pairs)


def sorted_diagnostics(result: FileResult) -> list[Diagnostic]:
    return sorted(result.diagnostics, key=lambda d: (d.location.line, d.location.column, d.code))


@dataclass
class Counts:
    """Findings by severity and files by outcome, for the summary line."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    files: int = 0  # files with at least one diagnostic
    failed: int = 0  # files that could not be checked
    fixed: int = 0  # fixes applied with --fix
    checked: int = 0  # files that were checked (every file that did not fail)
    not_reports: int = 0  # of those, files set aside as not a report (RL003 alone)

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


NOT_A_REPORT_CODE = "RL003"


def count_file(c: Counts, r: FileResult) -> None:
    """Add one file's result to ``c`` (the streaming formatters count as they go)."""
    if r.diagnostics:
        c.files += 1
    if r.error is not None:
        c.failed += 1
    else:
        c.checked += 1
        if r.diagnostics and all(d.code == NOT_A_REPORT_CODE for d in r.diagnostics):
            c.not_reports += 1
    c.fixed += r.fixed
    for d in r.diagnostics:
        if d.severity is Severity.ERROR:
            c.errors += 1
        elif d.severity is Severity.WARNING:
            c.warnings += 1
        else:
            c.infos += 1


def count(results: Iterable[FileResult]) -> Counts:
    c = Counts()
    for r in results:
        count_file(c, r)
    return c


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_line(counts: Counts, lang: str) -> str:
    """``共 N 个问题（错误 a，警告 b，提示 c），涉及 M 个文件`` / ``Found N problems (…) in M files``.

    Files that could not be checked come first, and "no problems found" is said only
    of the files that were checked — never of a run in which some file was not."""
    en = lang == "en"
    parts = []
    if counts.total:
        parts.append(
            f"Found {_plural(counts.total, 'problem')} ({_plural(counts.errors, 'error')}, "
            f"{_plural(counts.warnings, 'warning')}, {counts.infos} info) in {_plural(counts.files, 'file')}"
            if en
            else f"共 {counts.total} 个问题（错误 {counts.errors}，警告 {counts.warnings}，提示 {counts.infos}），"
            f"涉及 {counts.files} 个文件"
        )
    if counts.fixed:
        parts.append(f"fixed {_plural(counts.fixed, 'problem')}" if en else f"已修复 {counts.fixed} 个问题")
    if counts.failed:
        parts.append(
            f"{_plural(counts.failed, 'file')} could not be checked" if en else f"{counts.failed} 个文件无法检查"
        )
        if not counts.total and counts.checked:
            parts.append(
                f"no problems found in the other {_plural(counts.checked, 'file')}"
                if en
                else f"其余 {counts.checked} 个文件未发现问题"
            )
    elif not counts.total:
        parts.insert(0, "No problems found" if en else "未发现问题")
    if counts.not_reports:
        parts.append(
            f"{_plural(counts.not_reports, 'file')} not checked as a report (not an annual report)"
            if en
            else f"{counts.not_reports} 个文件不是年度报告，未按报告检查"
        )
    text = ("; " if en else "；").join(parts)
    return text[:1].upper() + text[1:] if en else text


def describe_cell(cell: CellRef, lang: str) -> str:
    """The cell a finding is about, named as the messages name cells:
    ``表三“（一）予以公开”行“自然人”列`` / ``table 3, row 'granted', column 'natural persons'``.

    Rows and columns the table vocabulary does not know are shown as written (``表二第3行第2列``
    / ``table 2, row 3, column 2``); the position in the file's own table (docx/html
    grids) follows in parentheses when known.
    """
    # The one table vocabulary (names only, no document), so that the context line names a
    # cell exactly as the finding's message does. Imported here: most commands that import
    # this package never describe a cell.
    from reportlint.document.table_vocabulary import TABLE_KEYS, describe_ref

    en = lang == "en"
    main = describe_ref(cell).get(lang)
    if cell.table and cell.table not in TABLE_KEYS:  # a table of a plugin's own: its name as written
        main = f"{cell.table}, {main}" if en and main else f"{cell.table}{main}" if main else cell.table
    grid = ""
    if cell.grid is not None:
        parts = []
        if en:
            parts.append(f"table {cell.grid} in the file")
            if cell.grid_row is not None:
                parts.append(f"row {cell.grid_row}")
            if cell.grid_column is not None:
                parts.append(f"column {cell.grid_column}")
            grid = ", ".join(parts)
        else:
            grid = f"文件第{cell.grid}个表格"
            if cell.grid_row is not None:
                grid += f"第{cell.grid_row}行"
            if cell.grid_column is not None:
                grid += f"第{cell.grid_column}列"
    if main and grid:
        return f"{main} ({grid})" if en else f"{main}（{grid}）"
    return main or grid


def describe_page(location: Location, lang: str) -> str:
    """``第 3 页`` / ``page 3`` (and the paragraph for .docx), or ``""``."""
    parts = []
    if location.page is not None:
        parts.append(f"page {location.page}" if lang == "en" else f"第 {location.page} 页")
    if location.paragraph is not None:
        parts.append(f"paragraph {location.paragraph}" if lang == "en" else f"第 {location.paragraph} 段")
    return ", ".join(parts) if lang == "en" else "，".join(parts)


def context_suffix(d: Diagnostic, lang: str) -> str:
    """``（表三 …；第 3 页）`` / `` (table 3, …; page 3)`` for a finding, or ``""``."""
    cell = describe_cell(d.location.cell, lang) if d.location.cell is not None else ""
    extra = [x for x in (cell, describe_page(d.location, lang)) if x]
    if not extra:
        return ""
    return f" ({'; '.join(extra)})" if lang == "en" else f"（{'；'.join(extra)}）"


def message_with_context(d: Diagnostic, lang: str) -> str:
    """The message, followed by the cell and page it is about when known."""
    return d.message.get(lang) + context_suffix(d, lang)


class LineIndex:
    """Offsets into ``"\\n".join(lines)`` (the extracted text) → 1-based (line, column)."""

    def __init__(self, lines):
        self.starts = [0]
        # A batch run keeps only line lengths (results.CompactLines); that is all we need.
        for length in getattr(lines, "lengths", None) or (len(line) for line in lines):
            self.starts.append(self.starts[-1] + length + 1)
        self.length = self.starts[-1] - 1 if lines else 0

    def position(self, offset: int) -> tuple[int, int] | None:
        if offset < 0 or offset > self.length:
            return None
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def rule_statistics(results) -> list[dict]:
    """Findings counted per rule (``--statistics``), most frequent first:
    ``{"code", "name", "severity", "count", "fixable"}``."""
    from collections import Counter

    counter: Counter[str] = Counter()
    names: dict[str, str] = {}
    severity: dict[str, Severity] = {}
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counter[d.code] += 1
            names.setdefault(d.code, d.name)
            if d.code not in severity or d.severity.rank > severity[d.code].rank:
                severity[d.code] = d.severity
            if d.fix is not None:
                fixable[d.code] += 1
    return [
        {"code": c, "name": names[c], "severity": severity[c].value, "count": n, "fixable": fixable[c]}
        for c, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
