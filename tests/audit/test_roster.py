"""The roster (--roster): reading it as offices save it, refusing a bad one, and the
coverage of a batch built from the real reports of tests/fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportlint.audit.roster import coverage, read_roster
from reportlint.config import ConfigLoader
from reportlint.core.errors import UsageError
from reportlint.core.records import ReportRecord
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter
from reportlint.run.records import ensure_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# (file in the batch, the fixture it is made from, agency renamed from → to)
CHANGJI = "昌吉州科学技术局"
HUTUBI = "呼图壁县科学技术局"  # made by renaming changji's agency: an agency not on the roster


def _batch(folder: Path) -> dict[str, Path]:
    """A batch: four agencies' 2021 reports (one of them twice), a 2010 report, and a
    report of an agency the roster does not list."""
    files = {
        "changji": folder / "changji-kjj-2021.txt",
        "changji-again": folder / "昌吉州科技局-2021-重报.txt",
        "taierzhuang": folder / "taierzhuang-kjj-2021.txt",
        "changzhou": folder / "changzhou-kjj-2021.txt",
        "zhangjiakou": folder / "zhangjiakou-kjj-2010.txt",
        "hutubi": folder / "hutubi-kjj-2021.txt",
    }
    folder.mkdir(exist_ok=True)
    for key in ("changji", "changzhou", "zhangjiakou"):
        shutil.copy(FIXTURES / files[key].name, files[key])
    files["taierzhuang"].write_text(_short_named_taierzhuang(), encoding="utf-8")
    shutil.copy(FIXTURES / "changji-kjj-2021.txt", files["changji-again"])
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    assert CHANGJI in text
    files["hutubi"].write_text(text.replace(CHANGJI, HUTUBI).replace("昌吉州", "呼图壁县"), encoding="utf-8")
    return files


def _short_named_taierzhuang() -> str:
    """taierzhuang's report naming itself only `区科技局`: its signature's fuller
    `台儿庄区科技局` shortened too (with it, the record carries the fuller name)."""
    text = (FIXTURES / "taierzhuang-kjj-2021.txt").read_text(encoding="utf-8")
    assert "\n台儿庄区科技局" in text
    return text.replace("\n台儿庄区科技局", "\n区科技局")


# The roster as an office writes it: full names (the reports use short ones), kinds in
# Chinese, a parent, a region, a column the audit does not use; 沭阳县人民政府 has no
# report in the batch, 张家口市科学技术和地震局 only one of 2010.
ROSTER_ROWS = [
    ("单位名称", "类别", "上级", "地区", "联系人"),
    ("昌吉州科学技术局", "部门", "昌吉州人民政府", "昌吉州", "甲"),
    ("台儿庄区科学技术局", "部门", "台儿庄区人民政府", "枣庄市", "乙"),
    ("常州市科技局", "部门", "常州市人民政府", "常州市", ""),
    ("张家口市科学技术和地震局", "部门", "", "张家口市", ""),
    ("沭阳县人民政府", "政府", "宿迁市人民政府", "宿迁市", ""),
]


def _write_roster(path: Path, rows, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode(encoding) + b"\r\n")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch") / "reports"
    files = _batch(folder)
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    records = [ensure_record(linter.lint_path(str(p))) for p in sorted(folder.iterdir())]
    return folder, files, records


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_roster_as_excel_saves_it(tmp_path, encoding):
    path = _write_roster(tmp_path / "名单.csv", ROSTER_ROWS, encoding)
    entries = read_roster(str(path))
    assert [e.name for e in entries] == [r[0] for r in ROSTER_ROWS[1:]]
    assert [e.kind for e in entries] == ["department"] * 4 + ["government"]
    assert entries[1].parent == "台儿庄区人民政府" and entries[1].region == "枣庄市" and entries[1].line == 3
    assert entries[3].parent is None  # an empty cell is no value


def test_english_headers_in_any_order_and_tabs(tmp_path):
    rows = [
        ("kind", "Name", "pattern"),
        ("department", "昌吉州科学技术局", "changji-*.txt"),
        ("", "沭阳县人民政府", ""),
    ]
    path = tmp_path / "roster.tsv"
    path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    entries = read_roster(str(path))
    assert [(e.name, e.kind, e.pattern) for e in entries] == [
        ("昌吉州科学技术局", "department", "changji-*.txt"),
        ("沭阳县人民政府", None, None),
    ]


@pytest.mark.parametrize(
    "rows, line, piece",
    [
        ([("机构", "类别"), ("昌吉州科学技术局", "部门")], 1, "单位名称"),
        ([("单位名称", "类别"), ("昌吉州科学技术局", "部门"), ("昌吉州科学技术局", "")], 3, "第 2 行"),
        ([("单位名称", "类别"), ("昌吉州科学技术局", "委员会")], 2, "委员会"),
        ([("单位名称", "类别"), ("", "部门")], 2, "没有单位名称"),
        ([("单位名称", "名称")], 1, "重复"),
        ([("单位名称",)], None, "没有任何单位"),
    ],
)
def test_bad_roster_names_file_and_line(tmp_path, rows, line, piece):
    path = _write_roster(tmp_path / "bad.csv", rows)
    with pytest.raises(UsageError) as info:
        read_roster(str(path))
    assert info.value.path == str(path) and info.value.line == line
    assert piece in info.value.message.zh and "--roster" in info.value.message.en


def test_a_row_is_named_by_the_line_it_starts_on(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('单位名称,类别\n"沭阳县\n人民政府",政府\n"昌吉州\n科学技术局",委员会\n', encoding="utf-8")
    with pytest.raises(UsageError) as info:
        read_roster(str(path))
    assert info.value.line == 4  # the row starting on line 4 (a cell holds a line break)
    path.write_text('单位名称,类别\n"沭阳县\n人民政府",政府\n', encoding="utf-8")
    assert [(e.name, e.line) for e in read_roster(str(path))] == [("沭阳县人民政府", 2)]


def test_binary_or_missing_roster_is_refused(tmp_path):
    (tmp_path / "book.csv").write_bytes(b"PK\x03\x04" + bytes(200))  # an .xlsx renamed
    with pytest.raises(UsageError) as info:
        read_roster(str(tmp_path / "book.csv"))
    assert "ZIP" in info.value.message.zh
    with pytest.raises(UsageError):
        read_roster(str(tmp_path / "none.csv"))


def test_coverage_of_a_batch(batch, tmp_path):
    _folder, files, records = batch
    roster = _write_roster(tmp_path / "roster.csv", ROSTER_ROWS, "gb18030")
    found = coverage(records, read_roster(str(roster)), str(roster))
    by_path = {r.path: r for r in records}
    assert found.year == 2021  # most reports are for 2021
    # 沭阳 sent nothing; 张家口 only a 2010 report
    assert [e.name for e in found.missing] == ["张家口市科学技术和地震局", "沭阳县人民政府"]
    assert found.duplicates == {CHANGJI: sorted([str(files["changji"]), str(files["changji-again"])])}
    assert found.other_year == [(str(files["zhangjiakou"]), 2010)]
    assert found.other_agency == [(str(files["hutubi"]), HUTUBI)]
    assert found.unnamed == [] and found.ambiguous == {}
    # short names of the reports matched the roster's names, and the record says so
    taierzhuang = by_path[str(files["taierzhuang"])]
    assert taierzhuang.agency == "区科技局" and taierzhuang.roster_name == "台儿庄区科学技术局"
    assert (taierzhuang.parent, taierzhuang.region) == ("台儿庄区人民政府", "枣庄市")
    changzhou = by_path[str(files["changzhou"])]
    assert changzhou.agency == "常州市科学技术局" and changzhou.roster_name == "常州市科技局"
    assert by_path[str(files["zhangjiakou"])].roster_name == "张家口市科学技术和地震局"  # matched, other year
    assert by_path[str(files["hutubi"])].roster_name is None
    # --year 2010: the 2010 report covers its agency; every 2021 report is of another year
    older = coverage(records, read_roster(str(roster)), str(roster), 2010)
    assert "张家口市科学技术和地震局" not in [e.name for e in older.missing]
    assert len(older.other_year) == sum(1 for r in records if r.year == 2021)


def test_a_short_name_fitting_two_entries_needs_the_file_pattern(batch, tmp_path):
    folder, files, records = batch
    rows = [("单位名称", "文件"), ("台儿庄区科学技术局", ""), ("薛城区科学技术局", "")]
    roster = _write_roster(tmp_path / "roster.csv", rows)
    found = coverage(records, read_roster(str(roster)), str(roster), 2021)
    path = str(files["taierzhuang"])
    assert found.ambiguous == {path: ["台儿庄区科学技术局", "薛城区科学技术局"]}
    # the expected file tells them apart: a pattern relative to the roster's folder (as
    # `exclude:` is to the configuration's), or a file name at any depth
    for pattern in ("reports/taierzhuang-*", "taierzhuang-*.txt"):
        rows = [("单位名称", "文件"), ("台儿庄区科学技术局", pattern), ("薛城区科学技术局", "xuecheng-*")]
        roster = _write_roster(folder.parent / "roster.csv", rows)
        found = coverage(records, read_roster(str(roster)), str(roster), 2021)
        assert found.ambiguous == {}, pattern
        assert [e.name for e in found.missing] == ["薛城区科学技术局"]
    # an anchored pattern does not reach a file outside the roster's folder
    rows = [("单位名称", "文件"), ("台儿庄区科学技术局", "reports/taierzhuang-*"), ("薛城区科学技术局", "")]
    roster = _write_roster(tmp_path / "roster.csv", rows)
    assert path in coverage(records, read_roster(str(roster)), str(roster), 2021).ambiguous


def test_unreadable_file_counts_by_its_pattern(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "沭阳县-2021.docx").write_bytes(b"PK\x03\x04 not really a docx")
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    records = [ensure_record(linter.lint_path(str(p))) for p in folder.iterdir()]
    assert records[0].status == "unreadable"
    rows = [("单位名称", "文件"), ("沭阳县人民政府", "沭阳县-*"), ("昌吉州科学技术局", "")]
    roster = _write_roster(tmp_path / "roster.csv", rows)
    found = coverage(records, read_roster(str(roster)), str(roster), 2021)
    assert [e.name for e in found.missing] == ["昌吉州科学技术局"] and records[0].roster_name == "沭阳县人民政府"
    rows = [("单位名称",), ("沭阳县人民政府",)]
    roster = _write_roster(tmp_path / "roster.csv", rows)
    found = coverage(records, read_roster(str(roster)), str(roster), 2021)
    assert found.unnamed == [records[0].path] and [e.name for e in found.missing] == ["沭阳县人民政府"]
    assert records[0].roster_name is None  # not left from the roster before


def test_roster_through_the_command_line(tmp_path, cli):
    files = _batch(tmp_path / "reports")
    _write_roster(tmp_path / "roster.csv", ROSTER_ROWS, "gb18030")
    proc = cli("check", "reports", "--roster", "roster.csv", "--format", "json", "--no-cache", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.err
    elements = json.loads(proc.out)
    (cov,) = [e for e in elements if e.get("type") == "coverage"]
    assert [m["name"] for m in cov["missing"]] == ["张家口市科学技术和地震局", "沭阳县人民政府"]
    assert sorted(cov["duplicates"][CHANGJI]) == sorted(
        str(Path("reports") / files[k].name) for k in ("changji", "changji-again")
    )
    reports = {Path(e["path"]).name: e for e in elements if e.get("type") == "report"}
    assert reports["taierzhuang-kjj-2021.txt"]["roster_name"] == "台儿庄区科学技术局"

    # a bad roster stops the run before any report is checked: one line, exit 2
    _write_roster(tmp_path / "bad.csv", [("单位名称", "类别"), ("昌吉州科学技术局", "委员会")])
    proc = cli("check", "reports", "--roster", "bad.csv", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 2 and proc.out == ""
    assert proc.err.count("\n") == 1 and "bad.csv:2:" in proc.err and "委员会" in proc.err
    proc = cli("check", "reports", "--year", "2021", cwd=tmp_path)
    assert proc.returncode == 2 and "--roster" in proc.err


def test_text_output_lists_what_coverage_found(tmp_path, cli):
    (tmp_path / "taierzhuang-kjj-2021.txt").write_text(_short_named_taierzhuang(), encoding="utf-8")
    _write_roster(tmp_path / "roster.csv", [("单位名称",), ("台儿庄区科学技术局",), ("薛城区科学技术局",)])
    proc = cli("check", "taierzhuang-kjj-2021.txt", "--roster", "roster.csv", "--no-cache", cwd=tmp_path)
    ambiguous = proc.out.split("名单上多个机关的报告", 1)[1].splitlines()
    assert ambiguous[1].strip() == "taierzhuang-kjj-2021.txt：台儿庄区科学技术局、薛城区科学技术局"


@pytest.mark.parametrize(
    "agency, expected",
    [
        ("东湖区卫健委", "东湖区卫生健康委员会"),  # an abbreviation ending in another character
        ("临沂市兰山区科技局", "兰山区科学技术局"),  # the city added, the function abbreviated
        ("淮安市洪泽区人民政府", "洪泽区人民政府"),  # the roster's name lacks the city
        ("东湖区卫生健康委员会办公室", None),  # a unit of an entry is another agency
        ("西湖区卫健委", None),  # another district's
    ],
)
def test_names_match_the_way_the_agency_name_rules_compare_them(tmp_path, agency, expected):
    rows = [("单位名称",), ("东湖区卫生健康委员会",), ("兰山区科学技术局",), ("洪泽区人民政府",), ("东湖区教育局",)]
    roster = _write_roster(tmp_path / "roster.csv", rows)
    record = ReportRecord(path=str(tmp_path / "r.txt"), agency=agency, year=2021)
    found = coverage([record], read_roster(str(roster)), str(roster))
    assert record.roster_name == expected
    assert found.other_agency == ([] if expected else [(record.path, agency)])


@pytest.mark.parametrize(
    "rows, expected",
    [
        # the roster names the place's government by its ending
        (
            [("单位名称", "类别"), ("平潭综合实验区教育局", "部门"), ("平潭综合实验区人民政府", "")],
            "平潭综合实验区人民政府",
        ),
        # or says it is one (a 管委会 governs an 实验区, its name ends like a department's)
        ([("单位名称", "类别"), ("平潭综合实验区管理委员会", "政府")], "平潭综合实验区管理委员会"),
        # a department of the place, or a 管委会 the roster does not call a government: not the report's
        ([("单位名称", "类别"), ("平潭综合实验区教育局", "部门"), ("平潭综合实验区管理委员会", "")], None),
    ],
)
def test_a_report_naming_only_its_place_is_its_governments(tmp_path, rows, expected):
    # pingtan's reports are titled by the area alone (`平潭综合实验区2021年…报告`)
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    record = ensure_record(linter.lint_path(str(FIXTURES / "pingtan-gov-2021.txt")))
    assert record.agency == "平潭综合实验区" and record.agency_kind is None
    roster = _write_roster(tmp_path / "roster.csv", rows)
    coverage([record], read_roster(str(roster)), str(roster))
    assert record.roster_name == expected
    # the roster's kind stands in for the one the report does not state
    assert record.agency_kind == ("government" if expected == "平潭综合实验区管理委员会" else None)
