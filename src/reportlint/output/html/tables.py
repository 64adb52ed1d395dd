"""The tables section of a report: tables 二/三/四 as parsed, the cells findings name highlighted.

Tables are drawn from the data given — what :func:`reportlint.document.tables.to_json`
returns, carried by ``FileResult.tables`` — which names every column, row, block and
group; this module never reads ``rules/tables.yaml``. A table whose data does not have
that shape (no ``columns``, say) is still shown, generically: each row's label and values.

What a finding's :class:`~reportlint.core.diagnostics.CellRef` names is read back with
:func:`~reportlint.document.table_vocabulary.find_row` and
:func:`~reportlint.document.table_vocabulary.find_column`, the same readers that name the
cell in the finding's context line (:func:`reportlint.output.describe_cell`), so the
highlighted cell is always the one the page says. Text they do not know (a position, a
name written some other way) is compared with the names in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import Any

from reportlint.core import pattern_store
from reportlint.core.diagnostics import CellRef, Severity
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.results import FileResult
from reportlint.document.table_vocabulary import TABLE_KEYS, find_column, find_row, table_title
from reportlint.output.html.labels import L, h, text

# -- the layout, as the data gives it -----------------------------------------------------


@dataclass(frozen=True)
class _Col:
    key: str
    label: str  # the header cell's own words (official Chinese)
    names: tuple[str, ...] = ()  # every name of the column in the data (full name, label; zh and en)
    group: str | None = None  # table 三: column group label; table 四: group key


def _zh(name: Any) -> str:
    """The Chinese of a ``{"zh", "en"}`` name (a plain string is taken as it is)."""
    if isinstance(name, Mapping):
        return str(name.get("zh") or "")
    return "" if name is None else str(name)


def _in_lang(name: Any, lang: str) -> str:
    """A ``{"zh", "en"}`` name in ``lang`` ("" when there is none)."""
    return str(name.get(lang) or name.get("zh") or "") if isinstance(name, Mapping) else ""


def _both(name: Any) -> tuple[str, ...]:
    """Every language's form of a name."""
    if isinstance(name, Mapping):
        return tuple(str(name[k]) for k in ("zh", "en") if name.get(k))
    return (str(name),) if name else ()


def _columns(data: Mapping[str, Any]) -> dict[str, _Col]:
    """The table's columns in order (empty when the data does not list them)."""
    cols = data.get("columns")
    out: dict[str, _Col] = {}
    for c in cols if isinstance(cols, (list, tuple)) else ():
        if isinstance(c, Mapping) and c.get("key") is not None:
            key = str(c["key"])
            group = c.get("group")
            names = _both(c.get("name")) + _both(c.get("label"))
            out[key] = _Col(key, _zh(c.get("label")), names, None if group is None else str(group))
    return out


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _generic_col(i: int) -> _Col:
    return _Col(str(i + 1), str(i + 1))


def _statuses(row: Mapping[str, Any]) -> list:
    """The cells' read statuses (``reportlint parse``'s ``statuses``), when given."""
    statuses = row.get("statuses")
    return list(statuses) if isinstance(statuses, (list, tuple)) else []


def _values(row: Mapping[str, Any]) -> list:
    values = row.get("values")
    return list(values) if isinstance(values, (list, tuple)) else []


def _rows(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows = data.get("rows")
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, (list, tuple)) else []


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- cell references ------------------------------------------------------------------

# Spacing and punctuation are how a name is typed, not which name it is
# ("行政诉讼/复议后起诉" and "行政诉讼 / 复议后起诉" are one group).
_NOT_WORDS = pattern_store.compile(r"[\W_]+")


def _same_name(text: str, candidates: Iterable[str]) -> bool:
    if text in candidates:
        return True
    words = _NOT_WORDS.sub("", text)
    return bool(words) and any(words == _NOT_WORDS.sub("", c) for c in candidates if c)


def _unset(ref_value: Any) -> bool:
    """A CellRef row/column that is not given: it names every row/column."""
    return ref_value is None or not str(ref_value).strip()


