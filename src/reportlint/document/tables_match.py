"""Aligning the official row labels of a table layout against a report's text.

Every row label is looked up in key space (:class:`~reportlint.document.tables_text.KeyIndex`)
— exactly, by its variants, and (for rows still missing afterwards) approximately inside
the gap where it should be. Each hit is a candidate; the values after it are read. A
small dynamic programme then picks, for every row, at most one candidate so that the
chosen labels come in the official order and do not overlap each other's values,
maximising how many rows are found and how well their values fill the columns.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.tables_text import (
    KeyIndex,
    Read,
    label_end_ok,
    label_raw_end,
    label_raw_start,
    label_start_ok,
)

_CJK = pattern_store.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ENUM = pattern_store.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.、．)）])\s*"
)
SHORT = 3  # labels of at most this many characters must also start their cell
FUZZY_MIN = 6  # labels shorter than this are never matched approximately
FUZZY_GAP = 400  # key characters searched for a missing label
FUZZY_SHARE = 4  # edits allowed: one per this many characters of the label
TRUNCATED_MIN = 12  # labels at least this long are also recognised when shortened …
TRUNCATED_PROBE = 6  # … from their first characters


def label_key(label: str) -> str:
    """Matching key of a label: its CJK characters without the leading enumerator."""
    return "".join(_CJK.findall(_ENUM.sub("", label, count=1)))


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class RowSpec:
    """One official row of a layout as the label search needs it: keys, columns, arithmetic."""

    key: str
    label: str
    keys: tuple[tuple[str, str], ...]  # (key string, "exact" | "variant")
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    units: tuple[str | None, ...]
    group: str | None = None
    outcome: bool = False
    # The row's own arithmetic, for splitting digits written without separators:
    # (indices of the parts, index of their total) groups, e.g. table 三's six columns
    # and 总计. Empty for rows with no arithmetic (table 二).
    sums: tuple[tuple[tuple[int, ...], int], ...] = ()

    @property
    def want(self) -> int:
        return len(self.columns)


@dataclass(eq=False)
class Candidate:
    """A place where a row's label was found, with the values read after it."""

    row: int  # index into the layout's rows
    ks: int  # key span of the matched label
    ke: int
    ts: int  # text span of the label as written (enumerator included)
    te: int
    how: str  # "exact" | "variant" | "fuzzy"
    read: Read
    weight: float = 0.0
    end: int = 0  # text offset after the label and its values
    core: int = -1  # text offset of the label's first word (after its enumerator)

    def __post_init__(self) -> None:
        self.end = max(self.te, self.read.end)
        if self.core < 0:
            self.core = self.ts


Reader = Callable[..., Read]  # (label end, row spec, until=None) → Read


def _weight(c: Candidate, spec: RowSpec, keylen: int) -> float:
    want = max(1, spec.want)
    fill = len(c.read.items) / want
    penalty = 0.5 * min(1.0, c.read.extra / want)
    return 1.0 + fill - penalty + 0.001 * keylen


def _after_header(idx: KeyIndex, ks: int, headers: tuple[str, ...]) -> bool:
    """The label comes right after a column header of its table (``现行有效件数规章000``:
    cells written without separators), which starts its cell as well as a line would."""
    return any(h and ks >= len(h) and idx.key.startswith(h, ks - len(h)) for h in headers)


def candidates(
    idx: KeyIndex,
    tn: str,
    rows: list[RowSpec],
    kstart: int,
    kend: int,
    read: Reader,
    headers: tuple[str, ...] = (),
    found: dict | None = None,
) -> list[Candidate]:
    """Every place a row label of ``rows`` is found in ``[kstart, kend)``, with the
    values after it. ``found`` keeps each row's places by what decides them (its keys,
    columns and arithmetic): the layouts of one table share most rows (22 of table 三's
    23), whose labels are then looked up and read once."""
    out: list[Candidate] = []
    for r, spec in enumerate(rows):
        key = (spec.keys, spec.want, spec.sums, kstart, kend, headers)
        hits = found.get(key) if found is not None else None
        if hits is None:
            hits = _row_candidates(idx, tn, spec, kstart, kend, read, headers)
            if found is not None:
                found[key] = hits
        # fresh objects per layout: the chosen ones are adjusted afterwards (their ts)
        out.extend(Candidate(r, c.ks, c.ke, c.ts, c.te, c.how, c.read, c.weight, core=c.core) for c in hits)
    return out


