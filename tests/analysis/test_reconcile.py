"""The identity engine (reportlint.analysis.reconcile) and the arithmetic rules RL401–RL403.

The proof runs on the Huai'an PDF: every identity holds there, and each one catches a
one-cell change made by editing the report's own text — reported once, at the right
cell.
"""

from __future__ import annotations

import json
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from reportlint.analysis import reconcile
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
PACK = ("RL4", "RL50", "RL51", "RL52")  # the rules of this pack


@cache
def huaian_text() -> str:
    from reportlint.readers import pdf  # the text layer: rows as text lines

    path = FIXTURES / "huaian-gov-2024.pdf"
    return pdf.read_text_layer(str(path), path.read_bytes()).text


def text_doc(text: str, path: str = "huaian.txt"):
    return build_document(Extracted(path=path, kind="text", text=text, origins=OriginMap(text)))


def run(doc, codes):
    rules = [REGISTRY.rules[c]() for c in sorted(REGISTRY.rules) if c.startswith(codes)]
    return Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def edit(text: str, span, new: str) -> str:
    return text[: span[0]] + new + text[span[1] :]


# ---------------------------------------------------------------------------------------
# Huai'an: no false alarm


def test_huaian_pdf_has_no_finding_from_this_pack():
    doc = build_document(read(str(FIXTURES / "huaian-gov-2024.pdf")))
    assert run(doc, PACK) == []


@pytest.mark.parametrize("key, count", [("table3", 7 + 7 + 25), ("table4", 3)])
def test_huaian_every_identity_is_checked_and_holds(key, count):
    checks, blames = reconcile.table_identities(text_doc(huaian_text()), key)
    assert len(checks) == count
    assert all(c.known for c in checks)
    assert not any(c.broken for c in checks)
    assert blames == []


# ---------------------------------------------------------------------------------------
# Huai'an: every cell of table 三, changed by one, is reported once at itself


def _table3_cells():
    doc = text_doc(huaian_text())
    table = doc.tables["table3"]
    return [(row.key, cell.column) for row in table.rows for cell in row.cells]


@pytest.mark.parametrize("row, column", _table3_cells())
def test_table3_one_cell_change_reported_once_at_that_cell(row, column):
    text = huaian_text()
    cell = text_doc(text).tables["table3"].row(row).cell(column)
    changed = edit(text, cell.span, str(cell.value + 1))
    found = run(text_doc(changed), ("RL401",))
    assert len(found) == 1, [d.message.en for d in found]
    d = found[0]
    assert (d.location.line, d.location.column) == line_col(changed, cell.span[0])
    assert f"应为 {cell.value}，实为 {cell.value + 1}" in d.message.zh
    assert f"should be {cell.value}, not {cell.value + 1}" in d.message.en
    # it names every identity the cell breaks: its row, and its column's one or two
    ids = d.data["identities"]
    assert f"table3.applicants.{row}" in ids
    in_balance = row in ("new", "carried_over", "outcome_total", "carried_forward")
    in_outcomes = row == "outcome_total" or row not in ("new", "carried_over", "carried_forward")
    assert (f"table3.balance.{column}" in ids) == in_balance
    assert (f"table3.outcomes.{column}" in ids) == in_outcomes
    assert len(ids) >= 2
    assert d.location.cell is not None and d.location.cell.table == "table3"


# Table 四: a change in a group cannot be pinned on one of its five numbers; it is
# reported once, at the group's 总计, with the value the four results give.


