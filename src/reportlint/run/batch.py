"""Check many files: serially or in worker processes, with the result cache, and
with bounded work per file.

Results come back in the order the files were given, whatever order the workers
finish in, so output is deterministic. Each result is compacted (only the source
lines a finding points at) before it crosses back, so a run over ten thousand
reports holds little more than its findings.

With worker processes, this process looks each file up in the result cache first
(:meth:`Checker.lookup`) and hands a worker only the files it misses: a warm run
starts no worker and sends no result between processes. Before the checks, the
workers read the metas of the reports to be paired with last year's (each file's by
one worker, :meth:`WorkerPool.read_metas`), and every meta a worker learns goes to the
others with their next file: a folder's neighbours are read once in all, not once per
worker.

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
from collections.abc import Callable, Iterator
from dataclasses import field
from typing import Any

from reportlint.core.errors import ReportlintError, memory_limit_error, time_limit_error, worker_died_error
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.results import FileResult
from reportlint.run.engine import Linter, LintOptions
from reportlint.run.limits import FileTimeLimit, cap_memory, time_limit

# Below this many files a process pool costs more than it saves (benchmarks/bench_batch.py).
PARALLEL_MIN_FILES = 16
# Text files up to this size are checked in-process in a serial run; real reports are
# 10–100 KB of text, and work linear in 256 KB stays far below any sane memory limit.
ISOLATE_MIN_BYTES = 256 * 1024
ALWAYS_ISOLATED_SUFFIXES = (".pdf", ".docx")
# Metas read by a worker per task before a batch's checks (WorkerPool.read_metas).
METAS_PER_TASK = 16
# Files looked up in the cache ahead of the next result due (their results wait in memory).
LOOKAHEAD = 64
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


@dataclass
class _CacheBase:
    """A file's cache key before its cross-year pairing (see :meth:`Checker.check`)."""

    digest: str  # of the file's bytes
    parts: tuple[str, ...]  # rule set, settings, options that shape the result, last year's report as named
    pairs: bool  # a cross-year rule pairs the file by searching its folder
    limit: int  # the file's size limit


