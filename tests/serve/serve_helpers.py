"""Helpers of the `reportlint serve` HTTP tests: uploads, waiting for a job, real drafts
with findings put in, the CLI run directly on the same bytes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from docx_edit import docx_with_replaced_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFT = FIXTURES / "drafts" / "huaian-draft-2024.docx"
# Put into the real draft: web-page debris (RL801, fixable) and a placeholder (RL701).
DEBRIS = ("<w:body>", "<w:body><w:p><w:r><w:t>打印本页 关闭窗口</w:t></w:r></w:p>")
PLACEHOLDER = ("规范审查程序", "规范XX审查程序")
JOB_WAIT_SECONDS = 180  # a bound on a stuck job, not a speed requirement


def docx_with(replacements: list[tuple[str, str]], src: Path = DRAFT) -> bytes:
    """A copy of the draft with text replaced in word/document.xml (each must occur once)."""
    return docx_with_replaced_text(src, replacements)


def draft_with_findings() -> bytes:
    return docx_with([DEBRIS, PLACEHOLDER])


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def upload(client: TestClient, files: list[tuple[str, bytes]], **fields: Any):
    """POST /api/jobs with ``files`` (name, bytes); ``previous=(name, bytes)`` optional."""
    parts: list[tuple[str, tuple[str, bytes]]] = [("files", f) for f in files]
    if "previous" in fields:
        parts.append(("previous", fields.pop("previous")))
    headers = fields.pop("headers", None)
    return client.post("/api/jobs", files=parts, data=fields, headers=headers)


def wait_done(client: TestClient, url: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_WAIT_SECONDS
    while time.monotonic() < deadline:
        state = client.get(url)
        assert state.status_code == 200, state.text
        body = state.json()
        if body["state"] == "done":
            return body
        time.sleep(0.05)
    raise AssertionError(f"job not done after {JOB_WAIT_SECONDS} s")


def check_done(client: TestClient, files: list[tuple[str, bytes]], **fields: Any) -> dict[str, Any]:
    response = upload(client, files, **fields)
    assert response.status_code == 202, response.text
    return wait_done(client, response.json()["url"])


def cli_findings(tmp_path: Path, name: str, data: bytes, *args: str) -> list[dict[str, Any]]:
    """``reportlint check --format json`` on the same bytes, run directly."""
    folder = tmp_path / f"direct-{len(list(tmp_path.glob('direct-*')))}"
    folder.mkdir()
    (folder / name).write_bytes(data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_")}
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "--no-cache", *args, name],
        cwd=folder,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    return [e for e in json.loads(proc.stdout) if "type" not in e]


def where(findings: list[dict[str, Any]]) -> list[tuple]:
    """What a finding says and where, without the path."""
    return sorted(
        (
            f["code"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            json.dumps(f.get("cell"), sort_keys=True),
            f["message"],
        )
        for f in findings
    )
