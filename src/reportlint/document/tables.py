"""Recover tables 二/三/四 from any input: align the official row labels, read the values.

One code path for every input. Pipe rows, one cell per line, Word exports, PDF text and
real grids (.docx/.html, which readers also render into the text as ``a | b | c`` lines)
are all searched the same way: the table's region is found from anchors (the first
block header of table 二, the 勾稽关系 note of table 三, the header words of table 四),
the official row labels of each layout (``rules/tables.yaml``) are aligned against the
text in key space (CJK characters only, enumerators and punctuation ignored), and the
cells after each label are read. When a label lies inside a real grid the cells come from
the grid row instead, which keeps empty cells exact.

Layouts are decided per table from what is there (row labels, column headers, how many
values each row has), so a report mixing a 2019 table with a 2021 table is visible in
:attr:`Table.layout`. Nothing is ever shifted silently: a row with fewer values than
columns is filled from the left, the rest are ``found=False`` cells, and a note says so.
"""

from __future__ import annotations

import bisect
import itertools
from functools import lru_cache
from typing import Any

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document import table_vocabulary
from reportlint.document.model import Cell, Document, Row, Table
from reportlint.document.tables_digits import find_run, split_run
from reportlint.document.tables_match import (
    SHORT,
    Candidate,
    RowSpec,
    candidates,
    choose,
    fill_gaps,
    label_key,
)
from reportlint.document.tables_text import (
    Item,
    KeyIndex,
    Read,
    aligned_text,
    heading_like,
    is_md_separator,
    is_page_number,
    read_cells,
    sentence_like,
)
from reportlint.document.values import (
    is_number_token,
    is_value_token,
    parse_value,
    to_json_number,
)

TABLE_KEYS = ("table2", "table3", "table4")
CONFIRM_WINDOW = 80  # key characters after a weak anchor in which a row label must appear
TABLE4_HEADER_LINES = 80  # lines of header allowed between table 四's anchor and its data row
TABLE4_RUN_WORDS = 5  # header words in a row that make a header even inside one long line


# ---------------------------------------------------------------------------------------
# The layouts (rules/tables.yaml), compiled once


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class LayoutSpec:
    """One layout of a table (2021, 2019 …): its official rows in order and its own headers."""

    name: str
    rows: tuple[RowSpec, ...]
    headers: tuple[str, ...]  # header keys only this layout has


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class TableSpec:
    """How table 二 or 三 is found: anchors, layouts, columns and header words."""

    key: str
    anchors: tuple[str, ...]
    confirm: tuple[str, ...]
    layouts: tuple[LayoutSpec, ...]
    columns: tuple[str, ...]
    cut_headers: dict
    header_keys: tuple[str, ...] = ()  # column headers in key space (a short label may follow one)
    # Column headers that only the table's header holds (table 三: 商业企业 …): a short row
    # label (``总计``) before the last of them is a header word, never a row.
    column_words: tuple[str, ...] = ()
    short_column_words: tuple[str, ...] = ()


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Table4Spec:
    """How table 四 (review and litigation) is found and read."""

    anchors: tuple[str, ...]
    columns: tuple[str, ...]
    groups: dict
    row_key: str
    row_label: str
    header_words: tuple[str, ...] = ()  # every header word in key space, longest first


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Specs:
    """The specifications of tables 二, 三 and 四, from ``rules/tables.yaml``."""

    table2: TableSpec
    table3: TableSpec
    table4: Table4Spec


def _row_sums(columns: list[dict]) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Table 三's row arithmetic: the applicant columns sum to the total column."""
    parts = tuple(i for i, c in enumerate(columns) if c.get("applicant"))
    total = next((i for i, c in enumerate(columns) if c["key"] == "total"), None)
    return ((parts, total),) if parts and total is not None else ()


def table4_sums() -> tuple[tuple[tuple[int, ...], int], ...]:
    """Table 四's arithmetic over its 15 columns: each group's four results sum to its 总计."""
    sp = specs().table4
    out = []
    for cols in sp.groups.values():
        idx = [sp.columns.index(c) for c in cols]
        out.append((tuple(idx[:-1]), idx[-1]))
    return tuple(out)


def _keys(label: str, variants) -> tuple[tuple[str, str], ...]:
    out = [(label_key(label), "exact")]
    for v in variants or ():
        k = label_key(v)
        if k and all(k != x for x, _ in out):
            out.append((k, "variant"))
    return tuple(out)


@lru_cache(maxsize=1)
def specs() -> Specs:
    from reportlint.core.ruledata import load

    data = load("tables")

    t2 = data["table2"]
    cols2 = t2["columns"]
    layouts2 = []
    for name, lay in t2["layouts"].items():
        rows = tuple(
            RowSpec(
                key=r["key"],
                label=r["label"],
                keys=_keys(r["label"], r.get("variants")),
                columns=tuple(r["columns"]),
                kinds=tuple(cols2[c].get("kind", "count") for c in r["columns"]),
                units=tuple(cols2[c].get("unit") for c in r["columns"]),
                group=r.get("block"),
            )
            for r in lay["rows"]
        )
        layouts2.append(LayoutSpec(str(name), rows, tuple(label_key(h) for h in lay.get("headers", ()))))
    table2 = TableSpec(
        key="table2",
        anchors=tuple(label_key(a) for a in t2["anchors"]),
        confirm=tuple(label_key(a) for a in t2.get("confirm", ())),
        layouts=tuple(layouts2),
        columns=tuple(cols2),
        cut_headers={label_key(k): tuple(label_key(x) for x in v) for k, v in (t2.get("cut_headers") or {}).items()},
        header_keys=tuple(k for k in (label_key(v["label"]) for v in cols2.values()) if len(k) >= 4),
    )

    t3 = data["table3"]
    cols3 = tuple(c["key"] for c in t3["columns"])
    layouts3 = []
    for name in ("2021", "2019"):
        rows = tuple(
            RowSpec(
                key=r["key"],
                label=r["label"],
                keys=_keys(r["label"], r.get("variants")),
                columns=cols3,
                kinds=("count",) * len(cols3),
                units=(None,) * len(cols3),
                group=r.get("group"),
                outcome=bool(r.get("outcome")),
                sums=_row_sums(t3["columns"]),
            )
            for r in t3["rows"]
            if str(r.get("only", name)) == name
        )
        layouts3.append(LayoutSpec(name, rows, ()))
    table3 = TableSpec(
        key="table3",
        anchors=tuple(label_key(a) for a in t3["anchors"]),
        confirm=tuple(label_key(a) for a in t3.get("confirm", ())),
        layouts=tuple(layouts3),
        columns=cols3,
        cut_headers={},
        column_words=tuple(k for k in (label_key(c["label"]) for c in t3["columns"]) if len(k) >= 4),
        short_column_words=tuple(k for k in (label_key(c["label"]) for c in t3["columns"]) if len(k) < 4),
    )

    t4 = data["table4"]
    table4 = Table4Spec(
        anchors=tuple(label_key(a) for a in t4["anchors"]),
        columns=tuple(c["key"] for c in t4["columns"]),
        groups={g: [c["key"] for c in t4["columns"] if c["group"] == g] for g in t4["groups"]},
        row_key=t4["row"]["key"],
        row_label=t4["row"]["label"],
        header_words=_table4_words(t4),
    )
    return Specs(table2, table3, table4)


