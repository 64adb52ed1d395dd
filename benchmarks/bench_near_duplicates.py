"""Copied text across agencies: the narrative signature of one report, and the batch's search.

1. ``narrative_signature`` of a real report (changji, 9 KB of text), in one warm process:
   the median of N calls on a Document whose sentences and agency names the rules have
   already found (as ``record_for`` calls it, after the rules), and, for comparison, on a
   freshly built Document each time (those analyses included, the build not); and the
   fixture with the most narrative (pingtan 2019, 17 KB), scaled to 8 KB. Target:
   < 1 ms for an ~8 KB report.
2. ``find_pairs`` over 10,000 synthetic signatures with 50 planted pairs: the time of the
   LSH search and the verification of its candidates (the signing of the synthetic sets
   is not counted), the recall of the planted pairs, the pairs found that were not
   planted, and the candidates compared. Each synthetic narrative is a set of 1,500
   shingles, 750 of them drawn from a shared pool of 4,000 — the template's phrases, which
   give two unrelated reports a Jaccard similarity of about 0.05 (what two unrelated real
   reports have, see analysis/copied_text.py) — and the rest its own; a planted copy keeps
   a share of 0.55–1.0 of its original's shingles and replaces the rest. Target: seconds
   (< 5 s) for 10,000 reports, recall ≥ 0.95.

It measures neither reading the reports nor the records' way through the formatters.

    python benchmarks/bench_near_duplicates.py [--reports 10000] [--runs 50] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from array import array
from pathlib import Path

from reportlint.analysis import copied_text
from reportlint.audit.near_duplicates import DEFAULT_THRESHOLD, candidate_pairs, find_pairs, rows_per_band
from reportlint.core.records import ReportRecord
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import emit, figure

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
FIXTURE = FIXTURES / "changji-kjj-2021.txt"
LONG_FIXTURE = FIXTURES / "pingtan-gov-2019.txt"
SHINGLES = 1500
POOL = 4000
FROM_POOL = 750
PLANTED = 50


def _document(text: str, path: Path = FIXTURE):
    return build_document(Extracted(path=str(path), kind="text", text=text, origins=OriginMap(text)))


def _warm_signature_ms(doc, runs: int) -> list[float]:
    copied_text.narrative_signature(doc)  # the analyses the rules would have run
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        copied_text.narrative_signature(doc)
        out.append((time.perf_counter() - t) * 1000)
    return out


def signature_figures(runs: int) -> list[dict]:
    text = FIXTURE.read_text(encoding="utf-8")
    size_kb = len(text.encode("utf-8")) / 1024
    doc = _document(text)
    warm = _warm_signature_ms(doc, runs)
    fresh = []
    for _ in range(max(3, runs // 5)):
        d = _document(text)
        t = time.perf_counter()
        copied_text.narrative_signature(d)
        fresh.append((time.perf_counter() - t) * 1000)
    chars = len(copied_text.signature_text(doc))
    # The real report with the most narrative: the time scaled to 8 KB of its text.
    long_text = LONG_FIXTURE.read_text(encoding="utf-8")
    long_kb = len(long_text.encode("utf-8")) / 1024
    long_doc = _document(long_text, LONG_FIXTURE)
    long_ms = statistics.median(_warm_signature_ms(long_doc, runs))
    long_chars = len(copied_text.signature_text(long_doc))
    return [
        figure(
            "near_duplicates.signature",
            f"narrative_signature of changji ({size_kb:.1f} KB, {chars} characters of narrative signed), "
            "sentences and agency names already found by the rules",
            statistics.median(warm),
            "ms",
            "< 1",
            n=len(warm),
            pyc="n/a",
            process="warm process",
            min=round(min(warm), 3),
            max=round(max(warm), 3),
        ),
        figure(
            "near_duplicates.signature_8kb",
            f"narrative_signature of pingtan 2019 ({long_kb:.1f} KB, {long_chars} characters of narrative, the most"
            " of the fixtures), per 8 KB of the report",
            long_ms * 8 / long_kb,
            "ms",
            "< 1",
            n=runs,
            pyc="n/a",
            process="warm process",
            note=f"{long_ms:.2f} ms for the whole report",
        ),
        figure(
            "near_duplicates.signature_fresh",
            "narrative_signature of changji on a new Document (its sentence split and agency names included)",
            statistics.median(fresh),
            "ms",
            None,
            n=len(fresh),
            pyc="n/a",
            process="warm process",
        ),
    ]


def _own_shingles(count: int) -> list[int]:
    return array("Q", os.urandom(8 * count)).tolist()


def synthetic_records(reports: int, rng: random.Random) -> tuple[list[ReportRecord], set[tuple[str, str]]]:
    """``reports`` records with signatures of synthetic narratives, ``PLANTED`` of them
    copies of others (see the module doc); and the planted pairs' paths."""
    pool = _own_shingles(POOL)
    records: list[ReportRecord] = []
    sets: list[list[int]] = []
    originals = reports - PLANTED
    for i in range(originals):
        keys = rng.sample(pool, FROM_POOL) + _own_shingles(SHINGLES - FROM_POOL)
        sets.append(keys)
        records.append(ReportRecord(path=f"r{i:05d}.txt", agency=f"机关{i}", signature=copied_text.signature_of(keys)))
    planted: set[tuple[str, str]] = set()
    for n, source in enumerate(rng.sample(range(originals), PLANTED)):
        kept = rng.uniform(0.55, 1.0)
        keys = sets[source]
        keep = rng.sample(keys, int(len(keys) * kept))
        keys = keep + _own_shingles(len(keys) - len(keep))
        path = f"copy{n:02d}.txt"
        records.append(ReportRecord(path=path, agency=f"复制机关{n}", signature=copied_text.signature_of(keys)))
        planted.add(tuple(sorted((records[source].path, path))))  # type: ignore[arg-type]
    return records, planted


