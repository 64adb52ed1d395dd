"""Build the rule registry from the built-in plugin and the installed entry points."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import field
from typing import TYPE_CHECKING, cast

import pluggy

from reportlint.core.errors import UsageError
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.plugins import entry_points, hookspecs
from reportlint.rules.base import Rule, validate_rule_class

if TYPE_CHECKING:
    from reportlint.plugins.entry_points import DistributionLike, EntryPointLike

ENTRY_POINT_GROUP = "reportlint"
DISTRIBUTION = "reportlint"
# reportlint's own entry point in ENTRY_POINT_GROUP, as declared in pyproject.toml.
BUILTIN_PLUGIN = "builtin"
BUILTIN_TARGET = "reportlint.rules"
NO_PLUGINS_ENV = "REPORTLINT_NO_PLUGINS"


@dataclass
class Registry:
    """The rules of this run by code, and the plugin each came from."""

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
    """A plugin manager with the built-in rules and, unless disabled, the installed plugins.

    The built-in rules are reportlint's own entry point (``builtin`` in
    pyproject.toml), registered first so no other distribution can take its name.
    With ``--no-plugins``, or run from a source tree that has no installation
    metadata (``PYTHONPATH=src``), the same target is registered without asking
    the metadata: the rules must not depend on how reportlint was installed.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    points = [] if plugins_disabled(no_plugins) else installed_entry_points(ENTRY_POINT_GROUP)
    own = [ep for ep in points if ep.name == BUILTIN_PLUGIN and _is_reportlint(ep.dist)]
    if own:
        _register(pm, BUILTIN_PLUGIN, own[0].value, own[0].load)
    else:
        # reportlint itself is imported already: nothing on sys.path can shadow its rules.
        _register(
            pm, BUILTIN_PLUGIN, BUILTIN_TARGET, lambda: importlib.import_module(BUILTIN_TARGET), narrow_path=False
        )
    for ep in points:
        # pluggy's load_setuptools_entrypoints rule: the first plugin of a name wins.
        if not pm.has_plugin(ep.name) and not pm.is_blocked(ep.name):
            _register(pm, ep.name, ep.value, ep.load)
    return pm


def installed_entry_points(group: str) -> list[EntryPointLike]:
    """The installed distributions' entry points in ``group``, from trusted paths only.

    What ``importlib.metadata.entry_points(group=...)`` finds (read without importing
    it, :mod:`reportlint.plugins.entry_points`) in the ``*.dist-info`` folders on
    ``sys.path`` narrowed to :func:`trusted_path_entries`, so a ``*.dist-info`` in the
    checked repository (the working directory) is never seen.
    """
    with _trusted_sys_path():
        return entry_points.entry_points(group)


def plugin_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed distribution behind each plugin of ``names`` (entry-point names),
    with its version: ``{"acme": "acme-rules 1.0"}`` — what a cached result must be
    invalidated by. An entry point's name is not its distribution's (``acme`` comes
    from ``acme-rules``), so the version is asked of the entry point's own
    distribution, found as :func:`make_plugin_manager` finds it (trusted paths, the
    first of a name wins). A name with no installed entry point maps to ``?``."""
    wanted = set(names)
    found: dict[str, str] = {}
    for ep in installed_entry_points(ENTRY_POINT_GROUP):
        if ep.name in wanted and ep.name not in found:
            dist = ep.dist
            found[ep.name] = f"{dist.name} {dist.version}" if dist is not None else "?"
    return {name: found.get(name, "?") for name in sorted(wanted)}


def _is_reportlint(dist: DistributionLike | None) -> bool:
    return dist is not None and (dist.name or "").lower().replace("_", "-") == DISTRIBUTION


def _register(
    pm: pluggy.PluginManager, name: str, target: str, load: Callable[[], object], narrow_path: bool = True
) -> None:
    try:
        if narrow_path:
            # An installed plugin's module must not be shadowed by a file of the same
            # name in the working directory: it is imported with only trusted entries.
            with _trusted_sys_path():
                plugin = load()
        else:
            plugin = load()
    except Exception as exc:  # a broken plugin is the user's to fix, not an internal error
        raise UsageError(
            T(
                "无法加载插件 {p}（{t}）：{e}；可用 --no-plugins 跳过插件",
                "cannot load plugin {p} ({t}): {e}; --no-plugins skips plugins",
            ).format(p=name, t=target, e=f"{type(exc).__name__}: {exc}"[:300])
        ) from None
    pm.register(plugin, name=name)


@contextmanager
def _trusted_sys_path() -> Iterator[None]:
    saved = list(sys.path)
    sys.path[:] = trusted_path_entries(saved)
    try:
        yield
    finally:
        sys.path[:] = saved


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


def build_registry(pm: pluggy.PluginManager) -> Registry:
    registry = Registry()
    for impl in pm.hook.reportlint_register_rules.get_hookimpls():
        plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)
        builtin = plugin_name == BUILTIN_PLUGIN
        rules: list[type[Rule]] = cast("list[type[Rule]]", impl.function()) or []
        for rule in rules:
            registry.add(rule, plugin_name, builtin)
    registry.rules = dict(sorted(registry.rules.items()))
    return registry


def load_registry(no_plugins: bool = False) -> Registry:
    return build_registry(make_plugin_manager(no_plugins))
