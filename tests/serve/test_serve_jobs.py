"""POST /api/jobs → GET /api/jobs/<id>: the findings are the CLI's, the options act as
the same configuration does on the command line, the downloads are the copies."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import openpyxl
from serve_helpers import FIXTURES, check_done, cli_findings, draft_with_findings, where

from reportlint.output.html.assets import read_section_block
from reportlint.serve.app import copy_name
from reportlint.serve.jobs import DONE, RUNNING, FileState, Job
from reportlint.serve.pipeline import CheckOptions
from reportlint.serve.uploads import SavedFile

CHANGJI = (FIXTURES / "changji-kjj-2021.txt").read_bytes()


def test_a_docx_draft_gets_the_findings_of_a_direct_cli_run(client, tmp_path: Path, tmp_root: Path) -> None:
    draft = draft_with_findings()
    job = check_done(client, [("淮安 草稿.docx", draft)])
    (entry,) = job["files"]
    assert entry["status"] == "done", entry
    direct = cli_findings(tmp_path, "draft.docx", draft)
    assert {"RL801", "RL701"} <= {f["code"] for f in direct}
    assert where(entry["findings"]) == where(direct)  # same lines, columns, cells, messages
    assert {f["path"] for f in entry["findings"]} == {"淮安 草稿.docx"}
    severities = [f["severity"] for f in direct]
    assert entry["counts"] == {s: severities.count(s) for s in ("error", "warning", "info")}
    assert job["total"] == job["done"] == 1
    # the uploads never outlive the check
    assert tmp_root.is_dir() and os.listdir(tmp_root) == []


def test_downloads_are_the_annotated_and_fixed_copies_with_utf8_names(client) -> None:
    job = check_done(client, [("淮安 草稿.docx", draft_with_findings()), ("昌吉.txt", CHANGJI)])
    docx_entry, txt_entry = job["files"]

    annotated = client.get(docx_entry["annotated"])
    assert annotated.status_code == 200
    disposition = annotated.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "淮安 草稿（批注）.docx"
    with zipfile.ZipFile(io.BytesIO(annotated.content)) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "RL701" in comments and "RL801" in comments

    fixed = client.get(docx_entry["fixed"])  # the debris deleted as a tracked change
    assert unquote(fixed.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "淮安 草稿（修复）.docx"
    with zipfile.ZipFile(io.BytesIO(fixed.content)) as z:
        assert "<w:del " in z.read("word/document.xml").decode("utf-8")

    fixed_txt = client.get(txt_entry["fixed"])
    assert unquote(fixed_txt.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "昌吉（修复）.txt"
    assert "上一篇" in CHANGJI.decode("utf-8") and "上一篇" not in fixed_txt.content.decode("utf-8")
    assert txt_entry["annotated"] is None  # a text file has no annotated copy

    report = client.get(txt_entry["report"])
    assert report.headers["content-disposition"].startswith("inline; ")
    assert "sandbox allow-scripts" in report.headers["content-security-policy"]
    assert report.headers["x-frame-options"] == "SAMEORIGIN"
    assert "昌吉州科学技术局" in report.text

    xlsx = client.get(job["downloads"]["xlsx"])
    assert unquote(xlsx.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "检查结果.xlsx"
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        assert any(n.startswith("xl/worksheets/") for n in z.namelist())
    html = client.get(job["downloads"]["html"])
    assert html.headers["content-disposition"].startswith("attachment; ")
    assert html.text.startswith("<!DOCTYPE html>")


def test_year_and_kind_act_as_the_same_configuration_on_the_cli(client, tmp_path: Path) -> None:
    plain = check_done(client, [("changji.txt", CHANGJI)])["files"][0]["findings"]
    given = check_done(client, [("changji.txt", CHANGJI)], year="2020", kind="township")["files"][0]["findings"]
    config = tmp_path / "given.yaml"
    config.write_text("report:\n  year: 2020\n  kind: township\n", encoding="utf-8")
    direct = cli_findings(tmp_path, "changji.txt", CHANGJI, "--config", str(config))
    assert where(given) == where(direct)
    assert where(given) != where(plain)


def test_rules_limit_the_codes_to_the_categories_chosen(client, tmp_path: Path) -> None:
    everything = check_done(client, [("changji.txt", CHANGJI)])["files"][0]["findings"]
    assert {f["category"] for f in everything} >= {"template", "artifact"}
    only = check_done(client, [("changji.txt", CHANGJI)], rules=["artifact"])["files"][0]["findings"]
    assert only and {f["category"] for f in only} == {"artifact"}
    assert where(only) == where(cli_findings(tmp_path, "changji.txt", CHANGJI, "--select", "artifact"))


def test_lang_en_gives_english_findings_and_names(client) -> None:
    job = check_done(client, [("changji.txt", CHANGJI), ("tool.exe", b"MZ")], lang="en")
    assert job["lang"] == "en"
    txt, exe = job["files"]
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in f["message"][:8]) for f in txt["findings"])
    assert exe["status"] == "skipped" and exe["error"] == "a format that is not read (.exe): not checked"
    fixed = client.get(txt["fixed"])
    assert unquote(fixed.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "changji (fixed).txt"


def test_last_years_report_runs_the_cross_year_checks(client, tmp_path: Path) -> None:
    this_year = (FIXTURES / "pingtan-gov-2021.txt").read_bytes()
    # last year's report: this one a year earlier, its carried-forward figures as written
    last_year = this_year.decode("utf-8").replace("2021", "2020").replace("2022", "2021").encode("utf-8")
    alone = check_done(client, [("平潭2021.txt", this_year)])["files"][0]["findings"]
    job = check_done(client, [("平潭2021.txt", this_year)], previous=("平潭2020.txt", last_year))
    findings = job["files"][0]["findings"]
    folder = tmp_path / "last"
    folder.mkdir()
    (folder / "last.txt").write_bytes(last_year)
    direct = cli_findings(tmp_path, "this.txt", this_year, "--previous", str(folder / "last.txt"))
    cross_year = {"RL520", "RL522"}  # carried-over figures, text copied from last year
    assert cross_year <= {f["code"] for f in findings} and not cross_year & {f["code"] for f in alone}
    assert [w[:6] for w in where(findings)] == [w[:6] for w in where(direct)]
    copied = next(f for f in findings if f["code"] == "RL522")
    assert "上一年度报告（平潭2020.txt）" in copied["message"]  # named as uploaded, not as saved


def test_delete_drops_the_job(client) -> None:
    job = check_done(client, [("changji.txt", CHANGJI)])
    url = f"/api/jobs/{job['id']}"
    assert client.delete(url).status_code == 204
    gone = client.get(url)
    assert gone.status_code == 404
    assert gone.json() == {"error": "没有这个检查任务（可能已过期或已删除）"}
    assert client.get(job["downloads"]["xlsx"]).status_code == 404
    assert client.delete(url).status_code == 404


def test_results_expire_after_keep_minutes(make_client) -> None:
    now = [1000.0]
    with make_client(keep_minutes=1, clock=lambda: now[0]) as client:
        job = check_done(client, [("changji.txt", CHANGJI)])
        url = f"/api/jobs/{job['id']}"
        now[0] += 59
        assert client.get(url).status_code == 200
        now[0] += 2
        assert client.get(url).status_code == 404
        assert client.get(job["files"][0]["report"]).status_code == 404


def test_outputs_past_the_memory_cap_drop_the_oldest_job(make_client) -> None:
    with make_client(max_retained_bytes=1) as client:
        first = check_done(client, [("changji.txt", CHANGJI)])
        second = check_done(client, [("changji.txt", CHANGJI)])
        assert client.get(f"/api/jobs/{first['id']}").status_code == 404
        assert client.get(f"/api/jobs/{second['id']}").status_code == 200


def test_a_copy_in_another_format_keeps_the_original_extension_in_its_name(client) -> None:
    draft_doc = (FIXTURES / "drafts" / "huaian-draft-2024.doc").read_bytes()
    clean = check_done(client, [("草稿.doc", draft_doc)])["files"][0]
    assert clean["status"] == "done" and clean["findings"] == []
    assert clean["annotated"] is None  # nothing to comment on: no copy offered
    template = (FIXTURES / "template-2021-blank.docx").read_bytes()
    entry = check_done(client, [("模板.docx", template)])["files"][0]
    assert entry["counts"]["error"] > 0
    annotated = client.get(entry["annotated"])
    assert unquote(annotated.headers["content-disposition"].split("filename*=UTF-8''")[1]) == "模板（批注）.docx"


def test_copy_names() -> None:
    assert copy_name("年报/草稿.doc", "（批注）", ".docx") == "草稿.doc（批注）.docx"
    assert copy_name("草稿.DOCX", "（修复）", ".docx") == "草稿（修复）.docx"
    assert copy_name("scan.pdf", " (annotated)", ".pdf") == "scan (annotated).pdf"


def test_the_workbook_and_reports_name_the_files_as_uploaded(client) -> None:
    """The runs' --file-names: the xlsx 文件 column, the batch report's list and each
    file's own report name the uploads, never the `001.txt` they are saved as."""
    this_year = (FIXTURES / "pingtan-gov-2021.txt").read_bytes()
    last_year = this_year.decode("utf-8").replace("2021", "2020").replace("2022", "2021").encode("utf-8")
    uploads = [("平潭 2021.txt", this_year), ("昌吉.txt", CHANGJI)]
    job = check_done(client, uploads, previous=("平潭 2020.txt", last_year))
    names = {name for name, _ in uploads}

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(job["downloads"]["xlsx"]).content), read_only=True)
    sheet = next(ws for ws in workbook.worksheets if "代码" in next(ws.iter_rows(max_row=1, values_only=True)))
    rows = sheet.iter_rows(values_only=True)
    file_col = list(next(rows)).index("文件")
    assert {row[file_col] for row in rows if row[file_col]} == names
    cells = " ".join(str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "平潭 2020.txt" in cells and not SAVED_NAME.search(cells)  # last year's report, in a message

    batch = _html_text(client.get(job["downloads"]["html"]).text)
    assert all(name in batch for name in names) and not SAVED_NAME.search(batch)
    for entry, (name, _) in zip(job["files"], uploads):
        own = _html_text(client.get(entry["report"]).text)
        assert name in own and not SAVED_NAME.search(own), name


def test_downloads_are_offered_only_once_the_job_is_done() -> None:
    """The workbook is ready before the batch HTML report is made: no link until both are,
    so a page never shows "checked 1 / 1" with a download but without "all done"."""
    saved = SavedFile(1, "昌吉.txt", "in/001.txt")
    job = Job("J", CheckOptions(), [FileState(saved, status=DONE)], None, state=RUNNING, xlsx=b"PK")
    answer = job.to_json("zh")
    assert answer["done"] == answer["total"] == 1
    assert answer["downloads"] == {"xlsx": None, "html": None}
    job.html, job.state = b"<html>", DONE
    assert job.to_json("zh")["downloads"] == {"xlsx": "/api/jobs/J/findings.xlsx", "html": "/api/jobs/J/report.html"}


SAVED_NAME = re.compile(r"\b\d{3}\.txt|previous\.txt")


def _html_text(page: str) -> str:
    """An HTML audit report with its sections inflated (each is a gzipped data block)."""
    blocks = re.findall(r'<script type="application/json"[^>]*>(\{"path".*?)</script>', page)
    return page + "".join(read_section_block(json.loads(b)) for b in blocks)
