"""Outputs never clobber inputs; every output failure is one clear error (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

TIMEOUT = 120
REPORT = "标题。。\n正文\n"


def run(*args, stdout=subprocess.PIPE, lang="en"):
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG=lang, REPORTLINT_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        env=env,
    )
    proc.err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in proc.err and "internal error" not in proc.err, proc.err
    return proc


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    return p


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "html"])
def test_output_file_naming_the_checked_report_is_refused(report, fmt):
    r = run("-f", fmt, "--output-file", str(report), str(report))
    assert r.returncode == 2
    assert "refusing to overwrite" in r.err
    assert report.read_bytes() == REPORT.encode()


def test_output_file_that_is_a_hard_link_of_a_report_is_refused(report, tmp_path):
    twin = tmp_path / "out.txt"
    os.link(report, twin)
    r = run("--output-file", str(twin), str(tmp_path))
    assert r.returncode == 2 and "refusing to overwrite" in r.err
    assert report.read_bytes() == REPORT.encode()


def test_output_file_that_is_a_symlink_to_a_report_is_refused(report, tmp_path):
    link = tmp_path / "out.json"
    link.symlink_to(report)
    r = run("-f", "json", "--output-file", str(link), str(report))
    assert r.returncode == 2
    assert report.read_bytes() == REPORT.encode()


def test_refusal_message_in_chinese(report):
    r = run("--output-file", str(report), str(report), lang="zh")
    assert r.returncode == 2 and "拒绝覆盖" in r.err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_into_a_missing_folder(report, tmp_path, fmt):
    target = tmp_path / "missing" / "out.txt"
    r = run("-f", fmt, "--output-file", str(target), str(report))
    assert r.returncode == 2
    assert "does not exist" in r.err and "out.txt" in r.err
    assert not target.parent.exists()


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_output_into_a_read_only_folder(report, tmp_path, fmt):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        r = run("-f", fmt, "--output-file", str(folder / "out.txt"), str(report))
        assert r.returncode == 2 and "read-only" in r.err
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_onto_a_folder(report, tmp_path, fmt):
    folder = tmp_path / "somewhere"
    folder.mkdir()
    r = run("-f", fmt, "--output-file", str(folder), str(report))
    assert r.returncode == 2 and "folder" in r.err
    assert folder.is_dir() and os.listdir(folder) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "html"])
def test_output_onto_a_full_disk(report, fmt):
    r = run("-f", fmt, "--output-file", "/dev/full", str(report))
    assert r.returncode == 2 and "no space" in r.err
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_stdout_on_a_full_disk(report, fmt):
    with open("/dev/full", "wb") as full:
        r = run("-f", fmt, str(report), stdout=full)
    assert r.returncode == 2 and "no space" in r.err


def test_output_to_a_fifo_without_reader_does_not_hang(report, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = run("--output-file", str(fifo), str(report))  # bounded by the subprocess timeout
    assert r.returncode == 2 and "reader" in r.err


def test_output_file_written_whole_and_with_the_usual_mode(report, tmp_path):
    target = tmp_path / "out.json"
    r = run("-f", "json", "--output-file", str(target), str(report))
    assert r.returncode in (0, 1), r.err
    assert target.read_text(encoding="utf-8").startswith("[")
    assert not [x for x in os.listdir(tmp_path) if x.startswith(".")]


def test_write_baseline_into_a_missing_folder(report, tmp_path):
    base = tmp_path / "missing" / "baseline.json"
    r = run("--baseline", str(base), "--write-baseline", str(report))
    assert r.returncode == 2 and "does not exist" in r.err


def test_write_baseline_onto_a_checked_report_is_refused(report):
    r = run("--baseline", str(report), "--write-baseline", str(report))
    assert r.returncode == 2 and "refusing to overwrite" in r.err
    assert report.read_bytes() == REPORT.encode()


@pytest.mark.parametrize("content", [b"[]", b"[" * 100000 + b"]" * 100000, b"\xff\xfe", b'{"version": 1, "files": []}'])
def test_bad_baseline_is_one_clear_error(report, tmp_path, content):
    base = tmp_path / "baseline.json"
    base.write_bytes(content)
    r = run("--baseline", str(base), str(report))
    assert r.returncode == 2 and "baseline" in r.err


def test_baseline_that_is_a_fifo_does_not_hang(report, tmp_path):
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    r = run("--baseline", str(fifo), str(report))
    assert r.returncode == 2 and "not a regular file" in r.err
