"""Every output format carries one record per file — clean, not a report, unreadable —
through the command line (reportlint.output.records_json, audit_text, html.listing and html.audit)."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SIGNED = "昌吉州科学技术局\n2022年1月18日"


@pytest.fixture
def batch_dir(tmp_path) -> Path:
    """A batch of real reports: one on time, the same re-dated late, a report of another
    agency and year, a README, a .docx that is not a zip."""
    reports = tmp_path / "reports"
    reports.mkdir()
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    (reports / "changji-2021.txt").write_text(text, encoding="utf-8")
    (reports / "changji-late.txt").write_text(text.replace(SIGNED, "昌吉州科学技术局\n2022年2月10日"), encoding="utf-8")
    shutil.copy(FIXTURES / "pingtan-gov-2023.txt", reports / "pingtan-2023.txt")
    (reports / "README.md").write_text("# 说明\n\nThis folder holds the reports.\n", encoding="utf-8")
    (reports / "broken.docx").write_bytes(b"this is not a zip")
    return reports


NAMES = {"changji-2021.txt", "changji-late.txt", "pingtan-2023.txt", "README.md", "broken.docx"}
# --select RL609: the report on time and pingtan's are clean, the late one has one finding
ONLY_DEADLINE = ("--select", "RL609,RL003")


def by_name(records: list[dict]) -> dict[str, dict]:
    out = {Path(r["path"]).name: r for r in records}
    assert len(out) == len(records), "one record per file"
    return out


def check_records(records: dict[str, dict]) -> None:
    assert set(records) == NAMES
    on_time, late = records["changji-2021.txt"], records["changji-late.txt"]
    assert on_time["status"] == late["status"] == "checked"
    assert (on_time["agency"], on_time["agency_kind"], on_time["year"]) == ("昌吉州科学技术局", "department", 2021)
    assert (on_time["published_on"], on_time["due_on"], on_time["late_days"]) == ("2022-01-18", "2022-01-31", 0)
    assert on_time["counts"] == {} and on_time["rules"] == {}  # clean, still recorded
    assert (late["published_on"], late["date_source"], late["late_days"]) == ("2022-02-10", "signature", 10)
    assert late["counts"] == {"warning": 1} and late["rules"] == {"RL609": 1} and late["categories"] == {"period": 1}
    pingtan = records["pingtan-2023.txt"]
    assert (pingtan["year"], pingtan["published_on"], pingtan["date_source"]) == (2023, "2024-03-08", "page")
    assert records["README.md"]["status"] == "not-a-report" and records["README.md"]["rules"] == {"RL003": 1}
    broken = records["broken.docx"]
    assert broken["status"] == "unreadable" and "ZIP" in broken["reason"] and broken["year"] is None


def test_json_has_one_record_per_file_after_the_findings(cli, batch_dir):
    r = cli("check", "--no-cache", "--format", "json", *ONLY_DEADLINE, str(batch_dir))
    assert r.returncode == 2, r.err  # a file could not be read
    items = json.loads(r.out)
    kinds = ["type" in x for x in items]
    assert kinds == sorted(kinds)  # findings and not-checked elements first, then the audit
    findings = [x for x in items if "code" in x]
    assert [(Path(x["path"]).name, x["code"]) for x in findings] == [
        ("README.md", "RL003"),
        ("changji-late.txt", "RL609"),
    ]
    # the old not-checked element is still there, unchanged
    [failed] = [x for x in items if x.get("status") == "not-checked"]
    assert set(failed) == {"path", "status", "reason"}
    records = [x for x in items if x.get("type") == "report"]
    assert [x["path"] for x in records] == sorted(x["path"] for x in records)
    check_records(by_name(records))
    # the record's reason is the not-checked element's
    assert by_name(records)["broken.docx"]["reason"] == failed["reason"]


def test_jsonl_has_one_record_line_per_file(cli, batch_dir):
    r = cli("check", "--no-cache", "--format", "jsonl", *ONLY_DEADLINE, str(batch_dir))
    rows = [json.loads(line) for line in r.out.splitlines()]
    records = [x for x in rows if x.get("type") == "report"]
    assert rows[-len(records) :] == records
    check_records(by_name(records))
    en = cli("check", "--no-cache", "--lang", "en", "--format", "jsonl", *ONLY_DEADLINE, str(batch_dir))
    readme = by_name([json.loads(x) for x in en.out.splitlines() if '"type": "report"' in x])["README.md"]
    assert "force-report" in readme["reason"] and not re.search("[\u4e00-\u9fff]", readme["reason"])


def test_a_warm_run_gives_the_same_records(cli, batch_dir, tmp_path):
    cold = cli("check", "--format", "json", str(batch_dir), cwd=tmp_path)
    warm = cli("check", "--format", "json", str(batch_dir), cwd=tmp_path)
    assert (tmp_path / ".reportlint_cache").is_dir()
    records = [x for x in json.loads(cold.out) if x.get("type") == "report"]
    assert len(records) == len(NAMES)
    assert records == [x for x in json.loads(warm.out) if x.get("type") == "report"]
    # a baseline hides findings: the record counts what is reported
    base = tmp_path / "baseline.json"
    cli("check", "--baseline", str(base), "--write-baseline", str(batch_dir), cwd=tmp_path)
    hidden = cli("check", "--baseline", str(base), "--format", "json", str(batch_dir), cwd=tmp_path)
    after = by_name([x for x in json.loads(hidden.out) if x.get("type") == "report"])
    assert set(after) == NAMES and all(x["counts"] == {} for x in after.values())
    assert by_name(records)["changji-late.txt"]["counts"]


def test_text_shows_records_only_when_asked(cli, batch_dir):
    plain = cli("check", "--no-cache", *ONLY_DEADLINE, str(batch_dir))
    assert "报告概况" not in plain.out
    one = cli("check", "--no-cache", str(batch_dir / "changji-late.txt"))
    assert "报告概况" not in one.out and "2022-02-10" not in one.out  # no noise for one file
    shown = cli("check", "--no-cache", "--show-records", *ONLY_DEADLINE, str(batch_dir))
    lines = shown.out.splitlines()
    start = lines.index("报告概况（5 份）")
    header, *rows = lines[start + 1 : start + 7]
    assert header.split() == [
        "文件",
        "机关",
        "类别",
        "年度",
        "状态",
        "日期",
        "期限",
        "逾期天数",
        "错误",
        "警告",
        "提示",
    ]
    cells = {Path(row.split()[0]).name: row.split() for row in rows}
    assert set(cells) == NAMES
    assert cells["changji-late.txt"][1:] == [
        "昌吉州科学技术局",
        "部门",
        "2021",
        "已检查",
        "2022-02-10",
        "2022-01-31",
        "10",
        "0",
        "1",
        "0",
    ]
    assert cells["broken.docx"][4] == "无法读取" and cells["README.md"][4] == "非年报"
    assert lines[-1].startswith("共 ")  # the summary line stays last
    en = cli("check", "--no-cache", "--lang", "en", "--show-records", *ONLY_DEADLINE, str(batch_dir))
    assert "Reports (5)" in en.out and "unreadable" in en.out and "not a report" in en.out


def test_html_list_has_the_record_columns(cli, batch_dir, tmp_path):
    target = tmp_path / "audit.html"
    r = cli("check", "--no-cache", "--format", "html", "-o", str(target), *ONLY_DEADLINE, str(batch_dir))
    assert r.returncode == 2, r.err
    page = target.read_text(encoding="utf-8")
    heads = re.findall(r'<th[^>]*data-col="([a-z]+)"', page)
    assert heads[:6] == ["report", "agency", "kind", "year", "published", "status"]
    # the rows are the list's data, drawn by the page's script (tests/browser)
    cells = {Path(r["path"]).name: r for r in html_rows(page)}
    assert set(cells) == NAMES
    late = cells["changji-late.txt"]
    assert (late["agency"], late["kind"], late["year"]) == ("昌吉州科学技术局", "department", 2021)
    assert (late["pub"], late["late"], late["due"], late["psrc"]) == ("2022-02-10", 10, "2022-01-31", "signature")
    assert (cells["changji-2021.txt"]["pub"], cells["changji-2021.txt"]["late"]) == ("2022-01-18", 0)
    assert cells["README.md"]["status"] == "not_report" and cells["broken.docx"]["status"] == "failed"
    broken = cells["broken.docx"]
    assert [broken.get(k) for k in ("agency", "kind", "year", "pub")] == ["", None, None, None]
    assert "ZIP" in broken["reason"]


def html_rows(page: str) -> list[dict]:
    data = re.search(r'<script type="application/json" id="report-rows">(.*?)</script>', page).group(1)
    return json.loads(data)["rows"]


def test_coverage_and_near_duplicates_in_text_and_html(cli, tmp_path):
    """A roster with an agency that sent nothing, and a report copied by another agency
    (阜康市's made from 昌吉州's, names and figures changed)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    (reports / "changji.txt").write_text(text, encoding="utf-8")
    copy = text.replace("昌吉州科学技术局", "阜康市科学技术局").replace("州科学技术局", "市科学技术局")
    copy = copy.replace("昌吉回族自治州", "阜康市").replace("昌吉州", "阜康市")
    copy = re.sub(r"(?<!\d)\d{1,3}(?!\d)", lambda m: str(int(m.group()) * 2 + 3), copy)  # figures, not years
    (reports / "fukang.txt").write_text(copy, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(
        "单位名称\n昌吉州科学技术局\n阜康市科学技术局\n玛纳斯县科学技术局\n", encoding="utf-8"
    )
    args = ("check", "reports", "--roster", "roster.csv", "--select", "RL609", "--no-cache")
    plain = cli(*args, cwd=tmp_path)
    assert plain.returncode == 0, plain.err
    lines = plain.out.splitlines()
    assert "报告概况" not in plain.out  # the records table only with --show-records
    start = lines.index("名单核对（roster.csv，2021年度）")
    assert lines[start + 1 : start + 3] == ["没有报告的机关（1 个）：", "  玛纳斯县科学技术局"]
    [pair] = [line for line in lines if "↔" in line]
    assert "changji.txt（昌吉州科学技术局）" in pair and "fukang.txt（阜康市科学技术局）" in pair
    assert re.search(r"约 \d+% 内容相同", pair)
    assert lines.index("疑似雷同的报告（1 对）") > start and lines[-1].startswith("未发现问题")
    en = cli(*args, "--lang", "en", cwd=tmp_path)
    assert "Roster coverage (roster.csv, year 2021)" in en.out and "Near-duplicate reports (1 pairs)" in en.out

    cli(*args, "--format", "html", "-o", "audit.html", cwd=tmp_path)
    page = html.unescape((tmp_path / "audit.html").read_text(encoding="utf-8"))
    coverage = page.split('<h2 id="coverage">', 1)[1].split("</div>", 1)[0]
    assert "没有报告的机关（1 个）" in coverage and "<li>玛纳斯县科学技术局</li>" in coverage
    pairs = page.split('<h2 id="near-duplicates">', 1)[1].split("</div>", 1)[0]
    assert pairs.count("<li>") == 1 and "阜康市科学技术局" in pairs and "昌吉州科学技术局" in pairs


def test_scores_show_in_text_and_html(cli, batch_dir, tmp_path):
    """Under a shipped profile (宿迁: −1 of 2 for a late report) the score is a column."""
    args = ("check", "--no-cache", "--scoring", "suqian", *ONLY_DEADLINE, str(batch_dir))
    shown = cli(*args, "--show-records")
    lines = shown.out.splitlines()
    start = lines.index("报告概况（5 份）")
    header, *rows = lines[start + 1 : start + 7]
    assert header.split()[-1] == "得分"
    late_row = next(line for line in rows if "changji-late.txt" in line)
    on_time_row = next(line for line in rows if "changji-2021.txt" in line)
    late_score, on_time_score = late_row.split()[-1], on_time_row.split()[-1]
    assert late_score.endswith("/2") and on_time_score == "2/2" and late_score != on_time_score
    target = tmp_path / "audit.html"
    cli(*args, "--format", "html", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert 'data-col="score"' in page
    row = next(r for r in html_rows(page) if r["path"].endswith("changji-late.txt"))
    assert f"{row['score']:g}/{row['max']:g}" == late_score and "10 天" in row["ded"]
