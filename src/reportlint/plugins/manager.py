"""Build the rule registry from the built-in plugin and the installed entry points."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pluggy

from reportlint.core.errors import UsageError
from reportlint.core.i18n import T
from reportlint.plugins import hookspecs
from reportlint.rules.base import Rule, validate_rule_class

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
                try:
                    plugin = _load(target)
                except Exception as exc:  # a broken plugin is the user's to fix, not an internal error
                    raise UsageError(
                        T(
                            "无法加载插件 {p}（{t}）：{e}；可用 --no-plugins 跳过插件",
                            "cannot load plugin {p} ({t}): {e}; --no-plugins skips plugins",
                        ).format(p=name, t=target, e=f"{type(exc).__name__}: {exc}"[:300])
                    ) from None
                pm.register(plugin, name=name)
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
    for base in trusted_path_entries(sys.path):
        try:
            entries = sorted(os.scandir(base), key=lambda e: e.name)
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


def _site_directories() -> set[str]:
    """Real paths of the interpreter's site directories (where pip installs)."""
    import site
    import sysconfig

    dirs: list[str] = []
    try:
        dirs.extend(site.getsitepackages())
    except AttributeError:  # pragma: no cover - some virtualenv builds lack it
        pass
    try:
        dirs.append(site.getusersitepackages())
    except AttributeError:  # pragma: no cover
        pass
    for key in ("purelib", "platlib"):
        try:
            dirs.append(sysconfig.get_path(key))
        except KeyError:  # pragma: no cover
            pass
    return {os.path.realpath(d) for d in dirs if d}


def trusted_path_entries(path: list[str]) -> list[str]:
    """The entries of ``path`` (``sys.path``) that plugins may come from.

    ``python -m reportlint`` puts the working directory first on ``sys.path`` (as
    ``''`` or as its absolute path), and so does ``PYTHONPATH=.``. In a pre-commit
    hook or a CI job the working directory is the repository being checked, so a
    ``*.dist-info`` folder there would run that repository's code. Those entries
    are skipped, unless the working directory really is a site directory.
    """
    try:
        cwd = os.path.realpath(os.getcwd())
    except OSError:  # the working directory was removed: nothing to skip but ''
        cwd = None
    sites: set[str] | None = None
    out: list[str] = []
    for entry in path:
        if not isinstance(entry, str):
            continue
        real = os.path.realpath(entry or os.curdir) if cwd is not None else None
        if entry in ("", os.curdir) or (cwd is not None and real == cwd):
            if sites is None:
                sites = _site_directories()
            if real is None or real not in sites:
                continue
        out.append(entry or os.curdir)
    return out


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
    import sys

    module_name, _, attr = target.partition(":")
    # An installed plugin's module must not be shadowed by a file of the same name
    # in the working directory: import it with only the trusted entries on the path.
    saved = list(sys.path)
    sys.path[:] = trusted_path_entries(saved)
    try:
        obj = importlib.import_module(module_name.strip())
    finally:
        sys.path[:] = saved
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
