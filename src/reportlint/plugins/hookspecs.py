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

import pluggy

PROJECT = "reportlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def reportlint_register_rules() -> list:
    """Return a list of :class:`reportlint.rules.base.Rule` subclasses."""
