"""Text helpers for table recovery: an offset-aligned normalised text, a label key
index, and a reader for the value cells that follow a label.

Why not work on ``doc.view`` directly: the view drops long runs of ``|`` (layout debris),
and an unfilled row of a rendered grid (``规章 |  |  | ``) is exactly such a run. So the
table code rebuilds the view's normalisation *in place*: :func:`aligned_text` has the
same length as ``doc.text`` (offset ``i`` is character ``i`` of the original), takes every
kept character from the view (Simplified script, folded punctuation) and puts back what
the view deleted — pipes and whitespace as they were, pinyin readings and bookmarks as
spaces. Spans found in it are spans of ``doc.text`` without any mapping.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.values import (
    is_number_token,
    is_placeholder_token,
    is_value_token,
)

_CJK_RUN = pattern_store.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_CJK_SPLIT = pattern_store.compile(r"([\u3400-\u9fff\uf900-\ufaff]+)")
_TOKEN = pattern_store.compile(r"\S+")
_PAGE_NUMBER = pattern_store.compile(
    r"\s*(?:-\s*\d{1,4}\s*-|—\s*\d{1,4}\s*—|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*"
)
# Characters that may close a label cell after its last word: `情形）`, `"三安全一稳定"`.
_LABEL_CLOSERS = set(")）]】\"'”’」』》>:：.。 \t\u3000")
# How a line of value cells can start: a digit, a separator, a sign or a blank mark.
_CELL_STARTS = frozenset("0123456789|+-/_&\\~无增减Xx×*?#")
_ONE_NUMBER = pattern_store.compile(r"[ \t]*(\d+)[ \t]*\|?[ \t]*")
# A Markdown table's header separator (`|---|:---:|`): layout, not cells.
_MD_SEPARATOR = pattern_store.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*")
_MD_HEADING = pattern_store.compile(r"#{1,6}(?:\s|$)|#{2,}")
_SENTENCE = pattern_store.compile("[。；;，,：:？?！!]")
_HEADING_START = pattern_store.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")


def aligned_text(doc) -> str:
    """The view's normalisation laid over ``doc.text`` offset for offset (see module doc)."""
    text = doc.text
    view = doc.view
    vtext = view.text
    src = view.src
    n = len(vtext)
    if n == len(text) and (n == 0 or src[n - 1] == n - 1):
        return vtext
    parts: list[str] = []
    pos = 0  # next offset of doc.text to emit
    i = 0  # view index of the start of the current contiguous run
    while i < n:
        s0 = src[i]
        # Largest j with src[j] - src[i] == j - i (no gap in between): binary search.
        lo, hi = i, n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if src[mid] - s0 == mid - i:
                lo = mid
            else:
                hi = mid - 1
        j = lo
        if s0 > pos:
            parts.append(_deleted(text[pos:s0]))
        parts.append(vtext[i : j + 1])
        pos = src[j] + 1
        i = j + 1
    if pos < len(text):
        parts.append(_deleted(text[pos:]))
    out = "".join(parts)
    if len(out) != len(text):  # defensive: never hand back misaligned text
        return text
    return out


def _deleted(chunk: str) -> str:
    """A span the view removed: keep pipes and line structure, blank the rest."""
    return "".join(c if c in "|\n\t " else " " for c in chunk)


