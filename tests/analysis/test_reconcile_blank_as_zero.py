"""The identity engine on a table that writes zero as a blank (issue 15).

``reconcile.number`` reads the blanks of such a table (``Cell.blank_zero``) as 0, so
every identity is checked — a wrong 总计 is found, a correct one is not — and the
narrative comparisons that read cells through ``number`` see the zeros too. A blank of
any other table is still no number.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlint.analysis import reconcile
from reportlint.document.model import Cell
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "document"))
from test_tables_blank_as_zero import VALUES, changed, doc_of, report

REGISTRY = load_registry(no_plugins=True)


def test_number_reads_a_marked_blank_as_zero_and_nothing_else():
    assert reconcile.number(Cell("total", "", None, (0, 0), status="blank", blank_zero=True)) == 0
    assert reconcile.number(Cell("total", "", None, (0, 0), status="blank")) is None
    assert reconcile.number(Cell("total", "", None, None, found=False, status="missing", blank_zero=True)) is None
    assert reconcile.number(Cell("total", "7", 7, (0, 1))) == 7


def test_every_identity_is_checked_and_holds():
    checks, blames = reconcile.table_identities(doc_of(report()), "table3")
    assert len(checks) == 7 + 7 + 25
    assert all(c.known for c in checks) and not any(c.broken for c in checks)
    assert blames == []


def test_without_the_judgement_the_identities_through_blanks_are_unknown():
    values = changed("granted", 2, 0)  # a 0 written: the blanks are unfilled, not zeros
    checks, _ = reconcile.table_identities(doc_of(report(values=values)), "table3")
    assert sum(1 for c in checks if c.known) < 7


def test_wrong_total_blamed_on_its_cell():
    _, blames = reconcile.table_identities(doc_of(report(values=changed("outcome_total", 6, 13))), "table3")
    assert len(blames) == 1
    b = blames[0]
    assert (b.ref.row, b.ref.column, b.actual, b.expected, b.root_cause) == ("outcome_total", "total", 13, 12, True)


def test_a_blank_reported_at_says_it_is_a_blank():
    # row 四 left empty while 一 + 二 exceed （七）: the balance fails at 四, whose cells are blanks
    values = changed("carried_forward", 0, None)
    values["carried_forward"] = [None] * 7
    doc = doc_of(report(values=values))
    rules = [REGISTRY.rules["RL401"]()]
    got = [d.message.zh for d in Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)]
    assert got, "the balance of 自然人 and 总计 fails"
    assert all("实为 0（空白）" in m and "本表以空白代替0" in m for m in got)
    assert any("“四、结转下年度继续办理”行“自然人”列应为 1" in m for m in got)


def test_narrative_is_compared_with_the_zeros():
    text = report().replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n本年度共新收政府信息公开申请12件，其中予以公开7件，不予公开2件。\n",
        1,
    )
    doc = doc_of(text)
    rules = [REGISTRY.rules["RL501"]()]
    got = [(d.location.line, d.message.zh) for d in Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)]
    assert len(got) == 1 and "不予公开2件" in got[0][1]
    # the same table with its zeros written as 0 gives the same finding
    doc0 = doc_of(
        report(zero="0").replace(
            "三、收到和处理政府信息公开申请情况\n", text.split("\n")[1] + "\n" + text.split("\n")[2] + "\n", 1
        )
    )
    got0 = [d.message.zh for d in Linter(REGISTRY, None).run_rules(doc0, rules, doc0.extracted)]
    assert got0 == [m for _, m in got]


def test_values_unchanged_by_the_judgement():
    assert VALUES["new"][6] == 12  # the tests share VALUES: nothing above may change it
