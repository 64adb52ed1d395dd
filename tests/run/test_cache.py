"""The result cache in batch runs (reportlint.run.cache, reportlint.run.batch.Checker):
a warm rerun hits for every file whatever the number of worker processes, and a change
to one file re-checks only the files whose result it can change — the file itself and
the reports it is, or becomes, last year's report of.

Whether a result came from the cache is read on the results (``FileResult.cached``),
not guessed from timings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportlint.run import batch
from reportlint.run.engine import LintOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def report(fixture: str, year: int, serial: int) -> str:
    """A real report of 2021 moved to ``year`` (its publication year with it); the
    serial number in a contact line keeps every copy's bytes distinct."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    text = text.replace("2022年", f"{year + 1}年").replace("2021年", f"{year}年")
    head, _, rest = text.partition("\n")
    return f"{head}\n联系电话：0512-{52770000 + serial}\n{rest}"


# Agency A (昌吉州科学技术局) has its reports of 2023 and 2024 in the folder: they pair.
# The others have one report each, or reports of years that do not pair.
FOLDER = {
    "a-2023.txt": ("changji-kjj-2021.txt", 2023),
    "a-2024.txt": ("changji-kjj-2021.txt", 2024),
    "b-2024.txt": ("changshu-kjj-2021.txt", 2024),
    "c-2023.txt": ("changzhou-kjj-2021.txt", 2023),
    "c-2021.txt": ("changzhou-kjj-2021.txt", 2021),
    "d-2024.txt": ("taierzhuang-kjj-2021.txt", 2024),
}


@pytest.fixture
def folder(tmp_path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for serial, (name, (fixture, year)) in enumerate(sorted(FOLDER.items())):
        (reports / name).write_text(report(fixture, year, serial), encoding="utf-8")
    return reports


def run(folder: Path, jobs: int = 1) -> dict[str, bool]:
    """Check every report of ``folder`` with the cache next to it: name → served from the cache."""
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(folder.parent))
    files = sorted(str(p) for p in folder.iterdir())
    results = list(batch.run(spec, files, jobs))
    assert all(r.error is None for r in results)
    return {Path(r.path).name: r.cached for r in results}


def rechecked(folder: Path, jobs: int = 1) -> set[str]:
    return {name for name, cached in run(folder, jobs).items() if not cached}


def edit(path: Path, line: str = "（本报告已更正。）") -> None:
    """Change a report's bytes but not its year or agency."""
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_folder_pairs_agency_as_reports(folder):
    from reportlint.document.build import build_document
    from reportlint.readers import read
    from reportlint.run.previous_year import PreviousFinder

    finder = PreviousFinder()
    paired = {}
    for name in FOLDER:
        prev = finder.find(build_document(read(str(folder / name))))
        paired[name] = Path(prev.path).name if prev is not None else None
    assert paired == {name: ("a-2023.txt" if name == "a-2024.txt" else None) for name in FOLDER}


@pytest.mark.parametrize("cold_jobs, warm_jobs", [(2, 2), (1, 2), (2, 1)])
def test_a_warm_rerun_hits_for_every_file_whatever_the_workers(folder, cold_jobs, warm_jobs):
    """Each worker process first sees a different file; the settings' part of the key
    must not depend on which (issue 16: it named that file, and -j 2 missed)."""
    assert rechecked(folder, cold_jobs) == set(FOLDER)
    assert rechecked(folder, warm_jobs) == set()
    assert rechecked(folder, warm_jobs) == set()


def test_a_warm_parallel_run_starts_no_worker(folder, monkeypatch):
    """The parent process looks every file up before handing it to a worker: when all
    hit, no worker is started and no result crosses between processes."""
    run(folder, 2)

    def no_worker(self):
        raise AssertionError("a worker was started for a warm run")

    monkeypatch.setattr(batch.WorkerPool, "_start", no_worker)
    assert rechecked(folder, 2) == set()


def test_an_edited_report_goes_to_a_worker_the_others_do_not(folder, monkeypatch):
    run(folder, 2)
    edit(folder / "a-2023.txt")
    sent: list[str] = []
    real = batch._Worker.__init__

    def counting(self, context, spec):
        real(self, context, spec)
        send = self.conn.send

        def recording(task):
            if task is not None and task[0] == "check":
                sent.append(Path(task[2]).name)
            send(task)

        self.conn.send = recording

    monkeypatch.setattr(batch._Worker, "__init__", counting)
    assert rechecked(folder, 2) == {"a-2023.txt", "a-2024.txt"}
    assert sorted(sent) == ["a-2023.txt", "a-2024.txt"]


