"""Issue 11, configuration: hostile `.reportlint.yaml` files and custom rules.

Every case runs the real command line in a subprocess with a timeout, so a hang
fails the test instead of stalling the suite; each asserts the outcome (exit status,
one message naming the file, the findings), never a measured speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from module_cli import run_module

REPORT_HEAD = "2021年度政府信息公开工作年度报告\n\n一、总体情况\n本机关依法公开政府信息。\n"


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_module(*args, cwd=cwd, env=env, base={"REPORTLINT_LANG": "zh", "REPORTLINT_NO_PLUGINS": "1"})


def assert_one_config_error(proc, name: str, needle_en: str | None = None) -> None:
    """Exit 2, no traceback, one line on stderr that names ``name``."""
    assert proc.returncode == 2, (proc.returncode, proc.out[-2000:], proc.err[-2000:])
    assert "Traceback" not in proc.err and "Traceback" not in proc.out, proc.err
    assert "internal error" not in proc.err.lower() and "内部错误" not in proc.err, proc.err
    lines = [line for line in proc.err.splitlines() if line.strip()]
    assert len(lines) == 1, proc.err
    assert name in lines[0], proc.err
    if needle_en is not None:
        assert needle_en in lines[0], proc.err


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def report(tmp_path) -> Path:
    return write(tmp_path / "report.txt", REPORT_HEAD)


def custom_rule(tmp_path: Path, body: str, name: str = "rules.yaml") -> Path:
    return write(
        tmp_path / name,
        "custom-rules:\n  - code: ORG001\n    name: local-check\n    category: artifact\n    severity: error\n"
        + textwrap.indent(textwrap.dedent(body), "    "),
    )


# --------------------------------------------------------------------------------------
# custom-rule patterns cannot hang


def test_catastrophic_pattern_on_a_long_line_finishes_with_the_right_finding(tmp_path):
    # With a backtracking engine `(a+)+c` on 50,000 'a's then 'b' takes for ever;
    # RE2 answers at once, and still finds the one real match further down.
    config = custom_rule(
        tmp_path,
        """\
        type: existence
        patterns: ['(a+)+c', '(x+x+)+y']
        scope: text
        """,
    )
    report = tmp_path / "report.txt"
    report.write_text(REPORT_HEAD + "a" * 50_000 + "b\n" + "x" * 30_000 + "\n末尾 aac 一处\n", encoding="utf-8")
    proc = run("check", "--config", str(config), "--select", "ORG001", "--format", "json", str(report), cwd=tmp_path)
    assert proc.returncode == 1, proc.err
    found = [d for d in json.loads(proc.out) if "type" not in d]  # findings, not the records
    assert [(d["code"], d["line"]) for d in found] == [("ORG001", 7)]
    assert "aac" in found[0]["message"]


@pytest.mark.parametrize(
    "pattern, column",
    [
        (r"(a)\1", 17),  # back-reference
        (r"(?<=a)b", 17),  # look-behind
        (r"a(?=b)", 17),  # look-ahead
        (r"第(\d+稿", 17),  # plain syntax error
    ],
)
def test_pattern_re2_cannot_run_is_a_config_error_at_its_line(tmp_path, report, pattern, column):
    config = custom_rule(tmp_path, f"type: existence\npatterns:\n  - 'ok'\n  - '{pattern}'\n")
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "rules.yaml:9:", "invalid regular expression")
    zh = run("check", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(zh, "rules.yaml:9:", "正则表达式")


def test_unicode_classes_keep_python_meaning(tmp_path):
    # Python's \s matches the full-width space U+3000 and \d full-width digits; RE2's
    # own \s and \d are ASCII-only, so the pattern is translated.
    config = custom_rule(
        tmp_path,
        r"""        type: existence
        patterns: ['第\s*\d+\s*稿']
        scope: text
        """,
    )
    report = tmp_path / "report.txt"
    report.write_text(REPORT_HEAD + "本文为第\u3000３\u3000稿。\n", encoding="utf-8")
    proc = run("check", "--config", str(config), "--select", "ORG001", "--format", "json", str(report), cwd=tmp_path)
    assert proc.returncode == 1, proc.err
    assert [d["line"] for d in json.loads(proc.out) if "type" not in d] == [5]


@pytest.mark.parametrize(
    "message",
    ["{match:999999999}", "{match:>{right}}", "{match!r}", "{match.__class__}", "{match[0]}", "{0}", "{}"],
)
def test_message_template_allows_only_plain_fields(tmp_path, report, message):
    config = custom_rule(tmp_path, f"type: substitution\nswap: {{错词: 对词}}\nmessage: '{message}'\n")
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "rules.yaml:8:")
    assert "message" in proc.err


def test_plain_message_fields_still_work(tmp_path):
    config = custom_rule(tmp_path, "type: substitution\nswap: {错词: 对词}\nmessage: '{{{match}}} → {right}'\n")
    report = tmp_path / "report.txt"
    report.write_text(REPORT_HEAD + "这里有错词。\n", encoding="utf-8")
    proc = run("check", "--config", str(config), "--select", "ORG001", "--format", "json", str(report), cwd=tmp_path)
    assert proc.returncode == 1, proc.err
    assert [d["message"] for d in json.loads(proc.out) if "type" not in d] == ["{错词} → 对词"]


# --------------------------------------------------------------------------------------
# loading is bounded


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_config_dev_zero_is_refused_unread(tmp_path, report):
    proc = run("check", "--lang", "en", "--config", "/dev/zero", str(report), cwd=tmp_path)
    assert_one_config_error(proc, "/dev/zero", "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_config_fifo_is_refused_without_blocking(tmp_path, report):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    proc = run("check", "--lang", "en", "--config", str(fifo), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "fifo.yaml", "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_discovered_fifo_config_is_refused_without_blocking(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder / "report.txt", REPORT_HEAD)
    os.mkfifo(folder / ".reportlint.yaml")
    proc = run("check", "--lang", "en", str(folder / "report.txt"), cwd=tmp_path)
    assert proc.returncode == 2, proc.err
    assert "Traceback" not in proc.err
    assert ".reportlint.yaml" in proc.err and "not a regular file" in proc.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_extend_to_fifo_or_device_is_refused(tmp_path, report):
    os.mkfifo(tmp_path / "base.yaml")
    for target in ("base.yaml", "/dev/zero"):
        config = write(tmp_path / "top.yaml", f"extend: {target}\n")
        proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
        assert_one_config_error(proc, "top.yaml:1:9", "not a regular file")


def test_config_directory_is_refused(tmp_path, report):
    (tmp_path / "conf.yaml").mkdir()
    proc = run("check", "--lang", "en", "--config", str(tmp_path / "conf.yaml"), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "conf.yaml", "directory")


def test_ten_megabyte_placeholders_list_is_refused_by_the_size_limit(tmp_path, report):
    config = tmp_path / "big.yaml"
    with config.open("w", encoding="utf-8") as fh:
        fh.write("placeholders:\n")
        for i in range(700_000):
            fh.write(f"  - 待补充{i}\n")
    assert config.stat().st_size > 10_000_000
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "big.yaml", "too large")


def test_placeholders_count_limit(tmp_path):
    report = write(tmp_path / "report.txt", REPORT_HEAD + "此处内容甲999乙。\n")
    items = "".join(f"  - 甲{i}乙\n" for i in range(1000))
    ok = write(tmp_path / "ok.yaml", "placeholders:\n" + items)
    proc = run("check", "--config", str(ok), "--select", "RL701", "--format", "json", str(report), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.err
    assert "甲999乙" in proc.out  # the user's placeholder tokens are still used
    too_many = write(tmp_path / "many.yaml", "placeholders:\n" + items + "  - 乙\n")
    proc = run("check", "--lang", "en", "--config", str(too_many), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "many.yaml:2:", "more than the limit of 1000")


@pytest.mark.parametrize(
    "text",
    [
        "select: " + "[" * 5000 + "]" * 5000 + "\n",  # flow style, recursion in the parser
        "options:\n  RL901:\n    x: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        "options:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60)) + "  " * 61 + "v: 1\n",  # block style
    ],
    ids=["flow-list", "flow-map", "block"],
)
def test_deep_nesting_is_one_error_naming_the_file(tmp_path, report, text):
    config = tmp_path / "deep.yaml"
    config.write_text(text, encoding="utf-8")
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "deep.yaml", "nested too deeply")


def test_yaml_alias_bomb_is_refused(tmp_path, report):
    levels = ['a0: &a0 ["lol"]']
    for i in range(1, 12):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    text = "options:\n  RL901:\n" + "".join(f"    {line}\n" for line in levels)
    config = write(tmp_path / "bomb.yaml", text)
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "bomb.yaml", "too many values")


@pytest.mark.parametrize(
    "text",
    [
        "max-file-size: '" + "9" * 400 + "'\n",
        "report: {year: '" + "9" * 5000 + "'}\n",
        "max-file-size: " + "9" * 5000 + "\n",
        "report: {year: 2021-13-45}\n",
    ],
    ids=["huge-size", "huge-year-string", "huge-int", "bad-date"],
)
def test_absurd_values_are_config_errors(tmp_path, report, text):
    config = write(tmp_path / "odd.yaml", text)
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "odd.yaml")


def test_extend_chain_of_2000_files_is_one_error_naming_a_config_file(tmp_path, report):
    for i in range(2000):
        (tmp_path / f"c{i}.yaml").write_text(f"extend: c{i + 1}.yaml\n" if i < 1999 else "select: [ALL]\n")
    proc = run("check", "--lang", "en", "--config", str(tmp_path / "c0.yaml"), str(report), cwd=tmp_path)
    assert_one_config_error(proc, ".yaml:1:9", "'extend' chain is too long")
    zh = run("check", "--config", str(tmp_path / "c0.yaml"), str(report), cwd=tmp_path)
    assert_one_config_error(zh, ".yaml:1:9", "“extend” 链过长")


def test_extend_chain_within_the_limit_still_merges(tmp_path):
    report = write(tmp_path / "report.txt", REPORT_HEAD)
    for i in range(20):
        (tmp_path / f"c{i}.yaml").write_text(f"extend: c{i + 1}.yaml\n" if i < 19 else "ignore: [ALL]\n")
    proc = run("check", "--config", str(tmp_path / "c0.yaml"), "--format", "json", str(report), cwd=tmp_path)
    assert proc.returncode == 0, proc.err
    assert [d for d in json.loads(proc.out) if "type" not in d] == []  # no finding (the file's record only)


def test_extend_cycle_is_one_error(tmp_path, report):
    write(tmp_path / "a.yaml", "extend: b.yaml\n")
    write(tmp_path / "b.yaml", "extend: a.yaml\n")
    proc = run("check", "--lang", "en", "--config", str(tmp_path / "a.yaml"), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "b.yaml:1:9", "cycle")


# --------------------------------------------------------------------------------------
# no leaks through `extend`

SECRET = "s3cr3t-Zq8Hk2"


@pytest.mark.parametrize(
    "content",
    [
        f"root:$6${SECRET}$abc:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n".encode(),
        f"{SECRET}: 1\nother: 2\n".encode(),  # a YAML mapping, but not a configuration
        f"- {SECRET}\n- x\n".encode(),
        f"key: [unclosed {SECRET}\n".encode(),  # YAML syntax error
        f"!{SECRET} tagged\n".encode(),  # unknown tag, quoted by the YAML parser
        b"\xff\xfe" + SECRET.encode() + b"\x00\x81\x82",  # not UTF-8
        f"{SECRET}\n".encode() * 3,
    ],
    ids=["passwd-like", "foreign-mapping", "list", "syntax-error", "tag", "binary", "plain"],
)
def test_extend_to_a_foreign_file_does_not_quote_it(tmp_path, report, content):
    (tmp_path / "secret").write_bytes(content)
    config = write(tmp_path / "top.yaml", "extend: secret\n")
    for lang in ("en", "zh"):
        proc = run("check", "--lang", lang, "--config", str(config), str(report), cwd=tmp_path)
        assert_one_config_error(proc, "top.yaml:1:9")
        assert "secret" in proc.err  # names the file …
        assert SECRET not in proc.err and SECRET not in proc.out  # … quotes none of it
    assert (
        "not a reportlint configuration"
        in run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path).err
    )


@pytest.mark.skipif(
    not os.access("/etc/shadow", os.R_OK) and not os.access("/etc/passwd", os.R_OK), reason="no system file"
)
def test_extend_etc_shadow_does_not_quote_it(tmp_path, report):
    target = "/etc/shadow" if os.access("/etc/shadow", os.R_OK) else "/etc/passwd"
    lines = [line for line in Path(target).read_text(errors="replace").splitlines() if len(line) >= 6]
    config = write(tmp_path / "top.yaml", f"extend: {target}\n")
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "top.yaml:1:9")
    for line in lines:
        assert line not in proc.err
        assert line.split(":", 1)[0] + ":" not in proc.err.replace(target, "")


def test_a_base_config_with_a_typo_is_still_reported_in_detail(tmp_path, report):
    # A file with known keys is a configuration: its typo is shown where it is.
    write(tmp_path / "base.yaml", "select: [ALL]\nselcet: [RL1]\n")
    config = write(tmp_path / "top.yaml", "extend: base.yaml\n")
    proc = run("check", "--lang", "en", "--config", str(config), str(report), cwd=tmp_path)
    assert_one_config_error(proc, "base.yaml:2:1", "did you mean 'select'")


def test_discovered_config_symlinked_to_a_foreign_file_does_not_quote_it(tmp_path):
    # A checked repository could plant .reportlint.yaml -> a secret file of the CI
    # machine; the error says what is wrong without printing the secret.
    (tmp_path / "secret").write_text(f"{SECRET}: 1\nother: [{SECRET}]\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    write(repo / "report.txt", REPORT_HEAD)
    (repo / ".reportlint.yaml").symlink_to(tmp_path / "secret")
    proc = run("check", "--lang", "en", "report.txt", cwd=repo)
    assert_one_config_error(proc, ".reportlint.yaml", "not a reportlint configuration")
    assert SECRET not in proc.err and SECRET not in proc.out