@pytest.mark.parametrize("index", range(15))
def test_table4_one_cell_change_reported_once_at_group_total(index):
    text = huaian_text()
    row = text_doc(text).tables["table4"].rows[0]
    cell = row.cells[index]
    changed = edit(text, cell.span, str(cell.value + 1))
    found = run(text_doc(changed), ("RL402",))
    assert len(found) == 1, [d.message.en for d in found]
    d = found[0]
    total = row.cells[(index // 5) * 5 + 4]
    moved = text_doc(changed).tables["table4"].rows[0].cells[(index // 5) * 5 + 4]
    assert (d.location.line, d.location.column) == line_col(changed, moved.span[0])
    if index % 5 == 4:
        assert f"应为 {cell.value}，实为 {cell.value + 1}" in d.message.zh
    else:
        assert f"应为 {total.value + 1}，实为 {total.value}" in d.message.zh


def test_table3_change_also_caught_by_nothing_else_in_the_pack():
    """A table edit does not make the narrative rules fire on their own numbers."""
    text = huaian_text()
    cell = text_doc(text).tables["table3"].row("granted").cell("natural_person")
    changed = edit(text, cell.span, "1289")
    found = run(text_doc(changed), PACK)
    assert [d.code for d in found] == ["RL401"]


def test_two_independent_errors_two_findings():
    text = huaian_text()
    doc = text_doc(text)
    t3 = doc.tables["table3"]
    a = t3.row("granted").cell("natural_person")
    c = t3.row("new").cell("commercial")
    changed = text
    for cell, new in sorted([(a, "1290"), (c, "54")], key=lambda x: -x[0].span[0]):
        changed = edit(changed, cell.span, new)
    found = run(text_doc(changed), ("RL401",))
    assert len(found) == 2
    assert {(d.data["cell"]["row"], d.data["cell"]["column"]) for d in found} == {
        ("granted", "natural_person"),
        ("new", "commercial"),
    }


def test_json_output_carries_expected_and_actual(tmp_path, cli):
    text = huaian_text()
    cell = text_doc(text).tables["table3"].row("granted").cell("natural_person")
    path = tmp_path / "huaian.txt"
    path.write_text(edit(text, cell.span, "1289"), encoding="utf-8")
    proc = cli("check", str(path), "--select", "RL401", "--format", "json")
    out = [d for d in json.loads(proc.out) if "type" not in d]  # the finding, not the file's record
    assert len(out) == 1
    assert out[0]["data"]["expected"] == "1288" and out[0]["data"]["actual"] == "1289"
    assert out[0]["severity"] == "error"
    assert proc.returncode == 1


# ---------------------------------------------------------------------------------------
# The engine on its own


def _ids(*specs):
    """Identities from (id, [(cell, coef)], report_at)."""
    out = []
    for name, terms, at in specs:
        refs = tuple((reconcile.Ref("t", r, c), k) for (r, c), k in terms)
        out.append(
            reconcile.Identity(
                "f", name, refs, reconcile.Ref("t", *at), reconcile.Text(name, name), reconcile.Text("", "")
            )
        )
    return out


def _grid(values):
    return {reconcile.Ref("t", r, c): (None if v is None else Fraction(v)) for (r, c), v in values.items()}


def _square(v):
    """Rows a, b and their total s; columns x, y and their total z."""
    ids = []
    for r in ("a", "b", "s"):
        ids += _ids((f"row.{r}", [((r, "z"), 1), ((r, "x"), -1), ((r, "y"), -1)], (r, "z")))
    for c in ("x", "y", "z"):
        ids += _ids((f"col.{c}", [(("s", c), 1), (("a", c), -1), (("b", c), -1)], ("s", c)))
    return ids, _grid(v)


GOOD = {
    ("a", "x"): 1,
    ("a", "y"): 2,
    ("a", "z"): 3,
    ("b", "x"): 4,
    ("b", "y"): 5,
    ("b", "z"): 9,
    ("s", "x"): 5,
    ("s", "y"): 7,
    ("s", "z"): 12,
}


def test_engine_holds():
    ids, values = _square(GOOD)
    assert reconcile.explain(reconcile.evaluate(ids, values), values) == []


def test_engine_single_cell_root_cause():
    ids, values = _square({**GOOD, ("b", "y"): 6})
    blames = reconcile.explain(reconcile.evaluate(ids, values), values)
    assert len(blames) == 1 and blames[0].root_cause
    assert blames[0].ref == reconcile.Ref("t", "b", "y")
    assert (blames[0].actual, blames[0].expected) == (6, 5)
    assert {c.identity.id for c in blames[0].checks} == {"row.b", "col.y"}


def test_engine_two_cells_found_together():
    # two wrong cells in different rows and columns: the unique pair that explains all
    ids, values = _square({**GOOD, ("a", "x"): 2, ("b", "y"): 6})
    blames = reconcile.explain(reconcile.evaluate(ids, values), values)
    assert {(b.ref.row, b.ref.column, b.expected) for b in blames} == {("a", "x", 1), ("b", "y", 5)}
    assert all(b.root_cause for b in blames)


def test_engine_errors_that_cancel_in_a_row_are_ambiguous():
    # +1 and -1 in the same row: the row holds, both columns break; row a, row b or the
    # total row could be the one — each failing column is reported at its total
    ids, values = _square({**GOOD, ("a", "x"): 2, ("a", "y"): 1})
    blames = reconcile.explain(reconcile.evaluate(ids, values), values)
    assert {(b.ref.row, b.ref.column) for b in blames} == {("s", "x"), ("s", "y")}
    assert not any(b.root_cause for b in blames)


def test_engine_blank_makes_identities_unknown_not_broken():
    ids, values = _square({**GOOD, ("b", "y"): None})
    checks = reconcile.evaluate(ids, values)
    assert sum(not c.known for c in checks) == 2
    assert reconcile.explain(checks, values) == []


def test_engine_ambiguous_reports_identity_at_total():
    # only one identity can be checked: any of its three cells may be wrong
    ids, values = _square({**GOOD, ("a", "x"): None, ("b", "y"): None, ("s", "y"): None, ("a", "z"): 4})
    checks = reconcile.evaluate(ids, values)
    blames = reconcile.explain(checks, values)
    assert len(blames) == 1 and not blames[0].root_cause
    assert blames[0].ref == reconcile.Ref("t", "s", "z")


# ---------------------------------------------------------------------------------------
# A row out of place is one mistake


@pytest.mark.parametrize(
    "written",
    [
        "（一）予以公开 1288 21 0 50 3 1362 0",  # a 0 left out, a 0 added at the end
        "（一）予以公开 1288 21 0 0 3 50 1362",  # two neighbours swapped
    ],
)
def test_row_out_of_place_reported_once(written):
    text = huaian_text()
    changed = text.replace("（一）予以公开 1288 21 0 0 50 3 1362", written)
    assert changed != text
    found = run(text_doc(changed), ("RL401",))
    assert len(found) == 1, [d.message.zh for d in found]
    assert "1288 21 0 0 50 3 1362" in found[0].message.zh
    assert found[0].data["message_id"] == "shifted"
    assert found[0].location.line == changed[: changed.index(written)].count("\n") + 1