def test_the_settings_fingerprint_names_no_file(folder):
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(folder.parent))
    first, second = batch.Checker(spec), batch.Checker(spec)
    a, b = str(folder / "a-2024.txt"), str(folder / "b-2024.txt")
    first.check(a)
    second.check(b)
    base_a, base_b = first._cache_base(b), second._cache_base(b)
    assert base_a is not None and base_b is not None and base_a.parts == base_b.parts


def test_editing_an_unrelated_report_rechecks_only_it(folder):
    run(folder)
    edit(folder / "c-2023.txt")  # the only report of its agency near 2024: pairs with none
    assert rechecked(folder) == {"c-2023.txt"}
    assert rechecked(folder) == set()


def test_editing_last_years_report_rechecks_this_years(folder):
    run(folder)
    edit(folder / "a-2023.txt")
    assert rechecked(folder) == {"a-2023.txt", "a-2024.txt"}


def test_a_report_that_becomes_last_years_rechecks_the_one_it_pairs_with(folder):
    run(folder)
    (folder / "b-2023.txt").write_text(report("changshu-kjj-2021.txt", 2023, 99), encoding="utf-8")
    assert rechecked(folder) == {"b-2023.txt", "b-2024.txt"}
    # …and when it stops being it (another agency's now), b-2024 pairs with none again:
    # its result is the entry of the first run, when it paired with none
    (folder / "b-2023.txt").write_text(report("changzhou-kjj-2021.txt", 2023, 99), encoding="utf-8")
    assert rechecked(folder) == {"b-2023.txt"}
    results = run(folder)
    assert results["b-2024.txt"] and results["b-2023.txt"]
    os.remove(folder / "b-2023.txt")  # paired with none: nothing changes
    assert rechecked(folder) == set()


def test_last_years_report_removed_rechecks_this_years(folder):
    run(folder)
    os.remove(folder / "a-2023.txt")
    assert rechecked(folder) == {"a-2024.txt"}


def test_the_cached_finding_names_last_years_report_as_the_run_gives_it(folder, tmp_path, monkeypatch):
    """RL522 (as RL520, RL521) names last year's report by its path: a run from another
    folder (other relative paths) must not be served the first run's wording."""
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(tmp_path))

    def previous_named(cwd: Path, path: str) -> set[str]:
        monkeypatch.chdir(cwd)
        [result] = list(batch.run(spec, [path], 1))
        return {str(d.data["previous"]) for d in result.diagnostics if "previous" in d.data}

    assert previous_named(tmp_path, os.path.join("reports", "a-2024.txt")) == {os.path.join("reports", "a-2023.txt")}
    assert previous_named(folder, "a-2024.txt") == {"a-2023.txt"}


def test_metas_are_kept_in_the_cache(folder, monkeypatch):
    """A warm run reads no neighbour's text to tell the pairings: their metas come from
    the cache (keyed on their bytes)."""
    from reportlint.run import previous_year

    run(folder)
    reads: list[str] = []
    real = previous_year.read_meta

    def read_meta(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(previous_year, "read_meta", read_meta)
    assert rechecked(folder) == set()
    assert reads == []


def test_a_damaged_meta_entry_is_a_miss(folder):
    spec = batch.BatchSpec(options=LintOptions(), cache_root=str(folder.parent))
    files = sorted(str(p) for p in folder.iterdir())
    fresh = [r.diagnostics for r in batch.run(spec, files, 1)]
    metas = list((folder.parent / ".reportlint_cache").rglob("meta/*/*.json"))
    assert len(metas) == len(FOLDER)
    for entry in metas:
        entry.write_bytes(entry.read_bytes().replace(b'"certain": true', b'"certain": false'))
    # Not trusted: each meta is read again (the first file, whose own meta is the first
    # one asked for, is checked again); the pairings and results are those of a fresh run.
    again = list(batch.run(spec, files, 1))
    assert not again[0].cached and [r.diagnostics for r in again] == fresh
    assert rechecked(folder) == set()
