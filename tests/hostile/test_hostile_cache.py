"""Issue 11, cache: entries are checksummed and validated; a bad one is ignored and
rewritten; special files in the cache folder are never read; writes are atomic, so
two runs sharing a cache never see half an entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.run import cache
from reportlint.run.cache import ResultCache, valid_result_json

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev")
REPORTS = ("changji-kjj-2021.txt", "zhangjiakou-kjj-2010.txt")


@pytest.fixture
def work(tmp_path, fixtures):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(fixtures / name, folder / name)
    return tmp_path


def entries(root: Path) -> list[Path]:
    return sorted((root / cache.CACHE_DIR_NAME / f"v{cache.FORMAT}").glob("*/*.json"))


def check(cli, work, *extra):
    proc = cli("check", "--lang", "en", "--format", "json", *extra, str(work / "reports"), cwd=work)
    assert "Traceback" not in proc.err and "internal error" not in proc.err, proc.err
    return proc


def uncached(cli, work):
    return json.loads(
        cli("check", "--no-cache", "--format", "json", "--lang", "en", str(work / "reports"), cwd=work).out
    )


def tamper_body(path: Path, change) -> None:
    """Rewrite an entry's body *with a valid checksum*, so the shape checks are what
    must catch it (a wrong checksum alone is caught earlier)."""
    key = path.parent.name + path.stem
    body = json.loads(path.read_bytes().split(b"\n", 1)[1])
    body = change(body)
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    path.write_bytes(cache._checksum(key, raw).encode() + b"\n" + raw)


def _first_diag(body):
    return body["diagnostics"][0]


CORRUPTIONS = {
    "a list for the object": lambda b: [b],
    "diagnostics not a list": lambda b: {**b, "diagnostics": {"0": 1}},
    "line past the end": lambda b: (_first_diag(b)["loc"].__setitem__(0, 10**9), b)[1],
    "negative column": lambda b: (_first_diag(b)["loc"].__setitem__(1, -3), b)[1],
    "wrong severity": lambda b: (_first_diag(b).__setitem__("severity", "fatal"), b)[1],
    "edit past the end": lambda b: (
        _first_diag(b).__setitem__("fix", {"d": ["x", "x"], "e": [[0, 10**12, ""]], "s": True}),
        b,
    )[1],
    "message not a pair": lambda b: (_first_diag(b).__setitem__("message", "x"), b)[1],
    "deep nesting": lambda b: {**b, "tables": json.loads("[" * 50 + "]" * 50)},
    "kept line of the wrong length": lambda b: {**b, "kept": {"1": "x" * 5000}},
    "extra key": lambda b: {**b, "evil": 1},
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_bad_entry_is_ignored_and_rewritten(cli, work, name):
    expected = uncached(cli, work)
    check(cli, work)
    for path in entries(work):
        tamper_body(path, CORRUPTIONS[name])
    proc = check(cli, work)
    assert json.loads(proc.out) == expected
    for path in entries(work):  # rewritten: valid again
        checksum, body = path.read_bytes().split(b"\n", 1)
        assert checksum.decode() == cache._checksum(path.parent.name + path.stem, body)
        assert valid_result_json(json.loads(body))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # torn write
        lambda raw: b"0" * 64 + raw[64:],  # wrong checksum
        lambda raw: raw.replace(b'"RL', b'"XX', 1),  # edited body, old checksum
        lambda raw: b"\xff\xfe garbage",
        lambda raw: b"",
        lambda raw: b"[" * 100_000,
    ],
)
def test_damaged_bytes_are_a_miss(cli, work, damage):
    expected = uncached(cli, work)
    check(cli, work)
    for path in entries(work):
        path.write_bytes(damage(path.read_bytes()))
    assert json.loads(check(cli, work).out) == expected


def test_entry_copied_under_another_key_is_refused(cli, work):
    check(cli, work)
    a, b = entries(work)
    shutil.copy(a, b)  # valid checksum for a, but not for b's key
    assert ResultCache(work).get(b.parent.name + b.stem, "x.txt") is None


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-urandom", "folder"])
def test_special_files_in_the_cache_folder_are_never_read(cli, work, kind):
    expected = uncached(cli, work)
    check(cli, work)
    for path in entries(work):
        path.unlink()
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        else:
            os.symlink("/dev/" + kind.split("-")[1], path)
    # Reading any of them would hang or never end: the cli fixture's timeout fails it.
    assert json.loads(check(cli, work).out) == expected
    assert json.loads(check(cli, work).out) == expected


def test_two_runs_sharing_a_cache_never_see_half_an_entry(work, fixtures):
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="en")
    for name in ("huaian-gov-2024.pdf",):
        if (fixtures / name).exists():
            shutil.copy(fixtures / name, work / "reports" / name)
    expected = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "json", str(work / "reports")],
        capture_output=True,
        env=env,
        cwd=work,
        timeout=120,
    ).stdout
    for _round in range(3):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "reportlint", "check", "--format", "json", str(work / "reports")],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                cwd=work,
            )
            for _ in range(3)
        ]
        for p in runs:
            out, err = p.communicate(timeout=120)
            assert b"Traceback" not in err
            assert json.loads(out) == json.loads(expected)
    # No temporary files left behind.
    leftovers = [p for p in (work / cache.CACHE_DIR_NAME).rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
