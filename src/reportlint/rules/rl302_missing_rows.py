"""RL302 missing-rows."""

from __future__ import annotations

import re

from reportlint.core.diagnostics import CellRef, Severity
from reportlint.document.tables_match import label_key
from reportlint.core.i18n import T
from reportlint.rules.base import Rule
from reportlint.analysis import outline as common
from reportlint.analysis import table_names as tables

_ENUM_BEFORE = re.compile(r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十]{1,3}[)）])\s*$")


class MissingRows(tables.CellLocations, Rule):
    """Rows of a table are missing.

    Each layout of tables 二 and 三 has a fixed set of rows (table 三: 25 in the 2021
    format, 23 in the 2019 one); a row left out hides a figure and breaks the table's
    identities (一 + 二 = （七）总计 + 四). Broken exports lose whole blocks — every row
    under 三、本年度办理结果. All missing rows of a table are reported in one finding,
    at the place they belong. A table in the wrong format's layout is reported by RL201
    instead (its rows change with the layout); table 四 without its data row is
    reported here too.

    Bad:
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        三、本年度办理结果
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    Good:
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        三、本年度办理结果 | （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        ……
        （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    code = "RL302"
    name = "missing-rows"
    category = "table"
    severity = Severity.ERROR
    summary_zh = "表格缺少行。"
    rationale_zh = (
        "表二、表三每种格式的行是固定的（表三2021年格式25行、2019年格式23行）；少了一行就少了一项数据，"
        "也破坏了表内的勾稽关系（一+二=（七）总计+四）。导出出错的表格会整块丢失，如“三、本年度办理结果”"
        "下的全部行。一张表缺少的行合并为一条报告，位置在这些行应在的地方。格式用错的表由 RL201 报告"
        "（行随格式而变）；表四没有数据行的也在此报告。"
    )
    messages = {
        "rows": T(
            "{table_zh}缺少{n}行：{rows_zh}；请按{fmt}年格式补齐这些行并填写数字（没有的填0）",
            "{table_en} lacks {n} row(s): {rows_en}; add them as in the {fmt} format and fill in the numbers "
            "(0 where nothing happened)",
        ),
        "no_data_row": T(
            "{table_zh}只有表头，没有数据行；请在表头下填写15个数字（没有的填0）",
            "{table_en} has its header but no data row; fill in the 15 numbers under the header "
            "(0 where nothing happened)",
        ),
    }

    def check(self, doc):
        fmt = common.report_format(doc)
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None:
                continue
            missing = [r for r in table.rows if not r.found]
            if not missing or tables.all_blank(table) and any(r.found for r in table.rows):
                continue  # a blank table: RL303 reports it once
            if key == "table4":
                yield self.report(
                    doc,
                    tables.table_start(doc, table),
                    "no_data_row",
                    cell=CellRef(table=key, grid=table.grid),
                    table_zh=tables.table_zh(key),
                    table_en=tables.table_en(key),
                )
                continue
            if fmt in common.CURRENT_FORMATS and table.layout in common.CURRENT_FORMATS and table.layout != fmt:
                continue  # RL201
            zh, en = _describe(key, table, missing)
            yield self.report(
                doc,
                _where(doc, table, missing[0]),
                "rows",
                cell=CellRef(table=key, row=missing[0].label, grid=table.grid),
                table_zh=tables.table_zh(key),
                table_en=tables.table_en(key),
                n=len(missing),
                rows_zh=zh,
                rows_en=en,
                fmt=table.layout if table.layout in common.CURRENT_FORMATS else (fmt or "2021"),
                data={"rows": [r.key for r in missing]},
            )


def _group_rows(table_key: str, layout: str) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """(group → label, group → row keys, row key → group) of table 三 in ``layout``."""
    data = tables.tables_data()[table_key]
    labels = dict(data.get("groups") or {})
    members: dict[str, list[str]] = {}
    of: dict[str, str] = {}
    for r in data.get("rows", []):
        if str(r.get("only", layout)) != layout or "group" not in r:
            continue
        members.setdefault(r["group"], []).append(r["key"])
        of[r["key"]] = r["group"]
    return labels, members, of


def _describe(key: str, table, missing) -> tuple[str, str]:
    missing_keys = [r.key for r in missing]
    if key != "table3":
        names = [r.label for r in missing]
        return tables.listing(names, 10), tables.listing_en(names, 10)
    labels, members, of = _group_rows(key, table.layout)
    # every row under 三、本年度办理结果: the outcome rows and （七）总计
    outcome_block = [r.key for r in table.rows if r.key not in ("new", "carried_over", "carried_forward")]
    if set(outcome_block) <= set(missing_keys):
        rest = [r.label for r in missing if r.key not in outcome_block]
        zh = f"“{labels['outcome']}”下的全部{len(outcome_block)}行（（一）予以公开至（七）总计）"
        en = f"all {len(outcome_block)} rows under {labels['outcome']} (（一）予以公开 to （七）总计)"
        if rest:
            zh += "，以及" + "、".join(rest)
            en += ", and " + ", ".join(rest)
        return zh, en
    parts: list[str] = []
    done: set[str] = set()
    for r in missing:
        if r.key in done:
            continue
        group = of.get(r.key)
        if group and group != "outcome" and all(k in missing_keys for k in members[group]) and len(members[group]) > 1:
            parts.append(f"{labels[group]}（{len(members[group])}行）")
            done.update(members[group])
        else:
            parts.append(r.label)
            done.add(r.key)
    return tables.listing(parts, 10), tables.listing_en(parts, 10)


def _where(doc, table, first_missing):
    """Where the first missing row belongs: its group label if written, else the next row found."""
    rows = table.rows
    i = rows.index(first_missing)
    prev = next((r for r in reversed(rows[:i]) if r.found), None)
    nxt = next((r for r in rows[i + 1 :] if r.found), None)
    start = tables.row_end(prev) if prev is not None else table.span[0]
    end = nxt.label_span[0] if nxt is not None and nxt.label_span else table.span[1]
    if table.key == "table3":
        labels, _members, of = _group_rows("table3", table.layout)
        for group in ("outcome", of.get(first_missing.key)):
            if not group or group not in labels:
                continue
            chars = label_key(labels[group])
            if not chars:
                continue
            pattern = re.compile(r"[\s|]*".join(re.escape(c) for c in chars))
            v = doc.view
            m = pattern.search(v.text, v.to_view(start), v.to_view(end))
            if m is not None:
                a = m.start()
                enum = _ENUM_BEFORE.search(v.text[max(0, a - 8) : a])
                if enum is not None:
                    a -= len(enum.group())
                return v.to_source(a, m.end())
    # next to a found row of the same block (table 二) or group (table 三), else the next row
    block = _block_of(table, first_missing.key)
    order = [nxt, prev] if nxt is not None and _block_of(table, nxt.key) == block else [prev, nxt]
    if block is not None and not any(r is not None and _block_of(table, r.key) == block for r in order):
        order = [nxt, prev]
    for r in order:
        if r is not None and r.label_span is not None:
            return r.label_span
    return tables.table_start(doc, table)


def _block_of(table, row_key: str) -> str | None:
    """第二十条第（X）项 of a table 二 row, the group of a table 三 row."""
    data = tables.tables_data()[table.key]
    if table.key == "table2":
        rows = data["layouts"].get(table.layout, {}).get("rows", [])
        return next((r.get("block") for r in rows if r["key"] == row_key), None)
    return next((r.get("group") for r in data.get("rows", []) if r["key"] == row_key), None)
