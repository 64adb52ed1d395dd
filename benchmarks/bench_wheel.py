"""The README's install command, `pip install .`, into a fresh venv: is the bytecode installed?

pip builds a wheel from the checkout and, unless told ``--no-compile``, compiles every
installed module to ``__pycache__/*.pyc`` at install time — whatever
``PYTHONDONTWRITEBYTECODE`` says, which only stops the *interpreter* writing them later.
This script checks that on the real command, with the environment it is run in
(``PYTHONDONTWRITEBYTECODE`` is printed in the note):

* the share of reportlint's installed modules that have a ``.pyc`` (target 100 %);
* then, in that venv, ``reportlint --version`` and one check of one text report with an
  empty result cache and a warm compiled-pattern store, each the median of N new
  processes interleaved with that venv's import floor: the cold start a user of the
  installed package sees (bench_cli.py measures the same on the source checkout).

Not measured: the install's own time (it depends on the network and pip's wheel cache).

    python benchmarks/bench_wheel.py [--runs 15] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import ROOT, Run, emit, figure, floor_runs, measure, python_env

REPORT = ROOT / "examples" / "changji-kjj-2021.txt"


def install(venv: Path) -> Path:
    """A fresh venv with ``pip install .`` of the checkout; its site-packages/reportlint."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import reportlint, os; print(os.path.dirname(reportlint.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=venv,
    )
    return Path(found.stdout.strip())


def compiled_share(package: Path) -> tuple[int, int]:
    """(modules with a .pyc of this interpreter, modules) under ``package``."""
    tag = sys.implementation.cache_tag
    modules = list(package.rglob("*.py"))
    compiled = [m for m in modules if (m.parent / "__pycache__" / f"{m.stem}.{tag}.pyc").is_file()]
    return len(compiled), len(modules)


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="install and count only, no timing")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    a = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-wheel-"))
    try:
        package = install(work / "venv")
        compiled, modules = compiled_share(package)
        dont_write = os.environ.get("PYTHONDONTWRITEBYTECODE") or "unset"
        figures = [
            figure(
                "wheel.pyc",
                "reportlint modules with a .pyc after `pip install .` into a fresh venv",
                100 * compiled / modules,
                "%",
                ">= 100",
                note=f"{compiled} of {modules} modules; PYTHONDONTWRITEBYTECODE={dont_write} during the install",
            )
        ]
        if not a.quick:
            figures += timed(work, a.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    emit(figures, a.json)
    return figures


def timed(work: Path, runs: int) -> list[dict]:
    """Cold start of the installed package, interleaved with its venv's import floor."""
    python = str(work / "venv" / "bin" / "python")
    exe = str(work / "venv" / "bin" / "reportlint")
    shutil.copy(REPORT, work / REPORT.name)
    env = python_env(REPORTLINT_DATA_CACHE=str(work / "store"))
    caches = itertools.count()

    def cold_check() -> Run:
        cache = work / f"result-cache-{next(caches)}"
        return Run([exe, "check", "--exit-zero", REPORT.name, "--cache-dir", str(cache)], env=env, cwd=work)

    samples = measure(
        {
            **floor_runs(python),
            "wheel.version": Run([exe, "--version"], env=env, cwd=work),
            "wheel.check_cold": Run([], prepare=cold_check),
        },
        runs,
    )
    floor = samples["floor.imports"].median
    version, check = samples["wheel.version"], samples["wheel.check_cold"]
    return [
        figure(
            "wheel.version",
            "reportlint --version of the installed wheel",
            version.median,
            "ms",
            "<= 70",
            version,
            cache="n/a",
            process="cold process",
            floor_ratio=round(version.median / floor, 2),
        ),
        figure(
            "wheel.check_cold",
            f"reportlint check of {REPORT.name} by the installed wheel, empty result cache, pattern store warm",
            check.median,
            "ms",
            "<= 150",
            check,
            cache="miss",
            process="cold process",
            floor_ratio=round(check.median / floor, 2),
            note=f"import floor of that venv {floor:.1f} ms",
        ),
    ]


if __name__ == "__main__":
    main()
