"""A command imports only what it needs (issue 16).

Each run is the real command in a fresh interpreter, through the console script's
entry point (``reportlint.__main__.main``); at exit it prints the names in
``sys.modules``. What is asserted is which heavy modules are *not* there: a plain
check of a text report piped to a file or a CI log loads no rich (colour only), no
ruamel.yaml (no configuration file, rule data from its JSON cache), no
multiprocessing (a serial run) and no importlib.metadata (plugins are found by
reading the ``*.dist-info`` folders); ``--version`` loads neither typer nor rich.
Typer builds only the command that runs (with the same help, usage and errors), and a
check's process ends without the interpreter's teardown, its status, output and exit
handlers' work intact.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reportlint import __version__

PROBE = """
import gc
import sys
from reportlint.__main__ import main
sys.argv = ["reportlint", *sys.argv[1:]]
try:
    main()
finally:
    sys.stdout.flush()
    print("GARBAGE COLLECTOR", "on" if gc.isenabled() else "off", file=sys.stderr)
    print("MODULES", *sorted(sys.modules), file=sys.stderr)
"""

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("rich", "ruamel", "multiprocessing", "importlib.metadata", "email", "pickle", "socket")


def _loaded(modules: set[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in roots or m.startswith(tuple(r + "." for r in roots)))


def _run(args: list[str], cwd: Path, data_cache: Path, **env: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    # No `reportlint server` to hand the check to: it runs in the probed process.
    unset = ("FORCE_COLOR", "REPORTLINT_NO_PLUGINS", "REPORTLINT_SERVER", "CI")
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update({"NO_COLOR": "1", "REPORTLINT_LANG": "zh", "REPORTLINT_DATA_CACHE": str(data_cache), **env})
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=full_env
    )
    lines = [line for line in proc.stderr.splitlines() if line.startswith("MODULES ")]
    assert lines, proc.stderr
    return proc, set(lines[-1].split()[1:])


@pytest.fixture
def report_folder(tmp_path, fixtures) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(fixtures / "changji-kjj-2021.txt", folder)
    return folder


def test_plain_check_of_a_text_report_imports_no_heavy_module(report_folder, tmp_path):
    args = ["check", "--no-cache", "changji-kjj-2021.txt"]
    data_cache = tmp_path / "data-cache"
    first, _ = _run(args, report_folder, data_cache)  # fills the rule-data cache (YAML parsed once)
    proc, modules = _run(args, report_folder, data_cache)
    assert proc.returncode == first.returncode == 1, proc.stderr
    assert "changji-kjj-2021.txt:" in proc.stdout and "\x1b[" not in proc.stdout  # findings, plain
    assert proc.stdout == first.stdout
    assert {"typer", "pluggy", "reportlint.rules.base"} <= modules  # the probe saw a real check
    assert _loaded(modules, HEAVY) == []
    assert _loaded(modules, ("statistics", "random")) == []  # a median needs neither
    # No OpenSSL for the few kilobytes hashed (core.digests), no tempfile for a cache
    # write (core.atomic), no server client when no server is named.
    assert _loaded(modules, ("hashlib", "_hashlib", "tempfile", "reportlint.run.client")) == []
    # Off for the start-up (reportlint.__main__), on again before the first file is checked.
    assert "GARBAGE COLLECTOR on" in proc.stderr


def test_colour_and_a_configuration_file_bring_in_what_they_need(report_folder, tmp_path):
    data_cache = tmp_path / "data-cache"
    args = ["check", "--no-cache", "changji-kjj-2021.txt"]
    _run(args, report_folder, data_cache)
    proc, modules = _run(args, report_folder, data_cache, NO_COLOR="", FORCE_COLOR="1")
    assert "\x1b[" in proc.stdout
    assert "rich" in modules and _loaded(modules, ("ruamel",)) == []
    (report_folder / ".reportlint.yaml").write_text("ignore: [RL805]\n", encoding="utf-8")
    proc, modules = _run(args, report_folder, data_cache)
    assert proc.returncode == 1, proc.stderr
    assert "ruamel.yaml" in modules and _loaded(modules, ("rich",)) == []


def test_version_imports_no_command_line_framework(tmp_path):
    proc, modules = _run(["--version"], tmp_path, tmp_path / "data-cache")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"reportlint {__version__}\n"
    assert _loaded(modules, ("typer", "rich", "pluggy", "reportlint.cli", "reportlint.rules", *HEAVY)) == []


def test_the_console_script_is_the_entry_point_probed_here():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["reportlint"] == "reportlint.__main__:main"


# -- the command that runs is the only one built -------------------------------------------


def _invoke(app, args: list[str]):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, args, prog_name="reportlint")
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"],
        ["check", "--no-such-option"],
        ["check", "--format", "nonsense", "x.txt"],
        ["check", "--jobs", "0", "x.txt"],
        ["rules", "--help"],
        ["rule", "--help"],
        ["rule"],
        ["parse", "--help"],
        ["init", "--help"],
        ["config", "--help"],
        ["server", "--help"],
        ["serve", "--help"],
    ],
)
def test_an_app_with_only_the_command_run_says_what_the_whole_app_says(args):
    """cli.app_for builds only the command the command line names: its help, usage and
    errors are those of the whole app."""
    from reportlint import cli

    narrowed = cli.app_for(args)
    assert narrowed is not cli.app and len(narrowed.registered_commands) == 1
    assert _invoke(narrowed, args) == _invoke(cli.app, args)


@pytest.mark.parametrize("args", [[], ["--help"], ["chek", "x.txt"], ["--version", "check"]])
def test_anything_but_a_command_name_first_runs_the_whole_app(args):
    from reportlint import cli

    assert cli.app_for(args) is cli.app


# -- no interpreter teardown after a check ----------------------------------------------------

ENDS = """
import atexit, os, sys
if sys.argv[1] == "handler-first":
    atexit.register(lambda: os.write(2, b"EARLIER HANDLER RAN\\n"))