def _table4_words(t4: dict) -> tuple[str, ...]:
    words = {label_key(c["label"]) for c in t4["columns"]}
    for g in t4["groups"].values():
        words.update(label_key(part) for part in str(g["label"]).split("/"))
    words.update(label_key(w) for w in t4.get("header_words", ()))
    return tuple(sorted((w for w in words if w), key=pattern_store.longest_first))


def read_reason(key: str, params: dict, lang: str = "zh") -> str:
    """The explanation of a read-status reason (``rules/tables.yaml`` ``read_reasons``)."""
    from reportlint.core.ruledata import load

    texts = (load("tables").get("read_reasons") or {}).get(key)
    if not texts:
        return key
    text = texts["en" if lang == "en" else "zh"]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def layout_rows(table: str, layout: str) -> tuple[RowSpec, ...]:
    """The official rows of ``table`` ("table2"/"table3") in ``layout`` ("2019"/"2021")."""
    spec = getattr(specs(), table)
    for lay in spec.layouts:
        if lay.name == layout:
            return lay.rows
    raise KeyError(layout)


def outcome_rows(layout: str) -> list[str]:
    """Keys of table 三's outcome rows, whose sum is （七）总计, in ``layout``."""
    return [r.key for r in layout_rows("table3", layout) if r.outcome]


def table4_groups() -> dict[str, list[str]]:
    """Table 四's three groups → their five column keys (the last is the group's 总计)."""
    return dict(specs().table4.groups)


# ---------------------------------------------------------------------------------------
# Analysis


class _Ctx:
    """Everything the table search needs about one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.raw = doc.text
        self.tn = aligned_text(doc)
        self.idx = KeyIndex(self.tn)
        self.grid_cells = _grid_index(doc)
        self._reads: dict = {}  # (offset, want, sums, limit) → Read: both layouts read the same rows
        self.row_candidates: dict = {}  # a row's label places, shared by the layouts (tables_match)
        self.splits: dict = {}  # digits → their splits into cells (tables_digits.split_run)

    # -- cells ---------------------------------------------------------------------------
    def reader(self, limit: int):
        cache = self._reads

        def read(pos: int, spec: RowSpec, until: int | None = None) -> Read:
            """Cells after a label ending at ``pos`` (text only up to ``until`` if given)."""
            stop = limit if until is None else min(until, limit)
            # The row's arithmetic is part of the key: glued digits are split by it, so
            # two rows of one width with different sums read the same text differently.
            key = (pos, spec.want, spec.sums, stop)
            got = cache.get(key)
            if got is not None:
                return got
            if self.grid_cells is not None and until is None:
                got = self.grid_read(pos - 1, spec.want)
                if got is not None and not got.items:
                    got = None  # not a grid row after all: read the text
            if got is None:
                got = glued_read(self.tn, pos, stop, spec.want, spec.sums, self.splits)
            if got is None:
                got = read_cells(self.tn, self.raw, pos, stop, spec.want)
            cache[key] = got
            return got

        return read

    def grid_read(self, offset: int, want: int) -> Read | None:
        """Cells after the grid cell holding ``offset`` in its row, or None outside grids."""
        hit = self.grid_at(offset)
        if hit is None:
            return None
        grid, r, cell = hit
        items: list[Item] = []
        for c in grid.rows[r]:
            if c.col <= cell.col or (c.start, c.end) == (cell.start, cell.end):
                continue
            if c.merged:
                continue
            text = self.raw[c.start : c.end]
            s = text.strip()
            if not s:
                items.append(Item("e", c.start, c.end))
                continue
            lead = len(text) - len(text.lstrip())
            a, b = c.start + lead, c.start + lead + len(s)
            if is_number_token(s.replace(" ", "")):
                items.append(Item("v", a, b))
            elif is_value_token(s.replace(" ", "")):
                items.append(Item("b", a, b))
            elif not items and _wordy(s):
                break  # another label (a sub-row's), not this label's values
            else:
                # text in a value column: an invalid cell, not the end of the row
                items.append(Item("t", a, b))
        taken = items[:want]
        extra = sum(1 for it in items[want:] if it.kind == "v")
        end = max((it.end for it in taken), default=offset + 1)
        return Read(taken, extra, end)

    def grid_at(self, offset: int):
        if not self.grid_cells:
            return None
        starts, entries = self.grid_cells
        # Real cells do not overlap: only the last cell starting at or before
        # ``offset`` can hold it.
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0:
            start, end, grid, r, cell = entries[i]
            if start <= offset < end:
                return grid, r, cell
        return None

    def make_cell(self, column: str, kind: str, unit: str | None, item: Item | None) -> Cell:
        if item is None:
            return Cell(column=column, raw="", value=None, span=None, found=False, status="missing")
        if item.kind == "e":
            return Cell(column=column, raw="", value=None, span=(item.start, item.end), status="blank")
        raw = self.raw[item.start : item.end]
        if item.kind == "v" and kind == "count" and raw.isdigit() and raw.isascii():
            # the common cell, a whole number: what parse_value gives it, without the detour
            return Cell(column=column, raw=raw, value=int(raw), span=(item.start, item.end), unit=unit)
        if item.kind == "u":  # digits that cannot be told apart: not missing, not zero
            return Cell(column=column, raw=raw, value=None, span=(item.start, item.end), status="unreadable")
        if item.kind == "r":  # split out of a run of digits by the row's arithmetic
            p = parse_value(raw, kind)
            return Cell(column=column, raw=raw, value=p.value, span=(item.start, item.end), status="recovered")
        p = parse_value(raw, kind)
        return Cell(
            column=column,
            raw=raw,
            value=p.value,
            span=(item.start, item.end),
            unit=p.unit or (unit if p.value is not None else None),
            invalid=p.invalid,
            status="blank" if p.value is None and not p.invalid else "read",
        )

    # -- anchors -------------------------------------------------------------------------
    def anchor(self, spec: TableSpec, after: int, before: int | None = None) -> int | None:
        """Key index where ``spec``'s table starts (searching ``[after, before)``)."""
        idx = self.idx
        before = len(idx.key) if before is None else before
        best = None
        for a in spec.anchors:
            k = idx.key.find(a, after, before)
            if k != -1 and (best is None or k < best):
                best = k
        first_rows = [key for lay in spec.layouts for key, _ in lay.rows[0].keys]
        for a in spec.confirm:
            for k in idx.find_all(a, after, before):
                window = idx.key[k : k + len(a) + CONFIRM_WINDOW]
                if any(fr in window for fr in first_rows):
                    if best is None or k < best:
                        best = k
                    break
        return best


