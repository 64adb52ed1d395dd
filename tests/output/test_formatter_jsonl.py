"""JSON Lines output: one finding per line, written file by file as results arrive.

Uses the hand-built batch of tests/test_formatter_html.py (six reports, CJK text, a
failed file) and the real corpus through the CLI.
"""

from __future__ import annotations

import gc
import io
import json
import weakref
from datetime import date
from decimal import Decimal

import pytest
from test_formatter_html import BROKEN, CHANGZHOU, sample_results

from reportlint import output
from reportlint.core.diagnostics import Diagnostic, Location, Severity
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.results import FileResult


def _render(results, lang="zh") -> str:
    out = io.StringIO()
    output.get("jsonl").render(results, registry=None, lang=lang, out=out, color=False)
    return out.getvalue()


def _lines(text: str) -> list[dict]:
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_registered():
    f = output.get("jsonl")
    assert f.name == "jsonl"
    assert "jsonl" in output.NAMES
    assert callable(f.start) and callable(f.render)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_objects_as_the_json_formatter(lang):
    results = sample_results()
    out = io.StringIO()
    output.get("json").render(results, registry=None, lang=lang, out=out, color=False)
    expected = json.loads(out.getvalue())
    got = _lines(_render(results, lang))
    assert len(got) == 18
    # The same objects in the same order; a failed file's line also keeps its old "error" key.
    assert [{k: v for k, v in x.items() if k != "error"} for x in got] == expected


def test_failed_file_line():
    rows = _lines(_render(sample_results()))
    errors = [x for x in rows if "error" in x]
    zh = "PDF 文件已损坏，无法读取"
    assert errors == [{"path": BROKEN, "status": "not-checked", "reason": zh, "error": zh}]
    rows = _lines(_render(sample_results(), "en"))
    en = "the PDF file is damaged and cannot be read"
    assert [x for x in rows if "error" in x] == [{"path": BROKEN, "status": "not-checked", "reason": en, "error": en}]


def test_one_line_per_finding_and_cjk_readable():
    text = _render(sample_results())
    assert text.count("\n") == 18  # 17 findings + 1 failed file
    assert "常州市科学技术局" in text  # not \\u escapes
    first = json.loads(text.splitlines()[0])
    assert set(first) == {
        "path",
        "code",
        "name",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "page",
        "paragraph",
        "cell",
        "fix",
        "data",
    }


def test_line_breaks_inside_values_never_split_a_line():
    msg = "第一行\n第二行\r第三行\u2028第四行\u2029第五行\x85第六行\x0b\x0c\x1c\x1d\x1e"
    d = Diagnostic(
        "XT999",
        "x",
        "artifact",
        Severity.WARNING,
        T(msg, msg),
        Location(1, 1, 1, 2),
        path="a.txt",
        data={"when": date(2024, 1, 20), "amount": Decimal("1.50"), "n": Decimal("3"), "raw": msg},
    )
    text = _render([FileResult("a\u2028b.txt", diagnostics=[d])])
    assert len(text.splitlines()) == 1  # str.splitlines knows every one of those separators
    row = json.loads(text)
    assert row["message"] == msg and row["data"]["raw"] == msg
    assert row["path"] == "a\u2028b.txt"
    assert row["data"]["when"] == "2024-01-20" and row["data"]["amount"] == 1.5 and row["data"]["n"] == 3


class Recording(io.StringIO):
    def __init__(self):
        super().__init__()
        self.flushes: list[int] = []

    def flush(self):
        self.flushes.append(len(self.getvalue()))
        super().flush()


