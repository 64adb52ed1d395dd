"""Issue 11, the rule-data cache (parsed ``rules/*.yaml`` kept as JSON in the user's
cache folder): a FIFO, a device or a damaged entry there is never trusted.

Each case runs a fresh interpreter in a subprocess with a timeout, pointed at a cache
folder of its own (``REPORTLINT_DATA_CACHE``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 90

LOAD = (
    "import json, sys\n"
    "from reportlint.core import ruledata\n"
    "data = ruledata.load('placeholders')\n"
    "print(json.dumps(data, ensure_ascii=False, sort_keys=True))\n"
)


def load_in_subprocess(cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("REPORTLINT_NO_DATA_CACHE", None)
    env["REPORTLINT_DATA_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, "-c", LOAD],
        capture_output=True,
        check=False,
        env=env,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def warm_cache(tmp_path):
    """A cache folder with the entry written, its path, and the data it holds."""
    cache = tmp_path / "cache"
    first = load_in_subprocess(cache)
    assert first.returncode == 0, first.stderr
    (entry,) = (cache / "reportlint").glob("placeholders-*.json")
    return cache, entry, json.loads(first.stdout)


def assert_same_data_and_entry_rewritten(cache: Path, entry: Path, expected) -> None:
    proc = load_in_subprocess(cache)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == expected
    assert entry.is_file() and not entry.is_symlink()
    again = load_in_subprocess(cache)  # the rewritten entry is good
    assert json.loads(again.stdout) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_the_cache_is_never_opened(warm_cache):
    cache, entry, expected = warm_cache
    entry.unlink()
    os.mkfifo(entry)
    assert_same_data_and_entry_rewritten(cache, entry, expected)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_in_the_cache_is_never_read(warm_cache):
    cache, entry, expected = warm_cache
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert_same_data_and_entry_rewritten(cache, entry, expected)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # half-written
        lambda raw: b"",  # empty
        lambda raw: raw.split(b"\n", 1)[1],  # no checksum line (the old format)
        lambda raw: raw.split(b"\n", 1)[0] + b"\n[]",  # wrong shape, stale checksum
        lambda raw: raw.replace(b"label", b"lbael", 1),  # one edited key
        lambda raw: b"\xff" * 1000,  # garbage
    ],
    ids=["truncated", "empty", "no-checksum", "wrong-shape", "edited", "garbage"],
)
def test_damaged_entry_is_ignored_and_rewritten(warm_cache, damage):
    cache, entry, expected = warm_cache
    entry.write_bytes(damage(entry.read_bytes()))
    assert_same_data_and_entry_rewritten(cache, entry, expected)
