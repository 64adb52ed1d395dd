"""Nothing is skipped silently in the export formats either: on the folder of
tests/cli/test_not_checked.py (a damaged file of every readable suffix, every format no
reader reads, a FIFO, three files that are checked) every file not checked is listed by
``xlsx``, ``csv``, ``csv-records``, ``junit`` and ``gitlab`` with the reason stderr gives,
and the checked files are there too."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.cli.test_not_checked import _rel, folder  # noqa: F401 (a fixture)

FORMATS = ("xlsx", "csv", "csv-records", "junit", "gitlab")


def listed(fmt: str, data: bytes, root: Path) -> tuple[dict[str, str], set[str]]:
    """(name → reason of each file listed as not checked, names of every file listed)."""
    found: dict[str, str] = {}
    every: set[str] = set()
    if fmt == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        wb = openpyxl.load_workbook(io.BytesIO(data))
        [header, *rows] = list(wb["报告"].iter_rows(values_only=True))
        status, reason = header.index("状态"), header.index("原因")
        for row in rows:
            every.add(_rel(root, row[0]))
            if row[status] == "无法读取":
                found[_rel(root, row[0])] = row[reason]
    elif fmt in ("csv", "csv-records"):
        [header, *rows] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        for row in rows:
            every.add(_rel(root, row[0]))
            if fmt == "csv" and row[5] == "not-checked":
                found[_rel(root, row[0])] = row[8]
            elif fmt == "csv-records" and row[header.index("状态")] == "无法读取":
                found[_rel(root, row[0])] = row[header.index("原因")]
    elif fmt == "junit":
        for suite in ET.fromstring(data).findall("testsuite"):
            every.add(_rel(root, suite.get("name")))
            error = suite.find("testcase/error")
            if error is not None:
                found[_rel(root, suite.get("name"))] = error.get("message")
    elif fmt == "gitlab":
        for issue in json.loads(data):
            # relative to the repository root, here the folder the run started in
            name = _rel(root, str(root.parent / issue["location"]["path"]))
            every.add(name)
            if issue["check_name"] == "reportlint/not-checked":
                found[name] = issue["description"].partition(": ")[2]
    return found, every


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_file_not_checked_is_listed_with_its_reason(cli, folder, fmt, tmp_path):  # noqa: F811
    root, not_checked, checked = folder
    out = tmp_path / f"out.{fmt}"
    r = cli("check", "--no-cache", "--format", fmt, "-o", str(out), str(root), cwd=root.parent)
    assert r.returncode == 2, r.err
    assert "Traceback" not in r.err
    err_lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(err_lines) == len(not_checked), r.err
    found, every = listed(fmt, out.read_bytes(), root)
    assert set(found) == not_checked
    for name, reason in found.items():
        [line] = [line for line in err_lines if line.split(": ")[1].endswith(name)]
        assert reason and line.endswith(reason), (line, reason)
    if fmt in ("xlsx", "csv-records", "junit"):  # a row / a testsuite per file, clean ones too
        assert every == not_checked | checked
    else:  # per finding: the report's findings and the README's note are there
        assert {"pingtan-gov-2021.txt", "README.md"} <= every
