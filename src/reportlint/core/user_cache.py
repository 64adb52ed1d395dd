"""The user's cache directory, where reportlint keeps what it derives from its own
code and data (parsed rule data, compiled patterns) — never anything about a report.

``$REPORTLINT_DATA_CACHE``, else ``$XDG_CACHE_HOME``, else ``~/.cache``, then
``reportlint``; ``REPORTLINT_NO_DATA_CACHE`` (any value) turns it off. Everything kept
there is an optimisation: when the folder cannot be read or written, it is recomputed.
(The result cache, ``.reportlint_cache/``, is another thing: run/cache.py.)
"""

from __future__ import annotations

import os
from pathlib import Path


def directory() -> Path | None:
    if os.environ.get("REPORTLINT_NO_DATA_CACHE"):
        return None
    base = (
        os.environ.get("REPORTLINT_DATA_CACHE")
        or os.environ.get("XDG_CACHE_HOME")
        or os.path.join(os.path.expanduser("~"), ".cache")
    )
    return Path(base) / "reportlint"
