"""The audit of a whole batch, after every file is checked: what an office auditing many
agencies needs and no single file decides — the roster's coverage (who has no report,
who has two), near-duplicate reports of different agencies, a government's figures
against the bodies it summarises, and a score per report under a scoring profile.

It works on :class:`~reportlint.core.records.ReportRecord` objects only (small, kept
for every file of a batch), never on Documents, and fills a
:class:`~reportlint.core.records.AuditSummary` for the formatters.

Modules: ``roster`` (``--roster``: reading the roster, coverage), ``near_duplicates``,
``scoring`` (``--scoring``: profiles, scores), and ``summary``, which runs them in order.
"""
