"""What an audit office needs per report and per batch, as data the formatters render.

A :class:`ReportRecord` describes one file of a run — checked or not, clean or not: the
agency and its kind, the year, the format and table layouts, the publication date
against its deadline, the counts of findings, the share copied from last year. The
engine fills the part that one file decides (``run/engine.py``); the audit after the run
(``reportlint.audit``) adds what only the batch decides — the roster entry the file
matches, the near-duplicate reports of other agencies, the score.

An :class:`AuditSummary` is what the batch as a whole found: the records, the roster's
coverage (agencies without a report, with two, …), the near-duplicate pairs, the
hierarchy checks, the scoring profile used. Every formatter receives it at the end of a
run (``render(..., audit=…)``, ``sink.finish(audit)``).

Everything here is plain data (str, int, float, bytes, lists and dicts of them, and
:class:`~reportlint.core.i18n.Text` for messages), so records can be cached as JSON
with a file's result and cross process boundaries. A batch of 10,000 reports keeps
10,000 records in one process, so a record is kept small: its narrative signature is
packed in bytes (:func:`packed_signature`), and the run shares one object among
records for equal strings and equal small dicts (``reportlint.run.records.Compactor``)
— a record's dicts are replaced, never changed in place.
"""

from __future__ import annotations

from dataclasses import field

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass

# ReportRecord.status
CHECKED = "checked"
NOT_A_REPORT = "not-a-report"  # screened out (RL003): a notice, a README, a list page
UNREADABLE = "unreadable"  # the file could not be read or checked (the reason says why)
STATUSES = (CHECKED, NOT_A_REPORT, UNREADABLE)

# ReportRecord.agency_kind (as Meta.kind)
AGENCY_KINDS = ("department", "government", "township")


@dataclass(eq=False)
class Deduction:
    """One item of a scoring profile that took points off a report."""

    item: str  # the profile item's id
    label: Text  # the item's name as the profile states it
    points: float  # points deducted (positive)
    reason: Text  # why: the rule codes, the late days, the copied share …


@dataclass(eq=False)
class ReportRecord:
    """One file of a run, as a row of an audit."""

    path: str
    status: str = CHECKED  # one of STATUSES
    reason: Text | None = None  # why the file is not a report or could not be read
    format: str | None = None  # the reader's kind: text, markdown, html, docx, doc, pdf, …
    agency: str | None = None  # as the report names itself (Meta.agency)
    agency_kind: str | None = None  # one of AGENCY_KINDS, or None when not known
    year: int | None = None  # the year reported on
    # table key ("table1" … "table4") → the layout read: "2021", "2019", "2008", "unknown"
    layouts: dict[str, str] = field(default_factory=dict)
    published_on: str | None = None  # ISO date: the signature date, else the page's date
    date_source: str | None = None  # "signature" | "page"
    due_on: str | None = None  # ISO date: the deadline for this agency's kind and year
    late_days: int | None = None  # days after due_on (0 or None: on time / not known)
    counts: dict[str, int] = field(default_factory=dict)  # severity value → findings
    categories: dict[str, int] = field(default_factory=dict)  # rule category → findings
    rules: dict[str, int] = field(default_factory=dict)  # rule code → findings (scoring deducts by rule)
    # Share (0..1) of this year's narrative repeated from last year's report of the same
    # agency, in total and per section key; None when last year's report was not found.
    copied_from_last_year: float | None = None
    copied_sections: dict[str, float] = field(default_factory=dict)
    last_year_path: str | None = None  # the report those shares compare with
    # MinHash signature of the narrative (reportlint.audit.near_duplicates), for the
    # batch's near-duplicate search, packed (packed_signature); not shown.
    signature: bytes | None = None
    # The table figures a hierarchy check may compare (rules/hierarchy.yaml ``figures``):
    # figure name ("table3.new.total") → value, for the cells read as numbers only.
    figures: dict[str, float] = field(default_factory=dict)
    # -- filled by the audit after the run ------------------------------------------------
    roster_name: str | None = None  # the roster entry this report was matched to
    parent: str | None = None  # the roster entry's parent (grouping in the HTML report)
    region: str | None = None  # the roster entry's region, when the roster gives one
    score: float | None = None  # under AuditSummary.profile
    max_score: float | None = None
    deductions: list[Deduction] = field(default_factory=list)


