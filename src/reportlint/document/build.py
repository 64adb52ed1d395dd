"""Extracted text → Document: normalise, then find meta, sections and tables."""

from __future__ import annotations

from reportlint.document import blank_zero, meta, sections, tables
from reportlint.document.extracted import Extracted
from reportlint.document.model import Document
from reportlint.document.normalize import build_view


def build_document(extracted: Extracted, facts: dict | None = None) -> Document:
    """Analyse ``extracted``. ``facts`` (from config ``report:``) override inference:
    ``kind``, ``year``, ``format``."""
    facts = facts or {}
    doc = Document(extracted=extracted, view=build_view(extracted.text), facts=dict(facts))
    meta.analyse(doc)
    if facts.get("year"):
        doc.meta.year = int(facts["year"])
        doc.meta.year_source = "config"
    if facts.get("kind"):
        doc.meta.kind = facts["kind"]
    sections.analyse(doc)
    tables.analyse(doc)
    blank_zero.analyse(doc)  # tables that write zero as a blank: their blanks read as 0
    doc.format = facts.get("format") or infer_format(doc)
    return doc


def infer_format(doc: Document) -> str:
    """The format the report must follow, from its year (tables only break ties)."""
    year = doc.meta.year
    if year is not None:
        if year <= 2018:
            return "pre2019"
        if year <= 2020:
            return "2019"
        return "2021"
    layouts = [t.layout for t in doc.tables.values() if t is not None and t.layout != "unknown"]
    if layouts:
        counts = sorted((layouts.count(x) for x in set(layouts)), reverse=True)
        if len(counts) > 1 and counts[0] == counts[1]:
            return "unknown"  # as many signs of one layout as of another: the tables do not decide
        return max(set(layouts), key=layouts.count)
    return "unknown"
