"""The narrative signature's quick path (copied_text: headings by bisection, boilerplate
as one pattern, the hashes by one multiplication in 128-bit lanes, the bins by
bisection) gives what its definition gives — the plain, one-step-per-item computation
written out below — on every fixture, so signatures cached or compared across versions
stay the same."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportlint.analysis import copied_text
from reportlint.analysis.agency_names import own_names, place_chain
from reportlint.analysis.narrative import sentences
from reportlint.run.previous_year import load_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = sorted(
    p for p in FIXTURES.rglob("*.*") if p.suffix in (".txt", ".md", ".pdf", ".docx", ".doc", ".odt", ".rtf")
)


def _eligible_by_definition(doc, min_chars: int, boilerplate: tuple[str, ...]):
    view = doc.view
    headings = [(view.to_view(a), view.to_view(b)) for a, b in (sec.heading_span for sec in doc.sections)]
    out = []
    for s in sentences(doc):
        m = copied_text.mask(s.text)
        if len(m) < min_chars or any(b in s.text for b in boilerplate):
            continue
        if any(a <= s.start < b for a, b in headings):
            continue
        out.append((s.start, m))
    return out


def _signature_of_by_definition(keys: list[int]) -> list[int] | None:
    mask64 = (1 << 64) - 1
    hashes = {(k * copied_text._MULTIPLIER) & mask64 for k in keys}
    if len(hashes) < copied_text.MIN_SHINGLES:
        return None
    lowest: dict[int, int] = {}
    for h in hashes:
        b = h >> copied_text._BIN_SHIFT
        if b not in lowest or h < lowest[b]:
            lowest[b] = h
    if len(lowest) < copied_text.SIGNATURE_BINS:
        copied_text._densify(lowest)
    bins = [
        ((lowest[b] * copied_text._VALUE_MULTIPLIER) & mask64) >> copied_text._VALUE_SHIFT
        for b in range(copied_text.SIGNATURE_BINS)
    ]
    return [*bins, len(hashes)]


def _signature_by_definition(doc) -> list[int] | None:
    eligible = _eligible_by_definition(doc, *copied_text._copy_settings())
    text = "".join(m for _, m in eligible)
    names = own_names(doc)
    forms = list(names.forms)
    if names.canonical:
        forms.extend(place_chain(names.canonical)[0])
    for form in sorted({f for f in forms if len(f) >= 2}, key=len, reverse=True):
        text = text.replace(form, "")
    return _signature_of_by_definition(copied_text.shingles(copied_text._NOT_WORD.sub("", text)))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_fixture_has_the_signature_of_the_definition(path):
    doc = load_document(str(path))
    settings = copied_text._copy_settings()
    quick = [(s.start, m) for s, m in copied_text._find_eligible(doc, *settings)]
    assert quick == _eligible_by_definition(doc, *settings)
    # other settings (shorter sentences kept, more boilerplate) agree as well
    loose = (5, ("工作", "公开", "年度报告"))
    assert [(s.start, m) for s, m in copied_text._find_eligible(doc, *loose)] == _eligible_by_definition(doc, *loose)
    assert copied_text.narrative_signature(doc) == _signature_by_definition(doc)


def test_the_texts_signed_are_real():
    signed = [copied_text.narrative_signature(load_document(str(p))) for p in REPORTS]
    assert sum(s is not None for s in signed) >= len(REPORTS) - 2  # a blank template, a few lines


@pytest.mark.parametrize("count", [0, 200, 256, 300, 1000, 5000])
def test_signature_of_any_keys(count):
    rng = random.Random(count)
    keys = [rng.getrandbits(64) for _ in range(count)]
    keys += keys[: count // 3] + [0, (1 << 64) - 1]  # repeated shingles, the extremes
    assert copied_text.signature_of(keys) == _signature_of_by_definition(keys)
