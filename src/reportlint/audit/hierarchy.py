"""Hierarchy checks (``--hierarchy``): a government's own report against the reports of
the bodies it summarises.

Which bodies a report summarises is the office's word, not a guess: the roster's parent
column (``--roster``; :mod:`reportlint.audit.roster`) names, for each agency, the roster
entry whose report sums it up. Without a roster there is nothing to compare, so the CLI
refuses ``--hierarchy`` alone.

For each roster entry that is some entry's parent and has a checked report, every
compared figure (``hierarchy: {figures: [...]}`` in the configuration, by default
``rules/hierarchy.yaml`` ``default``: table 三 row 一, 本年新收政府信息公开申请数量, total
column) of the parent's report is set against the sum of the same figure over its
children's reports **of the parent's year** (a child's report of another year, or of no
stated year, is not summed: that child is listed as missing for the year). Modes
(``hierarchy: {mode: ...}``):

- ``at-least`` (default): the parent's figure is below the children's sum → a warning;
- ``equal``: the parent's figure differs from the sum → a warning; a parent above the
  sum of the children found is not judged while children are missing or unread (their
  figures could make up the difference).

A warning (:class:`~reportlint.core.records.HierarchyCheck`) carries both sides'
figures, the children's reports summed, the children without a report (roster names)
and the children whose figure could not be read (paths). A parent with no figure of its
own read is not checked. When an agency has two reports of the year (the coverage lists
it as a duplicate), the first by path is the one summed or checked.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from reportlint.analysis.agency_names import squeeze
from reportlint.core import ruledata
from reportlint.core.errors import UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.records import CHECKED, HierarchyCheck, ReportRecord, RosterEntry
from reportlint.run.records import recorded_figures

AT_LEAST = "at-least"
EQUAL = "equal"


@lru_cache(maxsize=1)
def _data() -> dict:
    return ruledata.load("hierarchy")


def default_figures() -> list[str]:
    """The figures compared when the configuration names none."""
    return [str(f) for f in _data()["default"]]


def default_mode() -> str:
    return str(_data()["default_mode"])


def figure_name(figure: str, layout: str | None = None) -> Text:
    """How messages name a figure: the table cell's name (``表三“一、本年新收…”行“总计”列``)."""
    from reportlint.document.table_vocabulary import cell_name

    table, row, column = recorded_figures()[figure]
    return cell_name(table, row, column, layout)


def require_parents(entries: list[RosterEntry], roster_path: str) -> None:
    """A :class:`UsageError` when no roster entry names a parent the roster lists:
    ``--hierarchy`` would have nothing to compare."""
    named = [e for e in entries if e.parent]
    if named and not _parent_of(entries):
        first = named[0]
        raise UsageError(
            T(
                f"--hierarchy：“上级”列所填的单位都不在名单中（如第 {first.line} 行的“{first.parent}”）；"
                "上级应写其在名单“单位名称”列中的名称",
                f"--hierarchy: no parent the roster names is on the roster (such as '{first.parent}' on line "
                f"{first.line}); write a parent as the roster's name column lists it",
            ),
            path=roster_path,
            line=first.line,
        )
    if not named:
        raise UsageError(
            T(
                "--hierarchy：名单没有填写“上级”列，无法得知哪些单位的报告由哪一级汇总；"
                "请在名单中增加“上级”列（填上级单位在名单中的名称）",
                "--hierarchy: the roster names no parent, so which reports a government's report "
                "summarises is not known; add a parent column (the parent's name as the roster lists it)",
            ),
            path=roster_path,
        )


def _parent_of(entries: list[RosterEntry]) -> dict[str, RosterEntry]:
    """Child roster name → its parent's roster entry (the parent column names an entry
    by its roster name, compared as the roster compares names: spaces removed)."""
    by_name = {e.name: e for e in entries}
    out = {}
    for e in entries:
        if e.parent:
            parent = by_name.get(squeeze(e.parent))
            if parent is not None and parent is not e:
                out[e.name] = parent
    return out


