"""What the narrative says about table 二's fee amount (本年收费金额（单位：万元）), for its unit.

The narrative states the fee as ``行政事业性收费 N 元`` or ``N 万元``
(:mod:`reportlint.analysis.narrative`, domain ``fees``). Two readings matter for the
unit of the table's cell:

- a *unit slip*: the text and the cell have the same number but the text's unit is not
  the table's (``3940元`` in the text, ``3940`` under 万元) — one figure is in the wrong
  unit, reported once by RL405 at the cell, not as a mismatch of numbers by RL505;
- a *confirmation*: the text states the fee in 万元 and agrees with the cell, so the
  cell is meant in 万元 however large it is.
"""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.document.values import parse_value


def fee_statements(doc) -> list[narrative.Statement]:
    """Every statement of the fee amount in the narrative."""
    return [one for st in narrative.statements(doc) for one in [st, *st.children] if one.domain == "fees"]


def is_unit_slip(doc, m: narrative.Mismatch) -> bool:
    """A fee mismatch that is a matter of units, not of numbers: the stated number is the
    cell's number in another unit (``3940元`` / ``3940`` under 万元), or the cell itself
    carries a unit other than the table's (``3940元``), so the two cannot be compared
    until the cell is corrected."""
    if m.statement.domain != "fees":
        return False
    if _same_number(m):
        return True
    return any(_written_unit(doc, t) not in (None, _table_unit()) for t in m.statement.targets)


def _same_number(m: narrative.Mismatch) -> bool:
    st = m.statement
    return m.unread is None and len(m.expected) == 1 and st.scale != 1 and st.number.value == m.expected[0][1]


def _table_unit() -> str:
    return str(narrative.data()["fees"]["unit"])


def _written_unit(doc, target: narrative.Target) -> str | None:
    """The unit written in the target's cell (``元`` in ``3940元``), or None."""
    table = doc.readable_table(target.table)
    if table is None:
        return None
    for row_key in target.rows:
        row = table.row(row_key)
        if row is None:
            continue
        for column in target.columns:
            cell = row.cell(column)
            if cell is not None and cell.status == "read" and cell.value is not None:
                unit = parse_value(cell.raw, "money").unit
                if unit is not None:
                    return unit
    return None


def unit_slips(doc) -> list[narrative.Mismatch]:
    """The fee statements whose number is the cell's number in another unit (``3940元`` / 3940)."""
    return [m for m in narrative.mismatches(doc, ("fees",)) if _same_number(m)]


def confirmed_in_text(doc) -> bool:
    """The narrative states the fee in the table's unit and agrees with the cell."""
    return any(st.scale == 1 and narrative.compare(doc, st) is None for st in fee_statements(doc))
