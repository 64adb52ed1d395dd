"""Warm parse throughput per input format: read + build the Document (no rules).

Targets: a ~10 KB text report ≤ 5 ms median (≥ 200 reports/s on one core);
.docx ≤ 30 ms; a PDF ≤ 150 ms a page with its tables read from the page geometry
(pdfplumber), ≤ 300 ms for the 6-page text layer alone. Also prints the time of all rules on top.
Measured in one warm process (imports, opencc and the compiled patterns already loaded,
one uncounted call first): the median of N calls; no result cache is involved.

    python benchmarks/bench_parse.py [--runs 30] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reportlint.config import ConfigLoader
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import emit, figure

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
CASES = [
    ("text ~10 KB (changji, 9 KB)", FIXTURES / "changji-kjj-2021.txt", 5),
    ("text, Traditional + pinyin (changzhou)", FIXTURES / "changzhou-kjj-2021.txt", 5),
    ("text, Word export (taierzhuang)", FIXTURES / "taierzhuang-kjj-2021.txt", 5),
    (".docx (blank 2021 template)", FIXTURES / "template-2021-blank.docx", 30),
    (".pdf (huaian, 6 pages)", FIXTURES / "huaian-gov-2024.pdf", 900),
    (".pdf (hongze, WPS, 5 pages)", FIXTURES / "hongze-gov-2023.pdf", 900),
    (".pdf (LibreOffice draft, 4 pages)", FIXTURES / "drafts" / "huaian-draft-2024.pdf", 600),
]
CASE_KEYS = ["text", "text_traditional", "text_word", "docx", "pdf_huaian", "pdf_wps", "pdf_libreoffice"]
# The PDF text layer alone (pypdf, no geometry pass), for comparison with the grids.
TEXT_LAYER = [(".pdf text layer only (huaian)", FIXTURES / "huaian-gov-2024.pdf", 300)]
TEXT_LAYER_KEYS = ["pdf_text_layer"]


def parse_once(path: str, data: bytes) -> object:
    return build_document(read(path, data=data))


def text_layer_once(read_text_layer: Callable[[str, bytes], Extracted], path: str, data: bytes) -> object:
    return build_document(read_text_layer(path, data))


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, int]:
    """Median milliseconds of ``fn()`` over ``runs`` calls, after one uncounted call."""
    fn()  # warm: imports, caches, opencc dictionaries
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), len(times)


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--quick", action="store_true", help="3 runs, no PDF: a smoke test, not figures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    a = ap.parse_args(argv)
    runs = 3 if a.quick else a.runs
    cases = [case for case in CASES if not (a.quick and case[1].suffix == ".pdf")]
    registry = load_registry(no_plugins=True)
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    figures = []

    def add(name: str, what: str, value: float, n: int, target: str | None, note: str | None = None) -> None:
        figures.append(figure(name, what, value, "ms", target, n=n, pyc="n/a", process="warm process", note=note))

    for key, (label, path, target) in zip(CASE_KEYS, CASES, strict=True):
        if (label, path, target) not in cases:
            continue
        data = path.read_bytes()
        parse, n = median_ms(partial(parse_once, str(path), data), runs)
        full, _ = median_ms(partial(linter.lint_path, str(path), data=data), runs)
        add(f"parse.{key}", f"read + build the Document of {label}", parse, n, f"<= {target}", f"{1000 / parse:.0f}/s")
        add(f"parse.{key}_rules", f"the same and all rules (Linter.lint_path), {label}", full, n, None)
    if not a.quick:
        from reportlint.readers import pdf

        for key, (label, path, target) in zip(TEXT_LAYER_KEYS, TEXT_LAYER, strict=True):
            data = path.read_bytes()
            parse, n = median_ms(partial(text_layer_once, pdf.read_text_layer, str(path), data), runs)
            add(f"parse.{key}", f"read + build the Document of {label}", parse, n, f"<= {target}")
    emit(figures, a.json)
    return figures


if __name__ == "__main__":
    main()
