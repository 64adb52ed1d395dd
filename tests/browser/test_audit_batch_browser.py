"""The audit page of a batch in a real headless chromium: the list as an office reads it.

The batch is made from the real reports of tests/fixtures by ``reportlint check
--format html`` with a roster (regions, parents, an agency that sent nothing): 昌吉州's
report and 常熟's under the paths 昌吉2.txt and 昌吉10.txt (natural order: 2 before 10),
平潭's reports of 2021 and 2023 (two years of one agency: a trend), 台儿庄's, and a .docx
that is not a zip (unreadable: listed first). What the filters must keep is taken from
the same run's JSON output, not written in the test. A page of 250 reports (the real
results under other names, through the streaming writer) shows the paging.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import output
from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter, LintOptions

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BATCH = {
    "昌吉2.txt": "changji-kjj-2021.txt",
    "昌吉10.txt": "changshu-kjj-2021.txt",
    "平潭2021.txt": "pingtan-gov-2021.txt",
    "平潭2023.txt": "pingtan-gov-2023.txt",
    "台儿庄.txt": "taierzhuang-kjj-2021.txt",
}
ROSTER = """单位名称,类别,上级单位,地区
昌吉州科学技术局,部门,昌吉州人民政府,昌吉州
常熟市科学技术局,部门,苏州市人民政府,苏州市
台儿庄区科技局,部门,,枣庄市
平潭综合实验区,政府,福建省人民政府,福建省
玛纳斯县科学技术局,部门,昌吉州人民政府,昌吉州
"""

VISIBLE = "[...document.querySelectorAll('#report-list tbody tr[data-a] a')].map(a => a.textContent.split('/').pop())"
# A report's section is inflated asynchronously: wait for it (a bounded wait: "timeout").
WAIT_DETAIL = (
    "new Promise(r => { let n = 0; const f = () => { const d = document.querySelector('tr.detail');"
    " if (d && d.dataset.state !== 'loading') { r(d.dataset.state); } else if (++n > 1000) { r('timeout'); }"
    " else { setTimeout(f, 10); } }; f(); })"
)


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", "--roster", "roster.csv", *args, "reports"],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=300,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("batch")
    reports = folder / "reports"
    reports.mkdir()
    for name, fixture in BATCH.items():
        (reports / name).write_bytes((FIXTURES / fixture).read_bytes())
    (reports / "损坏.docx").write_bytes(b"this is not a zip")
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    for lang in ("zh", "en"):
        done = _check(folder, "--lang", lang, "--format", "html", "-o", f"audit-{lang}.html")
        assert done.returncode == 2 and "损坏.docx" in done.stderr, done.stderr  # 2: a file could not be read
    done = _check(folder, "--format", "json")
    assert done.returncode == 2, done.stderr
    items = json.loads(done.stdout)
    records = {Path(x["path"]).name: x for x in items if x.get("type") == "report"}
    findings: dict[str, list[str]] = {}
    for x in items:
        if "code" in x and "type" not in x:
            findings.setdefault(Path(x["path"]).name, []).append(x["code"])
    return {"zh": folder / "audit-zh.html", "en": folder / "audit-en.html", "records": records, "findings": findings}


def _choose(browser, select: str, value: str) -> None:
    browser.eval(
        f"(() => {{ const s = document.getElementById({json.dumps(select)}); s.value = {json.dumps(value)};"
        " s.dispatchEvent(new Event('change')); })()"
    )


def test_unreadable_first_then_natural_order(browser, batch):
    browser.open(batch["zh"].as_uri())
    browser.settle()
    assert browser.problems() == []  # no console error, no CSP violation
    assert browser.eval("document.documentElement.dataset.ready") == "1"
    order = browser.eval(VISIBLE)
    assert order[0] == "损坏.docx" and sorted(order) == sorted([*BATCH, "损坏.docx"])
    assert order.index("昌吉2.txt") + 1 == order.index("昌吉10.txt")  # 2 before 10
    assert order.index("平潭2021.txt") < order.index("平潭2023.txt")
    heads = browser.eval("[...document.querySelectorAll('#report-list th')].map(th => th.dataset.col)")
    assert heads[:6] == ["report", "agency", "kind", "year", "published", "trend"]


def test_filter_by_kind_and_by_rule_narrows_the_rows(browser, batch):
    records = batch["records"]
    browser.open(batch["zh"].as_uri())
    _choose(browser, "f-kind", "department")
    departments = {name for name, r in records.items() if r["agency_kind"] == "department"}
    assert departments and len(departments) < len(records)
    assert set(browser.eval(VISIBLE)) == departments
    assert browser.eval("document.getElementById('report-shown').textContent") == f"显示 {len(departments)} / 6 份"

    _choose(browser, "f-kind", "")
    # a rule some reports have and others not: its reports, as the JSON output says
    counts = {code: sum(code in r["rules"] for r in records.values()) for r in records.values() for code in r["rules"]}
    rule = min(code for code, n in counts.items() if 1 <= n < len(records) - 1)
    expected = {name for name, r in records.items() if rule in r["rules"]}
    _choose(browser, "f-rule", rule)
    assert set(browser.eval(VISIBLE)) == expected
    # both at once: the reports with the rule that are departments
    _choose(browser, "f-kind", "department")
    assert set(browser.eval(VISIBLE)) == expected & departments
    _choose(browser, "f-kind", "")
    _choose(browser, "f-rule", "")
    browser.eval(
        "(() => { const i = document.getElementById('report-filter'); i.value = '平潭';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert browser.eval(VISIBLE) == ["平潭2021.txt", "平潭2023.txt"]
    assert browser.problems() == []


def test_filter_by_region_and_category_and_group_by_parent(browser, batch):
    records = batch["records"]
    browser.open(batch["zh"].as_uri())
    _choose(browser, "f-region", "昌吉州")
    assert browser.eval(VISIBLE) == ["昌吉2.txt"]
    _choose(browser, "f-region", "")
    category = sorted({c for r in records.values() for c in r["categories"]})[0]
    _choose(browser, "f-category", category)
    assert set(browser.eval(VISIBLE)) == {name for name, r in records.items() if category in r["categories"]}
    _choose(browser, "f-category", "")

    browser.eval("(() => { const g = document.getElementById('group-parent'); g.click(); })()")
    groups = browser.eval("[...document.querySelectorAll('#report-list tr.group')].map(tr => tr.textContent)")
    parents = sorted({r["parent"] for r in records.values() if r["parent"]})
    assert sorted(groups[:-1]) == sorted(f"上级机关：{p}" for p in parents) and groups[-1] == "无上级机关"
    # each report under its parent's heading
    placed = browser.eval(
        "(() => { let g = ''; const out = {}; for (const tr of document.querySelectorAll('#report-list tbody tr')) {"
        " if (tr.classList.contains('group')) { g = tr.textContent; } else if (tr.dataset.a) {"
        " out[tr.querySelector('a').textContent.split('/').pop()] = g; } } return out; })()"
    )
    for name, r in records.items():
        assert placed[name] == (f"上级机关：{r['parent']}" if r["parent"] else "无上级机关"), name
    assert browser.problems() == []


def test_a_trend_for_the_agency_with_two_years(browser, batch):
    browser.open(batch["zh"].as_uri())
    trends = browser.eval(
        "Object.fromEntries([...document.querySelectorAll('#report-list tbody tr[data-a]')].map(tr =>"
        " [tr.querySelector('a').textContent.split('/').pop(), (tr.querySelector('svg.spark title') || {}).textContent"
        " || null]))"
    )
    findings = batch["findings"]
    for name in ("平潭2021.txt", "平潭2023.txt"):
        assert trends.pop(name) == (
            f"各年度问题数: 2021 {len(findings.get('平潭2021.txt', []))} · 2023 {len(findings.get('平潭2023.txt', []))}"
        )
    assert set(trends.values()) == {None}  # one year only: no trend
    assert browser.eval("document.querySelectorAll('svg.spark polyline').length") == 2


def test_details_open_on_click_and_show_the_findings(browser, batch, artifacts):
    browser.open(batch["zh"].as_uri())
    assert browser.eval("document.querySelectorAll('section.report').length") == 0
    browser.eval(
        "[...document.querySelectorAll('#report-list tbody a')].find(a => a.textContent.endsWith('昌吉10.txt')).click()"
    )
    assert browser.eval(WAIT_DETAIL) == "ready"
    codes = browser.eval("[...document.querySelectorAll('tr.detail .finding')].map(f => f.dataset.code)")
    assert sorted(codes) == sorted(batch["findings"]["昌吉10.txt"])
    assert browser.eval("document.querySelector('tr.detail section.report').dataset.path").endswith("昌吉10.txt")
    assert browser.eval("document.querySelectorAll('tr.detail details.tables .tbl').length") == 3
    # a filter keeps an opened report open while it is shown
    _choose(browser, "f-kind", "department")
    assert browser.eval("document.querySelectorAll('tr.detail .finding').length") == len(codes)
    browser.eval("(() => { const g = document.getElementById('group-parent'); g.click(); })()")
    browser.screenshot(artifacts / "audit-batch.png")
    assert (artifacts / "audit-batch.png").stat().st_size > 20_000
    (artifacts / "audit-batch.html").write_bytes(batch["zh"].read_bytes())
    browser.eval(
        "[...document.querySelectorAll('#report-list tbody a')].find(a => a.textContent.endsWith('昌吉10.txt')).click()"
    )
    assert browser.eval("document.querySelectorAll('tr.detail').length") == 0  # closed again
    assert browser.problems() == []


def test_english_page(browser, batch):
    browser.open(batch["en"].as_uri())
    browser.settle()
    assert browser.problems() == []
    assert browser.eval("document.getElementById('f-kind').options[0].textContent") == "All kinds"
    assert browser.eval("document.getElementById('page-info').textContent") == "page 1 of 1"
    assert browser.eval("document.querySelector('#report-list .pill.failed').textContent") == "not checked"
    browser.eval("(() => { const g = document.getElementById('group-parent'); g.click(); })()")
    assert browser.eval("[...document.querySelectorAll('#report-list tr.group')].pop().textContent") == "No parent"


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    """250 reports: the real results of the batch's fixtures under other paths."""
    linter = Linter(load_registry(True), ConfigLoader(None), LintOptions(collect_tables=True))
    base = [linter.lint_path(str(FIXTURES / f)) for f in sorted(set(BATCH.values()))]
    path = tmp_path_factory.mktemp("big") / "audit.html"
    with path.open("w", encoding="utf-8") as fh:
        writer = output.get("html").start(fh, lang="zh", generated="-")
        for i in range(250):
            src = base[i % len(base)]
            name = f"reports/file{i}.txt"
            writer.add(dataclasses.replace(src, path=name, record=dataclasses.replace(src.record, path=name)))
        writer.finish()
    return path