class KeyIndex:
    """The CJK characters of a text, concatenated, with a map back to text offsets.

    Labels are matched in key space: whitespace, punctuation, digits and enumerators
    vanish, so ``三、\\n本\\n年\\n度`` and ``自 然 人`` match ``三本年度`` and ``自然人``.
    """

    __slots__ = ("_kstarts", "_tstarts", "key")

    def __init__(self, text: str):
        # One split, no match object per run (a report has thousands of runs): the
        # pieces alternate other text / CJK run, so the runs' offsets are running sums.
        parts = _CJK_SPLIT.split(text)
        keys = parts[1::2]
        self.key = "".join(keys)
        self._kstarts = list(accumulate(map(len, keys), initial=0))[:-1]
        self._tstarts = list(accumulate(map(len, parts), initial=0))[1::2][: len(keys)]

    def to_text(self, k: int) -> int:
        """Text offset of key character ``k``."""
        r = bisect.bisect_right(self._kstarts, k) - 1
        return self._tstarts[r] + (k - self._kstarts[r])

    def span(self, ks: int, ke: int) -> tuple[int, int]:
        """Text span of key characters ``[ks, ke)``."""
        return self.to_text(ks), self.to_text(ke - 1) + 1

    def to_key(self, offset: int) -> int:
        """First key index whose text offset is ≥ ``offset``."""
        r = bisect.bisect_right(self._tstarts, offset) - 1
        if r < 0:
            return 0
        inside = offset - self._tstarts[r]
        run_len = (self._kstarts[r + 1] if r + 1 < len(self._kstarts) else len(self.key)) - self._kstarts[r]
        if inside < run_len:
            return self._kstarts[r] + inside
        return self._kstarts[r] + run_len

    def find_all(self, needle: str, start: int = 0, end: int | None = None) -> list[int]:
        end = len(self.key) if end is None else end
        hits = []
        i = self.key.find(needle, start, end)
        while i != -1:
            hits.append(i)
            i = self.key.find(needle, i + 1, end)
        return hits


