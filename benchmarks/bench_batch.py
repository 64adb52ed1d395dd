"""Batch runs, each figure against its target (issue 16), whole `reportlint` processes:

* throughput: text reports/s serial (``-j 1``) and with ``-j 2``, no cache — the
  speed-up and the CPU time (user + sys, all processes) of ``-j 2`` against serial;
* the result cache at the default ``-j`` (as many workers as cores): cold (an empty
  cache folder) and warm (the same run again), then after editing one report — how
  many results were written again (only the edited one's, and those it pairs with as
  last year's report, may be);
* parallel output is byte-identical to serial in every format;
* peak memory on many reports with ``--format json|jsonl|html --output-file``: the
  parent process and its largest worker;
* a folder of 20,000 reports: one check whose last year's report sorts last in it,
  against the same check in a folder of two reports (the floor).

Timings are medians of ``--repeat`` runs; the start-up floor (``--version``) is
printed next to them. Machine, Python and whether bytecode (.pyc) is there are printed
first: an editable install without .pyc pays ~80–100 ms per process.

    python benchmarks/bench_batch.py [-n 2000] [--big 10000] [--folder 20000] [--repeat 1] [--quick] [--json]

With ``--json`` the figures go to stdout as the array of benchmarks/README.md (the lines
above go to stderr); ``--quick`` is a smoke run on small inputs (figures meaningless).
"""

from __future__ import annotations

import argparse
import builtins
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import FIXTURES, generate
from timing import emit, figure

FIGURES: list[dict] = []  # what --json prints
PARTS = ("throughput", "cache", "identical", "break-even", "memory", "folder")  # --only

EXE = [sys.executable, "-m", "reportlint"]
# Runs reportlint in this process and prints, at exit, its own peak RSS and that of its
# largest worker process (both in KB, as getrusage gives them on Linux).
MEASURED = [
    sys.executable,
    "-c",
    "import atexit, resource, sys\n"
    "def peaks():\n"
    "    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    print(f'PEAK {me} {workers}', file=sys.stderr)\n"
    "atexit.register(peaks)\n"
    "from reportlint.__main__ import main\n"
    "sys.argv = ['reportlint', *sys.argv[1:]]\n"
    "main()\n",
]


class Run:
    def __init__(self, wall: float, cpu: float, peak_self_mb: float = 0.0, peak_worker_mb: float = 0.0):
        self.wall, self.cpu = wall, cpu
        self.peak_self_mb, self.peak_worker_mb = peak_self_mb, peak_worker_mb