@dataclass
class _RuleSet:
    """What a file's cache key needs of the rules that run on it (see :meth:`Checker._rule_set`)."""

    fingerprint: str  # the effective settings
    cross_year: bool  # a rule needs last year's report
    previous_options: list[str]  # the `previous` options of those rules (files they name)
    folder_search: bool  # one of them has none: the folder is searched


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
        self._rule_sets: dict[tuple, _RuleSet] = {}
        self._ruleset: str | None = None
        if self.cache is not None:
            from reportlint.run.cache import FileDigests, MetaEntries

            self.digests = FileDigests()
            self.linter.meta_store = MetaEntries(self.cache, self._ruleset_fingerprint(), self.digests)

    def check(self, path: str, lookup: bool = True) -> FileResult:
        """``path``'s result: from the cache when an entry for exactly this input is
        there, else checked (and the entry written). ``lookup=False``: the cache is
        known to hold none (:meth:`lookup` missed in the parent process)."""
        if self.cache is None:
            return self._lint(path)
        base = self._cache_base(path)
        if base is None:
            return self._lint(path)
        if lookup:
            hit, _ = self._lookup(path, base, read_candidates=True)
            if hit is not None:
                return hit
        result = self._lint(path)
        if result.error is None:
            # The pairing the check made (every meta it needed is known now).
            pairing = self._pairing(path, base, read_own=True, read_candidates=True) if base.pairs else ""
            if pairing is not None:
                self.cache.put(self.cache.key(base.digest, *base.parts, pairing), result)
        return result

    def unpaired(self, path: str) -> bool:
        """Whether ``path`` is paired by a folder search and its meta is known neither
        to this run nor to the cache (so someone has to read it)."""
        from reportlint import readers
        from reportlint.core.errors import ReportlintError

        try:
            settings = self.linter.settings_for(path)
        except ReportlintError:
            return False
        if self.spec.options.previous or not self._rule_set(settings, path).folder_search:
            return False
        limit = self.spec.options.max_file_size or settings.max_file_size or readers.DEFAULT_MAX_BYTES
        return self.linter.previous_finder(limit).known(path) is None and os.path.isfile(path)

    def read_meta(self, path: str) -> None:
        """Read ``path``'s meta for cross-year pairing (under its own time limit: see
        :meth:`PreviousFinder.meta`)."""
        from reportlint import readers

        try:
            limit = self.spec.options.max_file_size or self.linter.settings_for(path).max_file_size
            self.linter.previous_finder(limit or readers.DEFAULT_MAX_BYTES).meta(path)
        except Exception:  # never lose the worker to one file: its check reports the problem
            pass

    def lookup(self, path: str) -> tuple[FileResult | None, bool]:
        """``path``'s result if the cache has it, looked up without reading any report's
        text but this file's bytes (metas come from this run or the cache), and whether
        a miss is sure: not when the pairing with last year's report needs a meta not
        known yet (checking the file then looks again, reading it). A batch's parent
        process serves warm files this way: no worker, no result sent between processes."""
        if self.cache is None:
            return None, False
        base = self._cache_base(path)
        if base is None:
            return None, True  # unreadable: the check reports it
        return self._lookup(path, base, read_candidates=False)

    def _lookup(self, path: str, base: _CacheBase, read_candidates: bool) -> tuple[FileResult | None, bool]:
        # Last year's report as it would be paired, told from metas. Not told when this
        # file's own meta is in neither this run nor the cache (its content is new: no
        # entry can be there), or a candidate's is unknown and may not be read.
        pairing = self._pairing(path, base, read_own=False, read_candidates=read_candidates) if base.pairs else ""
        if pairing is None or self.cache is None:
            own_known = self.linter.previous_finder(base.limit).known(path) is not None
            return None, not own_known
        return self.cache.get(self.cache.key(base.digest, *base.parts, pairing), path), True

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

    def _cache_base(self, path: str) -> _CacheBase | None:
        """The parts of ``path``'s cache key known before any cross-year pairing, or None
        when the file cannot be read (the linter reports it; errors are never cached)."""
        from reportlint import readers
        from reportlint.core.errors import ReportlintError
        from reportlint.run.previous_year import option_path

        try:
            settings = self.linter.settings_for(path)
        except ReportlintError:
            return None
        limit = self.spec.options.max_file_size or settings.max_file_size or readers.DEFAULT_MAX_BYTES
        digest = self.digests.of(path, limit)  # read once per process while the file stays as it is
        if digest is None:
            return None
        rule_set = self._rule_set(settings, path)
        extra = f"tables={self.spec.options.collect_tables}|force-report={self.spec.options.force_report}"
        # Last year's report named (--previous, else a rule's `previous` option): its
        # path (findings name it) and content are part of the result.
        named = [self.spec.options.previous] if self.spec.options.previous and rule_set.cross_year else []
        for option in named or rule_set.previous_options:
            previous = option if named else option_path(option, path)
            if previous is None:
                continue  # names no file: the rule gets no previous report
            previous_digest = self.digests.of(previous, limit)
            if previous_digest is None:
                return None
            extra += f"|{option}={previous}|{previous_digest}"
        pairs = rule_set.folder_search and not self.spec.options.previous
        return _CacheBase(digest, (self._ruleset_fingerprint(), rule_set.fingerprint, extra), pairs, limit)

    def _rule_set(self, settings, path: str) -> _RuleSet:
        """What the key needs of the rules that run on ``path``: the settings'
        fingerprint and the rules' cross-year lookups. Once per configuration and set of
        rules (files of one configuration differ only by per-file-ignores)."""
        memo_key = (id(settings), tuple(settings.codes_for(path)))
        known = self._rule_sets.get(memo_key)
        if known is not None:
            return known
        from reportlint.config import effective_settings

        rules = settings.rules_for(path)
        effective = effective_settings(settings, path)
        # The settings as far as they decide a result — not which file they were first
        # asked for (each worker process asks for a different first file: a fingerprint
        # naming it missed every entry the other process wrote, issue 16), nor why the
        # rules that do not run are off (a per-file-ignores line names the pattern the
        # file matched); the rules that run are in "rules", with severities and options.
        for about_the_file in ("file", "excluded", "excluded-by", "disabled"):
            effective.pop(about_the_file, None)
        cross_year = [r for r in rules if r.needs_previous]
        known = self._rule_sets[memo_key] = _RuleSet(
            fingerprint=json.dumps(effective, sort_keys=True, ensure_ascii=False, default=str),
            cross_year=bool(cross_year),
            previous_options=sorted(
                {str(r.opts[r.PREVIOUS_OPTION]) for r in cross_year if r.opts.get(r.PREVIOUS_OPTION)}
            ),
            folder_search=any(not r.opts.get(r.PREVIOUS_OPTION) for r in cross_year),
        )
        return known

    def _pairing(self, path: str, base: _CacheBase, read_own: bool, read_candidates: bool) -> str | None:
        """The cross-year part of ``path``'s key: the report the folder search pairs it
        with (its path, as findings name it, and content digest), or that there is none;
        None when that cannot be told without reading a meta it may not read
        (``read_own``: this file's; ``read_candidates``: its neighbours')."""
        from reportlint import readers
        from reportlint.run.previous_year import UNKNOWN

        finder = self.linter.previous_finder(base.limit)
        own = finder.meta(path) if read_own else finder.known(path)
        if own is None:
            return "previous=" if read_own else None
        chosen = finder.choose(path, own, read=read_candidates)
        if chosen is UNKNOWN:
            return None
        if chosen is None:
            return "previous="
        digest = self.digests.of(chosen, finder.max_bytes or readers.DEFAULT_MAX_BYTES)
        facts = json.dumps(self.linter.settings_for(chosen).facts, sort_keys=True, ensure_ascii=False, default=str)
        return f"previous={chosen}|{digest}|{facts}"

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
    linter = checker.linter
    linter.log_learned_metas()
    diffs = linter.options.diffs
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        if task[0] == "metas":  # metas of reports to pair, read before the checks (WorkerPool.read_metas)
            for path in task[1]:
                checker.read_meta(path)
            try:
                conn.send(("metas", linter.learned_metas()))
            except (EOFError, OSError):
                return
            continue
        _, index, path, metas, look = task
        linter.know_metas(metas)
        del diffs[:]
        try:
            result = checker.check(path, lookup=look)
        except MemoryError:
            result = FileResult(path=path, error=memory_limit_error(path, spec.options.memory_limit))
        except Exception as exc:  # never lose the worker to one file
            result = FileResult(path=path, error=ReportlintError(_internal(exc), path))
        learned = linter.learned_metas()
        try:
            conn.send(("result", index, result, list(diffs), learned))
        except MemoryError:
            out_of_memory = memory_limit_error(path, spec.options.memory_limit)
            conn.send(("result", index, FileResult(path=path, error=out_of_memory), [], learned))
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            internal = ReportlintError(_internal(exc), path)
            conn.send(("result", index, FileResult(path=path, error=internal), [], learned))


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
        self.metas_sent = 0  # how far this worker has been given WorkerPool.metas

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
        self.checker = checker  # this process's: its cache lookups (map's lookup) learn the workers' metas
        # Metas of reports (for cross-year pairing) learned by each worker, with the
        # worker that learned them: handed to the others with their next file, so a
        # neighbour's meta is read by one process, not by every one.
        self.metas: list[tuple[_Worker, str, Any]] = []

    def _hard_deadline(self) -> float | None:
        import time

        limit = self.options.time_limit
        if not limit:
            return None
        return time.monotonic() + limit + max(KILL_GRACE_SECONDS, limit * 0.1)

    def read_metas(self, paths: list[str]) -> None:
        """Have the workers read the metas of ``paths`` (for cross-year pairing), each
        file by one worker, before any is checked: a folder's checks then find every
        meta they walk known — read once in all, not once per worker, and not on the
        clock of whichever file first walks past it. A worker that dies costs nothing
        but its metas (the checks read them then)."""
        import time
        from multiprocessing.connection import wait

        chunks = deque(paths[i : i + METAS_PER_TASK] for i in range(0, len(paths), METAS_PER_TASK))
        idle = [w for w in self.workers if w.task is None]
        reading: dict[_Worker, float | None] = {}  # worker → when it is given up on
        try:
            while chunks or reading:
                while chunks and (idle or len(self.workers) < self.size):
                    worker = idle.pop() if idle else self._start()
                    chunk = chunks.popleft()
                    try:
                        worker.conn.send(("metas", chunk))
                    except (OSError, ValueError):
                        self._discard(worker)
                        continue
                    limit = self.options.time_limit
                    reading[worker] = time.monotonic() + len(chunk) * (limit + KILL_GRACE_SECONDS) if limit else None
                if not reading:  # no worker could be started: the checks read the metas
                    break
                deadlines = [d for d in reading.values() if d is not None]
                timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                ready = wait([w.conn for w in reading] + [w.process.sentinel for w in reading], timeout)
                for worker, deadline in list(reading.items()):
                    if worker.conn in ready or worker.process.sentinel in ready:
                        try:
                            kind, learned = worker.conn.recv() if worker.conn.poll() else (None, [])
                        except (EOFError, OSError):
                            kind, learned = None, []
                        del reading[worker]
                        if kind != "metas":
                            self._discard(worker)
                            continue
                        self.metas.extend((worker, key, meta) for key, meta in learned)
                        if self.checker is not None:
                            self.checker.linter.know_metas(learned)
                        idle.append(worker)
                    elif deadline is not None and time.monotonic() >= deadline:
                        del reading[worker]
                        self._discard(worker)
        except BaseException:
            self.close()
            raise

    def map(
        self, files: list[str], lookup: Callable[[str], tuple[FileResult | None, bool]] | None = None
    ) -> Iterator[FileResult]:
        """Results for ``files``, in order. ``lookup``: a file's result from the cache
        and whether a miss is sure (:meth:`Checker.lookup`) — asked here, in this
        process, before a file is handed to a worker, and while the workers are busy: a
        warm run starts none."""
        import time
        from multiprocessing.connection import wait

        # (index, path, whether the worker looks in the cache: not when lookup missed)
        pending: deque[tuple[int, str, bool]] = deque()
        unlooked: deque[tuple[int, str]] = deque()
        if lookup is None:
            pending.extend((i, p, True) for i, p in enumerate(files))
        else:
            unlooked.extend(enumerate(files))
        retried: set[int] = set()
        done: dict[int, FileResult] = {}
        next_out = 0
        idle = [w for w in self.workers if w.task is None]  # kept from an earlier call

        def look_up_next() -> None:
            assert lookup is not None
            index, path = unlooked.popleft()
            hit, sure = lookup(path)
            if hit is not None:
                done[index] = hit
            else:
                pending.append((index, path, not sure))

        def may_look_ahead() -> bool:  # hits wait in `done` for their turn: a bounded number
            return bool(unlooked) and unlooked[0][0] - next_out < LOOKAHEAD

        finished = False
        try:
            while next_out < len(files):
                while not pending and may_look_ahead():
                    look_up_next()  # until a file misses: that one goes to a worker
                # Hand out work: idle workers first, new ones up to the pool size.
                while pending and (idle or len(self.workers) < self.size):
                    worker = idle.pop() if idle else self._start()
                    index, path, look = pending.popleft()
                    metas = [
                        (key, meta) for origin, key, meta in self.metas[worker.metas_sent :] if origin is not worker
                    ]
                    try:
                        worker.conn.send(("check", index, path, metas, look))
                        worker.metas_sent = len(self.metas)
                    except (OSError, ValueError):  # died while idle: try again in another
                        pending.appendleft((index, path, look))
                        self._discard(worker)
                        continue
                    worker.task = (index, path)
                    worker.deadline = self._hard_deadline()
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                busy = [w for w in self.workers if w.task is not None]
                if not busy:
                    continue
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                waiting_on = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                if may_look_ahead():
                    ready = wait(waiting_on, 0)
                    if not ready:  # the workers are busy: serve the next files from the cache meanwhile
                        look_up_next()
                        continue
                else:
                    ready = wait(waiting_on, timeout)
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
                            error = ReportlintError(_internal(exc), path)
                            message = ("result", index, FileResult(path=path, error=error), [], [])
                        if message is not None:
                            _, _, result, diffs, learned = message
                            self.options.diffs.extend(diffs)
                            self.metas.extend((worker, key, meta) for key, meta in learned)
                            if self.checker is not None and lookup is not None:
                                self.checker.linter.know_metas(learned)  # for the lookups here
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
                            pending.appendleft((index, path, lookup is None))
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
        lookup = checker.lookup if checker.cache is not None else None
        if jobs > 1:
            pool = WorkerPool(spec, checker, jobs)
            unpaired = [path for path in files if checker.unpaired(path)]
            if unpaired:
                pool.read_metas(unpaired)
            yield from pool.map(files, lookup)
            return
        for path in files:
            if needs_isolation(path, spec.options):
                pool = pool or WorkerPool(spec, checker, 1)
                yield from pool.map([path], lookup)
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
