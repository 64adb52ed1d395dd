"""``--format csv`` (findings) and ``--format csv-records`` (one row per file), through
the CLI on a batch of real reports."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from tests.conftest import FIXTURES, run_cli
from tests.output.test_xlsx import make_batch

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return make_batch(tmp_path_factory.mktemp("csv"))


@pytest.fixture(scope="module")
def json_findings(batch) -> list[dict]:
    proc = run_cli("check", "batch", "-f", "json", "--no-cache", cwd=batch.parent)
    return [e for e in json.loads(proc.stdout) if "code" in e]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM), data[:10]  # Excel on a Chinese PC reads UTF-8 only with it
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline="")))


def test_findings_csv_is_the_json_findings_with_a_row_for_the_unreadable_file(batch, json_findings):
    proc = run_cli("check", "batch", "-f", "csv", "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2
    table = read_csv(proc.stdout)
    assert table[0] == ["文件", "单位", "行", "单元格", "代码", "规则", "类别", "级别", "问题", "修改建议"]
    body = table[1:]
    findings = [r for r in body if r[5] != "not-checked"]
    assert len(findings) == len(json_findings)
    for row, f in zip(findings, json_findings, strict=True):
        assert (row[0], int(row[2]), row[4], row[5], row[8]) == (
            f["path"],
            f["line"],
            f["code"],
            f["name"],
            f["message"],
        )
    not_checked = [r for r in body if r[5] == "not-checked"]
    assert [r[0] for r in not_checked] == ["batch/broken.docx"]
    assert not_checked[0][7] == "错误" and not_checked[0][8]
    # In path order with the findings (broken.docx sorts before changji).
    assert body.index(not_checked[0]) == 0


def test_records_csv_has_one_row_per_file_with_counts(batch, json_findings, tmp_path):
    out = tmp_path / "records.csv"
    proc = run_cli("check", "batch", "-f", "csv-records", "-o", str(out), "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2
    table = read_csv(out.read_bytes())
    header = table[0]
    assert header[:5] == ["文件", "单位", "单位类型", "年度", "状态"]
    records = {r[0]: dict(zip(header, r)) for r in table[1:]}
    assert set(records) == {f"batch/{p.name}" for p in batch.iterdir()}
    for path, row in records.items():
        mine = [f for f in json_findings if f["path"] == path]
        assert int(row["错误"]) == sum(f["severity"] == "error" for f in mine), path
        assert int(row["警告"]) == sum(f["severity"] == "warning" for f in mine), path
    assert records["batch/pingtan-gov-2021.txt"]["单位"] == "平潭综合实验区"
    assert records["batch/pingtan-gov-2021.txt"]["年度"] == "2021"
    assert records["batch/broken.docx"]["状态"] == "无法读取"
    assert records["batch/notice.txt"]["状态"] == "不是年度报告"
    assert records["batch/shuyang-gov-2025.txt"]["状态"] == "已检查"


def test_english_headers(batch):
    proc = run_cli(
        "check", "batch/changji-kjj-2021.txt", "-f", "csv-records", "--no-cache", "--lang", "en", cwd=batch.parent
    )
    table = read_csv(proc.stdout)
    assert table[0][:5] == ["File", "Agency", "Kind", "Year", "Status"]
    assert table[1][2] == "department" and table[1][4] == "checked"


def test_a_cell_that_would_be_a_formula_stays_text(tmp_path):
    """A file named like a formula: Excel must show it, not evaluate it."""
    shutil.copy(FIXTURES / "changji-kjj-2021.txt", tmp_path / "=HYPERLINK(1).txt")
    proc = run_cli("check", "=HYPERLINK(1).txt", "-f", "csv", "--no-cache", cwd=tmp_path)
    table = read_csv(proc.stdout)
    assert len(table) > 1
    assert {r[0] for r in table[1:]} == {"'=HYPERLINK(1).txt"}
    assert all(r[2].isdigit() for r in table[1:])  # numbers stay numbers


def test_statistics_as_csv(batch):
    proc = run_cli("check", "batch", "-f", "csv", "--statistics", "--no-cache", cwd=batch.parent)
    table = read_csv(proc.stdout)
    assert table[0] == ["代码", "规则", "级别", "问题数", "可自动修复"]
    counts = [int(r[3]) for r in table[1:]]
    assert counts == sorted(counts, reverse=True) and sum(counts) > 10


@pytest.mark.parametrize("fmt", ["csv", "csv-records", "junit", "gitlab"])
def test_a_gbk_console_gets_the_same_utf8_bytes(batch, fmt):
    """A Chinese Windows console or pipe (cp936) does not change these formats: they
    are read by programs (and Excel), always UTF-8 with \\n or \\r\\n as written."""
    args = ("check", "batch/changji-kjj-2021.txt", "batch/notice.txt", "-f", fmt, "--no-cache")
    utf8 = run_cli(*args, cwd=batch.parent, env={"PYTHONIOENCODING": "utf-8"})
    gbk = run_cli(*args, cwd=batch.parent, env={"PYTHONIOENCODING": "gbk"})
    assert gbk.returncode == utf8.returncode == 1, gbk.stderr
    assert gbk.stdout == utf8.stdout
    assert "昌吉州科学技术局".encode() in gbk.stdout


@pytest.mark.parametrize("fmt", ["csv", "csv-records", "junit", "gitlab"])
def test_parallel_output_is_byte_identical_to_serial(batch, fmt):
    outputs = [
        run_cli("check", "batch", "-f", fmt, "--no-cache", "-j", jobs, cwd=batch.parent).stdout for jobs in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000
