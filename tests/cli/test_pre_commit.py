"""The pre-commit hook, tried the way a user tries it: `pre-commit try-repo`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_pre_commit_try_repo_runs_the_hook_on_reports(tmp_path, fixtures):
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    shutil.copy(fixtures / "zhangjiakou-kjj-2010.txt", repo / "2010.txt")
    (repo / "notes.py").write_text("print('not a report')\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")
    proc = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "reportlint", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert "reportlint" in out
    # The 2010 report has error-level findings (a stale plan year, a cut signature…)
    # or at least warnings shown; the hook ran on the .txt and not on notes.py.
    assert "2010.txt" in out, out
    assert "notes.py" not in out
