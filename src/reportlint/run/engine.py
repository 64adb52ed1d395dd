"""Check one file: read → Document → rules → suppressions → (fixes).

The engine knows nothing of output formats; it returns a
:class:`~reportlint.core.results.FileResult` per file and never raises for a bad input:
the error is recorded on the result, so the other files are still checked.

It knows no rule by its code either: what a rule needs from it is declared on the rule
class (``needs_previous``, ``checks_suppressions``, ``screens_document``;
:mod:`reportlint.rules.base`). The engine does all the reading — this file and, for the
cross-year rules, last year's report (:mod:`reportlint.run.previous_year`), which it
attaches as ``doc.previous`` — so a rule only ever reads the Document.
"""

from __future__ import annotations

import traceback
from dataclasses import field
from itertools import islice
from typing import TYPE_CHECKING, Any

from reportlint import readers
from reportlint.core.diagnostics import Diagnostic
from reportlint.core.errors import InputError, ReportlintError, memory_limit_error
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.results import FileResult
from reportlint.document.build import build_document
from reportlint.document.model import Document
from reportlint.run import suppress
from reportlint.run.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, memory_capped
from reportlint.run.records import record_for, unreadable_record

if TYPE_CHECKING:  # previous_year is imported only when a cross-year rule runs
    from reportlint.run.previous_year import CandidateMeta, MetaStore, PreviousFinder

# One rule reports at most this many findings per file, then one finding saying the
# rest were left out: a file of a million brackets must cost neither a million
# findings' time nor their memory, and no reviewer reads past the first thousand.
MAX_FINDINGS_PER_RULE = 1000
# With --fix every fixable finding must be collected, or a second --fix would change
# the file again; the per-file time limit still bounds the work.
MAX_FINDINGS_PER_RULE_FIX = 100_000


@dataclass
class LintOptions:
    fix: bool = False
    diff: bool = False  # with fix: show the diff instead of writing
    debug: bool = False
    max_file_size: int | None = None  # CLI override of the config's limit
    previous: str | None = None  # last year's report (--previous); else found next to each file
    collect_tables: bool = False  # put tables 二/三/四 as JSON on the result (HTML audit report)
    diffs: list[str] = field(default_factory=list)  # collected unified diffs (--diff)
    time_limit: float | None = DEFAULT_TIME_LIMIT  # per file; None: no limit
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT  # per file (worker processes); None: no limit
    memory_limit_given: bool = False  # --memory-limit on the command line: isolate every file
    force_report: bool = False  # --force-report: check files that are plainly not reports (RL003)


