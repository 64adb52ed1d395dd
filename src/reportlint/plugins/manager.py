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
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


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
