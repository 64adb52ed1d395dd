"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run: ``tool.driver`` lists every registered rule (id, name, descriptions, help
with the Bad/Good examples, default level, category); ``results`` hold the
diagnostics; files that could not be checked become
``invocations[0].toolExecutionNotifications``. Paths are relative POSIX URIs
(percent-encoded) under ``%SRCROOT%`` — ``--sarif-root``, else the root of the
repository around the working directory, else that directory — and absolute
``file:`` URIs for files outside it (see :mod:`reportlint.output.paths`). Columns count Unicode
code points (``columnKind``), end columns are exclusive, as in SARIF.

Every result has ``partialFingerprints["reportlint/v1"]`` (the recipe is in
:mod:`reportlint.output.fingerprints`: rule, path and the quoted text or message — no
line number), so code scanning matches a finding across runs even when lines were
inserted above it. Every rule has a ``helpUri``: the rule's own ``help_uri`` when a
plugin declares one, else the rules table of the project's documentation
(:func:`help_uri`).

The per-report records are ``runs[0].properties.reports`` (one object per file, clean
and not-checked files included, as the ``json`` format writes them:
:mod:`reportlint.output.records_json`); the batch's audit — roster ``coverage``,
``near_duplicates``, the ``hierarchy`` warnings and the ``scoring`` profile, in the same shapes — are run
properties beside it.

Fixes are ``artifactChanges`` whose ``deletedRegion`` uses ``charOffset`` /
``charLength``: character offsets into the decoded text with ``\\n`` newlines, as
:class:`~reportlint.core.diagnostics.Edit` holds them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from reportlint import __version__
from reportlint.core.diagnostics import Diagnostic, Location, Severity
from reportlint.core.i18n import T
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import Formatter, iter_sorted, json_safe, message_with_context
from reportlint.output.fingerprints import SARIF_KEY, fingerprints
from reportlint.output.json_ import to_jsonable
from reportlint.output.paths import Locator
from reportlint.output.records_json import (
    SCORING,
    coverage_to_json,
    hierarchy_to_json,
    near_duplicate_to_json,
    record_to_json,
)
from reportlint.output.tabular import records_of

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FALLBACK_INFORMATION_URI = "https://pypi.org/project/reportlint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
LANGUAGE_TAGS = {"zh": "zh-CN", "en": "en-US"}

_BAD = T("错误示例", "Bad")
_GOOD = T("正确示例", "Good")


class SarifFormatter:
    name = "sarif"

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        root: str | None = None,
        audit: AuditSummary | None = None,
        names: Callable[[str], str] | None = None,
    ) -> None:
        text = json.dumps(
            build_log(results, registry=registry, lang=lang, root=root, audit=audit, names=names),
            ensure_ascii=False,
            indent=2,
            default=lambda o: to_jsonable(o, lang),
        )
        out.write(json_safe(text) + "\n")


FORMATTER: Formatter = SarifFormatter()


def build_log(
    results: list[FileResult],
    *,
    registry=None,
    lang: str,
    root: str | None = None,
    audit: AuditSummary | None = None,
    names: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """The SARIF log as a dict (what :meth:`SarifFormatter.render` writes); URIs are
    relative to ``root`` (default: the repository root around the working directory).
    ``names`` (``--file-names``): a location stays the file's URI, the name it is shown
    under goes into the artifactLocation's ``properties.name``."""
    locator = Locator(root) if names is None else NamingLocator(root, names)
    rules, index = _rules(results, registry, lang)
    prints: dict[int, str] = {}
    for r in results:
        if r.diagnostics:
            prints.update(fingerprints(r, locator.display(r.path)))
    sarif_results = [_result(d, r, index[d.code], lang, locator, prints[id(d)]) for r, d in iter_sorted(results)]
    notifications = [_notification(r, lang, locator) for r in results if r.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": information_uri(),
                        "language": LANGUAGE_TAGS.get(lang, "zh-CN"),
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": locator.root_uri}},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": sarif_results,
                "properties": _run_properties(results, audit, lang),
            }
        ],
    }


def _run_properties(results: list[FileResult], audit: AuditSummary | None, lang: str) -> dict[str, Any]:
    """The per-report records and the batch's audit (see the module docstring)."""
    properties: dict[str, Any] = {"reports": [record_to_json(r, lang) for r in records_of(results, audit)]}
    if audit is not None:
        if audit.coverage is not None:
            properties["coverage"] = coverage_to_json(audit.coverage, lang)
        properties["near_duplicates"] = [near_duplicate_to_json(p) for p in audit.near_duplicates]
        if audit.hierarchy:
            properties["hierarchy"] = [hierarchy_to_json(h, lang) for h in audit.hierarchy]
        if audit.profile is not None:
            label = audit.profile_label.get(lang) if audit.profile_label is not None else None
            properties["scoring"] = {"type": SCORING, "profile": audit.profile, "label": label}
    return properties


RULES_ANCHOR = "rules"  # the README's "## Rules" heading: the table of every built-in rule


