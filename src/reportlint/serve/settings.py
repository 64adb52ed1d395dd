"""What one ``reportlint serve`` process allows: limits, the token, the workers."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import field

from reportlint.core.lazy_dataclass import dataclass

MB = 1024 * 1024
# Entries beyond this in one .zip refuse the upload: a folder of reports has tens, not thousands.
MAX_ZIP_ENTRIES = 1000
# A real report compresses a few times, a .docx's XML at most ~20x; far beyond is a bomb.
MAX_ZIP_RATIO = 100
# Below this size an entry's ratio says nothing (a page of blanks compresses 1000x).
ZIP_RATIO_FLOOR = 1 * MB
# Time for a subprocess's own start-up and output on top of the per-file time limit,
# before the wall-clock kill: the CLI stops a file at --time-limit itself; the kill is
# for a CLI that does not.
WALL_CLOCK_MARGIN_SECONDS = 30.0
# With --time-limit 0 (no per-file limit) a subprocess is still killed after this.
UNLIMITED_WALL_CLOCK_SECONDS = 3600.0


@dataclass(frozen=True)
class ServeSettings:
    """Everything the app reads; the CLI builds one from its options, tests build their own."""

    token: str | None = None  # None: no token needed (a loopback address)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)  # subprocesses at once
    max_files: int = 50  # files of one upload (direct or inside .zip files)
    max_upload_bytes: int = 100 * MB  # the whole request body
    time_limit_seconds: float = 60.0  # per file, passed to the CLI's --time-limit (0: none)
    memory_limit_bytes: int = 1024 * MB  # per file, the CLI's --memory-limit (0: none)
    keep_minutes: float = 30.0  # results kept in memory after a job is done
    lang: str = "zh"  # messages when a request does not say
    tmp_root: str | None = None  # where job directories are made (None: the system's)
    max_zip_entries: int = MAX_ZIP_ENTRIES
    max_unzipped_bytes: int = 500 * MB  # all entries of all .zip files of one upload
    max_zip_ratio: int = MAX_ZIP_RATIO
    max_retained_bytes: int = 1024 * MB  # outputs of done jobs held in memory, all jobs
    max_jobs: int = 200  # jobs queued, running or kept; beyond, uploads wait (503)
    wall_clock_margin_seconds: float = WALL_CLOCK_MARGIN_SECONDS
    python: str = sys.executable  # the interpreter that runs `python -m reportlint check`
    clock: Callable[[], float] = time.monotonic  # injectable for the expiry tests

    def limits(self) -> dict[str, int | float]:
        """The limits the page shows and ``/api/options`` returns."""
        return {
            "max_files": self.max_files,
            "max_upload_bytes": self.max_upload_bytes,
            "time_limit_seconds": self.time_limit_seconds,
            "memory_limit_bytes": self.memory_limit_bytes,
        }

    def wall_clock_seconds(self, n_files: int) -> float:
        """When a subprocess over ``n_files`` files is killed, whatever it is doing."""
        per_file = self.time_limit_seconds or UNLIMITED_WALL_CLOCK_SECONDS
        return per_file * max(1, n_files) + self.wall_clock_margin_seconds
