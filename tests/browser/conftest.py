"""A real headless browser for the HTML audit report: Debian's chromium.

``chromium`` (session fixture) finds the binary; when it is not installed the tests
(marked ``browser``) are skipped with the reason and the command that installs it —
the tests never install anything themselves. A CJK font (``fonts-noto-cjk``) makes the
screenshots show Chinese text rather than boxes; without one only their looks suffer.

:class:`Browser` drives one chromium process through the DevTools protocol over
``--remote-debugging-pipe`` (fds 3 and 4; NUL-separated JSON messages), stdlib only:
navigate, evaluate JavaScript, collect console errors, exceptions and CSP violations,
take screenshots. No network port is opened.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

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
INSTALL_HINT = "apt-get install chromium fonts-noto-cjk"
# Seconds before a chromium that does not answer fails the test: a hang guard, never a
# speed limit (a page loads in well under a second).
HANG_GUARD = 300


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = _find_chromium()
    if path is None:
        pytest.skip(f"chromium is not installed (install it with: {INSTALL_HINT})")
    return path


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


class BrowserError(RuntimeError):
    pass


class Browser:
    """chromium under the DevTools protocol, over a pipe."""

    def __init__(self, chromium: str, width: int = 1280, height: int = 2000):
        self.profile = tempfile.mkdtemp(prefix="reportlint-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def child_fds() -> None:  # runs in the child before exec: the pipe ends become fds 3 and 4
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4 first
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,
            close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._responses: dict[int, dict] = {}
        self._messages: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    # -- the protocol --------------------------------------------------------------------

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._messages.put(None)
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                self._messages.put(json.loads(raw.decode("utf-8")))

    def _pump(self, deadline: float) -> None:
        timeout = max(0.0, deadline - time.monotonic())
        try:
            msg = self._messages.get(timeout=timeout)
        except queue.Empty:
            raise BrowserError("chromium did not answer in time") from None
        if msg is None:
            raise BrowserError("chromium closed the DevTools pipe")
        if "id" in msg:
            self._responses[msg["id"]] = msg
        else:
            self.events.append(msg)

    def call(self, method: str, params: dict | None = None, timeout: float = HANG_GUARD) -> dict:
        self._next_id += 1
        msg: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session is not None and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while self._next_id not in self._responses:
            self._pump(deadline)
        reply = self._responses.pop(self._next_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, timeout: float = HANG_GUARD, since: int = 0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events[since:]:
                if ev.get("method") == method:
                    return ev
            self._pump(deadline)

    # -- what the tests use ----------------------------------------------------------------

    def open(self, url: str) -> None:
        mark = len(self.events)
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", since=mark)

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def settle(self) -> None:
        """Let pending console events arrive (a round trip after the page's own work)."""
        self.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, CSP and network errors so far."""
        out = []
        for ev in self.events:
            method, p = ev.get("method"), ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                out.append(
                    "console.{}: {}".format(
                        p["type"], " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))
                    )
                )
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: {}".format(d.get("exception", {}).get("description") or d.get("text")))
            elif method == "Log.entryAdded":
                entry = p.get("entry", {})
                if entry.get("level") in ("error", "warning"):
                    out.append("{} {}: {}".format(entry.get("source"), entry.get("level"), entry.get("text")))
        return out

    def screenshot(self, path: Path, clip: dict | None = None) -> None:
        """A PNG of the viewport, or of ``clip`` (x, y, width, height; page coordinates)."""
        params: dict = {"format": "png"}
        if clip:
            params["clip"] = {**clip, "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except BrowserError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def browser(chromium):
    try:
        b = Browser(chromium)
    except (BrowserError, OSError) as exc:
        pytest.fail(f"could not drive chromium over the DevTools pipe: {exc}")
    try:
        yield b
    finally:
        b.close()
