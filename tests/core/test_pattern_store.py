"""The compiled-pattern store: a pattern built from stored code is re.compile's pattern.

Every test runs in a process of its own (the store is per process state) with the
cache directory in a temporary folder, so the user's store is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportlint.core import pattern_store

PROBE = textwrap.dedent(
    """
    import json, re, sys
    from reportlint.core import pattern_store
    # patterns of every kind the rules use: named groups, look-behind, classes of
    # CJK characters, flags inline and as arguments, a long alternation
    cases = [
        (r"(?P<year>20\\d\\d)年(?:度)?", 0),
        (r"(?<=[，。])(?P<n>\\d+)(?=件)", 0),
        (r"(?m)^[ \\t|#*]*(?P<t>[一二三四五六七八九十]+、)", 0),
        (r"信息公开|政府信息公开工作年度报告|" + "|".join(f"词{i}" for i in range(300)), 0),
        (r"abc\\s+def", re.I | re.M),
        (r"[\\u4e00-\\u9fff]{2,6}(?:局|委员会)", re.S),
    ]
    text = "2023年度，受理12件。\\n一、总体情况 ABC  def 昌吉州科学技术局 词299 政府信息公开工作年度报告"
    out = []
    for pattern, flags in cases:
        p = pattern_store.compile(pattern, flags)
        out.append([p.pattern == pattern, p.flags, p.groups, dict(p.groupindex),
                    [m.span() for m in p.finditer(text)]])
    print(json.dumps({"out": out, "added": len(pattern_store._added)}))
    """
)


def _probe(tmp_path: Path, **env: str) -> dict:
    environ = dict(os.environ, REPORTLINT_DATA_CACHE=str(tmp_path / "cache"))
    environ.pop("REPORTLINT_NO_DATA_CACHE", None)
    environ.update(env)
    for key, value in env.items():
        if value == "":
            environ.pop(key, None)
    done = subprocess.run([sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _store_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "reportlint").glob("patterns-*.bin"))


@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_stored_patterns_match_like_compiled_ones(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert first["added"] == 6  # every pattern compiled by re and queued for the store
    (store,) = _store_files(tmp_path)
    second = _probe(tmp_path)
    assert second["added"] == 0  # every pattern came from the store
    assert second["out"] == first["out"]
    reference = _probe(tmp_path, REPORTLINT_NO_DATA_CACHE="1")
    assert reference["out"] == first["out"]
    assert reference["added"] == 0  # no store: nothing kept
    assert store.stat().st_size > 0


@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_a_damaged_store_is_ignored_and_rewritten(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    (store,) = _store_files(tmp_path)
    raw = bytearray(store.read_bytes())
    raw[-10] ^= 0xFF  # the checksum no longer matches
    store.write_bytes(bytes(raw))
    again = _probe(tmp_path)
    assert again["out"] == first["out"]
    assert again["added"] == 6  # compiled afresh, the store written anew
    assert _probe(tmp_path)["added"] == 0


@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_forged_code_that_passes_the_checksum_is_refused_by_sre(tmp_path: Path) -> None:
    """The checksum guards against damage, not against a hand-made file: _sre
    validates every code list, and a refused entry is compiled by re instead."""
    import hashlib
    import marshal

    first = _probe(tmp_path)
    (store,) = _store_files(tmp_path)
    entries = marshal.loads(store.read_bytes().partition(b"\n")[2])
    for key, (flags, code, groups, groupindex, indexgroup) in list(entries.items()):
        entries[key] = (flags, b"\xff" * len(code), groups, groupindex, indexgroup)
    payload = marshal.dumps(entries)
    store.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    again = _probe(tmp_path)
    assert again["out"] == first["out"]
    assert again["added"] == 6


def test_an_unwritable_cache_directory_compiles_as_usual(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be")
    result = _probe(tmp_path)
    assert [case[0] for case in result["out"]] == [True] * 6
    assert blocker.read_text() == "a file where the cache folder would be"


def test_patterns_built_from_sets_are_the_same_string_in_every_process() -> None:
    """Alternations are sorted with longest_first: a set's order (which changes with
    the string hash seed) must not change the pattern, or the store never hits."""
    words = {"信息公开", "公开", "政府信息公开", "依申请", "主动公开"}
    ordered = sorted(words, key=pattern_store.longest_first)
    assert ordered == ["政府信息公开", "主动公开", "信息公开", "依申请", "公开"]
    script = (
        "from reportlint.document import sections, page_meta\n"
        "print(sorted(o.titles.pattern for o in sections._data().outlines.values()))\n"
        "print(page_meta._page().token.pattern)\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env=dict(os.environ, PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_a_full_store_keeps_what_the_run_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store stays bounded: when adding would pass MAX_ENTRIES, the entries this
    process did not use are dropped (patterns of old configurations, of tests)."""
    path = str(tmp_path / "patterns.bin")
    old = {(f"old{i}", 0): pattern_store._parts(f"old{i}", 0) for i in range(5)}
    monkeypatch.setattr(pattern_store, "_store", dict(old))
    monkeypatch.setattr(pattern_store, "_path", path)
    monkeypatch.setattr(pattern_store, "_used", set())
    monkeypatch.setattr(pattern_store, "_added", {})
    monkeypatch.setattr(pattern_store, "MAX_ENTRIES", 6)
    assert pattern_store.compile("old1").match("old1")  # used, from the store
    for word in ("new1", "new2"):
        pattern_store.compile(word)
    pattern_store._save(path)
    kept = pattern_store._read(path)
    assert sorted(pattern for pattern, _ in kept) == ["new1", "new2", "old1"]
