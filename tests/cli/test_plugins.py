"""A third-party plugin, installed the way pip installs one (a dist-info with an
entry point in the ``reportlint`` group), adds a rule that runs and is selectable."""

import json

import pytest

from plugin_dist import install_plugin


@pytest.fixture
def plugin_path(tmp_path):
    return install_plugin(tmp_path / "site", distribution="acme-rules")


def test_plugin_rule_runs_and_is_selectable(cli, plugin_path, fixtures):
    env = {"PYTHONPATH": str(plugin_path)}
    report = str(fixtures / "changji-kjj-2021.txt")
    listed = cli("rules", "--format", "json", env=env)
    assert listed.returncode == 0, listed.err
    rules = {r["code"]: r for r in json.loads(listed.out)}
    assert rules["ACME001"]["plugin"] == "acme"
    assert rules["ACME001"]["name"] == "missing-seal"

    only = cli("check", "--select", "ACME001", "--format", "json", report, env=env)
    found = [d for d in json.loads(only.out) if "type" not in d]  # findings, not the records
    assert [d["code"] for d in found] == ["ACME001"]
    assert found[0]["line"] == 2  # document-level finding points at the title line
    assert only.returncode == 1

    by_name = cli("check", "--select", "missing-seal", "--format", "json", report, env=env)
    assert [d["code"] for d in json.loads(by_name.out) if "type" not in d] == ["ACME001"]


def test_no_plugins_flag_and_env_skip_entry_points(cli, plugin_path, fixtures):
    env = {"PYTHONPATH": str(plugin_path)}
    for args, extra_env in ((["--no-plugins"], {}), ([], {"REPORTLINT_NO_PLUGINS": "1"})):
        listed = cli("rules", "--format", "json", *args, env={**env, **extra_env})
        codes = {r["code"] for r in json.loads(listed.out)}
        assert "ACME001" not in codes and "RL801" in codes
