"""Last year's report, resolved by the engine for RL520–RL523 (reportlint.run.previous_year):
``--previous``, the rules' ``previous`` option, else found in the same folder.

Two reports are built from the Huai'an PDF's text: the 2024 report as published, and a
2025 report made from it — years changed, and table numbers that follow on from 2024
(上年结转 = last year's 结转下年度, 现行有效 = last year's + 制发 − 废止).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from reportlint.readers import read
from reportlint.run import previous_year

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@cache
def huaian_2024() -> str:
    from reportlint.readers import pdf  # the text layer: table rows as text lines

    path = FIXTURES / "huaian-gov-2024.pdf"
    return pdf.read_text_layer(str(path), path.read_bytes()).text


def huaian_2025(carried_over: str = "103 0 0 0 0 0 103", in_force: str = "48", narrative: bool = False) -> str:
    """Next year's report: 二 = last year's 四; 四 rebalanced so table 三 still adds up;
    现行有效 continued; the narrative restating the new numbers."""
    t = huaian_2024().replace("2024", "2025")
    t = t.replace(
        "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34", f"二、上年结转政府信息公开申请数量 {carried_over}"
    )
    t = t.replace("四、结转下年度继续办理 103 0 0 0 0 0 103", "四、结转下年度继续办理 172 0 0 0 0 0 172")
    t = t.replace("上年度结转申请 34 件", "上年度结转申请 103 件").replace("另有 103 件顺延", "另有 172 件顺延")
    t = t.replace("规章 1 0 11", "规章 1 0 12").replace("行政规范性文件 8 26 66", f"行政规范性文件 8 26 {in_force}")
    if narrative:
        # rewrite the narrative: every sentence of 一、五 becomes this year's own
        t = re.sub(r"(?<=。)([^。]{12,}?)(?=。)", lambda m: "本年度" + m.group(1)[::-1], t)
    return t


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def findings(proc) -> list[dict]:
    """The findings of a json run (not the per-file records after them)."""
    return [item for item in json.loads(proc.out) if "type" not in item]


# ---------------------------------------------------------------------------------------
# --previous FILE


def test_previous_consistent_reports_only_the_copied_text(tmp_path, cli):
    last = write(tmp_path / "a", "2024.txt", huaian_2024())
    this = write(tmp_path / "b", "2025.txt", huaian_2025())
    proc = cli("check", str(this), "--previous", str(last), "--select", "RL4,RL50,RL52", "--format", "json")
    out = findings(proc)
    # the tables follow on from last year's; the narrative is last year's, re-dated
    assert [d["code"] for d in out] == ["RL522"], out
    assert out[0]["data"]["share"] == 1.0
    assert proc.returncode == 0  # a warning only


def test_previous_carried_over_mismatch_per_column(tmp_path, cli):
    last = write(tmp_path, "2024.txt", huaian_2024())
    this = write(tmp_path / "next", "2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    proc = cli("check", str(this), "--previous", str(last), "--select", "RL520", "--format", "json")
    out = findings(proc)
    assert [(d["code"], d["severity"]) for d in out] == [("RL520", "error")] * 2
    # 自然人 100 (last year 103) and 其他 3 (last year 0); 总计 103 agrees
    assert [d["data"]["column"] for d in out] == ["natural_person", "other_org"]
    text = this.read_text(encoding="utf-8")
    line = text[: text.index("二、上年结转政府信息公开申请数量 100")].count("\n") + 1
    assert {d["line"] for d in out} == {line}
    assert out[0]["column"] == len("二、上年结转政府信息公开申请数量 ") + 1
    assert "103" in out[0]["message"] and "2024.txt" in out[0]["message"]
    assert proc.returncode == 1


def test_previous_in_force_discontinuity(tmp_path, cli):
    last = write(tmp_path, "2024.txt", huaian_2024())
    this = write(tmp_path / "next", "2025.txt", huaian_2025(in_force="60"))
    proc = cli("check", str(this), "--previous", str(last), "--select", "RL521", "--format", "json", "--lang", "en")
    out = findings(proc)
    assert [d["code"] for d in out] == ["RL521"]
    assert out[0]["data"] == {
        "row": "normative_documents",
        "expected": "48",
        "actual": "60",
        "previous": str(last),
        "message_id": "discontinuity",
    }
    assert "66 in force" in out[0]["message"]


def test_previous_of_the_wrong_year_is_not_used(tmp_path, cli):
    last = write(tmp_path, "2023.txt", huaian_2024().replace("2024", "2023"))
    this = write(tmp_path / "next", "2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    proc = cli("check", str(this), "--previous", str(last), "--select", "RL52", "--format", "json")
    assert findings(proc) == []


def test_previous_missing_file_is_a_usage_error(tmp_path, cli):
    this = write(tmp_path, "2025.txt", huaian_2025())
    proc = cli("check", str(this), "--previous", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert "--previous" in proc.err


# ---------------------------------------------------------------------------------------
# Found automatically: same folder, same agency, year − 1


def test_auto_discovery_in_the_same_folder(tmp_path, cli):
    write(tmp_path, "huaian-2024.txt", huaian_2024())
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    proc = cli("check", str(this), "--select", "RL520", "--format", "json")
    out = findings(proc)
    assert [d["data"]["column"] for d in out] == ["natural_person", "other_org"]
    assert out[0]["data"]["previous"].endswith("huaian-2024.txt")


def test_auto_discovery_whole_folder(tmp_path, cli):
    """Checking the folder: the 2025 report finds the 2024 one; 2024 finds none."""
    write(tmp_path, "a.txt", huaian_2024())
    write(tmp_path, "b.txt", huaian_2025(narrative=True))
    proc = cli("check", str(tmp_path), "--select", "RL4,RL50,RL52", "--format", "json")
    assert findings(proc) == []
    write(tmp_path, "b.txt", huaian_2025(carried_over="103 0 0 0 0 0 104"))
    out = findings(cli("check", str(tmp_path), "--select", "RL52", "--format", "json"))
    assert sorted((Path(d["path"]).name, d["code"]) for d in out) == [("b.txt", "RL520"), ("b.txt", "RL522")]


def test_auto_discovery_needs_the_same_agency(tmp_path, cli):
    write(tmp_path, "other-2024.txt", huaian_2024().replace("淮安市人民政府", "宿迁市人民政府"))
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    assert findings(cli("check", str(this), "--select", "RL52", "--format", "json")) == []


def test_auto_discovery_ignores_a_report_whose_year_is_uncertain(tmp_path, cli):
    """A 2025 report whose title still says 2024 (its period says 2025) is not paired
    with the 2023 report as if it were 2024's: one misread year must not cascade."""
    write(tmp_path, "a.txt", huaian_2024().replace("2024", "2023"))
    stale = huaian_2025(carried_over="100 0 0 0 0 3 103").replace(
        "2025 年政府信息公开工作年度报告", "2024 年政府信息公开工作年度报告", 1
    )
    assert stale.count("2024 年政府信息公开工作年度报告") == 1
    this = write(tmp_path, "c.txt", stale)
    assert findings(cli("check", str(this), "--select", "RL52", "--format", "json")) == []
    # with the title's year right, the pairing is 2025 ↔ 2024 only: the 2023 report is not last year's
    write(tmp_path, "c.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    assert findings(cli("check", str(this), "--select", "RL52", "--format", "json")) == []
    write(tmp_path, "b.txt", huaian_2024())
    out = findings(cli("check", str(this), "--select", "RL520", "--format", "json"))
    assert [Path(d["data"]["previous"]).name for d in out] == ["b.txt", "b.txt"]


def test_auto_discovery_ignores_a_neighbour_of_uncertain_year(tmp_path, cli):
    """Last year's report whose period names another year than its title is not used."""
    wrong_period = huaian_2024().replace(
        "自 2024 年 1 月 1 日至 2024 年 12 月 31 日", "自 2023 年 1 月 1 日至 2023 年 12 月 31 日"
    )
    assert wrong_period != huaian_2024()
    write(tmp_path, "huaian-2024.txt", wrong_period)
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    assert findings(cli("check", str(this), "--select", "RL520", "--format", "json")) == []
    # the same neighbour with a consistent period is used
    write(tmp_path, "huaian-2024.txt", huaian_2024())
    assert len(findings(cli("check", str(this), "--select", "RL520", "--format", "json"))) == 2


def test_auto_discovery_needs_a_known_agency(tmp_path, cli):
    """A report whose agency could not be read is never paired."""
    anonymous = huaian_2024().replace("淮安市人民政府\n", "\n", 1).replace("淮安市人民政府办公室", "本机关")
    write(tmp_path, "2024.txt", anonymous)
    this = write(tmp_path, "2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    assert findings(cli("check", str(this), "--select", "RL520", "--format", "json")) == []


@pytest.mark.parametrize(
    "year,agency,period,certain",
    [
        (2024, "淮安市人民政府", 2024, True),
        (2024, "淮安市人民政府", None, True),
        (2024, "淮安市人民政府", 2023, False),
        (None, "淮安市人民政府", None, False),
        (2024, None, None, False),
        (2024, "平潭县", None, False),  # not an agency's name
    ],
)
def test_identity_is_certain(year, agency, period, certain):
    from datetime import date

    from reportlint.document.model import Dated, Meta

    m = Meta(year=year, agency=agency)
    if period is not None:
        m.period_start = Dated(date(period, 1, 1), (0, 1), "")
        m.period_end = Dated(date(period, 12, 31), (0, 1), "")
    assert previous_year.identity_is_certain(m) is certain


def test_auto_discovery_reads_only_what_it_needs(tmp_path):
    write(tmp_path, "notes.txt", "会议纪要\n")
    write(tmp_path, "huaian-2024.txt", huaian_2024())
    this = write(tmp_path, "huaian-2025.txt", huaian_2025())
    finder = previous_year.PreviousFinder()
    from reportlint.document.build import build_document

    doc = build_document(read(str(this)))
    prev = finder.find(doc)
    assert prev is not None and prev.meta.year == 2024
    # the file naming the wanted year is tried first; the search stops there
    assert [Path(p).name for p in finder._meta] == ["huaian-2024.txt"]


# ---------------------------------------------------------------------------------------
# Pieces


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("淮安市人民政府", "淮安市人民政府", True),
        ("区科技局", "台儿庄区科技局", True),
        ("科技局", "台儿庄区科技局", False),
        ("淮安市人民政府", "宿迁市人民政府", False),
        (None, "淮安市人民政府", False),
    ],
)
def test_same_agency(a, b, same):
    assert previous_year.same_agency(a, b) is same