def _row_matcher(table: str, row: Mapping[str, Any], position: int) -> Callable[[Any], bool]:
    key = str(row.get("key") or "")
    names = (key, str(row.get("label") or ""), *_both(row.get("name")), str(position))

    def ok(ref_value: Any) -> bool:
        if _unset(ref_value):
            return True
        ref = str(ref_value).strip()
        known = find_row(table, ref)
        return known == key if known is not None else _same_name(ref, names)

    return ok


def _column_matcher(table: str, col: _Col, position: int, extra: Iterable[str] = ()) -> Callable[[Any], bool]:
    names = (col.key, col.label, *col.names, str(position), *extra)

    def ok(ref_value: Any) -> bool:
        if _unset(ref_value):
            return True
        ref = str(ref_value).strip()
        known = find_column(table, ref)
        return known == col.key if known is not None else _same_name(ref, names)

    return ok


@dataclass
class _Mark:
    severity: Severity
    code: str
    message: str


@dataclass
class _CellFindings:
    """Findings of one file that name cells of tables 二/三/四."""

    refs: dict[str, list[tuple[CellRef, _Mark]]] = field(default_factory=dict)
    whole: dict[str, list[_Mark]] = field(default_factory=dict)  # about a table, no row or column
    matched: set[int] = field(default_factory=set)  # id() of the marks that named a rendered cell

    @classmethod
    def of(cls, result: FileResult, lang: str) -> _CellFindings:
        out = cls()
        for d in result.diagnostics:
            cell = d.location.cell
            if cell is None or cell.table not in TABLE_KEYS:
                continue
            mark = _Mark(d.severity, d.code, d.message.get(lang))
            if cell.row is None and cell.column is None:
                out.whole.setdefault(cell.table, []).append(mark)
                continue
            out.refs.setdefault(cell.table, []).append((cell, mark))
        return out

    def find(self, table: str, row_ok: Callable[[Any], bool], col_ok: Callable[[Any], bool]) -> list[_Mark]:
        marks = [m for ref, m in self.refs.get(table, ()) if row_ok(ref.row) and col_ok(ref.column)]
        self.matched.update(id(m) for m in marks)
        return marks

    def notes(self, table: str) -> list[_Mark]:
        """Findings to show above ``table``: about the whole table, or naming no cell shown."""
        rest = [m for _, m in self.refs.get(table, ()) if id(m) not in self.matched]
        return self.whole.get(table, []) + rest


def _cell_td(value: Any, marks: list[_Mark], lang: str, absent: bool = False, status: str | None = None) -> str:
    classes = []
    title = []
    if absent:
        classes.append("absent")
        shown = ""
    elif status == "unreadable":
        classes.append("unreadable")
        shown = "?"
        title.append(L["unreadable"].get(lang))
    elif value is None:
        classes.append("blank")
        shown = ""
        title.append(L["blank"].get(lang))
    else:
        shown = _number(value)
        if status == "recovered":
            classes.append("recovered")
            title.append(L["recovered"].get(lang))
    if marks:
        worst = max(marks, key=lambda m: m.severity.rank)
        classes.append("hl-error" if worst.severity is Severity.ERROR else "hl-warning")
        title.extend(f"{m.code} {m.message}" for m in marks)
    attr = f' class="{" ".join(classes)}"' if classes else ""
    if title:
        attr += f' title="{h(chr(10).join(title))}"'
    return f"<td{attr}>{h(shown)}</td>"


class _NotThisShape(Exception):
    """The data lacks what the official drawing of a table needs: draw it generically."""


