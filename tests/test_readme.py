"""The README says what the code does: its rule table is the registry's built-in rules,
and its pre-commit snippet names the release tag of this version."""

from __future__ import annotations

import re
from pathlib import Path

from reportlint import __version__
from reportlint.plugins.manager import load_registry

README = Path(__file__).resolve().parents[1] / "README.md"


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _rule_table_rows(section: str) -> list[list[str]]:
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header[:4] == ["code", "name", "category", "severity"], header
    rows = []
    for line in lines[2:]:  # after the header and its |---| line
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows.append([cells[0], cells[1].strip("`"), cells[2], cells[3]])
    return rows


def test_readme_rule_table_is_exactly_the_builtin_rules():
    rows = _rule_table_rows(_section(README.read_text(encoding="utf-8"), "Rules"))
    registry = load_registry(no_plugins=True)
    expected = [[code, rule.name, rule.category, rule.severity.value] for code, rule in registry.rules.items()]
    assert len(expected) > 50  # the registry really loaded
    documented = {row[0] for row in rows}
    registered = {row[0] for row in expected}
    assert sorted(documented - registered) == [], "in the README's rule table but not a built-in rule"
    assert sorted(registered - documented) == [], "built-in rules missing from the README's rule table"
    assert rows == expected  # same names, categories, default severities, in code order


def test_precommit_snippet_names_this_versions_release_tag():
    section = _section(README.read_text(encoding="utf-8"), "pre-commit")
    revs = re.findall(r"^\s*rev:\s*(\S+)\s*$", section, flags=re.M)
    assert revs == [f"v{__version__}"]
