"""Issue 11, no foreign code: plugins come only from installed distributions.

``python -m reportlint`` puts the working directory on ``sys.path``; in a pre-commit
hook that is the repository being checked. A ``*.dist-info`` folder there (or a
module shadowing an installed plugin's) must never run. Each case runs the command
line in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from module_cli import run_module

from plugin_dist import PLUGIN_MODULE, install_plugin


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_module(*args, cwd=cwd, env=env, drop=("PYTHONPATH", "REPORTLINT_NO_PLUGINS"))


def listed_codes(proc) -> set[str]:
    assert proc.returncode == 0, proc.err
    return {r["code"] for r in json.loads(proc.out)}


@pytest.mark.parametrize("pythonpath", [None, ".", ""], ids=["python-m", "PYTHONPATH-dot", "PYTHONPATH-empty"])
def test_dist_info_in_the_working_directory_is_not_loaded(tmp_path, pythonpath):
    repo = install_plugin(tmp_path / "repo")
    env = {"PYTHONPATH": pythonpath} if pythonpath is not None else None
    codes = listed_codes(run("rules", "--format", "json", cwd=repo, env=env))
    assert "ACME001" not in codes and "RL801" in codes
    assert not list(repo.glob("IMPORTED-*")), "the repository's plugin module was imported"


def test_checking_a_report_in_such_a_repository_runs_none_of_its_code(tmp_path):
    repo = install_plugin(tmp_path / "repo")
    (repo / "report.txt").write_text("2021年度政府信息公开工作年度报告\n", encoding="utf-8")
    proc = run("check", "--format", "json", "report.txt", cwd=repo)
    assert proc.returncode in (0, 1), proc.err
    assert "ACME001" not in proc.out
    assert not list(repo.glob("IMPORTED-*"))


def test_installed_plugin_is_not_shadowed_by_a_module_in_the_working_directory(tmp_path):
    site = install_plugin(tmp_path / "site")
    repo = tmp_path / "repo"
    repo.mkdir()
    # Same module name as the installed plugin's, in the checked repository.
    (repo / "acme_rules.py").write_text(PLUGIN_MODULE.replace("ACME001", "EVIL001"), encoding="utf-8")
    codes = listed_codes(run("rules", "--format", "json", cwd=repo, env={"PYTHONPATH": str(site)}))
    assert "ACME001" in codes and "EVIL001" not in codes
    assert (site / "IMPORTED-site").exists()
    assert not (repo / "IMPORTED-repo").exists()


def test_installed_plugin_still_loads_from_a_site_directory(tmp_path):
    site = install_plugin(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    codes = listed_codes(run("rules", "--format", "json", cwd=elsewhere, env={"PYTHONPATH": str(site)}))
    assert "ACME001" in codes


def test_a_broken_plugin_is_one_clear_error(tmp_path):
    site = install_plugin(tmp_path / "site", body="raise ImportError('missing dependency xyz')\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for lang, needle in (("en", "cannot load plugin acme"), ("zh", "无法加载插件 acme")):
        proc = (
            run("rules", "--lang", lang, cwd=elsewhere, env={"PYTHONPATH": str(site)})
            if lang == "en"
            else run("rules", cwd=elsewhere, env={"PYTHONPATH": str(site), "REPORTLINT_LANG": "zh"})
        )
        assert proc.returncode == 2, (proc.out, proc.err)
        assert "Traceback" not in proc.err
        assert needle in proc.err
        skipped = run("rules", "--format", "json", "--no-plugins", cwd=elsewhere, env={"PYTHONPATH": str(site)})
        assert "RL801" in listed_codes(skipped)