# ---------------------------------------------------------------------------------------
# The rules' `previous` option: resolved by the engine, before the folder search


def _last_year_carrying(tmp_path: Path, carried_forward: str) -> Path:
    row = "四、结转下年度继续办理 103 0 0 0 0 0 103"  # as published
    assert row in huaian_2024()
    text = huaian_2024().replace(row, f"四、结转下年度继续办理 {carried_forward}")
    return write(tmp_path / "archive", "last.txt", text)


def test_previous_option_wins_over_the_folder_search(tmp_path, cli):
    write(tmp_path, "huaian-2024.txt", huaian_2024())  # the folder search would pair with this one
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    assert len(findings(cli("check", str(this), "--select", "RL520", "--format", "json", "--no-cache"))) == 2
    _last_year_carrying(tmp_path, "100 0 0 0 0 3 103")
    config = write(tmp_path, "lint.yaml", "options:\n  RL520:\n    previous: archive/last.txt\n")
    proc = cli("check", str(this), "--config", str(config), "--select", "RL520", "--format", "json", "--no-cache")
    assert findings(proc) == [], proc.err  # last.txt carried forward exactly what 2025 carries over


def test_previous_option_naming_no_file_gives_no_cross_year_findings(tmp_path, cli):
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    config = write(tmp_path, "lint.yaml", "options:\n  RL520:\n    previous: archive/missing.txt\n")
    proc = cli("check", str(this), "--config", str(config), "--select", "RL520", "--format", "json", "--no-cache")
    assert proc.returncode == 0 and findings(proc) == []


