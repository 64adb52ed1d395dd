"""Check many files: serially or in worker processes, with the result cache, and
with bounded work per file.

Results come back in the order the files were given, whatever order the workers
finish in, so output is deterministic. Each result is compacted (only the source
lines a finding points at) before it crosses back, so a run over ten thousand
reports holds little more than its findings.

Bounded work per file (issue 11). Every file gets a time limit; files checked in a
worker process also get a memory limit:

* A small .txt/.md/.html file in a serial run is checked in this process (no process
  start-up for the common pre-commit case). An interval timer (``SIGALRM``) stops its
  checking at the time limit — Python code and the ``re`` engine both check for
  signals, so that covers every reader and rule on such a file. Its memory is not
  capped: all the work on it is linear in a size below :data:`ISOLATE_MIN_BYTES`.
* Every other file — larger ones, .pdf and .docx (compressed: small on disk, big
  inside), every file with ``-j N``, every file once ``--memory-limit`` is given — is
  checked in a worker process. The worker caps its own address space
  (``RLIMIT_AS``: its size at start plus the memory limit), so an allocation past it
  is a ``MemoryError`` reported for that file; it runs the same timer, and this
  process kills it (``SIGKILL``) if it has not answered shortly after the time limit.
* A worker that dies (killed by a signal, a crash in a C extension, the OOM killer)
  costs one file: that file is checked once more in a fresh worker, and if that one
  dies too the file gets an error; the run goes on.
"""

from __future__ import annotations

import json
import os
import signal
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlint.core.errors import ReportlintError, memory_limit_error, time_limit_error, worker_died_error
from reportlint.core.results import FileResult
from reportlint.run.engine import Linter, LintOptions
from reportlint.run.limits import FileTimeLimit, cap_memory, time_limit

# Below this many files a process pool costs more than it saves (benchmarks/bench_batch.py).
PARALLEL_MIN_FILES = 16
# Text files up to this size are checked in-process in a serial run; real reports are
# 10–100 KB of text, and work linear in 256 KB stays far below any sane memory limit.
ISOLATE_MIN_BYTES = 256 * 1024
ALWAYS_ISOLATED_SUFFIXES = (".pdf", ".docx")
# How long past the time limit a worker may take to stop by itself before it is killed.
KILL_GRACE_SECONDS = 2.0


@dataclass
class BatchSpec:
    """Everything a worker process needs to rebuild the same Linter (picklable)."""

    config: str | None = None
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    no_plugins: bool = False
    options: LintOptions = field(default_factory=LintOptions)
    cache_root: str | None = None  # None: no result cache


