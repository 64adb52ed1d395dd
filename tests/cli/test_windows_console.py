"""A Chinese-locale Windows console or pipe: GBK (cp936) output, old consoles without
ANSI support. ``PYTHONIOENCODING=cp936`` stands in for that console: every command and
every format must run to the end, text degrading what GBK lacks, machine formats UTF-8.

The reports and their names hold characters GBK has no code for: an emoji (U+1F642),
the bullet U+2022 and a CJK Extension B character (U+20000).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from rich.cells import cell_len

from reportlint.output import console

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OUTSIDE_GBK = "🙂•𠀀"
NAME = f"年报{OUTSIDE_GBK}.txt"
ESCAPED_NAME = "年报\\U0001f642\\u2022\\U00020000.txt"  # how a GBK stream shows NAME
PLACEHOLDER_LINE = f"说明{OUTSIDE_GBK}：（文字描述）"  # RL701 underlines （文字描述）
CP936 = {"PYTHONIOENCODING": "cp936"}
MACHINE_FORMATS = ["json", "jsonl", "sarif", "github", "html"]


def _not_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
        return False
    except UnicodeEncodeError:
        return True


def _healthy(r) -> None:
    """Ran to its end: no traceback, no encoding error, an exit status that means it."""
    for stream in (r.out, r.err):
        assert "Traceback (most recent call last)" not in stream, stream
        assert "UnicodeEncodeError" not in stream, stream
        assert "reportlint: internal error" not in stream, stream


@pytest.fixture
def reports(tmp_path) -> Path:
    """A folder like an office's: a report whose name and text GBK cannot encode, and a
    Word template with a Chinese name."""
    folder = tmp_path / "报告"
    folder.mkdir()
    lines = (FIXTURES / "pingtan-gov-2023.txt").read_text(encoding="utf-8").split("\n")
    lines.insert(9, PLACEHOLDER_LINE)
    (folder / NAME).write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(FIXTURES / "template-2021-blank.docx", folder / "模板•草稿.docx")
    return folder


def run(cli, *args, cwd, env=None):
    return cli(*args, cwd=cwd, env={**CP936, **(env or {})})


def test_the_test_inputs_really_are_outside_gbk():
    assert all(_not_gbk(ch) for ch in OUTSIDE_GBK)
    assert _not_gbk(NAME)


def test_text_format_degrades_what_gbk_lacks_and_keeps_the_underline(cli, reports):
    r = run(cli, "check", "--select", "RL701", NAME, cwd=reports)
    _healthy(r)
    assert r.returncode == 1, r.err
    out = r.stdout.decode("gbk")  # strictly GBK: what the console can show
    assert ESCAPED_NAME + ":10:7:" in out
    assert "RL701" in out and "残留占位文字" in out
    source = next(line for line in out.splitlines() if line.startswith("10 | "))
    caret = next(line for line in out.splitlines() if line.strip().startswith("|") and "^" in line)
    shown = source[len("10 | ") :]
    assert shown == "说明?????：（文字描述）"  # 🙂 and 𠀀 take two cells each, • one
    # The underline starts under （, in terminal cells.
    assert caret.index("^") - len("   | ") == cell_len(shown[: shown.index("（")])
    assert caret.count("^") == cell_len("（文字描述）")


def test_text_to_an_output_file_is_utf8_with_every_character(cli, reports, tmp_path):
    target = tmp_path / "结果.txt"
    r = run(cli, "check", "--select", "RL701", NAME, "-o", str(target), cwd=reports)
    _healthy(r)
    assert r.returncode == 1
    text = target.read_text(encoding="utf-8")
    assert NAME + ":10:7:" in text and PLACEHOLDER_LINE in text


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_are_utf8_on_a_gbk_pipe(cli, reports, fmt):
    r = run(cli, "check", "--format", fmt, ".", cwd=reports)
    _healthy(r)
    assert r.returncode == 1, r.err
    out = r.stdout.decode("utf-8")  # strictly UTF-8, whatever the console
    assert "\r\n" not in out  # the same bytes as --output-file writes
    docx = "模板•草稿.docx"
    if fmt == "json":
        paths = {os.path.normpath(item["path"]) for item in json.loads(out)}
        assert paths == {NAME, docx}
        assert any(OUTSIDE_GBK in item["message"] or "残留占位文字" in item["message"] for item in json.loads(out))
    elif fmt == "jsonl":
        paths = {os.path.normpath(json.loads(line)["path"]) for line in out.splitlines() if line.strip()}
        assert paths == {NAME, docx}
    elif fmt == "sarif":
        uris = {
            res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for res in json.loads(out)["runs"][0]["results"]
        }
        assert uris == {quote(NAME), quote(docx)}
    elif fmt == "github":
        assert f"file={NAME}," in out and f"file={docx}," in out
    else:
        assert NAME in out and docx in out and "<html" in out.lower()


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_to_a_file_under_gbk(cli, reports, tmp_path, fmt):
    target = tmp_path / f"结果•.{fmt}"
    r = run(cli, "check", "--format", fmt, "-o", str(target), NAME, cwd=reports)
    _healthy(r)
    assert r.returncode == 1, r.err
    data = target.read_bytes().decode("utf-8")
    assert data.strip()  # never the empty SARIF file of the issue
    if fmt in ("json", "sarif"):
        json.loads(data)


def test_unreadable_file_with_such_a_name_is_one_clear_line(cli, reports):
    broken = reports / f"损坏{OUTSIDE_GBK}.docx"
    broken.write_bytes(b"this is not a zip file")
    for fmt in ["text", *MACHINE_FORMATS]:
        r = run(cli, "check", "--format", fmt, ".", cwd=reports)
        _healthy(r)
        assert r.returncode == 2, (fmt, r.err)
        err = r.stderr.decode("gbk")  # stderr stays in the console's encoding
        lines = [line for line in err.splitlines() if "损坏" in line]
        assert len(lines) == 1 and "损坏\\U0001f642\\u2022\\U00020000.docx" in lines[0], err
        if fmt in ("json", "sarif"):
            json.loads(r.stdout.decode("utf-8"))


def test_english_messages_on_gbk_too(cli, reports):
    r = run(cli, "check", "--lang", "en", "--select", "RL701", NAME, cwd=reports)
    _healthy(r)
    assert r.returncode == 1
    assert "leftover" in r.stdout.decode("gbk").lower() or "placeholder" in r.stdout.decode("gbk").lower()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parse_command(cli, reports, fmt):
    r = run(cli, "parse", "--format", fmt, NAME, cwd=reports)
    _healthy(r)
    assert r.returncode == 0, r.err
    if fmt == "json":
        json.loads(r.stdout.decode("utf-8"))
    else:
        out = r.stdout.decode("gbk")
        assert "平潭综合实验区" in out


def test_parse_command_names_the_file_it_cannot_read(cli, reports):
    broken = reports / f"损坏{OUTSIDE_GBK}.docx"
    broken.write_bytes(b"not a zip")
    r = run(cli, "parse", broken.name, cwd=reports)
    _healthy(r)
    assert r.returncode == 2
    assert "损坏\\U0001f642" in r.stderr.decode("gbk")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_rules_command(cli, reports, fmt):
    r = run(cli, "rules", "--format", fmt, cwd=reports)
    _healthy(r)
    assert r.returncode == 0, r.err
    out = r.stdout.decode("utf-8" if fmt == "json" else "gbk")
    if fmt == "json":
        json.loads(out)
    assert "RL101" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_command(cli, reports, lang):
    for code in ("RL101", "RL701", "RL803"):
        r = run(cli, "rule", code, "--lang", lang, cwd=reports)
        _healthy(r)
        assert r.returncode == 0, r.err
        assert code in r.stdout.decode("gbk")


def test_config_command(cli, reports):
    (reports / ".reportlint.yaml").write_text(f"# {OUTSIDE_GBK}\nignore: [RL805]\n", encoding="utf-8")
    r = run(cli, "config", NAME, cwd=reports)
    _healthy(r)
    assert r.returncode == 0, r.err
    settings = json.loads(r.stdout.decode("utf-8"))
    assert NAME in json.dumps(settings, ensure_ascii=False)


def test_init_command(cli, reports):
    target = f"配置{OUTSIDE_GBK}.yaml"
    r = run(cli, "init", target, cwd=reports)
    _healthy(r)
    assert r.returncode == 0, r.err
    assert "配置\\U0001f642" in r.stdout.decode("gbk")
    assert (reports / target).read_text(encoding="utf-8").strip()
    again = run(cli, "init", target, cwd=reports)  # exists: one clear line, exit 2
    _healthy(again)
    assert again.returncode == 2 and "配置\\U0001f642" in again.stderr.decode("gbk")


def test_version_and_help(cli, reports):
    r = run(cli, "--version", cwd=reports)
    _healthy(r)
    assert r.returncode == 0 and r.stdout.decode("gbk").startswith("reportlint ")
    r = run(cli, "check", "--help", cwd=reports)
    _healthy(r)
    assert r.returncode == 0 and "--sarif-root" in r.stdout.decode("gbk")


def test_statistics_and_diff_on_gbk(cli, reports):
    r = run(cli, "check", "--statistics", ".", cwd=reports)
    _healthy(r)
    assert r.returncode == 1 and "RL701" in r.stdout.decode("gbk")
    r = run(cli, "check", "--statistics", "--format", "json", ".", cwd=reports)
    _healthy(r)
    assert any(st["code"] == "RL701" for st in json.loads(r.stdout.decode("utf-8")))
    r = run(cli, "check", "--diff", NAME, cwd=reports)
    _healthy(r)
    assert r.returncode in (0, 1, 2) and r.stdout.decode("gbk") is not None


# -- colour --------------------------------------------------------------------------------


def _run_on_a_tty(args, cwd, env):
    """The CLI with stdout on a pseudo-terminal (what a console is); its output bytes."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "CI")}
    full_env.update(env)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportlint", *args], stdout=slave, stderr=subprocess.PIPE, cwd=cwd, env=full_env
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    finally:
        os.close(master)
    return proc.returncode, b"".join(chunks)


