"""The HTML audit report in a real headless chromium.

The page built from the sample batch of tests/test_formatter_html.py must load with no
console error (a CSP violation included), show the expected counts after its script
ran, sort and filter the report list, never run text from a report, and look right:
the screenshots are kept in tests/artifacts/ (audit.png is the one to look at).
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "output"))

from test_formatter_html import (
    BROKEN,
    CHANGSHU,
    CHANGZHOU,
    CLEAN_TOWN,
    HUAIAN,
    SAMPLE_AGENCIES,
    SPAM,
    TAIERZHUANG,
    render_sample,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_zh(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "audit.html"
    path.write_text(render_sample(agencies=SAMPLE_AGENCIES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page_en(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "audit-en.html"
    path.write_text(render_sample("en", agencies=SAMPLE_AGENCIES), encoding="utf-8")
    return path


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


LIST_ORDER = (
    "[...document.querySelectorAll('#report-list tbody tr[data-a]')].map(r => r.querySelector('a').textContent)"
)
# Open every report of the list (each row's findings are drawn on demand) and wait for them.
OPEN_ALL = """(async () => {
  const paths = [...document.querySelectorAll('#report-list tbody tr[data-a] a')].map(a => a.textContent);
  for (const p of paths) {
    [...document.querySelectorAll('#report-list tbody tr[data-a] a')].find(a => a.textContent === p).click();
  }
  while (document.querySelector('tr.detail[data-state=loading]')) { await new Promise(r => setTimeout(r, 10)); }
  return document.querySelectorAll('tr.detail[data-state=ready]').length;
})()"""


def test_loads_without_errors_and_shows_counts(browser, page_zh):
    browser.open(page_zh.as_uri())
    browser.settle()
    assert browser.problems() == []
    assert browser.eval("document.documentElement.dataset.ready") == "1"  # the script ran
    counts = browser.eval(
        "Object.fromEntries([...document.querySelectorAll('.card')]"
        ".map(c => [c.dataset.key, c.querySelector('.num').textContent]))"
    )
    assert counts == {
        "checked": "6",
        "clean": "2",
        "with_errors": "3",
        "failed": "1",
        "findings": "17",
        "errors": "8",
        "warnings": "8",
        "infos": "1",
    }
    assert browser.eval("document.getElementById('summary-line').textContent") == (
        "共 17 个问题（错误 8，警告 8，提示 1），涉及 3 个文件；1 个文件无法检查"
    )
    assert browser.eval("document.querySelectorAll('#rule-chart .cnt').length") == 15
    assert browser.eval("document.querySelectorAll('section.report').length") == 0  # drawn when opened
    assert browser.eval(OPEN_ALL) == 6
    assert browser.eval("document.querySelectorAll('section.report').length") == 6
    assert browser.eval("document.querySelectorAll('.finding').length") == 17
    # the failed file's error is on the page
    assert "PDF 文件已损坏" in browser.eval(
        f"document.querySelector('section.report[data-path={json.dumps(BROKEN)}] .failbox').textContent"
    )
    # highlighted table cells: table 三 总计 of row 一, table 四 direct-litigation 总计, …
    assert browser.eval("document.querySelectorAll('td.hl-error').length") == 1 + 1 + 7 + 1
    assert browser.eval("document.querySelectorAll('td.hl-warning').length") == 1
    assert (
        browser.eval("getComputedStyle(document.querySelector('td.hl-error')).backgroundColor") == "rgb(251, 211, 207)"
    )


def test_report_text_is_never_run(browser, page_zh):
    browser.open(page_zh.as_uri())
    browser.settle()
    assert browser.eval(OPEN_ALL) == 6
    assert browser.eval("[...document.scripts].filter(s => s.type !== 'application/json').length") == 1
    assert browser.eval("document.querySelectorAll('img').length") == 0
    mark = browser.eval("document.querySelector('.finding[data-code=RL807] mark').textContent")
    assert mark == SPAM
    assert browser.problems() == []


def test_sort_by_clicking_headers(browser, page_zh):
    browser.open(page_zh.as_uri())
    # at first: the file that could not be read, then by path in natural order
    assert browser.eval(LIST_ORDER) == [BROKEN, CHANGSHU, CHANGZHOU, HUAIAN, TAIERZHUANG, CLEAN_TOWN]
    click = "document.querySelector('#report-list th[data-col={}] button').click()"
    sort = "document.querySelector('#report-list th[data-col={}]').getAttribute('aria-sort')"

    browser.eval(click.format("errors"))  # a numeric column sorts descending first, ties in list order
    assert browser.eval(sort.format("errors")) == "descending"
    assert browser.eval(LIST_ORDER) == [CHANGZHOU, TAIERZHUANG, CHANGSHU, BROKEN, HUAIAN, CLEAN_TOWN]
    browser.eval(click.format("errors"))
    assert browser.eval(sort.format("errors")) == "ascending"
    assert browser.eval(LIST_ORDER) == [BROKEN, HUAIAN, CLEAN_TOWN, CHANGSHU, TAIERZHUANG, CHANGZHOU]

    browser.eval(click.format("warnings"))
    assert browser.eval(sort.format("warnings")) == "descending"
    assert browser.eval(sort.format("errors")) == "none"
    assert browser.eval(LIST_ORDER)[:3] == [TAIERZHUANG, CHANGSHU, CHANGZHOU]

    browser.eval(click.format("report"))  # text sorts ascending first
    assert browser.eval(sort.format("report")) == "ascending"
    collator = "new Intl.Collator('zh-Hans-CN', {numeric: true})"
    assert browser.eval(f"{LIST_ORDER}.every((p, i, a) => i === 0 || {collator}.compare(a[i-1], p) <= 0)")
    browser.eval(click.format("report"))
    assert browser.eval(sort.format("report")) == "descending"
    assert browser.eval(f"{LIST_ORDER}.every((p, i, a) => i === 0 || {collator}.compare(a[i-1], p) >= 0)")

    browser.eval(click.format("status"))
    assert browser.eval(LIST_ORDER)[0] == BROKEN  # could not be checked ranks first
    assert browser.problems() == []


def test_filter_the_report_list(browser, page_zh):
    browser.open(page_zh.as_uri())
    browser.eval(
        "const i = document.getElementById('report-filter'); i.value = '局';i.dispatchEvent(new Event('input'))"
    )
    assert browser.eval(LIST_ORDER) == [CHANGSHU, CHANGZHOU, TAIERZHUANG]  # agency names and paths both match
    assert browser.eval("document.getElementById('report-shown').textContent") == "显示 3 / 6 份"
    browser.eval(
        "const j = document.getElementById('report-filter'); j.value = ''; j.dispatchEvent(new Event('input'))"
    )
    assert browser.eval("document.getElementById('report-shown').textContent") == "显示 6 / 6 份"
    # by status: the file that could not be checked
    browser.eval(
        "const s = document.getElementById('f-status'); s.value = 'failed'; s.dispatchEvent(new Event('change'))"
    )
    assert browser.eval(LIST_ORDER) == [BROKEN]
    assert "PDF 文件已损坏" in browser.eval("document.querySelector('#report-list .pill.failed').title")
    assert browser.problems() == []


def test_english_page(browser, page_en):
    browser.open(page_en.as_uri())
    browser.settle()
    assert browser.problems() == []
    assert browser.eval("document.documentElement.lang") == "en"
    assert browser.eval("document.querySelector('h1').textContent") == "Annual report audit"
    assert browser.eval("document.getElementById('report-shown').textContent") == "showing 6 of 6"


def test_the_error_check_catches_a_csp_violation(browser, page_zh, tmp_path):
    """Control: a script the page did not ship is blocked, and the test sees it."""
    tampered = tmp_path / "tampered.html"
    tampered.write_text(
        page_zh.read_text(encoding="utf-8").replace("</main>", "<script>document.title='pwned'</script></main>"),
        encoding="utf-8",
    )
    browser.open(tampered.as_uri())
    browser.settle()
    assert browser.eval("document.title") != "pwned"
    assert any("Content Security Policy" in p for p in browser.problems()), browser.problems()
    # and the page's own securitypolicyviolation event, through the listener in every frame
    assert any(p.startswith("CSP violation: script-src") for p in browser.problems()), browser.problems()


def test_dump_dom_after_script(run_chromium, page_zh):
    """The one-shot way: --dump-dom prints the DOM after the script ran."""
    proc = run_chromium("--dump-dom", page_zh.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'data-ready="1"' in dom
    assert '<div class="num" id="count-checked">6</div>' in dom
    assert '<div class="num" id="count-clean">2</div>' in dom


def test_screenshots(run_chromium, browser, page_zh, artifacts):
    """Keep tests/artifacts/audit.png (1280×2000, the top of the page), a close-up of a report,
    the whole page, and the page itself (audit.html)."""
    (artifacts / "audit.html").write_bytes(page_zh.read_bytes())
    shot = artifacts / "audit.png"
    shot.unlink(missing_ok=True)
    proc = run_chromium(f"--screenshot={shot}", "--window-size=1280,2000", page_zh.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.is_file() and _png_size(shot) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one

    browser.open(page_zh.as_uri())
    browser.eval(
        f"[...document.querySelectorAll('#report-list tbody a')].find(a => a.textContent === {json.dumps(CHANGZHOU)}).click()"
    )
    browser.eval(
        "new Promise(r => { const f = () => document.querySelector('tr.detail[data-state=ready]') ? r() : setTimeout(f, 10); f(); })"
    )
    box = browser.eval(
        f"(() => {{ const r = document.querySelector('section.report[data-path={json.dumps(CHANGZHOU)}]')"
        ".getBoundingClientRect(); return {x: 0, y: r.top + scrollY - 8, width: 1280, height: r.height + 16}; })()"
    )
    detail = artifacts / "audit-report.png"
    browser.screenshot(detail, clip=box)
    assert _png_size(detail)[0] == 1280
    assert detail.stat().st_size > 50_000
    full = artifacts / "audit-full.png"
    height = browser.eval("document.documentElement.scrollHeight")
    browser.screenshot(full, clip={"x": 0, "y": 0, "width": 1280, "height": height})
    assert _png_size(full) == (1280, height)
    assert browser.problems() == []
