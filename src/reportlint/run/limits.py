"""The per-file limits: a time limit (an interval timer) and a memory cap.

Their own module because both the engine (which names the memory cap when a file runs
out of memory) and the batch runner (which sets the limits up) need them, and the
batch runner is built on the engine: kept in ``batch.py`` they made the two import
each other.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager

DEFAULT_TIME_LIMIT = 60.0  # seconds per file (--time-limit)
DEFAULT_MEMORY_LIMIT = 2 * 1024**3  # bytes of address space per file (--memory-limit)


class FileTimeLimit(BaseException):
    """Raised by the interval timer in the middle of checking a file. A BaseException,
    so the engine's catch-all for internal errors does not turn it into one."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds  # the limit that ran out, for the message


def _interval_timer_usable(seconds: float | None) -> bool:
    # POSIX only, and signals reach only the main thread
    return bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _alarm(seconds: float, error: type[FileTimeLimit]):
    """Raise ``error(seconds)`` in the block after ``seconds`` by the interval timer."""

    def expired(signum, frame):
        raise error(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float | None):
    """Stop the block with :class:`FileTimeLimit` after ``seconds`` (where an interval
    timer exists: POSIX, main thread; elsewhere the worker kill still holds)."""
    if seconds is None or not _interval_timer_usable(seconds):
        yield
        return
    with _alarm(seconds, FileTimeLimit):
        yield


class NeighbourTimeLimit(FileTimeLimit):
    """The time limit of another report read while checking this one (last year's
    report, a candidate for it) ran out: that report is passed over, the check goes on."""


@contextmanager
def time_limit_of_its_own(seconds: float | None):
    """Run the block — reading a neighbour report — on a clock of its own: the time
    limit of the file being checked stops meanwhile and goes on afterwards with the time
    it had left, so a folder search through thousands of reports is not charged to
    whichever file first walks past them. :class:`NeighbourTimeLimit` after ``seconds``."""
    if seconds is None or not _interval_timer_usable(seconds):
        yield
        return
    left, _ = signal.getitimer(signal.ITIMER_REAL)
    try:
        with _alarm(seconds, NeighbourTimeLimit):
            yield
    finally:
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left)


_memory_capped = False


def memory_capped() -> bool:
    """Whether this process runs under the per-file memory cap (a worker)."""
    return _memory_capped


def cap_memory(limit: int | None) -> None:
    """Cap this worker's address space at its present size plus ``limit``."""
    global _memory_capped
    if not limit:
        return
    try:
        import resource
    except ImportError:  # Windows: only the time limit holds
        return
    try:
        with open("/proc/self/statm", "rb") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        current = 1024**3  # no /proc (macOS): a generous guess of the interpreter's size
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + limit
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        _memory_capped = True
    except (ValueError, OSError):
        pass
