"""Shared helpers for rules that scan lines of the view and report text spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Edit, Fix
from reportlint.core.i18n import Text
from reportlint.core.match_starts import first_chars
from reportlint.document.model import Document, Span


def view_lines(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each line of the normalised view (offsets in the view)."""
    text = doc.view.text
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield start, end, text[start:end]
        if end == len(text):
            break
        start = end + 1


def text_lines(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each line of the extracted text itself."""
    text = doc.text
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def to_text(doc: Document, start: int, end: int) -> Span:
    return doc.view.to_source(start, end)


def whole_line_span(doc: Document, span: Span) -> Span:
    """Widen a text span to its whole line(s), including the line break after it."""
    text = doc.text
    s = text.rfind("\n", 0, span[0]) + 1
    e = text.find("\n", span[1])
    if e == -1:  # the last line, without a line break: take the one before it instead
        return (max(0, s - 1), len(text))
    return (s, e + 1)


def deletion_fix(doc: Document, spans: list[Span], description: Text) -> Fix | None:
    """A safe fix deleting ``spans`` — only where fixes can be written back (.txt/.md)."""
    if not doc.extracted.editable or not spans:
        return None
    return Fix(description, tuple(Edit(s, e, "") for s, e in sorted(set(spans))))


@cache
def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    return pattern_store.compile(pattern, flags)


@cache
def start_class(pattern: re.Pattern) -> re.Pattern | None:
    """One character class matching every character a match of ``pattern`` can begin
    with (and maybe more), or None when that cannot be read off. A line (or a text)
    without such a character holds no match: a scan line by line may skip it."""
    items = first_chars(pattern.pattern, pattern.flags)
    return pattern_store.compile("[" + "".join(items) + "]", pattern.flags) if items else None