class Checker:
    """A Linter plus the result cache: what each process (or the serial run) uses."""

    def __init__(self, spec: BatchSpec, registry=None, loader=None):
        from reportlint.config import ConfigLoader
        from reportlint.plugins.manager import load_registry

        self.registry = registry or load_registry(spec.no_plugins)
        self.loader = loader or ConfigLoader(
            spec.config, select=spec.select, extend_select=spec.extend_select, ignore=spec.ignore
        )
        self.linter = Linter(self.registry, self.loader, spec.options)
        self.cache = None
        if spec.cache_root is not None and not spec.options.fix:
            from reportlint.run.cache import ResultCache

            self.cache = ResultCache(spec.cache_root)
        self.spec = spec
        self._fingerprints: dict[tuple, str] = {}
        self._ruleset: str | None = None

    def check(self, path: str) -> FileResult:
        if self.cache is None:
            return self._lint(path)
        key = self._cache_key(path)
        if key is None:
            return self._lint(path)
        hit = self.cache.get(key, path)
        if hit is not None:
            return hit
        result = self._lint(path)
        if result.error is None:
            self.cache.put(key, result)
        return result

    def check_data(self, path: str, data: bytes) -> FileResult:
        """A report given as bytes (stdin), under the same time limit."""
        return self._lint(path, data)

    def _lint(self, path: str, data: bytes | None = None) -> FileResult:
        limit = self.spec.options.time_limit
        try:
            with time_limit(limit):
                return self.linter.lint_path(path, data=data).compact()
        except FileTimeLimit as stop:
            return FileResult(path=path, error=time_limit_error(path, stop.seconds))

    def _cache_key(self, path: str) -> str | None:
        from reportlint import readers
        from reportlint.config import effective_settings
        from reportlint.core.errors import ReportlintError
        from reportlint.run import cache

        store = self.cache
        if store is None:
            return None  # no result cache, no key
        try:
            settings = self.linter.settings_for(path)
            limit = self.spec.options.max_file_size or settings.max_file_size or readers.DEFAULT_MAX_BYTES
            data = readers.read_bytes(path, limit)
        except ReportlintError:
            return None  # the linter reports it; errors are never cached
        rules = settings.rules_for(path)
        # The settings differ between files of one configuration only in which rules
        # run (per-file-ignores): fingerprint once per (configuration, rule set).
        memo_key = (id(settings), tuple(r.code for r in rules))
        fingerprint = self._fingerprints.get(memo_key)
        if fingerprint is None:
            fingerprint = json.dumps(
                effective_settings(settings, path), sort_keys=True, ensure_ascii=False, default=str
            )
            self._fingerprints[memo_key] = fingerprint
        neighbours = ""
        extra = f"tables={self.spec.options.collect_tables}|force-report={self.spec.options.force_report}"
        if any(r.needs_previous for r in rules):
            from reportlint.run.previous_year import option_path

            neighbours = cache.neighbours_fingerprint(os.path.dirname(os.path.abspath(path)))
            # Last year's report as the engine will resolve it: --previous, else each
            # rule's `previous` option; its content is part of the result.
            named = (
                [self.spec.options.previous]
                if self.spec.options.previous
                else sorted(
                    {
                        str(r.opts.get(r.PREVIOUS_OPTION))
                        for r in rules
                        if r.needs_previous and r.opts.get(r.PREVIOUS_OPTION)
                    }
                )
            )
            for option in named:
                previous = option if self.spec.options.previous else option_path(option, path)
                if previous is None:
                    continue  # names no file: the rule gets no previous report
                try:
                    with open(previous, "rb") as fh:
                        extra += "|" + store.key(fh.read(), "", "")
                except OSError:
                    return None
        return store.key(data, fingerprint, self._ruleset_fingerprint(), neighbours, extra)

    def _ruleset_fingerprint(self) -> str:
        """The rule set's part of every key: once per process (the installed plugins do
        not change under a running check)."""
        if self._ruleset is None:
            from reportlint.plugins.manager import BUILTIN_PLUGIN, plugin_versions
            from reportlint.run import cache

            names = set(self.registry.origin.values()) - {BUILTIN_PLUGIN}
            # importlib.metadata is slow to import: asked only when there are plugins
            versions = plugin_versions(names) if names else {}
            self._ruleset = cache.ruleset_fingerprint(tuple(f"{n}={v}" for n, v in versions.items()))
        return self._ruleset


# -- bounded work (the limits themselves: limits.py) ------------------------------------
def needs_isolation(path: str, options: LintOptions) -> bool:
    """Whether a file of a serial run is checked in a worker process."""
    if options.memory_limit_given:
        return True
    if path.lower().endswith(ALWAYS_ISOLATED_SUFFIXES):
        return True
    try:
        return os.stat(path).st_size > ISOLATE_MIN_BYTES
    except OSError:
        return False  # missing, unreadable…: the reader reports it, in-process


# -- worker processes --------------------------------------------------------------------
_inherited: Checker | None = None  # the parent's Checker, inherited by forked workers