class Linter:
    def __init__(self, registry, loader, options: LintOptions | None = None):
        self.registry = registry
        self.loader = loader
        self.options = options or LintOptions()
        self._resolved: dict[int, Any] = {}
        self._finder: PreviousFinder | None = None  # made when a cross-year rule first runs
        # Set by a batch (run/batch.py) before the first check: metas kept between runs,
        # and whether the finder logs the metas it learns (for the other worker processes).
        self.meta_store: MetaStore | None = None
        self.log_metas = False
        self._known_metas: list[tuple[str, CandidateMeta | None]] = []  # given before the finder exists
        # Last year's report per `previous` option value, for the one Document being checked.
        self._previous: tuple[Document | None, dict[str, Document | None]] = (None, {})

    # -- configuration ---------------------------------------------------------------
    def settings_for(self, path: str):
        config = self.loader.for_file(path)
        key = id(config)
        if key not in self._resolved:
            self._resolved[key] = config.resolve(self.registry)
        return self._resolved[key]

    def is_excluded(self, path: str) -> bool:
        return self.settings_for(path).is_excluded(path)

    # -- checking ----------------------------------------------------------------------
    def lint_path(self, path: str, data: bytes | None = None, kind: str | None = None) -> FileResult:
        result = FileResult(path=path)
        try:
            settings = self.settings_for(path)
            limit = self.options.max_file_size or settings.max_file_size or readers.DEFAULT_MAX_BYTES
            extracted = readers.read(path, data=data, max_bytes=limit, kind=kind)
            result.kind = extracted.kind
            doc = build_document(extracted, settings.facts)
            # Lines the user sees: for HTML the markup (locations are markup lines).
            result.lines = extracted.source_text.split("\n")
            rules = settings.rules_for(path)
            if not (self.options.force_report or settings.force_report):
                note = _screened_out(doc, rules)
                if note:
                    # A README or a notice among the reports: one note, not a dozen
                    # findings about a "report" that never was one.
                    result.diagnostics = note
                    result.record = record_for(doc, note, path, extracted, screened=True)
                    return result
            # Decided above (or forced, or not selected): they never fire among the others.
            rules = [r for r in rules if not r.screens_document]
            if any(r.needs_previous for r in rules):
                # Resolved here, where a file is being checked: the folder search is allowed.
                found: dict[str, Document | None] = {}
                for r in rules:
                    if r.needs_previous and _previous_key(r) not in found:
                        found[_previous_key(r)] = self._previous_report(doc, r, limit, search_folder=True)
                self._previous = (doc, found)
                self.previous_finder(limit).remember(path, doc)
            result.diagnostics = self.run_rules(doc, rules, extracted)
            self._previous = (None, {})  # last year's Document is not kept past its file
            if self.options.collect_tables:
                from reportlint.document.tables import to_json

                result.tables = to_json(doc)
            if self.options.fix and data is None:
                self._fix(doc, result)
            # After the fixes: the record counts the findings left (doc.previous is the
            # last year's report a cross-year rule compared with, if any).
            result.record = record_for(doc, result.diagnostics, path, extracted)
        except ReportlintError as exc:
            if exc.path is None:
                exc.path = path
            result.error = exc
        except RecursionError:
            result.error = InputError(T("文件结构嵌套过深，无法处理", "file structure is nested too deeply"), path)
        except MemoryError:
            # In a worker process the address space is capped (limits.cap_memory): name the cap.
            result.error = memory_limit_error(path, self.options.memory_limit if memory_capped() else None)
        except Exception as exc:  # an internal error must not hide the other files' results
            detail = traceback.format_exc() if self.options.debug else f"{type(exc).__name__}: {exc}"
            result.error = ReportlintError(
                T(
                    "内部错误（请附上此文件报告问题；加 --debug 查看详情）：{d}",
                    "internal error (please report it with this file; --debug shows details): {d}",
                ).format(d=detail),
                path,
            )
        if result.error is not None:
            result.record = unreadable_record(path, result.error.message, result.kind)
        return result

    def _previous_report(self, doc: Document, rule, limit: int | None, search_folder: bool) -> Document | None:
        """Last year's report for ``rule`` (which declares ``needs_previous``):
        ``--previous``, else the rule's ``previous`` option, else — checking a file,
        ``search_folder`` — a report of the same agency for the year before in the same
        folder. The folder search belongs to checking a file: run_rules on a Document
        built elsewhere (tests, the API) gets only what was named."""
        finder = self.previous_finder(limit)
        if self.options.previous:
            return finder.explicit(self.options.previous, doc)
        option = _previous_key(rule)
        if option:
            return finder.named(option, doc)
        return finder.find(doc) if search_folder else None

    def previous_finder(self, limit: int | None) -> PreviousFinder:
        """One finder for the whole run: it remembers every report it has read."""
        from reportlint.run.previous_year import PreviousFinder

        if self._finder is None:
            facts_for = (lambda p: self.settings_for(p).facts) if self.loader is not None else None
            self._finder = PreviousFinder(facts_for, limit, self.meta_store, self.options.time_limit)
            if self.log_metas:
                self._finder.learned = []
            for key, meta in self._known_metas:
                self._finder.know(key, meta)
            self._known_metas = []
        return self._finder

    def log_learned_metas(self) -> None:
        """Log the metas the finder learns from now on (see :meth:`learned_metas`)."""
        self.log_metas = True
        if self._finder is not None and self._finder.learned is None:
            self._finder.learned = []

    def know_metas(self, metas: list[tuple[str, CandidateMeta | None]]) -> None:
        """Metas of reports another worker process read (see :attr:`PreviousFinder.learned`)."""
        if self._finder is None:
            self._known_metas.extend(metas)
        else:
            for key, meta in metas:
                self._finder.know(key, meta)

    def learned_metas(self) -> list[tuple[str, CandidateMeta | None]]:
        """The metas learned since last asked (with :attr:`log_metas`), for the other workers."""
        if self._finder is None or not self._finder.learned:
            return []
        learned, self._finder.learned = self._finder.learned, []
        return learned

    def run_rules(self, doc: Document, rules: list, extracted) -> list[Diagnostic]:
        diags: list[Diagnostic] = []
        suppression_rules = []
        if self._previous[0] is not doc:
            self._previous = (doc, {})
        previous = self._previous[1]
        for rule in rules:
            if rule.checks_suppressions:
                suppression_rules.append(rule)
                continue
            if rule.applies_to is not None and extracted.kind not in rule.applies_to:
                continue
            if rule.needs_previous:
                key = _previous_key(rule)
                if key not in previous:
                    previous[key] = self._previous_report(doc, rule, None, search_folder=False)
                doc.previous = previous[key]
            cap = MAX_FINDINGS_PER_RULE_FIX if self.options.fix else MAX_FINDINGS_PER_RULE
            found = list(islice(rule.check(doc), cap + 1))
            if len(found) > cap:
                found[cap] = _too_many(found[cap - 1], cap)
            diags.extend(found)
        sup = suppress.parse(extracted.source_text) if extracted.kind in ("text", "markdown", "html") else None
        if sup:
            diags = suppress.filter_diagnostics(diags, sup)
            for rule in suppression_rules:
                diags.extend(rule.check_suppressions(doc, sup.unused()))
        return dedupe(sorted(diags, key=Diagnostic.sort_key))

    def _fix(self, doc: Document, result: FileResult) -> None:
        from reportlint.run import fixer

        extracted = doc.extracted
        if not extracted.editable:
            return
        edits = fixer.collect_edits(result.diagnostics)
        if not edits:
            return
        fixed = fixer.apply_edits(extracted.text, edits)
        if self.options.diff:
            self.options.diffs.append(fixer.unified_diff(result.path, extracted.text, fixed))
            return
        if extracted.kind == "docx":
            return  # written as tracked changes by reportlint.annotate (cli.py)
        fixer.write_fixed(extracted, fixed, edits)
        fixed_ids = fixer.fixed_diagnostics(result.diagnostics, edits)
        result.fixed = len(fixed_ids)
        result.diagnostics = [d for d in result.diagnostics if id(d) not in fixed_ids]


