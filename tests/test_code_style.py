"""The code stays type-clean, lint-clean and formatted: ``mypy src/reportlint``
([tool.mypy]), ``ruff check`` and ``ruff format --check`` ([tool.ruff]) over src, tests
and benchmarks all pass.

Run with the other tests, so the README's test command — and CI — enforce what
CONTRIBUTING.md asks. The last test checks the configuration bites: the same checkers,
with the project's settings, reject a file with one type error and one lint error.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("src", "tests", "benchmarks")


def run_tool(*args: str) -> subprocess.CompletedProcess:
    """``python -m <tool> ...`` from the repository root (where pyproject.toml is)."""
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,  # a hang guard, not a speed limit
    )


def test_mypy_finds_no_errors():
    proc = run_tool("mypy", "src/reportlint")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_check_is_clean():
    proc = run_tool("ruff", "check", *CHECKED)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_leaves_everything_as_it_is():
    proc = run_tool("ruff", "format", "--check", *CHECKED)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_checkers_reject_a_bad_file(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('import os\n\n\ndef half(n: int) -> int:\n    return "half"\n', encoding="utf-8")
    pyproject = str(ROOT / "pyproject.toml")

    typed = run_tool("mypy", "--config-file", pyproject, "--cache-dir", str(tmp_path / "mypy"), str(bad))
    assert typed.returncode == 1 and "[return-value]" in typed.stdout, typed.stdout + typed.stderr

    linted = run_tool("ruff", "check", "--config", pyproject, "--no-cache", str(bad))
    assert linted.returncode == 1 and "F401" in linted.stdout, linted.stdout + linted.stderr
