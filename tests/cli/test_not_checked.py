"""Nothing is skipped silently (issue 13): in a folder run every file with a
report-like extension is checked or listed as not checked, with its reason, in every
output format; the run then exits 2; the summary never calls such a run clean; and a
document piped on stdin is recognised by its content.

Every run is a subprocess with a timeout (the ``cli`` fixture), so a hostile file
can fail a test but never hang it."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from reportlint.readers import SUFFIXES, sniff_container_kind
from reportlint.run.discovery import UNREADABLE_SUFFIXES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFTS = FIXTURES / "drafts"
GARBAGE = b"\x00\x01\x02\xff\xfe" * 40
FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")


@pytest.fixture
def folder(tmp_path) -> tuple[Path, set[str], set[str]]:
    """One file of every report-like extension: a damaged one per readable suffix, one
    per format no reader reads, a FIFO, and three that are checked (a report with
    findings, the clean draft, a README). Returns (folder, not-checked names, checked names)."""
    root = tmp_path / "reports"
    root.mkdir()
    not_checked = set()
    for suffix in SUFFIXES:
        (root / f"broken{suffix}").write_bytes(GARBAGE)
        not_checked.add(f"broken{suffix}")
    for suffix in UNREADABLE_SUFFIXES:
        (root / f"old{suffix}").write_bytes(GARBAGE)
        not_checked.add(f"old{suffix}")
    sub = root / "科室"
    sub.mkdir()
    (sub / "加密.DOC").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    )  # a compound file with nothing in it
    not_checked.add("科室/加密.DOC")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
        not_checked.add("pipe.txt")
    shutil.copy(FIXTURES / "pingtan-gov-2021.txt", root / "pingtan-gov-2021.txt")
    shutil.copy(DRAFTS / "huaian-draft-2024.docx", root / "draft.docx")
    (root / "README.md").write_text("# Reports\n\nThe agency's drafts, one per year.\n", encoding="utf-8")
    checked = {"pingtan-gov-2021.txt", "draft.docx", "README.md"}
    return root, not_checked, checked


def _rel(root: Path, path: str) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()


def _uri_name(root: Path, uri: str) -> str:
    from urllib.parse import unquote, urlparse

    path = unquote(urlparse(uri).path) if uri.startswith("file:") else unquote(uri)
    return path


def not_checked_in(fmt: str, out: str, root: Path, names: set[str]) -> dict[str, str]:
    """name → reason for each file the output lists as not checked."""
    found: dict[str, str] = {}
    if fmt == "json":
        for item in json.loads(out):
            if item.get("status") == "not-checked":
                found[_rel(root, item["path"])] = item["reason"]
    elif fmt == "jsonl":
        for line in out.splitlines():
            item = json.loads(line)
            if item.get("status") == "not-checked":
                found[_rel(root, item["path"])] = item["reason"]
    elif fmt == "sarif":
        [run] = json.loads(out)["runs"]
        [invocation] = run["invocations"]
        assert invocation["executionSuccessful"] is False
        for n in invocation["toolExecutionNotifications"]:
            uri = _uri_name(root, n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            [name] = [x for x in names if uri.endswith(x)]
            found[name] = n["message"]["text"]
    elif fmt == "github":
        for line in out.splitlines():
            if line.startswith("::error ") and "file=" in line:
                props, _, message = line[len("::error ") :].partition("::")
                file_prop = next(p for p in props.split(",") if p.startswith("file="))[len("file=") :]
                from urllib.parse import unquote

                file_prop = unquote(file_prop)
                matches = [x for x in names if file_prop.endswith(x)]
                if matches:
                    found[max(matches, key=len)] = unquote(message)
    elif fmt == "html":
        import html
        import re

        from reportlint.output.html.assets import read_section_block

        # A row of the list's data marked "could not be checked", and its section (a data
        # block the page draws when the row is opened) with the reason.
        for block in re.findall(r'<script type="application/json" id="d-r\d+" class="report-data">(.*?)</script>', out):
            section = read_section_block(json.loads(block))
            m = re.match(
                r'<section class="report s-failed" id="r\d+" data-path="([^"]*)">(.*?)</section>', section, re.S
            )
            if m:
                reason = re.search(r'<div class="failbox"><strong>[^<]*</strong>(.*?)</div>', m.group(2), re.S)
                found[_rel(root, html.unescape(m.group(1)))] = html.unescape(reason.group(1)) if reason else ""
        data = re.search(r'<script type="application/json" id="report-rows">(.*?)</script>', out).group(1)
        rows = [r["path"] for r in json.loads(data)["rows"] if r["status"] == "failed"]
        assert {_rel(root, p) for p in rows} == set(found)
    elif fmt == "text":
        # Failed files are on stderr (one line each) and counted in the summary.
        raise AssertionError("text lists not-checked files on stderr")
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_file_checked_or_listed_in_every_format(cli, folder, fmt):
    root, not_checked, checked = folder
    r = cli("check", "--no-cache", "--format", fmt, str(root))
    assert r.returncode == 2, r.err
    assert "Traceback" not in r.err
    # stderr: exactly one line per file not checked, naming it.
    err_lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(err_lines) == len(not_checked), r.err
    for name in not_checked:
        assert sum(1 for line in err_lines if line.split(": ")[1].endswith(name)) == 1, (name, r.err)
    for name in checked:
        assert not any(line.split(": ")[1].endswith(name) for line in err_lines), (name, r.err)
    if fmt == "text":
        summary = r.out.rstrip("\n").splitlines()[-1]
        assert f"{len(not_checked)} 个文件无法检查" in summary
        assert "未发现问题" not in summary
        assert "pingtan-gov-2021.txt" in r.out and "README.md" in r.out
        return
    listed = not_checked_in(fmt, r.out, root, not_checked | checked)
    assert set(listed) == not_checked
    for name, reason in listed.items():
        assert reason and "未发现问题" not in reason
        # the same reason as on stderr, in the output's own record
        [line] = [line for line in err_lines if line.split(": ")[1].endswith(name)]
        assert line.endswith(reason), (line, reason)
    # the checked files are there too: the report's findings, the README's one note
    if fmt in ("json", "jsonl"):
        rows = json.loads(r.out) if fmt == "json" else [json.loads(x) for x in r.out.splitlines()]
        coded = {(_rel(root, x["path"]), x["code"]) for x in rows if "code" in x}
        assert ("README.md", "RL003") in coded
        assert any(name == "pingtan-gov-2021.txt" for name, _ in coded)
        assert not any(name == "draft.docx" for name, _ in coded)  # clean: checked, nothing to say


def test_html_rows_for_files_not_checked(cli, folder):
    import html

    root, not_checked, _ = folder
    r = cli("check", "--no-cache", "--format", "html", str(root))
    page = html.unescape(r.out)
    for name in not_checked:
        assert name in page
    assert "不是 PDF 文件" in page  # a reason, shown in its file's row


def test_english_messages(cli, folder):
    root, not_checked, _ = folder
    r = cli("check", "--no-cache", "--lang", "en", "--format", "json", str(root))
    items = [x for x in json.loads(r.out) if x.get("status") == "not-checked"]
    assert len(items) == len(not_checked)
    dot = next(x for x in items if x["path"].endswith("old.dot"))
    assert "cannot be read" in dot["reason"] and "Save As" in dot["reason"]
    xps = next(x for x in items if x["path"].endswith("old.xps"))
    assert "cannot be read" in xps["reason"] and "PDF" in xps["reason"] and "Save As" not in xps["reason"]
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in x["reason"]) for x in items if "old" in x["path"])


def test_an_unreadable_format_named_on_the_command_line(cli, tmp_path):
    page = tmp_path / "年报.mht"
    page.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n" + GARBAGE)
    r = cli("check", "--no-cache", str(page))
    assert r.returncode == 2
    [line] = [x for x in r.err.splitlines() if x.strip()]
    assert str(page) in line and "另存为" in line and ".docx" in line


def test_an_empty_folder_is_recorded_too(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = cli("check", "--format", "json", str(empty))
    assert r.returncode == 2
    [item, record] = json.loads(r.out)
    assert item["status"] == "not-checked" and item["path"] == str(empty)
    assert record["type"] == "report" and record["status"] == "unreadable" and record["path"] == str(empty)


# -- the summary line ------------------------------------------------------------------------


def test_a_file_that_could_not_be_checked_is_never_no_problems_found(cli, tmp_path):
    broken = tmp_path / "draft.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    for lang, failed, clean in (
        ("zh", "1 个文件无法检查", "未发现问题"),
        ("en", "1 file could not be checked", "No problems found"),
    ):
        r = cli("check", "--no-cache", "--lang", lang, str(broken))
        assert r.returncode == 2
        summary = r.out.strip().splitlines()[-1]
        assert summary == failed, r.out
        assert clean.lower() not in (r.out + r.err).lower()


def test_the_other_files_are_called_clean_only_when_they_are(cli, tmp_path):
    broken = tmp_path / "b.pdf"
    broken.write_bytes(GARBAGE)
    shutil.copy(DRAFTS / "huaian-draft-2024.docx", tmp_path / "a.docx")
    r = cli("check", "--no-cache", "--select", "RL805", str(tmp_path))
    assert r.returncode == 2
    assert r.out.strip().splitlines()[-1] == "1 个文件无法检查；其余 1 个文件未发现问题"
    en = cli("check", "--no-cache", "--select", "RL805", "--lang", "en", str(tmp_path))
    assert en.out.strip().splitlines()[-1] == "1 file could not be checked; no problems found in the other 1 file"
    shutil.copy(FIXTURES / "zhangjiakou-kjj-2010.txt", tmp_path / "c.txt")  # has RL805 findings
    r = cli("check", "--no-cache", "--select", "RL805", str(tmp_path))
    summary = r.out.strip().splitlines()[-1]
    assert summary.startswith("共 ") and summary.endswith("；1 个文件无法检查") and "未发现问题" not in summary


# -- stdin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "huaian-draft-2024.docx",
        "huaian-draft-2024.odt",
        "huaian-draft-2024.doc",
        "huaian-draft-2024.rtf",
        "huaian-draft-2024.pdf",
    ],
)
def test_a_document_on_stdin_is_recognised_by_its_content(cli, name):
    data = (DRAFTS / name).read_bytes()
    piped = cli("check", "--no-cache", "--format", "json", "-", input_bytes=data)
    named = cli("check", "--no-cache", "--format", "json", str(DRAFTS / name))
    assert piped.returncode == named.returncode == 0, piped.err
    assert piped.err == ""
    strip = lambda items: [{k: v for k, v in x.items() if k != "path"} for x in items]
    assert strip(json.loads(piped.out)) == strip(json.loads(named.out))


def test_a_damaged_package_on_stdin_gets_the_docx_message(cli):
    r = cli("check", "--no-cache", "-", input_bytes=b"PK\x03\x04 not really a zip")
    assert r.returncode == 2
    [line] = [x for x in r.err.splitlines() if x.strip()]
    assert "stdin" in line and ".docx" in line and "Traceback" not in r.err


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


def test_sniffing_the_container_kinds():
    assert sniff_container_kind(_zip(["OFD.xml", "Doc_0/Document.xml"])) == "ofd"
    assert sniff_container_kind(_zip(["mimetype", "content.xml"])) == "odt"
    assert sniff_container_kind(_zip(["[Content_Types].xml", "word/document.xml"])) == "docx"
    assert sniff_container_kind(b"%PDF-1.7\n") == "pdf"
    assert sniff_container_kind(b"\xef\xbb\xbf{\\rtf1\\ansi}") == "rtf"
    assert sniff_container_kind("平潭综合实验区2021年度政府信息公开工作年度报告".encode()) is None
    assert sniff_container_kind(b"") is None


def test_text_on_stdin_is_still_text(cli):
    data = (FIXTURES / "zhangjiakou-kjj-2010.txt").read_bytes()
    r = cli("check", "--no-cache", "--select", "RL805", "-", input_bytes=data)
    assert r.returncode == 0 and "RL805" in r.out and "Traceback" not in r.err


def test_text_output_file_lists_the_files_not_checked(cli, folder, tmp_path):
    root, not_checked, _ = folder
    out = tmp_path / "report.txt"
    r = cli("check", "--no-cache", "-o", str(out), str(root))
    assert r.returncode == 2
    text = out.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("未检查 ")]
    assert len(lines) == len(not_checked)
    for name in not_checked:
        assert any(line.split(": ")[0].endswith(name) for line in lines), name
    assert text.rstrip("\n").splitlines()[-1].count(f"{len(not_checked)} 个文件无法检查") == 1


def test_workers_give_the_same_records(cli, folder):
    root, not_checked, _ = folder
    serial = cli("check", "--no-cache", "-j", "1", "--format", "json", str(root))
    parallel = cli("check", "--no-cache", "-j", "2", "--format", "json", str(root))
    assert parallel.returncode == serial.returncode == 2
    assert json.loads(parallel.out) == json.loads(serial.out)
    assert sum(1 for x in json.loads(parallel.out) if x.get("status") == "not-checked") == len(not_checked)


def test_an_excluded_file_is_not_listed(cli, tmp_path):
    shutil.copy(FIXTURES / "zhangjiakou-kjj-2010.txt", tmp_path / "a.txt")
    (tmp_path / "old.dot").write_bytes(GARBAGE)
    (tmp_path / ".reportlint.yaml").write_text('exclude: ["*.dot"]\n', encoding="utf-8")
    r = cli("check", "--no-cache", "--select", "RL805", "--format", "json", str(tmp_path))
    assert r.returncode == 0, r.err
    items = json.loads(r.out)
    assert not [x for x in items if x.get("status") == "not-checked"]
    assert [x["path"] for x in items if x.get("type") == "report"] == [str(tmp_path / "a.txt")]
