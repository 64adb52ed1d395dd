"""RL202 table-label-wording."""

from __future__ import annotations

import difflib
import re
from functools import cache

from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import CellRef, Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.document.normalize import to_simplified
from reportlint.document.table_vocabulary import cell_ref, column_name, official_rows, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations

_CJK = pattern_store.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ENUM = pattern_store.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.、．)）])\s*"
)
_CELL_END = pattern_store.compile(r"[|\n]")


class TableLabelWording(CellLocations, Rule):
    """A row or column label of a table differs from the official wording.

    The labels of tables 二 and 三 are fixed by the format; readers, reviewers and the
    statistics system go by them. Typing errors and home-made wording
    (``属于三类内容事务信息`` for ``属于三类内部事务信息``, ``四类过程性性信息``,
    ``只计这一情况``) and column headers cut short (``本年新`` for ``本年新制作数量``) are
    reported with the official label; the fix changes only the words that differ
    (text files only). Differences in punctuation, full/half width, spacing and script
    are not reported, nor are the shortened or older labels real reports commonly use
    (``部分公开``, ``规范性文件``).

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        规范性文件 | 0 | 0 | 0
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 0 | 0 | 0
    """

    code = "RL202"
    name = "table-label-wording"
    category = "template"
    severity = Severity.WARNING
    summary_zh = "表格的行、列标签与规定写法不符。"
    rationale_zh = (
        "表二、表三的行列标签由格式规定，阅读、审核和统计都以此为准。错字和自拟写法（如把“属于三类内部事务"
        "信息”写成“属于三类内容事务信息”、“四类过程性性信息”、“只计这一情况”）以及被截断的列标题（如"
        "“本年新”）都会报告并给出规定写法；自动修复只改不同的字（仅限文本文件）。标点、全半角、空格和"
        "繁简体的差别不报告，实际报告中常用的简写或旧写法（如“部分公开”“规范性文件”）也不报告。"
    )
    messages = {
        "row": T(
            "{table_zh}的行标签“{written}”与规定写法不符；请改为“{official}”",
            "row label '{written}' of {table_en} differs from the official wording; change it to '{official}'",
        ),
        "cut": T(
            "{table_zh}的列标题“{cut}”不完整；请写全为{full_zh}",
            "column header '{cut}' of {table_en} is cut short; write it in full: {full_en}",
        ),
        "cut_wrong_layout": T(
            "{table_zh}的列标题“{cut}”不完整（{layout}年格式的{full_zh}被截断）；该表改用{fmt}年格式后，这一行列标题应为{new_zh}",
            "column header '{cut}' of {table_en} is cut short ({full_en} of the {layout} layout); once the table "
            "uses the {fmt} format, this header row reads {new_en}",
        ),
    }

    def check(self, doc):
        for key in ("table2", "table3"):
            table = doc.tables.get(key)
            if table is None:
                continue
            for i, row in enumerate(table.rows):
                if table.cut(i) and not any(c.found for c in row.cells):
                    continue  # the text ends in this row's label: cut, not misworded
                d = self._row(doc, table, row)
                if d is not None:
                    yield d
            if key == "table2":
                yield from self._cut_headers(doc, table)

    # -- row labels ----------------------------------------------------------------------
    def _row(self, doc, table, row):
        if not row.found or row.label_span is None:
            return None
        accepted = _accepted(table.key, table.layout, row.key)
        if accepted is None:
            return None
        _, keys = accepted
        official_key = keys[0]
        s, e = row.label_span
        text = doc.text
        chars = _cjk_chars(text, s, e)
        written_key = "".join(c for _, c in chars)
        if written_key in keys and written_key != official_key and official_key.startswith(written_key):
            # `（二）部分公开` matched as a variant: the rest of its cell may hold the full label
            stop = _CELL_END.search(text, e)
            cell_end = stop.start() if stop else len(text)
            first = next((c.span[0] for c in row.cells if c.span is not None), None)
            if first is not None and first >= e:
                cell_end = min(cell_end, first)
            tail = _cjk_chars(text, e, cell_end)
            if tail:
                chars = chars + tail
                written_key = "".join(c for _, c in chars)
                e = _trim_end(text, s, cell_end)
        if written_key in keys:
            return None
        if row.label_match != "fuzzy" and official_key.startswith(written_key):
            return None  # a long label written shortened (or wrapped): recognised, not reported
        written = re.sub(r"\s+", "", text[s:e])
        fix = None
        if doc.extracted.editable:
            edits = _edits(chars, official_key, text)
            if edits:
                fix = Fix(T("改为规定的标签", "use the official label"), tuple(edits))
        return self.report(
            doc,
            (s, e),
            "row",
            cell=cell_ref(table.key, row.key, layout=table.layout, grid=table.grid),
            table_zh=table_title(table.key).zh,
            table_en=table_title(table.key).en,
            written=written,
            official=row.label,
            fix=fix,
            data={"row": row.key, "official": row.label},
        )

    # -- cut column headers ----------------------------------------------------------------
    def _cut_headers(self, doc, table):
        cut_map = ruledata.load("tables")["table2"].get("cut_headers") or {}
        v = doc.view
        vs, ve = v.to_view(table.span[0]), v.to_view(table.span[1])
        view = v.text
        fmt = doc.format
        for cut, full in cut_map.items():
            rests = [f[len(cut) :] for f in full if f.startswith(cut)]
            hits = []
            i = view.find(cut, vs, ve)
            while i != -1:
                # `本年新 公开数量`: a header wrapped in its cell is whole, not cut
                after = re.sub(r"\s+", "", view[i + len(cut) : i + len(cut) + 12])
                if not any(after.startswith(r[:2]) for r in rests if r):
                    hits.append(i)
                i = view.find(cut, i + len(cut), ve)
            if not hits:
                continue
            first = v.to_source(hits[0], hits[0] + len(cut))
            full_zh = "、".join(f"“{f}”" for f in full)
            full_en = ", ".join(full)
            params = dict(table_zh=table_title(table.key).zh, table_en=table_title(table.key).en, cut=cut)
            if fmt in ("2019", "2021") and table.layout in ("2019", "2021") and table.layout != fmt:
                new = _block_headers(fmt)
                yield self.report(
                    doc,
                    first,
                    "cut_wrong_layout",
                    cell=CellRef(table=table.key, column=cut, grid=table.grid),
                    layout=table.layout,
                    fmt=fmt,
                    full_zh=full_zh,
                    full_en=full_en,
                    new_zh="、".join(f"“{h}”" for h in new),
                    new_en=", ".join(new),
                    **params,
                )
                continue
            fix = None
            if doc.extracted.editable and len(hits) == len(rests):
                edits = []
                for h, rest in zip(hits, rests):
                    at = v.to_source(h, h + len(cut))[1]
                    edits.append(Edit(at, at, rest))
                fix = Fix(T("写全列标题", "complete the column headers"), tuple(edits))
            yield self.report(
                doc,
                first,
                "cut",
                cell=CellRef(table=table.key, column=cut, grid=table.grid),
                full_zh=full_zh,
                full_en=full_en,
                fix=fix,
                **params,
            )


