"""The per-file part of an audit: one :class:`~reportlint.core.records.ReportRecord`
per file of a run, checked or not.

:func:`record_for` describes a file that was read (a report, or a file screened out as
not a report); :func:`unreadable_record` one that could not be read or checked, from
its error alone. :func:`ensure_record` gives every result a record, whoever made it
(the engine, a batch worker that timed out, discovery's "not checked" paths), and
:func:`recount` makes a record's counts those of the findings finally reported (after
``--baseline`` filtered them, in cli).

The record's dates agree with RL607–RL609 because they come from the same helpers
(:mod:`reportlint.analysis.years`: ``effective_year``, ``issued_on``, ``deadline``);
its table layouts are the ones the Document read (``Table.layout``, as RL201 names
them). The share copied from last year is given only when last year's report was
resolved for this file — that is, when a cross-year rule ran (the engine attaches it
as ``doc.previous``); the result cache keys on that pairing, so a cached record never
holds a stale share.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reportlint.core.diagnostics import Diagnostic
from reportlint.core.i18n import Text
from reportlint.core.records import CHECKED, NOT_A_REPORT, UNREADABLE, ReportRecord, packed_signature

if TYPE_CHECKING:
    from reportlint.core.results import FileResult
    from reportlint.document.extracted import Extracted
    from reportlint.document.model import Document


def record_for(
    doc: Document,
    diagnostics: list[Diagnostic],
    path: str,
    extracted: Extracted | None = None,
    *,
    screened: bool = False,
) -> ReportRecord:
    """The record of a file that was read into ``doc`` and checked, with its final
    ``diagnostics``. ``screened``: a ``screens_document`` rule (RL003) found it is not a
    report; its note is the reason."""
    from reportlint.analysis.years import deadline, effective_year, issued_on
    from reportlint.document.meta import agency_kind

    meta = doc.meta
    record = ReportRecord(path=path, format=(extracted or doc.extracted).kind)
    record.agency = _fullest_agency(doc)
    record.agency_kind = meta.kind if meta.kind is not None or record.agency is None else agency_kind(record.agency)
    record.year = effective_year(doc)
    if screened:
        record.status = NOT_A_REPORT
        record.reason = diagnostics[0].message if diagnostics else None
    record.layouts = {key: table.layout for key, table in doc.tables.items() if table is not None}
    issued = issued_on(doc)
    if issued is not None:
        when, source = issued
        record.published_on = when.value.isoformat()
        record.date_source = source
    due = deadline(doc)
    if due is not None:
        record.due_on = due[0].isoformat()
        if issued is not None and record.year is not None:
            when = issued[0].value
            # As RL609: late is after the deadline and in a year after the report year
            # (a date inside the report year is RL608's wrong date, not a late one).
            late = (when - due[0]).days if when > due[0] and when.year > record.year else 0
            record.late_days = late
    recount(record, diagnostics)
    if not screened:
        _copied_text(record, doc)
        record.figures = figures_of(doc)
    return record


@lru_cache(maxsize=1)
def recorded_figures() -> dict[str, tuple[str, str, str]]:
    """Figure name (``table3.new.total``) → (table, row, column) keys of the cells every
    record carries for the hierarchy checks (``rules/hierarchy.yaml`` ``figures``)."""
    from reportlint.core import ruledata

    out = {}
    for f in ruledata.load("hierarchy")["figures"]:
        table, row, column = str(f["table"]), str(f["row"]), str(f["column"])
        out[f"{table}.{row}.{column}"] = (table, row, column)
    return out


def figures_of(doc: Document) -> dict[str, float]:
    """The recorded figures (:func:`recorded_figures`) of ``doc``'s tables that were
    read as numbers (a blank, a guess or an unreadable cell gives none)."""
    out: dict[str, float] = {}
    for name, (table_key, row_key, column) in recorded_figures().items():
        table = doc.tables.get(table_key)
        row = table.row(row_key) if table is not None and table.readable else None
        cell = row.cell(column) if row is not None else None
        if cell is not None and cell.usable:
            out[name] = float(cell.number)
    return out


def _fullest_agency(doc: Document) -> str | None:
    """The report's own name for its agency, in the fullest form the report gives it:
    ``台儿庄区科技局`` of the signature for ``区科技局`` of the title, ``宿迁市人民政府`` for
    a title naming the place only (``analysis.agency_names.own_names``: its canonical
    name). A roster then tells apart two districts' ``区科技局``. Any other name (the
    signature of the office that compiled its government's report) leaves the report's
    own."""
    from reportlint.analysis.agency_names import own_names, relation, squeeze
    from reportlint.document.meta import agency_kind

    name = doc.meta.agency
    fuller = own_names(doc).canonical if name else None
    if not name or not fuller:
        return name
    how = relation(name, fuller)
    # Only the same name with its place before it: `淮安市洪泽区人民政府办公室` of the
    # signature is the office that wrote `洪泽区人民政府`'s report, not a fuller form.
    if how == "shorter" and squeeze(fuller).endswith(squeeze(name)):
        return fuller
    # A title naming the place only (`宿迁市`), its government signing (not an office of it).
    if how == "parent" and agency_kind(name) is None and agency_kind(fuller) == "government":
        return fuller
    return name


def _copied_text(record: ReportRecord, doc: Document) -> None:
    """The narrative signature (for the batch's near-duplicate search) and the share
    repeated from last year's report, when a cross-year rule had it compared."""
    from reportlint.analysis.copied_text import narrative_signature, repeated_from_last_year

    signature = narrative_signature(doc)
    record.signature = packed_signature(signature) if signature is not None else None
    previous = doc.previous
    if previous is not None:
        found = repeated_from_last_year(doc, previous)
        if found is not None:
            record.copied_from_last_year, record.copied_sections = found[0], dict(found[1])
            record.last_year_path = previous.path


def unreadable_record(path: str, reason: Text | None, format: str | None = None) -> ReportRecord:
    """The record of a file that could not be read or checked."""
    return ReportRecord(path=path, status=UNREADABLE, reason=reason, format=format)


def ensure_record(result: FileResult) -> ReportRecord:
    """``result.record``, made from the result when whoever made the result gave none
    (an error result of a batch worker, a path discovery could not check). A result
    with an error is always ``unreadable``, whatever record it had."""
    record = result.record
    if result.error is not None:
        if record is None or record.status != UNREADABLE:
            record = unreadable_record(result.path, result.error.message, result.kind)
    elif record is None:
        # A result without a record and without an error: made by hand (tests, the API).
        record = ReportRecord(path=result.path, status=CHECKED, format=result.kind)
        recount(record, result.diagnostics)
    record.path = result.path
    result.record = record
    return record


def recount(record: ReportRecord, diagnostics: Iterable[Diagnostic]) -> None:
    """Counts by severity, category and rule of the findings reported."""
    severities: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for d in diagnostics:
        severities[d.severity.value] += 1
        categories[d.category] += 1
        rules[d.code] += 1
    record.counts = dict(severities)
    record.categories = dict(categories)
    record.rules = dict(rules)


# The fields a Compactor shares: strings that repeat across a batch, and small dicts of
# strings and ints (a report's layouts, its counts of findings) that many reports have
# alike, in the same order (the order is the output's). Not the float maps: 1 == 1.0,
# and a figure written `1.0` must not become `1`.
_SHARED_STRINGS = ("status", "format", "agency", "agency_kind", "published_on", "date_source", "due_on")
_SHARED_MAPS = ("layouts", "counts", "categories", "rules")
# Distinct dicts a Compactor keeps for sharing, per field: beyond it, a dict is kept as it is.
MAX_SHARED_MAPS = 4096


class Compactor:
    """Makes the records a run keeps (one per file, for the audit and the formatters
    at the end) share one object for equal strings and equal small dicts: a record
    unpickled from a worker or read from the cache has its own copy of ``"checked"``,
    of its agency's name, of ``{"table2": "2021", …}``, and ten thousand of them add
    up. The dicts shared are never changed in place (records are replaced whole:
    :func:`recount`). One per run: what it keeps lives as long as the run's records."""

    def __init__(self) -> None:
        self._maps: dict[str, dict[tuple, dict]] = {name: {} for name in _SHARED_MAPS}

    def __call__(self, record: ReportRecord) -> ReportRecord:
        intern = sys.intern
        for name in _SHARED_STRINGS:
            string = getattr(record, name)
            if type(string) is str:
                setattr(record, name, intern(string))
        for name in _SHARED_MAPS:
            value: Any = getattr(record, name)
            if type(value) is not dict:
                continue
            key = tuple(value.items())
            known = self._maps[name]
            shared = known.get(key)
            if shared is None:
                if len(known) >= MAX_SHARED_MAPS:
                    continue
                shared = known[key] = {intern(k): intern(v) if type(v) is str else v for k, v in value.items()}
            setattr(record, name, shared)
        return record