@pytest.mark.parametrize(
    "env, coloured",
    [
        ({"TERM": "xterm-256color"}, True),  # proves the terminal set-up: colour is on
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, False),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm-256color", **CP936}, True),
    ],
)
def test_colour_only_where_a_terminal_shows_it(reports, env, coloured):
    code, out = _run_on_a_tty(["check", "--select", "RL701", NAME], reports, env)
    assert code == 1
    assert (b"\x1b[" in out) is coloured
    assert b"RL701" in out


def test_no_colour_on_a_pipe_even_on_a_terminal_session(reports):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", **CP936)
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--select", "RL701", NAME],
        capture_output=True,
        cwd=reports,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr


class _Tty:
    def isatty(self):
        return True

    def fileno(self):
        return 1


def test_color_wanted_rules():
    tty = _Tty()
    assert console.color_wanted(tty, environ={}, platform="linux")
    assert not console.color_wanted(tty, environ={"NO_COLOR": "1"}, platform="linux")
    assert not console.color_wanted(tty, environ={"TERM": "dumb"}, platform="linux")
    assert not console.color_wanted(tty, no_color=True, environ={}, platform="linux")
    assert not console.color_wanted(tty, to_file=True, environ={}, platform="linux")
    assert console.color_wanted(object(), environ={"FORCE_COLOR": "1"}, platform="linux")
    assert not console.color_wanted(object(), environ={}, platform="linux")  # no isatty: not a terminal


