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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlint.document.model import Cell, Document, Row, Table
from reportlint.document.tables_match import (
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


# ---------------------------------------------------------------------------------------
# The layouts (rules/tables.yaml), compiled once


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    rows: tuple[RowSpec, ...]
    headers: tuple[str, ...]  # header keys only this layout has


@dataclass(frozen=True)
class TableSpec:
    key: str
    anchors: tuple[str, ...]
    confirm: tuple[str, ...]
    layouts: tuple[LayoutSpec, ...]
    columns: tuple[str, ...]
    column_labels: dict
    cut_headers: dict


@dataclass(frozen=True)
class Table4Spec:
    anchors: tuple[str, ...]
    columns: tuple[str, ...]
    column_labels: tuple[str, ...]
    groups: dict
    row_key: str
    row_label: str


@dataclass(frozen=True)
class Specs:
    table2: TableSpec
    table3: TableSpec
    table4: Table4Spec


def _keys(label: str, variants) -> tuple[tuple[str, str], ...]:
    out = [(label_key(label), "exact")]
    for v in variants or ():
        k = label_key(v)
        if k and all(k != x for x, _ in out):
            out.append((k, "variant"))
    return tuple(out)


@lru_cache(maxsize=1)
def specs() -> Specs:
    from reportlint.ruledata import load

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
        column_labels={k: v["label"] for k, v in cols2.items()},
        cut_headers={label_key(k): tuple(label_key(x) for x in v) for k, v in (t2.get("cut_headers") or {}).items()},
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
        column_labels={c["key"]: c["label"] for c in t3["columns"]},
        cut_headers={},
    )

    t4 = data["table4"]
    table4 = Table4Spec(
        anchors=tuple(label_key(a) for a in t4["anchors"]),
        columns=tuple(c["key"] for c in t4["columns"]),
        column_labels=tuple(c["label"] for c in t4["columns"]),
        groups={g: [c["key"] for c in t4["columns"] if c["group"] == g] for g in t4["groups"]},
        row_key=t4["row"]["key"],
        row_label=t4["row"]["label"],
    )
    return Specs(table2, table3, table4)


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
        self._reads: dict = {}  # (offset, want, limit) → Read: both layouts read the same rows

    # -- cells ---------------------------------------------------------------------------
    def reader(self, limit: int):
        cache = self._reads

        def read(pos: int, spec: RowSpec, until: int | None = None) -> Read:
            """Cells after a label ending at ``pos`` (text only up to ``until`` if given)."""
            stop = limit if until is None else min(until, limit)
            key = (pos, spec.want, stop)
            got = cache.get(key)
            if got is not None:
                return got
            if self.grid_cells is not None and until is None:
                got = self.grid_read(pos - 1, spec.want)
                if got is not None and not got.items:
                    got = None  # not a grid row after all: read the text
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
        cands = candidates(idx, tn, rows, kstart, kend, read)
        chosen, score = choose(cands, len(rows))
        headers = sum(1 for h in lay.headers if idx.key.find(h, kstart, kend) != -1)
        results.append((score + headers, lay, chosen))
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
    _score, lay, chosen = top
    rows = list(lay.rows)
    found = [c for c in chosen if c is not None]
    with_values = [c for c in found if c.read.items]
    if not found or (strict and len(with_values) < 3) or not with_values:
        return None
    if len(found) < len(rows):
        fill_gaps(idx, tn, rows, chosen, kstart, kend, read)
        found = [c for c in chosen if c is not None]

    missing = [r.key for r, c in zip(rows, chosen) if c is None]
    if missing:
        notes.append(f"{len(missing)} of {len(rows)} rows not found: {', '.join(missing)}")
    out_rows: list[Row] = []
    for spec_row, c in zip(rows, chosen):
        out_rows.append(_row(ctx, spec_row, c, notes))
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
    return Table(
        key=spec.key,
        layout=lay.name,
        rows=out_rows,
        span=(start, end),
        grid=grid[0].index if grid else None,
        columns=columns,
        notes=notes,
        layout_basis=basis,
    )


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
    return Row(
        key=spec.key,
        label=spec.label,
        found=True,
        label_raw=ctx.raw[c.ts : c.te],
        label_span=(c.ts, c.te),
        cells=cells,
        label_match=c.how,
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
    hits = []
    for a in specs().table4.anchors:
        hits.extend((k, len(a)) for k in idx.find_all(a, after))
    for k, n in sorted(hits):
        ts = idx.to_text(k)
        a, b = _line_bounds(tn, ts)
        if not sentence_like(tn[a:b]):
            return k, n
    return None


def _values_line(line: str) -> bool:
    """A line of value cells only (numbers or blank marks, pipes allowed), at least one."""
    toks = line.replace("|", " ").split()
    return bool(toks) and all(is_value_token(t) for t in toks) and not is_page_number(line)


def _blank_row(line: str, want: int) -> bool:
    """An unfilled data row of a rendered grid: exactly ``want`` empty cells."""
    body = line[:-1] if line.endswith("|") else line
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
                    break
                if sentence_like(line) or heading_like(line):
                    break
            pos = le + 1

    anchor_span = (ts, te)
    if read is None or not read.items:
        notes.append("no data row of numbers after the header")
        row = Row(key=sp.row_key, label=sp.row_label, found=False)
        end = te
    else:
        items = read.items
        cells = [
            ctx.make_cell(col, "count", None, items[i] if i < len(items) else None)
            for i, col in enumerate(sp.columns)
        ]
        if len(items) < want:
            notes.append(
                f"{len(items)} of {want} values; filled from the left, the last {want - len(items)} missing"
            )
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
    return Table(
        key="table4",
        layout="unknown",
        rows=[row],
        span=(anchor_span[0], end),
        grid=grid[0].index if grid else None,
        columns=list(sp.columns),
        notes=notes,
        layout_basis=None,
    )


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

    Tables 二/三: ``{"layout", "rows": [{"key", "label", "values", "line", "found"}]}``;
    table 四: ``{"values": [15 numbers or null], "line"}``. Values are numbers or null
    (blank, unfilled or missing); ``line`` is the 1-based line of the row's label (table
    四: of its first value), null when not found.
    """
    if table is None:
        return None
    if table.key == "table4":
        row = table.rows[0] if table.rows else None
        values = [to_json_number(c.value) for c in row.cells] if row and row.cells else []
        values += [None] * (len(table.columns) - len(values))
        first = next((c.span for c in (row.cells if row else []) if c.span is not None), None)
        return {"values": values, "line": doc.locate(first).line if first else None}
    rows = []
    for r in table.rows:
        rows.append(
            {
                "key": r.key,
                "label": r.label,
                "values": [to_json_number(c.value) for c in r.cells],
                "line": doc.locate(r.label_span).line if r.found and r.label_span else None,
                "found": r.found,
            }
        )
    return {"layout": table.layout, "rows": rows}


def to_json(doc: Document) -> dict[str, Any]:
    """``{"table2": …, "table3": …, "table4": …}`` (None for a table that is not there)."""
    return {k: table_to_json(doc, doc.tables.get(k)) for k in TABLE_KEYS}
