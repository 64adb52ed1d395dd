"""Every real report read as a reviewer reads it by hand (hand_values.yaml, from the corpus
README): year, agency, kind, format, dates, sections, and every table value given there.

A hand-read cell is either read right or — only where no arithmetic can tell the digits
apart — said to be unreadable; it is never read as another number.
"""

from __future__ import annotations

import hand
import pytest

FILES = sorted(name for name in hand.hand_values() if (hand.FIXTURES / name).is_file())

# Cells whose digits run together in the text with no arithmetic to split them by
# (table 二 has no sums): reportlint must say it cannot read them.
UNREADABLE_BY_NATURE = {("pingtan-gov-2023.txt", "table2", "normative_documents")}


@pytest.mark.parametrize("name", FILES)
def test_identity_as_read_by_hand(name):
    wrong = [(field, want, got) for field, want, got in hand.identity_checks(name) if want != got]
    assert wrong == []


@pytest.mark.parametrize("name", [n for n in FILES if (hand.hand_values()[n] or {}).get("tables")])
def test_table_values_as_read_by_hand(name):
    checks = hand.cell_checks(name)
    assert checks
    wrong = [c for c in checks if not c.right and (c.file, c.table, c.row) not in UNREADABLE_BY_NATURE]
    assert wrong == []
    for c in checks:
        if (c.file, c.table, c.row) in UNREADABLE_BY_NATURE:
            assert c.status == "unreadable", c


def test_every_listed_defect_with_a_rule_is_found():
    missing = []
    for name, defects in hand.listed_defects().items():
        if not (hand.FIXTURES / name).is_file():
            continue
        diags = hand.findings(name)
        missing.extend(
            (name, d["defect"]) for d in defects or () if d.get("codes") and not hand.defect_found(name, d, diags)
        )
    # Known gaps, each a defect a reviewer lists that no rule catches yet (see the closing note):
    known = {
        ("hongze-gov-2023.pdf", "title agency 洪泽区人民政府 against 淮安市洪泽区人民政府办公室"),
    }
    assert set(missing) <= known, set(missing) - known
