"""GitLab Code Quality report (``artifacts:reports:codequality``): a JSON array, one
issue per finding::

    [
      {
        "description": "RL201 table3-sum: 表三…",
        "check_name": "RL201",
        "fingerprint": "5f0c…",            # see reportlint.output.fingerprints
        "severity": "major",
        "categories": ["Bug Risk"],
        "location": {"path": "reports/2023.txt", "lines": {"begin": 12, "end": 12}}
      }
    ]

Severities map to GitLab's scale (``info`` < ``minor`` < ``major`` < ``critical`` <
``blocker``): error → ``major``, warning → ``minor``, info → ``info``; a file that could
not be checked is an issue ``reportlint/not-checked`` of severity ``critical`` on its
line 1, so it shows in the merge request instead of passing silently. Paths are
relative to the repository root with ``/`` (GitLab matches them against the diff).
The fingerprint is stable across runs and unaffected by lines inserted above the
finding, so GitLab tells new findings from old ones; it is unique within the report.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from reportlint.core.diagnostics import Severity
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import Formatter, json_safe, message_with_context
from reportlint.output.fingerprints import VERSION, fingerprints
from reportlint.output.paths import Locator

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
NOT_CHECKED = "reportlint/not-checked"
# Code Climate's categories (GitLab shows them as they are): a report error is a risk to
# the report's correctness, a warning or a note its style.
CATEGORIES = {Severity.ERROR: "Bug Risk", Severity.WARNING: "Style", Severity.INFO: "Style"}


class GitlabFormatter:
    name = "gitlab"

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
    ) -> None:
        # ``audit`` is accepted for the common interface: Code Quality has issues only.
        out.write(json_safe(json.dumps(build_report(results, lang=lang, root=root), ensure_ascii=False, indent=2)))
        out.write("\n")


def build_report(results: list[FileResult], *, lang: str, root: str | None = None) -> list[dict[str, Any]]:
    """The Code Quality issues of ``results`` (what :meth:`GitlabFormatter.render` writes)."""
    locator = Locator(root)
    issues: list[dict[str, Any]] = []
    for result in sorted(results, key=lambda r: r.path):
        path = locator.display(result.path)
        prints = fingerprints(result, path)
        for d in sorted(result.diagnostics, key=lambda d: (d.location.line, d.location.column, d.code)):
            loc = d.location
            issues.append(
                {
                    "description": f"{d.code} {d.name}: {message_with_context(d, lang)}",
                    "check_name": d.code,
                    "fingerprint": prints[id(d)],
                    "severity": SEVERITIES[d.severity],
                    "categories": [CATEGORIES[d.severity]],
                    "location": {
                        "path": path,
                        "lines": {"begin": max(loc.line, 1), "end": max(loc.end_line, loc.line, 1)},
                    },
                }
            )
        if result.error is not None:
            digest = hashlib.sha256("\0".join((VERSION, NOT_CHECKED, path)).encode("utf-8", "surrogatepass"))
            issues.append(
                {
                    "description": f"{NOT_CHECKED}: {result.error.message.get(lang)}",
                    "check_name": NOT_CHECKED,
                    "fingerprint": digest.hexdigest(),
                    "severity": "critical",
                    "categories": ["Bug Risk"],
                    "location": {"path": path, "lines": {"begin": max(result.error.line or 1, 1)}},
                }
            )
    return issues


FORMATTER: Formatter = GitlabFormatter()