def label_end_ok(tn: str, end: int) -> bool:
    """A label must end its cell: what follows (after closing punctuation) is a cell
    boundary, a number or the end of the line — not more words (``其他`` in ``其他处理``)."""
    n = len(tn)
    i = end
    while i < n and tn[i] in _LABEL_CLOSERS:
        i += 1
    if i >= n:
        return True
    c = tn[i]
    if c in "|\n\r\t" or c.isdigit() or c in "+-/_":
        return True
    # A CJK character right after: the label is only the start of a longer text.
    return not ("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


_ENUM_BEFORE = pattern_store.compile(
    r"(?:^|[\s|])(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.]|[(（]?\d{1,2}[)）.、]|[(（][一二三四五六七八九十]{1,3}[)）][一二三四五六七八九十]?)?\s*$"
)
# A short label right after the digits of the row before (cells written without
# separators): `…1000001（七）总计`, `…00000003.其他`. The enumerator is required then.
_ENUM_AFTER_DIGITS = pattern_store.compile(r"\d(?:[(（][一二三四五六七八九十]{1,3}[)）]|[1-9]\d?[.、．])\s*$")
_ENUM_PREFIX = pattern_store.compile(
    r"(?:[一二三四五六七八九十]{1,3}\s*、|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.、．)）])\s*$"
)


_RAW_CLOSERS = set(")）]】\"'”’」』》")


def label_raw_end(tn: str, end: int) -> int:
    """Extend a label match over its closing punctuation (``情形）``, ``稳定”``)."""
    n = len(tn)
    while end < n and tn[end] in _RAW_CLOSERS:
        end += 1
    return end


def label_start_ok(tn: str, start: int) -> bool:
    """For short labels (``规章``, ``其他``, ``总计``): the label starts its cell, after an
    optional enumerator (``3.其他``, ``（七）总计``), not in the middle of a sentence."""
    before = tn[max(0, start - 8) : start]
    return _ENUM_BEFORE.search(before) is not None or _ENUM_AFTER_DIGITS.search(before) is not None


def label_raw_start(tn: str, start: int) -> int:
    """Extend a label match backwards over its enumerator (``（七）``, ``3.``, ``1、``)."""
    before = tn[max(0, start - 8) : start]
    m = _ENUM_PREFIX.search(before)
    if m is None:
        return start
    return start - (len(before) - m.start())


# ---------------------------------------------------------------------------------------
# Reading the value cells after a label


@dataclass(eq=False)
class Item:
    """One cell read after a label: its kind and span in the text."""

    kind: str  # "v" number, "b" blank mark (`/`, `—`, `无`), "e" empty cell, "t" not a number (`XX`)
    start: int
    end: int


@dataclass(eq=False)
class Read:
    """The cells read after one label."""

    items: list[Item]  # the cells taken for the row's columns (≤ want)
    extra: int  # numbers after the last column
    end: int  # text offset after the last cell read
    # Digits written without separators that the row's own arithmetic could not split
    # uniquely: the splits that fit (cell spans), for the table's columns to decide.
    alts: tuple = ()


def _line_end(tn: str, pos: int, limit: int) -> int:
    e = tn.find("\n", pos, limit)
    return limit if e == -1 else e


_BARE_SIGNS = frozenset({"+", "＋", "减", "增", "增加", "减少", "增减", "±"})


def is_bare_sign(token: str) -> bool:
    """A sign with no number (``减``, ``+``): written in a value cell, it is invalid."""
    return token.strip() in _BARE_SIGNS


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")


def is_md_separator(line: str) -> bool:
    """``|---|---|`` (with optional ``:`` alignment marks): a Markdown separator line."""
    return "-" in line and _MD_SEPARATOR.fullmatch(line) is not None


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER.fullmatch(line) is not None


def read_cells(tn: str, raw: str, pos: int, limit: int, want: int, first: bool = True) -> Read:
    """Read up to ``want`` value cells from text offset ``pos`` (just after a label).

    Handles pipe rows (``规章 | 0 | 0 | 0 | |``: empty cells between values are blank,
    trailing ones padding), one cell per line (``0 |`` lines; a bare ``|`` line is an
    empty cell only between values), Word exports (a line holding only its tab is an
    empty cell)
    and PDF text (``746 12 0 0 10 1 769``, values on their own line, page numbers
    ``- 5 -`` in between). Reading stops at the first text that is not a value.
    """
    items: list[Item] = []
    grab = want + 8  # read a little further, to see extra numbers
    line_start = pos
    end = pos
    numbers = 0
    pipe_row = False  # the label's line is a pipe row with values (`| 规章 | 0 | 0 |`)
    exact = False  # … and it ends with `|` and holds exactly the row's cells
    while line_start < limit and numbers < grab:
        le = _line_end(tn, line_start, limit)
        if pipe_row and tn[line_start:le].lstrip().startswith("|"):
            break  # the next row of a Markdown / pipe table: this row is over
        was_first = first
        stop, end_here, numbers = _scan_line(tn, raw, line_start, le, items, first, numbers, want)
        if end_here is not None:
            end = end_here
        if numbers < 0:  # an unfilled row: `want` blank cells
            return Read(items[:want], 0, end)
        if was_first and "|" in tn[line_start:le] and numbers > 0:
            pipe_row = True
            exact = tn[line_start:le].rstrip().endswith("|") and len(items) == want
        if stop:
            break
        first = False
        line_start = le + 1
    if exact and len(items) == want:
        # `| 四、… | 1 | 0 | 0 | 0 | 0 | 0 |  |`: a Markdown row's last cell is a real,
        # empty cell (the line says where the row ends), not padding.
        return Read(list(items), 0, end if items[-1].kind == "e" else items[-1].end)
    # Trailing empty cells are padding (merged cells, row separators).
    while items and items[-1].kind == "e":
        items.pop()
    if len(items) > want:
        filled = [it for it in items if it.kind != "e"]
        if len(filled) >= want:
            items = filled
        else:  # keep as many inner empties as fit, from the left
            drop = len(items) - want
            kept = []
            for it in items:
                if it.kind == "e" and drop > 0:
                    drop -= 1
                    continue
                kept.append(it)
            items = kept
    taken = items[:want]
    extra = sum(1 for it in items[want:] if it.kind == "v")
    if taken:
        end = taken[-1].end
    return Read(taken, extra, end)


def _scan_line(tn, raw, a, b, items, first, numbers, want):
    """Scan text ``[a, b)`` (one line, or the rest of the label's line when ``first``).
    Returns (stop, end_offset, numbers)."""
    line = tn[a:b]
    if not first:
        m = _ONE_NUMBER.fullmatch(line)
        if m is not None:  # fast path: `0 |`, `\t\t　　0`, `746`
            items.append(Item("v", a + m.start(1), a + m.end(1)))
            return False, a + m.end(1), numbers + 1
    stripped = line.strip()
    if stripped.startswith("|") and is_md_separator(line):
        return False, None, numbers  # `|---|---|`: not cells
    if not stripped:
        # A Word export writes each cell on its own line after a tab; a line with
        # only the tab is an empty cell. An empty line separates rows.
        if not first and "\t" in raw[a:b]:
            items.append(Item("e", b, b))
        return False, None, numbers
    if not first:
        if stripped[0] not in _CELL_STARTS or _MD_HEADING.match(stripped):
            return True, None, numbers  # a line of text (or a Markdown heading): the row is over
        if is_page_number(line):
            return False, None, numbers
    end = None
    if "|" in line:
        # Split into segments with offsets.
        segs: list[tuple[int, int]] = []
        s = a
        for part in line.split("|"):
            segs.append((s, s + len(part)))
            s += len(part) + 1
        if line.endswith("|"):
            segs.pop()  # the line's terminator, not a cell
        if not first and len(segs) > 1 and stripped.startswith("|") and not tn[segs[0][0] : segs[0][1]].strip():
            segs = segs[1:]  # `| 27 | 10 |`: a Markdown row's opening bar, not an empty cell
        if first:
            head = tn[segs[0][0] : segs[0][1]]
            if head.strip() and not all(is_value_token(t) for t in head.split()):
                segs = segs[1:]  # the rest of the label's own cell
            elif not head.strip():
                segs = segs[1:]
        bare = all(not tn[x:y].strip() for x, y in segs)
        if bare:
            if first and len(segs) >= want:
                # An unfilled row of a rendered grid: `规章 |  |  | `. Its empty cells
                # are blanks, not padding; the row ends here.
                items.extend(Item("e", x, y) for x, y in segs[:want])
                return True, segs[want - 1][1], -1
            if not first and segs:
                items.append(Item("e", a + line.index("|"), a + line.index("|") + 1))
            return False, None, numbers
        for x, y in segs:
            cell = tn[x:y]
            c = cell.strip()
            if not c:
                # empty cell: point at the gap between the separators
                items.append(Item("e", x, y))
                continue
            if c.isascii() and c.isdigit():  # fast path: one whole number
                off = x + len(cell) - len(cell.lstrip())
                end = off + len(c)
                items.append(Item("v", off, end))
                numbers += 1
                continue
            toks = list(_TOKEN.finditer(cell))
            if len(toks) == 1 and (is_placeholder_token(c) or is_bare_sign(c)):
                items.append(Item("t", x + toks[0].start(), x + toks[0].end()))
                continue
            if not all(is_value_token(t.group()) for t in toks):
                if (items and len(c) <= 3 and not _CJK_RUN.fullmatch(c)) or (items and _cjk_count(c) < 2):
                    # text where a value should be (`减3`, `约5`): an invalid cell in its
                    # own place, not the end of the row
                    off = x + len(cell) - len(cell.lstrip())
                    items.append(Item("t", off, off + len(c)))
                    continue
                return True, end, numbers
            for t in toks:
                kind = "v" if is_number_token(t.group()) else "b"
                items.append(Item(kind, x + t.start(), x + t.end()))
                end = x + t.end()
                numbers += kind == "v"
        return False, end, numbers
    # No pipes: whitespace separates cells (PDF text, Word export).
    took = False
    for t in _TOKEN.finditer(line):
        tok = t.group()
        if tok.isdigit() and tok.isascii():  # a whole number, the common token: a value
            items.append(Item("v", a + t.start(), a + t.end()))
            end = a + t.end()
            numbers += 1
            took = True
            continue
        if took and is_bare_sign(tok):
            # a bare `减` / `+` between values: an invalid cell of its own, the values
            # after it keep their columns
            items.append(Item("t", a + t.start(), a + t.end()))
            end = a + t.end()
            continue
        if is_value_token(tok) or is_placeholder_token(tok):
            # A number is a value, `/`, `—`, `无` a blank mark, `XX` a placeholder.
            kind = "v" if is_number_token(tok) else ("b" if is_value_token(tok) else "t")
            items.append(Item(kind, a + t.start(), a + t.end()))
            end = a + t.end()
            numbers += kind == "v"
            took = True
            continue
        if first and not took:
            continue  # the tail of the label's own cell
        return True, end, numbers
    if first and not took and stripped and not _only_label_tail(line):
        # The label's line goes on with text and no values: the row has no values here.
        return True, end, numbers
    return False, end, numbers


def _only_label_tail(line: str) -> bool:
    """The rest of a label's line holds only closing punctuation or a parenthesised note."""
    s = line.strip()
    return all(c in _LABEL_CLOSERS for c in s)


def sentence_like(line: str) -> bool:
    """Narrative prose rather than a table header line."""
    return _SENTENCE.search(line) is not None


def heading_like(line: str) -> bool:
    return _HEADING_START.match(line) is not None
