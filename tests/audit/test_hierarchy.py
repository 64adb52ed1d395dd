"""Hierarchy checks (--hierarchy): a parent's report against the sum of its children's,
on a batch built from a real report (tests/fixtures/shanghai-kewei-2024.md): the
agency renamed to make a government and its bodies, table 三 row 一 of the parent edited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportlint.audit.hierarchy import check
from reportlint.audit.roster import coverage, read_roster
from reportlint.audit.summary import build_summary
from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter
from reportlint.run.records import ensure_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = "shanghai-kewei-2024.md"
AGENCY = "市科委"  # how the report names its agency (上海市科委, 市科委)
ROW_ONE = "| 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |"  # total 34
FIGURE = "table3.new.total"
GOVERNMENT, ECONOMY, EDUCATION, HEALTH = "上海市人民政府", "上海市经信委", "上海市教委", "上海市卫健委"
ROSTER = [
    ("单位名称", "类别", "上级"),
    (GOVERNMENT, "政府", ""),
    (ECONOMY, "部门", GOVERNMENT),
    (EDUCATION, "部门", GOVERNMENT),
    (HEALTH, "部门", GOVERNMENT),  # its only report is for 2023, or there is none
]


def _source() -> str:
    text = (FIXTURES / SOURCE).read_text(encoding="utf-8")
    assert ROW_ONE in text and "2024" in text
    return text


def _report(folder: Path, name: str, agency: str, new: tuple[int, int] | None = None, year: int | None = None) -> Path:
    """The fixture as ``agency``'s report; ``new``: table 三 row 一 written as (natural
    persons, businesses) with their total; ``year``: every 2024 of the text made this."""
    text = _source().replace("上海" + AGENCY, agency).replace(AGENCY, agency.removeprefix("上海"))
    if new is not None:
        a, b = new
        text = text.replace(ROW_ONE, f"| 一、本年新收政府信息公开申请数量 | {a} | {b} | 0 | 0 | 0 | 0 | {a + b} |")
    if year is not None:
        text = text.replace("2024", str(year))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _roster(folder: Path, rows=ROSTER) -> Path:
    path = folder / "roster.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _batch(folder: Path, parent_new: tuple[int, int], health_year: int | None = 2023) -> Path:
    """The government (table 三 row 一 as ``parent_new``), two of its bodies (34 each),
    and the third body's report for ``health_year`` (None: no report at all)."""
    folder.mkdir()
    _report(folder, "gov.md", GOVERNMENT, new=parent_new)
    _report(folder, "economy.md", ECONOMY)
    _report(folder, "education.md", EDUCATION)
    if health_year is not None:
        _report(folder, f"health-{health_year}.md", HEALTH, year=health_year)
    return folder


def _records(folder: Path):
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    return [ensure_record(linter.lint_path(str(p))) for p in sorted(folder.glob("*.md"))]


def _checked(folder: Path, mode: str | None = None, year: int = 2024):
    records = _records(folder)
    roster = _roster(folder)
    entries = read_roster(str(roster))
    coverage(records, entries, str(roster), year)
    return records, check(records, entries, [FIGURE], mode)