def check(
    records: list[ReportRecord],
    entries: list[RosterEntry],
    figures: list[str] | None = None,
    mode: str | None = None,
) -> list[HierarchyCheck]:
    """The hierarchy warnings of the batch (see the module doc). ``records`` must have
    been matched to ``entries`` (:func:`reportlint.audit.roster.coverage` fills their
    roster names)."""
    figures = figures or default_figures()
    mode = mode or default_mode()
    parent_of = _parent_of(entries)
    children: dict[str, list[RosterEntry]] = defaultdict(list)
    for e in entries:
        parent = parent_of.get(e.name)
        if parent is not None:
            children[parent.name].append(e)
    reports: dict[str, list[ReportRecord]] = defaultdict(list)
    for r in sorted(records, key=lambda r: r.path):
        if r.status == CHECKED and r.roster_name is not None:
            reports[r.roster_name].append(r)
    found: list[HierarchyCheck] = []
    for e in entries:
        if e.name not in children or not reports.get(e.name):
            continue
        parent_report = reports[e.name][0]
        year = parent_report.year
        summed: list[ReportRecord] = []
        missing: list[str] = []
        for child in children[e.name]:
            of_year = [r for r in reports.get(child.name, ()) if r.year is not None and r.year == year]
            if of_year:
                summed.append(of_year[0])
            else:
                missing.append(child.name)
        for figure in figures:
            problem = _compare(parent_report, e.name, figure, mode, summed, missing)
            if problem is not None:
                found.append(problem)
    return found


def _compare(
    parent: ReportRecord,
    parent_name: str,
    figure: str,
    mode: str,
    summed: list[ReportRecord],
    missing: list[str],
) -> HierarchyCheck | None:
    value = parent.figures.get(figure)
    if value is None:
        return None
    read = [r for r in summed if figure in r.figures]
    unread = [r.path for r in summed if figure not in r.figures]
    if not read:
        return None
    total = sum(r.figures[figure] for r in read)
    below = value < total
    incomplete = bool(missing or unread)
    if mode == EQUAL:
        bad = below or (value != total and not incomplete)
    else:
        bad = below
    if not bad:
        return None
    return HierarchyCheck(
        parent_path=parent.path,
        figure=figure,
        parent_value=value,
        children_sum=total,
        children=[r.path for r in read],
        missing_children=missing,
        unread_children=unread,
        parent_agency=parent_name,
        mode=mode,
        message=_message(parent, parent_name, figure, mode, value, total, len(read), missing, unread),
    )


def _number(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _message(
    parent: ReportRecord,
    parent_name: str,
    figure: str,
    mode: str,
    value: float,
    total: float,
    n: int,
    missing: list[str],
    unread: list[str],
) -> Text:
    cell = figure_name(figure, parent.layouts.get(recorded_figures()[figure][0]))
    v, t = _number(value), _number(total)
    if value < total:
        zh = f"{parent_name}的{cell.zh}为 {v}，小于所汇总的 {n} 个下级单位之和 {t}"
        en = f"{parent_name}: {cell.en} is {v}, below the sum {t} of the {n} bodies it summarises"
    else:
        zh = f"{parent_name}的{cell.zh}为 {v}，与所汇总的 {n} 个下级单位之和 {t} 不相等"
        en = f"{parent_name}: {cell.en} is {v}, not equal to the sum {t} of the {n} bodies it summarises"
    if missing:
        zh += f"；未找到本年度报告的下级单位：{'、'.join(missing)}"
        en += f"; bodies without a report for the year: {', '.join(missing)}"
    if unread:
        zh += f"；{len(unread)} 份下级报告中该数字无法读取，未计入"
        en += f"; the figure could not be read in {len(unread)} of the children's reports (not summed)"
    return Text(zh, en)
