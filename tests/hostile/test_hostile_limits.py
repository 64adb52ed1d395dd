"""Issue 11: bounded work per file. Inputs that were quadratic (placeholders,
brackets) finish, one rule's findings are capped, the limits are options with clear
errors, and the common small-file path starts no process.

Each run is a CLI subprocess with a timeout (the conftest ``cli`` fixture, 120 s):
a hang or a quadratic blow-up fails the test, there is no timed assert of speed.
"""

from __future__ import annotations

import json

import pytest

from reportlint.run import batch
from reportlint.run.engine import MAX_FINDINGS_PER_RULE, LintOptions

TITLE = "某县人民政府2021年政府信息公开工作年度报告\n"


def run_json(cli, *args):
    proc = cli("check", "--no-cache", "--lang", "en", "--format", "json", *args)
    assert "Traceback" not in proc.err, proc.err
    return proc, [d for d in json.loads(proc.out or "[]") if "type" not in d]  # findings, not the records


def test_100000_placeholders_finish_with_capped_findings(cli, tmp_path):
    report = tmp_path / "placeholders.txt"
    report.write_text(TITLE + "20XX年某某\n" * 100_000, encoding="utf-8")
    proc, found = run_json(cli, "--select", "RL701", str(report))
    assert proc.returncode == 1
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[-1]["message"].startswith(f"more than {MAX_FINDINGS_PER_RULE} findings of this rule")
    assert all(d["code"] == "RL701" for d in found)


@pytest.mark.parametrize("n", [1_000_000, 5_000_000])
def test_millions_of_open_brackets_finish(cli, tmp_path, n):
    report = tmp_path / "open.txt"
    report.write_text(TITLE + "（" * n, encoding="utf-8")
    proc, found = run_json(cli, "--select", "RL806", str(report))
    assert proc.returncode == 0  # warnings only
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[0]["line"] == 2 and found[0]["column"] == 1


def test_a_million_closers_on_one_line_finish(cli, tmp_path):
    report = tmp_path / "close.txt"
    report.write_text(TITLE + "）]》" * 350_000, encoding="utf-8")
    _, found = run_json(cli, "--select", "RL806", str(report))
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert {d["code"] for d in found} == {"RL806"}


def test_brackets_spread_over_many_lines_keep_their_findings(cli, tmp_path):
    # The rewrite keeps the rule's meaning: openers expire after two lines, list
    # markers "1）" are not counted, nested unclosed openers are reported.
    report = tmp_path / "lines.txt"
    report.write_text(TITLE + "1）第一项\n（未闭合\n\n\n《书名（内文》\n", encoding="utf-8")
    _, found = run_json(cli, "--select", "RL806", str(report))
    assert [(d["line"], d["column"]) for d in found] == [(3, 1), (6, 4)]


def test_80000_blank_lines_finish_for_the_rules_in_this_part(cli, tmp_path):
    # RL701's "示例" pattern used to run from every line start over all the blank
    # lines after it. (RL801 has the same problem; see the issue-11 report.)
    report = tmp_path / "blank.txt"
    report.write_text(TITLE + "\n" * 80_000 + "示例：正文\n", encoding="utf-8")
    _, found = run_json(cli, "--select", "RL701,RL806", str(report))
    assert [d["line"] for d in found] == [80_002]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--time-limit", "abc"),
        ("--time-limit", "-1"),
        ("--time-limit", "inf"),
        ("--memory-limit", "lots"),
        ("--memory-limit", "-5MB"),
    ],
)
def test_bad_limit_values_are_usage_errors(cli, tmp_path, option, value):
    report = tmp_path / "r.txt"
    report.write_text(TITLE, encoding="utf-8")
    proc = cli("check", "--no-cache", "--lang", "en", option, value, str(report))
    assert proc.returncode == 2
    assert f"invalid {option}: {value}" in proc.err and "Traceback" not in proc.err


def test_zero_means_no_limit():
    options = LintOptions()
    batch.apply_limits(options, "0", "0")
    assert options.time_limit is None and options.memory_limit is None and not options.memory_limit_given
    batch.apply_limits(options, "2.5", "512MB")
    assert options.time_limit == 2.5 and options.memory_limit == 512 * 1024**2 and options.memory_limit_given


def test_small_text_files_are_checked_in_process_and_others_in_a_worker(tmp_path, fixtures):
    options = LintOptions()
    small = fixtures / "changji-kjj-2021.txt"
    assert small.stat().st_size < batch.ISOLATE_MIN_BYTES
    assert not batch.needs_isolation(str(small), options)  # no process start-up for pre-commit
    big = tmp_path / "big.txt"
    big.write_text("正文\n" * 50_000, encoding="utf-8")
    assert batch.needs_isolation(str(big), options)
    pdf = next(fixtures.glob("*.pdf"))
    assert batch.needs_isolation(str(pdf), options)
    assert not batch.needs_isolation(str(tmp_path / "missing.txt"), options)  # the reader reports it
    given = LintOptions()
    batch.apply_limits(given, None, "1GB")
    assert batch.needs_isolation(str(small), given)


def test_time_limit_in_process_stops_python_work():
    import time

    # Pure Python work that would run for minutes: the timer must cut it short. With a
    # broken timer the loop runs out of iterations (not of seconds) and pytest.raises
    # fails, instead of the suite hanging.
    iterations = 0
    with pytest.raises(batch.FileTimeLimit), batch.time_limit(0.3):
        while iterations < 2_000_000_000:
            iterations += 1
    with batch.time_limit(5):  # the timer is cleared afterwards
        pass
    time.sleep(0.01)