def test_the_record_carries_the_figures_of_its_tables(tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    by_name = {Path(r.path).name: r for r in _records(folder)}
    assert by_name["gov.md"].figures[FIGURE] == 42
    assert by_name["economy.md"].figures[FIGURE] == 34
    assert by_name["health-2023.md"].year == 2023


def test_a_parent_below_its_childrens_sum_lists_the_missing_child(tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    found = _checked(folder)[1]
    [warning] = found
    assert Path(warning.parent_path).name == "gov.md"
    assert warning.parent_agency == GOVERNMENT
    assert (warning.figure, warning.parent_value, warning.children_sum) == (FIGURE, 42, 68)
    # the 2023 report of 卫健委 is not summed with 2024's: the body is missing for 2024
    assert sorted(Path(p).name for p in warning.children) == ["economy.md", "education.md"]
    assert warning.missing_children == [HEALTH]
    assert warning.message is not None
    assert "42" in warning.message.zh and "68" in warning.message.zh and HEALTH in warning.message.zh


def test_a_parent_at_least_the_sum_is_no_warning(tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(66, 4))  # 70 ≥ 34 + 34
    assert _checked(folder)[1] == []


def test_a_child_of_the_parents_year_is_summed(tmp_path):
    # the same batch with 卫健委's report for 2024: three children, 102 > 70
    folder = _batch(tmp_path / "batch", parent_new=(66, 4), health_year=2024)
    [warning] = _checked(folder)[1]
    assert warning.children_sum == 102
    assert warning.missing_children == []


@pytest.mark.parametrize(
    ("parent_new", "health_year", "warned"),
    [
        ((66, 2), None, False),  # 68 = 34 + 34: equal, though a child is missing
        ((66, 4), None, False),  # 70 > 68 with a child missing: its figure could make up the difference
        ((66, 4), 2024, True),  # 70 ≠ 102, every child read
        ((96, 6), 2024, False),  # 102 = 102
        ((98, 6), 2024, True),  # 104 ≠ 102
    ],
)
def test_equal_mode(tmp_path, parent_new, health_year, warned):
    folder = _batch(tmp_path / "batch", parent_new=parent_new, health_year=health_year)
    found = _checked(folder, mode="equal")[1]
    assert bool(found) == warned
    if warned:
        assert found[0].mode == "equal"
        assert found[0].parent_value == sum(parent_new)


def test_build_summary_checks_only_when_asked(tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    records = _records(folder)
    roster = str(_roster(folder))
    assert build_summary(records, roster_path=roster).hierarchy == []
    summary = build_summary(records, roster_path=roster, hierarchy=(None, None))
    assert [(h.parent_value, h.children_sum) for h in summary.hierarchy] == [(42, 68)]


def test_the_cli_reports_it_in_json_and_text(cli, tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    roster = str(_roster(folder))
    files = [str(p) for p in sorted(folder.glob("*.md"))]
    r = cli("check", "--no-cache", "--format", "json", "--roster", roster, "--hierarchy", *files)
    assert r.returncode in (0, 1), r.err
    items = json.loads(r.out)
    [warning] = [x for x in items if x.get("type") == "hierarchy"]
    assert (warning["parent"], warning["figure"], warning["parent_value"], warning["children_sum"]) == (
        GOVERNMENT,
        FIGURE,
        42,
        68,
    )
    assert warning["missing_children"] == [HEALTH]
    reports = {Path(x["path"]).name: x for x in items if x.get("type") == "report"}
    assert reports["education.md"]["figures"][FIGURE] == 34
    text = cli("check", "--no-cache", "--lang", "en", "--roster", roster, "--hierarchy", *files)
    assert "below the sum 68 of the 2 bodies" in text.out


def test_the_configured_mode_and_figures(cli, tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(98, 6), health_year=2024)  # 104 ≥ 102
    roster = str(_roster(folder))
    files = [str(p) for p in sorted(folder.glob("*.md"))]
    args = ("check", "--no-cache", "--format", "json", "--roster", roster, "--hierarchy", *files)
    plain = json.loads(cli(*args).out)
    assert [x for x in plain if x.get("type") == "hierarchy"] == []
    (folder / ".reportlint.yaml").write_text(
        "hierarchy:\n  mode: equal\n  figures: [table3.new.total, table3.carried_over.total]\n", encoding="utf-8"
    )
    configured = json.loads(cli(*args).out)
    # the carried-over totals (2 each) add up to 6, above the parent's 2
    found = {x["figure"]: (x["parent_value"], x["children_sum"]) for x in configured if x.get("type") == "hierarchy"}
    assert found == {"table3.new.total": (104, 102), "table3.carried_over.total": (2, 6)}


def test_a_bad_configuration_is_one_message(cli, tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    (folder / ".reportlint.yaml").write_text("hierarchy:\n  figures: [table3.new.totals]\n", encoding="utf-8")
    r = cli("check", "--roster", str(_roster(folder)), "--hierarchy", str(folder / "gov.md"))
    assert r.returncode == 2
    assert "table3.new.totals" in r.err and "table3.new.total" in r.err and "Traceback" not in r.err


def test_hierarchy_needs_a_roster_with_parents(cli, tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    r = cli("check", "--hierarchy", str(folder / "gov.md"))
    assert r.returncode == 2 and "--roster" in r.err and "Traceback" not in r.err
    flat = _roster(folder, [row[:2] for row in ROSTER])  # no parent column
    r = cli("check", "--roster", str(flat), "--hierarchy", str(folder / "gov.md"))
    assert r.returncode == 2 and "上级" in r.err and "Traceback" not in r.err


def test_the_spreadsheet_and_sarif_carry_it(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    roster = str(_roster(folder))
    files = [str(p) for p in sorted(folder.glob("*.md"))]
    target = tmp_path / "audit.xlsx"
    r = cli("check", "--no-cache", "--format", "xlsx", "-o", str(target), "--roster", roster, "--hierarchy", *files)
    assert r.returncode in (0, 1), r.err
    sheet = openpyxl.load_workbook(target)["上下级核对"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    parent, agency, figure, value, total, children, missing, message = rows[1]
    assert (Path(parent).name, agency, figure, value, total, missing) == ("gov.md", GOVERNMENT, FIGURE, 42, 68, HEALTH)
    assert sorted(Path(p).name for p in children.split("\n")) == ["economy.md", "education.md"]
    assert "68" in message
    sarif = json.loads(cli("check", "--no-cache", "--format", "sarif", "--roster", roster, "--hierarchy", *files).out)
    [check_] = sarif["runs"][0]["properties"]["hierarchy"]
    assert (check_["parent_value"], check_["children_sum"]) == (42, 68)


def test_a_parent_column_naming_no_roster_entry_is_refused(cli, tmp_path):
    folder = _batch(tmp_path / "batch", parent_new=(40, 2))
    rows = [("单位名称", "上级"), (ECONOMY, "上海市政府"), (EDUCATION, "上海市政府")]  # not the roster's name
    r = cli("check", "--roster", str(_roster(folder, rows)), "--hierarchy", str(folder / "gov.md"))
    assert r.returncode == 2 and "Traceback" not in r.err
    assert "上海市政府" in r.err and "roster.csv:2" in r.err