def test_streaming_writes_each_file_at_once():
    out = Recording()
    writer = output.get("jsonl").start(out, lang="zh")
    results = sample_results()  # not sorted: streaming keeps the order it is fed
    seen = 0
    for r in results:
        writer.add(r)
        rows = _lines(out.getvalue())
        new = rows[seen:]
        expected = len(r.diagnostics) + (1 if r.error is not None else 0)
        assert len(new) == expected
        assert all(x["path"] == r.path for x in new)
        if r.diagnostics:
            keys = [(x["line"], x["column"], x["code"]) for x in new if "error" not in x]
            assert keys == sorted(keys)
        if expected:
            assert out.flushes and out.flushes[-1] == len(out.getvalue())  # flushed right away
        seen = len(rows)
    counts = writer.finish()
    assert (counts.total, counts.errors, counts.warnings, counts.infos, counts.files, counts.failed) == (
        17,
        8,
        8,
        1,
        3,
        1,
    )
    assert _lines(out.getvalue())[0]["path"] == CHANGZHOU
    with pytest.raises(RuntimeError):
        writer.add(results[0])


def test_streaming_keeps_nothing_between_files():
    """Ten thousand results through a generator: each is freed once written."""
    refs = []

    def results():
        for i in range(10_000):
            r = FileResult(
                f"reports/{i:05d}.txt",
                lines=["本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"],
                kind="text",
                diagnostics=[
                    Diagnostic(
                        "RL301",
                        "period-year",
                        "period",
                        Severity.WARNING,
                        T("统计期限年份不对", "wrong year"),
                        Location(1, 15, 1, 19),
                    )
                ],
                error=InputError(T("坏", "bad"), f"reports/{i:05d}.txt") if i % 1000 == 0 else None,
            )
            refs.append(weakref.ref(r))
            yield r

    out = io.StringIO()
    writer = output.get("jsonl").start(out, lang="zh", flush=False)
    for r in results():
        writer.add(r)
    del r
    counts = writer.finish()
    gc.collect()
    assert sum(ref() is not None for ref in refs) == 0
    assert counts.total == 10_000 and counts.failed == 10
    assert out.getvalue().count("\n") == 10_010


def test_empty_and_clean():
    assert _render([]) == ""
    assert _render([FileResult("clean.txt", lines=["x"])]) == ""


# -- the CLI ---------------------------------------------------------------------------------


def test_cli_jsonl_on_the_corpus(cli, corpus_copy):
    (corpus_copy / "garbage.docx").write_bytes(b"\x00\x01 not a zip")
    proc = cli("check", str(corpus_copy), "--format", "jsonl")
    assert proc.returncode == 2, proc.err  # a file could not be checked
    rows = [json.loads(line) for line in proc.out.splitlines()]
    assert rows, proc.err
    failed = [x for x in rows if "error" in x]
    assert any(x["path"].endswith("garbage.docx") for x in failed)
    assert all(set(x) == {"path", "status", "reason", "error"} for x in failed)
    findings = [x for x in rows if "error" not in x and "type" not in x]
    assert findings and all(x["severity"] in ("error", "warning", "info") for x in findings)
    assert any(x["path"].endswith("changzhou-kjj-2021.txt") for x in findings)
    # After the findings, one record per file of the run (tests/output/test_records_output.py).
    records = [x for x in rows if x.get("type") == "report"]
    assert rows[-len(records) :] == records
    garbage = [x for x in records if x["path"].endswith("garbage.docx")]
    assert len(garbage) == 1 and garbage[0]["status"] == "unreadable"


def test_cli_html_output_file(cli, corpus_copy, tmp_path):
    from test_formatter_html import parse

    target = tmp_path / "audit.html"
    proc = cli("check", str(corpus_copy), "--format", "html", "--output-file", str(target))
    assert proc.returncode in (0, 1, 2), proc.err
    page = target.read_text(encoding="utf-8")
    root, errors = parse(page)
    assert errors == []
    from reportlint.readers import SUFFIXES

    n = len([p for p in corpus_copy.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES)])
    assert root.find(id="count-checked").text() == str(n)
    paths = {s.attrs["data-path"] for s in root.find_all("section", cls="report")}
    assert any(p.endswith("changzhou-kjj-2021.txt") for p in paths)


def test_html_and_jsonl_do_not_import_rich():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reportlint import output\n"
        "output.get('html'); output.get('jsonl')\n"
        "assert not [m for m in sys.modules if m == 'rich' or m.startswith('rich.')], 'rich imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
