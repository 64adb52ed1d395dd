"""The HTML page is drawn from the results' data: the tables a run puts on each result
(``FileResult.tables``), and the style sheet and script shipped as package files."""

from __future__ import annotations

import base64
import hashlib
import io
from importlib import resources
from pathlib import Path

from test_formatter_html import _label, _row, parse, with_sections

from reportlint import output
from reportlint.config import ConfigLoader
from reportlint.core.results import FileResult
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter, LintOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _page(results, **kw) -> str:
    out = io.StringIO()
    output.get("html").render(results, lang="zh", out=out, generated="-", **kw)
    return with_sections(out.getvalue())


def test_tables_carried_by_a_linted_result_are_drawn_without_being_passed():
    path = str(FIXTURES / "shanghai-kewei-2024.md")
    linter = Linter(load_registry(True), ConfigLoader(None), LintOptions(collect_tables=True))
    result = linter.lint_path(path)
    assert result.tables and result.tables["table3"] is not None

    root, errors = parse(_page([result]))
    assert errors == []
    t3 = root.find("div", data_table="table3").find("table")
    received = _row(t3, result.tables["table3"]["rows"][0]["label"])
    assert [c.text() for c in received] == [
        "" if v is None else str(v) for v in result.tables["table3"]["rows"][0]["values"]
    ]
    # the column group of table 三 spans its five columns, named by the data
    assert root.find("div", data_table="table3").find("th", colspan="5").text() == "法人或其他组织"
    # the finding about 四、结转下年度继续办理 / 总计 is on that cell, and every finding
    # naming a cell of a drawn table is on that table
    carried = _row(t3, "四、结转下年度继续办理")
    assert [i for i, c in enumerate(carried) if "RL303" in c.attrs.get("title", "")] == [6]
    for d in result.diagnostics:
        if d.location.cell is not None and d.location.cell.table in ("table2", "table3", "table4"):
            block = root.find("div", data_table=d.location.cell.table)
            on_cell = [td for td in block.find_all("td") if d.code in td.attrs.get("title", "")]
            noted = [p for p in block.find_all("p", cls="tnote") if p.find("code").text() == d.code]
            assert on_cell or noted, (d.code, d.location.cell)


def test_tables_passed_for_a_path_take_precedence_over_the_result_s_own():
    carried = {"table2": None, "table3": None, "table4": {"values": [7] * 15}}
    passed = {"table2": None, "table3": None, "table4": {"values": [9] * 15}}
    result = FileResult("x.txt", tables=carried)
    assert "<td>7</td>" in _page([result])
    page = _page([result], tables={"x.txt": passed})
    assert "<td>9</td>" in page and "<td>7</td>" not in page


def test_a_table_without_its_names_is_drawn_generically():
    """Data that does not name its columns (not what to_json gives) is still shown:
    each row's label and values, nothing invented."""
    tables = {"table2": {"layout": "2021", "rows": [{"key": "regulations", "label": "规章", "values": [1, 2, 3]}]}}
    root, errors = parse(_page([FileResult("x.txt", tables=tables)]))
    assert errors == []
    t2 = root.find("div", data_table="table2").find("table")
    assert [_label(tds[0]) for tds in (tr.find_all("td") for tr in t2.find_all("tr")) if tds] == ["规章"]
    assert [c.text() for c in _row(t2, "规章")] == ["1", "2", "3"]
    assert "本年制发件数" not in t2.text()  # no header the data did not give


def test_style_and_script_are_the_package_files_inlined():
    files = resources.files("reportlint.output.html")
    css = files.joinpath("page.css").read_text(encoding="utf-8")
    js = files.joinpath("page.js").read_text(encoding="utf-8")
    root, _ = parse(_page([FileResult("a.txt")]))
    style = root.find("style").text()
    script = next(n for n in root.find_all("script") if "type" not in n.attrs).text()
    assert style.strip() == css.strip() and "table.grid" in css
    assert script.strip() == js.strip() and "report-filter" in js
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = root.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert f"script-src 'sha256-{digest}'" in csp
