"""Rules come in through the ``reportlint`` entry-point group, the built-in ones too.

reportlint declares ``builtin = "reportlint.rules"`` in that group; discovery is
``importlib.metadata`` over the trusted part of ``sys.path``. The built-in rules
still load where there is no installation metadata (a source tree on
``PYTHONPATH``), no other distribution can take their place, and ``--version``
never looks for plugins at all.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from plugin_dist import install_plugin
from reportlint import __version__
from reportlint.plugins import manager

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_declares_the_builtin_entry_point_the_manager_registers():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["reportlint"] == {manager.BUILTIN_PLUGIN: manager.BUILTIN_TARGET}


def test_installed_metadata_names_the_builtin_rules_and_the_manager_uses_it():
    try:
        dist = importlib.metadata.distribution("reportlint")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("reportlint is not installed here (run from a source tree)")
    declared = [(ep.name, ep.value) for ep in dist.entry_points.select(group=manager.ENTRY_POINT_GROUP)]
    assert declared == [("builtin", "reportlint.rules")], "reinstall: pip install -e '.[test]'"
    found = manager.installed_entry_points(manager.ENTRY_POINT_GROUP)
    assert ("builtin", "reportlint.rules") in [(ep.name, ep.value) for ep in found]
    pm = manager.make_plugin_manager()
    assert pm.get_plugin("builtin") is sys.modules["reportlint.rules"]


def _path_without_reportlint_metadata(tmp_path: Path) -> list[Path]:
    """This interpreter's ``sys.path`` with every trace of an installed reportlint removed:
    a folder holding its dist-info (or editable-install hook) is replaced by a copy of
    symbolic links to everything else in it; reportlint's own source folders are left out."""
    out: list[Path] = []
    for i, entry in enumerate(sys.path):
        folder = Path(entry or os.curdir).resolve()
        if (
            not folder.is_dir()
            or (folder / "reportlint" / "__init__.py").exists()
            or ROOT / "tests" in (folder, *folder.parents)
        ):
            continue
        names = [child.name.lower() for child in folder.iterdir()]
        if not any(name.startswith(("reportlint-", "_editable_impl_reportlint", "__editable__")) for name in names):
            out.append(folder)
            continue
        shadow = tmp_path / f"path-{i}"
        shadow.mkdir()
        for child in folder.iterdir():
            if not child.name.lower().startswith(("reportlint", "_editable_impl_reportlint", "__editable__")):
                (shadow / child.name).symlink_to(child)
        out.append(shadow)
    return out


def _run_from_source_tree(tmp_path: Path, *extra_path: Path) -> subprocess.CompletedProcess:
    # -S: no site-packages and no .pth files, so reportlint is only the source tree.
    path = os.pathsep.join(str(p) for p in (*extra_path, ROOT / "src", *_path_without_reportlint_metadata(tmp_path)))
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_NO_PLUGINS", "FORCE_COLOR")}
    env.update(PYTHONPATH=path, NO_COLOR="1")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import importlib.metadata as m, sys; sys.exit(0 if not list(m.distributions(name='reportlint')) else 3)"
    no_metadata = subprocess.run([sys.executable, "-S", "-c", code], env=env, cwd=elsewhere, timeout=60)
    assert no_metadata.returncode == 0, "the simulated source tree still sees reportlint's metadata"
    return subprocess.run(
        [sys.executable, "-S", "-m", "reportlint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=elsewhere,
        timeout=120,
    )


def test_builtin_rules_load_from_a_source_tree_without_installation_metadata(tmp_path):
    plugin_site = install_plugin(tmp_path / "plugins")
    proc = _run_from_source_tree(tmp_path, plugin_site)
    assert proc.returncode == 0, proc.stderr
    origin = {r["code"]: r["plugin"] for r in json.loads(proc.stdout)}
    assert origin["RL801"] == "builtin" and origin["RL101"] == "builtin"
    assert origin["ACME001"] == "acme"  # third-party plugins are still discovered


def test_another_distribution_cannot_take_the_builtin_name(tmp_path, cli):
    site = install_plugin(tmp_path / "site", entry_point="builtin", distribution="impostor")
    proc = cli("rules", "--format", "json", env={"PYTHONPATH": str(site)})
    assert proc.returncode == 0, proc.err
    codes = {r["code"] for r in json.loads(proc.out)}
    assert "RL801" in codes and "ACME001" not in codes
    assert not list(site.glob("IMPORTED-*")), "the impostor's module was imported"


def test_version_loads_no_plugin_and_no_rule(tmp_path):
    # A broken plugin is installed: --version must not even look at it.
    site = install_plugin(tmp_path / "site", body="raise ImportError('missing dependency xyz')\n")
    full = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reportlint", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        timeout=60,
    )
    assert full.returncode == 0, full.stderr
    assert full.stdout.strip() == f"reportlint {__version__}"
    imported = {line.rsplit("|", 1)[-1].strip() for line in full.stderr.splitlines() if line.startswith("import time:")}
    assert "reportlint.cli" in imported  # the measurement itself works
    loaded = sorted(
        m for m in imported if m.startswith(("reportlint.rules", "reportlint.plugins", "pluggy", "importlib.metadata"))
    )
    assert loaded == []
    assert not list(site.glob("IMPORTED-*"))