def help_uri(rule) -> str | None:
    """Where a rule is documented: the rule's own ``help_uri`` (a plugin may declare
    one); for a built-in rule the rules table of the project's documentation — built-in
    rules have no page of their own, the table names each by its code, and
    ``reportlint rule CODE`` shows its full documentation; else None (a plugin's rule
    is not documented there)."""
    own = getattr(rule, "help_uri", None)
    if isinstance(own, str) and own:
        return own
    module = getattr(type(rule) if not isinstance(rule, type) else rule, "__module__", "") or ""
    if module.startswith("reportlint.rules."):
        return f"{information_uri().split('#', 1)[0]}#{RULES_ANCHOR}"
    return None


def information_uri() -> str:
    """The project's home page from the installed metadata, else its PyPI page."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("reportlint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source") and url.strip():
                return url.strip()
    except (ImportError, PackageNotFoundError, OSError):  # pragma: no cover - not installed
        pass
    return FALLBACK_INFORMATION_URI


# -- rules ---------------------------------------------------------------------------------


def _rules(results: list[FileResult], registry, lang: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every registered rule, then any code seen in the results but not registered."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for code, rule in (getattr(registry, "rules", None) or {}).items():
        index[code] = len(rules)
        rules.append(_rule_descriptor(rule, lang))
    for _, d in iter_sorted(results):
        if d.code not in index:
            index[d.code] = len(rules)
            rules.append(
                {
                    "id": d.code,
                    "name": d.name,
                    "shortDescription": {"text": d.name},
                    "defaultConfiguration": {"level": LEVELS[d.severity]},
                    "properties": {"category": d.category, "tags": [d.category]},
                }
            )
    return rules, index


def _rule_descriptor(rule, lang: str) -> dict[str, Any]:
    doc = rule.doc()
    summary = doc.summary.get(lang) or rule.name
    rationale = doc.rationale.get(lang)
    text_parts = [summary]
    md_parts = [summary]
    if rationale:
        text_parts.append(rationale)
        md_parts.append(rationale)
    for label, example in ((_BAD, doc.bad), (_GOOD, doc.good)):
        if example:
            colon = ":" if lang == "en" else "："
            text_parts.append(f"{label.get(lang)}{colon}\n{example}")
            md_parts.append(f"**{label.get(lang)}**\n\n```text\n{example}\n```")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rationale or summary},
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n\n".join(md_parts)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    uri = help_uri(rule)
    if uri is not None:
        descriptor["helpUri"] = uri
    return descriptor


# -- results -------------------------------------------------------------------------------


def artifact_location(path: str, locator: Locator | None = None) -> dict[str, Any]:
    """``{"uri", "uriBaseId"}`` inside the root, ``{"uri": "file:///…"}`` outside it.
    The name's bytes are quoted, not its characters: a name that is not valid UTF-8
    keeps its exact bytes (%FF) instead of a lone surrogate no encoder accepts."""
    locator = locator or Locator()
    uri, relative = locator.uri(path)
    location: dict[str, Any] = {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}
    if isinstance(locator, NamingLocator) and locator.names(path) != path:
        location["properties"] = {"name": locator.names(path)}
    return location


class NamingLocator(Locator):
    """A :class:`Locator` that also knows the name each file is shown under."""

    def __init__(self, root: str | None, names: Callable[[str], str]):
        super().__init__(root)
        self.names = names


def _region(loc: Location) -> dict[str, Any]:
    line = max(loc.line, 1)
    column = max(loc.column, 1)
    end_line = max(loc.end_line, line)
    end_column = max(loc.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(
    d: Diagnostic, result: FileResult, rule_index: int, lang: str, locator: Locator, fingerprint: str
) -> dict[str, Any]:
    location = artifact_location(result.path, locator)
    loc = d.location
    properties: dict[str, Any] = {"category": d.category, "severity": d.severity.value}
    if loc.page is not None:
        properties["page"] = loc.page
    if loc.paragraph is not None:
        properties["paragraph"] = loc.paragraph
    if loc.cell is not None:
        properties["cell"] = loc.cell.to_json()
    if d.data:
        properties["data"] = d.data
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": message_with_context(d, lang)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(loc)}}],
        "partialFingerprints": {SARIF_KEY: fingerprint},
    }
    if d.fix is not None and d.fix.edits:
        out["fixes"] = [
            {
                "description": {"text": d.fix.description.get(lang)},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(location),
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": e.start, "charLength": max(e.end - e.start, 0)},
                                "insertedContent": {"text": e.text},
                            }
                            for e in sorted(d.fix.edits, key=lambda e: (e.start, e.end))
                        ],
                    }
                ],
                "properties": {"safe": d.fix.safe},
            }
        ]
    out["properties"] = properties
    return out


def _notification(result: FileResult, lang: str, locator: Locator) -> dict[str, Any]:
    err = result.error
    assert err is not None
    physical: dict[str, Any] = {"artifactLocation": artifact_location(err.path or result.path, locator)}
    if err.line is not None and err.line >= 1:
        region: dict[str, Any] = {"startLine": err.line}
        if err.column is not None and err.column >= 1:
            region["startColumn"] = err.column
        physical["region"] = region
    return {
        "level": "error",
        "message": {"text": err.message.get(lang)},
        "locations": [{"physicalLocation": physical}],
        "descriptor": {"id": type(err).__name__},
    }
