"""The audit in the ``text`` formatter: the table of records (``--show-records``), the
roster's coverage and the near-duplicate pairs, after the findings.

Nothing here is shown for a plain check of one file (what agency staff and pre-commit
see): the records table only when asked for, coverage only with a roster, pairs only
when some were found. Lines are returned as ``(text, style)`` for the text formatter to
render (plain or coloured)::

    报告概况（3 份）
    文件                   机关              类别  年度  状态      日期        期限        逾期  错误  警告  提示
    reports/a.txt          昌吉州科学技术局  部门  2021  已检查    2022-01-18  2022-01-31  -     1     2     0
    reports/bad.docx       -                 -     -     无法读取  -           -           -     0     0     0
"""

from __future__ import annotations

import unicodedata

from reportlint.core.i18n import T, Text
from reportlint.core.records import CHECKED, NOT_A_REPORT, UNREADABLE, AuditSummary, ReportRecord, RosterEntry
from reportlint.output import terminal_safe

StyledLine = tuple[str, str]

STATUS_LABELS = {
    CHECKED: T("已检查", "checked"),
    NOT_A_REPORT: T("非年报", "not a report"),
    UNREADABLE: T("无法读取", "unreadable"),
}
KIND_LABELS = {
    "department": T("部门", "department"),
    "government": T("政府", "government"),
    "township": T("乡镇街道", "township"),
}
_COLUMNS = (
    T("文件", "file"),
    T("机关", "agency"),
    T("类别", "kind"),
    T("年度", "year"),
    T("状态", "status"),
    T("日期", "date"),
    T("期限", "due"),
    T("逾期天数", "days late"),
    T("错误", "errors"),
    T("警告", "warnings"),
    T("提示", "info"),
)
_SCORE = T("得分", "score")
_RECORDS_HEADER = T("报告概况（{n} 份）", "Reports ({n})")
_COVERAGE_HEADER = T("名单核对（{roster}，{year}）", "Roster coverage ({roster}, {year})")
_ANY_YEAR = T("年度不限", "any year")
_YEAR = T("{y}年度", "year {y}")
_MISSING = T("没有报告的机关（{n} 个）：", "agencies without a report ({n}):")
_DUPLICATES = T("有多份报告的机关（{n} 个）：", "agencies with more than one report ({n}):")
_OTHER_YEAR = T("年度不符的报告（{n} 份）：", "reports for another year ({n}):")
_OTHER_AGENCY = T("名单外机关的报告（{n} 份）：", "reports of agencies not on the roster ({n}):")
_UNNAMED = T("无法识别机关的报告（{n} 份）：", "reports whose agency could not be read ({n}):")
_AMBIGUOUS = T(
    "机关名称可对应名单上多个机关的报告（{n} 份；可在名单“文件”列写明文件名）：",
    "reports whose agency name fits several roster entries ({n}; give their files in the roster's pattern column):",
)
_COVERAGE_OK = T(
    "名单上的机关均有且只有一份本年度报告", "every agency on the roster has exactly one report for the year"
)
_PAIRS_HEADER = T("疑似雷同的报告（{n} 对）", "Near-duplicate reports ({n} pairs)")
_PAIR = T("{a} ↔ {b}：约 {share}% 内容相同", "{a} ↔ {b}: about {share}% in common")
_NONE = "-"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _clean(text: str | None) -> str:
    return terminal_safe(text) if text else _NONE


def _named(path: str, agency: str | None) -> str:
    return f"{terminal_safe(path)}（{terminal_safe(agency)}）" if agency else terminal_safe(path)


def audit_lines(audit: AuditSummary | None, lang: str, show_records: bool) -> list[StyledLine]:
    """The audit's sections (see the module doc); ``[]`` when there is nothing to show."""
    if audit is None:
        return []
    sections: list[list[StyledLine]] = []
    if show_records and audit.records:
        sections.append(_records(audit.records, lang))
    if audit.coverage is not None:
        sections.append(_coverage(audit, lang))
    if audit.near_duplicates:
        sections.append(_pairs(audit, lang))
    if audit.hierarchy:
        sections.append(_hierarchy(audit, lang))
    lines: list[StyledLine] = []
    for section in sections:
        if lines:
            lines.append(("", ""))
        lines.extend(section)
    return lines


def _late(record: ReportRecord) -> str:
    return str(record.late_days) if record.late_days else _NONE


