"""Batch throughput: files/s serial and with -j 2, cold and warm cache, peak RSS.

Targets on the 2-core machine: ≥ 150 text reports/s serial, ≥ 1.7× that with -j 2,
a warm-cache rerun ≥ 10× faster than cold, RSS < 300 MB for 10,000 files. Also
prints the break-even point of the process pool (few files: serial is faster).

    python benchmarks/bench_batch.py [-n 2000] [--big 10000]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import generate

EXE = [sys.executable, "-m", "reportlint"]


def run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `reportlint` process (children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(EXE + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=2000, help="reports for the throughput runs")
    ap.add_argument("--big", type=int, default=10000, help="reports for the memory run (0 to skip)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        corpus = work / "corpus"
        generate(corpus, a.n)
        common = ["check", "--exit-zero", "--format", "json", "--output-file", str(work / "out.json"), "corpus"]
        serial, _ = run(common + ["-j", "1", "--no-cache"], work)
        par, _ = run(common + ["-j", "2", "--no-cache"], work)
        cold, _ = run(common + ["-j", "1"], work)
        warm, _ = run(common + ["-j", "1"], work)
        print(
            f"reports: {a.n} synthetic text reports ({sum(p.stat().st_size for p in corpus.iterdir()) // a.n} bytes avg)"
        )
        print(f"serial, no cache     {a.n / serial:8.1f} reports/s   ({serial:.2f} s)   target ≥ 150")
        print(
            f"-j 2, no cache       {a.n / par:8.1f} reports/s   ({par:.2f} s)   speed-up {serial / par:.2f}×, target ≥ 1.7×"
        )
        print(f"cold cache (-j 1)    {a.n / cold:8.1f} reports/s   ({cold:.2f} s)")
        print(
            f"warm cache (-j 1)    {a.n / warm:8.1f} reports/s   ({warm:.2f} s)   {cold / warm:.1f}× faster, target ≥ 10×"
        )
        shutil.rmtree(work / ".reportlint_cache", ignore_errors=True)

        print("break-even of the process pool (wall seconds, no cache):")
        for k in (2, 4, 8, 16, 32):
            sub = work / f"few{k}"
            sub.mkdir()
            for p in sorted(corpus.iterdir())[:k]:
                shutil.copy(p, sub / p.name)
            s, _ = run(["check", "--exit-zero", "--format", "json", "--no-cache", "-j", "1", sub.name], work)
            j, _ = run(["check", "--exit-zero", "--format", "json", "--no-cache", "-j", "2", sub.name], work)
            print(f"  {k:3d} files   -j 1 {s:6.3f} s   -j 2 {j:6.3f} s   {'parallel wins' if j < s else 'serial wins'}")

        if a.big:
            big = work / "big"
            generate(big, a.big, seed=2)
            for fmt in ("jsonl", "json"):
                wall, rss = run(
                    [
                        "check",
                        "--exit-zero",
                        "--no-cache",
                        "--format",
                        fmt,
                        "--output-file",
                        str(work / f"big.{fmt}"),
                        "big",
                    ],
                    work,
                )
                print(f"{a.big} reports, --format {fmt:5s}: {wall:6.1f} s, peak RSS {rss} MB (target < 300 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
