"""Run every benchmark, print each figure against its target beside the import floor, rewrite the README's table.

One command for the README's *Performance* table:

    python benchmarks/run_all.py [--quick] [--only cli,parse] [--skip hostile] [--no-write] [--readme PATH]

It compiles the package's .pyc (as a wheel install has them), runs each ``bench_*.py``
below in a process of its own with ``--json`` (the convention of benchmarks/README.md),
prints every figure with its target, whether it is met and its ratio to the import floor
measured in the same run, and writes the table between ``<!-- speed-table:start -->`` and
``<!-- speed-table:end -->`` of README.md, headed by the machine and the date. A
benchmark that is missing or fails is a row saying so, never a silently absent figure.

``--quick`` runs each benchmark on small inputs with few repetitions: a check that the
machinery works (``tests/test_benchmarks.py``), not figures; it writes a README only when
``--readme`` names one, and the table then says it is a quick run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import ROOT, compile_package, emit, floor_figures, floor_runs, machine, measure, target_met

HERE = Path(__file__).resolve().parent
README = ROOT / "README.md"
START, END = "<!-- speed-table:start -->", "<!-- speed-table:end -->"

# key → script, in the order of the table: start-up first, then throughput, then limits.
BENCHMARKS = {
    "cli": "bench_cli.py",
    "wheel": "bench_wheel.py",
    "parse": "bench_parse.py",
    "batch": "bench_batch.py",
    "scaling": "bench_scaling.py",
    "server": "bench_server.py",
    "hostile": "bench_hostile.py",
    "near_duplicates": "bench_near_duplicates.py",
    "html": "bench_html.py",
}
TIMEOUT_S = 3600  # the batch of 10,000 reports takes minutes on the 2-core machine
FIGURE_KEYS = ("name", "what", "value", "unit", "target", "n", "cache", "pyc", "process")


def run_benchmark(key: str, quick: bool) -> tuple[list[dict[str, Any]], str | None]:
    """The figures of one benchmark, or an error saying why there are none."""
    script = HERE / BENCHMARKS[key]
    if not script.is_file():
        return [], f"{script.name} does not exist"
    argv = [sys.executable, str(script), "--json", *(["--quick"] if quick else [])]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [], f"{script.name} took more than {TIMEOUT_S} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return [], f"{script.name} exited {done.returncode}: {last[:200]}"
    try:
        figures = json.loads(done.stdout)
    except ValueError:
        return [], f"{script.name} --json printed no JSON array (see benchmarks/README.md)"
    bad = [f for f in figures if not isinstance(f, dict) or any(k not in f for k in FIGURE_KEYS)]
    if not isinstance(figures, list) or bad:
        return [], f"{script.name} --json: figures without {', '.join(FIGURE_KEYS)}"
    return figures, None


def with_verdicts(figures: list[dict[str, Any]], floor_ms: float | None) -> list[dict[str, Any]]:
    """Each figure with ``met`` decided and, for a cold process in ms, its ratio to the floor."""
    out = []
    for f in figures:
        f = dict(f)
        if "met" not in f:
            met = target_met(f["value"], f["target"])
            if met is not None:
                f["met"] = met
        cold_ms = f["unit"] == "ms" and f["process"] == "cold process" and not f["name"].startswith("floor.")
        if floor_ms and cold_ms and "floor_ratio" not in f:
            f["floor_ratio"] = round(f["value"] / floor_ms, 2)
        out.append(f)
    return out


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"


def _target(target: str | None, unit: str) -> str:
    if not target:
        return "—"
    op, _, number = target.partition(" ")
    symbol = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}[op]
    return f"{symbol} {float(number):g} {unit}"


def table(figures: list[dict[str, Any]], errors: dict[str, str], info: dict[str, Any], quick: bool) -> str:
    """The README's table (Markdown), headed by the machine, the date and the import floor."""
    floors = {f["name"]: f for f in figures if f["name"].startswith("floor.")}
    lines = [
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, {info['python']}, {info['os']}, "
        "by `python benchmarks/run_all.py`"
        + (" in **quick mode (tiny inputs, 3 runs: not figures)**" if quick else "")
        + ". A *cold process* is a new process per measurement; *cache* is the result cache "
        "(*miss*: empty, *hit*: holding the file, *none*: `--no-cache`); *.pyc compiled* is what "
        "`pip install .` installs.",
    ]
    if floors:
        parts = [f"`{f['what'].split(':')[0]}` {f['value']:.1f} ms (n={f['n']})" for f in floors.values()]
        lines += ["", "Import floor in the same run: " + ", ".join(parts) + "."]
    lines += [
        "",
        "| what is measured | median (n) | target | met | × import floor | cache | .pyc | process | notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        if f["name"].startswith("floor."):
            continue
        met = {True: "yes", False: "**no**", None: "—"}[f.get("met")]
        ratio = f"{f['floor_ratio']:.2f}×" if "floor_ratio" in f else "—"
        row = [
            f["what"],
            f"{_number(f['value'])} {f['unit']} ({f['n']})",
            _target(f["target"], f["unit"]),
            met,
            ratio,
            f["cache"],
            f["pyc"],
            f["process"],
            f.get("note", ""),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    for key, error in errors.items():
        lines.append(f"| {_cell(BENCHMARKS[key])} | not measured | — | **no** | — | — | — | — | {_cell(error)} |")
    return "\n".join(lines)


def write_table(readme: Path, markdown: str) -> None:
    """Replace what lies between the markers of ``readme`` with ``markdown``."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start == -1 or end < start:
        raise SystemExit(f"{readme}: no {START} … {END} markers to write the table between")
    readme.write_text(text[: start + len(START)] + "\n" + markdown + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small inputs, few runs: a smoke test, not figures")
    ap.add_argument("--only", help=f"comma-separated, of: {', '.join(BENCHMARKS)}")
    ap.add_argument("--skip", help="comma-separated benchmarks not to run")
    ap.add_argument("--no-write", action="store_true", help="print only; leave the README alone")
    ap.add_argument("--readme", type=Path, help="the README to write the table into (default: README.md)")
    ap.add_argument("--json-out", type=Path, help="also save every figure and the machine as JSON here")
    a = ap.parse_args(argv)
    keys = [k.strip() for k in a.only.split(",")] if a.only else list(BENCHMARKS)
    skip = {k.strip() for k in a.skip.split(",")} if a.skip else set()
    unknown = [k for k in [*keys, *skip] if k not in BENCHMARKS]
    if unknown:
        ap.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    keys = [k for k in keys if k not in skip]

    compile_package()
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, {info['python']}, {info['os']}, {info['date']}", flush=True)
    figures: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for key in keys:
        print(f"--- {BENCHMARKS[key]}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        found, error = run_benchmark(key, a.quick)
        print(f"    {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        figures += found
        if error:
            errors[key] = error
            print(f"    NOT MEASURED: {error}", file=sys.stderr, flush=True)
    if not any(f["name"] == "floor.imports" for f in figures):
        # No start-up benchmark ran: measure the floor here, so the ratios still have one.
        figures = floor_figures(measure(floor_runs(), 3 if a.quick else 11)) + figures
    floor = next(f["value"] for f in figures if f["name"] == "floor.imports")
    figures = with_verdicts(figures, floor)
    print()
    emit(figures, as_json=False)
    for key, error in errors.items():
        print(f"{BENCHMARKS[key]:<28} NOT MEASURED: {error}")

    if a.json_out:
        a.json_out.write_text(json.dumps({"machine": info, "figures": figures, "errors": errors}, ensure_ascii=False))
    readme = a.readme or (None if a.quick else README)
    if readme and not a.no_write:
        write_table(readme, table(figures, errors, info, a.quick))
        print(f"\nwrote the table into {readme}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