def _previous_key(rule) -> str:
    """The rule's ``previous`` option ("" when unset): rules naming the same file share
    one lookup."""
    return str(rule.opts.get(rule.PREVIOUS_OPTION) or "")


def _screened_out(doc: Document, rules: list) -> list[Diagnostic]:
    """The one note of a ``screens_document`` rule (RL003) when ``doc`` is plainly not
    a report, else ``[]``.

    Only when such a rule runs (RL003 does by default): ``--select RL805`` or
    ``--ignore RL003`` asks for rules to be run on the file whatever it is, as
    ``--force-report`` does."""
    for rule in rules:
        if rule.screens_document:
            note = list(islice(rule.check(doc), 1))
            if note:
                return note
    return []


def _too_many(last: Diagnostic, cap: int) -> Diagnostic:
    """The finding that stands for all a rule's findings past the cap (at the last one shown)."""
    from dataclasses import replace

    return replace(
        last,
        message=T(
            "此规则在本文件中的问题超过 {n} 个，其余未列出",
            "more than {n} findings of this rule in this file; the rest are not listed",
        ).format(n=cap),
        fix=None,
        data={"message_id": "too-many-findings"},
    )


def dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    out = []
    for d in diags:
        key = (d.code, d.location.line, d.location.column, d.location.end_line, d.location.end_column, d.message.en)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out
