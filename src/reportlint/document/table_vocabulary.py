"""The names of tables 二/三/四 and of their rows, columns, groups and cells, in zh and en.

Every message, context line, parse view and HTML table names a table, row, column or
cell through this module, so the same cell has the same name everywhere. Everything is
projected from ``rules/tables.yaml`` (``label``/``title`` for Chinese, ``en``/``title_en``/
``groups_en`` for English); nothing here is a name of its own.

Conventions:

- a table is ``表三`` / ``table 3``; with its title ``表三“收到和处理政府信息公开申请情况”`` /
  ``table 3 (requests received and handled)``;
- a row is its official label without the explanatory remark
  (``（二）部分公开``), a sub-item of table 三 preceded by its group
  (``（三）不予公开 1.属于国家秘密`` / ``withheld: state secret``);
- a column of table 四 is preceded by its group: ``行政复议 / 总计`` /
  ``administrative review / total``;
- a cell is ``表三“（一）予以公开”行“自然人”列`` / ``table 3, row 'granted', column
  'natural persons'``; table 四 has one data row: ``表四“行政复议 / 总计”`` /
  ``table 4, 'administrative review / total'``.

:func:`find_row` and :func:`find_column` read a name back (a key, an official label, a
variant or a name this module gives), so a :class:`CellRef` written by any rule can be
matched with the cell it names.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from reportlint.core.diagnostics import CellRef
from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.tables_match import label_key

TABLE_KEYS = ("table2", "table3", "table4")
TABLE_NUMBERS = {"table2": ("二", "2"), "table3": ("三", "3"), "table4": ("四", "4")}
LAYOUTS = ("2021", "2019")  # the first is the current format, used when a layout is not known


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Column:
    """How messages name one column of an official table."""

    key: str
    name: Text  # the full name (table 四: group / label)
    label: Text  # the header cell's own words (table 四: without the group)
    kind: str = "count"  # count | money | change
    group: str | None = None  # table 三: column group label; table 四: group key


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class RowName:
    """How messages name one official row of a table."""

    key: str
    name: Text  # the name messages use (short label, group first for sub-items)
    label: str  # the official label as the template writes it
    variants: tuple[str, ...] = ()
    group: str | None = None  # table 二: block label; table 三: group key
    columns: tuple[str, ...] = ()  # table 二: the row's own columns


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Vocabulary:
    """The names of the official tables, their columns and rows, for messages."""

    titles: dict[str, Text]
    columns: dict[str, dict[str, Column]]  # table → column key → Column (in table order)
    rows: dict[tuple[str, str], dict[str, RowName]]  # (table, layout) → row key → RowName
    groups: dict[str, dict[str, Text]]  # table → group key (table 二: block label) → name
    column_groups: dict[str, Text]  # table 三's column group label → name


def _data() -> dict:
    from reportlint.core.ruledata import load

    return load("tables")


def short_label(label: str) -> str:
    """An official row label without its explanatory remark:
    ``（二）部分公开（区分处理的，…）`` → ``（二）部分公开``."""
    head, rest = label[:4], label[4:]
    cut = rest.find("（")
    return label if cut <= 0 else head + rest[:cut]


def _en(entry: dict, what: str) -> str:
    en = entry.get("en")
    if not en:
        raise KeyError(f"rules/tables.yaml: {what} has no English name (en)")
    return str(en)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = _data()
    titles = {}
    for key in TABLE_KEYS:
        zh_no, en_no = TABLE_NUMBERS[key]
        titles[key] = Text(f"表{zh_no}“{data[key]['title']}”", f"table {en_no} ({data[key]['title_en']})")

    t2, t3, t4 = data["table2"], data["table3"], data["table4"]
    columns: dict[str, dict[str, Column]] = {}
    columns["table2"] = {
        k: Column(k, Text(v["label"], _en(v, f"table2 column {k}")), Text(v["label"], v["en"]), v.get("kind", "count"))
        for k, v in t2["columns"].items()
    }
    columns["table3"] = {
        c["key"]: Column(
            c["key"],
            Text(c["label"], _en(c, f"table3 column {c['key']}")),
            Text(c["label"], c["en"]),
            "count",
            c.get("group"),
        )
        for c in t3["columns"]
    }
    groups4 = {g: Text(v["label"], _en(v, f"table4 group {g}")) for g, v in t4["groups"].items()}
    columns["table4"] = {
        c["key"]: Column(
            c["key"],
            Text(f"{groups4[c['group']].zh} / {c['label']}", f"{groups4[c['group']].en} / {_en(c, c['key'])}"),
            Text(c["label"], c["en"]),
            "count",
            c["group"],
        )
        for c in t4["columns"]
    }

    groups3_en = t3.get("groups_en") or {}
    groups3 = {g: Text(str(label), str(groups3_en.get(g) or "")) for g, label in (t3.get("groups") or {}).items()}
    for g, name in groups3.items():
        if not name.en:
            raise KeyError(f"rules/tables.yaml: table3 group {g} has no English name (groups_en)")
    blocks = {b: Text(b, _en(v, f"table2 block {b}")) for b, v in (t2.get("blocks") or {}).items()}

    rows: dict[tuple[str, str], dict[str, RowName]] = {}
    for layout, lay in t2["layouts"].items():
        rows[("table2", str(layout))] = {
            r["key"]: RowName(
                r["key"],
                Text(r["label"], _en(r, f"table2 row {r['key']}")),
                r["label"],
                tuple(r.get("variants") or ()),
                r.get("block"),
                tuple(r["columns"]),
            )
            for r in lay["rows"]
        }
    for layout in LAYOUTS:
        out = {}
        for r in t3["rows"]:
            if str(r.get("only", layout)) != layout:
                continue
            zh, en = short_label(r["label"]), _en(r, f"table3 row {r['key']}")
            group = r.get("group")
            if group and group != "outcome":
                zh, en = f"{groups3[group].zh} {zh}", f"{groups3[group].en}: {en}"
            out[r["key"]] = RowName(r["key"], Text(zh, en), r["label"], tuple(r.get("variants") or ()), group)
        rows[("table3", layout)] = out
        row4 = t4["row"]
        rows[("table4", layout)] = {
            row4["key"]: RowName(row4["key"], Text(row4["label"], _en(row4, "table4 row")), row4["label"])
        }
    column_groups = {g: Text(g, _en(v, f"table3 column group {g}")) for g, v in (t3.get("column_groups") or {}).items()}
    return Vocabulary(titles, columns, rows, {"table2": blocks, "table3": groups3, "table4": groups4}, column_groups)


# ---------------------------------------------------------------------------------------
# Names


def table_name(table: str) -> Text:
    """``表三`` / ``table 3``."""
    zh_no, en_no = TABLE_NUMBERS[table]
    return Text(f"表{zh_no}", f"table {en_no}")


def table_title(table: str) -> Text:
    """``表三“收到和处理政府信息公开申请情况”`` / ``table 3 (requests received and handled)``."""
    return vocabulary().titles[table]


def section_of(table: str) -> str:
    """The key of the report section (``rules/sections.yaml``) the table belongs to."""
    return str(_data()[table]["section"])


def _rows(table: str, layout: str | None) -> dict[str, RowName]:
    voc = vocabulary()
    if layout is not None and (table, str(layout)) in voc.rows:
        return voc.rows[(table, str(layout))]
    merged: dict[str, RowName] = {}
    for lay in LAYOUTS:  # the current layout's wording first; rows only the other one has after
        for k, r in voc.rows.get((table, lay), {}).items():
            merged.setdefault(k, r)
    return merged


def official_rows(table: str, layout: str | None = None) -> list[RowName]:
    """The official rows of ``table`` in ``layout`` (both layouts when None), in order."""
    return list(_rows(table, layout).values())


def official_columns(table: str) -> list[Column]:
    return list(vocabulary().columns[table].values())


def row_name(table: str, row: str, layout: str | None = None) -> Text:
    """The name of a row (see the module docstring); an unknown key is shown as written."""
    if table == "table4":
        return next(iter(_rows("table4", None).values())).name
    r = _rows(table, layout).get(row) or _rows(table, None).get(row)
    return r.name if r is not None else Text(row, row)


def column_name(table: str, column: str) -> Text:
    c = vocabulary().columns.get(table, {}).get(column)
    return c.name if c is not None else Text(column, column)


def column_kind(table: str, column: str) -> str:
    c = vocabulary().columns.get(table, {}).get(column)
    return c.kind if c is not None else "count"


def group_name(table: str, group: str) -> Text:
    """A group of rows (table 三: ``（三）不予公开``), of columns (table 四: ``行政复议``) or
    a block of table 二 (by its label)."""
    g = vocabulary().groups.get(table, {}).get(group)
    return g if g is not None else Text(group, group)


def column_group_name(label: str) -> Text:
    """Table 三's column group: ``法人或其他组织`` / ``legal persons and other organisations``."""
    return vocabulary().column_groups.get(label, Text(label, label))


