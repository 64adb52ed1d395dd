"""Load the YAML data files that rules depend on (the top-level ``rules/`` folder).

In a wheel the folder is shipped as ``reportlint/data``; in a source checkout
(editable install, tests) it is read from the repository's ``rules/`` folder.

Parsing YAML in pure Python costs tens of milliseconds per run, more than all rules
together on a small report, so the parsed data is kept as JSON in the user's cache
directory, keyed by the data file's path, size and modification time. The cache is
an optimisation only: when it cannot be read or written, the YAML is parsed.

The cache folder is not trusted: an entry is read only when it is a regular file no
larger than :data:`MAX_CACHE_BYTES` (never a FIFO or a device), and used only when
its first line, a checksum of the rest (:func:`reportlint.core.digests.checksum`), matches — a truncated, half-written or edited
entry is ignored and written anew.

What a module builds from a data file at its first use (the gazetteer's indexes of
``divisions.yaml``: milliseconds of Python loops in every process) can be kept there
too: :func:`derived` keeps the value a function builds from the parsed data, keyed by
the data file's key and the function's own code, as ``marshal`` data (read several
times faster than JSON), under the same checksum.
"""

from __future__ import annotations

import json
import marshal
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from reportlint.core import user_cache
from reportlint.core.digests import checksum, sha1

CACHE_FORMAT = 3  # 2: entries carry a checksum line; 3: a CRC-32 line (no OpenSSL loaded)
MAX_CACHE_BYTES = 64 << 20  # the parsed data files are well under 1 MB
_T = TypeVar("_T")


@cache
def data_dir() -> Path:
    """The data folder of this installation (resolved once per process: it does not move)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "rules"


def _parse_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh)


@cache
def load(name: str) -> Any:
    """Parsed content of ``rules/<name>.yaml`` (cached; treat as read-only)."""
    path = data_dir() / f"{name}.yaml"
    directory = user_cache.directory()
    if directory is None:
        return _parse_yaml(path)
    st = path.stat()
    # data_dir() is resolved already: the path names this installation's file.
    key = sha1(f"{CACHE_FORMAT}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = directory / f"{name}-{key}.json"
    hit = _read_entry(str(cached))
    if hit is not None:
        return hit
    data = _parse_yaml(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        from reportlint.core.atomic import write_text_atomic

        payload = json.dumps(data, ensure_ascii=False)
        write_text_atomic(str(cached), f"{checksum(payload.encode('utf-8')).decode('ascii')}\n{payload}")
    except (OSError, TypeError, ValueError):
        pass  # unwritable cache or data JSON cannot hold: parse again next time
    return data


def derived(name: str, build: Callable[[Any], _T]) -> _T:
    """``build(load(name))``, kept in the user cache between runs.

    The entry is keyed by the data file (path, size, modification time, as :func:`load`),
    by ``build``'s compiled code and by the size and modification time of its module (a
    change to either is a new entry), so ``build`` must depend on nothing but the data
    it is given and its own module. What it returns must be
    made of what ``marshal`` keeps (dicts, lists, tuples, str, int, float, None). On a
    hit the YAML's parsed data is not even loaded."""
    directory = user_cache.directory()
    if directory is None:
        return build(load(name))
    path = data_dir() / f"{name}.yaml"
    try:
        st = path.stat()
        code = sha1(marshal.dumps(build.__code__)).hexdigest()
        module = os.stat(sys.modules[build.__module__].__file__)  # type: ignore[arg-type]
    except (
        OSError,
        ValueError,
        AttributeError,
        KeyError,
        TypeError,
    ):  # no such file: load() says so; odd callables: no cache
        return build(load(name))
    key = sha1(
        f"{CACHE_FORMAT}|{path}|{st.st_size}|{st.st_mtime_ns}|{build.__module__}.{build.__qualname__}|{code}|"
        f"{module.st_size}|{module.st_mtime_ns}".encode()
    ).hexdigest()[:16]
    cached = directory / f"{name}-{build.__name__.strip('_')}-{key}.marshal"
    payload = _verified_payload(str(cached))
    if payload is not None:
        try:
            return marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            pass
    value = build(load(name))
    try:
        raw = marshal.dumps(value)  # type: ignore[arg-type]
        directory.mkdir(parents=True, exist_ok=True)
        from reportlint.core.atomic import write_bytes_atomic

        write_bytes_atomic(str(cached), checksum(raw) + b"\n" + raw, durable=False)
    except (OSError, ValueError):
        pass  # unwritable cache, or a value marshal cannot keep: built again next time
    return value


def _read_entry(path: str) -> Any:
    """The data in cache entry ``path``, or None when it is missing, not a regular
    file, too large, or fails its checksum."""
    payload = _verified_payload(path)
    if payload is None:
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def _verified_payload(path: str) -> bytes | None:
    """What follows the checksum line of cache entry ``path``, or None when the file is
    missing, not a regular file, too large, or fails its checksum."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_BYTES:
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            raw = fh.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    digest, sep, payload = raw.partition(b"\n")
    if not sep or len(raw) > MAX_CACHE_BYTES or checksum(payload) != digest:
        return None
    return payload