def search_figures(reports: int, runs: int) -> list[dict]:
    rng = random.Random(17)
    records, planted = synthetic_records(reports, rng)
    times = []
    cpu = []
    pairs = []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        pairs = find_pairs(records, DEFAULT_THRESHOLD)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    found = {tuple(sorted((p.path_a, p.path_b))) for p in pairs}
    recall = len(found & planted) / len(planted)
    extra = len(found - planted)
    rows = rows_per_band(DEFAULT_THRESHOLD)
    candidates = len(candidate_pairs([r.signature for r in records if r.signature], rows))
    all_pairs = reports * (reports - 1) // 2
    note = (
        f"threshold {DEFAULT_THRESHOLD}, {copied_text.SIGNATURE_BINS} bins in bands of {rows}; "
        f"{candidates} candidates compared of {all_pairs} pairs ({100 * candidates / all_pairs:.3f} %); "
        f"{extra} pairs found that were not planted; CPU {statistics.median(cpu):.2f} s"
    )
    return [
        figure(
            "near_duplicates.find_pairs",
            f"find_pairs over {reports} synthetic signatures with {PLANTED} planted copies (share 0.55–1.0)",
            statistics.median(times),
            "s",
            "< 5",
            n=len(times),
            pyc="n/a",
            process="warm process",
            note=note,
        ),
        figure(
            "near_duplicates.recall",
            f"planted copies found by find_pairs among {reports} synthetic signatures",
            recall,
            "share",
            ">= 0.95",
            pyc="n/a",
            process="warm process",
        ),
    ]


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=50, help="signature calls; the search runs 3 times")
    ap.add_argument("--quick", action="store_true", help="1,000 reports, few runs: a smoke test, not figures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    a = ap.parse_args(argv)
    reports = 1_000 if a.quick else a.reports
    figures = signature_figures(5 if a.quick else a.runs)
    figures += search_figures(reports, 1 if a.quick else 3)
    emit(figures, a.json)
    return figures


if __name__ == "__main__":
    main()