def cell_name(table: str, row: str | None, column: str, layout: str | None = None) -> Text:
    """``表三“（一）予以公开”行“自然人”列`` / ``table 3, row 'granted', column 'natural persons'``;
    table 四: ``表四“行政复议 / 总计”`` / ``table 4, 'administrative review / total'``."""
    t, c = table_name(table), column_name(table, column)
    if table == "table4" or row is None:
        return Text(f"{t.zh}“{c.zh}”", f"{t.en}, '{c.en}'")
    r = row_name(table, row, layout)
    return Text(f"{t.zh}“{r.zh}”行“{c.zh}”列", f"{t.en}, row '{r.en}', column '{c.en}'")


def row_phrase(table: str, row: str, layout: str | None = None) -> Text:
    """A row in a sentence, after the table's name: ``“（一）予以公开”一行`` / ``the row
    'granted'``; table 四's only row: ``的数据行`` / ``the data row``."""
    if table == "table4":
        return Text("的数据行", "the data row")
    r = row_name(table, row, layout)
    return Text(f"“{r.zh}”一行", f"the row '{r.en}'")


def cell_ref(
    table: str, row: str | None = None, column: str | None = None, *, layout: str | None = None, grid: int | None = None
) -> CellRef:
    """The :class:`CellRef` of a cell (row or column None: a whole column, row or table).
    Its row and column are the Chinese names; :func:`describe_ref` gives them in either
    language."""
    return CellRef(
        table=table,
        row=None if row is None or table == "table4" else row_name(table, row, layout).zh,
        column=None if column is None else column_name(table, column).zh,
        grid=grid,
    )


