"""Installed entry points, read as ``importlib.metadata`` reads them, without importing it.

Every ``reportlint check`` asks for the plugins, and ``import importlib.metadata`` alone
costs 15–20 ms (it brings in email, csv, zipfile…), more than the lint work on a
report. What ``importlib.metadata.entry_points(group=...)`` does on an ordinary
``sys.path`` is small, and :func:`entry_points` does the same:

* each folder on the path, in order, is listed; its ``*.dist-info`` and ``*.egg-info``
  entries are its distributions, grouped by normalised name in listing order;
* the first distribution of a normalised name wins (a second copy further down the
  path, or in the same folder, is never read);
* each one's ``entry_points.txt`` is read as an INI file: ``[group]`` lines, then
  ``name = value`` lines; blank lines and ``#`` comments are skipped.

Where the path holds anything else ``importlib.metadata`` knows how to read — a zip
file or an ``.egg`` on the path, or a finder on ``sys.meta_path`` with distributions of
its own — the question is handed to ``importlib.metadata`` itself, so the answer is
the same either way (tests/cli compare the two on real installations). Nothing is
cached between runs: a plugin installed, upgraded or removed is seen by the next run.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from functools import reduce
from typing import Any, Protocol


class EntryPointLike(Protocol):
    """What :mod:`reportlint.plugins.manager` uses of an entry point (``importlib.metadata.EntryPoint`` has it too)."""

    name: str
    value: str
    group: str

    @property
    def dist(self) -> DistributionLike | None: ...

    def load(self) -> Any: ...


class DistributionLike(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...


class Distribution:
    """An installed distribution's metadata folder (``*.dist-info`` / ``*.egg-info``)."""

    def __init__(self, path: str):
        self.path = path
        self._headers: dict[str, str] | None = None

    @property
    def name(self) -> str:
        return self._metadata().get("name", "")

    @property
    def version(self) -> str:
        return self._metadata().get("version", "")

    def read_text(self, filename: str) -> str | None:
        """The file's text, or None where ``importlib.metadata`` has none (missing, a folder…)."""
        try:
            with open(os.path.join(self.path, filename), encoding="utf-8") as fh:
                return fh.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return None

    def _metadata(self) -> dict[str, str]:
        """The first ``Name`` and ``Version`` headers of METADATA (PKG-INFO for an egg-info)."""
        if self._headers is None:
            text = self.read_text("METADATA") or self.read_text("PKG-INFO") or ""
            headers: dict[str, str] = {}
            for line in text.splitlines():
                if not line.strip():
                    break  # the headers end at the first blank line; the description follows
                key, sep, value = line.partition(":")
                if sep and not line[:1].isspace():
                    headers.setdefault(key.strip().lower(), value.strip())
            self._headers = headers
        return self._headers


class EntryPoint:
    """``name = value`` in ``[group]`` of a distribution's entry_points.txt."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution):
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def load(self) -> Any:
        """The object ``value`` names: ``module``, ``module:attr.attr`` (extras ``[...]`` ignored)."""
        target = self.value.split("[", 1)[0].strip()
        module_name, _, attrs = target.partition(":")
        module = importlib.import_module(module_name.strip())
        return reduce(getattr, filter(None, attrs.strip().split(".")), module)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[EntryPointLike]:
    """The entry points in ``group`` of the distributions on ``sys.path``, as
    ``importlib.metadata.entry_points(group=group)`` lists them."""
    if needs_importlib_metadata(sys.path):
        from importlib.metadata import entry_points as metadata_entry_points

        return list(metadata_entry_points(group=group))
    found: list[EntryPointLike] = []
    for dist in _unique(_distributions(sys.path)):
        found.extend(_entry_points_of(dist, group))
    return found


def needs_importlib_metadata(path: Iterable[str]) -> bool:
    """Whether ``path`` or the import system holds distributions only ``importlib.metadata``
    can read: a zip file or an ``.egg`` on the path, or a finder other than the standard
    one that declares distributions of its own."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    for entry in path:
        if not isinstance(entry, str):
            continue
        folder = entry or os.curdir
        if os.path.basename(folder).lower().endswith(".egg") or os.path.isfile(folder):
            return True
    return False


def _distributions(path: list[str]) -> Iterable[Distribution]:
    for entry in path:
        if not isinstance(entry, str):
            continue
        folder = entry or os.curdir
        try:
            children = os.listdir(folder)
        except OSError:
            continue
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for group in by_name.values():
            for child in group:
                yield Distribution(os.path.join(folder, child))


def _unique(dists: Iterable[Distribution]) -> Iterable[Distribution]:
    """The first distribution of each normalised name (its folder's name up to the first ``-``)."""
    seen: set[str] = set()
    for dist in dists:
        stem = os.path.basename(dist.path)
        key = _normalize(stem.rpartition(".")[0].partition("-")[0])
        if key not in seen:
            seen.add(key)
            yield dist


def _normalize(name: str) -> str:
    """PEP 503 normalisation, with ``_`` for ``-`` (``importlib.metadata.Prepared.normalize``)."""
    out = []
    previous_separator = False
    for ch in name.lower():
        if ch in "-_.":
            if not previous_separator:
                out.append("_")
            previous_separator = True
        else:
            out.append(ch)
            previous_separator = False
    return "".join(out)


def _entry_points_of(dist: Distribution, group: str) -> list[EntryPointLike]:
    text = dist.read_text("entry_points.txt")
    if not text:
        return []
    found: list[EntryPointLike] = []
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        # A line without "=" is an error for importlib.metadata as well (ValueError).
        name, value = line.split("=", 1)
        if section == group:
            found.append(EntryPoint(name.strip(), value.strip(), section, dist))
    return found
