"""The package's layers hold: ``lint-imports`` keeps every contract of
``[tool.importlinter]`` in pyproject.toml (docs/architecture.md explains the layers).

Run with the other tests, so the README's test command — and CI — enforce the layering.
A second test checks the contracts bite: the same check on a copy of the package into
which one forbidden import was put must fail and name it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / ("lint-imports.exe" if os.name == "nt" else "lint-imports")


def lint_imports(*args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    assert LINT_IMPORTS.exists(), f"{LINT_IMPORTS} missing: install the test extra (pip install -e '.[test]')"
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,  # a hang guard, not a speed limit
    )


def test_every_import_contract_is_kept():
    proc = lint_imports()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_a_rule_reading_files_breaks_the_contracts(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "reportlint", src / "reportlint", ignore=shutil.ignore_patterns("__pycache__"))
    rule = src / "reportlint" / "rules" / "rl805_doubled_punctuation.py"
    rule.write_text(
        rule.read_text(encoding="utf-8") + "\nfrom reportlint.run import previous_year  # noqa\n", encoding="utf-8"
    )
    proc = lint_imports(pythonpath=src)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = " ".join(proc.stdout.split())  # the report wraps long lines
    assert "reportlint.rules.rl805_doubled_punctuation -> reportlint.run.previous_year" in out
    assert "Rules read only the Document: no readers, no engine BROKEN" in out


def test_the_builtin_rules_mark_their_hook_for_the_plugin_manager():
    """rules/ makes its own pluggy marker (it may not import plugins/): same project."""
    from reportlint import rules
    from reportlint.plugins import hookspecs

    assert rules.PROJECT == hookspecs.PROJECT
    assert rules.hookimpl.project_name == hookspecs.hookimpl.project_name
