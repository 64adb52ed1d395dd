"""The largest hostile inputs of issue 11, against the per-file limits.

For each generated input this runs ``reportlint check --no-cache -f json`` once in a
fresh process and prints: wall-clock seconds, the peak resident memory of that run
(the largest of the CLI process and its worker processes — ``ru_maxrss`` of the
descendants, measured by a wrapper process per input so runs do not mix), the exit
status, the number of findings, and the stderr line when the file was stopped. What
is *not* measured: CPU time, memory of the page cache, and anything but the first
run (no warm-up, no repetition: the machine is shared, so expect ±30%).

The per-file limits are the defaults (60 s, 2 GiB) unless ``--time-limit`` /
``--memory-limit`` are given; files above 256 KiB, PDFs and .docx run in a worker
process where both limits hold.

    python benchmarks/bench_hostile.py [--quick] [--only NAME] [--time-limit S] [--memory-limit SIZE] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import emit, figure

TITLE = "某县人民政府2021年政府信息公开工作年度报告\n"
DEFAULT_TIME_LIMIT_S = 60  # the CLI's default --time-limit and --memory-limit
DEFAULT_MEMORY_LIMIT_MB = 2048


def inputs(quick: bool) -> dict[str, tuple[str, bytes, list[str]]]:
    """name → (file name, bytes, extra CLI args)."""
    k = 10 if quick else 1
    return {
        "100k-placeholders": ("ph.txt", (TITLE + "20XX年某某\n" * (100_000 // k)).encode(), []),
        "5M-open-brackets": ("open.txt", (TITLE + "（" * (5_000_000 // k)).encode(), []),
        "1M-closers": ("close.txt", (TITLE + "）" * (1_000_000 // k)).encode(), []),
        "80k-blank-lines": ("blank.txt", (TITLE + "\n" * (80_000 // k) + "正文\n").encode(), []),
        "2M-short-lines": ("lines.txt", (TITLE + "a\n" * (2_000_000 // k)).encode(), []),
        "19MB-html-entities": (
            "entities.html",
            ("<html><body><p>" + "&amp;&nbsp;&#x4e00;" * (1_000_000 // k) + "</p></body></html>").encode(),
            [],
        ),
        "50MB-html-page": (
            "page.html",
            (
                "<html><body>" + "<p>政府信息公开工作年度报告正文内容。</p>\n" * (850_000 // k) + "</body></html>"
            ).encode(),
            ["--max-file-size", "60MB"],
        ),
        "4MB-random-bytes-as-txt": ("noise.txt", bytes(range(128, 256)) * (32_768 // k), []),
        # The reader cases of tests/readers/test_readers_hostile.py, whose timings are
        # measured here and not asserted there.
        "12MB-one-line-text": ("oneline.txt", "统计期限".encode() * (1024 * 1024 // k), ["--max-file-size", "16MB"]),
        "50MB-text-over-the-limit": (
            "huge.txt",
            "政府信息公开".encode() * (50 * 1024 * 1024 // 18 // k),
            ["--max-file-size", "1MB"],
        ),
        "100k-nested-divs": ("deep.html", ("<div>" * (100_000 // k) + "正文" + "</div>" * (100_000 // k)).encode(), []),
    }


WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    rss //= 1024
try:
    findings = sum(1 for x in json.loads(p.stdout or b"[]") if "type" not in x)  # not the file's record
except ValueError:
    findings = -1
err = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
print(json.dumps({"wall": wall, "rss_mb": rss / 1024, "rc": p.returncode, "findings": findings, "err": err[:1]}))
"""


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="inputs a tenth of the size")
    ap.add_argument("--only", help="run only this input")
    ap.add_argument("--time-limit")
    ap.add_argument("--memory-limit")
    ap.add_argument(
        "--json",
        action="store_true",
        help="print the slowest run and the largest peak memory as JSON (benchmarks/README.md)",
    )
    args = ap.parse_args(argv)
    # With --json the readable table goes to stderr: stdout holds the JSON array only.
    out_file = sys.stderr if args.json else sys.stdout
    limits = []
    if args.time_limit:
        limits += ["--time-limit", args.time_limit]
    if args.memory_limit:
        limits += ["--memory-limit", args.memory_limit]
    print(f"limits: {' '.join(limits) or 'defaults (--time-limit 60, --memory-limit 2GB)'}", file=out_file)
    print(f"{'input':26} {'size':>9} {'wall s':>7} {'peak MB':>8} {'rc':>3} {'found':>6}  stopped?", file=out_file)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file_name, data, extra) in inputs(args.quick).items():
            if args.only and args.only != name:
                continue
            path = Path(tmp) / file_name
            path.write_bytes(data)
            cmd = [
                sys.executable,
                "-c",
                WRAPPER,
                sys.executable,
                "-m",
                "reportlint",
                "check",
                "--no-cache",
                "--lang",
                "en",
                "-f",
                "json",
                *limits,
                *extra,
                str(path),
            ]
            out = json.loads(subprocess.run(cmd, capture_output=True, check=True).stdout)
            note = out["err"][0].split(": ", 2)[-1][:70] if out["err"] else ""
            size = f"{len(data) / 1024**2:.1f}MB"
            print(
                f"{name:26} {size:>9} {out['wall']:7.1f} {out['rss_mb']:8.0f} {out['rc']:3d} {out['findings']:6d}  {note}",
                file=out_file,
            )
            results[name] = out
            path.unlink()
    figures = summary(results, args.quick, bool(limits))
    if args.json:
        emit(figures, as_json=True)
    return figures


def summary(results: dict[str, dict], quick: bool, custom_limits: bool) -> list[dict]:
    """The slowest run and the largest peak memory over all inputs, against the default limits."""
    if not results:
        return []
    slowest = max(results, key=lambda name: results[name]["wall"])
    largest = max(results, key=lambda name: results[name]["rss_mb"])
    scope = f"{len(results)} hostile inputs{' at a tenth of their size' if quick else ''}"
    target_s = None if custom_limits else f"<= {DEFAULT_TIME_LIMIT_S}"
    target_mb = None if custom_limits else f"< {DEFAULT_MEMORY_LIMIT_MB}"
    return [
        figure(
            "hostile.slowest",
            f"the slowest check --no-cache of {scope}, one run each",
            results[slowest]["wall"],
            "s",
            target_s,
            cache="none",
            process="cold process",
            note=f"{slowest}, exit status {results[slowest]['rc']}",
        ),
        figure(
            "hostile.peak_memory",
            f"the largest peak RSS (CLI and workers) over {scope}",
            results[largest]["rss_mb"],
            "MB",
            target_mb,
            cache="none",
            process="cold process",
            note=f"{largest}, exit status {results[largest]['rc']}",
        ),
    ]


if __name__ == "__main__":
    main()
