"""Per-file records (reportlint.run.records): what the engine puts on every result, what
the cache gives back, and the batch's summary (reportlint.audit.summary)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from reportlint.audit.summary import batch_year, build_summary
from reportlint.config import ConfigLoader
from reportlint.core.records import CHECKED, NOT_A_REPORT, UNREADABLE, ReportRecord
from reportlint.core.results import FileResult
from reportlint.plugins.manager import load_registry
from reportlint.run import batch, cache, records
from reportlint.run.engine import Linter, LintOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
SIGNED = "昌吉州科学技术局\n2022年1月18日"  # the signature of changji-kjj-2021.txt


def lint(path: Path, **options) -> FileResult:
    return Linter(REGISTRY, ConfigLoader(None), LintOptions(**options)).lint_path(str(path))


def changji(tmp_path: Path, name: str = "changji.txt", signed: str | None = None) -> Path:
    """The real report of 昌吉州科学技术局 for 2021, re-dated ``signed`` when given."""
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    assert SIGNED in text
    if signed is not None:
        text = text.replace(SIGNED, f"昌吉州科学技术局\n{signed}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_report_on_time(tmp_path):
    result = lint(changji(tmp_path))
    record = result.record
    assert record is not None and record.path == result.path
    assert (record.status, record.reason, record.format) == (CHECKED, None, "text")
    assert (record.agency, record.agency_kind, record.year) == ("昌吉州科学技术局", "department", 2021)
    assert (record.published_on, record.date_source, record.due_on, record.late_days) == (
        "2022-01-18",
        "signature",
        "2022-01-31",  # departments: 31 January
        0,
    )
    # the layouts the tables were read in, as RL201 reports them (table 二 in the 2019 layout)
    assert record.layouts["table2"] == "2019" and record.layouts["table3"] == "2021"
    assert "RL201" in record.rules
    # the counts are those of the findings reported
    assert sum(record.counts.values()) == len(result.diagnostics) == sum(record.rules.values())
    assert record.counts.get("error", 0) == sum(1 for d in result.diagnostics if d.severity.value == "error")
    assert sum(record.categories.values()) == len(result.diagnostics)


def test_a_late_signature_date_agrees_with_rl609(tmp_path):
    result = lint(changji(tmp_path, signed="2022年2月28日"))
    record = result.record
    assert (record.published_on, record.due_on, record.late_days) == ("2022-02-28", "2022-01-31", 28)
    assert record.rules.get("RL609") == 1
    # a date in the report year itself is a wrong date (RL608), not a late one
    early = lint(changji(tmp_path, "early.txt", signed="2021年12月1日")).record
    assert early.published_on == "2021-12-01" and early.late_days == 0
    # without a signature date, nothing to compare
    undated = lint(changji(tmp_path, "undated.txt", signed="")).record
    assert undated.published_on is None and undated.late_days is None and undated.due_on == "2022-01-31"


def test_the_page_date_when_there_is_no_signature(tmp_path):
    # pingtan-gov-2023.txt: a crawled page, `发布时间: 2024-03-08`; kind not known: 31 March
    shutil.copy(FIXTURES / "pingtan-gov-2023.txt", tmp_path / "p.txt")
    record = lint(tmp_path / "p.txt").record
    assert record.year == 2023
    assert (record.published_on, record.date_source, record.due_on, record.late_days) == (
        "2024-03-08",
        "page",
        "2024-03-31",
        0,
    )


def test_a_file_that_is_not_a_report_and_one_that_cannot_be_read(tmp_path):
    (tmp_path / "README.md").write_text("# 说明\n\nThis folder holds the reports of 2023.\n", encoding="utf-8")
    readme = lint(tmp_path / "README.md")
    assert readme.record.status == NOT_A_REPORT
    assert readme.record.reason == readme.diagnostics[0].message and readme.record.rules == {"RL003": 1}
    (tmp_path / "bad.docx").write_bytes(b"PK? not a zip at all")
    bad = lint(tmp_path / "bad.docx")
    assert bad.error is not None and bad.record.status == UNREADABLE
    assert bad.record.reason == bad.error.message and bad.record.counts == {}


def test_fixes_leave_the_record_counting_what_is_left(tmp_path):
    path = tmp_path / "2010.txt"
    shutil.copy(FIXTURES / "zhangjiakou-kjj-2010.txt", path)
    before = lint(path, fix=False)
    assert before.record.rules.get("RL805")
    linter = Linter(REGISTRY, ConfigLoader(None), LintOptions(fix=True))
    after = linter.lint_path(str(path))
    assert after.fixed and "RL805" not in after.record.rules
    assert sum(after.record.counts.values()) == len(after.diagnostics)


def test_ensure_record_for_results_made_without_one():
    from reportlint.core.errors import InputError
    from reportlint.core.i18n import T

    failed = FileResult(path="x.doc", error=InputError(T("坏文件", "bad file"), "x.doc"))
    record = records.ensure_record(failed)
    assert failed.record is record and (record.status, record.reason.zh) == (UNREADABLE, "坏文件")
    # an error always wins over a record made before it
    late = FileResult(path="y.txt", record=ReportRecord(path="y.txt"), error=InputError(T("超时", "timeout"), "y.txt"))
    assert records.ensure_record(late).status == UNREADABLE


def _folder(tmp_path: Path) -> list[str]:
    reports = tmp_path / "reports"
    reports.mkdir()
    changji(reports, "a.txt")
    changji(reports, "late.txt", signed="2022年3月5日")
    shutil.copy(FIXTURES / "pingtan-gov-2021.txt", reports / "p.txt")
    (reports / "bad.docx").write_bytes(b"not a zip")
    return sorted(str(p) for p in reports.iterdir())


def _as_dict(record: ReportRecord) -> dict:
    return dataclasses.asdict(record)


def test_records_come_back_from_the_cache(tmp_path):
    files = _folder(tmp_path)
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(tmp_path))
    cold = list(batch.run(spec, files, 1))
    warm = list(batch.run(spec, files, 1))
    checked = [r for r in warm if r.error is None]
    assert checked and all(r.cached for r in checked)
    assert [_as_dict(records.ensure_record(r)) for r in cold] == [_as_dict(records.ensure_record(r)) for r in warm]
    late = next(r.record for r in warm if r.path.endswith("late.txt"))
    assert late.late_days == 33 and late.agency == "昌吉州科学技术局"
    # two worker processes: the same records
    parallel = list(batch.run(spec, files, 2))
    assert [_as_dict(records.ensure_record(r)) for r in parallel] == [_as_dict(r.record) for r in warm]


def test_a_cache_entry_with_a_bad_record_is_a_miss(tmp_path):
    path = changji(tmp_path)
    result = lint(path)
    entry = cache.result_to_json(result)
    assert cache.valid_result_json(entry)
    back = cache.result_from_json(json.loads(json.dumps(entry)), str(path))
    assert _as_dict(back.record) == _as_dict(result.record)
    for key, bad in (
        ("status", "bogus"),
        ("year", "2021"),
        ("counts", {"error": "1"}),
        ("reason", "一句话"),
        ("signature", [1, "2"]),
        ("signature", [1, 2, 3]),  # the list of numbers format 5 wrote: the packed bytes in hex now
        ("signature", "zz" * 66),
        ("signature", "0a 1b"),
        ("layouts", {"table2": 2019}),
    ):
        tampered = json.loads(json.dumps(entry))
        tampered["record"][key] = bad
        assert not cache.valid_result_json(tampered), key
    extra = json.loads(json.dumps(entry))
    extra["record"]["score"] = 2  # the audit's part is never cached
    assert not cache.valid_result_json(extra)


def test_build_summary_without_roster_or_profile(tmp_path):
    files = _folder(tmp_path)
    results = [lint(Path(f)) for f in files]
    summary = build_summary([records.ensure_record(r) for r in results])
    assert [r.path for r in summary.records] == files
    assert summary.coverage is None and summary.profile is None and summary.hierarchy == []
    assert batch_year(summary.records) == 2021


@pytest.mark.parametrize(
    ("years", "expected"),
    [([2021, 2021, 2022], 2021), ([2021, 2022], 2022), ([None], None), ([], None)],
)
def test_batch_year(years, expected):
    assert batch_year([ReportRecord(path=str(i), year=y) for i, y in enumerate(years)]) == expected


def test_the_share_copied_from_last_year_is_on_the_record_and_cached(tmp_path):
    """Last year's report of the same agency in the same folder (made from this year's,
    re-dated): the record carries the share the cross-year rule compared, and a warm
    run gives it back from the cache."""
    folder = tmp_path / "reports"
    folder.mkdir()
    this = changji(folder, "2021.txt")
    text = this.read_text(encoding="utf-8").replace("2022年1月18日", "2021年1月18日").replace("2021", "2020")
    (folder / "2020.txt").write_text(text, encoding="utf-8")
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(tmp_path))
    files = sorted(str(p) for p in folder.iterdir())
    cold = {Path(r.path).name: r.record for r in batch.run(spec, files, 1)}
    assert cold["2021.txt"].copied_from_last_year == 1.0
    assert cold["2021.txt"].last_year_path == str(folder / "2020.txt")
    assert cold["2021.txt"].copied_sections and all(0 <= v <= 1 for v in cold["2021.txt"].copied_sections.values())
    assert cold["2020.txt"].copied_from_last_year is None  # no report of 2019 here
    warm = list(batch.run(spec, files, 1))
    assert all(r.cached for r in warm)
    assert {Path(r.path).name: _as_dict(r.record) for r in warm} == {k: _as_dict(v) for k, v in cold.items()}


def test_the_records_a_run_keeps_share_their_repeated_strings_and_dicts(tmp_path):
    """A batch keeps one record per file until the end (10,000 of them): records
    unpickled from workers or read from the cache each have their own copies of the same
    strings and small dicts; the run's Compactor makes equal ones one object, and a
    record's content and order (what the formats write) stay as they were."""
    files = []
    for i in range(3):
        path = changji(tmp_path, f"{i}.txt")
        path.write_text(path.read_text(encoding="utf-8") + f"\n联系电话：{i}\n", encoding="utf-8")
        files.append(path)
    kept = [json.loads(json.dumps(cache.record_to_json(lint(p).record))) for p in files]  # as the cache gives them back
    assert kept[0] == kept[1] and kept[0]["layouts"] and kept[0]["counts"] and kept[0]["signature"]
    before = [cache.record_from_json(raw, str(p)) for raw, p in zip(kept, files, strict=True)]
    assert before[0].layouts is not before[1].layouts and before[0].agency is not before[1].agency
    shown = [_as_dict(r) for r in before]
    compact = records.Compactor()
    after = [compact(r) for r in before]
    assert [_as_dict(r) for r in after] == shown
    assert [list(r.counts) for r in after] == [list(c["counts"]) for c in shown]  # the order too
    a, b, c = after
    for name in ("layouts", "counts", "categories", "rules"):
        assert getattr(a, name) is getattr(b, name) is getattr(c, name), name
    assert a.agency is b.agency and a.status is b.status and a.due_on is b.due_on
    # a record whose counts differ keeps its own
    other = cache.record_from_json(dict(kept[0], counts={"error": 99}), "x.txt")
    assert compact(other).counts == {"error": 99} and other.counts is not a.counts
