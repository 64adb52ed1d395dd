"""Glob patterns for ``exclude`` and ``per-file-ignores``, relative to a config file.

The rules follow ``.gitignore``:

* A pattern is matched against the path of the checked file relative to the
  directory of the configuration file that declares it, with ``/`` separators.
* A pattern containing a ``/`` (other than a trailing one) is anchored to that
  directory: ``reports/2021/*.txt``; a leading ``/`` or ``./`` is allowed.
  A pattern without one matches a file or directory name at any depth: ``*.docx``,
  ``drafts``.
* ``*`` matches within one path component, ``?`` one character, ``[abc]`` / ``[!abc]``
  a set, and ``**`` any number of components: ``**/*-draft.txt``, ``archive/**``.
* A pattern matching a directory matches every file below it; a trailing ``/``
  makes a pattern match directories only.
* A file outside the configuration file's directory is matched by its name only
  (anchored patterns never match it).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import PurePosixPath

from reportlint.core.lazy_dataclass import dataclass


@dataclass(frozen=True)
class CompiledGlob:
    """A gitignore-style glob as a regular expression over ``/``-separated relative paths."""

    pattern: str
    regex: re.Pattern
    anchored: bool
    dir_only: bool

    def matches(self, base_dir: str, path: str) -> bool:
        return glob_matches(self, base_dir, path)


def _translate(pattern: str) -> str:
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                before_ok = i == 0 or pattern[i - 1] == "/"
                j = i + 2
                if before_ok and j < n and pattern[j] == "/":
                    out.append("(?:[^/]*/)*")  # `**/`: zero or more directories
                    i = j + 1
                    continue
                if before_ok and j == n:
                    out.append(".*")  # trailing `**`: everything below
                    i = j
                    continue
                out.append("[^/]*")  # `**` glued to a name acts like `*`
                i = j
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "^", "]") else i + 1)
            if j == -1:
                raise ValueError("unclosed '['")
            body = pattern[i + 1 : j]
            if body[:1] in ("!", "^"):
                body = "^" + body[1:]
            if not body or body == "^":
                raise ValueError("empty '[]'")
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> CompiledGlob:
    """Compile ``pattern``; raises ValueError for a malformed one."""
    p = pattern.strip().replace("\\", "/")
    if not p:
        raise ValueError("empty pattern")
    while p.startswith("./"):
        p = p[2:]
    dir_only = p.endswith("/")
    p = p.rstrip("/")
    anchored = "/" in p
    p = p.lstrip("/")
    if not p:
        raise ValueError("empty pattern")
    try:
        regex = re.compile(_translate(p) + r"\Z", re.S)
    except re.error as exc:
        raise ValueError(str(exc)) from None
    return CompiledGlob(pattern, regex, anchored, dir_only)


def relative_parts(base_dir: str, path: str) -> tuple[str, ...] | None:
    """Components of ``path`` relative to ``base_dir`` (None when it lies outside)."""
    base = os.path.abspath(base_dir)
    target = os.path.abspath(path)
    try:
        rel = os.path.relpath(target, base)
    except ValueError:  # different drives on Windows
        return None
    rel_posix = PurePosixPath(*rel.split(os.sep)) if os.sep != "/" else PurePosixPath(rel)
    parts = rel_posix.parts
    if not parts or parts[0] == ".." or rel == ".":
        return None
    return parts


def glob_matches(glob: CompiledGlob, base_dir: str, path: str) -> bool:
    parts = relative_parts(base_dir, path)
    if parts is None:
        if glob.anchored or glob.dir_only:
            return False
        return bool(glob.regex.match(os.path.basename(os.path.abspath(path))))
    if glob.anchored:
        last = len(parts) if not glob.dir_only else len(parts) - 1
        return any(glob.regex.match("/".join(parts[:k])) for k in range(1, last + 1))
    names = parts if not glob.dir_only else parts[:-1]
    return any(glob.regex.match(name) for name in names)
