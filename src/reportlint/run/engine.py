"""Check one file: read → Document → rules → suppressions → (fixes).

The engine knows nothing of output formats; it returns a
:class:`~reportlint.core.results.FileResult` per file and never raises for a bad input:
the error is recorded on the result, so the other files are still checked.
"""

from __future__ import annotations

import traceback
from itertools import islice
from dataclasses import dataclass, field
from typing import Any

from reportlint import readers

from reportlint.run import suppress
from reportlint.core.diagnostics import Diagnostic
from reportlint.document.build import build_document
from reportlint.document.model import Document
from reportlint.core.errors import InputError, ReportlintError, memory_limit_error
from reportlint.core.i18n import T
from reportlint.core.results import FileResult

UNUSED_SUPPRESSION = "RL002"
NOT_A_REPORT = "RL003"
# One rule reports at most this many findings per file, then one finding saying the
# rest were left out: a file of a million brackets must cost neither a million
# findings' time nor their memory, and no reviewer reads past the first thousand.
MAX_FINDINGS_PER_RULE = 1000
# With --fix every fixable finding must be collected, or a second --fix would change
# the file again; the per-file time limit still bounds the work.
MAX_FINDINGS_PER_RULE_FIX = 100_000
DEFAULT_TIME_LIMIT = 60.0  # seconds per file (--time-limit)
DEFAULT_MEMORY_LIMIT = 2 * 1024**3  # bytes of address space per file (--memory-limit)


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
        self._previous = None  # crossyear.PreviousFinder, made when a cross-year rule runs

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
                note = _not_a_report(doc, rules)
                if note:
                    # A README or a notice among the reports: one note, not a dozen
                    # findings about a "report" that never was one.
                    result.diagnostics = note
                    return result
            # Decided above (or forced, or not selected): it never fires among the others.
            rules = [r for r in rules if r.code != NOT_A_REPORT]
            if any(getattr(r, "needs_previous", False) for r in rules):
                doc.previous = self._previous_for(doc, limit)
                self._previous.remember(path, doc)
            result.diagnostics = self.run_rules(doc, rules, extracted)
            if self.options.collect_tables:
                from reportlint.document.tables import to_json

                result.tables = to_json(doc)
            if self.options.fix and data is None:
                self._fix(doc, result)
        except ReportlintError as exc:
            if exc.path is None:
                exc.path = path
            result.error = exc
        except RecursionError:
            result.error = InputError(T("文件结构嵌套过深，无法处理", "file structure is nested too deeply"), path)
        except MemoryError:
            # In a worker process the address space is capped (batch.py): name the cap.
            result.error = memory_limit_error(path, self.options.memory_limit if _memory_capped() else None)
        except Exception as exc:  # an internal error must not hide the other files' results
            detail = traceback.format_exc() if self.options.debug else f"{type(exc).__name__}: {exc}"
            result.error = ReportlintError(
                T(
                    "内部错误（请附上此文件报告问题；加 --debug 查看详情）：{d}",
                    "internal error (please report it with this file; --debug shows details): {d}",
                ).format(d=detail),
                path,
            )
        return result

    def _previous_for(self, doc: Document, limit: int) -> Document | None:
        """Last year's report for the cross-year rules: ``--previous``, else found in
        the same folder (same agency, year − 1)."""
        from reportlint.analysis.crossyear import PreviousFinder

        if self._previous is None:
            self._previous = PreviousFinder(lambda p: self.settings_for(p).facts, limit)
        if self.options.previous:
            return self._previous.explicit(self.options.previous, doc)
        return self._previous.find(doc)

    def run_rules(self, doc: Document, rules: list, extracted) -> list[Diagnostic]:
        diags: list[Diagnostic] = []
        unused_rule = None
        for rule in rules:
            if rule.code == UNUSED_SUPPRESSION:
                unused_rule = rule
                continue
            if rule.applies_to is not None and extracted.kind not in rule.applies_to:
                continue
            cap = MAX_FINDINGS_PER_RULE_FIX if self.options.fix else MAX_FINDINGS_PER_RULE
            found = list(islice(rule.check(doc), cap + 1))
            if len(found) > cap:
                found[cap] = _too_many(found[cap - 1], cap)
            diags.extend(found)
        sup = suppress.parse(extracted.source_text) if extracted.kind in ("text", "markdown", "html") else None
        if sup:
            diags = suppress.filter_diagnostics(diags, sup)
            if unused_rule is not None:
                diags.extend(unused_rule.check_unused(doc, sup.unused()))
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
        fixer.write_fixed(extracted, fixed, edits)
        fixed_ids = fixer.fixed_diagnostics(result.diagnostics, edits)
        result.fixed = len(fixed_ids)
        result.diagnostics = [d for d in result.diagnostics if id(d) not in fixed_ids]


def _not_a_report(doc: Document, rules: list) -> list[Diagnostic]:
    """The one RL003 note when ``doc`` is plainly not a report, else ``[]``.

    Only when RL003 runs (it does by default): ``--select RL805`` or ``--ignore RL003``
    asks for rules to be run on the file whatever it is, as ``--force-report`` does."""
    rule = next((r for r in rules if r.code == NOT_A_REPORT), None)
    if rule is None:
        return []
    return list(islice(rule.check(doc), 1))


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


def _memory_capped() -> bool:
    from reportlint.run import batch
    return batch.memory_capped()


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
