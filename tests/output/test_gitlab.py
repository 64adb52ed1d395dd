"""``--format gitlab`` (Code Quality) through the CLI: the fields GitLab reads, and
fingerprints that are unique, stable across runs and across an edit above a finding."""

from __future__ import annotations

import json

import pytest
from tests.conftest import run_cli
from tests.output.test_xlsx import make_batch


@pytest.fixture
def batch(tmp_path):
    return make_batch(tmp_path)


def gitlab(batch) -> list[dict]:
    proc = run_cli("check", "batch", "-f", "gitlab", "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2, proc.stderr
    return json.loads(proc.stdout)


def json_findings(batch) -> list[dict]:
    proc = run_cli("check", "batch", "-f", "json", "--no-cache", cwd=batch.parent)
    return [e for e in json.loads(proc.stdout) if "code" in e]


def test_issues_carry_what_gitlab_reads(batch):
    issues = gitlab(batch)
    findings = json_findings(batch)
    reported = [i for i in issues if i["check_name"] != "reportlint/not-checked"]
    assert len(reported) == len(findings) > 10
    expected = {"error": "major", "warning": "minor", "info": "info"}
    for issue, f in zip(reported, findings, strict=True):
        assert issue["check_name"] == f["code"]
        assert issue["description"].startswith(f"{f['code']} {f['name']}: {f['message']}")
        assert issue["severity"] == expected[f["severity"]]
        assert issue["location"]["path"] == f["path"]  # relative, with "/"
        assert issue["location"]["lines"]["begin"] == f["line"]
    broken = [i for i in issues if i["check_name"] == "reportlint/not-checked"]
    assert [i["location"]["path"] for i in broken] == ["batch/broken.docx"]
    assert broken[0]["severity"] == "critical"


def test_fingerprints_are_unique_and_stable_across_runs(batch):
    first = gitlab(batch)
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)
    assert all(len(p) == 64 for p in prints)
    assert [i["fingerprint"] for i in gitlab(batch)] == prints


def test_a_blank_line_above_changes_lines_not_fingerprints(batch):
    before = gitlab(batch)
    path = batch / "changji-kjj-2021.txt"
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = gitlab(batch)
    mine = "batch/changji-kjj-2021.txt"
    b = {i["fingerprint"]: i for i in before if i["location"]["path"] == mine}
    a = {i["fingerprint"]: i for i in after if i["location"]["path"] == mine}
    assert len(b) >= 3
    assert set(a) == set(b)
    for fp, issue in a.items():
        assert issue["location"]["lines"]["begin"] == b[fp]["location"]["lines"]["begin"] + 1
    others = lambda issues: [i["fingerprint"] for i in issues if i["location"]["path"] != mine]
    assert others(after) == others(before)


def test_editing_the_underlined_text_gives_a_new_fingerprint(batch):
    """The web-page debris at the end of Changji's report: rewritten, it is a new finding."""
    before = {i["fingerprint"] for i in gitlab(batch) if i["check_name"] == "RL801"}
    path = batch / "changji-kjj-2021.txt"
    text = path.read_text(encoding="utf-8")
    assert "上一篇: 昌吉州科学技术局" in text
    path.write_text(text.replace("上一篇: 昌吉州科学技术局", "上一篇: 昌吉州科技局"), encoding="utf-8")
    after = {i["fingerprint"] for i in gitlab(batch) if i["check_name"] == "RL801"}
    assert after and before and after != before


def test_fingerprints_are_the_same_from_the_cache_and_with_workers(batch):
    """A second run reads the results from the cache, a -j 2 run from worker processes:
    the quoted text the fingerprint is made of comes with the result either way."""
    fresh = [i["fingerprint"] for i in gitlab(batch)]
    cache = ("--cache-dir", str(batch.parent / "cache"))
    for args in ((*cache,), (*cache,), ("--no-cache", "-j", "2")):
        proc = run_cli("check", "batch", "-f", "gitlab", *args, cwd=batch.parent)
        assert [i["fingerprint"] for i in json.loads(proc.stdout)] == fresh, args