def run(args: list[str], cwd: Path, measured: bool = False) -> Run:
    """One `reportlint` process: wall seconds, CPU seconds (user + sys of it and its
    workers) and, ``measured``, the peak RSS of it and of its largest worker."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(
        (MEASURED if measured else EXE) + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"reportlint {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    out = Run(wall, cpu)
    for line in proc.stderr.decode(errors="replace").splitlines():
        if line.startswith("PEAK "):
            me, workers = (int(x) / 1024 for x in line.split()[1:])
            out.peak_self_mb, out.peak_worker_mb = me, workers
    return out


def median_run(args: list[str], cwd: Path, repeat: int, before=None) -> Run:
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(run(args, cwd))
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def entries(cache: Path) -> dict[Path, int]:
    """Result entries in a cache folder (not the metas) and their modification times."""
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*.json") if "meta" not in p.parts}


def header(a) -> None:
    import reportlint

    src = Path(reportlint.__file__).parent
    pyc = any(src.rglob("__pycache__/*.pyc"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"python {platform.python_version()}; reportlint from {src} ({'with' if pyc else 'WITHOUT'} .pyc)")
    print(f"median of {a.repeat} run(s) per figure; default -j = {os.cpu_count()} (the cores)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2000, help="reports for throughput and cache runs")
    ap.add_argument("--big", type=int, default=10000, help="reports for the memory runs (0: skip)")
    ap.add_argument("--folder", type=int, default=20000, help="files in the big-folder run (0: skip)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per timing (the median is printed)")
    ap.add_argument("--quick", action="store_true", help="small inputs: a smoke run, figures meaningless")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    ap.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the parts to run, comma-separated (default: all): {', '.join(PARTS)}",
    )
    a = ap.parse_args()
    parts = set(a.only.split(","))
    if parts - set(PARTS):
        ap.error(f"--only: no such part: {', '.join(sorted(parts - set(PARTS)))}")
    if a.quick:
        a.n, a.big, a.folder = min(a.n, 40), min(a.big, 60), min(a.folder, 60)
    if a.json:  # the readable lines are progress: stderr, stdout holds only the JSON
        global print
        print = functools.partial(builtins.print, file=sys.stderr)
    header(a)
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        floor = median_run(["--version"], work, max(3, a.repeat))
        print(f"start-up floor (--version): {floor.wall * 1000:.0f} ms\n")
        corpus = work / "corpus"
        generate(corpus, a.n)
        size = sum(p.stat().st_size for p in corpus.iterdir()) // a.n
        print(f"{a.n} synthetic text reports ({size} bytes each on average), --format json --output-file")
        out = ["--format", "json", "--output-file", str(work / "out.json")]
        common = ["check", "--exit-zero", *out, "corpus"]

        if "throughput" in parts:
            serial = median_run([*common, "-j", "1", "--no-cache"], work, a.repeat)
            par = median_run([*common, "-j", "2", "--no-cache"], work, a.repeat)
            speed_up, cpu_ratio = serial.wall / par.wall, par.cpu / serial.cpu
            print(
                f"  serial (-j 1), no cache  {a.n / serial.wall:7.1f} reports/s  ({serial.wall:6.2f} s wall,"
                f" {serial.cpu:6.2f} s CPU)  {a.n / serial.cpu:6.1f} per CPU second, target ≥ 300:"
                f" {verdict(a.n / serial.cpu >= 300)}"
            )
            print(
                f"  -j 2, no cache           {a.n / par.wall:7.1f} reports/s  ({par.wall:6.2f} s wall,"
                f" {par.cpu:6.2f} s CPU)"
            )
            what = f"{a.n} synthetic text reports, --format json --output-file, --no-cache"
            FIGURES.append(
                figure(
                    "batch.serial_per_cpu_s",
                    f"{what}, -j 1: reports per CPU second",
                    a.n / serial.cpu,
                    "reports/s",
                    ">= 300",
                    n=a.repeat,
                    cache="none",
                    process="cold process",
                    note=f"{a.n / serial.wall:.1f} reports/s wall",
                )
            )
            FIGURES.append(
                figure(
                    "batch.parallel_speed_up",
                    f"{what}: wall time of -j 1 / -j 2",
                    speed_up,
                    "×",
                    ">= 1.8",
                    n=a.repeat,
                    cache="none",
                    process="cold process",
                )
            )
            FIGURES.append(
                figure(
                    "batch.parallel_cpu",
                    f"{what}: CPU time of -j 2 / -j 1 (all processes)",
                    cpu_ratio,
                    "×",
                    "<= 1.05",
                    n=a.repeat,
                    cache="none",
                    process="cold process",
                )
            )
            print(f"    speed-up over serial   {speed_up:5.2f}×   target ≥ 1.8×:   {verdict(speed_up >= 1.8)}")
            print(f"    CPU against serial     {cpu_ratio:5.2f}×   target ≤ 1.05×:  {verdict(cpu_ratio <= 1.05)}")

        cache = work / ".reportlint_cache"
        if "cache" in parts:
            cache = work / ".reportlint_cache"
            cached = ["check", "--exit-zero", *out, "corpus"]  # default -j
            cold = median_run(cached, work, a.repeat, before=lambda: shutil.rmtree(cache, ignore_errors=True))
            warm = median_run(cached, work, a.repeat)
            one = sorted(corpus.iterdir())[0].name
            # the floor of a warm run: a check of one report whose result is in the cache
            check_floor = median_run(["check", "--exit-zero", *out, f"corpus/{one}"], work, max(3, a.repeat))
            ratio = cold.wall / warm.wall
            print(f"  cold cache (empty folder), default -j  {cold.wall:6.2f} s  ({cold.cpu:6.2f} s CPU)")
            print(
                f"  warm cache (second run), default -j    {warm.wall:6.2f} s  ({warm.cpu:6.2f} s CPU;"
                f" floor: one cached report {check_floor.wall:.2f} s)"
            )
            print(f"    cold / warm            {ratio:5.1f}×   target ≥ 10×:    {verdict(ratio >= 10)}")
            FIGURES.append(
                figure(
                    "batch.warm_speed_up",
                    f"{a.n} reports at the default -j: cold (empty cache folder) / warm (second run)",
                    ratio,
                    "×",
                    ">= 10",
                    n=a.repeat,
                    cache="hit",
                    process="cold process",
                    note=f"cold {cold.wall:.2f} s, warm {warm.wall:.2f} s; one cached report {check_floor.wall:.2f} s",
                )
            )
            # Edit one report (not its year or agency): only its result is written again,
            # and the result of the report it is last year's report of, if any.
            edited = sorted(corpus.iterdir())[a.n // 2]
            seen = entries(cache)
            edited.write_text(edited.read_text(encoding="utf-8") + "\n（本报告已更正。）\n", encoding="utf-8")
            touched = run(cached, work)
            written = sum(1 for p, t in entries(cache).items() if seen.get(p) != t)
            print(
                f"  one report edited, default -j          {touched.wall:6.2f} s, {written} result(s) written again"
                f" (the edited one and those it pairs with): {verdict(written <= 2)}"
            )
            FIGURES.append(
                figure(
                    "batch.rechecked_after_edit",
                    f"results written again after editing one of {a.n} reports",
                    written,
                    "files",
                    "<= 2",
                    cache="hit",
                    process="cold process",
                )
            )

        if "identical" in parts:
            shutil.rmtree(cache, ignore_errors=True)
            few = work / "few"  # a part of the corpus, above the pool's threshold: ten runs of it
            few.mkdir()
            for p in sorted(corpus.iterdir())[: min(a.n, 200)]:
                shutil.copy(p, few / p.name)
            identical = True
            for fmt, suffix in {
                "json": "json",
                "jsonl": "jsonl",
                "sarif": "sarif",
                "text": "txt",
                "html": "html",
            }.items():
                outputs = []
                for jobs in ("1", "2"):
                    target = work / f"same-{jobs}.{suffix}"
                    args = [
                        "check",
                        "--exit-zero",
                        "--no-cache",
                        "-j",
                        jobs,
                        "--format",
                        fmt,
                        "--output-file",
                        str(target),
                    ]
                    run([*args, few.name], work)
                    outputs.append(target.read_bytes())
                identical = identical and outputs[0] == outputs[1]
                print(
                    f"  {len(list(few.iterdir()))} reports, --format {fmt:5s}: -j 2 output == -j 1 output: {outputs[0] == outputs[1]}"
                )
            print(f"    byte-identical in every format: {verdict(identical)}")
            FIGURES.append(
                figure(
                    "batch.parallel_identical",
                    "-j 2 output byte-identical to -j 1 in json, jsonl, sarif, text, html (1 = yes)",
                    int(identical),
                    "",
                    ">= 1",
                    cache="none",
                    process="cold process",
                )
            )

        if "break-even" in parts:
            print("\nbreak-even of the process pool (wall seconds, no cache):")
            for k in (4, 16, 32):
                sub = work / f"few{k}"
                sub.mkdir()
                for p in sorted(corpus.iterdir())[:k]:
                    shutil.copy(p, sub / p.name)
                s = median_run(
                    ["check", "--exit-zero", "--format", "json", "--no-cache", "-j", "1", sub.name], work, a.repeat
                )
                j = median_run(
                    ["check", "--exit-zero", "--format", "json", "--no-cache", "-j", "2", sub.name], work, a.repeat
                )
                print(
                    f"  {k:3d} files   -j 1 {s.wall:6.3f} s   -j 2 {j.wall:6.3f} s   {'parallel' if j.wall < s.wall else 'serial'} wins"
                )
        shutil.rmtree(corpus)

        if a.big and "memory" in parts:
            big = work / "big"
            generate(big, a.big, seed=2)
            print(
                f"\n{a.big} reports, default -j, no cache: peak RSS (target < 150 MB, the parent and its largest worker)"
            )
            for fmt in ("jsonl", "json", "html"):
                target = str(work / f"big.{fmt}")
                r = run(
                    ["check", "--exit-zero", "--no-cache", "--format", fmt, "--output-file", target, "big"], work, True
                )
                worst = max(r.peak_self_mb, r.peak_worker_mb)
                FIGURES.append(
                    figure(
                        f"batch.peak_mb_{fmt}",
                        f"{a.big} reports, --format {fmt} --output-file, default -j: the"
                        " larger of the parent's and the largest worker's peak RSS",
                        worst,
                        "MB",
                        "< 150",
                        cache="none",
                        process="cold process",
                        note=f"parent {r.peak_self_mb:.0f} MB, largest worker {r.peak_worker_mb:.0f} MB",
                    )
                )
                print(
                    f"  --format {fmt:5s}  {r.wall:6.1f} s   parent {r.peak_self_mb:5.0f} MB   largest worker"
                    f" {r.peak_worker_mb:5.0f} MB: {verdict(worst < 150)}"
                )
            shutil.rmtree(big)

        if a.folder and "folder" in parts:
            big_folder(work, a.folder, a.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.json:
        emit(FIGURES, as_json=True)


def big_folder(work: Path, n: int, repeat: int) -> None:
    """One report of 2025 whose 2024 report sorts last among ``n`` files naming 2024
    and other years: found, and how long one check takes against the same check with
    only the two reports in the folder."""
    source = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")

    def of(year: int) -> str:
        return source.replace("2022年", f"{year + 1}年").replace("2021年", f"{year}年")

    folder, pair = work / "folder", work / "pair"
    for d in (folder, pair):
        d.mkdir()
        (d / "zzz-changji-2024.txt").write_text(of(2024), encoding="utf-8")
        (d / "changji-2025.txt").write_text(of(2025), encoding="utf-8")
    other = (FIXTURES / "changshu-kjj-2021.txt").read_text(encoding="utf-8")
    for i in range(n - 2):  # another agency's reports, a third of them naming 2024
        year = 2022 + i % 3
        text = other.replace("2022年", f"{year + 1}年").replace("2021年", f"{year}年")
        (folder / f"{i:05d}-changshu-{year}.txt").write_text(text, encoding="utf-8")
    args = ["check", "--exit-zero", "--no-cache", "--select", "RL522", "--format", "json"]
    t = time.perf_counter()
    proc = subprocess.run([*EXE, *args, "folder/changji-2025.txt"], cwd=work, capture_output=True, check=False)
    once = time.perf_counter() - t
    found = b"zzz-changji-2024.txt" in proc.stdout
    alone = median_run([*args, "--output-file", str(work / "a.json"), "pair/changji-2025.txt"], work, repeat)
    among = median_run([*args, "--output-file", str(work / "b.json"), "folder/changji-2025.txt"], work, repeat)
    FIGURES.append(
        figure(
            "batch.big_folder_found",
            f"a folder of {n} reports: last year's report (sorting last) found (1 = yes)",
            int(found),
            "",
            ">= 1",
            cache="none",
            process="cold process",
        )
    )
    FIGURES.append(
        figure(
            "batch.big_folder_check",
            f"one check (RL522) in a folder of {n} reports, last year's sorting last",
            among.wall * 1000,
            "ms",
            None,
            n=repeat,
            cache="none",
            process="cold process",
            note=f"in a folder of 2: {alone.wall * 1000:.0f} ms",
        )
    )
    print(f"\na folder of {n} reports: one check (RL522) of a 2025 report whose 2024 report sorts last")
    print(f"  last year's report found: {found}: {verdict(found)}  (first run {once:.2f} s)")
    print(
        f"  in the folder of {n}   {among.wall:6.3f} s   (floor: in a folder of 2 {alone.wall:6.3f} s,"
        f" +{(among.wall - alone.wall) * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
