"""The version is written once, in src/reportlint/__init__.py; the package metadata,
``reportlint --version``, SARIF and the cache key all read it from there."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest

from reportlint import __version__

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_takes_the_version_from_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    source = ROOT / pyproject["tool"]["hatch"]["version"]["path"]
    assert re.findall(r'^__version__ = "([^"]+)"$', source.read_text(encoding="utf-8"), flags=re.M) == [__version__]


def test_installed_metadata_has_the_same_version():
    try:
        installed = importlib.metadata.version("reportlint")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("reportlint is not installed here (run from a source tree)")
    assert installed == __version__, "reinstall: pip install -e '.[test]'"


def test_version_command_prints_it(cli):
    proc = cli("--version")
    assert proc.returncode == 0
    assert proc.out.strip() == f"reportlint {__version__}"
