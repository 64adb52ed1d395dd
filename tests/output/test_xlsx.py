"""``--format xlsx``: the reviewers' workbook, written through the CLI on a batch of real
reports and read back with openpyxl, cell by cell."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, run_cli

openpyxl = pytest.importorskip("openpyxl")

REPORTS = ["changji-kjj-2021.txt", "pingtan-gov-2021.txt", "shanghai-kewei-2024.md", "shuyang-gov-2025.txt"]
NOTICE = "关于报送2024年度政府信息公开工作年度报告的通知\n\n各单位：\n请于1月20日前报送。\n"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def make_batch(root: Path) -> Path:
    """Real reports, a notice that is not a report, and a .docx that cannot be read."""
    batch = root / "batch"
    batch.mkdir()
    for name in REPORTS:
        shutil.copy(FIXTURES / name, batch / name)
    (batch / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (batch / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip at all")
    return batch


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("xlsx"))


@pytest.fixture(scope="module")
def json_findings(batch) -> list[dict]:
    proc = run_cli("check", "batch", "-f", "json", "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2, proc.stderr  # broken.docx could not be read
    return [e for e in json.loads(proc.stdout) if "code" in e]


@pytest.fixture(scope="module")
def workbook(batch):
    out = batch.parent / "audit.xlsx"
    proc = run_cli("check", "batch", "-f", "xlsx", "-o", str(out), "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == b""
    return openpyxl.load_workbook(out)


def rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_the_sheets_are_reports_findings_then_one_per_category(workbook, json_findings):
    from reportlint.output.rule_docs import CATEGORY_NAMES

    categories = [CATEGORY_NAMES[c].zh for c in CATEGORY_NAMES if any(f["category"] == c for f in json_findings)]
    assert workbook.sheetnames == ["报告", "问题", *categories]
    assert len(categories) >= 3


def test_every_sheet_has_a_frozen_header_a_filter_and_widths(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        last = ws.cell(row=1, column=ws.max_column).column_letter
        assert ws.auto_filter.ref == f"A1:{last}{max(ws.max_row, 2)}", ws.title
        assert ws.column_dimensions["A"].width > 30, ws.title  # the file path column
        assert all(c.font.b for c in ws[1]), ws.title


def test_the_reports_sheet_has_one_row_per_file_with_its_record(workbook, batch, json_findings):
    table = rows(workbook["报告"])
    header = table[0]
    assert header[:7] == ("文件", "单位", "单位类型", "年度", "状态", "原因", "格式")
    assert "得分" in header and "扣分明细" in header and "发布日期" in header and "截止日期" in header
    by_path = {r[0]: dict(zip(header, r)) for r in table[1:]}
    assert len(table) - 1 == len(by_path)
    assert set(by_path) == {f"batch/{p.name}" for p in batch.iterdir()}

    changji = by_path["batch/changji-kjj-2021.txt"]
    assert changji["单位"] == "昌吉州科学技术局"
    assert changji["单位类型"] == "部门"
    assert changji["年度"] == 2021
    assert changji["状态"] == "已检查"
    assert changji["发布日期"] == "2022-01-18"
    assert changji["截止日期"] == "2022-01-31"
    for path, row in by_path.items():
        mine = [f for f in json_findings if f["path"] == path]
        for severity, column in (("error", "错误"), ("warning", "警告"), ("info", "提示")):
            assert row[column] == sum(f["severity"] == severity for f in mine), (path, column)
    assert by_path["batch/shuyang-gov-2025.txt"]["错误"] == 0  # a clean report is a row too
    assert by_path["batch/broken.docx"]["状态"] == "无法读取"
    assert by_path["batch/broken.docx"]["原因"]
    assert by_path["batch/notice.txt"]["状态"] == "不是年度报告"
    # The count columns per category add up to the findings of the file.
    category_columns = [h for h in header if h.endswith("（问题数）")]
    for path, row in by_path.items():
        assert sum(row[c] for c in category_columns) == sum(f["path"] == path for f in json_findings)


def test_the_findings_sheet_is_the_json_findings_cell_by_cell(workbook, json_findings):
    from reportlint.output.rule_docs import CATEGORY_NAMES

    table = rows(workbook["问题"])
    assert table[0] == ("文件", "单位", "行", "单元格", "代码", "规则", "类别", "级别", "问题", "修改建议")
    body = table[1:]
    assert len(body) == len(json_findings) > 10
    agencies = {r[0]: r[1] for r in rows(workbook["报告"])[1:]}
    for row, f in zip(body, json_findings, strict=True):
        assert row[0] == f["path"]
        assert row[1] == agencies[f["path"]]
        assert row[2] == f["line"]
        assert row[4] == f["code"]
        assert row[5] == f["name"]
        assert row[6] == CATEGORY_NAMES[f["category"]].zh
        assert row[7] == SEVERITY_ZH[f["severity"]]
        assert row[8] == f["message"]
        assert row[9] == (f["fix"]["description"] if f["fix"] else None)
        assert (row[3] is None) == (f["cell"] is None)


def test_each_category_sheet_holds_exactly_that_categorys_findings(workbook):
    findings = rows(workbook["问题"])[1:]
    for ws in workbook.worksheets[2:]:
        mine = rows(ws)[1:]
        assert mine == [r for r in findings if r[6] == ws.title], ws.title


def test_english_headers_and_sheet_names_with_lang_en(batch, tmp_path):
    out = tmp_path / "en.xlsx"
    proc = run_cli("check", "batch", "-f", "xlsx", "-o", str(out), "--no-cache", "--lang", "en", cwd=batch.parent)
    assert proc.returncode == 2
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Reports", "Findings"]
    assert rows(wb["Findings"])[0][:5] == ("File", "Agency", "Line", "Cell", "Code")
    assert rows(wb["Reports"])[0][:5] == ("File", "Agency", "Kind", "Year", "Status")
    statuses = {r[0]: r[4] for r in rows(wb["Reports"])[1:]}
    assert statuses["batch/broken.docx"] == "could not be read"


def test_a_terminal_is_refused_with_one_message(batch):
    """Bytes of a zip never go to a terminal: exit 2, one line, before any work."""
    primary, secondary = pty.openpty()
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="zh")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "reportlint", "check", "batch/changji-kjj-2021.txt", "-f", "xlsx"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            cwd=batch.parent,
            env=env,
            timeout=120,
        )
    finally:
        os.close(secondary)
    os.set_blocking(primary, False)
    try:
        shown = os.read(primary, 65536)
    except (BlockingIOError, OSError):
        shown = b""
    os.close(primary)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert "-o" in err and "xlsx" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert b"PK" not in shown


def test_stdout_that_is_not_a_terminal_gets_the_workbook(batch, tmp_path):
    proc = run_cli("check", "batch/shuyang-gov-2025.txt", "-f", "xlsx", "--no-cache", cwd=batch.parent)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "piped.xlsx"
    path.write_bytes(proc.stdout)
    wb = openpyxl.load_workbook(path)
    assert [r[0] for r in rows(wb["报告"])[1:]] == ["batch/shuyang-gov-2025.txt"]
    assert rows(wb["问题"])[1:] == []


def test_a_failure_while_writing_leaves_the_old_file_and_no_partial_one(batch, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from reportlint.cli import app
    from reportlint.output import xlsx

    out = tmp_path / "audit.xlsx"
    out.write_bytes(b"the reviewer's previous workbook")

    def broken_render(self, results, *, out, **kw):
        out.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx.XlsxFormatter, "render", broken_render)
    monkeypatch.chdir(batch.parent)
    result = CliRunner().invoke(
        app, ["check", "batch/shuyang-gov-2025.txt", "-f", "xlsx", "-o", str(out), "--no-cache"]
    )
    assert result.exit_code != 0
    assert out.read_bytes() == b"the reviewer's previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.xlsx"]


def test_score_deductions_and_coverage_from_a_roster_and_a_profile(tmp_path):
    """Through the CLI with ``--roster`` (one agency without a report), a shipped
    profile and a copied report: the workbook's score columns equal the json records,
    the coverage sheet lists the missing agency, the near-duplicate sheet the copy."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("changji-kjj-2021.txt", "changshu-kjj-2021.txt", "shuyang-gov-2025.txt"):
        shutil.copy(FIXTURES / name, batch / name)
    # Changji's report copied by another agency: a near-duplicate pair.
    changji = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    (batch / "nongye-2021.txt").write_text(changji.replace("昌吉州科学技术局", "昌吉州农业农村局"), encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "单位名称,类别\n昌吉州科学技术局,部门\n常熟市科学技术局,部门\n昌吉州农业农村局,部门\n昌吉州水利局,部门\n",
        encoding="utf-8",
    )
    args = ("check", "batch", "--roster", "roster.csv", "--year", "2021", "--scoring", "quanzhou-licheng", "--no-cache")
    proc = run_cli(*args, "-f", "json", cwd=tmp_path)
    records = {e["path"]: e for e in json.loads(proc.stdout) if e.get("type") == "report"}
    coverage = [e for e in json.loads(proc.stdout) if e.get("type") == "coverage"]
    pairs = [e for e in json.loads(proc.stdout) if e.get("type") == "near-duplicate"]
    out = tmp_path / "audit.xlsx"
    proc = run_cli(*args, "-f", "xlsx", "-o", str(out), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    wb = openpyxl.load_workbook(out)
    table = rows(wb["报告"])
    header = table[0]
    by_path = {r[0]: dict(zip(header, r)) for r in table[1:]}
    assert set(by_path) == set(records)
    deducted = 0
    for path, record in records.items():
        row = by_path[path]
        assert row["得分"] == record["score"] and row["满分"] == record["max_score"], path
        assert row["名录单位"] == record["roster_name"], path
        for d in record["deductions"]:
            assert d["label"] in row["扣分明细"] and d["reason"] in row["扣分明细"], path
            deducted += 1
        if not record["deductions"]:
            assert row["扣分明细"] is None
    assert deducted >= 1
    missing = [r for r in rows(wb["名录覆盖"])[1:] if r[0] == "未报送"]
    assert [r[1] for r in missing] == [m["name"] for m in coverage[0]["missing"]] == ["昌吉州水利局"]
    # An agency without a report is scored too: 0 of the maximum, and why.
    [unreported] = coverage[0]["missing"]
    assert unreported["score"] == 0
    assert (missing[0][4], missing[0][5]) == (unreported["score"], unreported["max_score"])
    assert all(d["label"] in missing[0][6] for d in unreported["deductions"])
    # The copied report and its original, with the share they have in common.
    assert rows(wb["雷同报告"])[0] == ("文件甲", "单位甲", "文件乙", "单位乙", "相同比例（%）")
    duplicates = rows(wb["雷同报告"])[1:]
    assert len(duplicates) == len(pairs) == 1
    assert {duplicates[0][0], duplicates[0][2]} == {"batch/changji-kjj-2021.txt", "batch/nongye-2021.txt"}
    assert duplicates[0][4] == round(pairs[0]["share"] * 100, 1) > 90


def test_statistics_are_a_sheet_of_their_own(batch, tmp_path, json_findings):
    out = tmp_path / "stats.xlsx"
    run_cli("check", "batch", "-f", "xlsx", "-o", str(out), "--statistics", "--no-cache", cwd=batch.parent)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "规则统计"
    table = rows(wb["规则统计"])
    assert table[0] == ("代码", "规则", "级别", "问题数", "可自动修复")
    counts = {r[0]: r[3] for r in table[1:]}
    assert counts == {
        code: sum(f["code"] == code for f in json_findings) for code in {f["code"] for f in json_findings}
    }
    assert len(rows(wb["问题"])) == len(json_findings) + 1  # the findings are there too


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a device that is always full)")
def test_a_full_disk_is_one_message_naming_the_file(batch):
    proc = run_cli(
        "check", "batch/shuyang-gov-2025.txt", "-f", "xlsx", "-o", "/dev/full", "--no-cache", cwd=batch.parent
    )
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    assert "/dev/full" in line and "磁盘空间不足" in line
