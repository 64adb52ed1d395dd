"""Errors that end a run (or skip one file) with exit status 2.

Each carries the file it is about and a bilingual message, so the CLI can print
one clear line and never a traceback.
"""

from __future__ import annotations

from reportlint.core.i18n import Text


class ReportlintError(Exception):
    """Base class: a problem the user must fix, reported as one line, exit 2."""

    def __init__(self, message: Text, path: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self):
        # Results cross process boundaries in batch runs (-j): rebuild with all fields.
        return (type(self), (self.message, self.path, self.line, self.column))

    def render(self, lang: str) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = self.message.get(lang)
        return f"{where}: {text}" if where else text


class InputError(ReportlintError):
    """A file that cannot be read as a report (missing, binary, corrupt, too large, bad encoding)."""


class ConfigError(ReportlintError):
    """An invalid configuration file or option value."""


class UsageError(ReportlintError):
    """A command line that asks for something impossible (unknown rule code, bad option)."""


class LimitError(InputError):
    """A file whose checking went past the per-file time or memory limit (or whose
    worker process died): that file's result is lost, the run goes on."""


def format_bytes(n: int) -> str:
    """``2147483648`` → ``2 GiB``: limits are shown the way they are given."""
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} B"


def time_limit_error(path: str | None, seconds: float) -> LimitError:
    from reportlint.core.i18n import T

    return LimitError(
        T(
            "检查超过每个文件的时间上限（{s} 秒），已停止检查此文件；可用 --time-limit 调整",
            "checking this file went past the per-file time limit ({s} s) and was stopped; see --time-limit",
        ).format(s=f"{seconds:g}"),
        path,
    )


def memory_limit_error(path: str | None, limit: int | None) -> LimitError:
    from reportlint.core.i18n import T

    if limit is None:
        return LimitError(T("文件过大，内存不足", "file too large to process in memory"), path)
    return LimitError(
        T(
            "检查此文件需要的内存超过上限（{m}），已停止检查此文件；可用 --memory-limit 调整",
            "checking this file needed more memory than the per-file limit ({m}) and was stopped; see --memory-limit",
        ).format(m=format_bytes(limit)),
        path,
    )


def worker_died_error(path: str | None, how: str) -> LimitError:
    from reportlint.core.i18n import T

    return LimitError(
        T(
            "检查此文件的工作进程意外终止（{how}），重试后仍然如此；此文件没有结果",
            "the worker process checking this file died ({how}), also when retried; no result for this file",
        ).format(how=how),
        path,
    )
