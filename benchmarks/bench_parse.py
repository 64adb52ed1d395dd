"""Warm parse throughput per input format: read + build the Document (no rules).

Targets: a ~10 KB text report ≤ 5 ms median (≥ 200 reports/s on one core);
.docx ≤ 30 ms; a PDF ≤ 150 ms a page with its tables read from the page geometry
(pdfplumber), ≤ 300 ms for the 6-page text layer alone. Also prints the time of all rules on top.

    python benchmarks/bench_parse.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from reportlint.config import ConfigLoader
from reportlint.document.build import build_document
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

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
# The PDF text layer alone (pypdf, no geometry pass), for comparison with the grids.
TEXT_LAYER = [(".pdf text layer only (huaian)", FIXTURES / "huaian-gov-2024.pdf", 300)]


def median_ms(fn, runs: int) -> float:
    fn()  # warm: imports, caches, opencc dictionaries
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=30)
    a = ap.parse_args()
    registry = load_registry(no_plugins=True)
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    print(f"{'input':<42}{'parse':>10}{'parse+rules':>14}{'reports/s':>11}   target")
    for label, path, target in CASES:
        data = path.read_bytes()
        parse = median_ms(lambda path=path, data=data: build_document(read(str(path), data=data)), a.runs)
        full = median_ms(lambda path=path, data=data: linter.lint_path(str(path), data=data), a.runs)
        print(f"{label:<42}{parse:8.2f}ms{full:12.2f}ms{1000 / parse:11.0f}   parse ≤ {target} ms")
    from reportlint.readers import pdf

    for label, path, target in TEXT_LAYER:
        data = path.read_bytes()
        parse = median_ms(lambda path=path, data=data: build_document(pdf.read_text_layer(str(path), data)), a.runs)
        print(f"{label:<42}{parse:8.2f}ms{'':>14}{1000 / parse:11.0f}   parse ≤ {target} ms")


if __name__ == "__main__":
    main()
