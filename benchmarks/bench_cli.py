"""Cold-process wall time of `reportlint --version` and `reportlint check` on one report.

Targets (2-core development machine): check of one small text report ≤ 250 ms,
`--version` ≤ 120 ms. Prints medians; asserts nothing (benchmarks inform, tests decide).

    python benchmarks/bench_cli.py [--runs 15] [REPORT]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = ROOT / "examples" / "changji-kjj-2021.txt"


def command() -> list[str]:
    exe = shutil.which("reportlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "reportlint"]


def median_ms(args: list[str], runs: int) -> tuple[float, float]:
    times = []
    env = dict(os.environ, NO_COLOR="1")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("report", nargs="?", default=str(DEFAULT_REPORT))
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    base = command()
    subprocess.run(base + ["--version"], capture_output=True)  # warm the OS file cache once
    for label, args, target in (
        ("reportlint --version", base + ["--version"], 120),
        (f"reportlint check {Path(a.report).name}", base + ["check", "--exit-zero", a.report], 250),
        ("python -c pass (interpreter floor)", [sys.executable, "-c", "pass"], None),
    ):
        med, best = median_ms(args, a.runs)
        goal = f"target ≤ {target} ms" if target else ""
        print(f"{label:<48} median {med:7.1f} ms  min {best:7.1f} ms  {goal}")


if __name__ == "__main__":
    main()
