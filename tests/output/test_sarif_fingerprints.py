"""SARIF for code scanning across runs: ``partialFingerprints`` stable across an edit above
a finding, a ``helpUri`` on every rule, and the per-report records and the batch's
audit as run properties — through the CLI on real reports, validated against the
official schema (see test_sarif_schema.py for where the schema comes from)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import FIXTURES, run_cli
from tests.output.test_sarif_schema import assert_valid, validator  # noqa: F401 (a fixture)
from tests.output.test_xlsx import make_batch

from reportlint.output.fingerprints import SARIF_KEY


@pytest.fixture
def batch(tmp_path):
    return make_batch(tmp_path)


def sarif(batch, *args) -> dict:
    proc = run_cli("check", "batch", "-f", "sarif", "--no-cache", *args, cwd=batch.parent)
    assert proc.returncode == 2, proc.stderr  # broken.docx
    return json.loads(proc.stdout)


def fingerprints_of(log: dict, uri_part: str) -> dict[str, int]:
    run = log["runs"][0]
    return {
        r["partialFingerprints"][SARIF_KEY]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in run["results"]
        if uri_part in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    }


def test_every_result_has_a_fingerprint_unique_in_the_log(batch, validator):  # noqa: F811
    log = sarif(batch)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    prints = [r["partialFingerprints"][SARIF_KEY] for r in results]
    assert len(results) > 10
    assert len(set(prints)) == len(prints)


def test_fingerprints_survive_a_line_inserted_above(batch):
    before = sarif(batch)
    path = batch / "pingtan-gov-2021.txt"
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = sarif(batch)
    b, a = fingerprints_of(before, "pingtan-gov-2021"), fingerprints_of(after, "pingtan-gov-2021")
    assert len(b) >= 3
    assert set(a) == set(b)
    assert all(a[fp] == b[fp] + 2 for fp in a)
    assert fingerprints_of(after, "changji") == fingerprints_of(before, "changji")


def test_every_rule_has_a_help_uri(batch):
    rules = sarif(batch)["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) > 50
    for rule in rules:
        assert rule["helpUri"].startswith("https://"), rule["id"]
        assert rule["helpUri"].endswith("#rules"), rule["id"]


def test_the_records_are_run_properties(batch):
    run = sarif(batch)["runs"][0]
    reports = {r["path"]: r for r in run["properties"]["reports"]}
    assert set(reports) == {f"batch/{p.name}" for p in batch.iterdir()}
    changji = reports["batch/changji-kjj-2021.txt"]
    assert changji["agency"] == "昌吉州科学技术局"
    assert changji["agency_kind"] == "department"
    assert changji["year"] == 2021
    assert changji["status"] == "checked"
    assert changji["published_on"] == "2022-01-18"
    assert "signature" not in changji
    counted = sum(
        1
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("changji-kjj-2021.txt")
        and r["level"] == "error"
    )
    assert changji["counts"].get("error", 0) == counted
    assert reports["batch/broken.docx"]["status"] == "unreadable"
    assert reports["batch/broken.docx"]["reason"]
    assert reports["batch/shuyang-gov-2025.txt"]["counts"] == {}


def test_the_audit_summary_is_a_run_property(tmp_path, validator):  # noqa: F811
    """Coverage against a roster (one agency missing) and near duplicates (a report
    copied under another agency's name), from the real audit steps."""
    from reportlint.audit.summary import build_summary
    from reportlint.config import ConfigLoader
    from reportlint.output.sarif import build_log
    from reportlint.plugins.manager import load_registry
    from reportlint.run.engine import Linter
    from reportlint.run.records import ensure_record

    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "changji.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text.replace("昌吉州科学技术局", "昌吉州农业农村局"), encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "单位名称,类别\n昌吉州科学技术局,部门\n昌吉州农业农村局,部门\n昌吉州水利局,部门\n", encoding="utf-8"
    )
    registry = load_registry()
    linter = Linter(registry, ConfigLoader(None, isolated=True))
    results = [linter.lint_path(str(tmp_path / name)) for name in ("changji.txt", "copy.txt")]
    records = [ensure_record(r) for r in results]
    audit = build_summary(records, roster_path=str(roster))
    log = build_log(results, registry=registry, lang="zh", audit=audit, root=str(tmp_path))
    assert_valid(validator, log)
    props = log["runs"][0]["properties"]
    assert [m["name"] for m in props["coverage"]["missing"]] == ["昌吉州水利局"]
    assert props["coverage"]["year"] == 2021
    assert {r["roster_name"] for r in props["reports"]} == {"昌吉州科学技术局", "昌吉州农业农村局"}
    pairs = props["near_duplicates"]
    assert len(pairs) == 1 and pairs[0]["share"] > 0.9
    assert {pairs[0]["agency_a"], pairs[0]["agency_b"]} == {"昌吉州科学技术局", "昌吉州农业农村局"}
