"""The page's style sheet and script (``page.css``, ``page.js`` next to this module).

They are package data, read once per process with :mod:`importlib.resources` (so they
are found in a wheel or a zip as well as in a source tree) and inlined into the page,
which stays one self-contained file that loads nothing. The script is allowed by the
Content-Security-Policy through its hash, so the hash is computed from the exact text
that goes between ``<script>`` and ``</script>``.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def stylesheet() -> str:
    """The text of the ``<style>`` element."""
    # On its own line after the opening tag, as the page has always been written.
    return "\n" + _read("page.css")


@cache
def script() -> str:
    """The text of the ``<script>`` element (sorting and filtering the report list).

    No report text is ever put in the script: it is the same for every page, which is
    what lets the Content-Security-Policy name it by hash."""
    return "\n" + _read("page.js")


def script_hash() -> str:
    """``sha256-…`` of :func:`script`, as a CSP source expression."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script().encode("utf-8")).digest()).decode("ascii")


def content_security_policy() -> str:
    """No network access, inline style only, and no script but the page's own."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{script_hash()}'; base-uri 'none'; form-action 'none'"
    )
