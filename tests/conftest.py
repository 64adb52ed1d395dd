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


# -- a real headless browser (tests/browser, the page of tests/serve) --------------------
# One sync Playwright for the whole session: it runs an event loop in this thread, and a
# second sync_playwright() while one is alive fails ("Sync API inside the asyncio loop").
CHROMIUM_INSTALL_HINT = "apt-get install chromium fonts-noto-cjk"
# Seconds before a chromium that does not start fails the test: a hang guard, never a
# speed limit.
CHROMIUM_LAUNCH_GUARD = 300


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(f"chromium is not installed (install it with: {CHROMIUM_INSTALL_HINT})")
    return path


@pytest.fixture(scope="session")
def playwright_browser(chromium):
    """The system's chromium driven by Playwright (which never downloads a browser)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(
                executable_path=chromium, args=["--no-sandbox"], timeout=CHROMIUM_LAUNCH_GUARD * 1000
            )
        except sync_api.Error as exc:
            pytest.fail(f"Playwright could not start {chromium}: {exc}")
        try:
            yield browser
        finally:
            browser.close()
