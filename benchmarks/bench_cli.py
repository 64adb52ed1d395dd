"""Cold start: `reportlint --version` and one check of one text report, each in a new process.

What is measured, each the median of N new processes (after one uncounted warm-up
round), all interleaved with the import floor in the same run:

* the floors: ``python -c pass`` and ``python -c "import typer, rich, pluggy,
  ruamel.yaml, opencc"`` (the interface's import floor);
* ``reportlint --version``;
* ``reportlint check --exit-zero REPORT`` with an empty result cache (a fresh
  ``--cache-dir`` for every run: a cache miss, the result written), the package's .pyc
  compiled, and the user cache of compiled patterns and parsed rule data
  (``REPORTLINT_DATA_CACHE``) in two states: warm (every run after the first) and empty
  (the first run after install: a new folder for every run);
* the same check with reportlint's own modules not compiled (a copy of the package
  without ``__pycache__``, ``PYTHONDONTWRITEBYTECODE=1``; its dependencies keep their
  .pyc, its user cache is its own), what an install that cannot write bytecode pays on
  every run;
* the same check with the result cache holding the file (a cache hit), for reference:
  the figure earlier READMEs quoted as a cold check.

Not measured: a first run after boot (the OS file cache is warm after the warm-up round).
Targets (issue 16): a cold check ≤ 150 ms and ≤ 1.6× the import floor; ``--version`` ≤ 70 ms.

    python benchmarks/bench_cli.py [--runs 21] [--quick] [--json] [REPORT]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import (
    ROOT,
    Run,
    compile_package,
    emit,
    figure,
    floor_figures,
    floor_runs,
    measure,
    package_copy_without_pyc,
    python_env,
    reportlint_command,
)

DEFAULT_REPORT = ROOT / "examples" / "changji-kjj-2021.txt"
CHECK_TARGET_MS = 150
CHECK_FLOOR_RATIO = 1.6
VERSION_TARGET_MS = 70


def runs(work: Path, report: Path) -> dict[str, Run]:
    """The commands measured, each in a working folder of its own under ``work``."""
    store_warm = work / "store-warm"  # filled by the warm-up round
    # The copy without .pyc keeps its own store: its modules are other files (other
    # stamps), and their entries in the store the cold check reads would make that store
    # larger than any one installation's.
    store_no_pyc = work / "store-no-pyc"
    copy = package_copy_without_pyc(work / "no-pyc")
    fresh = itertools.count()

    def fresh_dir(kind: str) -> Path:
        path = work / f"{kind}-{next(fresh)}"
        path.mkdir()
        return path

    base = reportlint_command()
    check = [*base, "check", "--exit-zero", report.name]
    warm_env = python_env(REPORTLINT_DATA_CACHE=str(store_warm))
    no_pyc_env = python_env(REPORTLINT_DATA_CACHE=str(store_no_pyc), PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1")
    hit_cache = work / "result-cache-hit"

    def cold(env: dict[str, str]) -> Run:
        return Run([*check, "--cache-dir", str(fresh_dir("result-cache"))], env=env, cwd=work)

    def first_run() -> Run:
        return cold(python_env(REPORTLINT_DATA_CACHE=str(fresh_dir("store-empty"))))

    return {
        **floor_runs(),
        "cli.version": Run([*base, "--version"], env=warm_env, cwd=work),
        "cli.check_cold": Run([], prepare=lambda: cold(warm_env)),
        "cli.check_first_run": Run([], prepare=first_run),
        "cli.check_no_pyc": Run([], prepare=lambda: cold(no_pyc_env)),
        "cli.check_cache_hit": Run([*check, "--cache-dir", str(hit_cache)], env=warm_env, cwd=work),
    }


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", nargs="?", default=str(DEFAULT_REPORT))
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--quick", action="store_true", help="3 runs each: a smoke test, not figures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    a = ap.parse_args(argv)
    n = 3 if a.quick else a.runs
    compile_package()
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-cli-"))
    try:
        report = work / Path(a.report).name
        shutil.copy(a.report, report)
        size = f"{report.stat().st_size // 1024} KB"
        samples = measure(runs(work, report), n)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    floor = samples["floor.imports"].median
    name = report.name

    def cpu(label: str) -> str:
        cpu_ms = sorted(samples[label].cpu_ms)[len(samples[label].cpu_ms) // 2]
        rss = max(samples[label].rss_mb)
        return f"CPU {cpu_ms:.0f} ms, peak RSS {rss:.0f} MB"

    def cold(label: str, what: str, target: str | None, pyc: str, store: str, cache: str = "miss") -> dict:
        s = samples[label]
        return figure(
            label,
            what,
            s.median,
            "ms",
            target,
            s,
            cache=cache,
            pyc=pyc,
            process="cold process",
            floor_ratio=round(s.median / floor, 2),
            note=f"pattern store {store}; {cpu(label)}",
        )

    check_cold = samples["cli.check_cold"].median
    figures = [
        *floor_figures(samples),
        cold("cli.version", "reportlint --version", f"<= {VERSION_TARGET_MS}", "compiled", "warm", cache="n/a"),
        cold(
            "cli.check_cold",
            f"reportlint check of one text report ({name}, {size}), empty result cache (a new --cache-dir each run)",
            f"<= {CHECK_TARGET_MS}",
            "compiled",
            "warm (every run after the first)",
        ),
        figure(
            "cli.check_cold_vs_floor",
            "the cold check above divided by the import floor of the same run",
            check_cold / floor,
            "× floor",
            f"<= {CHECK_FLOOR_RATIO}",
            n=samples["cli.check_cold"].n,
            cache="miss",
            process="cold process",
        ),
        cold(
            "cli.check_first_run",
            "the same check, first run after install",
            None,
            "compiled",
            "and parsed rule data empty (a new REPORTLINT_DATA_CACHE folder: paid once per install)",
        ),
        cold(
            "cli.check_no_pyc",
            "the same check, reportlint's modules without .pyc (dependencies compiled)",
            None,
            "not compiled",
            "warm",
        ),
        cold(
            "cli.check_cache_hit",
            "the same check, the result cache already holding the file",
            None,
            "compiled",
            "warm",
            cache="hit",
        ),
    ]
    emit(figures, a.json)
    return figures


if __name__ == "__main__":
    main()
