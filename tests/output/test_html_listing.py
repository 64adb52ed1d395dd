"""The report list's data (output/html/listing.py) and the JSON blocks it travels in
(output/html/assets.py): escaped so no report text can end its script element, the
trend of an agency with several years, the filters' choices from the roster."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

from test_formatter_html import list_rows, parse

from reportlint import output
from reportlint.config import ConfigLoader
from reportlint.core.i18n import T
from reportlint.core.records import Deduction
from reportlint.output.html.assets import json_text, read_section_block
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter, LintOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = 'reports/</script><script>alert(1)</script><!--<script>x&amp;"\udcff.txt'


def _linted(name: str):
    linter = Linter(load_registry(True), ConfigLoader(None), LintOptions(collect_tables=True))
    return linter.lint_path(str(FIXTURES / name))


def _page(results, lang: str = "zh") -> str:
    out = io.StringIO()
    output.get("html").render(results, lang=lang, out=out, generated="-")
    return out.getvalue()


def test_json_text_leaves_nothing_that_can_end_a_script():
    text = json_text({"path": HOSTILE, "n": [1, None]})
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == {"path": HOSTILE.replace("\udcff", "\ufffd"), "n": [1, None]}
    text.encode("utf-8")  # no lone surrogate left


def test_a_hostile_path_stays_data():
    result = _linted("changji-kjj-2021.txt")
    result = dataclasses.replace(result, path=HOSTILE, record=dataclasses.replace(result.record, path=HOSTILE))
    page = _page([result])
    root, errors = parse(page)
    assert errors == []
    scripts = root.find_all("script")
    assert [s.attrs.get("id") for s in scripts] == ["report-rows", None, "d-r1"]  # nothing more got in
    [row] = list_rows(root)
    assert row["path"] == HOSTILE.replace("\udcff", "\ufffd")
    # the section's block (which the test parser expands in place), as the page has it
    raw = page.split('<script type="application/json" id="d-r1" class="report-data">', 1)[1].split("</script>", 1)[0]
    block = json.loads(raw)
    assert block["path"] == row["path"]
    section = read_section_block(block)
    assert "<script>" not in section and "&lt;/script&gt;&lt;script&gt;alert(1)" in section


def test_trend_for_an_agency_with_several_years():
    years = {"pingtan-gov-2019.txt": 2019, "pingtan-gov-2021.txt": 2021, "pingtan-gov-2023.txt": 2023}
    results = [_linted(name) for name in years] + [_linted("changji-kjj-2021.txt")]
    root, errors = parse(_page(results))
    assert errors == []
    data = json.loads(root.find("script", id="report-rows").text())
    agency = results[0].record.agency
    assert agency and all(r.record.agency == agency for r in results[:3])
    # findings per year, in year order; 昌吉 has one year: no trend
    assert data["trends"] == {agency: [[years[Path(r.path).name], len(r.diagnostics)] for r in results[:3]]}
    rows = {Path(r["path"]).name: r for r in data["rows"]}
    assert [rows[name].get("trend") for name in years] == [agency] * 3
    assert "trend" not in rows["changji-kjj-2021.txt"]
    assert root.find("th", data_col="trend").text() == "趋势"

    # under a scoring profile the trend is the score
    scored = [
        dataclasses.replace(
            r,
            record=dataclasses.replace(
                r.record,
                score=10.0 - i,
                max_score=10.0,
                deductions=[Deduction("late", T("逾期", "late"), float(i), T("晚了", "late"))] if i else [],
            ),
        )
        for i, r in enumerate(results[:3])
    ]
    root, _ = parse(_page(scored, lang="en"))
    data = json.loads(root.find("script", id="report-rows").text())
    assert data["trends"] == {agency: [[2019, 10.0], [2021, 9.0], [2023, 8.0]]}
    assert data["labels"]["trend"] == "score per year"
    assert [r.get("ded") for r in data["rows"]] == [None, "−1 late: late", "−2 late: late"]


def test_filters_offer_the_roster_regions_and_parents():
    a, b = _linted("changji-kjj-2021.txt"), _linted("changshu-kjj-2021.txt")
    a = dataclasses.replace(a, record=dataclasses.replace(a.record, region="昌吉州", parent="昌吉州人民政府"))
    b = dataclasses.replace(b, record=dataclasses.replace(b.record, region="苏州市"))
    root, _ = parse(_page([a, b]))
    regions = [(o.attrs["value"], o.text()) for o in root.find("select", id="f-region").find_all("option")]
    assert regions == [("", "全部地区"), ("昌吉州", "昌吉州（1）"), ("苏州市", "苏州市（1）")]
    kinds = [o.attrs["value"] for o in root.find("select", id="f-kind").find_all("option")]
    assert kinds == ["", "department"]
    assert root.find("input", id="group-parent") is not None
    rows = {Path(r["path"]).name: r for r in list_rows(root)}
    assert rows["changji-kjj-2021.txt"]["parent"] == "昌吉州人民政府"
    assert rows["changshu-kjj-2021.txt"]["parent"] is None
    categories = {o.attrs["value"] for o in root.find("select", id="f-category").find_all("option")}
    assert categories == {""} | {d.category for r in (a, b) for d in r.diagnostics}
