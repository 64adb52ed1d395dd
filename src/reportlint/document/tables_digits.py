"""Cells written without separators: split a run of digits by the table's own arithmetic.

Crawler exports and some HTML pages lose the cell boundaries of a table row:
``一、本年新收政府信息公开申请数量801000081`` is 80 | 1 | 0 | 0 | 0 | 0 | 81. A run of digits
(whitespace inside it is a hard cell boundary) is split into the row's cells only when
exactly one split

* gives every cell a plausible count (``0`` or a number without a leading zero, at most
  :data:`MAX_DIGITS` digits), and
* satisfies the row's arithmetic (``sums``: groups of cell indices whose sum is another
  cell, e.g. table 三's six applicant columns and its 总计).

Without arithmetic only a run with exactly one digit per cell splits (``000`` → 0|0|0).
The digits of the next label's enumerator may be glued to the run
(``…00000004.保护第三方…`` is 0000000 and ``4.``): both the one- and two-digit enumerator
readings are tried, and the split must still be unique. The search is bounded
(:data:`BUDGET` steps); when it runs out the run is unreadable, never guessed.
"""

from __future__ import annotations

from functools import lru_cache

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass

MAX_DIGITS = 7  # a count cell holds at most this many digits
BUDGET = 20000  # search steps per run before giving up (hostile input stays fast)
MAX_RUN = 64  # digits in one run at most; longer runs are not split at all
MAX_ALTS = 12  # splits kept when a row alone cannot decide (the table's columns may)

_RUN = pattern_store.compile(r"[0-9]+(?:[ \t\u3000]+[0-9]+)*")
_DIGITS = pattern_store.compile(r"[0-9]+")
_ENUM_MARKS = ".．、"


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Split:
    """Outcome of splitting one run: the cells' spans (text offsets) or unreadable."""

    cells: tuple[tuple[int, int], ...] | None  # None: no unique split
    start: int  # text span of the run (without a trailing enumerator when one was cut)
    end: int
    unique: bool
    # When several splits fit the row (at most MAX_ALTS, all with the same end): each
    # one's cell spans, for the table's column arithmetic to decide between.
    alts: tuple[tuple[tuple[int, int], ...], ...] = ()


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def find_run(text: str, pos: int, limit: int) -> tuple[int, int, list[tuple[int, int]], str] | None:
    """The run of digits starting at ``pos`` (after spaces), its tokens, and what follows.

    Returns ``(start, end, tokens, follow)`` where ``follow`` is ``"enum"`` when the run is
    glued to an enumerator (``…0002.其他``), ``"glued"`` when text follows with no separator,
    ``"open"`` when whitespace, a line end or the text's end follows, and ``"number"`` when
    the run goes on as a decimal or a thousands group (not a run of counts at all).
    """
    i = pos
    while i < limit and text[i] in " \t\u3000":
        i += 1
    m = _RUN.match(text, i, limit)
    if m is None:
        return None
    start, end = m.start(), m.end()
    tokens = [t.span() for t in _DIGITS.finditer(text, start, end)]
    nxt = text[end] if end < limit else ""
    after = text[end + 1] if end + 1 < limit else ""
    if nxt in ".,，．" and after.isdigit():
        follow = "number"
    elif nxt in _ENUM_MARKS and (_cjk(after) or after in '“"（('):
        follow = "enum"
    elif nxt == "" or nxt in " \t\u3000\r\n|":
        follow = "open"
    else:
        follow = "glued"
    return start, end, tokens, follow


def _plausible(piece: str) -> bool:
    return len(piece) <= MAX_DIGITS and (piece == "0" or piece[0] != "0")


