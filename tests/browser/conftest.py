"""A real headless browser for the pages reportlint writes and serves: the system's chromium.

``chromium`` and ``playwright_browser`` (session fixtures of ``tests/conftest.py``) find the binary; when it is not installed the tests
(marked ``browser``) are skipped with the reason and the command that installs it —
the tests never install anything themselves, and Playwright never downloads a browser:
it drives that binary (``executable_path``). A CJK font (``fonts-noto-cjk``) makes the
screenshots show Chinese text rather than boxes; without one only their looks suffer.

``playwright_browser`` is one chromium for every test of the session; each test gets a
context of its own (``browser`` or ``new_page(...)``: fresh cookies, storage and
downloads). :class:`BrowserPage` wraps a Playwright page with what the tests use: open,
evaluate JavaScript, and the problems the page had — console errors and warnings,
uncaught exceptions, CSP violations (a ``securitypolicyviolation`` listener in every
frame, on top of chromium's own console report), failed requests.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

# For the one-shot runs (``--dump-dom``, ``--screenshot``) of ``run_chromium``.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
]
# Seconds before a chromium that does not answer fails the test: a hang guard, never a
# speed limit (a page loads in well under a second).
HANG_GUARD = 300

# Runs in every frame before the page's own scripts (an init script is not subject to the
# page's CSP), so a blocked script, style or frame is reported even when chromium's console
# message about it changes wording.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  (window.__reportlintCspViolation || console.error)(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _run_chromium(chromium: str, *args: str, timeout: int = HANG_GUARD) -> subprocess.CompletedProcess:
    """One-shot chromium (``--dump-dom``, ``--screenshot``) with a fresh profile."""
    profile = tempfile.mkdtemp(prefix="reportlint-chromium-")
    try:
        return subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def run_chromium(chromium):
    """``run_chromium("--dump-dom", url)``: one chromium run, returns the CompletedProcess."""
    return lambda *args, timeout=HANG_GUARD: _run_chromium(chromium, *args, timeout=timeout)


class BrowserPage:
    """One Playwright page in a context of its own, and the problems it has had so far."""

    def __init__(self, context: Any):
        self.context = context
        self._problems: list[str] = []
        context.set_default_timeout(HANG_GUARD * 1000)
        context.expose_function(
            "__reportlintCspViolation", lambda text: self._problems.append(f"CSP violation: {text}")
        )
        context.add_init_script(CSP_LISTENER)
        self.page = context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self._problems.append(f"exception: {exc}"))
        self.page.on("requestfailed", self._on_request_failed)

    def _on_console(self, message: Any) -> None:
        if message.type in ("error", "warning", "assert"):
            self._problems.append(f"console.{message.type}: {message.text}")

    def _on_request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        # A download ends its request with ERR_ABORTED in the page: the file still arrives.
        if "ERR_ABORTED" in failure and request.is_navigation_request():
            return
        self._problems.append(f"request failed: {request.url}: {failure}")

    def open(self, url: str) -> None:
        """Navigate and wait for the load event (the page's script has run)."""
        self.page.goto(url, wait_until="load")

    def eval(self, expression: str, arg: Any = None) -> Any:
        """The value of a JavaScript expression (a promise is awaited; a function gets ``arg``)."""
        return self.page.evaluate(expression, arg)

    def settle(self) -> None:
        """Let pending console events arrive (a round trip after the page's own work)."""
        self.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, CSP violations, failed requests so far."""
        return list(self._problems)

    def screenshot(self, path: Path, clip: dict | None = None, full: bool = False) -> None:
        """A PNG of the viewport, of the whole page (``full``), or of ``clip`` (x, y, width,
        height; page coordinates)."""
        self.page.screenshot(path=str(path), clip=clip, full_page=full or clip is not None)

    def pdf(self) -> bytes:
        """The page as chromium prints it (print media, backgrounds on)."""
        return self.page.pdf(print_background=True)


@pytest.fixture
def new_page(playwright_browser) -> Iterator[Callable[..., BrowserPage]]:
    """``new_page(width=1280, height=2000, **context_options)``: a page in a fresh context."""
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 2000, **options: Any) -> BrowserPage:
        context = playwright_browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return BrowserPage(context)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser(new_page) -> BrowserPage:
    """A 1280×2000 page in a context of its own."""
    return new_page()