def test_only_a_page_of_rows_is_drawn(browser, big_page):
    browser.open(big_page.as_uri())
    rows = "document.querySelectorAll('#report-list tbody tr[data-a]').length"
    first = "document.querySelector('#report-list tbody tr[data-a] a').textContent"
    assert browser.eval(rows) == 100
    assert browser.eval("document.getElementById('page-info').textContent") == "第 1 / 3 页"
    assert browser.eval(first) == "reports/file0.txt"
    order = browser.eval("[...document.querySelectorAll('#report-list tbody tr[data-a] a')].map(a => a.textContent)")
    assert order[:12] == [f"reports/file{i}.txt" for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)]  # file2 < file10
    browser.eval("document.getElementById('page-next').click()")
    browser.eval("document.getElementById('page-next').click()")
    assert browser.eval(rows) == 50
    assert browser.eval("document.getElementById('page-next').disabled") is True
    assert browser.eval("document.getElementById('page-info').textContent") == "第 3 / 3 页"
    # a filter starts again at the first page
    browser.eval(
        "(() => { const i = document.getElementById('report-filter'); i.value = 'file1';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert browser.eval("document.getElementById('page-info').textContent") == "第 1 / 2 页"
    assert browser.eval(rows) == 100  # file1, file10–19, file100–199: 111
    assert browser.eval("document.getElementById('report-shown').textContent") == "显示 111 / 250 份"
    assert browser.eval("document.querySelectorAll('section.report').length") == 0
    assert browser.problems() == []


def test_printing_prints_every_row_the_filters_keep(browser, big_page, artifacts):
    browser.open(big_page.as_uri())
    rows = "document.querySelectorAll('#report-list tbody tr[data-a]').length"
    browser.eval(
        "(() => { const i = document.getElementById('report-filter'); i.value = 'file1';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert browser.eval(rows) == 100
    browser.eval("window.dispatchEvent(new Event('beforeprint'))")
    assert browser.eval(rows) == 111  # every row the filter keeps, not only the page
    browser.eval("window.dispatchEvent(new Event('afterprint'))")
    assert browser.eval(rows) == 100
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    (artifacts / "audit-print.pdf").write_bytes(pdf)
    assert browser.problems() == []


def test_a_link_to_a_report_opens_it_on_its_page(browser, big_page):
    """``audit.html#r130``: the report's row on its page (not the first), opened."""
    browser.open(big_page.as_uri() + "#r130")
    browser.eval(WAIT_DETAIL)
    assert browser.eval("document.querySelector('tr.detail section.report').dataset.path") == "reports/file129.txt"
    # natural order: file0–file99 fill the first page, file129 is on the second
    assert browser.eval("document.getElementById('page-info').textContent") == "第 2 / 3 页"
    browser.eval("location.hash = '#r250'")
    # the one linked is drawn on the third page (the first stays open, on its own)
    assert browser.eval(
        "new Promise(r => { let n = 0; const f = () => { const s = document.querySelector('tr.detail section.report');"
        " if (s && s.dataset.path === 'reports/file249.txt') { r(true); } else if (++n > 500) { r(false); }"
        " else { setTimeout(f, 10); } }; f(); })"
    )
    assert browser.eval("document.getElementById('page-info').textContent") == "第 3 / 3 页"  # file249
    assert browser.problems() == []
