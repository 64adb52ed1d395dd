"""A third-party plugin, installed the way pip installs one (a dist-info with an
entry point in the ``reportlint`` group), adds a rule that runs and is selectable."""

import json
import textwrap

import pytest

PLUGIN_MODULE = textwrap.dedent(
    '''
    from reportlint.core.diagnostics import Severity
    from reportlint.core.i18n import T
    from reportlint.plugins import hookimpl
    from reportlint.rules.base import Rule


    class MissingSeal(Rule):
        """The report must say it carries the agency's seal.

        An agency's local policy, as a plugin.

        Bad:
            （无盖章说明）
        Good:
            （盖章）
        """

        code = "ACME001"
        name = "missing-seal"
        category = "structure"
        severity = Severity.ERROR
        summary_zh = "报告缺少盖章说明。"
        rationale_zh = "本单位要求。"
        messages = {"seal": T("缺少“（盖章）”字样", "no '（盖章）' note")}

        def check(self, doc):
            if "盖章" not in doc.view.text:
                yield self.report(doc, None, "seal")


    @hookimpl
    def reportlint_register_rules():
        return [MissingSeal]
    '''
)


@pytest.fixture
def plugin_path(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_rules.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    dist = site / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[reportlint]\nacme = acme_rules\n", encoding="utf-8")
    return site


def test_plugin_rule_runs_and_is_selectable(cli, plugin_path, fixtures):
    env = {"PYTHONPATH": str(plugin_path)}
    report = str(fixtures / "changji-kjj-2021.txt")
    listed = cli("rules", "--format", "json", env=env)
    assert listed.returncode == 0, listed.err
    rules = {r["code"]: r for r in json.loads(listed.out)}
    assert rules["ACME001"]["plugin"] == "acme"
    assert rules["ACME001"]["name"] == "missing-seal"

    only = cli("check", "--select", "ACME001", "--format", "json", report, env=env)
    found = json.loads(only.out)
    assert [d["code"] for d in found] == ["ACME001"]
    assert found[0]["line"] == 2  # document-level finding points at the title line
    assert only.returncode == 1

    by_name = cli("check", "--select", "missing-seal", "--format", "json", report, env=env)
    assert [d["code"] for d in json.loads(by_name.out)] == ["ACME001"]


def test_no_plugins_flag_and_env_skip_entry_points(cli, plugin_path, fixtures):
    env = {"PYTHONPATH": str(plugin_path)}
    for args, extra_env in ((["--no-plugins"], {}), ([], {"REPORTLINT_NO_PLUGINS": "1"})):
        listed = cli("rules", "--format", "json", *args, env={**env, **extra_env})
        codes = {r["code"] for r in json.loads(listed.out)}
        assert "ACME001" not in codes and "RL801" in codes
