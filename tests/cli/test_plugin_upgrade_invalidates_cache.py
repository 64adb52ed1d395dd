"""Upgrading a plugin invalidates the result cache.

A plugin's entry point is named ``acme`` but its distribution ``acme-rules``: the cache
key must carry the distribution's version, or an upgraded plugin's findings are never
seen (the old ones come back from the cache).
"""

import json
import shutil

from plugin_dist import PLUGIN_MODULE, install_plugin

OLD_MESSAGE = "缺少“（盖章）”字样"
NEW_MESSAGE = "缺少盖章说明（acme-rules 2.0 的写法）"


def _entries(cache_root):
    return sorted(p.name for p in (cache_root / ".reportlint_cache").rglob("*.json"))


def _messages(cli, report, site, cache_root):
    proc = cli(
        "check",
        "--select",
        "ACME001",
        "--format",
        "json",
        "--cache-dir",
        str(cache_root),
        str(report),
        env={"PYTHONPATH": str(site), "REPORTLINT_NO_CACHE": ""},
    )
    assert proc.returncode == 1, proc.err
    return [d["message"] for d in json.loads(proc.out) if "type" not in d]


def test_upgraded_plugin_misses_the_cache_and_its_new_findings_show(cli, tmp_path, fixtures):
    assert OLD_MESSAGE in PLUGIN_MODULE  # the message the upgrade below rewrites
    site = install_plugin(tmp_path / "site", distribution="acme-rules", version="1.0")
    report = fixtures / "changji-kjj-2021.txt"
    cache_root = tmp_path / "cache"

    assert _messages(cli, report, site, cache_root) == [OLD_MESSAGE]
    first = _entries(cache_root)
    assert len(first) == 1
    # Unchanged plugin: the same key, a hit (no new entry).
    assert _messages(cli, report, site, cache_root) == [OLD_MESSAGE]
    assert _entries(cache_root) == first

    # `pip install -U acme-rules`: the old dist-info goes, the new module and metadata come.
    shutil.rmtree(site / "acme_rules-1.0.dist-info")
    install_plugin(site, body=PLUGIN_MODULE.replace(OLD_MESSAGE, NEW_MESSAGE), distribution="acme-rules", version="2.0")

    assert _messages(cli, report, site, cache_root) == [NEW_MESSAGE]
    assert len(_entries(cache_root)) == 2  # a miss: a second entry, under the new key
