"""File paths as the machine formats need them: relative to the repository root, with
``/`` separators, and as valid (percent-encoded) URIs — for POSIX and Windows paths
alike (backslashes, drive letters, UNC shares, Chinese names).

The conversion itself (:func:`path_uri`, :func:`root_relative`) is pure: it takes
:class:`~pathlib.PurePath` values of either flavour and touches no file system, so a
Windows path is handled the same way on any machine (and is tested so).
"""

from __future__ import annotations

import ntpath
import os
import posixpath
from functools import lru_cache
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote


def _flavour(path: PurePath):
    return ntpath if isinstance(path, PureWindowsPath) else posixpath


def _normal(path: PurePath) -> PurePath:
    """``a/./b/../c`` → ``a/c`` without asking the file system (``..`` is lexical)."""
    return type(path)(_flavour(path).normpath(str(path)))


def _uri_bytes(text: str) -> bytes:
    # A POSIX name that is not valid UTF-8 keeps its exact bytes (%FF), as os.fsencode
    # does; any other lone surrogate cannot be a byte of a name and becomes U+FFFD.
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def quote_path(posix: str) -> str:
    """A ``/``-separated path percent-encoded for a URI (``/`` kept)."""
    return quote(_uri_bytes(posix), safe="/")


def absolute(path: PurePath, cwd: PurePath) -> PurePath:
    """``path`` made absolute against ``cwd`` (same flavour), normalised lexically."""
    if not path.is_absolute():
        path = cwd / path  # also gives "\\x.txt" (no drive) the drive of cwd
    return _normal(path)


def file_uri(path: PurePath) -> str:
    """The ``file:`` URI of an absolute path: ``file:///C:/报告/a.txt`` (encoded),
    ``file://server/share/a.txt`` for a UNC path, ``file:///srv/a.txt`` on POSIX."""
    if isinstance(path, PureWindowsPath):
        drive = path.drive
        rest = path.as_posix()[len(drive) :].lstrip("/")
        if len(drive) == 2 and drive[1] == ":":
            return f"file:///{drive}/{quote_path(rest)}"
        if drive.startswith(("\\\\", "//")):  # UNC: \\server\share
            host, _, share = drive.lstrip("\\/").replace("\\", "/").partition("/")
            return f"file://{quote(host)}/{quote_path(share)}/{quote_path(rest)}"
        return "file:///" + quote_path(path.as_posix().lstrip("/"))
    return "file://" + quote_path(path.as_posix())


def root_relative(path: PurePath, cwd: PurePath, root: PurePath) -> str | None:
    """``path`` (as given; relative to ``cwd``) relative to ``root`` with ``/``
    separators, or None when it lies outside ``root``. Windows paths compare without
    regard to case, as the file system does."""
    full = absolute(path, cwd)
    try:
        rel = full.relative_to(_normal(root))
    except ValueError:
        return None
    return rel.as_posix()


def path_uri(path: PurePath, cwd: PurePath, root: PurePath) -> tuple[str, bool]:
    """``(uri, relative)``: a percent-encoded URI relative to ``root`` when the file is
    inside it (``relative`` True), else the file's absolute ``file:`` URI."""
    rel = root_relative(path, cwd, root)
    if rel is not None:
        return quote_path(rel), True
    return file_uri(absolute(path, cwd)), False


@lru_cache(maxsize=16)
def repository_root(start: str) -> str:
    """The work tree of the git (or Mercurial) repository holding ``start``, else
    ``start`` itself: code scanning resolves SARIF paths against the repository root,
    whichever sub-folder the run started in."""
    here = Path(start)
    for folder in (here, *here.parents):
        for marker in (".git", ".hg"):
            try:
                if (folder / marker).exists():
                    return str(folder)
            except OSError:
                break
    return start


class Locator:
    """Paths of one run relative to its root (``--sarif-root``, else the repository
    root around the working directory), computed once per path."""

    def __init__(self, root: str | None = None):
        self.cwd = Path.cwd()
        self.root = Path(os.path.abspath(root)) if root else Path(repository_root(str(self.cwd)))
        self._real_root: Path | None = None
        self._cache: dict[str, tuple[str, bool]] = {}

    @property
    def root_uri(self) -> str:
        return file_uri(self.root).rstrip("/") + "/"

    def uri(self, path: str) -> tuple[str, bool]:
        """``(uri, relative)`` for a path as the run recorded it."""
        hit = self._cache.get(path)
        if hit is None:
            hit = self._cache[path] = self._uri(path)
        return hit

    def _uri(self, path: str) -> tuple[str, bool]:
        if not path or path == "-":
            return quote_path(path or "-"), True
        uri, relative = path_uri(PurePath(path), self.cwd, self.root)
        if relative:
            return uri, True
        # The same folder reached through a symlink (/tmp → /private/tmp): compare real paths.
        try:
            if self._real_root is None:
                self._real_root = self.root.resolve()
            real = Path(path).resolve()
        except (OSError, RuntimeError, ValueError):
            return uri, False
        rel = root_relative(real, self.cwd, self._real_root)
        return (quote_path(rel), True) if rel is not None else (uri, False)

    def display(self, path: str) -> str:
        """The path for a CI annotation: relative to the root with ``/``, else absolute
        with ``/`` (``C:/报告/a.txt``); not percent-encoded."""
        if not path or path == "-":
            return path or "-"
        full = absolute(PurePath(path), self.cwd)
        rel = root_relative(full, self.cwd, self.root)
        if rel is None:
            try:
                rel = root_relative(Path(path).resolve(), self.cwd, self.root.resolve())
            except (OSError, RuntimeError, ValueError):
                rel = None
        return rel if rel is not None else full.as_posix()
