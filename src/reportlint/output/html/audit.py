"""The audit on the page after the report list: the roster's coverage and the
near-duplicate pairs (the records themselves are the list's data: :mod:`.listing`).

Every value is escaped (:func:`~reportlint.output.html.labels.h`): agency names and
paths come from the reports.
"""

from __future__ import annotations

from reportlint.core.records import AuditSummary
from reportlint.output.html.labels import h, text


def audit_sections(audit: AuditSummary, lang: str) -> str:
    """The coverage and near-duplicate sections ("" when the run had neither)."""
    out = []
    cov = audit.coverage
    if cov is not None:
        year = text("coverage_year", lang, y=cov.year) if cov.year is not None else text("coverage_any_year", lang)
        out.append(f'<h2 id="coverage">{h(text("nav_coverage", lang))}</h2>\n<div class="panel">')
        out.append(f"<p>{h(text('coverage_intro', lang, roster=cov.roster_path, year=year))}</p>")
        blocks = [
            ("coverage_missing", [h(e.name) for e in cov.missing]),
            (
                "coverage_duplicates",
                [f"{h(name)}：{'、'.join(h(p) for p in paths)}" for name, paths in cov.duplicates.items()],
            ),
            ("coverage_other_year", [f"{h(path)}（{h(year)}）" for path, year in cov.other_year]),
            ("coverage_other_agency", [f"{h(path)}（{h(agency)}）" for path, agency in cov.other_agency]),
            ("coverage_unnamed", [h(path) for path in cov.unnamed]),
            (
                "coverage_ambiguous",
                [f"{h(path)}：{'、'.join(h(n) for n in names)}" for path, names in cov.ambiguous.items()],
            ),
        ]
        shown = False
        for key, items in blocks:
            if items:
                shown = True
                out.append(f'<h3 class="next">{h(text(key, lang, n=len(items)))}</h3><ul>')
                out.extend(f"<li>{item}</li>" for item in items)
                out.append("</ul>")
        if not shown:
            out.append(f"<p>{h(text('coverage_ok', lang))}</p>")
        out.append("</div>\n")
    if audit.near_duplicates:
        out.append(f'<h2 id="near-duplicates">{h(text("nav_near_duplicates", lang))}</h2>\n<div class="panel"><ul>')
        for p in audit.near_duplicates:
            a = h(p.path_a) + (f"（{h(p.agency_a)}）" if p.agency_a else "")
            b = h(p.path_b) + (f"（{h(p.agency_b)}）" if p.agency_b else "")
            share = h(text("near_duplicate_share", lang, p=round(p.share * 100)))
            out.append(f"<li>{a} ↔ {b}：{share}</li>")
        out.append("</ul></div>\n")
    if audit.hierarchy:  # --hierarchy (reportlint.audit.hierarchy): parents below their children's sum
        from reportlint.core.i18n import T

        title = T("上级报告与下级报告之和不符（{n} 处）", "Parent reports against their bodies' sum ({n})")
        out.append(
            f'<h2 id="hierarchy">{h(title.format(n=len(audit.hierarchy)).get(lang))}</h2>\n<div class="panel"><ul>'
        )
        for c in audit.hierarchy:
            message = c.message.get(lang) if c.message is not None else c.figure
            children = "、".join(h(p) for p in c.children)
            out.append(f"<li>{h(c.parent_path)}：{h(message)}<br><small>{children}</small></li>")
        out.append("</ul></div>\n")
    return "".join(out)
