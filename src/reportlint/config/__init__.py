"""Configuration: the ``.reportlint.yaml`` rules file.

What the CLI calls
------------------
::

    from reportlint.config import ConfigLoader, effective_settings, starter_config

    loader = ConfigLoader(args.config)            # --config PATH or None; ConfigError if bad
    config = loader.for_file(path)                # walk up from path's directory (cached)
    if config.is_excluded(path): skip             # `exclude:` (also for named files)
    max_bytes = cli_max or config.max_file_size or DEFAULT_MAX_BYTES
    doc = build_document(read(path, max_bytes=max_bytes), facts=config.facts)
    resolved = config.resolve(registry)           # ConfigError for unknown selectors…
    for rule in resolved.rules_for(path): rule.check(doc)

    effective_settings(resolved, path) -> dict    # `reportlint config FILE`
    starter_config(lang, registry) -> str         # `reportlint init`

* :class:`ConfigLoader` ``(explicit_path: str | None = None, *, isolated=False)``

  - ``for_file(path: str | None) -> Config`` — the nearest ``.reportlint.yaml`` /
    ``.reportlint.yml`` walking up from the file's directory (``-`` or None:
    from the working directory), the ``--config`` file when given, or the default
    ``Config()`` when none is found. Cached per directory and per file.
  - ``resolve_for(path, registry) -> ResolvedConfig`` — shorthand.
  - ``load(path) -> Config`` — one file with its ``extend`` chain, no discovery.

* :class:`Config` — ``source: str | None``, ``sources: list[str]`` (file, then the
  files it extends), ``facts: dict`` (``report:``: kind/year/format/script),
  ``max_file_size: int | None``, ``placeholders: list[str]``,
  ``is_excluded(path) -> bool``, ``excluded_by(path)``,
  ``resolve(registry) -> ResolvedConfig`` (cached per registry).

* :class:`ResolvedConfig` — ``rules_for(path) -> list[Rule]`` (fresh instances with
  severity and options applied, per-file ignores applied), ``codes_for(path)``,
  ``ignored_for(path)``, ``rules`` (all rule classes by code, registry + custom),
  ``custom_rules``, ``enabled``, ``severities``, ``options``, ``options_for(code)``,
  ``why(code, path)``, plus ``source``, ``facts``, ``max_file_size``,
  ``placeholders``, ``is_excluded(path)`` from the :class:`Config`.

* ``effective_settings(resolved, path) -> dict`` — plain, JSON-ready data.
* ``starter_config(lang="zh", registry=None) -> str`` — every key, commented in
  ``lang``; loads without error.

Every problem is a :class:`~reportlint.core.errors.ConfigError` carrying the config
file's path and the 1-based line and column of the offending key or value.

Loading is bounded whatever the file holds (:mod:`reportlint.config.schema`): only a
regular file of at most ``MAX_CONFIG_BYTES`` is read, nesting and alias expansion are
capped, ``placeholders`` are counted, and an ``extend`` chain is limited in length
(:mod:`reportlint.config.loader`). Custom-rule patterns run on RE2
(:mod:`reportlint.config.linear_regex`).

The file
--------
``extend`` (path, relative to the file), ``select`` / ``extend-select`` / ``ignore``
(lists of selectors: ``RL101``, ``RL1``, ``missing-section``, ``structure``, ``ALL``),
``severity`` (selector → error|warning|info|off), ``options`` (rule code or name →
{option: value}), ``per-file-ignores`` (glob → selectors), ``exclude`` (globs),
``report`` ({kind, year, format, script}), ``max-file-size`` (bytes or ``20MB``),
``placeholders`` (strings), ``custom-rules`` (declarative rules, see
:mod:`reportlint.config.declarative`), ``deadlines`` (agency kind → ``"MM-DD"``, local
publication dates) and ``scoring`` (a scoring profile's name or path; both in
``docs/scoring.md``). Selection semantics: see
:mod:`reportlint.config.selection`; globs: :mod:`reportlint.config.globs`; merging
along ``extend``: :mod:`reportlint.config.loader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint.config.loader import Config, ConfigLoader, config_from_text, load_config
from reportlint.config.resolved import ResolvedConfig, effective_settings
from reportlint.config.schema import CONFIG_NAMES, KEYS, parse_size

if TYPE_CHECKING:
    from reportlint.config.declarative import CustomRuleSpec, DeclarativeRule, build_rule_class
    from reportlint.config.starter import starter_config

# Imported when first asked for (PEP 562): a check without custom rules never needs the
# declarative-rule machinery, and only `reportlint init` writes a starter file.
_LAZY = {
    "CustomRuleSpec": "reportlint.config.declarative",
    "DeclarativeRule": "reportlint.config.declarative",
    "build_rule_class": "reportlint.config.declarative",
    "starter_config": "reportlint.config.starter",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "CONFIG_NAMES",
    "KEYS",
    "Config",
    "ConfigLoader",
    "CustomRuleSpec",
    "DeclarativeRule",
    "ResolvedConfig",
    "build_rule_class",
    "config_from_text",
    "effective_settings",
    "load_config",
    "parse_size",
    "starter_config",
]
