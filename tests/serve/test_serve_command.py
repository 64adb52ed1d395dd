"""`reportlint serve` as a real process: the URL line, the page and the API over HTTP,
the warning for an address other computers can reach."""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

URL_LINE = re.compile(r"^reportlint serve: (http://[^/\s]+/)(\?token=([A-Za-z0-9_-]+))?$")
START_SECONDS = 60  # a bound on a stuck start-up, not a speed requirement


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_")}


@contextmanager
def serving(*args: str) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportlint", "serve", "--port", "0", "--workers", "1", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def read_line(stream, what: str) -> str:
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    if not selector.select(timeout=START_SECONDS):
        raise AssertionError(f"no {what} within {START_SECONDS} s")
    return stream.readline().decode("utf-8").rstrip("\n")


def test_serve_prints_its_url_and_answers_over_http() -> None:
    with serving() as proc:
        line = read_line(proc.stdout, "URL line")
        match = URL_LINE.match(line)
        assert match and match.group(1).startswith("http://127.0.0.1:"), line
        assert match.group(2) is None  # no token on a loopback address
        base = match.group(1)
        assert not base.endswith(":0/")
        with urllib.request.urlopen(base, timeout=30) as page:
            assert page.status == 200
            assert page.headers["Content-Type"].startswith("text/html")
            assert "/static/app.js" in page.read().decode("utf-8")
        with urllib.request.urlopen(base + "api/options", timeout=30) as options:
            body = json.loads(options.read())
        assert body["lang"] == "zh" and ".docx" in body["formats"]
    assert proc.returncode is not None


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("zh", "警告：0.0.0.0 不是本机地址，局域网内的其他电脑也能打开本页。"),
        ("en", "warning: 0.0.0.0 is not a loopback address: other computers on the network can open the page."),
    ],
)
def test_a_non_loopback_host_warns_and_gets_a_token(lang: str, warning: str) -> None:
    with serving("--host", "0.0.0.0", "--lang", lang) as proc:
        line = read_line(proc.stdout, "URL line")
        match = URL_LINE.match(line)
        assert match and match.group(3) and len(match.group(3)) >= 24, line
        assert read_line(proc.stderr, "warning").startswith(warning)
        port = match.group(1).rsplit(":", 1)[1].rstrip("/")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/options", timeout=30)
        assert refused.value.code == 401
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/options", headers={"Authorization": f"Bearer {match.group(3)}"}
        )
        with urllib.request.urlopen(request, timeout=30) as options:
            assert json.loads(options.read())["lang"] == lang
        proc.kill()


def test_a_bad_limit_is_one_message_and_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "serve", "--max-upload-size", "lots"],
        capture_output=True,
        timeout=60,
        env=_env(),
    )
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8").strip() == "reportlint: --max-upload-size 的值无效：lots（例如 100MB）"


def test_without_the_extra_serve_says_what_to_install() -> None:
    # uvicorn made unimportable, as in an installation without reportlint[serve]
    code = "import sys; sys.modules['uvicorn'] = None; sys.argv = ['reportlint', 'serve']; from reportlint.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, env=_env())
    assert proc.returncode == 2
    assert (
        proc.stderr.decode("utf-8").strip()
        == "reportlint: reportlint serve 需要额外的组件：pip install 'reportlint[serve]'"
    )