def _worker_main(conn, spec: BatchSpec) -> None:
    """A worker: check the paths it is sent, one at a time, until told to stop."""
    # The parent handles Ctrl-C and kills workers; a worker must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    checker = _inherited if _inherited is not None else Checker(spec)
    cap_memory(spec.options.memory_limit)
    diffs = checker.linter.options.diffs
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        del diffs[:]
        try:
            result = checker.check(path)
        except MemoryError:
            result = FileResult(path=path, error=memory_limit_error(path, spec.options.memory_limit))
        except Exception as exc:  # never lose the worker to one file
            result = FileResult(path=path, error=ReportlintError(_internal(exc), path))
        try:
            conn.send((index, result, list(diffs)))
        except MemoryError:
            conn.send((index, FileResult(path=path, error=memory_limit_error(path, spec.options.memory_limit)), []))
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send((index, FileResult(path=path, error=ReportlintError(_internal(exc), path)), []))


def _internal(exc: BaseException):
    from reportlint.core.i18n import T

    return T(
        "内部错误（请附上此文件报告问题；加 --debug 查看详情）：{d}",
        "internal error (please report it with this file; --debug shows details): {d}",
    ).format(d=f"{type(exc).__name__}: {exc}")


def _how_it_died(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit status {exitcode}"


class _Worker:
    def __init__(self, context, spec: BatchSpec):
        parent_end, child_end = context.Pipe()
        self.conn = parent_end
        self.process = context.Process(target=_worker_main, args=(child_end, spec), daemon=True)
        self.process.start()
        child_end.close()
        self.task: tuple[int, str] | None = None
        self.deadline: float | None = None

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, AttributeError):
            pass
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """Worker processes that each check one file at a time, watched by this process:
    a worker past the time limit is killed, a dead worker replaced, and each lost file
    checked once more or given an error — never the whole run lost."""

    def __init__(self, spec: BatchSpec, checker: Checker | None, size: int):
        import multiprocessing

        global _inherited
        method = start_method()
        self.context = multiprocessing.get_context(method)
        self.spec = spec
        self.size = max(1, size)
        if method == "fork":
            _inherited = checker  # no need to load plugins and configuration again
        self.workers: list[_Worker] = []
        self.options = spec.options

    def _hard_deadline(self) -> float | None:
        import time

        limit = self.options.time_limit
        if not limit:
            return None
        return time.monotonic() + limit + max(KILL_GRACE_SECONDS, limit * 0.1)

    def map(self, files: list[str]) -> Iterator[FileResult]:
        """Results for ``files``, in order."""
        import time
        from multiprocessing.connection import wait

        pending = deque(enumerate(files))
        retried: set[int] = set()
        done: dict[int, FileResult] = {}
        next_out = 0
        idle = [w for w in self.workers if w.task is None]  # kept from an earlier call
        finished = False
        try:
            while next_out < len(files):
                # Hand out work: idle workers first, new ones up to the pool size.
                while pending and (idle or len(self.workers) < self.size):
                    worker = idle.pop() if idle else self._start()
                    index, path = pending.popleft()
                    try:
                        worker.conn.send((index, path))
                    except (OSError, ValueError):  # died while idle: try again in another
                        pending.appendleft((index, path))
                        self._discard(worker)
                        continue
                    worker.task = (index, path)
                    worker.deadline = self._hard_deadline()
                busy = [w for w in self.workers if w.task is not None]
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
                now = time.monotonic()
                for worker in busy:
                    if worker.task is None:  # never: busy holds the workers with a task
                        continue
                    index, path = worker.task
                    if worker.conn in ready or worker.process.sentinel in ready:
                        message = None
                        try:
                            if worker.conn.poll():
                                message = worker.conn.recv()
                        except (EOFError, OSError):
                            message = None
                        except Exception as exc:  # a result that cannot be unpickled
                            message = (index, FileResult(path=path, error=ReportlintError(_internal(exc), path)), [])
                        if message is not None:
                            _, result, diffs = message
                            self.options.diffs.extend(diffs)
                            done[index] = result
                            worker.task = worker.deadline = None
                            idle.append(worker)
                            continue
                        # The worker died with this file: once more in a fresh one, then an error.
                        worker.process.join(5)
                        how = _how_it_died(worker.process.exitcode)
                        self._discard(worker)
                        if index in retried:
                            done[index] = FileResult(path=path, error=worker_died_error(path, how))
                        else:
                            retried.add(index)
                            pending.appendleft((index, path))
                    # (a deadline is only ever set under a time limit)
                    elif worker.deadline is not None and self.options.time_limit and now >= worker.deadline:
                        self._discard(worker)
                        done[index] = FileResult(path=path, error=time_limit_error(path, self.options.time_limit))
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
            finished = True
        finally:
            if not finished:  # interrupted, or the consumer stopped: no worker outlives it
                self.close()

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.spec)
        self.workers.append(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        if worker in self.workers:
            self.workers.remove(worker)

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()
        self.workers = []


START_METHOD_ENV = "REPORTLINT_START_METHOD"


def start_method() -> str:
    """How worker processes start: ``fork`` where it exists (workers inherit the loaded
    rules and configuration), else ``spawn`` (Windows: each worker rebuilds its Checker
    from the picklable :class:`BatchSpec`). ``REPORTLINT_START_METHOD=spawn`` forces the
    Windows path anywhere, to test it."""
    import multiprocessing

    available = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if wanted:
        if wanted not in available:
            from reportlint.core.errors import UsageError
            from reportlint.core.i18n import T

            raise UsageError(
                T("环境变量 {e} 的值无效：{v}（可选：{a}）", "invalid {e}: {v} (choose one of: {a})").format(
                    e=START_METHOD_ENV, v=wanted, a=", ".join(available)
                )
            )
        return wanted
    return "fork" if "fork" in available else "spawn"


def default_jobs(n_files: int) -> int:
    return 1 if n_files < PARALLEL_MIN_FILES else max(1, os.cpu_count() or 1)


def run(spec: BatchSpec, files: list[str], jobs: int, checker: Checker | None = None) -> Iterator[FileResult]:
    """Results for ``files``, in order."""
    jobs = max(1, min(jobs, len(files))) if files else 1
    checker = checker or Checker(spec)
    pool: WorkerPool | None = None
    try:
        if jobs > 1:
            pool = WorkerPool(spec, checker, jobs)
            yield from pool.map(files)
            return
        for path in files:
            if needs_isolation(path, spec.options):
                pool = pool or WorkerPool(spec, checker, 1)
                yield from pool.map([path])
            else:
                yield checker.check(path)
    finally:
        if pool is not None:
            pool.close()


def apply_limits(options: LintOptions, time_limit: str | None, memory_limit: str | None) -> None:
    """``--time-limit 30`` / ``--memory-limit 1GB`` (``0``: no limit) onto ``options``."""
    from reportlint.core.errors import UsageError
    from reportlint.core.i18n import T

    if time_limit is not None:
        try:
            seconds = float(time_limit.strip().lower().removesuffix("s"))
            if not seconds >= 0 or seconds == float("inf"):
                raise ValueError
        except ValueError:
            raise UsageError(
                T(
                    "--time-limit 的值无效：{v}（秒数，例如 60；0 表示不限）",
                    "invalid --time-limit: {v} (seconds, e.g. 60; 0: no limit)",
                ).format(v=time_limit)
            ) from None
        options.time_limit = seconds or None
    if memory_limit is not None:
        size = _parse_memory(memory_limit)
        if size is None:
            raise UsageError(
                T(
                    "--memory-limit 的值无效：{v}（例如 1GB、500MB；0 表示不限）",
                    "invalid --memory-limit: {v} (e.g. 1GB, 500MB; 0: no limit)",
                ).format(v=memory_limit)
            )
        options.memory_limit = size or None
        options.memory_limit_given = bool(size)


def _parse_memory(value: str) -> int | None:
    """``2GB`` / ``500MB`` → bytes, ``0`` → 0 (no limit); None when not a size."""
    from reportlint.config.schema import parse_size

    if value.strip().upper().rstrip("KMGIB ") in ("0", "0.0"):
        return 0
    return parse_size(value)
