"""Human output: findings grouped by file, the source line with the span underlined.

::

    reports/2023.txt（2 个问题）
    reports/2023.txt:5:16: 错误 RL201 [table3-total] 表三“总计”列应为 15，实为 12
      |
    5 | 本年新收政府信息公开申请数量    12    3    0
      |                                 ^^
      = 单元格：表三 “本年新收政府信息公开申请数量”行 / “自然人”列

    reports/2023.txt:3:15: 警告 RL301 [period-year] 统计期限的年份（2022年）与报告年度（2023年）不一致
      |
    3 | 本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。
      |                             ^^^^^^^^^^^^
      = 可自动修复（--fix）：把“2022年1月1日”改为“2023年1月1日”

    共 2 个问题（错误 1，警告 1，提示 0），涉及 1 个文件

Underlines are measured in terminal cells (CJK characters take two, tabs are shown
as four spaces), so they stay under the right characters; lines wider than the
terminal are cut around the span with ``…``. ``show_source=False`` gives one line
per finding; ``statistics=True`` a count per rule instead of the findings. After the
findings (before the summary line) come the audit's sections
(:mod:`reportlint.output.audit_text`): a table of every file's record only with
``show_records`` (``--show-records``), the roster's coverage and near-duplicate pairs
when the run has them — nothing for a plain check of one file.

The caller decides on colour (the CLI: a terminal and no ``NO_COLOR``). With
``color=False`` the output has no ANSI codes at all and is written directly (the
same text rich would print, much faster, and without importing rich: a check piped
into a file or a CI log never loads it); with ``color=True`` rich renders it.
Control characters from messages, paths or the source never reach the terminal.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import shutil
import unicodedata
from typing import TYPE_CHECKING, NamedTuple, TextIO

from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import (
    SEVERITY_LABELS,
    Formatter,
    context_suffix,
    count,
    describe_cell,
    describe_page,
    rule_statistics,
    sorted_diagnostics,
    summary_line,
    terminal_safe,
)
from reportlint.output.audit_text import audit_lines

if TYPE_CHECKING:  # rich is imported only to render colour
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text as RichText

SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
CARET_STYLES = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.INFO: "blue",
}
GUTTER_STYLE = "blue"
NOTE_STYLE = "cyan"
DEFAULT_WIDTH = 100  # when the output is not a terminal
MIN_SNIPPET = 40  # cells of source shown at least, however narrow the terminal
TAB_WIDTH = 4
ELLIPSIS = "…"

_CELL = T("单元格：", "cell: ")
_FIX_SAFE = T("可自动修复（--fix）：", "fix available (--fix): ")
_FIX_UNSAFE = T("建议修改（需人工确认）：", "suggested fix (review before applying): ")
_FIXABLE = T("[可修复]", "[fixable]")
_NOT_CHECKED = T("未检查", "not checked")
_FILE_COUNT = T("（{n} 个问题）", " ({n} {word})")
_STATS_HEADER = T("数量", "count")
_STATS_CODE = T("代码", "code")
_STATS_RULE = T("规则", "rule")
_STATS_FIX = T("可修复", "fixable")


# Control characters (ESC, CR, BEL…), bidi overrides and lone surrogates in messages or
# quoted text must not reach the terminal: each becomes a space (the underline stays
# aligned). File names get visible escapes instead (terminal_safe), so that two names
# differing only in a control character stay distinguishable.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = {c: " " for c in (*range(0x20), *range(0x7F, 0xA0), *_BIDI, *range(0xD800, 0xE000))}


def _clean(text: str) -> str:
    return text.translate(_CONTROLS)


def _clean_path(path: str) -> str:
    return terminal_safe(path)


# -- styled lines --------------------------------------------------------------------------


class Span(NamedTuple):
    """A style over ``plain[start:end]`` (the fields of rich's ``Span``)."""

    start: int
    end: int
    style: str


# What rich's Text drops from the text it is given (rich.control.strip_control_codes).
_RICH_STRIPPED = dict.fromkeys((0x07, 0x08, 0x0B, 0x0C, 0x0D))


class Line:
    """One line of the report with its styles: rich's ``Text`` reduced to what this
    formatter builds — a style for the whole line and spans appended in order, never
    overlapping. Without colour its ``plain`` text is the output as it is; rich is
    imported only to render colour (:func:`_ansi`, :meth:`to_rich`)."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str = ""):
        self.plain = text.translate(_RICH_STRIPPED)
        self.style = style
        self.spans: list[Span] = []

    def append(self, text: str, style: str | None = None) -> Line:
        text = text.translate(_RICH_STRIPPED)
        if text and style:
            self.spans.append(Span(len(self.plain), len(self.plain) + len(text), style))
        self.plain += text
        return self

    def to_rich(self) -> RichText:
        """The same line as rich's ``Text``."""
        from rich.text import Span as RichSpan
        from rich.text import Text as RichText

        return RichText(self.plain, style=self.style, spans=[RichSpan(*span) for span in self.spans])


# Terminal cells of the characters reports are written in, (first, last, cells), as
# rich.cells measures them (tests/output compare every one): a plain report is measured
# without importing rich; a line with any other character is measured by rich itself.
_CELL_WIDTHS = (
    (0x20, 0x7E, 1),  # ASCII
    (0xA0, 0x2FF, 1),  # Latin-1, Latin extended, spacing modifiers
    (0x2010, 0x2027, 1),  # dashes, quotation marks, ellipsis
    (0x2030, 0x205E, 1),
    (0x2460, 0x24FF, 1),  # ① ⑴ ⒈
    (0x3000, 0x3029, 2),  # ideographic space, 、。〈〉《》「」【】〔〕
    (0x3030, 0x303E, 2),
    (0x3400, 0x4DBF, 2),  # CJK extension A
    (0x4E00, 0x9FFF, 2),  # CJK unified ideographs
    (0xF900, 0xFAFF, 2),  # CJK compatibility ideographs
    (0xFF01, 0xFF60, 2),  # full-width forms: ，：；（）１２３
    (0xFFE0, 0xFFE6, 2),  # ￥ ￡
)
_CELL_WIDTH_STARTS = tuple(first for first, _, _ in _CELL_WIDTHS)


@functools.lru_cache(maxsize=4096)
def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes (``rich.cells.cell_len``)."""
    cells = 0
    for ch in text:
        code = ord(ch)
        i = bisect.bisect_right(_CELL_WIDTH_STARTS, code) - 1
        if i < 0 or code > _CELL_WIDTHS[i][1]:
            from rich.cells import cell_len as rich_cell_len

            return rich_cell_len(text)
        cells += _CELL_WIDTHS[i][2]
    return cells


class TextFormatter:
    name = "text"

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool,
        show_source: bool = True,
        statistics: bool = False,
        width: int | None = None,
        show_errors: bool = True,
        encoding: str | None = None,
        audit: AuditSummary | None = None,
        show_records: bool = False,
    ) -> None:
        """``show_errors=False`` leaves failed files to the caller (the CLI prints them
        on stderr); they still count in the summary. ``encoding`` is that of the stream
        the text ends up on (a GBK console): source characters it lacks are shown as
        ``?`` of the same width, so the underline stays under the span. ``audit``: the
        batch's records, coverage and near duplicates, shown after the findings
        (:mod:`reportlint.output.audit_text`: the records table only with
        ``show_records``, ``--show-records``)."""
        if width is None:
            width = _terminal_width(out, color)
        lines = self.lines(
            results,
            lang=lang,
            show_source=show_source,
            statistics=statistics,
            width=width,
            show_errors=show_errors,
            encoding=encoding,
            audit=audit,
            show_records=show_records,
        )
        if not color:
            # What rich prints without colour, written directly: much faster on long reports.
            out.write("".join(line.plain + "\n" for line in lines))
            return
        console = make_console(out, width)
        out.write("".join(_ansi(line, console) + "\n" for line in lines))

    def lines(
        self,
        results: list[FileResult],
        *,
        lang: str,
        show_source: bool,
        statistics: bool,
        width: int,
        show_errors: bool = True,
        encoding: str | None = None,
        audit: AuditSummary | None = None,
        show_records: bool = False,
    ) -> list[Line]:
        """The report as styled lines (without the trailing newline)."""
        lines: list[Line] = []
        if statistics:
            lines.extend(_statistics(results, lang))
            failed = [_error_line(r, lang) for r in results if r.error is not None and show_errors]
            if lines and failed:
                lines.append(Line(""))
            lines.extend(failed)
        else:
            for result in results:
                lines.extend(_file_block(result, lang, show_source, width, show_errors, encoding))
        audit_section = audit_lines(audit, lang, show_records)
        if audit_section:
            if lines and lines[-1].plain:
                lines.append(Line(""))
            lines.extend(Line(text, style=style) for text, style in audit_section)
        if lines and lines[-1].plain:
            lines.append(Line(""))
        counts = count(results)
        style = "bold red" if counts.errors or counts.failed else ("bold yellow" if counts.total else "bold green")
        lines.append(Line(summary_line(counts, lang), style=style))
        return lines


FORMATTER: Formatter = TextFormatter()


def make_console(out: TextIO, width: int) -> Console:
    """The console colour output is rendered for (basic 16-colour ANSI, no wrapping)."""
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
    )


@functools.lru_cache(maxsize=64)
def _style(base: str | Style, span: str | Style | None) -> Style:
    from rich.style import Style

    style = Style.parse(base) if isinstance(base, str) else base
    if span is not None:
        style = style + (Style.parse(span) if isinstance(span, str) else span)
    return style


def _ansi(line: Line | RichText, console: Console) -> str:
    """One line with its ANSI codes: what ``console.print(line)`` writes, without its overhead.

    Lines built here have spans in order and never overlapping; anything else (a rich
    ``Text`` styled some other way) goes through rich itself.
    """
    from rich.color import ColorSystem

    plain, spans = line.plain, line.spans
    pos = 0
    for span in spans:
        if span.start < pos or span.end < span.start:
            with console.capture() as capture:
                console.print(
                    line.to_rich() if isinstance(line, Line) else line,
                    soft_wrap=True,
                    crop=False,
                    overflow="ignore",
                    end="",
                )
            return capture.get()
        pos = span.end
    parts = []
    pos = 0

    def emit(text: str, style: Style) -> None:
        if text:
            parts.append(style.render(text, color_system=ColorSystem.STANDARD) if style else text)

    base = line.style or ""
    for span in spans:
        emit(plain[pos : span.start], _style(base, None))
        emit(plain[span.start : span.end], _style(base, span.style))
        pos = span.end
    emit(plain[pos:], _style(base, None))
    return "".join(parts)


def _terminal_width(out: TextIO, color: bool) -> int:
    """Cells available for a source line: the terminal's width when writing to one.

    The CLI renders into a buffer; when it asked for colour, stdout is a terminal, so
    that terminal's size counts. Piped output gets a fixed width, for stable output.
    """
    try:
        return max(MIN_SNIPPET, os.get_terminal_size(out.fileno()).columns)
    except (AttributeError, OSError, ValueError):
        pass
    if color:
        return max(MIN_SNIPPET, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


# -- per file ------------------------------------------------------------------------------


def _error_line(result: FileResult, lang: str) -> Line:
    assert result.error is not None
    # "Not checked", not "error": the file has no findings because it was never read.
    return (
        Line().append(_NOT_CHECKED.get(lang), "bold red").append(" ").append(terminal_safe(result.error.render(lang)))
    )


def _file_block(
    result: FileResult,
    lang: str,
    show_source: bool,
    width: int,
    show_errors: bool = True,
    encoding: str | None = None,
) -> list[Line]:
    if not result.diagnostics and (result.error is None or not show_errors):
        return []
    block: list[Line] = []
    if result.diagnostics:
        n = len(result.diagnostics)
        header = Line(_clean_path(result.path), style="bold underline")
        header.append(
            _FILE_COUNT.get(lang).format(n=n, word="problem" if n == 1 else "problems"),
            style="dim",
        )
        block.append(header)
    diags = sorted_diagnostics(result)
    gutter = max((len(str(d.location.line)) for d in diags), default=1)
    for i, d in enumerate(diags):
        if show_source:
            if i:
                block.append(Line(""))
            block.extend(_finding(result, d, lang, gutter, width, encoding))
        else:
            block.append(_concise(result, d, lang))
    if result.error is not None and show_errors:
        block.append(_error_line(result, lang))
    block.append(Line(""))  # a blank line between files
    return block


def _headline(result: FileResult, d: Diagnostic, lang: str) -> Line:
    loc = d.location
    line = Line()
    line.append(_clean_path(result.path), style="bold")
    line.append(f":{loc.line}:{loc.column}:", style="dim")
    line.append(" ")
    line.append(SEVERITY_LABELS[d.severity].get(lang), style=SEVERITY_STYLES[d.severity])
    line.append(" ")
    line.append(d.code, style="bold")
    line.append(" ")
    line.append(f"[{d.name}]", style="dim")
    line.append(" ")
    line.append(_clean(d.message.get(lang)))
    return line


def _concise(result: FileResult, d: Diagnostic, lang: str) -> Line:
    line = _headline(result, d, lang)
    suffix = context_suffix(d, lang)
    if suffix:
        line.append(_clean(suffix), style=NOTE_STYLE)
    if d.fix is not None:
        line.append(" ")
        line.append(_FIXABLE.get(lang), style=NOTE_STYLE)
    return line


def _finding(
    result: FileResult, d: Diagnostic, lang: str, gutter: int, width: int, encoding: str | None = None
) -> list[Line]:
    out = [_headline(result, d, lang)]
    loc = d.location
    pad = " " * gutter
    source = result.source_line(loc.line)
    if source.strip():
        end = loc.end_column if loc.end_line == loc.line else None
        shown, caret_at, caret_len = _snippet(source, loc.column, end, max(MIN_SNIPPET, width - gutter - 3), encoding)
        out.append(Line(f"{pad} |", style=GUTTER_STYLE))
        src = Line()
        src.append(f"{str(loc.line).rjust(gutter)} | ", style=GUTTER_STYLE)
        src.append(shown)
        out.append(src)
        under = Line()
        under.append(f"{pad} | ", style=GUTTER_STYLE)
        under.append(" " * caret_at)
        under.append("^" * caret_len, style=CARET_STYLES[d.severity])
        out.append(under)
    notes = []
    if loc.cell is not None:
        notes.append(_CELL.get(lang) + describe_cell(loc.cell, lang))
    page = describe_page(loc, lang)
    if page:
        notes.append(page)
    if d.fix is not None:
        label = _FIX_SAFE if d.fix.safe else _FIX_UNSAFE
        notes.append(label.get(lang) + d.fix.description.get(lang))
    for note in notes:
        text = Line()
        text.append(f"{pad} = ", style=NOTE_STYLE)
        text.append(_clean(note))
        out.append(text)
    return out


# -- source snippet ------------------------------------------------------------------------


def _lacks(line: str, encoding: str | None) -> bool:
    """Whether ``encoding`` (the console's) cannot represent some character of ``line``."""
    if not encoding or _is_utf(encoding):
        return False
    try:
        line.encode(encoding)
    except UnicodeEncodeError:
        return True
    return False


@functools.lru_cache(maxsize=8)
def _is_utf(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:  # an encoding Python does not know: leave it to the stream
        return True


def _shown_as(piece: str, encoding: str) -> str:
    """A character ``encoding`` lacks (an emoji, U+2022 or a CJK Ext-B character on a
    GBK console) as ``?`` — one per terminal cell it takes, so the underline stays put."""
    try:
        piece.encode(encoding)
        return piece
    except UnicodeEncodeError:
        return "?" * max(cell_len(piece), 1)


def _display(ch: str) -> str:
    """What a source character is shown as: tabs become spaces, control characters a space."""
    if ch == "\t":
        return " " * TAB_WIDTH
    if unicodedata.category(ch) in ("Cc", "Cs") or ord(ch) in _BIDI:
        return " "
    return ch


@functools.lru_cache(maxsize=32)
def _cells(line: str, encoding: str | None) -> tuple[list[str], list[int], list[int]]:
    """Each character of ``line`` as shown, its width in cells, and the cells before
    each position — once per line: a long line (a whole web page on one line) with
    many findings is measured once, not once per finding."""
    pieces = [_display(ch) for ch in line]
    if encoding is not None and _lacks(line, encoding):
        pieces = [_shown_as(p, encoding) for p in pieces]
    widths = [cell_len(p) for p in pieces]
    before = [0, *itertools.accumulate(widths)]
    return pieces, widths, before


def _snippet(
    line: str, column: int, end_column: int | None, budget: int, encoding: str | None = None
) -> tuple[str, int, int]:
    """The source line as shown, and where (in cells) the underline starts and how long it is.

    ``column``/``end_column`` are 1-based character columns, end exclusive; ``None``
    for ``end_column`` underlines to the end of the line (a span that runs on to the
    following lines). Lines wider than ``budget`` cells are cut around the span, with
    ``…`` marking what was left out.
    """
    pieces, widths, before = _cells(line.rstrip("\r\n"), encoding)
    n = len(pieces)
    start = min(max(column - 1, 0), n)
    stop = n if end_column is None else min(max(end_column - 1, start), n)

    # The window [lo, hi) of characters shown.
    lo, hi = 0, n
    if before[n] > budget:
        lo, used = start, 0
        context = max(budget // 4, 4)
        while lo > 0 and used + widths[lo - 1] <= context:
            lo -= 1
            used += widths[lo]
        room = budget - (1 if lo > 0 else 0)  # a cell for the leading "…"
        hi, used = lo, 0
        while hi < n and used + widths[hi] <= room:
            used += widths[hi]
            hi += 1
        if hi < n:  # keep a cell for the trailing "…"
            while hi > lo and used + 1 > room:
                hi -= 1
                used -= widths[hi]
        else:  # the end of the line is reached: use the room left for more context
            while lo > 0 and used + widths[lo - 1] <= room:
                lo -= 1
                used += widths[lo]
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < n else ""
    shown = prefix + "".join(pieces[lo:hi]) + suffix
    caret_at = cell_len(prefix) + before[start] - before[lo]
    if start >= hi:  # span begins past the window (cannot happen unless budget is tiny) or at line end
        caret_len = 1
    else:
        caret_len = before[min(stop, hi)] - before[start]
        if stop > hi:
            caret_len += cell_len(suffix)
    return shown, caret_at, max(caret_len, 1)


# -- --statistics ---------------------------------------------------------------------------


def _statistics(results: list[FileResult], lang: str) -> list[Line]:
    stats = rule_statistics(results)
    if not stats:
        return []
    rows = [(st["code"], st["count"]) for st in stats]
    names = {st["code"]: st["name"] for st in stats}
    severity = {st["code"]: Severity(st["severity"]) for st in stats}
    fixable = {st["code"]: st["fixable"] for st in stats}
    w_count = max(cell_len(_STATS_HEADER.get(lang)), *(len(str(n)) for _, n in rows))
    w_code = max(cell_len(_STATS_CODE.get(lang)), *(len(c) for c, _ in rows))
    w_name = max(cell_len(_STATS_RULE.get(lang)), *(len(names[c]) for c, _ in rows))
    lines = []

    def ljust(s: str, w: int) -> str:
        return s + " " * (w - cell_len(s))

    def rjust(s: str, w: int) -> str:
        return " " * (w - cell_len(s)) + s

    header = "  ".join(
        [
            rjust(_STATS_HEADER.get(lang), w_count),
            ljust(_STATS_CODE.get(lang), w_code),
            ljust(_STATS_RULE.get(lang), w_name),
            _STATS_FIX.get(lang),
        ]
    )
    lines.append(Line(header.rstrip(), style="bold"))
    for code, n in rows:
        row = Line(rjust(str(n), w_count) + "  ")
        row.append(ljust(code, w_code), style=SEVERITY_STYLES[severity[code]])
        if fixable[code]:
            row.append("  " + ljust(names[code], w_name) + "  " + str(fixable[code]))
        else:
            row.append("  " + names[code])
        lines.append(row)
    return lines
