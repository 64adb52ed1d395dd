"""Worker processes change nothing in the output: ``-j 2`` writes byte for byte what
``-j 1`` writes, in every format (results are put back in the order the files were
given; cross-year pairing does not depend on which process read which neighbour)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The HTML page says when it was made (to the minute): the one line two runs may differ in.
GENERATED = re.compile(rb'(<div class="sub">[^<]*?)\d{4}-\d\d-\d\d \d\d:\d\d')


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The real text reports and a copy of each moved a year on: pairs for the
    cross-year rules, more files than workers."""
    folder = tmp_path_factory.mktemp("parallel") / "reports"
    folder.mkdir()
    for p in sorted(FIXTURES.glob("*.txt")):
        shutil.copy(p, folder / p.name)
        year = re.search(r"(19|20)\d\d", p.stem)
        if year:
            y = int(year.group())
            text = p.read_text(encoding="utf-8").replace(f"{y + 1}年", f"{y + 2}年").replace(f"{y}年", f"{y + 1}年")
            (folder / p.name.replace(str(y), str(y + 1))).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "text", "html"])
def test_parallel_output_is_byte_identical_to_serial(cli, reports, tmp_path, fmt):
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.{fmt}"
        args = ("check", "--no-cache", "--exit-zero", "-j", jobs, "--format", fmt, "--output-file", str(target))
        proc = cli(*args, str(reports))
        assert proc.returncode == 0, proc.err
        outputs.append(GENERATED.sub(rb"\1<time>", target.read_bytes()))
    serial, parallel = outputs
    assert serial == parallel
    assert len(serial) > 1000  # findings were written, not two empty files