class TablesSection:
    """Renders the ``<details>`` block of one report's tables, in one language."""

    def __init__(self, lang: str):
        self.lang = lang

    def _t(self, key: str, **kw: Any) -> str:
        return text(key, self.lang, **kw)

    def render(self, result: FileResult, tables: Mapping[str, Any]) -> str:
        found = _CellFindings.of(result, self.lang)
        highlighted = any(found.refs.values()) or any(found.whole.values())
        out = [f'<details class="tables"{" open" if highlighted else ""}><summary>{h(self._t("tables"))}</summary>']
        for key in TABLE_KEYS:
            data = tables.get(key) if isinstance(tables, Mapping) else None
            title = _in_lang(data.get("title"), self.lang) if isinstance(data, Mapping) else ""
            title = title or table_title(key).get(self.lang)  # a missing table has no data
            title = title[:1].upper() + title[1:]  # a heading: "Table 3 (…)" in English
            layout = data.get("layout") if isinstance(data, Mapping) else None
            lay = f'<span class="layout">{h(self._t("layout", y=layout))}</span>' if layout else ""
            out.append(f'<div class="tbl" data-table="{key}"><h4>{h(title)}{lay}</h4>')
            if not isinstance(data, Mapping):
                body = f'<p class="ctx">{h(self._t("table_missing"))}</p>'
            else:
                try:
                    if key == "table2":
                        body = self._table2(data, found)
                    elif key == "table3":
                        body = self._table3(data, found)
                    else:
                        body = self._table4(data, found)
                except (_NotThisShape, TypeError, ValueError, KeyError, AttributeError, IndexError):
                    body = self._generic_table(key, data, found)
            for m in found.notes(key):
                out.append(f'<p class="tnote {m.severity.value}"><code>{h(m.code)}</code>{h(m.message)}</p>')
            out.append(body)
            out.append("</div>")
        out.append(
            '<div class="legend">'
            f'<span class="lg-error">{h(self._t("legend_error"))}</span>'
            f'<span class="lg-warning">{h(self._t("legend_warning"))}</span>'
            f'<span class="lg-blank">{h(self._t("legend_blank"))}</span>'
            f'<span class="lg-missing">{h(self._t("legend_missing"))}</span>'
            f'<span class="lg-unreadable">{h(self._t("legend_unreadable"))}</span>'
            f'<span class="lg-recovered">{h(self._t("legend_recovered"))}</span></div>'
        )
        out.append("</details>")
        return "".join(out)

    def _value_cells(
        self,
        table: str,
        row: Mapping[str, Any],
        position: int,
        cols: tuple[_Col, ...],
        width: int,
        found: _CellFindings,
    ) -> list[str]:
        values = _values(row)
        statuses = _statuses(row)
        present = bool(row.get("found", True))
        row_ok = _row_matcher(table, row, position)
        cells = []
        for i in range(width):
            if i >= max(len(cols), len(values)):
                cells.append('<td class="pad"></td>')  # not a cell of this row's layout
                continue
            col = cols[i] if i < len(cols) else _generic_col(i)
            marks = found.find(table, row_ok, _column_matcher(table, col, i + 1))
            absent = not present or i >= len(values)
            status = statuses[i] if i < len(statuses) else None
            cells.append(_cell_td(None if absent else values[i], marks, self.lang, absent=absent, status=status))
        return cells

    def _row_tr(self, label_html: str, cells: list[str], present: bool, cls: str = "") -> str:
        classes = " ".join(x for x in (cls, "" if present else "missing") if x)
        attr = f' class="{classes}"' if classes else ""
        return f"<tr{attr}>{label_html}{''.join(cells)}</tr>"

    def _label_td(self, label: str, present: bool, indent: int = 0) -> str:
        cls = "lbl" + (f" i{indent}" if indent else "")
        if present:
            return f'<td class="{cls}">{h(label)}</td>'
        return f'<td class="{cls}">{h(label)}<span class="tag">{h(self._t("row_missing"))}</span></td>'

    def _table2(self, data: Mapping[str, Any], found: _CellFindings) -> str:
        """Table 二: rows in blocks (第二十条第（一）项 …), each row with its own columns."""
        columns = _columns(data)
        if not columns:
            raise _NotThisShape
        rows = _rows(data)
        blocks = _mapping(data, "blocks")

        def row_cols(r: Mapping[str, Any]) -> tuple[_Col, ...]:
            keys = r.get("columns")
            return tuple(columns[str(k)] for k in keys if str(k) in columns) if isinstance(keys, (list, tuple)) else ()

        width = max([1] + [max(len(row_cols(r)), len(_values(r))) for r in rows])
        out = ['<div class="scroll"><table class="grid t2">']
        block: object = object()
        for position, r in enumerate(rows, 1):
            cols = row_cols(r)
            this_block = r.get("block")
            if this_block != block:
                block = this_block
                if this_block:
                    name = _zh(blocks.get(this_block)) or str(this_block)
                    out.append(f'<tr class="block"><th colspan="{width + 1}">{h(name)}</th></tr>')
                heads = [f'<th class="lbl">{h(self._t("content"))}</th>']
                heads += [f"<th>{h(c.label)}</th>" for c in cols]
                heads += ['<th class="pad"></th>'] * (width - len(cols))
                out.append(f"<tr>{''.join(heads)}</tr>")
            present = bool(r.get("found", True))
            label = str(r.get("label") or _zh(r.get("name")))
            cells = self._value_cells("table2", r, position, cols, width, found)
            out.append(self._row_tr(self._label_td(label, present), cells, present))
        out.append("</table></div>")
        return "".join(out)

    def _table3(self, data: Mapping[str, Any], found: _CellFindings) -> str:
        """Table 三: applicant columns (some under a column group), rows in nested groups."""
        cols = tuple(_columns(data).values())
        if not cols:
            raise _NotThisShape
        groups = _mapping(data, "groups")
        column_groups = _mapping(data, "column_groups")
        rows = _rows(data)
        width = max([len(cols)] + [len(_values(r)) for r in rows])
        out = ['<div class="scroll"><table class="grid t3"><thead>']
        if width == len(cols) and any(c.group for c in cols):
            # Two header rows: a column group (法人或其他组织) spans its columns.
            top = [f'<th class="lbl" rowspan="2">{h(self._t("item"))}</th>']
            sub: list[str] = []
            i = 0
            while i < len(cols):
                group = cols[i].group
                if not group:
                    top.append(f'<th rowspan="2">{h(cols[i].label)}</th>')
                    i += 1
                    continue
                j = i
                while j < len(cols) and cols[j].group == group:
                    j += 1
                top.append(f'<th colspan="{j - i}">{h(_zh(column_groups.get(group)) or group)}</th>')
                sub.extend(f"<th>{h(c.label)}</th>" for c in cols[i:j])
                i = j
            out.append(f"<tr>{''.join(top)}</tr><tr>{''.join(sub)}</tr>")
        else:
            labels = [c.label for c in cols] + [str(i + 1) for i in range(len(cols), width)]
            out.append(
                f'<tr><th class="lbl">{h(self._t("item"))}</th>{"".join(f"<th>{h(x)}</th>" for x in labels)}</tr>'
            )
        out.append("</thead><tbody>")
        opened: set[str] = set()
        for position, r in enumerate(rows, 1):
            key = str(r.get("key") or "")
            # Group label rows (三、本年度办理结果, （三）不予公开 …) before their first row.
            chain = [str(g) for g in r.get("groups") or () if isinstance(g, str)]
            for depth, g in enumerate(chain):
                if g not in opened and g in groups:
                    opened.add(g)
                    cls = f" i{depth}" if depth else ""
                    out.append(
                        f'<tr class="group"><td class="lbl{cls}">{h(_zh(groups[g]))}</td>'
                        f'<td colspan="{width}"></td></tr>'
                    )
            indent = len(chain)
            present = bool(r.get("found", True))
            label = str(r.get("label") or _zh(r.get("name")) or key)
            cells = self._value_cells("table3", r, position, cols, width, found)
            out.append(self._row_tr(self._label_td(label, present, indent), cells, present))
        out.append("</tbody></table></div>")
        return "".join(out)

    def _table4(self, data: Mapping[str, Any], found: _CellFindings) -> str:
        """Table 四: one row of values under a two-level header of column groups
        (行政复议 | 行政诉讼: 未经复议直接起诉, 复议后起诉)."""
        cols = tuple(_columns(data).values())
        groups = _mapping(data, "groups")
        values = _values(data)
        statuses = _statuses(data)
        paths: dict[str, list[str]] = {}
        for gkey, g in groups.items():
            path = g.get("path") if isinstance(g, Mapping) else None
            levels = [_zh(p) for p in path] if isinstance(path, (list, tuple)) else []
            if not 1 <= len(levels) <= 2 or not all(levels):
                raise _NotThisShape
            paths[str(gkey)] = levels
        if not cols or any(c.group not in paths for c in cols):
            return self._generic_table("table4", {"rows": [{"key": "cases", "label": "", "values": values}]}, found)
        # Header: runs of groups sharing their first level; a one-level group spans both rows.
        order: list[tuple[str, int]] = []  # (group key, number of columns), in column order
        for c in cols:
            gkey = str(c.group)
            if order and order[-1][0] == gkey:
                order[-1] = (gkey, order[-1][1] + 1)
            else:
                order.append((gkey, 1))
        top: list[str] = []
        second: list[str] = []
        i = 0
        while i < len(order):
            head = paths[order[i][0]][0]
            j = i
            while j < len(order) and paths[order[j][0]][0] == head:
                j += 1
            run = order[i:j]
            span = sum(n for _, n in run)
            if len(run) == 1 and len(paths[run[0][0]]) == 1:
                top.append(f'<th colspan="{span}" rowspan="2">{h(head)}</th>')
            else:
                top.append(f'<th colspan="{span}">{h(head)}</th>')
                second.extend(f'<th colspan="{n}">{h(paths[g][1] if len(paths[g]) > 1 else "")}</th>' for g, n in run)
            i = j
        out = ['<div class="scroll"><table class="grid t4"><thead>']
        out.append(
            f"<tr>{''.join(top)}</tr><tr>{''.join(second)}</tr>"
            f"<tr>{''.join(f'<th>{h(c.label)}</th>' for c in cols)}</tr></thead><tbody><tr>"
        )
        for i in range(max(len(cols), len(values))):
            col = cols[i] if i < len(cols) else _generic_col(i)
            gkey = col.group or ""  # "" for a value beyond the official columns
            group = groups.get(gkey) if gkey else None
            levels = paths.get(gkey, [])
            gnames = (gkey, *_both(group), *_both(group["path"][-1])) if isinstance(group, Mapping) else ()
            first = levels[0] if levels else ""

            def row_ok(ref_value: Any, gnames: tuple[str, ...] = gnames, first: str = first) -> bool:
                # The data row, or a group of columns: one (复议后起诉) or, by its first
                # level, all that share it (行政诉讼: both litigation groups).
                if _unset(ref_value):
                    return True
                ref = str(ref_value).strip()
                if ref == "1" or find_row("table4", ref) is not None:
                    return True
                return _same_name(ref, gnames) or (bool(first) and _same_name(ref, (first,)))

            gshort = levels[-1] if levels else ""
            gfull = " / ".join(levels)
            col_ok = _column_matcher("table4", col, i + 1, (f"{gshort}{col.label}", f"{gfull}{col.label}"))
            marks = found.find("table4", row_ok, col_ok)
            absent = i >= len(values)
            status = statuses[i] if i < len(statuses) else None
            out.append(_cell_td(None if absent else values[i], marks, self.lang, absent=absent, status=status))
        out.append("</tr></tbody></table></div>")
        return "".join(out)

    def _generic_table(self, table: str, data: Mapping[str, Any], found: _CellFindings) -> str:
        """Any table whose shape is not the expected one: label + values, as given."""
        rows = _rows(data) if isinstance(data.get("rows"), list) else [{"values": _values(data)}]
        width = max([len(_values(r)) for r in rows] + [1])
        cols = tuple(_generic_col(i) for i in range(width))
        out = ['<div class="scroll"><table class="grid">']
        for position, r in enumerate(rows, 1):
            present = bool(r.get("found", True))
            cells = self._value_cells(table, r, position, cols, width, found)
            out.append(self._row_tr(self._label_td(str(r.get("label") or ""), present), cells, present))
        out.append("</table></div>")
        return "".join(out)