def test_a_changed_previous_option_file_is_not_served_from_the_cache(tmp_path, cli):
    """The file a rule's option names lies outside the report's folder: its content is
    part of the cache key, as --previous's is."""
    this = write(tmp_path, "huaian-2025.txt", huaian_2025(carried_over="100 0 0 0 0 3 103"))
    _last_year_carrying(tmp_path, "100 0 0 0 0 3 103")
    config = write(tmp_path, "lint.yaml", "options:\n  RL520:\n    previous: archive/last.txt\n")
    args = (
        "check",
        str(this),
        "--config",
        str(config),
        "--select",
        "RL520",
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert findings(cli(*args)) == []
    assert findings(cli(*args)) == []  # from the cache
    _last_year_carrying(tmp_path, "103 0 0 0 0 0 103")
    assert [d["data"]["column"] for d in findings(cli(*args))] == ["natural_person", "other_org"]


def test_a_rule_declaring_needs_previous_reads_it_on_the_document(tmp_path):
    """Any rule — a plugin's too — declares needs_previous and finds last year's report
    on doc.previous; it never reads a file itself."""
    from reportlint.document.build import build_document
    from reportlint.plugins.manager import load_registry
    from reportlint.rules.base import Rule
    from reportlint.run.engine import Linter

    seen = []

    class LastYearsTitle(Rule):
        code, name, category = "ACME001", "last-years-title", "consistency"
        options = {"previous": ""}
        needs_previous = True

        def check(self, doc):
            seen.append(doc.previous)
            return ()

    last = write(tmp_path / "archive", "2024.txt", huaian_2024())
    this = write(tmp_path, "2025.txt", huaian_2025())
    doc = build_document(read(str(this)))
    linter = Linter(load_registry(no_plugins=True), None)
    linter.run_rules(doc, [LastYearsTitle({"previous": str(last)}), LastYearsTitle(None)], doc.extracted)
    named, unnamed = seen
    assert named is not None and named.meta.year == 2024 and Path(named.path).name == "2024.txt"
    # without the option (and outside a check of the file: no folder search) there is none
    assert unnamed is None


# ---------------------------------------------------------------------------------------
# Big folders: last year's report is found however many reports the folder holds

CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"  # 20 × 20 two-character city names


def agency_report(i: int, year: int) -> str:
    """The Huai'an report of ``year`` for the i-th of 400 cities (all of one length: no
    agency name is a suffix of another)."""
    city = CHARS[i // 20] + CHARS[i % 20]
    return huaian_2024().replace("淮安", city).replace("2024", str(year))


def big_folder(folder: Path, name: Callable[[int], str], year: int = 2022, count: int = 400) -> list[Path]:
    return [write(folder, name(i), agency_report(i, year)) for i in range(count)]


def counting_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = previous_year.read_meta

    def read_meta(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(previous_year, "read_meta", read_meta)
    return reads


def find_for(path: Path, finder: previous_year.PreviousFinder | None = None):
    from reportlint.document.build import build_document

    return (finder or previous_year.PreviousFinder()).find(build_document(read(str(path))))


def test_big_folder_named_by_year_finds_last_year_past_the_300th(tmp_path, monkeypatch):
    """400 reports of 2022, each file naming its year; last year's report of one agency
    sorts after all of them: found, and it is the only file whose meta is read."""
    reports = big_folder(tmp_path, lambda i: f"2022-{i:03d}.txt")
    last = write(tmp_path, "2021-350.txt", agency_report(350, 2021))
    assert sorted(p.name for p in tmp_path.iterdir()).index(last.name) == 0  # `2021` sorts first…
    write(tmp_path, "zz-2021-350.txt", agency_report(351, 2021))  # …so also one past the 300th
    reads = counting_reads(monkeypatch)
    prev = find_for(reports[350])
    assert prev is not None and Path(prev.path).name == "2021-350.txt"
    assert reads == ["2021-350.txt"]  # the name-matched file, first
    reads.clear()
    prev = find_for(reports[351])
    assert prev is not None and Path(prev.path).name == "zz-2021-350.txt"  # among the files naming 2021
    assert set(reads) <= {"2021-350.txt", "zz-2021-350.txt"}
    # 320 reports of 2021 of other agencies: the one of agency 360 is the 322nd naming 2021
    for i in range(320):
        write(tmp_path, f"2021-{i:03d}.txt", agency_report(i, 2021))
    write(tmp_path, "2021-x360.txt", agency_report(360, 2021))
    prev = find_for(reports[360])
    assert prev is not None and Path(prev.path).name == "2021-x360.txt"
    assert find_for(reports[370]) is None  # no report of its own agency: none of the others'


def test_big_folder_names_without_year_finds_last_year_past_the_300th(tmp_path, cli):
    """No file name carries a year: every neighbour may be last year's report."""
    reports = big_folder(tmp_path, lambda i: f"agency-{i:03d}.txt")
    last = write(tmp_path, "zzz-last-year.txt", agency_report(399, 2021))
    assert sorted(p.name for p in tmp_path.iterdir()).index(last.name) == 400  # after the 300th
    prev = find_for(reports[399])
    assert prev is not None and Path(prev.path).name == "zzz-last-year.txt"
    # the check pairs them: last year carried 103 forward, this year carries 34 over
    out = findings(cli("check", str(reports[399]), "--select", "RL520", "--format", "json", "--no-cache"))
    assert out and {Path(d["data"]["previous"]).name for d in out} == {"zzz-last-year.txt"}
    # …and not another agency's, nor a report two years back
    assert find_for(reports[398]) is None
    write(tmp_path, "zzz-last-year.txt", agency_report(399, 2020))
    assert find_for(reports[399]) is None


def test_big_folder_batch_reads_each_meta_at_most_once(tmp_path, monkeypatch):
    """A batch over the folder (check each report, then remember it): every report finds
    last year's, and no file's meta is read twice — the search is linear overall."""
    from reportlint.document.build import build_document

    for i in range(120):
        write(tmp_path, f"r{i:03d}-a.txt", agency_report(i, 2022))
        write(tmp_path, f"r{i:03d}-b.txt", agency_report(i, 2021))
    reads = counting_reads(monkeypatch)
    finder = previous_year.PreviousFinder()
    found = {}
    for path in sorted(tmp_path.iterdir()):
        doc = build_document(read(str(path)))
        prev = finder.find(doc)
        found[path.name] = Path(prev.path).name if prev is not None else None
        finder.remember(str(path), doc)
    assert all(found[f"r{i:03d}-a.txt"] == f"r{i:03d}-b.txt" for i in range(120))
    assert all(found[f"r{i:03d}-b.txt"] is None for i in range(120))
    assert len(reads) == len(set(reads))  # each neighbour read once at most
    # the folder's candidates are ranked: name-matched, then the wanted year, then the rest
    order = [Path(p).name for p in previous_year.candidates(str(tmp_path / "x-2022.txt"), 2021)]
    assert order[:1] == ["r000-a.txt"] and len(order) == 240


def test_candidates_rank_name_matched_then_the_wanted_year(tmp_path):
    for name in ("b-2020.txt", "a-2021.txt", "huaian-2021.txt", "huaian-2020.txt", "notes.txt", "c-2022.txt"):
        write(tmp_path, name, "x")
    order = [Path(p).name for p in previous_year.candidates(str(tmp_path / "huaian-2022.txt"), 2021)]
    # this file names its year: files naming other years are not read
    assert order == ["huaian-2021.txt", "huaian-2020.txt", "a-2021.txt", "notes.txt"]
    order = [Path(p).name for p in previous_year.candidates(str(tmp_path / "huaian.txt"), 2021)]
    assert order == ["a-2021.txt", "huaian-2021.txt", "b-2020.txt", "c-2022.txt", "huaian-2020.txt", "notes.txt"]


def test_the_folder_listing_holds_report_files_only(tmp_path):
    """Listed once per folder with the file types the listing gives (no stat() per
    file): folders, FIFOs, hidden and lock files named like reports are no candidates;
    a link to a report is one."""
    write(tmp_path, "a-2021.txt", "x")
    write(tmp_path, ".hidden-2021.txt", "x")
    write(tmp_path, "~$lock-2021.txt", "x")
    (tmp_path / "folder-2021.txt").mkdir()
    os.mkfifo(tmp_path / "fifo-2021.txt")
    os.symlink(tmp_path / "a-2021.txt", tmp_path / "link-2021.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling-2021.txt")
    order = [Path(p).name for p in previous_year.candidates(str(tmp_path / "a-2022.txt"), 2021)]
    assert order == ["a-2021.txt", "link-2021.txt"]


def test_neighbours_are_read_on_their_own_clock(tmp_path, monkeypatch):
    """Reading the folder's other reports is not charged to the file being checked: a
    search through neighbours that takes longer than the time limit in all still
    finds last year's report, and a neighbour that runs out of its own time is passed
    over, not the check."""
    import time

    from reportlint.run import batch
    from reportlint.run.engine import LintOptions

    for i in range(4):
        write(tmp_path, f"other-{i}.txt", agency_report(i, 2021))
    write(tmp_path, "slow.txt", agency_report(5, 2021))
    write(tmp_path, "zz-last-year.txt", agency_report(9, 2021))
    this = write(tmp_path, "this-one.txt", agency_report(9, 2022))
    real = previous_year.read_meta

    def slow_read_meta(path, *args, **kwargs):
        time.sleep(3.0 if Path(path).name == "slow.txt" else 0.4)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(previous_year, "read_meta", slow_read_meta)
    spec = batch.BatchSpec(options=LintOptions(time_limit=1.0), select=["RL522"])
    [result] = list(batch.run(spec, [str(this)], 1))
    assert result.error is None  # ~2 s of neighbours read, within a limit of 1 s a file
    assert {Path(d.data["previous"]).name for d in result.diagnostics} == {"zz-last-year.txt"}


def test_a_parallel_batch_pairs_as_a_serial_one_and_reads_each_meta_once(tmp_path):
    """Names carrying no year (every neighbour a candidate): with two workers, the
    metas are read before the checks, each by one process, and every report is paired
    with the same last year's report as in a serial run."""
    from reportlint.run import batch
    from reportlint.run.engine import LintOptions

    for i in range(30):
        write(tmp_path, f"a{i:02d}.txt", agency_report(i, 2022))
        write(tmp_path, f"b{i:02d}.txt", agency_report(i, 2021))
    files = sorted(str(p) for p in tmp_path.iterdir())
    spec = batch.BatchSpec(options=LintOptions(), select=["RL522"])

    def pairs(jobs: int) -> dict[str, set[str]]:
        return {
            Path(r.path).name: {Path(d.data["previous"]).name for d in r.diagnostics}
            for r in batch.run(spec, files, jobs)
        }

    serial = pairs(1)
    assert serial == {
        **{f"a{i:02d}.txt": {f"b{i:02d}.txt"} for i in range(30)},
        **{f"b{i:02d}.txt": set() for i in range(30)},
    }
    assert pairs(2) == serial
    # the parallel run's workers were handed the metas before the checks
    checker = batch.Checker(spec)
    pool = batch.WorkerPool(spec, checker, 2)
    try:
        pool.read_metas(files)
        assert sorted(key for _, key, _ in pool.metas) == sorted(os.path.normpath(f) for f in files)
    finally:
        pool.close()
