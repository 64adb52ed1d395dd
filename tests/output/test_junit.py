"""``--format junit`` through the CLI on a batch of real reports, parsed as XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from tests.conftest import run_cli
from tests.output.test_xlsx import make_batch


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return make_batch(tmp_path_factory.mktemp("junit"))


@pytest.fixture(scope="module")
def json_findings(batch) -> list[dict]:
    proc = run_cli("check", "batch", "-f", "json", "--no-cache", cwd=batch.parent)
    return [e for e in json.loads(proc.stdout) if "code" in e]


@pytest.fixture(scope="module")
def report(batch) -> ET.Element:
    proc = run_cli("check", "batch", "-f", "junit", "--no-cache", cwd=batch.parent)
    assert proc.returncode == 2
    assert proc.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(proc.stdout)


def test_one_testsuite_per_file(report, batch):
    assert report.tag == "testsuites"
    names = [s.get("name") for s in report.findall("testsuite")]
    assert names == sorted(f"batch/{p.name}" for p in batch.iterdir())


def test_a_testcase_per_rule_that_fired_failing_with_its_findings(report, json_findings):
    by_file: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for f in json_findings:
        by_file[f["path"]][f["code"]].append(f)
    for suite in report.findall("testsuite"):
        path = suite.get("name")
        if path == "batch/broken.docx":
            continue
        rules = by_file.get(path, {})
        cases = suite.findall("testcase")
        if not rules:
            assert [c.get("name") for c in cases] == ["reportlint"]
            assert cases[0].find("failure") is None and cases[0].find("error") is None
            continue
        assert [c.get("name") for c in cases] == [f"{code} {rules[code][0]['name']}" for code in sorted(rules)]
        failures = 0
        for case in cases:
            code = case.get("name").split()[0]
            findings = rules[code]
            assert case.get("file") == path
            assert case.get("classname") == path.rsplit(".", 1)[0]
            failure = case.find("failure")
            if all(f["severity"] == "info" for f in findings):
                assert failure is None
                body = case.find("system-out").text
            else:
                failures += 1
                body = failure.text
                worst = "error" if any(f["severity"] == "error" for f in findings) else "warning"
                assert failure.get("type") == worst
            lines = body.splitlines()
            assert len(lines) == len(findings)
            for line, f in zip(lines, findings, strict=True):
                assert line.startswith(f"{f['line']}:{f['column']} ")
                assert f["message"] in line
        assert suite.get("failures") == str(failures)
        assert suite.get("tests") == str(len(cases))


def test_the_clean_report_passes_and_the_unreadable_one_is_an_error(report):
    suites = {s.get("name"): s for s in report.findall("testsuite")}
    clean = suites["batch/shuyang-gov-2025.txt"]
    assert clean.get("failures") == "0" and clean.get("errors") == "0"
    broken = suites["batch/broken.docx"]
    assert broken.get("errors") == "1"
    error = broken.find("testcase/error")
    assert error.get("type") == "not-checked" and error.get("message")
    notice = suites["batch/notice.txt"]  # RL003's note is info: it does not fail
    assert notice.get("failures") == "0"
    assert [c.get("name") for c in notice.findall("testcase")] == ["RL003 not-a-report"]


def test_totals_and_the_records_as_properties(report):
    suites = report.findall("testsuite")
    for key in ("tests", "failures", "errors"):
        assert report.get(key) == str(sum(int(s.get(key)) for s in suites))
    props = {s.get("name"): {p.get("name"): p.get("value") for p in s.findall("properties/property")} for s in suites}
    assert props["batch/changji-kjj-2021.txt"]["agency"] == "昌吉州科学技术局"
    assert props["batch/changji-kjj-2021.txt"]["year"] == "2021"
    assert props["batch/changji-kjj-2021.txt"]["published_on"] == "2022-01-18"
    assert props["batch/broken.docx"]["status"] == "unreadable"
