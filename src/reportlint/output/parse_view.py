"""`reportlint parse`: what the linter understood of a report, as JSON or for a person."""

from __future__ import annotations

import io
import json
from typing import Any

from reportlint.document.model import Document
from reportlint.document.table_vocabulary import table_title
from reportlint.document.tables import to_json as tables_to_json


def _date(dated) -> str | None:
    return dated.value.isoformat() if dated is not None else None


def parse_json(doc: Document) -> dict[str, Any]:
    m = doc.meta
    period = None
    if m.period_start is not None and m.period_end is not None:
        period = {"start": _date(m.period_start), "end": _date(m.period_end)}
    return {
        "path": doc.path,
        "format": doc.format,
        "meta": {
            "title": m.title,
            "year": m.year,
            "agency": m.agency,
            "kind": m.kind,
            "period": period,
            "signed_on": _date(m.signed_on),
            "published_on": _date(m.published_on),  # the publishing page's date (crawler / page field)
            "publisher": m.publisher,
            "title_source": m.title_source,
        },
        "sections": [
            {
                "key": s.key,
                "number": s.number,
                "expected_number": s.expected_number,
                "title": s.title,
                "official_title": s.official_title,
                "variant": s.variant,
                "line": doc.locate(s.heading_span).line,
            }
            for s in doc.sections
        ],
        "tables": tables_to_json(doc),
    }


LABELS = {
    "zh": {
        "format": "格式",
        "title": "标题",
        "year": "年度",
        "agency": "机关",
        "kind": "机关类型",
        "period": "统计期限",
        "signed_on": "落款日期",
        "published_on": "发布日期（页面）",
        "publisher": "发布机构（页面）",
        "sections": "章节",
        "tables": "表格",
        "none": "（无）",
        "missing": "（缺）",
        "line": "行",
        "layout": "样式",
        "not_found": "未找到",
        "status": "读取状态",
        "status_read": "已读取",
        "status_partial": "部分读取",
        "status_unreadable": "无法读取",
        "cell_legend": "单元格：· 空白　? 无法读取　* 按表内算术拆分　（缺）该列缺失",
    },
    "en": {
        "format": "Format",
        "title": "Title",
        "year": "Year",
        "agency": "Agency",
        "kind": "Agency kind",
        "period": "Statistical period",
        "signed_on": "Signed on",
        "published_on": "Published on (page)",
        "publisher": "Publisher (page)",
        "sections": "Sections",
        "tables": "Tables",
        "none": "(none)",
        "missing": "(missing)",
        "line": "line",
        "layout": "layout",
        "not_found": "not found",
        "status": "read status",
        "status_read": "read",
        "status_partial": "partly read",
        "status_unreadable": "unreadable",
        "cell_legend": "cells: · blank   ? unreadable   * recovered by the table's arithmetic   (missing) column missing",
    },
}


def parse_text(doc: Document, lang: str) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    L = LABELS["en" if lang == "en" else "zh"]
    data = parse_json(doc)
    out = io.StringIO()
    console = Console(file=out, width=120, no_color=True, force_terminal=False)
    meta = data["meta"]
    info = RichTable(show_header=False, box=None)
    period = meta["period"]
    for key, value in (
        ("format", data["format"]),
        ("title", meta["title"]),
        ("year", meta["year"]),
        ("agency", meta["agency"]),
        ("kind", meta["kind"]),
        ("period", f"{period['start']} – {period['end']}" if period else None),
        ("signed_on", meta["signed_on"]),
        ("published_on", meta["published_on"]),
        ("publisher", meta["publisher"]),
    ):
        info.add_row(L[key], str(value) if value is not None else L["none"])
    console.print(doc.path)
    console.print(info)
    sections = RichTable(title=L["sections"], title_justify="left")
    for col in ("#", L["title"], L["line"]):
        sections.add_column(col)
    for s in data["sections"]:
        number = s["number"] or "—"
        if s["number"] != s["expected_number"]:
            number += f" (→{s['expected_number']})"
        sections.add_row(number, s["title"], str(s["line"]))
    console.print(sections)
    legend = False
    for key in ("table2", "table3", "table4"):
        table = data["tables"][key]
        title = table_title(key).get(lang)
        if table is None:
            console.print(f"{title}: {L['not_found']}")
            continue
        status = _status_text(doc, key, table, L, lang)
        if key == "table4":
            grid = RichTable(title=f"{title} ({L['line']} {table['line']}) — {status}", title_justify="left")
            for i in range(len(table["values"])):
                grid.add_column(str(i + 1), justify="right")
            grid.add_row(*(_cell(v, s, L) for v, s in zip(table["values"], table["statuses"])))
            legend = legend or any(s != "read" for s in table["statuses"])
        else:
            grid = RichTable(title=f"{title} — {L['layout']} {table['layout']} — {status}", title_justify="left")
            grid.add_column(L["line"], justify="right")
            grid.add_column(L["title"])
            width = max((len(r["values"]) for r in table["rows"]), default=0)
            for i in range(width):
                grid.add_column(str(i + 1), justify="right")
            for r in table["rows"]:
                values = [_cell(v, st, L) for v, st in zip(r["values"], r["statuses"])]
                values += [""] * (width - len(values))
                legend = legend or any(st != "read" for st in r["statuses"])
                name = r["name"][_lang(lang)]
                label = name if r["found"] else f"{name} {L['missing']}"
                grid.add_row(str(r["line"] or ""), label, *values)
        console.print(grid)
    if legend:
        console.print(L["cell_legend"])
    return out.getvalue()


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _status_text(doc: Document, key: str, table: dict, L: dict, lang: str) -> str:
    """``读取状态：部分读取（原因…）`` for the table's title line."""
    text = f"{L['status']}: {L['status_' + table['status']]}"
    reason = table.get("status_reason")
    if reason:
        from reportlint.document.tables import read_reason

        text += f" ({read_reason(reason, table.get('status_params') or {}, lang)})"
    return text


def _cell(v, status: str = "read", L: dict | None = None) -> str:
    if status == "unreadable":
        return "?"
    if status == "missing":
        return (L or LABELS["zh"])["missing"]
    if v is None:
        return "·"
    return f"{v}*" if status == "recovered" else str(v)


def render_parse(doc: Document, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(parse_json(doc), ensure_ascii=False, indent=2) + "\n"
    return parse_text(doc, lang)
