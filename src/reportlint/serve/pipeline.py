"""What is run for each uploaded file, and for the whole upload, by the CLI.

Per file, in the job's own result cache (so the later runs are cache hits):

1. ``--format json`` (the findings the page shows), with ``--annotate`` when the format
   has an annotated copy (Word comments, PDF notes);
2. ``--format html``: that file's HTML audit report (findings with quoted lines, tables
   二/三/四 with cells highlighted), which the page shows in a sandboxed frame;
3. ``--fix`` on a copy, when a finding has a safe fix: the fixed copy.

After the last file, ``--format xlsx`` and ``--format html`` over all of them.

Every run is ``python -m reportlint check`` in the job's ``in/`` folder with the files
named ``001.docx``…: the same folder search for last year's report, the same results as
a check of those files on the command line. Every run has ``--file-names`` (the job's
``file-names.json``: ``001.docx`` → the uploaded name), so its outputs — findings,
reports, workbook, messages naming last year's report — name the files as uploaded,
while nothing of an uploaded name is ever used on disk.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import field
from typing import Any

from reportlint.annotate import default_output_path, supported
from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.readers import kind_for
from reportlint.serve import messages
from reportlint.serve.runner import CheckRunner, RunResult
from reportlint.serve.settings import ServeSettings
from reportlint.serve.uploads import INPUT_DIR

CONFIG_NAME = "config.yaml"
NAMES_NAME = "file-names.json"
CACHE_DIR = "cache"
OUTPUT_DIR = "out"
FIX_DIR = "fix"
# Formats whose --fix writes a fixed copy: .txt/.md in place (here: a copy of the
# upload), .docx as tracked changes in `<name>.reportlint.docx`.
FIXABLE_KINDS = ("text", "markdown", "docx")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class CheckOptions:
    """The form's options, already validated."""

    lang: str = "zh"
    year: int | None = None
    kind: str | None = None
    rules: tuple[str, ...] = ()  # rule categories; empty: the default rule set


