"""Worker processes started with ``spawn`` — the only start method on Windows — give
exactly what the default (``fork`` here) gives. ``REPORTLINT_START_METHOD=spawn``
forces that path on any system."""

import json
import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.core.errors import UsageError
from reportlint.run import batch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPAWN = {"REPORTLINT_START_METHOD": "spawn"}


@pytest.fixture
def folder(tmp_path) -> Path:
    """Reports of every kind the batch isolates: text, .docx and .pdf, Chinese names."""
    dest = tmp_path / "报告"
    dest.mkdir()
    for name in (
        "pingtan-gov-2023.txt",
        "changzhou-kjj-2021.txt",
        "shanghai-kewei-2024.md",
        "template-2021-blank.docx",
        "huaian-gov-2024.pdf",
    ):
        shutil.copy(FIXTURES / name, dest / ("年报-" + name))
    (dest / "损坏.docx").write_bytes(b"not a zip")  # a failure must cross back the same way
    return dest


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_spawn_gives_the_same_json_as_the_default(cli, folder, jobs):
    args = ("check", "--format", "json", "--no-cache", "-j", jobs, ".")
    default = cli(*args, cwd=folder)
    spawned = cli(*args, cwd=folder, env=SPAWN)
    assert default.returncode == spawned.returncode == 2, default.err + spawned.err
    assert "Traceback (most recent call last)" not in spawned.err
    assert spawned.out == default.out
    assert spawned.err == default.err
    items = json.loads(spawned.out)
    assert len({i["path"] for i in items}) >= 4  # the reports really were checked


def test_spawn_is_really_used(folder):
    """The start method the pool asked for, recorded in the CLI's own process."""
    probe = (
        "import multiprocessing, sys\n"
        "used = []\n"
        "real = multiprocessing.get_context\n"
        "def get_context(method=None):\n"
        "    used.append(method)\n"
        "    return real(method)\n"
        "multiprocessing.get_context = get_context\n"
        "from reportlint.cli import main\n"
        "sys.argv = ['reportlint', 'check', '--format', 'json', '--no-cache', '-j', '2', '.']\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('METHODS', used, file=sys.stderr)\n"
    )
    import os

    env = {**os.environ, **SPAWN, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, cwd=folder, env=env, timeout=180, check=False
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "METHODS ['spawn']" in err
    assert json.loads(proc.stdout.decode("utf-8"))


def test_start_method_from_the_environment(monkeypatch):
    monkeypatch.setenv(batch.START_METHOD_ENV, "spawn")
    assert batch.start_method() == "spawn"
    monkeypatch.setenv(batch.START_METHOD_ENV, " Spawn ")
    assert batch.start_method() == "spawn"
    monkeypatch.delenv(batch.START_METHOD_ENV)
    expected = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    assert batch.start_method() == expected
    monkeypatch.setenv(batch.START_METHOD_ENV, "threads")
    with pytest.raises(UsageError) as info:
        batch.start_method()
    assert "threads" in info.value.render("zh") and "spawn" in info.value.render("en")


def test_unknown_start_method_is_one_clear_error_before_any_work(cli, folder):
    r = cli("check", "--format", "sarif", ".", cwd=folder, env={"REPORTLINT_START_METHOD": "threads"})
    assert r.returncode == 2
    assert "REPORTLINT_START_METHOD" in r.err and "threads" in r.err
    assert "Traceback (most recent call last)" not in r.err
    assert r.out == ""
    en = cli("check", "--lang", "en", ".", cwd=folder, env={"REPORTLINT_START_METHOD": "threads"})
    assert en.returncode == 2 and "invalid REPORTLINT_START_METHOD" in en.err


def test_spawned_workers_keep_the_time_limit(cli, tmp_path):
    """A spawned worker past the time limit is stopped and the file reported, as with fork."""
    big = tmp_path / "大.txt"
    text = (FIXTURES / "pingtan-gov-2023.txt").read_text(encoding="utf-8")
    big.write_text(text * 40, encoding="utf-8")
    r = cli("check", "--format", "json", "--no-cache", "--time-limit", "0.001", str(big), cwd=tmp_path, env=SPAWN)
    assert r.returncode == 2, r.err
    assert "大.txt" in r.err and "Traceback (most recent call last)" not in r.err
