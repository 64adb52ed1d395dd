"""``reportlint serve`` in a real headless chromium: the page as the staff use it.

A real server (``reportlint serve --port 0 --workers 2``, a subprocess) gets the corpus
drafts of tests/fixtures/drafts (.docx, .doc, .odt, .rtf, .pdf) chosen in the page, a
real report as plain text with safe fixes (for the fixed copy), and two files built
here: the .docx draft with the last figure of its last table one more than it is (a
table total that no longer adds up: findings on a table cell, which the annotated copy
must carry as Word comments), and random bytes named .docx (a hostile file: it must
fail alone). What the page must show is taken from ``reportlint check
--format json`` over the same files in the same run, never written in the test.

The screenshots are kept in tests/artifacts (serve-results.png, serve-results-en.png);
with ``REPORTLINT_WRITE_SCREENSHOT=1`` the README's docs/serve-screenshot.png is written
too (1366×900, Chinese, the drafts checked), so a normal run leaves tracked files alone.
"""

from __future__ import annotations

import io
import json
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from reportlint.serve.labels import CHINESE_IN_ENGLISH, LABELS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DRAFTS = FIXTURES / "drafts"
README_SCREENSHOT = ROOT / "docs" / "serve-screenshot.png"
# Seconds before a server or a page that does not answer fails the test: a hang guard,
# never a speed limit.
HANG_GUARD = 300
SERVE = [sys.executable, "-m", "reportlint", "serve", "--port", "0", "--workers", "2"]
VARIANT = "淮安草稿（表四总计多 1）.docx"
HOSTILE = "损坏.docx"
TEXT = "台儿庄区科技局2021年报.txt"
TEXT_SOURCE = FIXTURES / "taierzhuang-kjj-2021.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


# -- the server ------------------------------------------------------------------------


def _lines(stream, sink: queue.Queue) -> None:
    for raw in iter(stream.readline, b""):
        sink.put(raw.decode("utf-8", "replace"))
    sink.put(None)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The base URL of a ``reportlint serve`` of its own, stopped after the module."""
    workdir = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "NO_COLOR": "1", "REPORTLINT_LANG": "zh"}
    env.pop("FORCE_COLOR", None)
    with (workdir / "serve.log").open("wb") as log:
        proc = subprocess.Popen(
            SERVE,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            cwd=workdir,
            env=env,
        )
    # A thread keeps reading stdout, so the server never blocks on a full pipe.
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        url = None
        seen = []
        while url is None:
            try:
                line = lines.get(timeout=HANG_GUARD)
            except queue.Empty:
                pytest.fail(f"reportlint serve printed no URL: {seen}")
            if line is None:
                pytest.fail(f"reportlint serve exited ({proc.wait()}): {(workdir / 'serve.log').read_text()[-3000:]}")
            seen.append(line)
            match = re.search(r"reportlint serve: (http://\S+)", line)
            if match:
                url = match.group(1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


# -- the files and what the command line says of them -------------------------------------


def _total_off_by_one(docx: bytes) -> bytes:
    """The .docx with the last whole number of its last table one more than it is."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    xml = source.read("word/document.xml").decode("utf-8")
    start = xml.rindex("<w:tbl>")
    end = xml.index("</w:tbl>", start)
    last = list(re.finditer(r"(<w:t(?: [^>]*)?>)(\d+)(</w:t>)", xml[start:end]))[-1]
    a, b = start + last.start(2), start + last.end(2)
    xml = xml[:a] + str(int(xml[a:b]) + 1) + xml[b:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, xml.encode("utf-8") if name == "word/document.xml" else source.read(name))
    return out.getvalue()


def _check_json(folder: Path, names: list[str], lang: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", "--lang", lang, "--format", "json", *names],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=HANG_GUARD,
    )
    assert done.returncode == 2, done.stderr  # 2: the hostile file could not be read
    items = json.loads(done.stdout)
    findings: dict[str, list[dict]] = {name: [] for name in names}
    for item in items:
        if "code" in item and "type" not in item:
            findings[item["path"]].append(item)
    records = {item["path"]: item for item in items if item.get("type") == "report"}
    return {"findings": findings, "records": records}


