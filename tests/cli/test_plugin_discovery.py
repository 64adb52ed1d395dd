"""Rules come in through the ``reportlint`` entry-point group, the built-in ones too.

reportlint declares ``builtin = "reportlint.rules"`` in that group; discovery reads
the ``*.dist-info`` folders on the trusted part of ``sys.path`` exactly as
``importlib.metadata`` does (without importing it: plugins/entry_points.py; the
tests at the end compare the two). The built-in rules still load where there is no
installation metadata (a source tree on ``PYTHONPATH``), no other distribution can
take their place, and ``--version`` never looks for plugins at all.
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
    assert "reportlint" in imported  # the measurement itself works
    loaded = sorted(
        m
        for m in imported
        if m.startswith(("reportlint.rules", "reportlint.plugins", "pluggy", "importlib.metadata", "typer", "rich"))
    )
    assert loaded == []
    assert not list(site.glob("IMPORTED-*"))


def _metadata_folder(site: Path, folder: str, name: str, version: str, entry_points: str | None) -> None:
    dist = site / folder
    dist.mkdir(parents=True)
    (dist / ("PKG-INFO" if folder.endswith(".egg-info") else "METADATA")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: x\n\nName: not-a-header\n",
        encoding="utf-8",
    )
    if entry_points is not None:
        (dist / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def _listed(found) -> list[tuple]:
    return [(ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version) for ep in found]


def test_entry_points_are_read_as_importlib_metadata_reads_them(tmp_path, monkeypatch):
    from reportlint.plugins import entry_points

    first, second = tmp_path / "first", tmp_path / "second"
    install_plugin(first, distribution="acme-rules", version="1.0")
    # The same distribution spelled otherwise, further down the path: never read.
    _metadata_folder(second, "Acme.Rules-2.0.dist-info", "Acme.Rules", "2.0", "[reportlint]\nacme = acme_v2\n")
    _metadata_folder(
        second,
        "seal_rules-0.3.dist-info",
        "seal-rules",
        "0.3",
        "# generated\n\n[console_scripts]\nseal = seal_rules.cli:main\n\n[reportlint]\n"
        "seal = seal_rules.plugin:hooks.impl [extra]\n  padded   =   padded_rules  \n",
    )
    _metadata_folder(second, "legacy_rules.egg-info", "legacy-rules", "0.1", "[reportlint]\nlegacy = legacy_rules\n")
    _metadata_folder(second, "no_entry_points-1.0.dist-info", "no-entry-points", "1.0", None)
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])

    assert not entry_points.needs_importlib_metadata(sys.path)
    expected = _listed(importlib.metadata.entry_points(group="reportlint"))
    assert [e[0] for e in expected] == ["acme", "seal", "padded", "legacy"]  # the case is a real one
    assert expected[0][3:] == ("acme-rules", "1.0")
    for group in ("reportlint", "console_scripts", "nothing"):
        assert _listed(entry_points.entry_points(group)) == _listed(importlib.metadata.entry_points(group=group))


def test_entry_points_of_this_installation_are_those_importlib_metadata_finds():
    from reportlint.plugins import entry_points

    assert not entry_points.needs_importlib_metadata(sys.path)  # the folders are read here, not handed on
    for group in ("reportlint", "console_scripts", "pytest11"):
        assert _listed(entry_points.entry_points(group)) == _listed(importlib.metadata.entry_points(group=group))


def test_entry_points_in_a_zip_on_the_path_are_left_to_importlib_metadata(tmp_path, monkeypatch):
    import zipfile

    from reportlint.plugins import entry_points

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped_rules-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped-rules\nVersion: 1.0\n")
        zf.writestr("zipped_rules-1.0.dist-info/entry_points.txt", "[reportlint]\nzipped = zipped_rules\n")
    monkeypatch.setattr(sys, "path", [str(archive), *sys.path])
    assert entry_points.needs_importlib_metadata(sys.path)
    assert [ep.name for ep in entry_points.entry_points("reportlint")][:1] == ["zipped"]
