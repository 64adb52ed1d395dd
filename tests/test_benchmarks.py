"""The one command behind the README's speed table works: `benchmarks/run_all.py` runs the
benchmarks in quick mode, collects their ``--json`` figures and writes a well-formed table
between the markers of a copy of the README, leaving the rest of it as it was.

No figure is asserted: quick mode measures tiny inputs a few times, and how fast the
machine is belongs to the benchmarks, not to the tests.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
COLUMNS = ["what is measured", "median (n)", "target", "met", "× import floor", "cache", ".pyc", "process", "notes"]


def _run_all() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("run_all", BENCHMARKS / "run_all.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _split_at_markers(text: str) -> tuple[str, str, str]:
    """(before the start marker, between the markers, from the end marker on)."""
    run_all = _run_all()
    start, end = text.index(run_all.START) + len(run_all.START), text.index(run_all.END)
    return text[:start], text[start:end], text[end:]


def test_the_readme_has_one_pair_of_table_markers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    run_all = _run_all()
    assert text.count(run_all.START) == 1 and text.count(run_all.END) == 1
    assert text.index(run_all.START) < text.index(run_all.END)
    assert text.index("\n## Performance\n") < text.index(run_all.START)


def test_quick_run_writes_a_well_formed_table_into_a_copy_of_the_readme(tmp_path):
    readme = tmp_path / "README.md"
    original = (ROOT / "README.md").read_text(encoding="utf-8")
    readme.write_text(original, encoding="utf-8")
    saved = tmp_path / "figures.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run_all.py"),
            "--quick",
            "--only",
            "cli,parse",
            "--readme",
            str(readme),
            "--json-out",
            str(saved),
        ],
        capture_output=True,
        text=True,
        timeout=900,  # a hang guard, not a speed limit
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    written = readme.read_text(encoding="utf-8")
    before, table, after = _split_at_markers(written)
    # Outside the markers the README is unchanged.
    original_before, _, original_after = _split_at_markers(original)
    assert (before, after) == (original_before, original_after)

    lines = table.strip().splitlines()
    assert lines[0].startswith("Measured ") and "cores" in lines[0] and "Python" in lines[0]
    assert "quick mode" in lines[0]
    assert any(line.startswith("Import floor in the same run:") for line in lines)
    rows = [line for line in lines if line.startswith("|")]
    assert _cells(rows[0]) == COLUMNS
    assert set(rows[1]) <= set("|-")
    body = [_cells(row) for row in rows[2:]]
    assert all(len(row) == len(COLUMNS) for row in body), body

    figures = json.loads(saved.read_text(encoding="utf-8"))["figures"]
    names = {f["name"] for f in figures}
    assert {"floor.python", "floor.imports", "cli.version", "cli.check_cold", "cli.check_first_run"} <= names
    assert {"cli.check_no_pyc", "cli.check_cache_hit", "parse.text", "parse.docx"} <= names
    assert len(body) == len(figures) - 2  # every figure a row, the two floors in the line above

    by_what = {row[0]: row for row in body}
    for f in figures:
        if f["name"].startswith("floor."):
            continue
        row = by_what[f["what"]]
        assert row[1].endswith(f"({f['n']})")
        assert row[3] == ("—" if f["target"] is None else "yes" if f["met"] else "**no**")
        assert [row[5], row[6], row[7]] == [f["cache"], f["pyc"], f["process"]]
    cold = by_what[next(f["what"] for f in figures if f["name"] == "cli.check_cold")]
    assert cold[2] == "≤ 150 ms" and cold[4].endswith("×") and cold[5] == "miss" and cold[6] == "compiled"
    assert by_what[next(f["what"] for f in figures if f["name"] == "cli.check_cache_hit")][5] == "hit"
    assert by_what[next(f["what"] for f in figures if f["name"] == "cli.check_no_pyc")][6] == "not compiled"


def test_a_missing_benchmark_is_a_row_that_says_so(tmp_path):
    run_all = _run_all()
    info = {"date": "2026-01-01 00:00 UTC", "cpu": "cpu", "cores": 2, "python": "CPython 3.11", "os": "os"}
    figure = {
        "name": "x.y",
        "what": "a figure",
        "value": 3.0,
        "unit": "ms",
        "target": "<= 2",
        "n": 5,
        "cache": "none",
        "pyc": "compiled",
        "process": "cold process",
    }
    markdown = run_all.table(
        run_all.with_verdicts([figure], floor_ms=1.5), {"server": "bench_server.py does not exist"}, info, False
    )
    rows = [_cells(line) for line in markdown.splitlines() if line.startswith("|")][2:]
    assert rows[0][:5] == ["a figure", "3.0 ms (5)", "≤ 2 ms", "**no**", "2.00×"]
    assert rows[1][0] == "bench_server.py" and rows[1][1] == "not measured" and "does not exist" in rows[1][-1]


def test_writing_the_table_twice_leaves_one_table(tmp_path):
    run_all = _run_all()
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n## Performance\n{run_all.START}\nold\n{run_all.END}\n\n## Next\n", encoding="utf-8")
    run_all.write_table(readme, "| a |\n|---|\n| 1 |")
    run_all.write_table(readme, "| a |\n|---|\n| 2 |")
    text = readme.read_text(encoding="utf-8")
    assert text == f"# x\n\n## Performance\n{run_all.START}\n| a |\n|---|\n| 2 |\n{run_all.END}\n\n## Next\n"


def test_every_benchmark_the_command_runs_is_documented():
    documented = (BENCHMARKS / "README.md").read_text(encoding="utf-8")
    for script in _run_all().BENCHMARKS.values():
        assert f"`{script}`" in documented, script
