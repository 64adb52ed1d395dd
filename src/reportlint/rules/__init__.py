"""Built-in rules, registered through the same pluggy hook as third-party plugins.

Each rule lives in its own module named after its code and name. The modules are
imported inside the hook, so ``reportlint --version`` never pays for them.

Rules sit below the plugin manager (:mod:`reportlint.plugins`), which imports them, so
this package does not import :mod:`reportlint.plugins.hookspecs` for its marker: it
makes its own. pluggy matches implementations to specifications by the project name
alone, so a marker made with the same name is the very same marker.
"""

from __future__ import annotations

import importlib
import pkgutil

import pluggy

PROJECT = "reportlint"  # = reportlint.plugins.hookspecs.PROJECT (tests/test_layers.py)
hookimpl = pluggy.HookimplMarker(PROJECT)


def builtin_rule_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("rl"))


@hookimpl
def reportlint_register_rules():
    from reportlint.rules.base import Rule

    found = []
    for module_name in builtin_rule_modules():
        module = importlib.import_module(f"{__name__}.{module_name}")
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, Rule)
                and obj is not Rule
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found
