"""End-to-end: the `reportlint` command as users and CI run it."""

import json
import os
import shutil


def test_version(cli):
    r = cli("--version")
    assert r.returncode == 0 and r.out.startswith("reportlint ")


def test_clean_file_exits_zero_and_errors_exit_one(cli, tmp_path, fixtures):
    clean = tmp_path / "ok.txt"
    clean.write_text("一、总体情况\n本机关认真落实条例。\n", encoding="utf-8")
    r = cli("check", "--select", "RL805", str(clean))
    assert r.returncode == 0, r.out + r.err
    bad = tmp_path / "bad.txt"
    bad.write_text("一、总体情况\n本机关认真落实条例。。\n", encoding="utf-8")
    r = cli("check", "--select", "RL805", "--format", "json", str(bad))
    assert r.returncode == 0  # RL805 is a warning: warnings do not fail
    assert json.loads(r.out)[0]["severity"] == "warning"
    r = cli("check", "--select", "RL807", str(fixtures / "changshu-kjj-2021.txt"), "--select", "RL804")
    assert r.returncode == 1  # RL804 (damaged text) is an error
    assert cli("check", "--select", "RL804", "--exit-zero", str(fixtures / "changshu-kjj-2021.txt")).returncode == 0


def test_json_fields_and_positions(cli, fixtures):
    r = cli("check", "--select", "RL803", "--format", "json", str(fixtures / "changzhou-kjj-2021.txt"))
    items = json.loads(r.out)
    first = items[0]
    for key in (
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
        "fix",
    ):
        assert key in first
    assert (first["code"], first["line"], first["column"]) == ("RL803", 3, 5)
    assert "拼音" in first["message"]
    assert first["fix"]["edits"]
    en = json.loads(
        cli(
            "check", "--select", "RL803", "--format", "json", "--lang", "en", str(fixtures / "changzhou-kjj-2021.txt")
        ).out
    )
    assert "pinyin" in en[0]["message"]


def test_text_output_shows_source_line_and_summary(cli, fixtures):
    r = cli("check", "--select", "RL805", str(fixtures / "zhangjiakou-kjj-2010.txt"))
    assert "RL805" in r.out and "。。" in r.out and "^" in r.out
    assert "\x1b[" not in r.out  # not a TTY: plain
    assert "zhangjiakou-kjj-2010.txt:15:" in r.out


def test_bad_inputs_one_line_each_exit_two_and_others_still_checked(cli, tmp_path, fixtures):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    corrupt = tmp_path / "draft.docx"
    corrupt.write_bytes(b"this is not a zip file")
    good = tmp_path / "good.txt"
    shutil.copy(fixtures / "zhangjiakou-kjj-2010.txt", good)
    r = cli(
        "check",
        "--select",
        "RL805",
        "--format",
        "json",
        str(tmp_path / "missing.txt"),
        str(binary),
        str(corrupt),
        str(good),
    )
    assert r.returncode == 2
    lines = [l for l in r.err.splitlines() if l.strip()]
    assert len(lines) == 3, r.err
    assert (
        any("missing.txt" in l for l in lines)
        and any("scan.txt" in l for l in lines)
        and any("draft.docx" in l for l in lines)
    )
    assert "Traceback" not in r.err
    items = json.loads(r.out)
    assert [d["path"] for d in items if "code" in d] == [str(good)]  # the good file was still checked
    # … and each bad one is recorded as not checked (issue 13), not only on stderr.
    assert sorted(d["path"] for d in items if d.get("status") == "not-checked") == sorted(
        str(p) for p in (tmp_path / "missing.txt", binary, corrupt)
    )


