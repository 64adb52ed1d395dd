"""Apply safe fixes to .txt/.md files: atomic write, encoding, BOM and newlines kept."""

from __future__ import annotations

import difflib

from reportlint.atomic import write_bytes_atomic
from reportlint.diagnostics import Diagnostic, Edit
from reportlint.document.extracted import Extracted


def collect_edits(diags: list[Diagnostic]) -> list[Edit]:
    """Non-overlapping edits of safe fixes, in order; on overlap the first fix wins."""
    edits: list[Edit] = []
    for d in diags:
        if d.fix is None or not d.fix.safe:
            continue
        candidate = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(not (e.end <= o.start or e.start >= o.end) for e in candidate for o in edits):
            continue
        edits.extend(candidate)
    return sorted(edits, key=lambda e: (e.start, e.end))


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


def encode_like(extracted: Extracted, text: str) -> bytes:
    """Encode fixed text the way the original file was encoded."""
    if extracted.newline != "\n":
        text = text.replace("\n", extracted.newline)
    encoding = extracted.encoding or "utf-8"
    if encoding in ("utf-16", "utf-32"):
        return text.encode(encoding)  # these codecs write their BOM themselves
    data = text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    if extracted.bom and encoding == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    return data


def write_fixed(extracted: Extracted, text: str) -> None:
    write_bytes_atomic(extracted.path, encode_like(extracted, text))
