"""Built-in rules, registered through the same pluggy hook as third-party plugins.

Each rule lives in its own module named after its code and name. The modules are
imported inside the hook, so ``reportlint --version`` never pays for them.
"""

from __future__ import annotations

import importlib
import pkgutil

from reportlint.plugins.hookspecs import hookimpl


def builtin_rule_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("rl"))


@hookimpl
def reportlint_register_rules():
    from reportlint.rules.base import Rule

    found = []
    for module_name in builtin_rule_modules():
        module = importlib.import_module(f"{__name__}.{module_name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.append(obj)
    return found
