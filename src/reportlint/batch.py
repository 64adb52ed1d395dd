"""Check many files: serially or in worker processes, with the result cache.

Results come back in the order the files were given, whatever order the workers
finish in, so output is deterministic. Workers take small chunks of files as they
become free (dynamic scheduling), each builds its own Linter once, and each result
is compacted (only the source lines a finding points at) before it crosses back, so a
run over ten thousand reports holds little more than its findings.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Iterator

from reportlint.engine import Linter, LintOptions
from reportlint.results import FileResult

# Below this many files a process pool costs more than it saves (benchmarks/bench_batch.py).
PARALLEL_MIN_FILES = 16
CHUNK_SIZE = 4


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
            from reportlint.cache import ResultCache

            self.cache = ResultCache(spec.cache_root)
        self.spec = spec
        self._fingerprints: dict[tuple, str] = {}

    def check(self, path: str) -> FileResult:
        if self.cache is None:
            return self.linter.lint_path(path).compact()
        key = self._cache_key(path)
        if key is None:
            return self.linter.lint_path(path).compact()
        hit = self.cache.get(key, path)
        if hit is not None:
            return hit
        result = self.linter.lint_path(path).compact()
        if result.error is None:
            self.cache.put(key, result)
        return result

    def _cache_key(self, path: str) -> str | None:
        from reportlint import cache, readers
        from reportlint.config import effective_settings
        from reportlint.errors import ReportlintError

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
            fingerprint = json.dumps(effective_settings(settings, path), sort_keys=True, ensure_ascii=False, default=str)
            self._fingerprints[memo_key] = fingerprint
        neighbours = ""
        extra = f"tables={self.spec.options.collect_tables}"
        if any(getattr(r, "needs_previous", False) for r in rules):
            neighbours = cache.neighbours_fingerprint(os.path.dirname(os.path.abspath(path)))
            if self.spec.options.previous:
                try:
                    with open(self.spec.options.previous, "rb") as fh:
                        extra += "|" + self.cache.key(fh.read(), "", "")
                except OSError:
                    return None
        plugins = tuple(sorted(set(self.registry.origin.values()) - {"builtin"}))
        return self.cache.key(data, fingerprint, cache.ruleset_fingerprint(plugins), neighbours, extra)


_worker: Checker | None = None


def _init_worker(spec: BatchSpec) -> None:
    global _worker
    _worker = Checker(spec)


def _check_in_worker(path: str) -> FileResult:
    assert _worker is not None
    return _worker.check(path)


def default_jobs(n_files: int) -> int:
    return 1 if n_files < PARALLEL_MIN_FILES else max(1, os.cpu_count() or 1)


def run(spec: BatchSpec, files: list[str], jobs: int, checker: Checker | None = None) -> Iterator[FileResult]:
    """Results for ``files``, in order."""
    jobs = max(1, min(jobs, len(files))) if files else 1
    if jobs == 1:
        checker = checker or Checker(spec)
        for path in files:
            yield checker.check(path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=(spec,)
    ) as pool:
        yield from pool.map(_check_in_worker, files, chunksize=CHUNK_SIZE)