def test_old_windows_console_gets_plain_text(monkeypatch):
    """A Windows console that cannot be switched to ANSI mode gets no colour at all."""
    tty = _Tty()
    monkeypatch.setattr(console, "enable_windows_ansi", lambda stream: False)
    assert not console.color_wanted(tty, environ={}, platform="win32")
    monkeypatch.setattr(console, "enable_windows_ansi", lambda stream: True)
    assert console.color_wanted(tty, environ={}, platform="win32")


def test_enable_windows_ansi_off_windows_is_false():
    # No kernel32 here: the probe fails closed (plain output), it never raises.
    if sys.platform != "win32":
        assert console.enable_windows_ansi(_Tty()) is False


def test_stream_setup_degrades_and_machine_stdout_is_utf8():
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp936", errors="strict", newline="\r\n")
    saved = sys.stdout
    try:
        sys.stdout = stream
        console.configure_stdio()
        stream.write("年报🙂\n")
        stream.flush()
        assert raw.getvalue() == "年报\\U0001f642\r\n".encode("gbk")
        console.use_utf8_stdout()
        stream.write("年报🙂\n")
        stream.flush()
        assert raw.getvalue().endswith("年报🙂\n".encode())
    finally:
        sys.stdout = saved
    # A stream without reconfigure (a StringIO, an IDE's console) is left alone.
    sys_stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        console.configure_stdio()
        console.use_utf8_stdout()
    finally:
        sys.stdout = sys_stdout


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_stdin_with_a_name_gbk_lacks(cli, reports, fmt):
    data = (reports / NAME).read_bytes()
    r = cli(
        "check",
        "--select",
        "RL701",
        "--format",
        fmt,
        "--stdin-filename",
        NAME,
        "-",
        cwd=reports,
        env=CP936,
        input_bytes=data,
    )
    _healthy(r)
    assert r.returncode == 1, r.err
    if fmt == "text":
        assert ESCAPED_NAME + ":10:7:" in r.stdout.decode("gbk")
    else:
        uri = json.loads(r.stdout.decode("utf-8"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert uri["artifactLocation"]["uri"] == quote(NAME)
