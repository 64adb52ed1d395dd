"""Check jobs: one per upload, held in memory, checked file by file, then dropped.

A job's files are checked as the process pool allows (:mod:`reportlint.serve.runner`);
its progress is what ``GET /api/jobs/<id>`` shows. When the last file is done the job's
outputs are read into memory and its directory is deleted: the uploads never outlive
the check. Results are kept ``keep_minutes``, dropped earlier by ``DELETE`` or when the
outputs of all jobs pass ``max_retained_bytes`` (oldest first).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
from dataclasses import field
from typing import Any

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.serve.pipeline import CheckOptions, FileOutcome, Pipeline, counts_of
from reportlint.serve.runner import CheckRunner
from reportlint.serve.settings import ServeSettings
from reportlint.serve.uploads import SavedFile

QUEUED, RUNNING, DONE, ERROR, SKIPPED = "queued", "running", "done", "error", "skipped"


@dataclass
class FileState:
    saved: SavedFile
    status: str = QUEUED
    outcome: FileOutcome = field(default_factory=FileOutcome)

    def __post_init__(self) -> None:
        if self.saved.path is None:
            self.status = SKIPPED if self.saved.skipped else ERROR
            self.outcome.error = self.saved.error


@dataclass
class Job:
    id: str
    options: CheckOptions
    files: list[FileState]
    job_dir: str | None
    state: str = QUEUED
    xlsx: bytes | None = None
    html: bytes | None = None
    done_at: float | None = None
    task: asyncio.Task | None = None

    @property
    def lang(self) -> str:
        return self.options.lang

    def retained_bytes(self) -> int:
        return sum(f.outcome.size() for f in self.files) + len(self.xlsx or b"") + len(self.html or b"")

    def file(self, index: int) -> FileState | None:
        return next((f for f in self.files if f.saved.index == index), None)

    def to_json(self, lang: str) -> dict[str, Any]:
        url = f"/api/jobs/{self.id}"
        checkable = [f for f in self.files if f.saved.path is not None]
        finished = self.state == DONE
        return {
            "id": self.id,
            "state": self.state,
            "total": len(checkable),
            "done": sum(f.status in (DONE, ERROR) for f in checkable),
            "lang": self.lang,
            "files": [_file_json(f, url, lang) for f in self.files],
            # offered once the job is done: the workbook is made before the HTML report,
            # and a page that saw a link would say the check is over while it is not
            "downloads": {
                "xlsx": f"{url}/findings.xlsx" if finished and self.xlsx is not None else None,
                "html": f"{url}/report.html" if finished and self.html is not None else None,
            },
        }


def _file_json(f: FileState, job_url: str, lang: str) -> dict[str, Any]:
    o = f.outcome
    url = f"{job_url}/files/{f.saved.index}"
    error = o.error.get(lang) if isinstance(o.error, Text) else o.error
    finished = f.status == DONE
    return {
        "index": f.saved.index,
        "name": f.saved.name,
        "status": f.status,
        "counts": counts_of(o.findings) if finished else None,
        "findings": o.findings if finished else [],
        "error": error,
        "report": f"{url}/report.html" if o.report is not None else None,
        "annotated": f"{url}/annotated" if o.annotated is not None else None,
        "fixed": f"{url}/fixed" if o.fixed is not None else None,
    }


class JobRegistry:
    """The jobs of this server process."""

    def __init__(self, settings: ServeSettings, runner: CheckRunner):
        self.settings = settings
        self.runner = runner
        self.jobs: dict[str, Job] = {}

    def full(self) -> bool:
        self.sweep()
        return len(self.jobs) >= self.settings.max_jobs

    def start(
        self,
        job_dir: str,
        files: list[SavedFile],
        options: CheckOptions,
        previous: tuple[str, str] | None,
    ) -> Job:
        """A job for the saved ``files`` (``previous``: last year's report's path and
        display name), checked from now on."""
        job = Job(secrets.token_urlsafe(18), options, [FileState(f) for f in files], job_dir)
        self.jobs[job.id] = job
        names = {os.path.basename(f.path): f.name for f in files if f.path is not None}
        pipeline = Pipeline(job_dir, options, self.settings, self.runner, previous, names)
        job.task = asyncio.create_task(self._run(job, pipeline))
        return job

    async def _run(self, job: Job, pipeline: Pipeline) -> None:
        try:
            await asyncio.gather(*(self._check(job, f, pipeline) for f in job.files if f.saved.path is not None))
            # the files checked: one that could not be (a hostile file, a time limit) is
            # listed on the page with its reason, never checked twice more
            names = [os.path.basename(f.saved.path) for f in job.files if f.saved.path and f.status == DONE]
            job.xlsx = await pipeline.batch_output("xlsx", names)
            reports = [f.outcome.report for f in job.files if f.outcome.report is not None]
            if len(names) == 1 and reports:
                job.html = reports[0]  # the audit report of one file is that file's report
            else:
                job.html = await pipeline.batch_output("html", names)
        finally:
            self._remove_dir(job)
            job.state = DONE
            job.done_at = self.settings.clock()
        self._cap_memory(keep=job.id)

    async def _check(self, job: Job, f: FileState, pipeline: Pipeline) -> None:
        assert f.saved.path is not None

        def started() -> None:
            f.status = job.state = RUNNING

        try:
            f.outcome = await pipeline.check_file(f.saved.index, f.saved.path, started)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a failure of the server's own: that file only
            f.outcome = FileOutcome(error=f"{type(exc).__name__}: {exc}")
        f.status = ERROR if f.outcome.error is not None else DONE

    def _remove_dir(self, job: Job) -> None:
        if job.job_dir is not None:
            shutil.rmtree(job.job_dir, ignore_errors=True)
            job.job_dir = None

    def get(self, job_id: str) -> Job | None:
        self.sweep()
        return self.jobs.get(job_id)

    def delete(self, job_id: str) -> bool:
        job = self.jobs.pop(job_id, None)
        if job is None:
            return False
        if job.task is not None and not job.task.done():
            job.task.cancel()  # its subprocesses are killed, its directory removed
        else:
            self._remove_dir(job)
        return True

    def sweep(self) -> None:
        """Drop the jobs done more than ``keep_minutes`` ago."""
        now = self.settings.clock()
        keep = self.settings.keep_minutes * 60
        for job_id, job in list(self.jobs.items()):
            if job.done_at is not None and now - job.done_at > keep:
                self.delete(job_id)

    def _cap_memory(self, keep: str) -> None:
        """Oldest done jobs dropped until the outputs held fit ``max_retained_bytes``."""
        done = sorted((j for j in self.jobs.values() if j.done_at is not None), key=lambda j: j.done_at or 0)
        total = sum(j.retained_bytes() for j in done)
        for job in done:
            if total <= self.settings.max_retained_bytes:
                break
            if job.id != keep:
                total -= job.retained_bytes()
                self.delete(job.id)

    async def close(self) -> None:
        """Server shutting down: every job cancelled, every directory removed."""
        tasks = [j.task for j in self.jobs.values() if j.task is not None and not j.task.done()]
        for task in tasks:
            task.cancel()
        self.runner.kill_all()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task
        for job in self.jobs.values():
            self._remove_dir(job)
        self.jobs.clear()
