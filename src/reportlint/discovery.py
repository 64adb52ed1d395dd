"""Expand the paths given on the command line into report files."""

from __future__ import annotations

import os
from pathlib import Path

from reportlint.errors import InputError
from reportlint.i18n import T
from reportlint.readers import SUFFIXES, special_file_kind

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".reportlint_cache", ".tox"}


def expand(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Files to check (in a stable order) and the errors for paths that give none."""
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(_walk(p, errors))
            if not found:
                errors.append(
                    InputError(
                        T(
                            "目录中没有可检查的报告文件（{s}）",
                            "no report files in this directory ({s})",
                        ).format(s=" ".join(SUFFIXES)),
                        raw,
                    )
                )
            candidates = found
        else:
            candidates = [raw]  # a missing or odd file is reported by the reader
        for f in candidates:
            key = os.path.normpath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, errors


def _walk(root: Path, errors: list[InputError]):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith((".", "~$")):
                path = os.path.join(dirpath, name)
                # A FIFO or device named like a report is skipped, never opened: reading
                # a FIFO blocks for ever. stat() itself never blocks.
                try:
                    why = special_file_kind(os.stat(path).st_mode)
                except OSError:
                    why = None  # a dangling link: the reader reports it
                if why is not None:
                    errors.append(InputError(why, path))
                    continue
                yield path
