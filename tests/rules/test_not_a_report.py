"""A file that is plainly not an annual report gets one note (RL003), not a dozen
findings, and does not fail the run; ``--force-report`` / ``force-report: true``
checks it anyway (issue 13). It must never fire on a real report."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter, LintOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
REGISTRY = load_registry(no_plugins=True)
NOTE = "RL003"

README = """# reportlint

A linter for government information-disclosure annual reports.

## Install

    pip install reportlint

## Usage

    reportlint check reports/

- [Documentation](https://example.org/docs)
"""

NOTICE = """关于2024年春节放假安排的通知

各科室：

根据国务院办公厅通知精神，现将2024年春节放假安排通知如下：2月10日至17日放假调休，共8天。
请各科室做好值班安排，节前开展安全检查。

办公室
2024年2月1日
"""

LINKS = """相关链接

- [中国政府网](https://www.gov.cn)
- [江苏省人民政府](https://www.jiangsu.gov.cn)
- [淮安市人民政府](https://www.huaian.gov.cn)
"""

LINKS_HTML = """<html><head><title>友情链接</title></head><body><ul>
<li><a href="https://www.gov.cn">中国政府网</a></li>
<li><a href="https://www.jiangsu.gov.cn">江苏省人民政府</a></li>
</ul></body></html>
"""

# Short pieces of real reports: each has one sign of a report and must be checked as one.
FRAGMENTS = {
    "title-only.txt": "淮安市科技局2023年政府信息公开工作年度报告\n",
    "one-section.txt": "一、总体情况\n\n2023年，我局认真贯彻落实条例要求，不断加强制度建设。\n",
    "outline.txt": "本报告全文包括总体情况、主动公开政府信息情况等六个部分。\n",
    "words-only.md": "本机关本年度主动公开信息120条，收到依申请公开申请3件。\n",
}


def lint(path: Path, force: bool = False, data: bytes | None = None):
    linter = Linter(REGISTRY, ConfigLoader(None), LintOptions(force_report=force))
    return linter.lint_path(str(path), data=data)


def minimal_docx(paragraphs: list[str]) -> bytes:
    """A .docx with just these paragraphs (no python-docx needed)."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        )
    return buf.getvalue()


def _real_reports() -> list[Path]:
    found = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.startswith("."))
    if SHARED_CORPUS.is_dir():
        found += sorted(p for p in SHARED_CORPUS.rglob("*") if p.is_file() and p.name != "README.md")
    return found


@pytest.mark.parametrize("path", _real_reports(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_never_on_a_real_report(path):
    """Every real report, the drafts in every format and the blank template are checked
    as reports: no RL003, and the report rules ran."""
    result = lint(path)
    assert result.error is None, result.error
    assert all(d.code != NOTE for d in result.diagnostics), [d.message.en for d in result.diagnostics]


@pytest.mark.parametrize(
    "name,content",
    [
        ("README.md", README),
        ("notice.txt", NOTICE),
        ("links.md", LINKS),
        ("links.html", LINKS_HTML),
        ("README.txt", README),
    ],
)
def test_one_info_note_for_a_file_that_is_not_a_report(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = lint(path)
    assert result.error is None
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [(NOTE, "info")]
    note = result.diagnostics[0]
    assert "--force-report" in note.message.zh and "--force-report" in note.message.en
    assert "年度报告" in note.message.zh
    # Forced, it is checked as a report: the report rules speak (a missing title at least).
    forced = lint(path, force=True)
    assert all(d.code != NOTE for d in forced.diagnostics)
    assert any(d.severity.value == "error" for d in forced.diagnostics)


def test_a_notice_saved_as_docx(tmp_path):
    path = tmp_path / "通知.docx"
    path.write_bytes(minimal_docx(NOTICE.strip().split("\n")))
    result = lint(path)
    assert [d.code for d in result.diagnostics] == [NOTE]


@pytest.mark.parametrize("name", sorted(FRAGMENTS))
def test_a_short_report_fragment_is_a_report(tmp_path, name):
    path = tmp_path / name
    path.write_text(FRAGMENTS[name], encoding="utf-8")
    result = lint(path)
    assert result.error is None
    assert all(d.code != NOTE for d in result.diagnostics)
    assert result.diagnostics  # the report rules ran (and found what a fragment lacks)


def test_a_fragment_that_is_only_a_table_is_a_report(tmp_path):
    """Table 三 without title or headings: tables alone make it a report."""
    text = (FIXTURES / "pingtan-gov-2021.txt").read_text(encoding="utf-8")
    start = text.index("本年新收政府信息公开申请数量")
    path = tmp_path / "table.txt"
    # Drop every word the marker list knows, so that only the table can decide.
    piece = text[start : start + 3000]
    for word in (
        "政府信息公开",
        "信息公开",
        "主动公开",
        "依申请公开",
        "行政复议",
        "行政诉讼",
        "政务公开",
        "公开工作",
        "年度报告",
    ):
        piece = piece.replace(word, "")
    path.write_text(piece, encoding="utf-8")
    result = lint(path)
    assert all(d.code != NOTE for d in result.diagnostics)


def _findings(out: str) -> list[dict]:
    """The findings of a json output (not the records after them)."""
    return [item for item in json.loads(out) if "type" not in item]


def test_cli_does_not_fail_the_run_and_force_report_checks_it(cli, tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    r = cli("check", "--no-cache", "--format", "json", str(tmp_path))
    assert r.returncode == 0, r.err
    items = _findings(r.out)
    assert [(i["code"], i["severity"]) for i in items] == [(NOTE, "info")]
    [record] = [i for i in json.loads(r.out) if i.get("type") == "report"]
    assert record["status"] == "not-a-report" and record["reason"] == items[0]["message"]
    assert "未发现问题" not in r.err
    text = cli("check", "--no-cache", str(tmp_path))
    assert text.returncode == 0
    assert "1 个文件不是年度报告，未按报告检查" in text.out
    en = cli("check", "--no-cache", "--lang", "en", str(tmp_path))
    assert "1 file not checked as a report" in en.out
    forced = cli("check", "--no-cache", "--format", "json", "--force-report", str(tmp_path))
    assert forced.returncode == 1  # checked as a report: it has no title, sections, tables
    codes = {i["code"] for i in _findings(forced.out)}
    assert NOTE not in codes and "RL101" in codes


def test_only_when_the_rule_runs(cli, tmp_path):
    """``--select`` runs exactly the rules asked for, on whatever file; ``--ignore RL003``
    is a way to say --force-report."""
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    r = cli("check", "--no-cache", "--select", "RL101", "--format", "json", str(tmp_path))
    assert r.returncode == 1, r.err
    assert [i["code"] for i in _findings(r.out)] == ["RL101"]
    r = cli("check", "--no-cache", "--ignore", "RL003", "--format", "json", str(tmp_path))
    codes = {i["code"] for i in _findings(r.out)}
    assert NOTE not in codes and "RL101" in codes
    r = cli("check", "--no-cache", "--extend-select", "RL003", "--select", "RL101", "--format", "json", str(tmp_path))
    assert [i["code"] for i in _findings(r.out)] == [NOTE]


def test_config_key_force_report(cli, tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("force-report: true\n", encoding="utf-8")
    r = cli("check", "--no-cache", "--format", "json", str(tmp_path / "README.md"))
    codes = {i["code"] for i in _findings(r.out)}
    assert NOTE not in codes and "RL101" in codes
    shown = cli("config", str(tmp_path / "README.md"))
    assert json.loads(shown.out)["force-report"] is True


def test_config_key_force_report_must_be_a_boolean(cli, tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    config = tmp_path / ".reportlint.yaml"
    config.write_text("force-report: yes please\n", encoding="utf-8")
    r = cli("check", "--no-cache", str(tmp_path / "README.md"))
    assert r.returncode == 2
    assert "Traceback" not in r.err
    [line] = [l for l in r.err.splitlines() if l.strip()]
    assert ".reportlint.yaml" in line and "force-report" in line


def test_cached_note_is_not_reused_with_force_report(cli, tmp_path):
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    first = cli("check", "--cache-dir", str(cache), "--format", "json", str(tmp_path / "README.md"))
    assert [i["code"] for i in _findings(first.out)] == [NOTE]
    forced = cli("check", "--cache-dir", str(cache), "--format", "json", "--force-report", str(tmp_path / "README.md"))
    assert NOTE not in {i["code"] for i in _findings(forced.out)}
    again = cli("check", "--cache-dir", str(cache), "--format", "json", str(tmp_path / "README.md"))
    assert [i["code"] for i in _findings(again.out)] == [NOTE]


def test_rule_is_documented(cli):
    r = cli("rule", NOTE)
    assert r.returncode == 0 and "not-a-report" in r.out


def test_force_report_reaches_worker_processes(cli, tmp_path):
    for i in range(3):
        (tmp_path / f"README{i}.md").write_text(README, encoding="utf-8")
    r = cli("check", "--no-cache", "-j", "2", "--format", "json", "--force-report", str(tmp_path))
    codes = [i["code"] for i in _findings(r.out)]
    assert NOTE not in codes and codes.count("RL101") == 3


NOTES_ABOUT_REPORTS = """# Reports received in 2024

## huaian-2024.docx — 淮安市人民政府
- Headings `一、总体情况` … `六、其他需要报告的事项` are all present; table 三 row
  `一、本年新收政府信息公开申请数量` reads 3001 53 0 0 61 4 3119.
- The narrative says 受理 3119 件; the statistical period 2024年1月1日至2024年12月31日 is right.

## pingtan-2023.txt — 平潭综合实验区
- 现行有效 393 against the table's 470; the problems list runs 一是…三是…三是.
"""


@pytest.mark.parametrize(
    "name,text",
    [("notes.md", NOTES_ABOUT_REPORTS), ("notes.txt", NOTES_ABOUT_REPORTS.replace("#", ""))],
)
def test_notes_about_reports_quoting_their_headings_are_not_a_report(tmp_path, name, text):
    """Notes in English about reports quote their headings, words and numbers: without a
    report title and with mostly non-Chinese text they are still not a report."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = Linter(REGISTRY, ConfigLoader(None, isolated=True)).lint_path(str(path))
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [(NOTE, "info")]
    assert "不是中文" in result.diagnostics[0].message.zh


def test_the_corpus_readme_is_not_a_report():
    readme = SHARED_CORPUS / "README.md"
    if not readme.is_file():
        readme = FIXTURES.parent / "corpus" / "defects.md"  # the same text, kept in the tests
    result = Linter(REGISTRY, ConfigLoader(None, isolated=True)).lint_path(str(readme))
    assert [d.code for d in result.diagnostics] == [NOTE]
