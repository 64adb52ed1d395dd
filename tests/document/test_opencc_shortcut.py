"""normalize._unchanged_by_opencc scans for the trigger characters with character
classes: it answers as the set definition of the table does, on real reports and on
every character and phrase of the table, Basic Plane or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.document import normalize, t2s_triggers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _by_sets(text: str) -> bool:
    table = normalize._convertible()
    assert table is not None
    wanted, characters, phrases = table
    found = wanted.intersection(text)
    if not found:
        return True
    if not characters.isdisjoint(found):
        return False
    return not any(p in text for c in found for p in phrases[c])


@pytest.fixture(autouse=True)
def _table_in_use():
    if normalize._convertible() is None:
        pytest.skip("the installed opencc's dictionaries differ from the generated table")


def test_real_reports():
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    assert texts
    for text in texts:
        assert normalize._unchanged_by_opencc(text) == _by_sets(text)


def test_every_character_and_phrase_of_the_table():
    beyond = [c for c in t2s_triggers.CHARACTERS if ord(c) >= 0x10000]
    assert beyond  # the table has characters beyond the Basic Plane: their own class is used
    for c in t2s_triggers.CHARACTERS:
        assert not normalize._unchanged_by_opencc(f"年度报告{c}工作")
    for key, phrases in t2s_triggers.PHRASES.items():
        for text in (key, f"覆盖{key}全县", *phrases, *(f"政务{p}公开" for p in phrases)):
            assert normalize._unchanged_by_opencc(text) == _by_sets(text), text


@pytest.mark.parametrize("text", ["", "abc", "\U00020000", "中\U0002a6a5文", "]^-\\[", "覆盖全县的政务公开专区"])
def test_edge_texts(text):
    assert normalize._unchanged_by_opencc(text) == _by_sets(text)
