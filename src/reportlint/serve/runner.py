"""Running ``python -m reportlint check …`` as a subprocess: the server's process pool.

A check through the page is a check on the command line, in a process of its own: a
hostile file can crash or exhaust only that process. At most ``workers`` run at once (an
asyncio semaphore; the event loop only waits on them). Each runs in a session of its
own, so the wall-clock kill takes the CLI's own worker processes with it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Callable

from reportlint.core.lazy_dataclass import dataclass

# stderr kept per run: the CLI writes one line per problem; a flood is cut, not buffered.
MAX_STDERR_BYTES = 64 * 1024
# Environment variables that would change what the subprocess does: a resident server
# answering in its place, a language or colour other than the request's.
DROPPED_ENV = ("REPORTLINT_SERVER", "REPORTLINT_LANG", "FORCE_COLOR", "REPORTLINT_NO_CACHE")


@dataclass(frozen=True)
class RunResult:
    returncode: int | None  # None: killed at the wall-clock limit
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode is None


def child_env() -> dict[str, str]:
    """The subprocess's environment: UTF-8 everywhere, no colour, no resident server."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"})
    return env


class CheckRunner:
    """Runs CLI commands, ``workers`` at a time."""

    def __init__(self, python: str, workers: int):
        self.python = python
        self.workers = max(1, workers)
        self._semaphore: asyncio.Semaphore | None = None
        self._running: set[asyncio.subprocess.Process] = set()

    @property
    def semaphore(self) -> asyncio.Semaphore:
        # made on first use, inside the event loop that serves the app
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.workers)
        return self._semaphore

    async def run(
        self, args: list[str], cwd: str, timeout: float, started: Callable[[], None] | None = None
    ) -> RunResult:
        """``python -m reportlint *args`` in ``cwd`` (no shell), killed after ``timeout``
        seconds; ``started`` is called when a worker is free and the process starts."""
        async with self.semaphore:
            proc = await asyncio.create_subprocess_exec(
                self.python,
                "-m",
                "reportlint",
                *args,
                cwd=cwd,
                env=child_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            self._running.add(proc)
            if started is not None:
                started()
            try:
                stderr = await asyncio.wait_for(_read_capped(proc), timeout)
                returncode: int | None = await proc.wait()
            except TimeoutError:
                kill_group(proc)
                await proc.wait()
                return RunResult(None, "")
            except BaseException:  # cancelled (server shutting down): no orphan left behind
                kill_group(proc)
                raise
            finally:
                self._running.discard(proc)
            # the CLI's own workers are its children, in its session: none may outlive it
            kill_group(proc)
            return RunResult(returncode, stderr)

    def kill_all(self) -> None:
        for proc in list(self._running):
            kill_group(proc)


async def _read_capped(proc: asyncio.subprocess.Process) -> str:
    assert proc.stderr is not None
    kept = bytearray()
    while chunk := await proc.stderr.read(65536):
        if len(kept) < MAX_STDERR_BYTES:
            kept += chunk[: MAX_STDERR_BYTES - len(kept)]
    await proc.wait()
    return kept.decode("utf-8", "replace")


def kill_group(proc: asyncio.subprocess.Process) -> None:
    """SIGKILL to the subprocess's whole process group (its session); where there are
    no process groups (Windows), the subprocess itself."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        elif proc.returncode is None:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