_UNITS = ("万元", "元", "件", "个", "项", "条", "宗", "次", "家", "人")
_SKIP_AFTER_LABEL = set(")）]】\"'”’」』》:：")


def glued_read(tn: str, pos: int, limit: int, want: int, sums, splits: dict | None = None) -> Read | None:
    """Cells written as a run of digits with no separators after a label ending at ``pos``
    (``…申请数量801000081二、…``), split by the row's arithmetic (see tables_digits).

    Returns None when the text after the label is not such a run — spaced cells, a
    decimal, values on the next lines — so the ordinary reader takes over. A run is
    taken as glued cells only with evidence: it runs straight into the next text, into
    the next label's enumerator, or holds a number with a leading zero (``00``).
    """
    i = pos
    while i < limit and tn[i] in _SKIP_AFTER_LABEL:
        i += 1
    run = find_run(tn, i, limit)
    if run is None:
        return None
    start, end, tokens, follow = run
    if follow == "glued" and tn.startswith(_UNITS, end):
        return None  # `251000元`: a number with its unit, read as written
    if follow == "number":
        # A decimal or thousands group: glued to the next text it cannot be told
        # apart (`24252.311082三、`); written apart, the ordinary reader reads it.
        j = end
        while j < limit and (tn[j].isdigit() or tn[j] in ".,，．"):
            j += 1
        if j < limit and not tn[j].isspace() and tn[j] != "|" and len(tokens) == 1:
            if want == 1 and "\u3400" <= tn[j] <= "\u9fff":
                # One cell, then words (`行政事业性收费5949.088667三、…`): the number is
                # the whole cell; only Arabic digits could belong to what follows.
                return Read([Item("v", start, j)], 0, j)
            return Read([Item("u", start, j) for _ in range(want)], 0, j)
        return None
    if len(tokens) > want:
        return None
    implausible = any(b - a > 1 and tn[a] == "0" for a, b in tokens)
    digits = sum(b - a for a, b in tokens)
    glued = follow in ("glued", "enum") or (start == i and i > 0 and not tn[i - 1].isspace() and digits >= want)
    if len(tokens) == want and not implausible:
        if not glued:
            return None  # ordinary spaced cells
        items = [Item("v", a, b) for a, b in tokens]
        return Read(items, 0, tokens[-1][1])
    if not (glued or implausible):
        return None  # fewer values than columns, written apart: the ordinary reader says so
    sp = split_run(tn, run, want, sums, splits)
    if sp.cells is not None:
        return Read([Item("r", a, b) for a, b in sp.cells], 0, sp.end)
    return Read([Item("u", sp.start, sp.end) for _ in range(want)], 0, sp.end, sp.alts)


def _wordy(text: str) -> bool:
    """Text that reads as a label: four or more CJK characters."""
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff") >= 4


def _grid_index(doc: Document):
    grids = getattr(doc.extracted, "grids", None)
    if not grids:
        return None
    entries = []
    for g in grids:
        for r, row in enumerate(g.rows):
            for c in row:
                if not c.merged and c.end > c.start:
                    entries.append((c.start, c.end, g, r, c))
    entries.sort(key=lambda e: e[0])
    return [e[0] for e in entries], entries


def analyse(doc: Document) -> None:
    """Fill ``doc.tables`` with tables 二, 三 and 四 (None for a table that is not there)."""
    ctx = _Ctx(doc)
    sp = specs()
    idx = ctx.idx
    nkey = len(idx.key)

    a2 = ctx.anchor(sp.table2, 0)
    a3 = ctx.anchor(sp.table3, a2 if a2 is not None else 0)
    if a3 is None:  # no 勾稽关系 note: start at the first row label of table 三
        first = sp.table3.layouts[0].rows[0].keys[0][0]
        k = idx.key.find(first, a2 if a2 is not None else 0)
        a3 = k if k != -1 else None
    after3 = a3 if a3 is not None else (a2 if a2 is not None else 0)
    a4 = _table4_anchor(ctx, after3)

    # Table 二: from its anchor (or the 主动公开 section, or the start) to table 三.
    end2 = next((x for x in (a3, a4[0] if a4 else None) if x is not None), nkey)
    if a2 is not None:
        doc.tables["table2"] = _table23(ctx, sp.table2, a2, end2, strict=False)
    else:
        start = _section_start(doc, idx, "proactive")
        doc.tables["table2"] = _table23(ctx, sp.table2, start if start is not None else 0, end2, strict=True)

    end3 = a4[0] if a4 is not None else nkey
    if a3 is not None and a3 < end3:
        doc.tables["table3"] = _table23(ctx, sp.table3, a3, end3, strict=False)
    else:
        doc.tables["table3"] = None

    doc.tables["table4"] = _table4(ctx, a4) if a4 is not None else None
    for table in doc.tables.values():
        if table is not None:
            _mark_text_end(ctx, table)