@dataclass
class FileOutcome:
    """What the runs gave for one file."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    error: Text | str | None = None  # a Text of the server's, or the CLI's own message
    report: bytes | None = None
    annotated: bytes | None = None
    annotated_suffix: str = ""
    fixed: bytes | None = None
    fixed_suffix: str = ""

    def size(self) -> int:
        return sum(len(b) for b in (self.report, self.annotated, self.fixed) if b) + 512 * len(self.findings)


def write_names(job_dir: str, names: dict[str, str]) -> None:
    """The ``--file-names`` of the runs: each file as the runs name it → its uploaded name."""
    with open(os.path.join(job_dir, NAMES_NAME), "w", encoding="utf-8") as f:
        json.dump(names, f, ensure_ascii=False)


def write_config(job_dir: str, options: CheckOptions) -> None:
    """``report: {year, kind}`` for the runs (``--config``: no configuration found
    above the temporary folder ever applies)."""
    report = {k: v for k, v in (("year", options.year), ("kind", options.kind)) if v is not None}
    text = "report:\n" + "".join(f"  {k}: {v}\n" for k, v in report.items()) if report else "{}\n"
    with open(os.path.join(job_dir, CONFIG_NAME), "w", encoding="utf-8") as f:
        f.write(text)


class Pipeline:
    """The CLI runs of one job (``job_dir``)."""

    def __init__(
        self,
        job_dir: str,
        options: CheckOptions,
        settings: ServeSettings,
        runner: CheckRunner,
        previous: tuple[str, str] | None = None,
        names: dict[str, str] | None = None,
    ):
        """``previous``: last year's report (its path in the job directory, its uploaded
        name); ``names``: each file as the runs name it (``001.docx``) → its uploaded name."""
        self.job_dir = job_dir
        self.options = options
        self.settings = settings
        self.runner = runner
        # last year's report: relative to the job directory, as the runs name it (from in/)
        self.previous = os.path.join("..", previous[0]) if previous else None
        # a file as the runs name it → its uploaded name (the runs' --file-names)
        display_names = dict(names or {})
        if self.previous is not None and previous is not None:
            display_names[self.previous] = previous[1]
        for sub in (CACHE_DIR, OUTPUT_DIR, FIX_DIR):
            os.makedirs(os.path.join(job_dir, sub), 0o700, exist_ok=True)
        write_config(job_dir, options)
        write_names(job_dir, display_names)

    def common_args(self) -> list[str]:
        s, o = self.settings, self.options
        args = [
            "check",
            "--lang",
            o.lang,
            "--config",
            os.path.join("..", CONFIG_NAME),
            "--file-names",
            os.path.join("..", NAMES_NAME),
            "--cache-dir",
            os.path.join("..", CACHE_DIR),
            "--no-color",
            "--jobs",
            "1",
            "--time-limit",
            f"{s.time_limit_seconds:g}",
            "--memory-limit",
            str(s.memory_limit_bytes),
            "--max-file-size",
            str(s.max_upload_bytes),
        ]
        for category in o.rules:
            args += ["--select", category]
        if self.previous is not None:
            args += ["--previous", self.previous]
        return args

    async def _run(
        self, cwd: str, extra: list[str], files: list[str], started: Callable[[], None] | None = None
    ) -> RunResult:
        args = [*self.common_args(), *extra, "--", *files]
        timeout = self.settings.wall_clock_seconds(len(files))
        return await self.runner.run(args, os.path.join(self.job_dir, cwd), timeout, started)

    def _out(self, name: str) -> str:
        return os.path.join("..", OUTPUT_DIR, name)

    def _read(self, name: str) -> bytes | None:
        path = os.path.join(self.job_dir, OUTPUT_DIR, name)
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    async def check_file(self, index: int, path: str, started: Callable[[], None] | None = None) -> FileOutcome:
        """The runs of one file (``path``: ``in/001.docx``); ``started`` is called when
        its first run starts."""
        outcome = FileOutcome()
        name = os.path.basename(path)
        kind = kind_for(name)
        stem = f"{index:03d}"
        extra = ["--format", "json", "-o", self._out(stem + ".json")]
        annotated_name = None
        if supported(kind):
            assert kind is not None
            copy_name = default_output_path(name, kind)
            annotated_name = stem + ".annotated" + os.path.splitext(copy_name)[1]
            extra += ["--annotate", "--annotate-output", self._out(annotated_name)]
        result = await self._run(INPUT_DIR, extra, [name], started)
        if not self._take_findings(outcome, result, stem + ".json"):
            return outcome
        if annotated_name is not None and outcome.findings:  # a copy with no comment is the upload
            outcome.annotated = self._read(annotated_name)
            outcome.annotated_suffix = os.path.splitext(annotated_name)[1]
        html = await self._run(INPUT_DIR, ["--format", "html", "-o", self._out(stem + ".html")], [name])
        if not html.killed:
            outcome.report = self._read(stem + ".html")
        if kind in FIXABLE_KINDS and any((f.get("fix") or {}).get("safe") for f in outcome.findings):
            assert kind is not None
            await self._fix(outcome, path, kind, stem)
        return outcome

    def _take_findings(self, outcome: FileOutcome, result: RunResult, json_name: str) -> bool:
        """The findings of the json run into ``outcome``; False when the file was not
        checked (``outcome.error`` says why)."""
        if result.killed:
            outcome.error = messages.KILLED.format(s=self.settings.wall_clock_seconds(1))
            return False
        data = self._read(json_name)
        elements: list[Any] = []
        if data is not None:
            try:
                loaded = json.loads(data)
                elements = loaded if isinstance(loaded, list) else []
            except ValueError:
                elements = []
        if data is None or not elements:
            why = last_line(result.stderr)
            outcome.error = messages.CHECK_FAILED.format(why=why) if why else messages.NO_OUTPUT
            return False
        for element in elements:
            if not isinstance(element, dict) or "type" in element:
                continue  # the per-report records, coverage…: not findings
            if element.get("status") == "not-checked":
                outcome.error = str(element.get("reason") or "")
                return False
            outcome.findings.append(element)  # named as uploaded by the run (--file-names)
        return True

    async def _fix(self, outcome: FileOutcome, path: str, kind: str, stem: str) -> None:
        """``--fix`` on a copy in ``fix/``: .txt/.md are fixed in that copy, a .docx gets
        ``<copy>.reportlint.docx`` with the fixes as tracked changes."""
        name = os.path.basename(path)
        copy = os.path.join(self.job_dir, FIX_DIR, name)
        shutil.copyfile(os.path.join(self.job_dir, path), copy)
        result = await self._run(FIX_DIR, ["--fix", "--format", "json", "-o", self._out(stem + ".fix.json")], [name])
        if result.killed:
            return
        fixed_path = copy if kind != "docx" else os.path.join(self.job_dir, FIX_DIR, default_output_path(name, kind))
        try:
            with open(fixed_path, "rb") as f:
                fixed = f.read()
            with open(os.path.join(self.job_dir, path), "rb") as f:
                original = f.read()
        except OSError:
            return
        if fixed != original:
            outcome.fixed = fixed
            outcome.fixed_suffix = os.path.splitext(fixed_path)[1]

    async def batch_output(self, fmt: str, names: list[str]) -> bytes | None:
        """``--format xlsx|html`` over every file of the upload (cache hits)."""
        if not names:
            return None
        out = f"all.{fmt}"
        result = await self._run(INPUT_DIR, ["--format", fmt, "-o", self._out(out)], names)
        return None if result.killed else self._read(out)


def last_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[-1].removeprefix("reportlint: ")


def counts_of(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        severity = f.get("severity")
        if severity in counts:
            counts[severity] += 1
    return counts
