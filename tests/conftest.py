import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS_TEXTS = sorted(p.name for p in FIXTURES.glob("*.txt"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run_cli(*args, input_bytes=None, cwd=None, env=None):
    """Run ``python -m reportlint`` in a subprocess; returns CompletedProcess (text)."""
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env["NO_COLOR"] = "1"
    full_env.setdefault("REPORTLINT_LANG", "zh")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "reportlint", *args],
        input=input_bytes,
        capture_output=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )


@pytest.fixture
def cli():
    def _run(*args, **kw):
        proc = run_cli(*args, **kw)
        proc.out = proc.stdout.decode("utf-8", "replace")
        proc.err = proc.stderr.decode("utf-8", "replace")
        return proc

    return _run


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus, in a folder of its own."""
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURES, dest)
    return dest