def _mark_text_end(ctx: _Ctx, table: Table) -> None:
    """Set ``table.cut_after`` when the text ends inside the table: after the last row
    read there is at most a cut-off header or label (no number, no sentence), and rows
    after it are missing or it is short of values. Such a table was cut by whoever
    copied the text (an excerpt, a crawl), not left incomplete by the report."""
    found = [i for i, r in enumerate(table.rows) if r.found]
    if not found:
        # Only the caption or header: the text ending right after it cut the table off.
        le = ctx.raw.find("\n", table.span[0])
        if le == -1 or _text_ends_after(ctx, le):
            table.cut_after = 0
            table.notes.append("the text ends right after the table's caption or header")
        return
    last = found[-1]
    row = table.rows[last]
    short = any(not c.found for c in row.cells)
    if not short and last == len(table.rows) - 1:
        return
    ends = [c.span[1] for r in table.rows if r.found for c in r.cells if c.span is not None]
    ends += [r.label_span[1] for r in table.rows if r.found and r.label_span is not None]
    end = max([table.span[1], *ends])
    if _text_ends_after(ctx, end):
        table.cut_after = last
        table.notes.append(f"the text ends inside the table, after row {row.key}")


HEADER_TAIL_MAX = 300  # characters of header words or a cut label that may follow the last row read
_TAIL_ENUM = pattern_store.compile(r"\d{1,2}\s*[.、．]")
_TAIL_STOPS = frozenset("。！？；")


def _text_ends_after(ctx: _Ctx, pos: int) -> bool:
    return text_ends_after(ctx.doc, pos)


def text_ends_after(doc: Document, pos: int) -> bool:
    """Nothing of the report follows ``pos`` (an offset in ``doc.text``): the text ends,
    at most after a few header words or the start of a row label cut off with it (no
    number but an enumerator, no sentence), blank space, page numbers or the page's own
    debris — a text cut short (an excerpt, a crawl), not a report that goes on."""
    raw = doc.text
    meta = doc.meta
    # A later section heading or table: the text goes on (the header words of table 三
    # after table 二 have no number or sentence either).
    if any(s.heading_span[0] >= pos for s in doc.sections):
        return False
    if any(t is not None and t.span[0] >= pos for t in doc.tables.values()):
        return False
    skip = [s for s in (*meta.page_spans, meta.debris_span) if s is not None]
    kept: list[str] = []
    i, n = pos, len(raw)
    while i < n:
        inside = next((b for a, b in skip if a <= i < b), None)
        if inside is not None:
            i = inside
            continue
        le = raw.find("\n", i)
        le = n if le == -1 else le
        line = raw[i:le]
        if line.strip() and not is_page_number(line):
            kept.append(line.strip())
        i = le + 1
    rest = "".join(kept)
    if len(rest) > HEADER_TAIL_MAX or any(ch in _TAIL_STOPS for ch in rest):
        return False
    return not any(ch.isdigit() for ch in _TAIL_ENUM.sub("", rest))


HEADER_WORD_GAP = 12  # key characters between the header's long words and a short one after them


def _outside_header(idx: KeyIndex, spec: TableSpec, cands: list, kstart: int, kend: int) -> list:
    """Drop short row labels found inside the column header (``总计`` among 自然人 …
    法律服务机构): the header ends after the first occurrence of every column word that
    precedes the first long row label (one is enough: none of them is ever a row label)."""
    if not spec.column_words:
        return cands
    first_long = min((c.ks for c in cands if c.ke - c.ks > SHORT), default=kend)
    ends = []
    for w in spec.column_words:
        k = idx.key.find(w, kstart, first_long)
        if k != -1:
            ends.append(k + len(w))
    if not ends:
        return cands
    hdr_end = max(ends)
    # the short column words written last (``其他``, ``总计``) end the header too
    for w in spec.short_column_words:
        k = idx.key.find(w, hdr_end, min(first_long, hdr_end + HEADER_WORD_GAP))
        if k != -1:
            hdr_end = max(hdr_end, k + len(w))
    return [c for c in cands if c.ke - c.ks > SHORT or c.ks >= hdr_end]


def _section_start(doc: Document, idx: KeyIndex, key: str) -> int | None:
    try:
        sec = doc.section(key)
    except Exception:  # sections are another analysis; never depend on them
        return None
    if sec is None:
        return None
    return idx.to_key(sec.heading_span[0])


def _table23(ctx: _Ctx, spec: TableSpec, kstart: int, kend: int, strict: bool) -> Table | None:
    idx, tn = ctx.idx, ctx.tn
    limit = idx.to_text(kend) if kend < len(idx.key) else len(tn)
    read = ctx.reader(limit)
    results = []
    for lay in spec.layouts:
        rows = list(lay.rows)
        cands = _outside_header(
            idx, spec, candidates(idx, tn, rows, kstart, kend, read, spec.header_keys, ctx.row_candidates), kstart, kend
        )
        chosen, score = choose(cands, len(rows))
        headers = sum(1 for h in lay.headers if idx.key.find(h, kstart, kend) != -1)
        results.append((score + headers, lay, chosen, cands))
    results.sort(key=lambda x: -x[0])
    top = results[0]
    tied = [r for r in results if abs(r[0] - top[0]) < 1e-6]
    notes: list[str] = []
    basis = "labels"
    if len(tied) > 1:
        want = _year_layout(ctx.doc)
        top = next((r for r in tied if r[1].name == want), top)
        basis = "year"
        notes.append(f"layout {top[1].name}: the rows found fit both layouts; taken from the report year")
    _score, lay, chosen, cands_all = top
    rows = list(lay.rows)
    if spec.key == "table2":
        _blocks_out_of_order(chosen, cands_all)
    found = [c for c in chosen if c is not None]
    with_values = [c for c in found if c.read.items]
    if strict and (not found or len(with_values) < 3):
        return None  # no anchor and hardly any rows: the table is not in the report
    if not found:
        # The table's anchor (caption, block header, 勾稽关系 note) is there but none of
        # its row labels: present, not readable — never "not in the report".
        return Table(
            key=spec.key,
            layout=_year_layout(ctx.doc),
            rows=[Row(key=r.key, label=r.label, found=False) for r in rows],
            span=(idx.to_text(kstart), idx.to_text(kstart) + 1),
            columns=[col for col in spec.columns],
            notes=["the table's anchor is there but none of its row labels"],
            layout_basis="year",
            status="unreadable",
            status_reason="no_rows",
            status_params={"rows": len(rows)},
        )
    if len(found) < len(rows):
        fill_gaps(idx, tn, rows, chosen, kstart, kend, read)
        found = [c for c in chosen if c is not None]

    _pair_loose_values(ctx, rows, chosen, cands_all, idx.to_text(kstart), limit, read, notes)
    prev_end = -1
    for c in chosen:  # a label's enumerator the digits before ran into belongs to no one
        if c is None:
            continue
        if c.ts < prev_end <= c.core:
            c.ts = prev_end
        prev_end = c.end
    missing = [r.key for r, c in zip(rows, chosen) if c is None]
    if missing:
        notes.append(f"{len(missing)} of {len(rows)} rows not found: {', '.join(missing)}")
    out_rows: list[Row] = []
    for spec_row, c in zip(rows, chosen):
        out_rows.append(_row(ctx, spec_row, c, notes))
    if spec.key == "table3":
        _resolve_by_columns(ctx, rows, chosen, out_rows, notes)
    columns: list[str] = []
    for r in rows:
        for col in r.columns:
            if col not in columns:
                columns.append(col)
    for cut, full in spec.cut_headers.items():
        if idx.key.find(cut, kstart, kend) != -1 and not any(idx.key.find(f, kstart, kend) != -1 for f in full):
            notes.append(f"column header cut: {cut}…")
    start = idx.to_text(kstart)
    end = max(c.end for c in found)
    grid = ctx.grid_at(found[0].ts)
    table = Table(
        key=spec.key,
        layout=lay.name,
        rows=out_rows,
        span=(start, end),
        grid=grid[0].index if grid else None,
        columns=columns,
        notes=notes,
        layout_basis=basis,
    )
    assess(table, rows)
    return table