sys.argv = ["reportlint", *sys.argv[2:]]
from reportlint.__main__ import main
main()
"""


def _check_process(args: list[str], cwd: Path, data_cache: Path, mode: str = "plain"):
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_SERVER", "FORCE_COLOR", "CI")}
    env.update({"NO_COLOR": "1", "REPORTLINT_LANG": "zh", "REPORTLINT_DATA_CACHE": str(data_cache)})
    return subprocess.run([sys.executable, "-c", ENDS, mode, *args], capture_output=True, cwd=cwd, env=env, timeout=120)


def test_a_check_ends_with_its_status_its_output_whole_and_its_caches_written(report_folder, tmp_path):
    """The check's process ends without the interpreter's teardown (os._exit once the
    streams are flushed): the status, every byte of the output and what the exit
    handlers write (the compiled-pattern store) are those of an ordinary ending."""
    data_cache = tmp_path / "data-cache"
    text = _check_process(["check", "--no-cache", "changji-kjj-2021.txt"], report_folder, data_cache)
    assert text.returncode == 1, text.stderr
    assert text.stdout.decode("utf-8").rstrip().endswith("涉及 1 个文件")
    assert list((data_cache / "reportlint").glob("patterns-*.bin"))  # saved by its exit handler
    as_json = _check_process(["check", "--no-cache", "-f", "json", "changji-kjj-2021.txt"], report_folder, data_cache)
    assert as_json.returncode == 1 and json.loads(as_json.stdout)  # complete, parseable
    missing = _check_process(["check", "--no-cache", "missing.txt"], report_folder, data_cache)
    assert missing.returncode == 2 and "missing.txt" in missing.stderr.decode("utf-8")
    zero = _check_process(["check", "--no-cache", "--exit-zero", "changji-kjj-2021.txt"], report_folder, data_cache)
    assert zero.returncode == 0 and zero.stdout == text.stdout


def test_an_exit_handler_registered_before_the_check_still_runs(report_folder, tmp_path):
    """A handler registered before reportlint's entry point ran (coverage, a
    sitecustomize) would be skipped by ending early: then the ordinary shutdown is kept."""
    args = ["check", "--no-cache", "changji-kjj-2021.txt"]
    proc = _check_process(args, report_folder, tmp_path / "data-cache", mode="handler-first")
    assert proc.returncode == 1
    assert b"EARLIER HANDLER RAN" in proc.stderr


def test_the_entry_point_names_the_server_variable_the_client_reads():
    """The entry point imports the client only when the variable names a server."""
    import reportlint.__main__ as entry
    from reportlint.run import client

    assert entry.SERVER_ENV == client.SERVER_ENV
