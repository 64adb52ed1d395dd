"""Plugin system: hook specifications and the plugin manager."""

from reportlint.plugins.hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