MAX_COMBINATIONS = 4096  # splits of undecided rows tried together against the columns


def _resolve_by_columns(ctx: _Ctx, specs_: list[RowSpec], chosen, out_rows: list[Row], notes: list[str]) -> None:
    """Rows of table 三 whose glued digits fit their own 总计 in several ways: the
    table's column arithmetic decides when exactly one combination of their splits
    makes every column add up (outcome rows = （七）总计; 一 + 二 = （七） + 四)."""
    undecided = [i for i, c in enumerate(chosen) if c is not None and c.read.alts]
    if not undecided:
        return
    combos = 1
    for i in undecided:
        combos *= len(chosen[i].read.alts)
    if combos > MAX_COMBINATIONS:
        return
    keys = [r.key for r in specs_]
    at = {k: i for i, k in enumerate(keys)}
    outcome = [i for i, r in enumerate(specs_) if r.outcome]
    needed = outcome + [at[k] for k in ("new", "carried_over", "outcome_total", "carried_forward") if k in at]
    if len(needed) != len(outcome) + 4:
        return
    fixed: dict[int, list[int]] = {}
    for i in needed:
        if i in undecided:
            continue
        cells = out_rows[i].cells
        if not cells or not all(c.usable for c in cells):
            return  # an identity with an unknown term decides nothing
        fixed[i] = [int(c.number) for c in cells]
    width = len(specs_[0].columns)
    options = [[[int(ctx.raw[a:b]) for a, b in alt] for alt in chosen[i].read.alts] for i in undecided]
    fits = []
    for pick in _product(options):
        vals = dict(fixed)
        vals.update(zip(undecided, pick))
        ok = all(
            sum(vals[i][c] for i in outcome) == vals[at["outcome_total"]][c]
            and vals[at["new"]][c] + vals[at["carried_over"]][c]
            == vals[at["outcome_total"]][c] + vals[at["carried_forward"]][c]
            for c in range(width)
        )
        if ok:
            fits.append(pick)
            if len(fits) > 1:
                return
    if len(fits) != 1:
        return
    choice = {}
    for i, opts in zip(undecided, options):
        choice[i] = opts.index(fits[0][undecided.index(i)])
    for i in undecided:
        alt = chosen[i].read.alts[choice[i]]
        spec = specs_[i]
        out_rows[i].cells = [
            ctx.make_cell(col, kind, unit, Item("r", a, b))
            for (a, b), col, kind, unit in zip(alt, spec.columns, spec.kinds, spec.units)
        ]
        notes.append(f"row {spec.key}: digits split by the table's column sums")


def _product(options):
    """Cartesian product of the options lists (small: bounded by MAX_COMBINATIONS)."""
    out = [[]]
    for opts in options:
        out = [prev + [o] for prev in out for o in opts]
    return out


# ---------------------------------------------------------------------------------------
# How well a table was read

MISALIGNED_MIN_ROWS = 4  # rows needed before a pattern of failures says "misread"
MISALIGNED_MIN_FAILURES = 3


def assess(table: Table, specs_: list[RowSpec] | None = None) -> None:
    """Set ``table.status`` / ``status_reason`` / ``status_params`` from its cells.

    "unreadable": no cell could be read, most cells are unreadable, most rows found have
    the wrong number of values, or (rows with arithmetic) many rows fail their own sum —
    a reading that broke, not a report that is wrong. "partial": some cells unreadable.
    A few rows missing or one row short of values is the report's own defect: "read".
    """
    found = [r for r in table.rows if r.found]
    cells = [c for r in found for c in r.cells]
    unreadable = sum(1 for c in cells if c.status == "unreadable")
    readable = sum(1 for c in cells if c.status in ("read", "recovered", "blank"))

    def mark(status: str, reason: str | None, **params) -> None:
        table.status, table.status_reason, table.status_params = status, reason, params

    if not found:
        return mark("unreadable", "no_rows", rows=len(table.rows))
    if not readable:
        if unreadable:
            return mark("unreadable", "digits_glued", cells=unreadable)
        return mark("unreadable", "no_values", rows=len(found))
    bad = [r for r in found if r.extra or any(c.status == "missing" for c in r.cells) or not r.cells]
    if len(found) >= MISALIGNED_MIN_ROWS and len(bad) * 2 > len(found):
        for r in bad:
            _unsure(r)
        return mark("unreadable", "value_counts", bad=len(bad), rows=len(found))
    sums = {s.key: s.sums for s in specs_ or ()}
    failed, checked = [], 0
    for r in found:
        for parts, total in sums.get(r.key, ()):
            if total >= len(r.cells) or not all(r.cells[i].usable for i in (*parts, total)):
                continue
            checked += 1
            if sum(r.cells[i].number for i in parts) != r.cells[total].number:
                failed.append(r)
    if checked >= MISALIGNED_MIN_ROWS and len(failed) >= MISALIGNED_MIN_FAILURES and len(failed) * 2 >= checked:
        for r in failed:
            _unsure(r)
        return mark("unreadable", "row_sums", failed=len(failed), rows=checked)
    if unreadable:
        if unreadable * 2 > len(cells):
            return mark("unreadable", "mostly_unreadable", cells=unreadable, total=len(cells))
        return mark("partial", "cells_unreadable", cells=unreadable, total=len(cells))
    return mark("read", None)