def _records(records: list[ReportRecord], lang: str) -> list[StyledLine]:
    scored = any(r.score is not None for r in records)
    header = [c.get(lang) for c in _COLUMNS] + ([_SCORE.get(lang)] if scored else [])
    rows = []
    for r in sorted(records, key=lambda r: r.path):
        kind = KIND_LABELS.get(r.agency_kind or "")
        row = [
            terminal_safe(r.path),
            _clean(r.agency),
            kind.get(lang) if kind else _NONE,
            str(r.year) if r.year is not None else _NONE,
            STATUS_LABELS[r.status].get(lang) if r.status in STATUS_LABELS else r.status,
            r.published_on or _NONE,
            r.due_on or _NONE,
            _late(r),
            str(r.counts.get("error", 0)),
            str(r.counts.get("warning", 0)),
            str(r.counts.get("info", 0)),
        ]
        if scored:
            row.append(_NONE if r.score is None else f"{r.score:g}/{r.max_score:g}" if r.max_score else f"{r.score:g}")
        rows.append(row)
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def joined(row: list[str]) -> str:
        return "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip()

    out: list[StyledLine] = [(_RECORDS_HEADER.get(lang).format(n=len(records)), "bold"), (joined(header), "bold")]
    for r, row in zip(sorted(records, key=lambda r: r.path), rows, strict=True):
        style = "red" if r.status == UNREADABLE else ("yellow" if r.late_days else "")
        out.append((joined(row), style))
    return out


def _coverage(audit: AuditSummary, lang: str) -> list[StyledLine]:
    cov = audit.coverage
    assert cov is not None
    year = _YEAR.format(y=cov.year).get(lang) if cov.year is not None else _ANY_YEAR.get(lang)
    out: list[StyledLine] = [
        (_COVERAGE_HEADER.format(roster=terminal_safe(cov.roster_path), year=year).get(lang), "bold")
    ]

    def block(title: Text, items: list[str], style: str) -> None:
        if items:
            out.append((title.format(n=len(items)).get(lang), style))
            out.extend((f"  {item}", "") for item in items)

    block(_MISSING, [_missing(e, lang) for e in cov.missing], "bold red")
    block(
        _DUPLICATES,
        [
            f"{terminal_safe(name)}：{'、'.join(terminal_safe(p) for p in paths)}"
            for name, paths in cov.duplicates.items()
        ],
        "bold yellow",
    )
    block(_OTHER_YEAR, [f"{terminal_safe(path)}（{y}）" for path, y in cov.other_year], "bold yellow")
    block(_OTHER_AGENCY, [_named(path, agency) for path, agency in cov.other_agency], "bold yellow")
    block(_UNNAMED, [terminal_safe(path) for path in cov.unnamed], "bold yellow")
    block(
        _AMBIGUOUS,
        [
            f"{terminal_safe(path)}：{'、'.join(terminal_safe(n) for n in names)}"
            for path, names in cov.ambiguous.items()
        ],
        "bold yellow",
    )
    if len(out) == 1:
        out.append((_COVERAGE_OK.get(lang), "green"))
    return out


def _missing(entry: RosterEntry, lang: str) -> str:
    """A roster agency without a report, with its score when a profile gave one (0)."""
    if entry.score is None or not entry.max_score:
        return terminal_safe(entry.name)
    scored = T("（得分 {s}/{m}）", " (score {s}/{m})").format(s=f"{entry.score:g}", m=f"{entry.max_score:g}")
    return terminal_safe(entry.name) + scored.get(lang)


_HIERARCHY_HEADER = T("上级报告与下级报告之和不符（{n} 处）", "Parent reports against the sum of their bodies' ({n})")


def _hierarchy(audit: AuditSummary, lang: str) -> list[StyledLine]:
    out: list[StyledLine] = [(_HIERARCHY_HEADER.format(n=len(audit.hierarchy)).get(lang), "bold")]
    for h in audit.hierarchy:
        message = h.message.get(lang) if h.message is not None else h.figure
        out.append((f"  {terminal_safe(h.parent_path)}: {terminal_safe(message)}", "yellow"))
        for path in h.children:
            out.append((f"    + {terminal_safe(path)}", ""))
    return out


def _pairs(audit: AuditSummary, lang: str) -> list[StyledLine]:
    out: list[StyledLine] = [(_PAIRS_HEADER.format(n=len(audit.near_duplicates)).get(lang), "bold")]
    for p in audit.near_duplicates:
        text = _PAIR.format(a=_named(p.path_a, p.agency_a), b=_named(p.path_b, p.agency_b), share=round(p.share * 100))
        out.append((f"  {text.get(lang)}", "yellow"))
    return out
