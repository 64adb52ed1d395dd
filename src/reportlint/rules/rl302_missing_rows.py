"""RL302 missing-rows."""

from __future__ import annotations

import re

from reportlint.analysis import outline
from reportlint.analysis.listing import listing, listing_en
from reportlint.analysis.table_positions import all_blank, row_end, table_start
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, group_name, official_rows, row_name, table_title
from reportlint.document.tables_match import label_key
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations

_ENUM_BEFORE = pattern_store.compile(
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十]{1,3}[)）])\s*$"
)


class MissingRows(CellLocations, Rule):
    """Rows of a table are missing.

    Each layout of tables 二 and 三 has a fixed set of rows (table 三: 25 in the 2021
    format, 23 in the 2019 one); a row left out hides a figure and breaks the table's
    identities (一 + 二 = （七）总计 + 四). Broken exports lose whole blocks — every row
    under 三、本年度办理结果. All missing rows of a table are reported in one finding,
    at the place they belong. A table in the wrong format's layout is reported by RL201
    instead (its rows change with the layout); table 四 without its data row is
    reported here too.

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        三、本年度办理结果
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
        自然人 | 法人或其他组织 | 总计
        商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        三、本年度办理结果 | （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0
        4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （四）无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
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
        fmt = outline.report_format(doc)
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None:
                continue
            # Rows after the place where the text ends were cut off with it, not left out.
            missing = [r for i, r in enumerate(table.rows) if not r.found and not table.cut(i)]
            if not missing or (all_blank(table) and any(r.found for r in table.rows)):
                continue  # a blank table: RL303 reports it once
            if key == "table4":
                yield self.report(
                    doc,
                    table_start(doc, table),
                    "no_data_row",
                    cell=cell_ref(key, grid=table.grid),
                    table_zh=table_title(key).zh,
                    table_en=table_title(key).en,
                )
                continue
            if fmt in outline.CURRENT_FORMATS and table.layout in outline.CURRENT_FORMATS and table.layout != fmt:
                continue  # RL201
            zh, en = _describe(key, table, missing)
            yield self.report(
                doc,
                _where(doc, table, missing[0]),
                "rows",
                cell=cell_ref(key, missing[0].key, layout=table.layout, grid=table.grid),
                table_zh=table_title(key).zh,
                table_en=table_title(key).en,
                n=len(missing),
                rows_zh=zh,
                rows_en=en,
                fmt=table.layout if table.layout in outline.CURRENT_FORMATS else (fmt or "2021"),
                data={"rows": [r.key for r in missing]},
            )


def _group_rows(layout: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(group → row keys, row key → group) of table 三 in ``layout``."""
    members: dict[str, list[str]] = {}
    of: dict[str, str] = {}
    for r in official_rows("table3", layout):
        if r.group is None:
            continue
        members.setdefault(r.group, []).append(r.key)
        of[r.key] = r.group
    return members, of


def _describe(key: str, table, missing) -> tuple[str, str]:
    missing_keys = [r.key for r in missing]
    names = {r.key: row_name(key, r.key, table.layout) for r in missing}
    if key != "table3":
        return listing([n.zh for n in names.values()], 10), listing_en([n.en for n in names.values()], 10)
    members, of = _group_rows(table.layout)
    outcome = group_name("table3", "outcome")
    # every row under 三、本年度办理结果: the outcome rows and （七）总计
    outcome_block = [r.key for r in table.rows if r.key not in ("new", "carried_over", "carried_forward")]
    if set(outcome_block) <= set(missing_keys):
        rest = [names[r.key] for r in missing if r.key not in outcome_block]
        first, last = row_name(key, outcome_block[0], table.layout), row_name(key, outcome_block[-1], table.layout)
        zh = f"“{outcome.zh}”下的全部{len(outcome_block)}行（{first.zh}至{last.zh}）"
        en = f"all {len(outcome_block)} rows under '{outcome.en}' ('{first.en}' to '{last.en}')"
        if rest:
            zh += "，以及" + "、".join(n.zh for n in rest)
            en += ", and " + ", ".join(n.en for n in rest)
        return zh, en
    parts: list[tuple[str, str]] = []
    done: set[str] = set()
    for r in missing:
        if r.key in done:
            continue
        group = of.get(r.key)
        if group and group != "outcome" and all(k in missing_keys for k in members[group]) and len(members[group]) > 1:
            g = group_name("table3", group)
            parts.append((f"{g.zh}（{len(members[group])}行）", f"{g.en} ({len(members[group])} rows)"))
            done.update(members[group])
        else:
            parts.append((names[r.key].zh, names[r.key].en))
            done.add(r.key)
    return listing([p[0] for p in parts], 10), listing_en([p[1] for p in parts], 10)


def _where(doc, table, first_missing):
    """Where the first missing row belongs: its group label if written, else the next row found."""
    rows = table.rows
    i = rows.index(first_missing)
    prev = next((r for r in reversed(rows[:i]) if r.found), None)
    nxt = next((r for r in rows[i + 1 :] if r.found), None)
    start = row_end(prev) if prev is not None else table.span[0]
    end = nxt.label_span[0] if nxt is not None and nxt.label_span else table.span[1]
    if table.key == "table3":
        _members, of = _group_rows(table.layout)
        for group in ("outcome", of.get(first_missing.key)):
            if not group:
                continue
            chars = label_key(group_name("table3", group).zh)
            if not chars:
                continue
            pattern = pattern_store.compile(r"[\s|]*".join(re.escape(c) for c in chars))
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
    return table_start(doc, table)


def _block_of(table, row_key: str) -> str | None:
    """第二十条第（X）项 of a table 二 row, the group of a table 三 row."""
    return next((r.group for r in official_rows(table.key, table.layout) if r.key == row_key), None)