def _unsure(row: Row) -> None:
    """The row's numbers were read but cannot be trusted (misaligned): unreadable."""
    for c in row.cells:
        if c.status == "read" and c.value is not None:
            c.status = "unreadable"


def _blocks_out_of_order(chosen: list, cands: list) -> None:
    """Table 二 is four small tables (blocks); a converter may write them in another
    order (the 第二十条第（一）项 block last). Rows the in-order choice left out are
    chosen again among the candidates that overlap nothing chosen."""
    spans = [(c.ts, c.end) for c in chosen if c is not None]
    rest = [
        c for c in cands if chosen[c.row] is None and c.read.items and all(c.end <= a or c.ts >= b for a, b in spans)
    ]
    if not rest:
        return
    more, _ = choose(rest, len(chosen))
    for i, c in enumerate(more):
        if c is not None and chosen[i] is None:
            chosen[i] = c


def _has_values(c: Candidate | None) -> bool:
    return c is not None and any(it.kind in ("v", "r", "u", "t") for it in c.read.items)


def _pair_loose_values(ctx, rows, chosen, cands_all, start: int, limit: int, read, notes) -> None:
    """Value rows whose labels were split off onto loose lines (PDF→Markdown, OCR):
    ``| 0 | 0 | … |`` lines no label owns. Between two rows read with their labels, the
    rows still without values and the unowned value lines are paired in order — only when
    there are exactly as many of each; otherwise those rows are unreadable, not missing."""
    tn = ctx.tn
    wants = {r.want for r in rows}
    loose = _loose_lines(tn, chosen, start, limit, wants)
    if not loose:
        return
    # Where value rows lost their labels, a label on a line of its own followed by a
    # full value row does not own that row either: the grid paired them, not the text.
    for i, c in enumerate(chosen):
        if c is not None and _loose_label(tn, c, rows[i].want):
            chosen[i] = Candidate(i, c.ks, c.ke, c.ts, c.te, c.how, Read([], 0, c.te), core=c.core)
    loose = _loose_lines(tn, chosen, start, limit, wants)
    _pair_gaps(ctx, rows, chosen, cands_all, start, limit, read, notes, loose)


def _full_pipe_row(line: str, want: int) -> bool:
    return (
        "|" in line and _values_line(line) and not is_md_separator(line) and len(line.replace("|", " ").split()) == want
    )


def _loose_label(tn: str, c: Candidate, want: int) -> bool:
    """A label on a line without cells whose values come from a full pipe row below."""
    items = [it for it in c.read.items if it.kind != "e"]
    if not items:
        return False
    la, lb = _line_bounds(tn, max(c.ts, c.te - 1))
    if "|" in tn[la:lb] or items[0].start < lb:
        return False
    pos = _line_bounds(tn, items[0].start)[0]
    end = items[-1].end
    while pos <= end:
        a, b = _line_bounds(tn, pos)
        if _full_pipe_row(tn[a:b], want):
            return True
        pos = b + 1
    return False


def _loose_lines(tn: str, chosen, start: int, limit: int, wants) -> list[tuple[int, int]]:
    owned = sorted((c.ts, c.end) for c in chosen if c is not None)
    loose: list[tuple[int, int]] = []
    pos = start
    oi = 0
    while pos < limit:
        le = tn.find("\n", pos, limit)
        le = limit if le == -1 else le
        line = tn[pos:le]
        while oi < len(owned) and owned[oi][1] <= pos:
            oi += 1
        inside = oi < len(owned) and owned[oi][0] <= pos < owned[oi][1]
        if (
            not inside
            and "|" in line
            and _values_line(line)
            and not is_md_separator(line)
            and len(line.replace("|", " ").split()) in wants
        ):
            loose.append((pos, le))
        pos = le + 1
    return loose


def _pair_gaps(ctx, rows, chosen, cands_all, start, limit, read, notes, loose) -> None:
    tn = ctx.tn
    anchored = [i for i, c in enumerate(chosen) if _has_values(c)]
    bounds = [-1] + anchored + [len(rows)]
    for a, b in itertools.pairwise(bounds):
        gap = [i for i in range(a + 1, b) if not _has_values(chosen[i])]
        if not gap:
            continue
        lo = chosen[a].end if a >= 0 else start
        hi = chosen[b].core if b < len(rows) else limit
        lines = [(x, y) for x, y in loose if lo <= x and y <= hi]
        if not lines:
            continue
        fits = len(lines) == len(gap) and all(
            len(tn[x:y].replace("|", " ").split()) == rows[i].want for i, (x, y) in zip(gap, lines)
        )
        for n, i in enumerate(gap):
            spec = rows[i]
            if fits:
                x, y = lines[n]
                got = read(x, spec, y)
            else:
                x, y = lines[0][0], lines[-1][1]
                got = Read([Item("u", x, y) for _ in range(spec.want)], 0, y)
            label = chosen[i] or _closest(cands_all, i, x)
            if label is not None:
                c = Candidate(i, label.ks, label.ke, label.ts, label.te, "loose", got, core=label.core)
            else:
                ks = ctx.idx.to_key(x)
                c = Candidate(i, ks, ks, x, x, "loose", got, core=x)
            chosen[i] = c
        if fits:
            notes.append(f"{len(gap)} row(s) paired with value rows whose labels were on loose lines")
        else:
            notes.append(f"{len(lines)} value row(s) without labels for {len(gap)} row(s): those rows are unreadable")


