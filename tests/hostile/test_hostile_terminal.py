"""Nothing raw reaches a terminal; machine formats stay valid for any file name."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from reportlint.output import json_safe, terminal_safe

TIMEOUT = 120
EVIL = "evil\x1b]0;owned\x07\x1b[2J\x9b31m\u202ename"
# Raw C0 (but tab and newline), DEL and C1 bytes as a terminal would get them.
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def run(*args, cwd=None):
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="en", REPORTLINT_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", *args],
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
    )
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def evil_folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / f"{EVIL}.txt").write_text("标题。。\n正文\x1b[31m红色\x07\n", encoding="utf-8")
    (folder / f"{EVIL}-bin.txt").write_bytes(b"%PDF-1.4 not really")  # refused: an error line
    return folder


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_escape_sequences_in_names_and_text_never_reach_the_terminal(evil_folder, fmt):
    r = run("-f", fmt, str(evil_folder))
    assert r.returncode == 2
    assert not RAW_CONTROL.search(r.stdout), r.stdout
    assert not RAW_CONTROL.search(r.stderr), r.stderr
    assert "\u202e".encode() not in r.stdout + r.stderr
    assert b"\\x1b]0;owned\\x07" in r.stdout  # shown, visibly escaped
    assert b"\\x1b]0;owned\\x07" in r.stderr  # the refused file's error line


def test_github_annotations_have_no_raw_controls_and_stay_one_line(evil_folder):
    r = run("-f", "github", "--select", "RL805", str(evil_folder))
    lines = r.stdout.decode("utf-8").splitlines()
    assert lines and all(line.startswith("::") for line in lines)


@pytest.fixture
def undecodable_name(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    name = b"bad\xff\xfe-\x1b[2J.txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write("标题。。\n正文\n".encode())
    with open(os.path.join(os.fsencode(folder), b"bin\xff.txt"), "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
    return folder


@pytest.mark.parametrize("fmt", ["sarif", "json", "jsonl"])
def test_machine_formats_stay_valid_for_a_name_that_is_not_utf8(undecodable_name, fmt):
    r = run("-f", fmt, str(undecodable_name))
    assert r.returncode == 2
    text = r.stdout.decode("utf-8")  # strict: valid UTF-8
    docs = [json.loads(line) for line in text.splitlines() if line] if fmt == "jsonl" else [json.loads(text)]
    assert docs
    if fmt == "sarif":
        uris = [
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for run_ in docs[0]["runs"]
            for res in run_["results"]
            for loc in res.get("locations", [])
        ]
        assert any("%FF%FE" in u for u in uris), uris


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_terminal_formats_for_a_name_that_is_not_utf8(undecodable_name, fmt):
    r = run("-f", fmt, str(undecodable_name))
    assert r.returncode == 2
    r.stdout.decode("utf-8")
    r.stderr.decode("utf-8")
    assert b"\\xff\\xfe" in r.stdout
    assert not RAW_CONTROL.search(r.stdout + r.stderr)


def test_output_file_for_a_name_that_is_not_utf8(undecodable_name, tmp_path):
    out = tmp_path / "out.sarif"
    r = run("-f", "sarif", "--output-file", str(out), str(undecodable_name))
    assert r.returncode == 2
    json.loads(out.read_bytes().decode("utf-8"))


def test_baseline_round_trip_for_a_name_that_is_not_utf8(undecodable_name, tmp_path):
    base = tmp_path / "baseline.json"
    r = run("--baseline", str(base), "--write-baseline", str(undecodable_name))
    json.loads(base.read_bytes().decode("utf-8"))
    again = run("--baseline", str(base), "-f", "json", str(undecodable_name))
    # The baseline holds every finding; what is left are the files not checked (issue 13).
    items = json.loads(again.stdout.decode("utf-8"))
    assert [d for d in items if d.get("status") != "not-checked" and "type" not in d] == []
    assert r.returncode == 2  # the PNG named .txt is still an error


def test_terminal_safe_escapes_c0_c1_bidi_and_undecodable_bytes():
    assert terminal_safe("a\x1b[2Jb\x07c\x85d\u202ee\udcff") == "a\\x1b[2Jb\\x07c\\x85d\\u202ee\\xff"
    assert terminal_safe("政府信息公开 report.txt") == "政府信息公开 report.txt"
    assert json_safe('"a\udcffb"') == '"a\ufffdb"'