def _block_headers(fmt: str) -> list[str]:
    """Column headers of table 二's first block (第二十条第（一）项) in ``fmt``."""
    first = official_rows("table2", fmt)[0]
    return [column_name("table2", c).zh for c in first.columns]


@cache
def _accepted(table: str, layout: str, row_key: str):
    """(official label, (official key, variant keys…)) of a row, None when unknown."""
    data = ruledata.load("tables")[table]
    if table == "table2":
        rows = data["layouts"].get(layout, {}).get("rows", [])
    else:
        rows = [r for r in data["rows"] if str(r.get("only", layout)) == layout]
    for r in rows:
        if r["key"] == row_key:
            # A superseded wording is recognised as the row but is not accepted wording.
            superseded = {_key(x) for x in r.get("superseded") or ()}
            keys = [_key(r["label"])] + [k for k in (_key(x) for x in r.get("variants") or ()) if k not in superseded]
            return r["label"], tuple(keys)
    return None


def _key(label: str) -> str:
    return "".join(_CJK.findall(to_simplified(_ENUM.sub("", label, count=1))))


def _cjk_chars(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """(offset, Simplified character) of each CJK character of ``text[s:e]`` after a leading enumerator."""
    m = _ENUM.match(text[s:e]) if s < e else None
    start = s + m.end() if m else s
    simp = to_simplified(text[start:e])
    return [(start + i, ch) for i, ch in enumerate(simp) if _CJK.match(ch)]


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t\u3000":
        e -= 1
    return e


def _edits(chars: list[tuple[int, str]], official_key: str, text: str) -> list[Edit]:
    """Smallest edits turning the written label's words into the official ones."""
    if not chars:
        return []
    written = "".join(c for _, c in chars)
    sm = difflib.SequenceMatcher(a=written, b=official_key, autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        new = official_key[j1:j2]
        if i1 < i2:
            start, end = chars[i1][0], chars[i2 - 1][0] + 1
        elif i1 < len(chars):
            start = end = chars[i1][0]
        else:
            start = end = chars[-1][0] + 1
        edits.append(Edit(start, end, new))
    return edits
