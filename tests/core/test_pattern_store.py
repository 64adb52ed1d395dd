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

from reportlint.core import digests, pattern_store

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
    import marshal

    first = _probe(tmp_path)
    (store,) = _store_files(tmp_path)
    entries = marshal.loads(store.read_bytes().partition(b"\n")[2])
    for key, (flags, code, groups, groupindex, indexgroup) in list(entries.items()):
        entries[key] = (flags, b"\xff" * len(code), groups, groupindex, indexgroup)
    payload = marshal.dumps(entries)
    store.write_bytes(digests.checksum(payload) + b"\n" + payload)
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


FACTS_PROBE = textwrap.dedent(
    """
    import json, re
    from reportlint.core import match_starts, pattern_store
    spam = re.compile(r"澳门[^，。]{0,4}赌场|新葡京|(?<![a-z])\\d{2,4}bet|[ⅰ-ⅹ]号站", re.I)
    text = "访问新葡京或 888bet 与澳门某某赌场，ⅱ号站"
    starts = match_starts.first_char_class(spam)
    print(json.dumps({
        "starts": starts.pattern if starts else None,
        "firsts": match_starts.first_chars(r"(?:今年|本年度)\\d+", 0),
        "found": [m.span() for m in match_starts.finder(spam)(text)],
        "plain": [m.span() for m in spam.finditer(text)],
        "added": sorted(k[0].partition("|")[0] for k in pattern_store._added if len(k) == 3),
    }))
    """
)


def _facts_probe(tmp_path: Path) -> dict:
    environ = dict(os.environ, REPORTLINT_DATA_CACHE=str(tmp_path / "cache"))
    environ.pop("REPORTLINT_NO_DATA_CACHE", None)
    done = subprocess.run([sys.executable, "-c", FACTS_PROBE], env=environ, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_facts_read_off_a_pattern_are_kept_and_a_wrong_one_is_read_again(tmp_path: Path) -> None:
    """match_starts reads the first characters off a pattern's parse once per machine:
    the second process takes them from the store; a stored value of the wrong type
    (another version's) is computed again and replaced."""
    import marshal

    first = _facts_probe(tmp_path)
    assert first["starts"] is not None and first["firsts"] == ["今", "本"]
    assert first["found"] == first["plain"] and len(first["found"]) == 4
    assert first["added"] == ["first_char_class", "first_chars"]
    second = _facts_probe(tmp_path)
    assert second == {**first, "added": []}  # every fact from the store
    (store,) = _store_files(tmp_path)
    entries = marshal.loads(store.read_bytes().partition(b"\n")[2])
    facts = [key for key in entries if len(key) == 3]
    assert sorted(key[0].partition("|")[0] for key in facts) == ["first_char_class", "first_chars"]
    for key in facts:
        entries[key] = 12345  # neither a class nor a tuple of items
    payload = marshal.dumps(entries)
    store.write_bytes(digests.checksum(payload) + b"\n" + payload)
    third = _facts_probe(tmp_path)
    assert third == first  # read off the pattern again, queued to replace the wrong values


def test_a_built_in_rule_without_examples_is_refused_whatever_was_remembered() -> None:
    """rules.base remembers per docstring whether it has Bad:/Good: examples: a rule
    whose docstring lost them is refused, one that has them is accepted, each time."""
    from reportlint.core.diagnostics import Severity
    from reportlint.rules.base import Rule, validate_rule_class

    def rule(doc: str) -> type[Rule]:
        return type(
            "RL999Probe",
            (Rule,),
            {
                "__doc__": doc,
                "code": "RL999",
                "name": "probe-rule",
                "category": "structure",
                "severity": Severity.WARNING,
                "summary_zh": "探针。",
                "rationale_zh": "测试用。",
                "check": lambda self, doc: iter(()),
            },
        )

    documented = "A probe.\n\nWhy.\n\nBad:\n\n    x\n\nGood:\n\n    y\n"
    undocumented = "A probe.\n\nWhy, but no examples.\n"
    needs = "documentation needs a summary, rationale (zh and en) and Bad:/Good: examples"
    for _ in range(2):  # the second time from what the first remembered
        assert needs not in validate_rule_class(rule(documented), builtin=True)
        assert needs in validate_rule_class(rule(undocumented), builtin=True)
        assert needs not in validate_rule_class(rule(undocumented), builtin=False)


def test_what_is_built_from_a_data_file_is_kept_until_the_file_or_the_builder_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ruledata.derived: the value a function builds from a data file is read back from
    the user cache (the builder is not called again) until the data file changes."""
    from reportlint.core import ruledata

    data = tmp_path / "data"
    data.mkdir()
    (data / "probe.yaml").write_text("words: [甲, 乙]\n", encoding="utf-8")
    monkeypatch.setattr(ruledata, "data_dir", lambda: data)
    monkeypatch.setenv("REPORTLINT_DATA_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_DATA_CACHE", raising=False)
    calls: list[int] = []

    def index(parsed: dict) -> dict:
        calls.append(1)
        return {word: i for i, word in enumerate(parsed["words"])}

    assert ruledata.derived("probe", index) == {"甲": 0, "乙": 1}
    assert ruledata.derived("probe", index) == {"甲": 0, "乙": 1}
    assert len(calls) == 1  # the second answer came from the cache file
    ruledata.load.cache_clear()
    (data / "probe.yaml").write_text("words: [丙]\n", encoding="utf-8")
    os.utime(data / "probe.yaml", ns=(1, 1))  # another modification time, whatever the clock
    assert ruledata.derived("probe", index) == {"丙": 0}
    assert len(calls) == 2
    monkeypatch.setenv("REPORTLINT_NO_DATA_CACHE", "1")
    assert ruledata.derived("probe", index) == {"丙": 0} and len(calls) == 3  # no cache: built


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership and modes")
@pytest.mark.skipif(not pattern_store._SUPPORTED, reason="the store applies to CPython's re only")
def test_code_kept_in_a_store_others_could_write_is_not_used(tmp_path: Path) -> None:
    """Compiled __init__ code (core.lazy_dataclass) is taken from the store only when the
    store is the user's own and writable by no one else; otherwise it is compiled."""
    probe = textwrap.dedent(
        """
        import json
        from reportlint.core import pattern_store
        from reportlint.core.lazy_dataclass import dataclass

        @dataclass(frozen=True)
        class Point:
            x: int
            y: int = 2

        added = [k[0].partition("|")[0] for k in pattern_store._added if len(k) == 3]
        print(json.dumps({"private": pattern_store.private(), "inits_compiled": added.count("lazy_dataclass.init"),
                          "point": [Point(1).x, Point(1).y]}))
        """
    )
    environ = dict(os.environ, REPORTLINT_DATA_CACHE=str(tmp_path / "cache"))
    environ.pop("REPORTLINT_NO_DATA_CACHE", None)

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first = run()
    assert first["inits_compiled"] >= 1 and first["point"] == [1, 2]
    own = run()
    assert own["private"] is True and own["inits_compiled"] == 0  # every __init__ from the store
    (store,) = _store_files(tmp_path)
    store.chmod(0o666)
    shared = run()
    assert shared["private"] is False and shared["inits_compiled"] >= 1 and shared["point"] == [1, 2]
