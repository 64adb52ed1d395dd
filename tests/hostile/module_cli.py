"""Running ``python -m reportlint`` as a user would, for the hostile-input tests: in a
subprocess with a timeout (a hang fails the test instead of stalling the suite), no
colour, and the environment adjusted per test file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TIMEOUT = 90  # seconds; generous for a loaded 2-core machine, far below "for ever"


def run_module(
    *args: str, cwd: Path, env: dict | None = None, drop: tuple[str, ...] = (), base: dict | None = None
) -> subprocess.CompletedProcess:
    """``python -m reportlint ARGS`` in ``cwd``; ``drop`` removes variables from this
    process's environment, ``base`` then sets the file's defaults, ``env`` the test's."""
    full_env = dict(os.environ)
    for name in ("FORCE_COLOR", *drop):
        full_env.pop(name, None)
    full_env["NO_COLOR"] = "1"
    full_env.update(base or {})
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", *args],
        capture_output=True,
        check=False,
        cwd=cwd,
        env=full_env,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    proc.out = proc.stdout.decode("utf-8", "replace")
    proc.err = proc.stderr.decode("utf-8", "replace")
    return proc