# A packed signature ends with the size of the narrative's shingle set in these bytes.
SIGNATURE_SIZE_BYTES = 4


def packed_signature(values: list[int]) -> bytes:
    """A narrative signature (``analysis.copied_text.narrative_signature``: its bins,
    each a byte, then the size of the shingle set) as a record keeps it: the bins a byte
    each, then the size in :data:`SIGNATURE_SIZE_BYTES` little-endian bytes — some 160
    bytes in memory, where a list of 129 ints takes 1,100."""
    *bins, size = values
    return bytes(bins) + min(size, (1 << 8 * SIGNATURE_SIZE_BYTES) - 1).to_bytes(SIGNATURE_SIZE_BYTES, "little")


def signature_bins(signature: bytes) -> bytes:
    """The bins of a :func:`packed_signature`, a byte each."""
    return signature[:-SIGNATURE_SIZE_BYTES]


def signature_size(signature: bytes) -> int:
    """The size of the shingle set a :func:`packed_signature` was made from."""
    return int.from_bytes(signature[-SIGNATURE_SIZE_BYTES:], "little")


@dataclass(eq=False)
class RosterEntry:
    """An agency the office expects a report from (a row of ``--roster``)."""

    name: str
    kind: str | None = None  # one of AGENCY_KINDS
    parent: str | None = None  # the roster name of the body whose report summarises this one
    region: str | None = None
    pattern: str | None = None  # expected file pattern (glob), when given
    line: int = 0  # the roster file's line, for messages
    # -- filled by the scoring for an agency in Coverage.missing (no report to score):
    # 0 of the profile's maximum, the deductions saying why (reportlint.audit.scoring)
    score: float | None = None
    max_score: float | None = None
    deductions: list[Deduction] = field(default_factory=list)


@dataclass(eq=False)
class Coverage:
    """The roster against the batch."""

    roster_path: str
    year: int | None  # the year checked for (most records' year, or --year)
    missing: list[RosterEntry] = field(default_factory=list)  # no report for the year
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # roster name → its paths (2+)
    other_year: list[tuple[str, int]] = field(default_factory=list)  # (path, the year it reports on)
    other_agency: list[tuple[str, str]] = field(default_factory=list)  # (path, agency it names): not on the roster
    unnamed: list[str] = field(default_factory=list)  # paths whose agency could not be read
    # path → the roster names its agency could be (a short name such as `区科技局`
    # fitting several entries, no file pattern telling them apart): matched to none
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


@dataclass(eq=False)
class NearDuplicate:
    """Two reports of different agencies whose narratives are mostly the same."""

    path_a: str
    path_b: str
    agency_a: str | None
    agency_b: str | None
    share: float  # estimated share (0..1) of narrative text the two have in common


@dataclass(eq=False)
class HierarchyCheck:
    """A government's figure against the sum of the bodies it summarises."""

    parent_path: str
    figure: str  # e.g. "table3.row1.total"
    parent_value: float
    children_sum: float
    children: list[str] = field(default_factory=list)  # paths summed
    missing_children: list[str] = field(default_factory=list)  # roster names without a report
    unread_children: list[str] = field(default_factory=list)  # paths whose figure could not be read
    parent_agency: str | None = None  # the parent's roster name
    mode: str = "at-least"  # "at-least" | "equal" (rules/hierarchy.yaml ``modes``)
    message: Text | None = None


@dataclass(eq=False)
class AuditSummary:
    """What a run found across its files (see the module docstring)."""

    records: list[ReportRecord] = field(default_factory=list)
    coverage: Coverage | None = None
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    hierarchy: list[HierarchyCheck] = field(default_factory=list)
    profile: str | None = None  # scoring profile name, when scores were given
    profile_label: Text | None = None
