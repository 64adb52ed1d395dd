"""Build the rule registry from the built-in plugin and the installed entry points."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pluggy

from reportlint.errors import UsageError
from reportlint.i18n import T
from reportlint.plugins import hookspecs
from reportlint.rule import Rule, validate_rule_class

ENTRY_POINT_GROUP = "reportlint"
NO_PLUGINS_ENV = "REPORTLINT_NO_PLUGINS"


@dataclass
class Registry:
    rules: dict[str, type[Rule]] = field(default_factory=dict)  # by code, in code order
    origin: dict[str, str] = field(default_factory=dict)  # code → plugin name

    def by_name(self, name: str) -> type[Rule] | None:
        for rule in self.rules.values():
            if rule.name == name:
                return rule
        return None

    def lookup(self, code_or_name: str) -> type[Rule] | None:
        return self.rules.get(code_or_name.upper()) or self.by_name(code_or_name)

    def add(self, rule: type[Rule], plugin: str, builtin: bool) -> None:
        problems = validate_rule_class(rule, builtin)
        if problems:
            raise UsageError(
                T(
                    "插件 {p} 的规则 {r} 声明有误：{x}",
                    "plugin {p}: rule {r} is malformed: {x}",
                ).format(p=plugin, r=getattr(rule, "__name__", rule), x="; ".join(problems))
            )
        if rule.code in self.rules and self.rules[rule.code] is not rule:
            raise UsageError(
                T("规则代码 {c} 重复（{a} 与 {b}）", "rule code {c} is registered twice ({a} and {b})").format(
                    c=rule.code, a=self.origin[rule.code], b=plugin
                )
            )
        self.rules[rule.code] = rule
        self.origin[rule.code] = plugin


def plugins_disabled(flag: bool) -> bool:
    return flag or os.environ.get(NO_PLUGINS_ENV, "").lower() in ("1", "true", "yes")


def make_plugin_manager(no_plugins: bool = False) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    from reportlint import rules as builtin_rules

    pm.register(builtin_rules, name="builtin")
    if not plugins_disabled(no_plugins):
        for name, target in entry_points(ENTRY_POINT_GROUP):
            if pm.get_plugin(name) is None and not pm.is_blocked(name):
                pm.register(_load(target), name=name)
    return pm


def entry_points(group: str) -> list[tuple[str, str]]:
    """``(name, "module:attr")`` of the installed distributions' entry points in ``group``.

    The same data ``importlib.metadata`` reads (``*.dist-info/entry_points.txt`` on
    ``sys.path``, first distribution of a name wins), read directly: importing
    ``importlib.metadata`` alone costs more than a sixth of the start-up budget of
    ``reportlint check``.
    """
    import sys

    found: list[tuple[str, str]] = []
    seen_dists: set[str] = set()
    for base in sys.path:
        try:
            entries = sorted(os.scandir(base or "."), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            dist = entry.name.rsplit("-", 1)[0].lower().replace("_", "-") if "-" in entry.name else entry.name
            if dist in seen_dists:
                continue
            seen_dists.add(dist)
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if f"[{group}]" in text:
                found.extend(_section(text, group))
    return found


def _section(text: str, group: str) -> list[tuple[str, str]]:
    out, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            out.append((name.strip(), value.strip()))
    return out


def _load(target: str):
    import importlib

    module_name, _, attr = target.partition(":")
    obj = importlib.import_module(module_name.strip())
    for part in filter(None, attr.split(" ")[0].split(".")):
        obj = getattr(obj, part)
    return obj


def build_registry(pm: pluggy.PluginManager) -> Registry:
    registry = Registry()
    for impl in pm.hook.reportlint_register_rules.get_hookimpls():
        plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
        builtin = plugin_name == "builtin"
        for rule in impl.function() or []:
            registry.add(rule, plugin_name, builtin)
    registry.rules = dict(sorted(registry.rules.items()))
    return registry


def load_registry(no_plugins: bool = False) -> Registry:
    return build_registry(make_plugin_manager(no_plugins))
