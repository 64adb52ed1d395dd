"""Load the YAML data files that rules depend on (the top-level ``rules/`` folder).

In a wheel the folder is shipped as ``reportlint/data``; in a source checkout
(editable install, tests) it is read from the repository's ``rules/`` folder.

Parsing YAML in pure Python costs tens of milliseconds per run, more than all rules
together on a small report, so the parsed data is kept as JSON in the user's cache
directory, keyed by the data file's path, size and modification time. The cache is
an optimisation only: when it cannot be read or written, the YAML is parsed.

The cache folder is not trusted: an entry is read only when it is a regular file no
larger than :data:`MAX_CACHE_BYTES` (never a FIFO or a device), and used only when
its first line, a SHA-256 of the rest, matches — a truncated, half-written or edited
entry is ignored and written anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from reportlint.core import user_cache

CACHE_FORMAT = 2  # 2: entries carry a checksum line
MAX_CACHE_BYTES = 64 << 20  # the parsed data files are well under 1 MB


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
    key = hashlib.sha1(f"{CACHE_FORMAT}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = directory / f"{name}-{key}.json"
    hit = _read_entry(str(cached))
    if hit is not None:
        return hit
    data = _parse_yaml(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        from reportlint.core.atomic import write_text_atomic

        payload = json.dumps(data, ensure_ascii=False)
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        write_text_atomic(str(cached), f"{digest}\n{payload}")
    except (OSError, TypeError, ValueError):
        pass  # unwritable cache or data JSON cannot hold: parse again next time
    return data


def _read_entry(path: str) -> Any:
    """The data in cache entry ``path``, or None when it is missing, not a regular
    file, too large, or fails its checksum."""
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
    if not sep or len(raw) > MAX_CACHE_BYTES or hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
