"""JUnit XML, for the test reports of CI systems (GitLab ``artifacts:reports:junit``,
Jenkins ``junit``, Azure Pipelines …)::

    <testsuites name="reportlint" tests="3" failures="1" errors="1">
      <testsuite name="reports/2023.txt" tests="1" failures="1" errors="0" skipped="0" time="0">
        <properties><property name="agency" value="某某县科学技术局"/> …</properties>
        <testcase classname="reports/2023" name="RL201 table3-sum" file="reports/2023.txt" time="0">
          <failure type="error" message="表三…（第 12 行）">第 12 行第 5 列 错误 表三…
    第 30 行第 1 列 错误 …</failure>
        </testcase>
      </testsuite>
      <testsuite name="reports/2024.txt" tests="1" failures="0" …>
        <testcase classname="reports/2024" name="reportlint" file="reports/2024.txt" time="0"/>
      </testsuite>
      <testsuite name="reports/2022.doc" tests="1" failures="0" errors="1" …>
        <testcase classname="reports/2022" name="reportlint" …><error type="not-checked" message="…"/></testcase>
      </testsuite>
    </testsuites>

One testsuite per file, one testcase per rule that fired in it, as ESLint's and Ruff's
JUnit output do: GitLab's test report and Jenkins list test cases by name with their
status, and a testcase holds one ``<failure>`` (Jenkins reads only the first), so the
findings of one rule are its failure's text, one line each (``line:column severity
message``), the first one as the ``message`` attribute. ``classname`` is the path
without its extension, because Jenkins splits a class name at its dots into packages.

A rule whose findings are all info-level (RL003's "not a report" note, …) is a passing
testcase with the findings as ``<system-out>``: info does not fail a run. A clean file
is one passing testcase named ``reportlint``; a file that could not be checked is that
testcase with an ``<error>`` — never a silent pass. The file's record (agency, kind,
year, status, publication date, score) is the testsuite's ``<properties>``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.records import AuditSummary
from reportlint.core.results import FileResult
from reportlint.output import SEVERITY_LABELS, Formatter, json_safe, message_with_context, sorted_diagnostics
from reportlint.output.tabular import records_of

CLEAN_CASE = "reportlint"
NOT_CHECKED = "not-checked"

# Characters XML 1.0 cannot carry at all (not even escaped): shown as \xNN instead.
_XML_INVALID = pattern_store.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", json_safe(text))


def _position(d: Diagnostic) -> str:
    return f"{d.location.line}:{d.location.column}"


def _classname(path: str) -> str:
    root, _ = os.path.splitext(path.replace("\\", "/"))
    return _xml_text(root or path)


class JunitFormatter:
    name = "junit"

    def render(
        self,
        results: list[FileResult],
        *,
        registry=None,
        lang: str,
        out: TextIO,
        color: bool = False,
        show_source: bool = True,
        statistics: bool = False,
        audit: AuditSummary | None = None,
    ) -> None:
        records = {r.path: r for r in records_of(results, audit)}
        root = ET.Element("testsuites", name="reportlint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for result in sorted(results, key=lambda r: r.path):
            suite = self._suite(result, records.get(result.path), lang)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")

    def _suite(self, result: FileResult, record, lang: str) -> ET.Element:
        path = _xml_text(result.path)
        suite = ET.Element("testsuite", name=path)
        properties = _properties(record, lang)
        if properties:
            props = ET.SubElement(suite, "properties")
            for name, value in properties:
                ET.SubElement(props, "property", name=name, value=_xml_text(value))
        cases: list[ET.Element] = []
        failures = errors = 0
        by_rule: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in sorted_diagnostics(result):
            by_rule[d.code].append(d)
        for code in sorted(by_rule):
            findings = by_rule[code]
            case = _case(result, f"{code} {findings[0].name}")
            lines = "\n".join(
                f"{_position(d)} {SEVERITY_LABELS[d.severity].get(lang)} {message_with_context(d, lang)}"
                for d in findings
            )
            worst = max(findings, key=lambda d: d.severity.rank)
            if worst.severity is Severity.INFO:
                ET.SubElement(case, "system-out").text = _xml_text(lines)
            else:
                failure = ET.SubElement(
                    case, "failure", type=worst.severity.value, message=_xml_text(message_with_context(worst, lang))
                )
                failure.text = _xml_text(lines)
                failures += 1
            cases.append(case)
        if result.error is not None:
            case = _case(result, CLEAN_CASE)
            ET.SubElement(case, "error", type=NOT_CHECKED, message=_xml_text(result.error.message.get(lang)))
            cases.append(case)
            errors += 1
        elif not cases:
            cases.append(_case(result, CLEAN_CASE))
        suite.extend(cases)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        return suite


def _case(result: FileResult, name: str) -> ET.Element:
    path = _xml_text(result.path)
    return ET.Element("testcase", classname=_classname(result.path), name=_xml_text(name), file=path, time="0")


def _properties(record, lang: str) -> list[tuple[str, str]]:
    if record is None:
        return []
    values = [
        ("status", record.status),
        ("agency", record.agency),
        ("agency_kind", record.agency_kind),
        ("year", record.year),
        ("format", record.format),
        ("published_on", record.published_on),
        ("due_on", record.due_on),
        ("late_days", record.late_days),
        ("copied_from_last_year", record.copied_from_last_year),
        ("score", record.score),
        ("max_score", record.max_score),
    ]
    if record.reason is not None:
        values.append(("reason", record.reason.get(lang)))
    return [(name, str(value)) for name, value in values if value is not None]


FORMATTER: Formatter = JunitFormatter()
