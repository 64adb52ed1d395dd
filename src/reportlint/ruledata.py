"""Load the YAML data files that rules depend on (the top-level ``rules/`` folder).

In a wheel the folder is shipped as ``reportlint/ruledata``; in a source checkout
(editable install, tests) it is read from the repository's ``rules/`` folder.

Parsing YAML in pure Python costs tens of milliseconds per run, more than all rules
together on a small report, so the parsed data is kept as JSON in the user's cache
directory, keyed by the data file's path, size and modification time. The cache is
an optimisation only: when it cannot be read or written, the YAML is parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1


def data_dir() -> Path:
    packaged = Path(__file__).with_name("ruledata")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def cache_dir() -> Path | None:
    if os.environ.get("REPORTLINT_NO_DATA_CACHE"):
        return None
    base = os.environ.get("REPORTLINT_DATA_CACHE") or os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "reportlint"


def _parse_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Parsed content of ``rules/<name>.yaml`` (cached; treat as read-only)."""
    path = data_dir() / f"{name}.yaml"
    directory = cache_dir()
    if directory is None:
        return _parse_yaml(path)
    st = path.stat()
    key = hashlib.sha1(f"{CACHE_FORMAT}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = directory / f"{name}-{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = _parse_yaml(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        from reportlint.atomic import write_text_atomic

        write_text_atomic(str(cached), json.dumps(data, ensure_ascii=False))
    except (OSError, TypeError, ValueError):
        pass  # unwritable cache or data JSON cannot hold: parse again next time
    return data