@pytest.fixture(scope="module")
def uploads(tmp_path_factory) -> dict:
    """The files to send, in the order sent, and the command line's findings for them."""
    folder = tmp_path_factory.mktemp("uploads")
    drafts = sorted(DRAFTS.iterdir())
    assert {p.suffix for p in drafts} >= {".docx", ".doc", ".odt", ".rtf", ".pdf"}
    for path in drafts:
        shutil.copy(path, folder / path.name)
    docx = next(p for p in drafts if p.suffix == ".docx")
    (folder / VARIANT).write_bytes(_total_off_by_one(docx.read_bytes()))
    (folder / HOSTILE).write_bytes(random.Random(18).randbytes(8192))
    shutil.copy(TEXT_SOURCE, folder / TEXT)
    names = [*(p.name for p in drafts), TEXT, VARIANT, HOSTILE]
    expected = {lang: _check_json(folder, names, lang) for lang in ("zh", "en")}
    variant = expected["zh"]["findings"][VARIANT]
    assert any(f["cell"] for f in variant) and any(f["severity"] == "error" for f in variant)
    assert any(f["fix"] and f["fix"]["safe"] for f in expected["zh"]["findings"][TEXT])
    return {"folder": folder, "names": names, "paths": [folder / n for n in names], **expected}


# -- the page ---------------------------------------------------------------------------


def _status(lang: str, key: str) -> str:
    return LABELS[f"status_{key}"].get(lang)


# Every file's report is in a final state (checked, could not be checked, skipped) and the
# progress line says the job is done (the downloads of the whole job come last).
JOB_DONE = """([n, allDone]) => {
  const reports = [...document.querySelectorAll('.report')];
  return reports.length === n && reports.every(r => ['done', 'error', 'skipped'].includes(r.dataset.status))
    && document.getElementById('progress-text').textContent === allDone;
}"""


def _wait_done(page, count: int, lang: str) -> dict:
    """Wait for the job of ``count`` files; its reports by the file name they show."""
    all_done = LABELS["all_done"].get(lang).format(k=count, n=count)
    page.page.wait_for_function(JOB_DONE, arg=[count, all_done], timeout=HANG_GUARD * 1000)
    reports = {report.locator(".report-name").inner_text(): report for report in page.page.locator(".report").all()}
    assert len(reports) == count
    return reports


def _send(page, files: list[Path], lang: str) -> dict:
    """Choose the files, start, wait for every report; the reports by file name."""
    page.page.set_input_files("#file-input", [str(p) for p in files])
    page.page.click("#start")
    reports = _wait_done(page, len(files), lang)
    assert sorted(reports) == sorted(p.name for p in files)
    return reports


def _open_findings(report) -> None:
    toggle = report.locator(".toggle-findings")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def _codes(report) -> list[str]:
    return sorted(report.locator(".finding").evaluate_all("fs => fs.map(f => f.dataset.code)"))


