"""Plain text and Markdown: detect the encoding, keep the original lines.

Encodings: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, GB18030 (which
covers GBK and GB2312). A UTF-8 file with a few damaged bytes is read as UTF-8
with U+FFFD in their place and a ``decode-errors`` note, rather than as GB18030
mojibake. Binary files (PDF/Word/images saved as .txt, control bytes) are refused
with an :class:`~reportlint.core.errors.InputError`.
"""

from __future__ import annotations

from reportlint.document.extracted import Extracted, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.readers._encoding import (
    BOMS,  # noqa: F401  (re-exported for callers of the old module layout)
    binary_kind,
    decode_bytes,
    detect_newline,
    normalise_newlines,
)


def looks_binary(data: bytes) -> bool:
    return binary_kind(data) is not None


def decode(path: str, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom)."""
    d = decode_bytes(path, data)
    return d.text, d.encoding, d.bom


def read(path: str, data: bytes, kind: str = "text") -> Extracted:
    d = decode_bytes(path, data)
    text = d.text
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = detect_newline(text)
    # Lines and columns are counted on \n; a CRLF file has the same lines either way.
    text = normalise_newlines(text)
    notes = []
    if d.errors:
        first = text.find("\ufffd")
        notes.append(
            ReaderNote(
                kind="decode-errors",
                start=max(first, 0),
                end=max(first, 0) + 1,
                detail=f"{d.errors} undecodable byte sequence(s) replaced by U+FFFD",
            )
        )
    return Extracted(
        path=path,
        kind=kind,
        text=text,
        origins=OriginMap(text),
        encoding=d.encoding,
        newline=newline,
        bom=d.bom,
        notes=notes,
    )
