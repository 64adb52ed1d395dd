"""Short lists inside messages: ``a、b、c等12项`` / ``a, b, c and 9 more``."""

from __future__ import annotations


def listing(items: list[str], limit: int = 8, sep: str = "、") -> str:
    """``a、b、c`` (at most ``limit`` items, then ``等N项``)."""
    if len(items) <= limit:
        return sep.join(items)
    return sep.join(items[:limit]) + f"等{len(items)}项"


def listing_en(items: list[str], limit: int = 8) -> str:
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