# ---------------------------------------------------------------------------------------
# Reading names back


@cache
def _row_index(table: str) -> dict[str, str]:
    """Every way of writing a row of ``table`` → its key (later entries never override)."""
    out: dict[str, str] = {}

    def add(text: str, key: str) -> None:
        out.setdefault(text, key)
        k = label_key(text)
        if k:
            out.setdefault("~" + k, key)

    for lay in LAYOUTS:
        for r in vocabulary().rows.get((table, lay), {}).values():
            add(r.key, r.key)
    for lay in LAYOUTS:
        for r in vocabulary().rows.get((table, lay), {}).values():
            for text in (r.name.zh, r.name.en, r.label, short_label(r.label), *r.variants):
                add(text, r.key)
    return out


@cache
def _column_index(table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    cols = vocabulary().columns.get(table, {})
    for c in cols.values():
        out.setdefault(c.key, c.key)
    for c in cols.values():
        for text in (c.name.zh, c.name.en):
            out.setdefault(text, c.key)
            if label_key(text):
                out.setdefault("~" + label_key(text), c.key)
    if table != "table4":  # table 四's bare labels (总计) name three columns: not one
        for c in cols.values():
            out.setdefault("~" + label_key(c.label.zh), c.key)
    return out


def find_row(table: str, text: str | None) -> str | None:
    """The key of the row ``text`` names (a key, official label, variant or a name from
    :func:`row_name`); None when it names none."""
    if not text or table not in TABLE_KEYS:
        return None
    index = _row_index(table)
    text = str(text).strip()
    if text in index:
        return index[text]
    k = label_key(text)
    return index.get("~" + k) if k else None


def find_column(table: str, text: str | None) -> str | None:
    """The key of the column ``text`` names (a key or a name from :func:`column_name`;
    tables 二/三 also their official header)."""
    if not text or table not in TABLE_KEYS:
        return None
    index = _column_index(table)
    text = str(text).strip()
    if text in index:
        return index[text]
    k = label_key(text)
    return index.get("~" + k) if k else None


def _axis(text: str, key: str | None, names, zh_unit: str, en_word: str) -> Text:
    if key is not None:
        n = names(key)
        return Text(f"“{n.zh}”{zh_unit}", f"{en_word} '{n.en}'")
    if text.isdigit():
        return Text(f"第{text}{zh_unit}", f"{en_word} {text}")
    return Text(f"“{text}”{zh_unit}", f"{en_word} '{text}'")


def describe_ref(ref: CellRef) -> Text:
    """What a :class:`CellRef` names, in both languages, the way messages name cells:
    ``表三“（一）予以公开”行“自然人”列`` / ``table 3, row 'granted', column 'natural persons'``.
    Rows and columns this vocabulary does not know (a grid's numbers, free text) are shown
    as written (``第3行`` / ``row 3``). The grid position (``ref.grid*``) is not included."""
    if ref.table not in TABLE_KEYS:
        parts = []
        if ref.row:
            parts.append(_axis(str(ref.row), None, None, "行", "row"))
        if ref.column:
            parts.append(_axis(str(ref.column), None, None, "列", "column"))
        return Text("".join(p.zh for p in parts), ", ".join(p.en for p in parts))
    table = ref.table
    t = table_name(table)
    row_key = find_row(table, ref.row) if ref.row and table != "table4" else None
    col_key = find_column(table, ref.column) if ref.column else None
    if table == "table4" and ref.row and ref.column is None:
        group = next((g for g, n in vocabulary().groups["table4"].items() if ref.row in (g, n.zh, n.en)), None)
        name = group_name("table4", group) if group else Text(str(ref.row), str(ref.row))
        return Text(f"{t.zh}“{name.zh}”", f"{t.en}, '{name.en}'")
    if table == "table4" or not ref.row:
        if ref.column is None:
            return t
        c = column_name(table, col_key) if col_key else Text(str(ref.column), str(ref.column))
        if str(ref.column).isdigit() and col_key is None:
            return Text(f"{t.zh}第{ref.column}列", f"{t.en}, column {ref.column}")
        return Text(
            f"{t.zh}“{c.zh}”" + ("" if table == "table4" else "列"),
            f"{t.en}, " + ("" if table == "table4" else "column ") + f"'{c.en}'",
        )
    row = _axis(str(ref.row), row_key, lambda k: row_name(table, k), "行", "row")
    if ref.column is None:
        return Text(f"{t.zh}{row.zh}", f"{t.en}, {row.en}")
    col = _axis(str(ref.column), col_key, lambda k: column_name(table, k), "列", "column")
    return Text(f"{t.zh}{row.zh}{col.zh}", f"{t.en}, {row.en}, {col.en}")


# ---------------------------------------------------------------------------------------
# The layout for JSON (what a page needs to draw a table without rules/tables.yaml)


def _names(text: Text) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def layout_json(table: str, layout: str | None) -> dict[str, Any]:
    """``{"name", "title", "columns": [{"key", "name", "label", "kind", "group"}],
    "column_groups": [...], "groups": {...}}`` (see ``to_json`` in document/tables.py)."""
    cols = official_columns(table)
    out: dict[str, Any] = {
        "name": _names(table_name(table)),
        "title": _names(table_title(table)),
        "columns": [
            {"key": c.key, "name": _names(c.name), "label": _names(c.label), "kind": c.kind, "group": c.group}
            for c in cols
        ],
    }
    if table == "table2":
        out["blocks"] = {b: _names(n) for b, n in vocabulary().groups["table2"].items()}
    elif table == "table3":
        out["groups"] = {g: _names(n) for g, n in vocabulary().groups["table3"].items()}
        out["column_groups"] = {g: _names(n) for g, n in vocabulary().column_groups.items()}
    else:
        out["groups"] = {
            g: {
                **_names(n),
                "path": [{"zh": zh.strip(), "en": en.strip()} for zh, en in zip(n.zh.split("/"), n.en.split("/"))],
            }
            for g, n in vocabulary().groups["table4"].items()
        }
    return out


def row_json(table: str, row: str, layout: str | None) -> dict[str, Any]:
    """A row's names for JSON: ``{"name": {"zh", "en"}, "columns": [...], "block" | "groups"}``."""
    r = _rows(table, layout).get(row) or _rows(table, None).get(row)
    if r is None:
        return {"name": {"zh": row, "en": row}}
    out: dict[str, Any] = {"name": _names(r.name)}
    if table == "table2":
        out["columns"] = list(r.columns)
        out["block"] = r.group
    elif table == "table3":
        groups = []
        if r.group and r.group != "outcome":
            groups = ["outcome", r.group]
        elif r.group == "outcome" or row == "outcome_total" or _is_outcome(row):
            groups = ["outcome"]
        out["groups"] = groups
    return out


@cache
def _outcome_keys() -> frozenset[str]:
    return frozenset(r["key"] for r in _data()["table3"]["rows"] if r.get("outcome"))


def _is_outcome(row: str) -> bool:
    return row in _outcome_keys()
