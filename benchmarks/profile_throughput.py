"""Where the CPU time of a serial check goes, per report (issue 16: ≥ 300 reports/s a core).

Checks the text reports of a folder (default: a synthetic corpus of 200 made on the fly,
see synthetic_corpus.py) in one warm process, as ``reportlint check --no-cache -j 1``
does — ``Linter.lint_path`` per file, no result cache, no output — and prints:

* the CPU time per report (``time.process_time``) of ``--runs`` passes over the folder,
  their median and minimum, and the reports/s the median gives;
* one more pass with clocks around reading, ``build_document`` and its stages (view,
  meta, sections, tables, blank-as-zero) and each rule's ``check``: the milliseconds per
  report of each, largest first. A shared analysis (narrative sentences, statements,
  tables of figures …) is charged to the first rule that asks for it, and the clocks
  themselves cost a little (the sum exceeds the plain figure by a few per cent).

It is a profile, not a benchmark with a target (``bench_batch.py`` gives the serial figure
of whole processes): it is not run by ``run_all.py``.

    python benchmarks/profile_throughput.py [FOLDER] [-n 200] [--runs 3] [--top 25]
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reportlint.run.engine as engine
from reportlint.config import ConfigLoader
from reportlint.document import blank_zero, build, meta, sections, tables
from reportlint.plugins.manager import load_registry
from synthetic_corpus import generate


def _passes(linter: engine.Linter, files: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.process_time()
        for f in files:
            linter.lint_path(f)
        out.append(1000 * (time.process_time() - t0) / len(files))
    return out


def _clocked_pass(linter: engine.Linter, files: list[str]) -> collections.Counter:
    """One pass with a clock around each stage and each rule (restored afterwards)."""
    spent: collections.Counter = collections.Counter()
    saved: list[tuple[object, str, object]] = []

    def clock(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            t0 = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - t0

        saved.append((owner, name, original))
        setattr(owner, name, timed)

    clock(engine, "build_document", "build_document (all)")
    clock(build, "build_view", "  build: view")
    clock(meta, "analyse", "  build: meta")
    clock(sections, "analyse", "  build: sections")
    clock(tables, "analyse", "  build: tables")
    clock(blank_zero, "analyse", "  build: blank as zero")
    run_rules = engine.Linter.run_rules

    class Clocked:
        def __init__(self, rule):
            self.rule = rule

        def __getattr__(self, name):
            return getattr(self.rule, name)

        def check(self, doc):
            t0 = time.process_time()
            try:
                return list(self.rule.check(doc))
            finally:
                spent[f"rule {self.rule.code}"] += time.process_time() - t0

    def clocked_rules(self, doc, rules, *args, **kwargs):
        return run_rules(self, doc, [Clocked(r) for r in rules], *args, **kwargs)

    saved.append((engine.Linter, "run_rules", run_rules))
    engine.Linter.run_rules = clocked_rules  # type: ignore[method-assign]
    try:
        t0 = time.process_time()
        for f in files:
            linter.lint_path(f)
        spent["(whole pass)"] = time.process_time() - t0
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", help="text reports to check (default: a synthetic corpus)")
    ap.add_argument("-n", type=int, default=200, help="reports of the synthetic corpus")
    ap.add_argument("--runs", type=int, default=3, help="plain passes timed (the median is printed)")
    ap.add_argument("--top", type=int, default=25, help="rules shown")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else Path(tmp)
        if not args.folder:
            generate(folder, args.n, 1)
        files = sorted(str(p) for p in folder.glob("*.txt"))
        if not files:
            sys.exit(f"{folder}: no .txt reports")
        linter = engine.Linter(load_registry(True), ConfigLoader(None))
        for f in files[:20]:  # warm: patterns, rule data, gazetteer
            linter.lint_path(f)
        runs = _passes(linter, files, args.runs)
        med = statistics.median(runs)
        print(f"{len(files)} reports, CPU per report: " + ", ".join(f"{r:.2f}" for r in runs) + " ms")
        print(f"  median {med:.2f} ms, min {min(runs):.2f} ms: {1000 / med:.0f} reports/s on one core (target ≥ 300)")
        spent = _clocked_pass(linter, files)
    n = len(files)
    whole = spent.pop("(whole pass)")
    built = spent.get("build_document (all)", 0.0)
    stages = sorted(((k, v) for k, v in spent.items() if k.startswith("  build:")), key=lambda kv: -kv[1])
    rules = sorted(((k, v) for k, v in spent.items() if k.startswith("rule ")), key=lambda kv: -kv[1])
    rules_total = sum(v for _, v in rules)
    print(f"\nclocked pass: {1000 * whole / n:.2f} ms per report")
    print(f"  {'build_document (all)':28s} {1000 * built / n:6.3f} ms")
    for k, v in stages:
        print(f"  {k:28s} {1000 * v / n:6.3f} ms")
    print(f"  {'rules (all)':28s} {1000 * rules_total / n:6.3f} ms")
    for k, v in rules[: args.top]:
        print(f"    {k:26s} {1000 * v / n:6.3f} ms")
    rest = whole - rules_total - built
    print(f"  {'the rest (read, engine)':28s} {1000 * rest / n:6.3f} ms")


if __name__ == "__main__":
    main()
