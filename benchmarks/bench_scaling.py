"""Time against report size and against folder size: is the check linear in both?

Report size, in one warm process (imports, opencc and the compiled patterns loaded, one
uncounted check first), through the API the CLI uses (``Linter.lint_path``, every
built-in rule, default settings, no result cache — the API has none): a report made of
the first line of a real report (its title) and its body repeated 1, 2, 4, 8 and 16
times. For each size the median of ``--runs`` checks, in CPU time of the process
(``time.process_time``: the check is single-threaded, and a busy shared machine
disturbs CPU time far less than wall time; the wall-clock medians are printed too).
Printed: ms per report and per KB at each size, the least-squares slope in ms per KB,
the ratio of the largest size's per-KB time to the smallest's (the fixed part of a
check — the title, the tables, the signature — makes it fall below 1 when the rest is
linear; above 1 means superlinear), and the ratio of the per-KB cost of the last
doubling to that of the first (≈ 1 when linear: the fixed part cancels out).

Folder size, whole ``reportlint check FOLDER --no-cache -j 1 --format jsonl`` processes
(result cache off, serial, findings as JSON lines — the text format's snippets are the
formatter's cost, not the check's — and the package's .pyc compiled first, as a wheel
installs them): folders of N = 100, 1,000 and 10,000 small reports (the first ~2,000
characters, ~6 KB, of the synthetic corpus's variants of the real reports: the same
agencies in different years, so every report has cross-year neighbours to look for,
and many have last year's report). Each folder is checked ``--folder-runs`` times (the
median), after one uncounted run; the CPU time (user + sys) of a folder of one report,
measured the same way, is the start-up subtracted, so the figure is CPU seconds per
1,000 reports of checking (wall time in the note). Linear: the same figure at every N.

    python benchmarks/bench_scaling.py [--report tests/fixtures/pingtan-gov-2016.txt]
        [--sizes 1,2,4,8,16] [--runs 7] [--folders 100,1000,10000] [--folder-runs 1] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import FIXTURES, variants
from timing import Run, compile_package, emit, figure, machine, measure, python_env, reportlint_command

DEFAULT_REPORT = FIXTURES / "pingtan-gov-2016.txt"  # 15 KB, findings of RL534/RL606 in every copy
SIZES = (1, 2, 4, 8, 16)
SMALL_REPORT_CHARS = 2000
LINEAR = "<= 1.25"  # a ratio of per-KB times; 1 is exactly linear


def repeated_report(source: Path, copies: int) -> str:
    head, _, body = source.read_text(encoding="utf-8").partition("\n")
    return f"{head}\n" + (body.rstrip("\n") + "\n") * copies


def report_size_figures(source: Path, sizes: tuple[int, ...], runs: int) -> list[dict]:
    registry = load_registry(no_plugins=True)
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in sizes:
            path = Path(tmp) / f"{source.stem}-x{copies}.txt"
            path.write_text(repeated_report(source, copies), encoding="utf-8")
            data = path.read_bytes()
            linter.lint_path(str(path), data=data)  # uncounted: first use of this size's memory
            cpu, wall = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                linter.lint_path(str(path), data=data)
                cpu.append((time.process_time() - start_cpu) * 1000)
                wall.append((time.perf_counter() - start) * 1000)
            rows.append((copies, len(data) / 1024, statistics.median(cpu), statistics.median(wall)))
    print(f"{'copies':>7}{'KB':>9}{'CPU ms':>10}{'CPU ms/KB':>11}{'wall ms':>10}", file=sys.stderr)
    for copies, kb, ms, wall_ms in rows:
        print(f"{copies:>7}{kb:>9.1f}{ms:>10.1f}{ms / kb:>11.3f}{wall_ms:>10.1f}", file=sys.stderr)
    kbs, mss = [row[1] for row in rows], [row[2] for row in rows]
    mean_kb, mean_ms = statistics.fmean(kbs), statistics.fmean(mss)
    slope = sum((k - mean_kb) * (m - mean_ms) for k, m in zip(kbs, mss, strict=True)) / sum(
        (k - mean_kb) ** 2 for k in kbs
    )
    intercept = mean_ms - slope * mean_kb
    per_kb_ratio = (mss[-1] / kbs[-1]) / (mss[0] / kbs[0])
    first_step = (mss[1] - mss[0]) / (kbs[1] - kbs[0])
    last_step = (mss[-1] - mss[-2]) / (kbs[-1] - kbs[-2])
    what = f"check of {source.name}'s body repeated {sizes[0]}–{sizes[-1]}× ({kbs[0]:.0f}–{kbs[-1]:.0f} KB)"
    common = {"n": runs, "cache": "none", "process": "warm process"}
    sizes_note = ", ".join(f"{kb:.0f} KB {ms:.1f} ms" for _, kb, ms, _ in rows)
    return [
        figure(
            "scaling.report_slope",
            f"CPU time per KB of report, least-squares slope over the {what}",
            slope,
            "ms/KB",
            None,
            note=f"ms ≈ {intercept:.1f} + {slope:.3f} × KB; {sizes_note}",
            **common,
        ),
        figure(
            "scaling.report_per_kb_ratio",
            f"per-KB time of the largest report ÷ that of the smallest, {what}",
            per_kb_ratio,
            "×",
            LINEAR,
            note="below 1: the fixed part of a check is spread over more KB",
            **common,
        ),
        figure(
            "scaling.report_marginal_ratio",
            f"per-KB cost of the last doubling ÷ that of the first, {what}",
            last_step / first_step,
            "×",
            LINEAR,
            note=f"first step {first_step:.3f} ms/KB, last step {last_step:.3f} ms/KB",
            **common,
        ),
    ]


def small_reports(folder: Path, n: int) -> None:
    """``n`` small reports: each variant of the synthetic corpus cut at the first line or
    sentence end after SMALL_REPORT_CHARS characters."""
    folder.mkdir(parents=True)
    for name, text in variants(n, seed=1):
        ends = [i for i in (text.find("\n", SMALL_REPORT_CHARS), text.find("。", SMALL_REPORT_CHARS)) if i != -1]
        (folder / name).write_text(text[: min(ends) + 1] + "\n" if ends else text, encoding="utf-8")


def folder_size_figures(counts: tuple[int, ...], runs: int) -> list[dict]:
    compile_package()
    command = reportlint_command()
    env = python_env()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {1: Path(tmp) / "n1"}
        small_reports(folders[1], 1)
        for n in counts:
            folders[n] = Path(tmp) / f"n{n}"
            small_reports(folders[n], n)
        check = {
            n: Run(
                [*command, "check", str(folder), "--no-cache", "-j", "1", "--no-plugins", "--format", "jsonl"],
                env=env,
                cwd=tmp,
            )
            for n, folder in folders.items()
        }
        measure({1: check[1]}, 1, warmup=1)  # uncounted: the OS file cache, the pattern store
        samples = {}
        for n in (1, *counts):
            samples[n] = measure({n: check[n]}, runs, warmup=0)[n]
            print(f"{n:>7} reports: {samples[n].median / 1000:.2f} s wall", file=sys.stderr)
    cpu = {n: statistics.median(sample.cpu_ms) for n, sample in samples.items()}
    per_1000 = {n: (cpu[n] - cpu[1]) / n for n in counts}  # CPU ms per report = CPU s per 1,000 reports
    out = [
        figure(
            f"scaling.folder_{n}",
            f"reportlint check of a folder of {n:,} small reports (~6 KB, cross-year neighbours), "
            "-j 1 --no-cache --format jsonl, CPU time, the one-report run subtracted",
            per_1000[n],
            "s/1000 reports",
            None,
            samples[n],
            cache="none",
            process="cold process",
            note=f"whole run CPU {cpu[n] / 1000:.2f} s, wall {samples[n].median / 1000:.2f} s; "
            f"one report CPU {cpu[1]:.0f} ms",
        )
        for n in counts
    ]
    smallest, largest = counts[0], counts[-1]
    out.append(
        figure(
            "scaling.folder_ratio",
            f"CPU time per report in the folder of {largest:,} ÷ that in the folder of {smallest:,}",
            per_1000[largest] / per_1000[smallest],
            "×",
            LINEAR,
            n=runs,
            cache="none",
            process="cold process",
        )
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="the real report whose body is repeated")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="copies of the body, comma-separated")
    ap.add_argument("--runs", type=int, default=7, help="checks per report size (the median)")
    ap.add_argument("--folders", default="100,1000,10000", help="folder sizes, comma-separated ('' for none)")
    ap.add_argument("--folder-runs", type=int, default=1, help="runs per folder (the median)")
    ap.add_argument("--quick", action="store_true", help="sizes 1-4, folders of 20 and 100: a smoke test, not figures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    a = ap.parse_args()
    sizes = tuple(int(k) for k in a.sizes.split(","))
    runs, counts = a.runs, tuple(int(n) for n in a.folders.split(",") if n)
    if a.quick:
        sizes, runs, counts = (1, 2, 4), 2, (20, 100)
    if not a.json:
        m = machine()
        print(f"{m['cpu']}, {m['cores']} cores, {m['python']}, {m['os']}, {m['date']}")
    figures = report_size_figures(a.report, sizes, runs)
    if counts:
        figures += folder_size_figures(counts, a.folder_runs)
    emit(figures, a.json)


if __name__ == "__main__":
    main()
