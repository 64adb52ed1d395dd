"""Check one file: read → Document → rules → suppressions → (fixes).

The engine knows nothing of output formats; it returns a
:class:`~reportlint.results.FileResult` per file and never raises for a bad input:
the error is recorded on the result, so the other files are still checked.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from reportlint import readers, suppress
from reportlint.diagnostics import Diagnostic
from reportlint.document.build import build_document
from reportlint.document.model import Document
from reportlint.errors import InputError, ReportlintError
from reportlint.i18n import T
from reportlint.results import FileResult

UNUSED_SUPPRESSION = "RL002"


@dataclass
class LintOptions:
    fix: bool = False
    diff: bool = False  # with fix: show the diff instead of writing
    debug: bool = False
    max_file_size: int | None = None  # CLI override of the config's limit
    previous: str | None = None  # last year's report (--previous); else found next to each file
    collect_tables: bool = False  # put tables 二/三/四 as JSON on the result (HTML audit report)
    diffs: list[str] = field(default_factory=list)  # collected unified diffs (--diff)


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
            result.error = InputError(T("文件过大，内存不足", "file too large to process in memory"), path)
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
        from reportlint.crossyear import PreviousFinder

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
            diags.extend(rule.check(doc))
        sup = suppress.parse(extracted.source_text) if extracted.kind in ("text", "markdown", "html") else None
        if sup:
            diags = suppress.filter_diagnostics(diags, sup)
            if unused_rule is not None:
                diags.extend(unused_rule.check_unused(doc, sup.unused()))
        return dedupe(sorted(diags, key=Diagnostic.sort_key))

    def _fix(self, doc: Document, result: FileResult) -> None:
        from reportlint import fixer

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
        fixer.write_fixed(extracted, fixed)
        fixed_ids = {id(d) for d in result.diagnostics if d.fix and d.fix.safe and all(e in edits for e in d.fix.edits)}
        result.fixed = len(fixed_ids)
        result.diagnostics = [d for d in result.diagnostics if id(d) not in fixed_ids]


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
