"""Scoring profiles: the two shipped ones applied to a batch built from the real reports
of tests/fixtures (a late report, one copied from last year, one copied from another
agency, an agency of the roster without a report), with the expected scores worked out
from the profile files themselves; bad profiles refused with one clear error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from reportlint.audit.scoring import NO_REPORT, apply, load_profile, shipped_profiles
from reportlint.audit.summary import build_summary
from reportlint.config import ConfigLoader
from reportlint.core import ruledata
from reportlint.core.errors import ConfigError
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter
from reportlint.run.records import ensure_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROFILES = ("suqian", "quanzhou-licheng")
CHANGJI, HUTUBI = "昌吉州科学技术局", "呼图壁县科学技术局"
MISSING = "沭阳县人民政府"  # on the roster, no report in the batch

# What each built report is, by construction: the conditions it must meet. Rule items
# come on top, from the findings the engine reports.
BUILT = {
    "changji-kjj-2021.txt": {"copied_from_last_year", "near_duplicate"},  # last year's text again, and hutubi copied it
    "hutubi-kjj-2021.txt": {"near_duplicate"},  # changji's report under another agency's name
    "taierzhuang-kjj-2021.txt": {"late"},  # re-dated 2022年2月28日, after the departments' 31 January
    "changshu-kjj-2021.txt": set(),
}


def _build(folder: Path) -> None:
    folder.mkdir()
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "changji-kjj-2021.txt", folder)
    shutil.copy(FIXTURES / "changshu-kjj-2021.txt", folder)
    # last year's report: the same text one year earlier
    last_year = text.replace("2022", "\0").replace("2021", "2020").replace("\0", "2021")
    (folder / "changji-kjj-2020.txt").write_text(last_year, encoding="utf-8")
    (folder / "hutubi-kjj-2021.txt").write_text(
        text.replace(CHANGJI, HUTUBI).replace("昌吉州", "呼图壁县"), encoding="utf-8"
    )
    taierzhuang = (FIXTURES / "taierzhuang-kjj-2021.txt").read_text(encoding="utf-8")
    assert taierzhuang.count("2022年1月28日") == 1
    (folder / "taierzhuang-kjj-2021.txt").write_text(
        taierzhuang.replace("2022年1月28日", "2022年2月28日"), encoding="utf-8"
    )


def _roster(path: Path) -> Path:
    names = [CHANGJI, HUTUBI, "台儿庄区科学技术局", "常熟市科学技术局", MISSING]
    path.write_text("单位名称\n" + "\n".join(names) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("scoring")
    _build(root / "reports")
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    records = [ensure_record(linter.lint_path(str(p))) for p in sorted((root / "reports").iterdir())]
    summary = build_summary(records, roster_path=str(_roster(root / "roster.csv")))
    return root, summary


def _profile_file(name: str) -> dict:
    return YAML(typ="safe").load((ruledata.data_dir() / "scoring" / f"{name}.yaml").read_text(encoding="utf-8"))


def _expected(profile: dict, conditions: set[str], rules: dict[str, int]) -> tuple[float, dict[str, float]]:
    """The score and each item's deduction, from the profile file: an item deducts when
    one of its conditions holds or the report has a finding of one of its rules."""
    deducted = {}
    for item in profile["items"]:
        wanted = item["deduct_for"]
        hits = sum(rules.get(code, 0) for code in wanted.get("rules", ()))
        hits += sum(1 for c in conditions if c in wanted)
        if hits:
            per_finding = item.get("per") == "finding"
            points = item["points"] * (hits if per_finding else 1)
            deducted[item["id"]] = min(points, item.get("cap", float("inf") if per_finding else item["points"]))
    return max(0.0, profile["max"] - sum(deducted.values())), deducted


def test_the_batch_is_what_it_was_built_to_be(batch):
    _root, summary = batch
    by_name = {Path(r.path).name: r for r in summary.records}
    assert by_name["changji-kjj-2021.txt"].copied_from_last_year >= 0.9
    assert by_name["taierzhuang-kjj-2021.txt"].late_days == 28
    pairs = {frozenset((Path(p.path_a).name, Path(p.path_b).name)) for p in summary.near_duplicates}
    assert frozenset(("changji-kjj-2021.txt", "hutubi-kjj-2021.txt")) in pairs
    assert [e.name for e in summary.coverage.missing] == [MISSING]


@pytest.mark.parametrize("name", PROFILES)
def test_shipped_profile_scores_the_batch(batch, name):
    _root, summary = batch
    profile = load_profile(name)
    written = _profile_file(name)
    apply(summary, profile)
    assert summary.profile == name and summary.profile_label.zh == written["label"]["zh"]
    by_name = {Path(r.path).name: r for r in summary.records}
    for file, conditions in BUILT.items():
        record = by_name[file]
        score, deducted = _expected(written, conditions, record.rules)
        assert record.max_score == written["max"]
        assert record.score == pytest.approx(score), file
        assert {d.item: d.points for d in record.deductions} == pytest.approx(deducted), file
        for d in record.deductions:
            assert d.reason.zh and d.reason.en and d.label.zh != d.label.en
    late = next(d for d in by_name["taierzhuang-kjj-2021.txt"].deductions if d.points)
    assert "28 天" in late.reason.zh and "28 days" in late.reason.en
    copied = {d.item: d for d in by_name["hutubi-kjj-2021.txt"].deductions}
    assert any(CHANGJI in d.reason.zh and "changji-kjj-2021.txt" in d.reason.en for d in copied.values())
    # the agency without a report: 0 of the maximum, every point accounted for
    (missing,) = summary.coverage.missing
    assert missing.score == 0 and missing.max_score == written["max"]
    assert sum(d.points for d in missing.deductions) == pytest.approx(written["max"])
    for_missing = [i["id"] for i in written["items"] if "missing" in i["deduct_for"]]
    assert [d.item for d in missing.deductions if d.item != NO_REPORT] == for_missing
    assert all(MISSING in d.reason.zh for d in missing.deductions if d.item != NO_REPORT)


def test_per_finding_items_and_caps(batch, tmp_path):
    _root, summary = batch
    changshu = next(r for r in summary.records if r.path.endswith("changshu-kjj-2021.txt"))
    structure = changshu.categories["structure"]
    assert structure >= 2  # the fixture's own findings
    path = tmp_path / "office.yaml"
    path.write_text(
        "name: office\nlabel: {zh: 本办评分, en: our scoring}\nmax: 100\nitems:\n"
        "  - id: structure\n    label: 结构问题\n    points: 3\n    per: finding\n"
        f"    cap: {3 * structure - 1}\n    deduct_for: {{categories: [structure]}}\n"
        "  - id: each-finding\n    label: 每个问题\n    points: 1\n    per: finding\n"
        "    deduct_for: {rules: [RL101, RL102]}\n",
        encoding="utf-8",
    )
    apply(summary, load_profile(str(path)))
    found = {d.item: d.points for d in changshu.deductions}
    rules = changshu.rules.get("RL101", 0) + changshu.rules.get("RL102", 0)
    assert found == {"structure": 3 * structure - 1, "each-finding": rules}  # capped / counted
    assert changshu.score == 100 - (3 * structure - 1) - rules
    assert "结构类问题" in changshu.deductions[0].reason.zh


def test_every_shipped_profile_loads_and_names_its_source():
    assert set(PROFILES) <= set(shipped_profiles())
    for name in shipped_profiles():
        profile = load_profile(name)
        assert profile.name == name and profile.source.get("issuer") and profile.items
        assert {"zh", "en"} <= set(_profile_file(name)["label"])


@pytest.mark.parametrize(
    "text, line, piece",
    [
        ("name: x\nlabel: x\nmax: 2\nitemz: []\n", 4, "items"),
        ("name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, deduct_for: {late: true}}\n", 5, "points"),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, points: 1, deduct_for: {categories: [tables]}}\n",
            5,
            "table",
        ),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, points: 1, deduct_for: {rules: [rl102]}}\n",
            5,
            "RL102",
        ),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - id: a\n    label: a\n    points: 1\n    deduct_for:\n      copied_from_last_year: 50\n",
            9,
            "0",
        ),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, points: 1, deduct_for: {lately: true}}\n",
            5,
            "late",
        ),
        ("name: x\nlabel: x\nmax: -1\nitems:\n  - {id: a, label: a, points: 1, deduct_for: {late: true}}\n", 3, "正数"),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, points: 1, deduct_for: {late: true}}\n"
            "  - {id: a, label: b, points: 1, deduct_for: {missing: true}}\n",
            6,
            "重复",
        ),
        (
            "name: x\nlabel: x\nmax: 2\nitems:\n  - {id: a, label: a, points: 1, per: finding,\n"
            "     deduct_for: {rules: [RL101], categories: [structure]}}\n",
            6,
            "rules",
        ),
        ("name: x\nlabel: x\nmax: 2\nitems: [\n", None, "YAML"),
    ],
)
def test_a_bad_profile_is_one_error_naming_file_and_line(tmp_path, text, line, piece):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_profile(str(path))
    assert info.value.path == str(path)
    if line is not None:
        assert info.value.line == line
    assert piece in info.value.message.zh and info.value.message.zh.startswith("评分方案")


def test_unknown_shipped_name():
    with pytest.raises(ConfigError) as info:
        load_profile("suqain")
    assert "suqian" in info.value.message.zh  # did you mean


def test_scoring_through_the_command_line_and_the_configuration(tmp_path, cli):
    _build(tmp_path / "reports")
    _roster(tmp_path / "roster.csv")
    written = _profile_file("quanzhou-licheng")
    (tmp_path / ".reportlint.yaml").write_text("scoring: quanzhou-licheng\n", encoding="utf-8")
    proc = cli("check", "reports", "--roster", "roster.csv", "--format", "json", "--no-cache", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.err
    elements = json.loads(proc.out)
    (scoring,) = [e for e in elements if e.get("type") == "scoring"]
    assert scoring["profile"] == "quanzhou-licheng" and scoring["label"] == written["label"]["zh"]
    reports = {Path(e["path"]).name: e for e in elements if e.get("type") == "report"}
    late = reports["taierzhuang-kjj-2021.txt"]
    score, _ = _expected(written, BUILT["taierzhuang-kjj-2021.txt"], late["rules"])
    assert late["score"] == pytest.approx(score) and late["max_score"] == written["max"]
    (cov,) = [e for e in elements if e.get("type") == "coverage"]
    assert cov["missing"][0]["score"] == 0 and cov["missing"][0]["max_score"] == written["max"]

    text = cli("check", "reports", "--roster", "roster.csv", "--no-cache", cwd=tmp_path).out
    assert f"{MISSING}（得分 0/{written['max']:g}）" in text

    # --scoring wins over the configuration; in English
    proc = cli(
        "check", "reports", "--scoring", "suqian", "--format", "json", "--lang", "en", "--no-cache", cwd=tmp_path
    )
    elements = json.loads(proc.out)
    (scoring,) = [e for e in elements if e.get("type") == "scoring"]
    assert scoring["label"] == _profile_file("suqian")["label"]["en"]

    # a bad profile stops the run before any report is checked
    (tmp_path / "bad.yaml").write_text("name: bad\nlabel: x\nmax: 2\nitems: []\n", encoding="utf-8")
    proc = cli("check", "reports", "--scoring", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and proc.out == "" and "bad.yaml:4" in proc.err and proc.err.count("\n") == 1
    proc = cli("check", "reports", "--scoring", "nope", cwd=tmp_path)
    assert proc.returncode == 2 and "suqian" in proc.err
    # named in the configuration: the error points at its line
    (tmp_path / ".reportlint.yaml").write_text("# 本办\nscoring: suqain\n", encoding="utf-8")
    proc = cli("check", "reports", cwd=tmp_path)
    assert proc.returncode == 2 and ".reportlint.yaml:2:" in proc.err and "suqian" in proc.err
