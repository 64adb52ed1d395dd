"""Regenerate expected.yaml: every finding of every rule on every real report.

    python tests/corpus/update_expected.py

Review the diff before committing: each line is a finding a reviewer must agree with.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
# Every report of the corpus in a format reportlint reads (drafts/ included).
READ_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".doc", ".odt", ".rtf")
REPORTS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in READ_SUFFIXES)


def report_name(path: Path) -> str:
    """The report's key in expected.yaml: its path below tests/fixtures."""
    return path.relative_to(FIXTURES).as_posix()


def findings(path: Path) -> list[str]:
    from reportlint.config import ConfigLoader
    from reportlint.plugins.manager import load_registry
    from reportlint.run.engine import Linter

    registry = load_registry(no_plugins=True)
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    result = linter.lint_path(str(path))
    assert result.error is None, result.error
    return [f"{d.code} {d.location.line}:{d.location.column} {d.severity.value}" for d in result.diagnostics]


def render() -> str:
    lines = [
        "# Every finding of every built-in rule on every real report in tests/fixtures:",
        "# code line:column severity. Reviewed; regenerate with tests/corpus/update_expected.py.",
    ]
    for path in REPORTS:
        lines.append(f"{report_name(path)}:")
        items = findings(path)
        if items:
            lines.extend(f"  - {item}" for item in items)
        else:
            lines[-1] += " []"
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    (HERE / "expected.yaml").write_text(render(), encoding="utf-8")
