"""Fingerprints of findings that survive edits elsewhere in the file, for systems that
track findings across runs: SARIF ``partialFingerprints`` (GitHub code scanning) and
GitLab Code Quality ``fingerprint``.

The recipe (version ``v1``): SHA-256, as hex, of the UTF-8 text

    "v1" NUL rule code NUL path NUL anchor NUL n

* *path* — the file's path relative to the repository root (as GitHub annotations and
  GitLab name it: :meth:`reportlint.output.paths.Locator.display`), with ``/``;
* *anchor* — what the finding is about, never where: the quoted text of its span
  (the characters of the user's file the finding underlines, when the span lies on one
  line and holds more than blanks); else the table cell it names (table, row, column
  keys — not the grid position); else its message in Chinese (whatever ``--lang``, so
  the language does not change the fingerprint). Runs of blanks are folded to one
  space and the ends stripped;
* *n* — 0 for the first finding of the file with that code and anchor, 1 for the next
  (in the order of the file), … so that fingerprints are unique within a file.

No line or column enters it: a line inserted above a finding leaves its fingerprint
unchanged; editing the underlined text itself (or the message, for a finding without a
span) gives a new one, as it should.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic
from reportlint.output import sorted_diagnostics

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.core.results import FileResult

VERSION = "v1"
SARIF_KEY = f"reportlint/{VERSION}"  # the partialFingerprints key (SARIF §3.27.17: "name/vN")

_BLANKS = pattern_store.compile(r"\s+")


def _fold(text: str) -> str:
    return _BLANKS.sub(" ", text).strip()


def anchor(d: Diagnostic, result: FileResult) -> str:
    """What the finding is about (see the module docstring)."""
    loc = d.location
    if loc.line == loc.end_line and loc.end_column > loc.column:
        quoted = _fold(result.source_line(loc.line)[loc.column - 1 : loc.end_column - 1])
        if quoted:
            return "text:" + quoted
    if loc.cell is not None:
        cell = loc.cell
        return f"cell:{cell.table}|{cell.row or ''}|{cell.column or ''}"
    return "message:" + _fold(d.message.get("zh"))


def fingerprints(result: FileResult, path: str | None = None) -> dict[int, str]:
    """``id(diagnostic)`` → its fingerprint, for every diagnostic of ``result``.
    ``path``: the file's path as the format names it (relative to the repository root,
    so that the fingerprint does not depend on the folder the run started in); default
    the path as given."""
    path = (path if path is not None else result.path).replace("\\", "/")
    seen: Counter[tuple[str, str]] = Counter()
    out: dict[int, str] = {}
    for d in sorted_diagnostics(result):
        key = (d.code, anchor(d, result))
        n = seen[key]
        seen[key] += 1
        text = "\0".join((VERSION, d.code, path, key[1], str(n)))
        out[id(d)] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return out