def _closest(cands, row: int, pos: int):
    """The row's label candidate nearest before ``pos`` (else the first after it)."""
    mine = [c for c in cands if c.row == row]
    before = [c for c in mine if c.ts <= pos]
    if before:
        return max(before, key=lambda c: c.ts)
    return min(mine, key=lambda c: c.ts) if mine else None


def _year_layout(doc: Document) -> str:
    year = doc.meta.year
    if year is not None and year <= 2020:
        return "2019"
    return "2021"


def _row(ctx: _Ctx, spec: RowSpec, c: Candidate | None, notes: list[str]) -> Row:
    if c is None:
        return Row(key=spec.key, label=spec.label, found=False)
    items = c.read.items
    cells = [
        ctx.make_cell(col, kind, unit, items[i] if i < len(items) else None)
        for i, (col, kind, unit) in enumerate(zip(spec.columns, spec.kinds, spec.units))
    ]
    short = spec.want - len(items)
    if short > 0:
        notes.append(
            f"row {spec.key}: {len(items)} of {spec.want} values; filled from the left, the last {short} missing"
        )
    if c.read.extra:
        notes.append(f"row {spec.key}: {c.read.extra} more number(s) than columns, ignored")
    if c.how == "fuzzy":
        notes.append(f"row {spec.key}: label recognised approximately")
    how = c.how
    if how == "loose":  # the label was on a line of its own, away from its values
        how = "exact" if c.ks != c.ke else "loose"
    return Row(
        key=spec.key,
        label=spec.label,
        found=True,
        label_raw=ctx.raw[c.ts : c.te],
        label_span=(c.ts, c.te),
        cells=cells,
        label_match=how,
        extra=c.read.extra,
    )


# ---------------------------------------------------------------------------------------
# Table 四: one data row of 15 numbers after a header


def _line_bounds(tn: str, pos: int) -> tuple[int, int]:
    a = tn.rfind("\n", 0, pos) + 1
    b = tn.find("\n", pos)
    return a, (len(tn) if b == -1 else b)


def _table4_anchor(ctx: _Ctx, after: int) -> tuple[int, int] | None:
    """First header word of table 四 (结果维持 …) on a header line, not in prose."""
    idx, tn = ctx.idx, ctx.tn
    hits: list[tuple[int, int]] = []
    for a in specs().table4.anchors:
        hits.extend((k, len(a)) for k in idx.find_all(a, after))
    for k, n in sorted(hits):
        start, end = _line_bounds(tn, idx.to_text(k))
        if not sentence_like(tn[start:end]) or _header_run(idx, k)[1] >= TABLE4_RUN_WORDS:
            return k, n
    return None


def _header_run(idx: KeyIndex, k: int) -> tuple[int, int]:
    """Table 四's header words read in a row from key index ``k`` (text that lost its
    line breaks: `行政复议行政诉讼结果维持结果纠正…总计`): (key index after them, words)."""
    words = specs().table4.header_words
    pos, count = k, 0
    key = idx.key
    while True:
        w = next((w for w in words if key.startswith(w, pos)), None)
        if w is None:
            return pos, count
        pos += len(w)
        count += 1


def _values_line(line: str) -> bool:
    """A line of value cells only (numbers or blank marks, pipes allowed), at least one."""
    toks = line.replace("|", " ").split()
    return bool(toks) and all(is_value_token(t) for t in toks) and not is_page_number(line)


def _blank_row(line: str, want: int) -> bool:
    """An unfilled data row of a rendered grid: exactly ``want`` empty cells."""
    body = line.removesuffix("|")
    return body.count("|") == want - 1 and "  " in body


def _table4(ctx: _Ctx, anchor: tuple[int, int]) -> Table:
    sp = specs().table4
    idx, tn = ctx.idx, ctx.tn
    k, n = anchor
    ts, te = idx.span(k, k + n)
    want = len(sp.columns)
    read: Read | None = None
    notes: list[str] = []

    hit = ctx.grid_at(ts)
    if hit is not None:
        grid, r, _cell = hit
        for row in grid.rows[r + 1 :]:
            cells = [c for c in row if not c.merged]
            texts = [ctx.raw[c.start : c.end].strip() for c in cells]
            if any(t and not is_value_token(t.replace(" ", "")) for t in texts):
                continue  # a header row
            items = _grid_row_items(ctx, cells)
            if items:
                end = max(it.end for it in items[:want])
                read = Read(items[:want], sum(1 for it in items[want:] if it.kind == "v"), end)
            break
    if read is None:
        _a, b = _line_bounds(tn, te - 1)
        pos = b + 1
        for _ in range(TABLE4_HEADER_LINES):
            if pos >= len(tn):
                break
            le = tn.find("\n", pos)
            le = len(tn) if le == -1 else le
            line = tn[pos:le]
            s = line.strip()
            if is_md_separator(line):
                pos = le + 1
                continue
            if s and not line.replace("|", "").strip():
                if _blank_row(line, want):
                    items, x = [], pos
                    for part in line.split("|")[:want]:
                        items.append(Item("e", x, x + len(part)))
                        x += len(part) + 1
                    read = Read(items, 0, items[-1].end)
                    break
            elif s and not is_page_number(line):
                if _values_line(line):
                    read = read_cells(tn, ctx.raw, pos, len(tn), want, first=False)
                    if len(read.items) < want:
                        read = _table4_pieces(ctx, read, want) or read
                    break
                if sentence_like(line) or heading_like(line):
                    break
            pos = le + 1

    if read is None:
        read = _table4_inline(ctx, k, want)
    anchor_span = (ts, te)
    if read is None or not read.items:
        notes.append("no data row of numbers after the header")
        row = Row(key=sp.row_key, label=sp.row_label, found=False)
        end = te
    else:
        items = read.items
        cells = [
            ctx.make_cell(col, "count", None, items[i] if i < len(items) else None) for i, col in enumerate(sp.columns)
        ]
        if len(items) < want:
            notes.append(f"{len(items)} of {want} values; filled from the left, the last {want - len(items)} missing")
        if read.extra:
            notes.append(f"{read.extra} more number(s) than the {want} columns, ignored")
        row = Row(
            key=sp.row_key,
            label=sp.row_label,
            found=True,
            cells=cells,
            label_match="exact",
            extra=read.extra,
        )
        end = max(read.end, te)
    grid = ctx.grid_at(ts)
    table = Table(
        key="table4",
        layout="unknown",
        rows=[row],
        span=(anchor_span[0], end),
        grid=grid[0].index if grid else None,
        columns=list(sp.columns),
        notes=notes,
        layout_basis=None,
    )
    if not row.found:
        table.status, table.status_reason, table.status_params = "unreadable", "no_values", {"rows": 1}
    else:
        assess(table)
    return table