def split_tokens(
    digits: list[str], want: int, sums: tuple[tuple[tuple[int, ...], int], ...], keep: int = 2
) -> tuple[list[list[str]], bool]:
    """Plausible splits of the tokens into ``want`` cells (at most two: the caller only
    needs to know whether one is unique), and whether the search ran out of budget."""
    total = sum(len(d) for d in digits)
    if total < want or len(digits) > want or total > MAX_RUN:
        return [], False
    if not sums and total != want:
        return [], False
    # For each total cell, its parts; for each part cell, the total it counts towards.
    checks: dict[int, tuple[int, ...]] = {t: parts for parts, t in sums}
    part_of: dict[int, int] = {p: t for parts, t in sums for p in parts}
    partial: dict[int, int] = {t: 0 for t in checks}  # running sums of the parts so far
    found: list[list[str]] = []
    cells: list[str] = []
    steps = [0]
    suffix = [0] * (len(digits) + 1)
    for i in range(len(digits) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + len(digits[i])

    def walk(t: int, p: int) -> bool:
        """Token ``t``, char ``p`` inside it. Returns False to abort (budget)."""
        if t == len(digits):
            if len(cells) == want:
                found.append(list(cells))
            return True
        tok = digits[t]
        idx = len(cells)
        left_cells = want - idx
        left_chars = len(tok) - p + suffix[t + 1]
        left_tokens = len(digits) - t
        if left_cells < left_tokens or left_cells > left_chars:
            return True
        for n in range(1, min(MAX_DIGITS, len(tok) - p) + 1):
            steps[0] += 1
            if steps[0] > BUDGET:
                return False
            if left_cells == 1 and n != left_chars:
                continue  # the last cell takes what is left
            if left_cells - 1 > left_chars - n:
                break
            piece = tok[p : p + n]
            if not _plausible(piece):
                break  # a leading zero: longer pieces are no better
            value = int(piece)
            total = part_of.get(idx)
            if total is not None and partial[total] + value >= 10 ** min(MAX_DIGITS, left_chars - n):
                break  # the parts already exceed any total the digits left could write
            if idx in checks and value != partial[idx]:
                continue
            cells.append(piece)
            if total is not None:
                partial[total] += value
            nt, np_ = (t + 1, 0) if p + n == len(tok) else (t, p + n)
            ok = walk(nt, np_)
            if total is not None:
                partial[total] -= value
            cells.pop()
            if not ok:
                return False
            if len(found) >= keep:
                return True
        return True

    if not walk(0, 0):
        return found, True
    return found, False


@lru_cache(maxsize=1024)
def shared_splits(
    digits: tuple[str, ...], want: int, sums: tuple[tuple[tuple[int, ...], int], ...]
) -> tuple[list[list[str]], bool]:
    """:func:`split_tokens` with the caller's keep, for every document of a process: the
    answer depends on nothing but its arguments, and reports write the same runs
    (``0000000``, a row's usual counts) over and over. Bounded, so a long batch's memory
    stays flat; callers only read the lists."""
    return split_tokens(list(digits), want, sums, MAX_ALTS + 1)


def split_run(
    text: str, run: tuple[int, int, list[tuple[int, int]], str], want: int, sums, splits: dict | None = None
) -> Split:
    """Split ``run`` (from :func:`find_run`) into ``want`` cells, or say it cannot be.
    ``splits`` keeps :func:`split_tokens`' answers for one document: the same digits
    come back in many rows (``0000000``) and at each place a label is found."""
    start, end, tokens, follow = run
    options: list[tuple[int, list[tuple[int, int]]]] = []  # (cut digits, tokens)
    if follow == "enum":
        a, b = tokens[-1]
        for cut in (1, 2):
            if b - a - cut < 1:
                # the whole last token is the enumerator
                if b - a == cut and text[a] != "0" and len(tokens) > 1:
                    options.append((cut, tokens[:-1]))
                continue
            if text[b - cut] == "0":
                continue  # an enumerator has no leading zero
            options.append((cut, tokens[:-1] + [(a, b - cut)]))
    else:
        options.append((0, tokens))
    hits: list[tuple[list[tuple[int, int]], int]] = []
    exhausted = False
    for _cut, toks in options:
        digits = [text[a:b] for a, b in toks]
        if splits is None:
            got, ran_out = split_tokens(digits, want, sums, MAX_ALTS + 1)
        else:
            key = (*digits, want, sums)
            known = splits.get(key)
            if known is None:
                known = splits[key] = shared_splits(tuple(digits), want, sums)
            got, ran_out = known  # read only below
        exhausted = exhausted or ran_out
        for cells in got:
            spans = []
            ti, off = 0, 0
            for piece in cells:
                a, b = toks[ti]
                spans.append((a + off, a + off + len(piece)))
                off += len(piece)
                if a + off == b:
                    ti, off = ti + 1, 0
            hits.append((spans, toks[-1][1]))
        if len(hits) > MAX_ALTS:
            break
    if len(hits) == 1 and not exhausted:
        spans, run_end = hits[0]
        return Split(tuple(spans), start, run_end, True)
    cut_end = options[0][1][-1][1] if options and options[0][1] else end
    alts: tuple = ()
    if 1 < len(hits) <= MAX_ALTS and not exhausted and len({e for _, e in hits}) == 1:
        alts = tuple(tuple(sp) for sp, _ in hits)
        cut_end = hits[0][1]
    return Split(None, start, cut_end, False, alts)


def cell_candidates(digits: str, want: int, index: int) -> frozenset[int] | None:
    """Every value cell ``index`` can have in *some* plausible split of ``digits`` into
    ``want`` cells, arithmetic ignored — a superset of what the table can hold there.

    A number stated elsewhere that is in no split of the run disagrees with the table
    however the run is read, so it can be reported even though the cell is unreadable.
    None when the run is not a plain run of digits or is too long to reason about.
    """
    n = len(digits)
    if not digits.isdigit() or not 0 <= index < want or n > MAX_RUN or want > n:
        return None
    # ok[k][p]: digits[p:] splits into k plausible cells; pre[k][p]: digits[:p] into k.
    ok = [[False] * (n + 1) for _ in range(want + 1)]
    ok[0][n] = True
    for k in range(1, want + 1):
        for p in range(n - 1, -1, -1):
            ok[k][p] = any(ok[k - 1][q] for q in range(p + 1, min(n, p + MAX_DIGITS) + 1) if _plausible(digits[p:q]))
    pre = [[False] * (n + 1) for _ in range(want + 1)]
    pre[0][0] = True
    for k in range(1, want + 1):
        for q in range(1, n + 1):
            pre[k][q] = any(pre[k - 1][p] for p in range(max(0, q - MAX_DIGITS), q) if _plausible(digits[p:q]))
    out = set()
    for a in range(n):
        if not pre[index][a]:
            continue
        for b in range(a + 1, min(n, a + MAX_DIGITS) + 1):
            if _plausible(digits[a:b]) and ok[want - index - 1][b]:
                out.add(int(digits[a:b]))
    return frozenset(out)