def _comments(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        assert z.testzip() is None
        root = ET.fromstring(z.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")]


def test_drafts_checked_in_the_page_match_the_command_line(new_page, server, uploads, artifacts, tmp_path):
    page = new_page(1366, 900)
    page.open(server)
    assert page.eval("document.documentElement.lang") == "zh-CN"
    assert page.page.inner_text("#start").strip() == LABELS["start"].zh
    reports = _send(page, uploads["paths"], "zh")
    expected = uploads["zh"]["findings"]

    # every file: the codes the command line finds; the hostile one fails alone
    for name, report in reports.items():
        status = report.locator(".report-status").inner_text()
        if name == HOSTILE:
            assert report.get_attribute("data-status") == "error"
            assert status == _status("zh", "error")
            assert uploads["zh"]["records"][HOSTILE]["reason"] in report.locator(".report-error").inner_text()
            assert _codes(report) == []
        else:
            assert report.get_attribute("data-status") == "done", name
            assert status == _status("zh", "done"), name
            assert _codes(report) == sorted(f["code"] for f in expected[name]), name
    variant = reports[VARIANT]
    finding = variant.locator(".finding").first
    for attr in ("data-category", "data-severity"):
        assert finding.get_attribute(attr) in {f[attr.removeprefix("data-")] for f in expected[VARIANT]}

    assert page.page.is_visible("#download-xlsx") and page.page.is_visible("#download-html")

    _open_findings(variant)
    page.screenshot(artifacts / "serve-results.png", full=True)
    if os.environ.get("REPORTLINT_WRITE_SCREENSHOT") == "1":
        # the README's: the last reports of the batch, the findings of the table total off
        # by one opened, the hostile file's error below
        reports[TEXT].evaluate("r => r.scrollIntoView({block: 'start'})")
        page.screenshot(README_SCREENSHOT)

    # the rule's explanation, one click away
    code = finding.get_attribute("data-code")
    rule = page.eval("c => fetch('/api/rules/' + c + '?lang=zh').then(r => r.json())", code)
    assert rule["code"] == code and rule["summary"]
    _open_findings(variant)
    finding.locator(".rule-doc-button").click()
    doc = finding.locator(".rule-doc")
    doc.get_by_text(rule["summary"]).wait_for()
    assert doc.is_visible()

    # the tables as parsed, in the sandboxed iframe of the file's HTML audit report
    variant.locator(".view-report").click()
    frame_element = variant.locator(".report-frame")
    sandbox = frame_element.get_attribute("sandbox") or ""
    assert "allow-scripts" in sandbox and "allow-same-origin" not in sandbox
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_load_state("load")
    frame.wait_for_function("document.documentElement.dataset.ready === '1'")
    listed = frame.locator("#report-list tbody tr[data-a] a")
    assert listed.all_text_contents() == [VARIANT]  # the name it was sent as, not the one on disk
    # the frame opens on the file's own section (#r1): its tables show without a click
    frame.wait_for_function("document.querySelector('tr.detail[data-state=ready]') !== null")
    tables = len(uploads["zh"]["records"][VARIANT]["layouts"])
    assert frame.locator("tr.detail .tbl").count() == tables
    cell_errors = [f for f in expected[VARIANT] if f["cell"] and f["severity"] == "error"]
    assert frame.evaluate("document.querySelectorAll('td.hl-error').length") >= len(cell_errors) > 0

    # the annotated copy: a Word file whose comments are the findings
    with page.page.expect_download() as info:
        variant.locator("a.download-annotated").click()
    download = info.value
    assert download.suggested_filename == VARIANT.replace(".docx", "（批注）.docx")
    annotated = tmp_path / "annotated.docx"
    download.save_as(annotated)
    comments = _comments(annotated)
    assert len(comments) == len(expected[VARIANT])
    for f in expected[VARIANT]:
        assert any(f["message"] in c for c in comments), f["message"]
    assert reports[HOSTILE].locator("a.download-annotated").count() == 0
    assert reports[TEXT].locator("a.download-annotated").count() == 0  # plain text: no comments to carry

    # the fixed copy: what `reportlint check --fix` makes of the same file
    fixed_here = tmp_path / "fixed" / TEXT
    fixed_here.parent.mkdir()
    shutil.copy(TEXT_SOURCE, fixed_here)
    done = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", "--fix", TEXT],
        capture_output=True,
        cwd=fixed_here.parent,
        timeout=HANG_GUARD,
    )
    assert done.returncode in (0, 1) and fixed_here.read_bytes() != TEXT_SOURCE.read_bytes(), done.stderr
    with page.page.expect_download() as info:
        reports[TEXT].locator("a.download-fixed").click()
    assert info.value.suggested_filename == TEXT.replace(".txt", "（修复）.txt")
    fixed = tmp_path / "fixed.txt"
    info.value.save_as(fixed)
    assert fixed.read_bytes() == fixed_here.read_bytes()
    for name, report in reports.items():  # a fixed copy only where a safe fix applies
        fixable = any(f["fix"] and f["fix"]["safe"] for f in expected[name])
        assert report.locator("a.download-fixed").count() == int(fixable), name

    # every finding of the batch in the workbook, under the names the files were sent as
    with page.page.expect_download() as info:
        page.page.click("#download-xlsx")
    workbook_path = tmp_path / "findings.xlsx"
    info.value.save_as(workbook_path)
    workbook = openpyxl.load_workbook(workbook_path, read_only=True)
    sheet = next(ws for ws in workbook.worksheets if "代码" in next(ws.iter_rows(max_row=1, values_only=True)))
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    file_col, code_col = header.index("文件"), header.index("代码")
    listed = Counter((row[file_col], row[code_col]) for row in rows if row[code_col])
    assert listed == Counter((name, f["code"]) for name, fs in expected.items() for f in fs)

    # the batch's HTML audit report
    with page.page.expect_download() as info:
        page.page.click("#download-html")
    html_path = tmp_path / "audit.html"
    info.value.save_as(html_path)

    # printed: the results only, every file's findings unfolded (folded ones included)
    page.page.emulate_media(media="print")
    assert not page.page.is_visible("#upload-form") and not page.page.is_visible("#download-xlsx")
    findings = page.page.locator(".finding")
    assert findings.count() == sum(len(fs) for fs in expected.values())
    assert all(findings.nth(i).is_visible() for i in range(findings.count()))
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    (artifacts / "serve-print.pdf").write_bytes(pdf)
    page.page.emulate_media(media="screen")
    page.settle()
    assert page.problems() == []

    # the downloaded audit page lists the files checked under the names they were sent as
    # (a file that could not be read is left out: it would only fail again)
    checked = [name for name, record in uploads["zh"]["records"].items() if record["status"] == "checked"]
    assert HOSTILE not in checked and len(checked) == len(uploads["names"]) - 1
    page.open(html_path.as_uri())
    assert page.eval("document.documentElement.dataset.ready") == "1"
    names = page.eval("[...document.querySelectorAll('#report-list tbody tr[data-a] a')].map(a => a.textContent)")
    assert sorted(names) == sorted(checked)
    page.settle()
    assert page.problems() == []


def _drop(page, files: list[Path]) -> None:
    """Drop the files on #drop-zone as a file manager does (a DataTransfer of File objects)."""
    payload = [{"name": p.name, "bytes": list(p.read_bytes())} for p in files]
    transfer = page.page.evaluate_handle(
        "files => { const dt = new DataTransfer();"
        " for (const f of files) { dt.items.add(new File([new Uint8Array(f.bytes)], f.name)); } return dt; }",
        payload,
    )
    for event in ("dragenter", "dragover", "drop"):
        page.page.dispatch_event("#drop-zone", event, {"dataTransfer": transfer})


def test_english_page_drop_and_results(new_page, server, uploads, artifacts):
    page = new_page(1366, 900)
    page.open(server + "?lang=en")
    assert page.eval("document.documentElement.lang") == "en"
    files = [uploads["folder"] / VARIANT, uploads["folder"] / HOSTILE]
    _drop(page, files)
    page.page.click("#start")
    reports = _wait_done(page, len(files), "en")
    variant, hostile = reports[VARIANT], reports[HOSTILE]
    expected = uploads["en"]["findings"][VARIANT]
    assert variant.locator(".report-status").inner_text() == _status("en", "done")
    assert _codes(variant) == sorted(f["code"] for f in expected)
    # the messages in English, as `--lang en` writes them
    messages = variant.locator(".finding-message").all_text_contents()
    assert sorted(messages) == sorted(f["message"] for f in expected)
    assert hostile.locator(".report-status").inner_text() == _status("en", "error")
    assert uploads["en"]["records"][HOSTILE]["reason"] in hostile.locator(".report-error").inner_text()

    # the page's own words are English: outside the reports (which quote the Chinese
    # text of the report), only the labels meant to keep Chinese and the file names
    chrome = page.eval(
        "(() => { const c = document.body.cloneNode(true);"
        " c.querySelectorAll('.report').forEach(r => r.remove()); return c.innerText; })()"
    )
    for key in CHINESE_IN_ENGLISH:
        chrome = chrome.replace(LABELS[key].en, "")
    for name in (VARIANT, HOSTILE):
        chrome = chrome.replace(name, "")
    assert CJK.findall(chrome) == []
    assert page.page.inner_text("#start").strip() == LABELS["start"].en

    page.screenshot(artifacts / "serve-results-en.png", full=True)
    page.settle()
    assert page.problems() == []