def _row_candidates(
    idx: KeyIndex, tn: str, spec: RowSpec, kstart: int, kend: int, read: Reader, headers: tuple[str, ...]
) -> list[Candidate]:
    """The places of one row's label (``row`` left at -1: set by the caller)."""
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for key, how in spec.keys:
        if not key:
            continue
        short = len(key) <= SHORT
        for k in idx.find_all(key, kstart, kend):
            ks, ke = k, k + len(key)
            if (ks, ke) in seen:
                continue
            seen.add((ks, ke))
            ts, te = idx.span(ks, ke)
            if not label_end_ok(tn, te):
                continue
            if short and not label_start_ok(tn, ts) and not _after_header(idx, ks, headers):
                continue
            c = Candidate(
                -1,
                ks,
                ke,
                label_raw_start(tn, ts),
                label_raw_end(tn, te),
                how,
                _read(tn, ts, te, spec, read),
                core=ts,
            )
            c.weight = _weight(c, spec, len(key))
            out.append(c)
    _truncated(idx, tn, spec, kstart, kend, read, seen, out)
    return out


def _truncated(idx, tn, spec, kstart, kend, read, seen, out) -> None:
    """Long labels written shortened (``1.申请人无正当理由逾期不补正`` for the whole
    official text): the start of the label, at least half of it, ending its cell."""
    key = spec.keys[0][0]
    if len(key) < TRUNCATED_MIN:
        return
    need = max(TRUNCATED_PROBE, (len(key) + 1) // 2)
    text = idx.key
    for k in idx.find_all(key[:TRUNCATED_PROBE], kstart, kend):
        n = TRUNCATED_PROBE
        top = min(len(key), kend - k)
        while n < top and text[k + n] == key[n]:
            n += 1
        if n >= len(key) or n < need or (k, k + n) in seen:
            continue
        seen.add((k, k + n))
        ts, te = idx.span(k, k + n)
        if not label_end_ok(tn, te):
            continue
        c = Candidate(
            -1,
            k,
            k + n,
            label_raw_start(tn, ts),
            label_raw_end(tn, te),
            "variant",
            _read(tn, ts, te, spec, read),
            core=ts,
        )
        c.weight = _weight(c, spec, n)
        out.append(c)


def _read(tn: str, ts: int, te: int, spec: RowSpec, read: Reader) -> Read:
    """The values after a label; for a label wrapped over lines with nothing after it,
    the values a PDF extractor may have put at the end of one of its lines
    (``1、申请人无正当理由逾期不补 67 3 0 0 1 0 71`` / ``正、行政机关…``)."""
    got = read(te, spec)
    if got.items:
        return got
    nl = tn.find("\n", ts, te)
    while nl != -1:
        ls = max(ts, tn.rfind("\n", 0, nl) + 1)
        inside = read(ls, spec, nl)
        if inside.items:
            return inside
        nl = tn.find("\n", nl + 1, te)
    return got


def choose(cands: list[Candidate], nrows: int) -> tuple[list[Candidate | None], float]:
    """Best order-preserving, non-overlapping choice of at most one candidate per row."""
    cands = sorted(cands, key=lambda c: (c.row, c.ts))
    n = len(cands)
    best = [0.0] * n
    back = [-1] * n
    ends = [c.end for c in cands]
    earlier = 0  # candidates before this index are of earlier rows (sorted by row)
    for i, c in enumerate(cands):
        if i and c.row != cands[i - 1].row:
            earlier = i
        b, bj = 0.0, -1
        core = c.core
        for j in range(earlier):
            # The row before may end inside this label's enumerator when the digits
            # ran into it (`…00000002.其他…`): only its words must not overlap.
            if ends[j] <= core and best[j] > b:
                b, bj = best[j], j
        best[i] = b + c.weight
        back[i] = bj
    chosen: list[Candidate | None] = [None] * nrows
    if not n:
        return chosen, 0.0
    i = max(range(n), key=lambda k: best[k])
    score = best[i]
    while i != -1:
        chosen[cands[i].row] = cands[i]
        i = back[i]
    return chosen, score


def fill_gaps(
    idx: KeyIndex,
    tn: str,
    rows: list[RowSpec],
    chosen: list[Candidate | None],
    kstart: int,
    kend: int,
    read: Reader,
) -> None:
    """Look for each missing row approximately, between its found neighbours."""
    for r, spec in enumerate(rows):
        if chosen[r] is not None:
            continue
        prev = next((chosen[i] for i in range(r - 1, -1, -1) if chosen[i] is not None), None)
        nxt = next((chosen[i] for i in range(r + 1, len(rows)) if chosen[i] is not None), None)
        gs = idx.to_key(prev.end) if prev is not None else kstart
        ge = nxt.ks if nxt is not None else kend
        gs, ge = max(gs, kstart), min(ge, kend, gs + FUZZY_GAP)
        best = None
        others = [k for i, o in enumerate(rows) if i != r for k, _ in o.keys if k]
        for key, _how in spec.keys:
            budget = max(1, len(key) // FUZZY_SHARE)
            if len(key) < FUZZY_MIN or ge - gs < len(key) - budget:
                continue
            for dist, s, e in approx_find(key, idx.key[gs:ge], budget):
                if best is not None and dist >= best[0]:
                    break
                ks, ke = gs + s, gs + e
                ts, te = idx.span(ks, ke)
                # The garbled words must be closer to this label than to any other
                # (`其他法律行政止公开` is 2.其他法律行政法规禁止公开, and nothing else).
                if label_end_ok(tn, te) and _closest_to(idx.key[ks:ke], dist, others):
                    best = (dist, ks, ke, ts, te)
                    break
        if best is None:
            continue
        _, ks, ke, ts, te = best
        c = Candidate(
            r, ks, ke, label_raw_start(tn, ts), label_raw_end(tn, te), "fuzzy", _read(tn, ts, te, spec, read), core=ts
        )
        if nxt is not None and c.end > nxt.core:
            continue
        chosen[r] = c


def _closest_to(written: str, dist: int, others: list[str]) -> bool:
    """No other label is as close to ``written`` as the one it matched (``dist`` edits)."""
    return all(_edit_distance(written, o, dist) > dist for o in others)


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``cap + 1`` as soon as it exceeds ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def approx_find(pattern: str, text: str, k: int) -> list[tuple[int, int, int]]:
    """Approximate occurrences of ``pattern`` in ``text`` with at most ``k`` edits
    (Sellers' algorithm): every (distance, start, end), best first (then leftmost,
    then longest)."""
    m = len(pattern)
    if m == 0 or not text:
        return []
    prev = list(range(m + 1))
    prev_s = [0] * (m + 1)
    hits: list[tuple[int, int, int]] = []
    for j, ch in enumerate(text, 1):
        cur = [0] * (m + 1)
        cur_s = [j] * (m + 1)
        for i in range(1, m + 1):
            d = prev[i - 1] + (pattern[i - 1] != ch)
            s = prev_s[i - 1]
            if prev[i] + 1 < d:
                d, s = prev[i] + 1, prev_s[i]
            if cur[i - 1] + 1 < d:
                d, s = cur[i - 1] + 1, cur_s[i - 1]
            cur[i] = d
            cur_s[i] = s
        if cur[m] <= k:
            hits.append((cur[m], cur_s[m], j))
        prev, prev_s = cur, cur_s
    hits.sort(key=lambda h: (h[0], h[1], -h[2]))
    return hits
