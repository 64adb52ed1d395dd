"""Shared helpers of the structure rules (RL1xx); not a rule itself.

Which outline a report follows, the official sections of that outline, section bodies
in the normalised view, and where to point a finding about a section that is missing.
"""

from __future__ import annotations

import re
from functools import cache

from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document, Section, Span

CURRENT_FORMATS = ("2019", "2021")
_PUNCT = pattern_store.compile(r"[\s\u3000。，,、；;：:.!！?？\"'“”‘’()（）\[\]【】《》<>|_\-—~·…]+")


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class OfficialSection:
    """One section of the official outline (key, number, title)."""

    key: str
    number: str
    title: str


def data() -> dict:
    return ruledata.load("structure")


@cache
def outline(name: str) -> tuple[OfficialSection, ...]:
    """The official sections of ``current`` or ``pre2019`` (rules/sections.yaml), in order."""
    items = ruledata.load("sections")["outlines"][name]
    return tuple(OfficialSection(i["key"], str(i["number"]), i["title"]) for i in items)


def official(key: str) -> OfficialSection | None:
    for name in ("current", "pre2019"):
        for entry in outline(name):
            if entry.key == key:
                return entry
    return None


def report_format(doc: Document) -> str | None:
    """``2019`` / ``2021`` / ``pre2019``, or None when the format cannot be told."""
    if doc.format in ("2019", "2021", "pre2019"):
        return doc.format
    if doc.sections:
        return "pre2019" if all(s.key.startswith("old_") for s in doc.sections) else None
    return None


def outline_name(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    return "pre2019" if fmt == "pre2019" else "current"


def required_keys(fmt: str | None) -> list[str]:
    if fmt is None:
        return []
    return list(data()["required_sections"].get(fmt, []))


def heading_label(entry: OfficialSection | Section) -> str:
    """``二、主动公开政府信息情况`` for an official section or a found section."""
    if isinstance(entry, Section):
        return f"{entry.expected_number}、{entry.official_title}"
    return f"{entry.number}、{entry.title}"


def written_heading(doc: Document, sec: Section) -> str:
    """The heading as written, on one line, in the normalised view (Simplified script,
    pinyin readings and export markers dropped) so that messages quote it readably."""
    v = doc.view
    return re.sub(r"\s+", "", v.text[v.to_view(sec.heading_span[0]) : v.to_view(sec.heading_span[1])])


def body_view(doc: Document, sec: Section) -> str:
    """The section body in the normalised view (Simplified script, folded)."""
    s, e = sec.body_span
    if e <= s:
        return ""
    return doc.view.text[doc.view.to_view(s) : doc.view.to_view(e)]


def squeeze(text: str) -> str:
    """Text without whitespace and punctuation, for "is this body only 无?" tests."""
    return _PUNCT.sub("", text)


def line_start(doc: Document, offset: int) -> int:
    return doc.text.rfind("\n", 0, offset) + 1


def title_span(doc: Document, sec: Section) -> Span:
    """The title part of a heading (after ``二、`` / ``第二部分``), in ``Document.text``."""
    s, e = sec.heading_span
    if sec.number_span is not None:
        s = sec.number_span[1]
        text = doc.text
        if text.startswith("部分", s):
            s += 2
        while s < e and text[s] in " \t\u3000、，,.．:：":
            s += 1
    return (s, e)


def where_missing(doc: Document, key: str, order: list[str]) -> tuple[Span | None, str | None, str]:
    """Where a missing section belongs: (span to point at, neighbour heading, "before"/"after").

    The heading of the next section found after it in the official order (the missing
    one goes before it); else the previous one (it goes after it); else the title line.
    """
    present = {s.key: s for s in doc.sections}
    i = order.index(key) if key in order else len(order)
    for k in order[i + 1 :]:
        if k in present:
            sec = present[k]
            return sec.heading_span, written_heading(doc, sec), "before"
    for k in reversed(order[:i]):
        if k in present:
            sec = present[k]
            return sec.heading_span, written_heading(doc, sec), "after"
    return None, None, "before"
