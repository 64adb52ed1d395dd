"""The page's style sheet and script (``page.css``, ``page.js`` next to this module).

They are package data, read once per process with :mod:`importlib.resources` (so they
are found in a wheel or a zip as well as in a source tree) and inlined into the page,
which stays one self-contained file that loads nothing. The script is allowed by the
Content-Security-Policy through its hash, so the hash is computed from the exact text
that goes between ``<script>`` and ``</script>``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from functools import cache
from importlib import resources

from reportlint.core import pattern_store

_SURROGATES = pattern_store.compile("[\ud800-\udfff]")


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


def json_text(data: object) -> str:
    """``data`` as JSON to put between ``<script type="application/json">`` and ``</script>``.

    The HTML parser ends a script element at the first ``</script`` whatever it is inside,
    and ``<!--`` can start the "escaped" state that hides it: so no ``<`` is left at all
    (nor ``>``, ``&``). They only ever occur inside JSON strings, where ``\\u003c`` means
    the same character to ``JSON.parse``. Lone surrogates (undecodable bytes kept by
    surrogateescape) become U+FFFD so the page is valid UTF-8."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _SURROGATES.sub("\ufffd", text)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_script(element_id: str, data: object, cls: str = "") -> str:
    """A data block the page's script reads with ``JSON.parse`` (never run: the type is not JavaScript)."""
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<script type="application/json" id="{element_id}"{cls_attr}>{json_text(data)}</script>\n'


def section_block(path: str, section_html: str) -> dict[str, str]:
    """The data block of one report's section: ``{"path", "gzip"}``, the markup gzipped
    and in base64, which the page's script inflates (``DecompressionStream``) when the
    report is opened.

    Why compressed: a section with its three tables is 5–30 KB of markup that repeats
    the same official headings in every report; gzip makes it about a tenth, so a page of
    10,000 reports is tens of MB rather than nearly 200. ``mtime=0``: the same results
    give the same page."""
    packed = gzip.compress(section_html.encode("utf-8", "replace"), compresslevel=6, mtime=0)
    return {"path": path, "gzip": base64.b64encode(packed).decode("ascii")}


def read_section_block(block: dict[str, str]) -> str:
    """The markup of a :func:`section_block` (what the page's script does, for tests and tools)."""
    return gzip.decompress(base64.b64decode(block["gzip"])).decode("utf-8")