def test_empty_directory_and_size_limit(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = cli("check", str(empty))
    assert r.returncode == 2 and "empty" in r.err
    big = tmp_path / "big.txt"
    big.write_text("一" * 5000, encoding="utf-8")
    r = cli("check", "--max-file-size", "1KB", str(big))
    assert r.returncode == 2 and "big.txt" in r.err
    r = cli("check", "--max-file-size", "lots", str(big))
    assert r.returncode == 2


def test_unknown_rule_and_invalid_config_exit_two(cli, tmp_path, fixtures):
    report = tmp_path / "r.txt"
    shutil.copy(fixtures / "changji-kjj-2021.txt", report)
    r = cli("check", "--select", "XT999", str(report))
    assert r.returncode == 2 and "XT999" in r.err and "Traceback" not in r.err
    (tmp_path / ".reportlint.yaml").write_text("select: [RL801\nignore: x\n", encoding="utf-8")
    r = cli("check", str(report))
    assert r.returncode == 2 and ".reportlint.yaml" in r.err and "Traceback" not in r.err


def test_stdin_with_filename(cli, fixtures):
    data = (fixtures / "zhangjiakou-kjj-2010.txt").read_bytes()
    r = cli(
        "check", "--select", "RL805", "--format", "json", "-", "--stdin-filename", "reports/2010.txt", input_bytes=data
    )
    items = json.loads(r.out)
    assert items[0]["path"] == "reports/2010.txt" and items[0]["line"] == 15


def test_output_file_is_written_whole(cli, tmp_path, fixtures):
    out = tmp_path / "out.sarif"
    r = cli("check", "--format", "sarif", "--output-file", str(out), str(fixtures / "changji-kjj-2021.txt"))
    assert r.out == ""
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # like any new file, not mkstemp's 0600


def test_github_format(cli, fixtures):
    r = cli("check", "--select", "RL801", "--format", "github", str(fixtures / "changji-kjj-2021.txt"))
    assert r.out.startswith("::warning file=")
    assert ",line=72," in r.out


def test_input_files_are_never_modified(cli, corpus_copy):
    before = {p.relative_to(corpus_copy): p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()}
    cli("check", "--format", "json", str(corpus_copy))
    assert {p.relative_to(corpus_copy): p.read_bytes() for p in corpus_copy.rglob("*") if p.is_file()} == before


def test_fix_and_diff(cli, tmp_path, fixtures):
    report = tmp_path / "2010.txt"
    shutil.copy(fixtures / "zhangjiakou-kjj-2010.txt", report)
    original = report.read_bytes()
    d = cli("check", "--select", "RL805,RL801", "--diff", str(report))
    assert report.read_bytes() == original
    assert "-体裁分类" in d.out and "+" in d.out
    f = cli("check", "--select", "RL805", "--select", "RL801", "--fix", "--format", "json", str(report))
    fixed = report.read_text(encoding="utf-8")
    assert "。。" not in fixed and "扫一扫" not in fixed and "体裁分类" not in fixed
    [record] = json.loads(f.out)  # no finding left: only the file's record, counting none
    assert record["type"] == "report" and record["counts"] == {}
    assert fixed.count("\n") == original.decode("utf-8").count("\n") - 2


def test_baseline_round_trip(cli, tmp_path, fixtures):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(fixtures / "zhangjiakou-kjj-2010.txt", reports / "2010.txt")
    base = tmp_path / "baseline.json"
    w = cli("check", "--baseline", str(base), "--write-baseline", str(reports))
    assert w.returncode == 0 and base.exists()
    again = cli("check", "--baseline", str(base), "--format", "json", str(reports))
    [record] = json.loads(again.out)  # the baseline hides every finding: the record counts none
    assert record["type"] == "report" and record["counts"] == {} and again.returncode == 0
    with open(reports / "2010.txt", "a", encoding="utf-8") as fh:
        fh.write("补充说明。。\n")
    new = cli("check", "--baseline", str(base), "--format", "json", str(reports))
    assert {d["code"] for d in json.loads(new.out) if "code" in d} == {"RL805"}


def test_exclude_applies_to_explicit_files(cli, tmp_path, fixtures):
    (tmp_path / "archive").mkdir()
    target = tmp_path / "archive" / "2010.txt"
    shutil.copy(fixtures / "zhangjiakou-kjj-2010.txt", target)
    (tmp_path / ".reportlint.yaml").write_text("exclude: ['archive/**']\n", encoding="utf-8")
    r = cli("check", "--format", "json", str(target))
    assert r.returncode == 0 and json.loads(r.out) == []


def test_rule_docs_and_listing(cli):
    r = cli("rule", "RL805")
    assert r.returncode == 0 and "错误示例" in r.out and "。。" in r.out
    r = cli("rule", "doubled-punctuation", "--lang", "en")
    assert "Bad" in r.out and "Why" in r.out
    r = cli("rule", "XT999")
    assert r.returncode == 2
    listing = cli("rules")
    assert "RL801" in listing.out and "web-page-debris" in listing.out


def test_init_writes_a_config_that_loads(cli, tmp_path, fixtures):
    r = cli("init", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / ".reportlint.yaml").exists()
    assert cli("init", cwd=tmp_path).returncode == 2  # no overwrite without --force
    shutil.copy(fixtures / "changji-kjj-2021.txt", tmp_path / "r.txt")
    check = cli("check", "r.txt", cwd=tmp_path)
    assert check.returncode in (0, 1), check.err
    shown = cli("config", "r.txt", cwd=tmp_path)
    assert shown.returncode == 0 and ".reportlint.yaml" in shown.out


def test_statistics_counts_per_rule(cli, fixtures):
    r = cli("check", "--statistics", "--format", "json", str(fixtures / "changzhou-kjj-2021.txt"))
    stats = {s["code"]: s for s in json.loads(r.out)}
    assert stats["RL803"]["count"] == 4 and stats["RL803"]["fixable"] == 4
    assert stats["RL301"]["count"] == 3 and stats["RL301"]["severity"] == "error"
    text = cli("check", "--statistics", str(fixtures / "changzhou-kjj-2021.txt"))
    assert "RL803" in text.out and "pinyin-reading" in text.out
