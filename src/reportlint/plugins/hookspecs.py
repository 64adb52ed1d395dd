"""Hook specifications. Built-in rules use exactly these hooks too.

A third-party package adds rules by declaring an entry point in the ``reportlint``
group that points at a module (or object) implementing ``reportlint_register_rules``::

    [project.entry-points.reportlint]
    myagency = "myagency_rules"

    # myagency_rules.py
    from reportlint.plugins import hookimpl

    @hookimpl
    def reportlint_register_rules():
        from myagency_rules.seal import MissingSeal
        return [MissingSeal]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from reportlint.rules.base import Rule

PROJECT = "reportlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def reportlint_register_rules() -> list[type[Rule]]:
    """Return a list of :class:`reportlint.rules.base.Rule` subclasses."""
    raise NotImplementedError  # a specification: pluggy calls the plugins' implementations
