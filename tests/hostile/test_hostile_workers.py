"""Issue 11, workers: a worker process killed by a signal costs one file's result
(checked once more in a fresh worker, or reported as that file's error), never the run.

The crash is put into a real run by a driver script that wraps the engine's rule
runner before the CLI starts: forked workers inherit the wrapper, so a report that
contains a marker makes the worker checking it kill itself with that signal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DRIVER = textwrap.dedent(
    """
    import os, signal, sys, time
    from reportlint.run import engine
    _original = engine.Linter.run_rules

    def run_rules(self, doc, rules, extracted):
        text = doc.text
        for name in ("SIGKILL", "SIGSEGV", "SIGTERM"):
            if "CRASH:" + name in text:
                os.kill(os.getpid(), getattr(signal, name))
        if "CRASH-ONCE" in text:
            flag = os.environ["CRASH_ONCE_FLAG"]
            if os.path.exists(flag):
                os.unlink(flag)
                os.kill(os.getpid(), signal.SIGKILL)
        if "HANG:PYTHON" in text:
            while True:
                pass
        if "HANG:BLOCKED" in text:  # deaf to the in-process timer: only a kill stops it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(1000)
        if "MEMORY:HOG" in text:
            hog = [bytearray(64 * 1024**2) for _ in range(1000)]
        return _original(self, doc, rules, extracted)

    engine.Linter.run_rules = run_rules
    from reportlint.cli import main
    sys.argv = ["reportlint", *sys.argv[1:]]
    main()
    """
)

REPORT = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文{marker}。\n"


def run_driver(tmp_path, *args, env=None, timeout=120):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    full_env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="en", REPORTLINT_NO_CACHE="1")
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, str(driver), *args], capture_output=True, timeout=timeout, env=full_env, cwd=tmp_path
    )
    proc.out = proc.stdout.decode("utf-8", "replace")
    proc.err = proc.stderr.decode("utf-8", "replace")
    return proc


def make_reports(folder, markers):
    folder.mkdir(exist_ok=True)
    paths = []
    for i, marker in enumerate(markers):
        p = folder / f"r{i:02d}.txt"
        p.write_text(REPORT.format(marker=marker), encoding="utf-8")
        paths.append(p)
    return paths


def findings_by_file(out: str) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for d in json.loads(out):
        if d.get("status") == "not-checked" or "type" in d:  # a failed file's own record (issue 13), records
            continue
        grouped.setdefault(os.path.basename(d["path"]), []).append((d["code"], d["line"], d["message"]))
    return grouped


@pytest.mark.parametrize("signame", ["SIGKILL", "SIGSEGV", "SIGTERM"])
def test_killed_worker_costs_one_file_not_the_run(tmp_path, signame):
    folder = tmp_path / "reports"
    make_reports(folder, ["", "", f" CRASH:{signame}", "", "", ""])
    clean = run_driver(tmp_path, "check", "-j", "1", "--format", "json", str(folder / "r00.txt"))
    proc = run_driver(tmp_path, "check", "-j", "2", "--format", "json", str(folder))
    assert proc.returncode == 2, proc.err
    assert "Traceback" not in proc.err and "internal error" not in proc.err
    # One clear line for the lost file, naming it and the signal.
    lost = [l for l in proc.err.splitlines() if "r02.txt" in l]
    assert len(lost) == 1 and signame in lost[0] and "died" in lost[0]
    # Every other file has its full result, equal to a run on its own.
    grouped = findings_by_file(proc.out)
    assert set(grouped) == {"r00.txt", "r01.txt", "r03.txt", "r04.txt", "r05.txt"}
    expected = findings_by_file(clean.out)["r00.txt"]
    assert all(v == expected for v in grouped.values())


def test_worker_killed_once_is_rechecked_in_a_fresh_worker(tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, ["", " CRASH-ONCE", "", ""])
    flag = tmp_path / "crash-once.flag"
    flag.write_text("", encoding="utf-8")
    proc = run_driver(tmp_path, "check", "-j", "2", "--format", "json", str(folder), env={"CRASH_ONCE_FLAG": str(flag)})
    assert not flag.exists()  # the worker did die once
    assert proc.returncode == 1, proc.err  # findings, no input error: the file was re-checked
    assert set(findings_by_file(proc.out)) == {"r00.txt", "r01.txt", "r02.txt", "r03.txt"}


def test_serial_run_isolated_file_killed_costs_one_file(tmp_path):
    # --memory-limit puts every file of a serial run in a worker process too.
    folder = tmp_path / "reports"
    make_reports(folder, ["", " CRASH:SIGSEGV", ""])
    proc = run_driver(tmp_path, "check", "--memory-limit", "1GB", "--format", "json", str(folder))
    assert proc.returncode == 2
    assert "r01.txt" in proc.err and "SIGSEGV" in proc.err and "Traceback" not in proc.err
    assert set(findings_by_file(proc.out)) == {"r00.txt", "r02.txt"}


def test_hung_worker_is_killed_at_the_time_limit(tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, ["", " HANG:BLOCKED", " HANG:PYTHON", ""])
    proc = run_driver(tmp_path, "check", "-j", "2", "--time-limit", "2", "--format", "json", str(folder), timeout=60)
    assert proc.returncode == 2
    for name in ("r01.txt", "r02.txt"):
        line = next(l for l in proc.err.splitlines() if name in l)
        assert "time limit (2 s)" in line and "--time-limit" in line
    assert set(findings_by_file(proc.out)) == {"r00.txt", "r03.txt"}


def test_memory_hog_is_stopped_at_the_memory_limit(tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, ["", " MEMORY:HOG", ""])
    proc = run_driver(tmp_path, "check", "-j", "2", "--memory-limit", "300MB", "--format", "json", str(folder))
    assert proc.returncode == 2
    line = next(l for l in proc.err.splitlines() if "r01.txt" in l)
    assert "memory" in line and "300 MiB" in line and "Traceback" not in proc.err
    assert set(findings_by_file(proc.out)) == {"r00.txt", "r02.txt"}


def test_messages_are_bilingual(tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, [" HANG:PYTHON"])
    proc = run_driver(tmp_path, "check", "--time-limit", "1", str(folder), env={"REPORTLINT_LANG": "zh"}, timeout=60)
    assert proc.returncode == 2
    assert "时间上限（1 秒）" in proc.err


def test_serial_run_large_file_that_ignores_the_timer_is_killed(tmp_path):
    # A file above ISOLATE_MIN_BYTES is checked in a worker even without -j; one that
    # blocks the in-process timer is still stopped, by the kill.
    folder = tmp_path / "reports"
    make_reports(folder, ["", ""])
    big = folder / "r01.txt"
    big.write_text(REPORT.format(marker=" HANG:BLOCKED") + "正文。\n" * 60_000, encoding="utf-8")
    proc = run_driver(tmp_path, "check", "--time-limit", "1", "--format", "json", str(folder), timeout=60)
    assert proc.returncode == 2
    assert "r01.txt" in proc.err and "time limit (1 s)" in proc.err
    assert set(findings_by_file(proc.out)) == {"r00.txt"}


def test_fix_diff_from_workers_is_not_lost(tmp_path, fixtures):
    # Worker processes send their --diff back with the result.
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("changji-kjj-2021.txt", "zhangjiakou-kjj-2010.txt"):
        (folder / name).write_bytes((fixtures / name).read_bytes())
    serial = run_driver(tmp_path, "check", "-j", "1", "--diff", str(folder))
    parallel = run_driver(tmp_path, "check", "-j", "2", "--diff", str(folder))
    assert serial.out.count("\n+++ ") == parallel.out.count("\n+++ ") == 2
