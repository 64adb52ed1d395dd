"""A configuration checked against the rule registry: which rules run on which file.

:class:`ResolvedConfig` is made by :meth:`reportlint.config.loader.Config.resolve`.
It reads the configuration through :class:`LoadedConfig`, the part of
:class:`~reportlint.config.loader.Config` it needs: the loader builds on this module,
never the reverse.
Building it validates everything that needs the registry — every selector in
``select`` / ``extend-select`` / ``ignore`` / ``severity`` / ``per-file-ignores``,
every rule and option name in ``options`` (and the option's type against its
default), and the codes and names of ``custom-rules`` — raising
:class:`~reportlint.core.errors.ConfigError` at the offending line and column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from reportlint.config.globs import compile_glob, glob_matches
from reportlint.config.schema import Glob, Layer
from reportlint.config.selection import Decision, Resolved, resolve_all, resolve_severities, select_rules
from reportlint.config.yaml_nodes import Pos, did_you_mean, to_plain, type_name
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import Text
from reportlint.rules.base import Rule

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.plugins.manager import Registry


class LoadedConfig(Protocol):
    """What :class:`ResolvedConfig` reads of a loaded configuration
    (:class:`reportlint.config.loader.Config` is one)."""

    layers: list[Layer]

    @property
    def selection_layers(self) -> list[Layer]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def sources(self) -> list[str]: ...
    @property
    def facts(self) -> dict[str, Any]: ...
    @property
    def max_file_size(self) -> int | None: ...
    @property
    def force_report(self) -> bool: ...
    @property
    def placeholders(self) -> list[str]: ...

    def excluded_by(self, path: str) -> tuple[str, Pos] | None: ...

    def is_excluded(self, path: str) -> bool: ...


# ``placeholders:`` tokens are appended to the first of these list options of the
# rules of category ``placeholder`` (RL701 ``extra``).
PLACEHOLDER_OPTIONS = ("placeholders", "extra")


def _option_type_ok(default: Any, value: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, (list, tuple, set, frozenset)):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return True


class ResolvedConfig:
    """The rules, severities and options a configuration gives, per file.

    Attributes: ``config`` (the :class:`Config`), ``registry``, ``rules`` (every
    known rule class by code: the registry's plus ``custom_rules``), ``custom_rules``
    (classes built from ``custom-rules:``), ``enabled`` (codes selected and not
    ``off``, before per-file ignores), ``severities`` and ``options`` (per code, the
    configured values only).
    """

    def __init__(self, config: LoadedConfig, registry: Registry):
        self.config = config
        self.registry = registry
        layers = config.layers

        # custom rules: the last declaration of a code wins; remember the declaring layer
        specs: dict[str, tuple[int, Any]] = {}
        for index, layer in enumerate(layers):
            for spec in layer.custom_rules:
                specs[spec.code] = (index, spec)
        names: dict[str, Any] = {}
        for _, spec in specs.values():
            if spec.code in registry.rules:
                raise spec.code_pos.error(
                    Text(
                        f"自定义规则代码 {spec.code} 与已注册的规则重复（来自 {registry.origin.get(spec.code, '?')}）",
                        f"custom rule code {spec.code} is already used by a registered rule "
                        f"(from {registry.origin.get(spec.code, '?')})",
                    )
                )
            other = registry.by_name(spec.name)
            if other is not None:
                raise spec.name_pos.error(
                    Text(
                        f"自定义规则名称 {spec.name} 与已注册的规则 {other.code} 重复",
                        f"custom rule name {spec.name} is already used by the registered rule {other.code}",
                    )
                )
            if spec.name in names:
                raise spec.name_pos.error(
                    Text(
                        f"自定义规则名称 {spec.name} 已被 {names[spec.name].code} 使用",
                        f"custom rule name {spec.name} is already used by {names[spec.name].code}",
                    )
                )
            names[spec.name] = spec
        self.custom_rules: dict[str, type[Rule]] = {}
        if specs:  # the declarative-rule machinery (RE2 among it) only for a file that declares rules
            from reportlint.config.declarative import build_rule_class

            self.custom_rules = {code: build_rule_class(spec) for code, (_, spec) in sorted(specs.items())}
        self.rules: dict[str, type[Rule]] = dict(sorted({**registry.rules, **self.custom_rules}.items()))
        custom_by_layer: dict[int, list[tuple[str, Pos]]] = {}
        for code, (index, spec) in specs.items():
            custom_by_layer.setdefault(index, []).append((code, spec.code_pos))

        selected, self._selection = select_rules(config.selection_layers, self.rules, custom_by_layer)
        self._selected = selected
        severities, self._severity_decisions = resolve_severities(layers, self.rules)
        self.severities: dict[str, Severity | None] = severities
        self.enabled: list[str] = sorted(c for c in selected if severities.get(c) is not None)
        self.options: dict[str, dict[str, Any]] = self._resolve_options()
        self._per_file: list[tuple[Glob, str, list[Resolved]]] = []
        for layer in layers:
            for glob, sels in layer.per_file_ignores:
                self._per_file.append((glob, layer.base_dir, resolve_all(sels, self.rules, "per-file-ignores")))

    # -- delegated to Config ---------------------------------------------------------
    @property
    def source(self) -> str | None:
        return self.config.source

    @property
    def sources(self) -> list[str]:
        return self.config.sources

    @property
    def facts(self) -> dict[str, Any]:
        return self.config.facts

    @property
    def max_file_size(self) -> int | None:
        return self.config.max_file_size

    @property
    def placeholders(self) -> list[str]:
        return self.config.placeholders

    @property
    def force_report(self) -> bool:
        return self.config.force_report

    def is_excluded(self, path: str) -> bool:
        return self.config.is_excluded(path)

    # -- options ---------------------------------------------------------------------
    def _lookup(self, code_or_name: str) -> type[Rule] | None:
        rule = self.rules.get(code_or_name.upper())
        if rule is not None:
            return rule
        for r in self.rules.values():
            if r.name == code_or_name:
                return r
        return None

    def _resolve_options(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for layer in self.config.layers:
            for ro in layer.options:
                rule = self._lookup(ro.rule)
                if rule is None:
                    choices = [*self.rules, *(r.name for r in self.rules.values())]
                    hint = did_you_mean(ro.rule, choices)
                    raise ro.pos.error(
                        Text(
                            f"“options” 中未知的规则 “{ro.rule}”{hint.zh}；请写规则代码或名称",
                            f"unknown rule '{ro.rule}' in 'options'{hint.en}; use a rule code or name",
                        )
                    )
                allowed = dict(rule.options)
                for ov in ro.values:
                    if ov.name not in allowed:
                        listed = ", ".join(allowed) or "-"
                        hint = did_you_mean(ov.name, list(allowed))
                        raise ov.pos.error(
                            Text(
                                f"规则 {rule.code}（{rule.name}）没有选项 “{ov.name}”{hint.zh}；可用选项：{listed if allowed else '无'}",
                                f"rule {rule.code} ({rule.name}) has no option '{ov.name}'{hint.en}; "
                                f"its options: {listed if allowed else 'none'}",
                            )
                        )
                    default = allowed[ov.name]
                    if not _option_type_ok(default, ov.value):
                        want, got = type_name(to_plain(default)), type_name(ov.value)
                        raise ov.value_pos.error(
                            Text(
                                f"规则 {rule.code} 的选项 “{ov.name}” 应为{want.zh}（默认值 {default!r}），实际是{got.zh}",
                                f"option '{ov.name}' of rule {rule.code} must be {want.en} (default {default!r}), not {got.en}",
                            )
                        )
                    out.setdefault(rule.code, {})[ov.name] = ov.value
        return out

    def configured_options(self, code: str) -> dict[str, Any]:
        """The options passed to rule ``code``: ``options:`` values, plus the
        ``placeholders:`` tokens for placeholder rules (see :data:`PLACEHOLDER_OPTIONS`)."""
        opts = dict(self.options.get(code, {}))
        rule = self.rules[code]
        extra = self.config.placeholders
        if extra and rule.category == "placeholder":
            for name in PLACEHOLDER_OPTIONS:
                if isinstance(rule.options.get(name), (list, tuple)):
                    current = list(opts.get(name, rule.options[name]) or [])
                    # A set keeps this linear however many tokens the config lists.
                    present = {p for p in current if isinstance(p, str)}
                    opts[name] = current + [p for p in extra if p not in present]
                    break
        return opts

    def options_for(self, code: str) -> dict[str, Any]:
        """Every option of rule ``code``: its defaults updated with :meth:`configured_options`."""
        merged = dict(self.rules[code].options)
        merged.update(self.configured_options(code))
        return merged

    # -- per file --------------------------------------------------------------------
    def ignored_for(self, path: str) -> dict[str, Glob]:
        """Codes switched off for ``path`` by ``per-file-ignores`` → the glob that did it."""
        out: dict[str, Glob] = {}
        for glob, base_dir, resolved in self._per_file:
            if glob_matches(compile_glob(glob.pattern), base_dir, path):
                for r in resolved:
                    for code in r.codes:
                        out.setdefault(code, glob)
        return out

    def codes_for(self, path: str) -> list[str]:
        """Codes of the rules that run on ``path`` (in code order)."""
        ignored = self.ignored_for(path)
        return [c for c in self.enabled if c not in ignored]

    def rules_for(self, path: str) -> list[Rule]:
        """Fresh rule instances for ``path``, with severities and options applied.

        Per-file ignores are applied; ``exclude`` is not (ask :meth:`is_excluded`).
        """
        out = []
        for code in self.codes_for(path):
            cls = self.rules[code]
            out.append(cls(options=self.configured_options(code), severity=self.severities[code]))
        return out

    def origin(self, code: str) -> str:
        if code in self.custom_rules:
            return f"custom-rules ({self.custom_rules[code].declared_in})"  # type: ignore[attr-defined]
        return self.registry.origin.get(code, "?")

    def why(self, code: str, path: str | None = None) -> Decision:
        """The decision that turned rule ``code`` off (or on) for ``path``."""
        if path is not None:
            glob = self.ignored_for(path).get(code)
            if glob is not None:
                return Decision("per-file-ignores", glob.pattern, glob.pos)
        if code in self._selected and self.severities.get(code) is None:
            return self._severity_decisions.get(code, Decision("severity"))
        return self._selection.get(code, Decision("default"))

    def effective_settings(self, path: str) -> dict[str, Any]:
        return effective_settings(self, path)


def effective_settings(resolved: ResolvedConfig, path: str) -> dict[str, Any]:
    """The effective configuration for ``path`` as plain data (for ``reportlint config FILE``).

    Keys: ``file``, ``config`` (the file used, or None), ``extends`` (the files it
    extends, nearest first), ``excluded`` (and ``excluded-by`` when true),
    ``report``, ``max-file-size``, ``placeholders``, ``rules`` (code → name,
    category, severity, options, origin) and ``disabled`` (code → name and the
    reason: ``by`` = not-default | select | ignore | severity | per-file-ignores,
    with ``selector``, ``file`` and ``line``).
    """
    config = resolved.config
    excluded = config.excluded_by(path)
    out: dict[str, Any] = {
        "file": path,
        "config": config.source,
        "extends": config.sources[1:],
        "excluded": excluded is not None,
    }
    if excluded is not None:
        pattern, pos = excluded
        out["excluded-by"] = {"pattern": pattern, "file": pos.path, "line": pos.line}
    out["report"] = dict(config.facts)
    out["max-file-size"] = config.max_file_size
    out["placeholders"] = list(config.placeholders)
    out["force-report"] = config.force_report
    running = resolved.codes_for(path)
    rules: dict[str, Any] = {}
    for code in running:
        cls = resolved.rules[code]
        sev = resolved.severities[code]
        rules[code] = {
            "name": cls.name,
            "category": cls.category,
            "severity": sev.value if sev is not None else "off",
            "options": to_plain(resolved.options_for(code)),
            "origin": resolved.origin(code),
        }
    out["rules"] = rules
    disabled: dict[str, Any] = {}
    for code, cls in resolved.rules.items():
        if code in rules:
            continue
        disabled[code] = {"name": cls.name, "reason": resolved.why(code, path).to_json()}
    out["disabled"] = disabled
    return out