def _header_line(line: str) -> bool:
    """A line made only of table 四's header words (a sub-table's header or caption:
    ``### 行政诉讼（复议后起诉）``, ``| 结果维持 | … | 总计 |``)."""
    key = label_key(line.lstrip("# "))
    if not key:
        return False
    words = specs().table4.header_words
    pos = 0
    while pos < len(key):
        w = next((w for w in words if key.startswith(w, pos)), None)
        if w is None:
            return False
        pos += len(w)
    return True


def _table4_pieces(ctx: _Ctx, first: Read, want: int) -> Read | None:
    """Table 四 split into small tables (one per group, each with its own header): the
    value rows after the first, across header-only lines, joined — only when together
    they fill all columns exactly."""
    tn = ctx.tn
    items = list(first.items)
    pos = _line_bounds(tn, first.end - 1)[1] + 1 if first.items else first.end
    extra = first.extra
    for _ in range(TABLE4_HEADER_LINES):
        if pos >= len(tn) or len(items) >= want:
            break
        le = tn.find("\n", pos)
        le = len(tn) if le == -1 else le
        line = tn[pos:le]
        if not line.strip() or is_md_separator(line) or _header_line(line):
            pos = le + 1
            continue
        if not _values_line(line):
            break
        got = read_cells(tn, ctx.raw, pos, len(tn), want - len(items), first=False)
        if not got.items:
            break
        items.extend(got.items)
        extra += got.extra
        pos = _line_bounds(tn, got.end - 1)[1] + 1
    if len(items) != want or extra:
        return None
    return Read(items, 0, items[-1].end)


def _table4_inline(ctx: _Ctx, k: int, want: int) -> Read | None:
    """The data row right after the header on the same line (text that lost its line
    breaks): ``…尚未审结总计10203120001200000五、…``, split by the groups' arithmetic."""
    idx, tn = ctx.idx, ctx.tn
    kend, words = _header_run(idx, k)
    if words < TABLE4_RUN_WORDS or kend <= k:
        return None
    pos = idx.to_text(kend - 1) + 1
    limit = min(len(tn), _line_bounds(tn, pos)[1] + 1) if pos < len(tn) else len(tn)
    got = glued_read(tn, pos, len(tn), want, table4_sums(), ctx.splits)
    if got is not None:
        return got
    got = read_cells(tn, ctx.raw, pos, limit, want, first=True)
    return got if got.items else None


def _grid_row_items(ctx: _Ctx, cells) -> list[Item]:
    out = []
    for c in cells:
        text = ctx.raw[c.start : c.end]
        s = text.strip()
        if not s:
            out.append(Item("e", c.start, c.end))
            continue
        a = c.start + len(text) - len(text.lstrip())
        squeezed = s.replace(" ", "")
        kind = "v" if is_number_token(squeezed) else ("b" if is_value_token(squeezed) else "t")
        out.append(Item(kind, a, a + len(s)))
    return out


# ---------------------------------------------------------------------------------------
# JSON


def table_to_json(doc: Document, table: Table | None) -> dict[str, Any] | None:
    """JSON form of one table for ``reportlint parse --format json``.

    Tables 二/三: ``{"layout", "rows": [{"key", "label", "values", "line", "found",
    "statuses"}], "status", "status_reason", "status_params"}``; table 四: ``{"values": [15
    numbers or null], "line", "statuses", "status", …}``. ``statuses`` are the cells' read
    statuses (``Cell.status``), ``status`` the table's (``Table.status``). Values are numbers or null
    (blank, unfilled or missing); ``line`` is the 1-based line of the row's label (table
    四: of its first value), null when not found.

    Every table also carries its names and layout (:func:`table_vocabulary.layout_json`):
    ``"name"``, ``"title"`` and ``"columns"`` (``[{"key", "name", "label", "kind",
    "group"}]``, names as ``{"zh", "en"}``), table 二 ``"blocks"``, table 三 ``"groups"`` and
    ``"column_groups"``, table 四 ``"groups"`` (with ``"path"``, the header levels); each row
    of tables 二/三 its ``"name"`` and table 二 its ``"columns"`` and ``"block"``, table 三
    its ``"groups"`` (outer first). A page can draw the table from this alone.
    """
    if table is None:
        return None
    names = table_vocabulary.layout_json(table.key, table.layout)
    if table.key == "table4":
        row = table.rows[0] if table.rows else None
        values = [to_json_number(c.value) for c in row.cells] if row and row.cells else []
        values += [None] * (len(table.columns) - len(values))
        first = next((c.span for c in (row.cells if row else []) if c.span is not None), None)
        statuses = [c.status for c in row.cells] if row and row.cells else []
        statuses += ["missing"] * (len(table.columns) - len(statuses))
        return {
            "values": values,
            "line": doc.locate(first).line if first else None,
            "statuses": statuses,
            **_status_json(table),
            **names,
        }
    rows = []
    for r in table.rows:
        rows.append(
            {
                "key": r.key,
                "label": r.label,
                "values": [to_json_number(c.value) for c in r.cells],
                "line": doc.locate(r.label_span).line if r.found and r.label_span else None,
                "found": r.found,
                "statuses": [c.status for c in r.cells],
                **table_vocabulary.row_json(table.key, r.key, table.layout),
            }
        )
    return {"layout": table.layout, "rows": rows, **_status_json(table), **names}


def _status_json(table: Table) -> dict[str, Any]:
    return {"status": table.status, "status_reason": table.status_reason, "status_params": dict(table.status_params)}


def to_json(doc: Document) -> dict[str, Any]:
    """``{"table2": …, "table3": …, "table4": …}`` (None for a table that is not there)."""
    return {k: table_to_json(doc, doc.tables.get(k)) for k in TABLE_KEYS}
