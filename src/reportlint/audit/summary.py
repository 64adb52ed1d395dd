"""What the batch as a whole found: the :class:`~reportlint.core.records.AuditSummary`
every formatter receives at the end of a run.

:func:`build_summary` takes the records of every file of the run (one each, checked or
not: :mod:`reportlint.run.records`) and, in this order,

1. with a roster (``--roster``): reads it and matches the records against it
   (:mod:`reportlint.audit.roster`: coverage; fills each record's roster name, parent,
   region); then, with ``hierarchy`` (``--hierarchy``), compares each parent's report
   with its children's (:mod:`reportlint.audit.hierarchy`);
2. searches the batch for near-duplicate reports of different agencies, from the
   narrative signatures on the records (:mod:`reportlint.audit.near_duplicates`);
3. with a scoring profile (``--scoring`` or ``scoring:``): scores every record
   (:mod:`reportlint.audit.scoring`), last, because a profile may deduct for coverage
   and copies.

Each step's module is imported only when its step has something to do: a run without a
roster, signatures or profile costs nothing here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reportlint.core.records import AuditSummary, ReportRecord


def build_summary(
    records: Iterable[ReportRecord],
    *,
    roster_path: str | None = None,
    profile: str | None = None,
    year: int | None = None,
    near_duplicate_threshold: float | None = None,
    hierarchy: tuple[list[str] | None, str | None] | None = None,
    near_duplicates: bool = True,
) -> AuditSummary:
    """The summary of a run over ``records`` (see the module doc).

    ``roster_path``: the roster file (``--roster``); ``profile``: a scoring profile's
    name or path; ``year``: the year coverage is checked for (default: the year most
    records report on); ``near_duplicate_threshold``: the share from which two reports
    are near duplicates (default: the near-duplicate module's); ``hierarchy``: with a
    roster, check parents against children — (figures, mode), None for the defaults of
    ``rules/hierarchy.yaml``; ``None`` itself: no check. ``near_duplicates=False``: no
    search for near duplicates (the output shows none and no scoring profile is used)."""
    summary = AuditSummary(records=list(records))
    if roster_path is not None:
        from reportlint.audit import roster

        entries = roster.read_roster(roster_path)
        summary.coverage = roster.coverage(summary.records, entries, roster_path, year or batch_year(summary.records))
        if hierarchy is not None:
            from reportlint.audit import hierarchy as hierarchy_checks

            summary.hierarchy = hierarchy_checks.check(summary.records, entries, *hierarchy)
    if (near_duplicates or profile is not None) and any(r.signature for r in summary.records):
        from reportlint.audit import near_duplicates as search

        threshold = search.DEFAULT_THRESHOLD if near_duplicate_threshold is None else near_duplicate_threshold
        summary.near_duplicates = search.find_pairs(summary.records, threshold)
    if profile is not None:
        from reportlint.audit import scoring

        scoring.apply(summary, scoring.load_profile(profile))  # sets summary.profile and profile_label
    return summary


def batch_year(records: Iterable[ReportRecord]) -> int | None:
    """The year most checked records report on (the latest of equally common ones)."""
    years = Counter(r.year for r in records if r.year is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))
