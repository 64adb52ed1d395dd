"""One vocabulary for tables 二/三/四: every name comes from rules/tables.yaml through
reportlint.document.table_vocabulary, in both languages, and every rule uses it.

The second half runs the real rules over the fixtures and over the per-rule cases and
checks each table, row, column and cell a message or a cell reference names against the
vocabulary, so two rules can never name the same cell two ways again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportlint.core.ruledata import load
from reportlint.document import table_vocabulary as vocab

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CASES = ROOT / "tests" / "rules" / "cases"
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------------------------------
# Every row and column of tables.yaml has a name in both languages


def _yaml_rows_and_columns():
    data = load("tables")
    out = []
    for layout, lay in data["table2"]["layouts"].items():
        out += [("table2", "row", r["key"], str(layout)) for r in lay["rows"]]
    out += [("table2", "column", k, None) for k in data["table2"]["columns"]]
    out += [("table3", "row", r["key"], r.get("only")) for r in data["table3"]["rows"]]
    out += [("table3", "column", c["key"], None) for c in data["table3"]["columns"]]
    out += [("table4", "column", c["key"], None) for c in data["table4"]["columns"]]
    return out


@pytest.mark.parametrize("table, axis, key, layout", _yaml_rows_and_columns())
def test_every_row_and_column_has_a_chinese_and_an_english_name(table, axis, key, layout):
    name = vocab.row_name(table, key, layout) if axis == "row" else vocab.column_name(table, key)
    assert name.zh and CJK.search(name.zh), name
    assert name.en and not CJK.search(name.en), name
    # and the name reads back as the same row or column
    find = vocab.find_row if axis == "row" else vocab.find_column
    assert find(table, name.zh) == key and find(table, name.en) == key


def test_names_follow_one_convention():
    assert vocab.table_name("table3").zh == "表三" and vocab.table_name("table3").en == "table 3"
    assert vocab.row_name("table3", "partly_granted").zh == "（二）部分公开"  # without the remark
    assert vocab.row_name("table3", "withheld.state_secret").zh == "（三）不予公开 1.属于国家秘密"
    assert vocab.row_name("table2", "normative_documents", "2019").zh == "规范性文件"
    assert vocab.row_name("table2", "normative_documents", "2021").zh == "行政规范性文件"
    cell = vocab.cell_name("table4", None, "review.total")
    assert (cell.zh, cell.en) == ("表四“行政复议 / 总计”", "table 4, 'administrative review / total'")
    cell = vocab.cell_name("table3", "granted", "natural_person")
    assert (cell.zh, cell.en) == (
        "表三“（一）予以公开”行“自然人”列",
        "table 3, row 'granted', column 'natural persons'",
    )


def test_a_cell_reference_is_described_as_messages_name_the_cell():
    ref = vocab.cell_ref("table3", "withheld.state_secret", "total")
    assert (ref.row, ref.column) == ("（三）不予公开 1.属于国家秘密", "总计")
    assert vocab.describe_ref(ref) == vocab.cell_name("table3", "withheld.state_secret", "total")
    # the labels as the template writes them read back too (a reader's or an old reference)
    assert vocab.find_row("table3", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "partly_granted"
    assert vocab.find_row("table3", "3.其他") == "other.other"
    assert vocab.find_column("table4", "总计") is None  # three columns of table 四 are 总计


def test_tables_json_carries_the_names_a_page_needs():
    from reportlint import readers
    from reportlint.document.build import build_document
    from reportlint.document.tables import to_json

    doc = build_document(readers.read(str(FIXTURES / "changji-kjj-2021.txt")))
    out = to_json(doc)
    t3 = out["table3"]
    assert t3["name"] == {"zh": "表三", "en": "table 3"}
    assert [c["key"] for c in t3["columns"]][-1] == "total"
    row = next(r for r in t3["rows"] if r["key"] == "withheld.state_secret")
    assert row["name"] == {"zh": "（三）不予公开 1.属于国家秘密", "en": "withheld: state secret"}
    assert row["groups"] == ["outcome", "withheld"] and t3["groups"]["withheld"]["zh"] == "（三）不予公开"
    t2 = out["table2"]
    first = t2["rows"][0]
    assert first["block"] in t2["blocks"] and first["columns"] == ["made", "published", "public_total"]
    t4 = out["table4"]
    assert [p["zh"] for p in t4["groups"]["litigation_direct"]["path"]] == ["行政诉讼", "未经复议直接起诉"]
    assert t4["columns"][4]["name"]["zh"] == "行政复议 / 总计"


# ---------------------------------------------------------------------------------------
# Every name the rules write is a name of the vocabulary


def _diagnostics():
    """Findings of every rule on the fixtures and on the per-rule cases."""
    from reportlint.config import ConfigLoader
    from reportlint.plugins.manager import load_registry
    from reportlint.run.engine import Linter, LintOptions
    from reportlint.testing import load_cases, run_case

    registry = load_registry(True)
    linter = Linter(registry, ConfigLoader(None), LintOptions())
    found = []
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix in (".txt", ".pdf", ".docx", ".md"):
            found += linter.lint_path(str(path)).diagnostics
    for path in sorted(CASES.glob("RL[2-5]*.yaml")):
        for case in load_cases(path, FIXTURES):
            found += run_case(case, registry=registry).findings
    return found


@pytest.fixture(scope="module")
def diagnostics():
    return _diagnostics()


def _names(table: str, lang: str) -> tuple[set[str], set[str]]:
    rows = {
        vocab.row_name(table, r.key, lay).get(lang) for lay in vocab.LAYOUTS for r in vocab.official_rows(table, lay)
    }
    cols = {c.name.get(lang) for c in vocab.official_columns(table)}
    return rows, cols


TABLE_OF = {"二": "table2", "三": "table3", "四": "table4", "2": "table2", "3": "table3", "4": "table4"}
CELL_ZH = re.compile(r"表([二三四])“([^”]+)”行“([^”]+)”列")
CELL_EN = re.compile(r"table ([234]), row '([^']+)', column '([^']+)'")
TABLE4_ZH = re.compile(r"表四“([^”]+)”(?!行)")
TABLE4_EN = re.compile(r"table 4, '([^']+)'")


def test_the_rules_name_tables_and_cells_with_the_vocabulary(diagnostics):
    table_findings = [d for d in diagnostics if re.search(r"表[二三四]|table [234]", d.message.zh + d.message.en)]
    assert len(table_findings) > 50  # the check below has something to check
    cells = 0
    for d in diagnostics:
        zh, en = d.message.zh, d.message.en
        assert not re.search(r"table [二三四]", en), (d.code, en)  # English: table 2/3/4
        for number, row, column in CELL_ZH.findall(zh):
            rows, cols = _names(TABLE_OF[number], "zh")
            assert row in rows and column in cols, (d.code, zh)
            cells += 1
        for number, row, column in CELL_EN.findall(en):
            rows, cols = _names(TABLE_OF[number], "en")
            assert row in rows and column in cols, (d.code, en)
            cells += 1
        groups4 = [vocab.group_name("table4", g) for g in load("tables")["table4"]["groups"]]
        t4_zh = {c.name.zh for c in vocab.official_columns("table4")} | {g.zh for g in groups4}
        t4_zh.add(vocab.table_title("table4").zh[3:-1])
        t4_en = {c.name.en for c in vocab.official_columns("table4")} | {g.en for g in groups4}
        for name in TABLE4_ZH.findall(zh):
            assert name in t4_zh, (d.code, zh)
        for name in TABLE4_EN.findall(en):
            assert name in t4_en, (d.code, en)
    assert cells > 20


QUOTED_ZH = re.compile(r"“([^“”]+)”")
QUOTED_EN = re.compile(r"'([^']+)'")
OWN_WORDING = {"RL202"}  # quotes the labels as written and as the template writes them: wording, not names


def _tables_named(d) -> list[str]:
    text = d.message.zh + d.message.en
    named = [TABLE_OF[n] for n in re.findall(r"表([二三四])|table ([234])", text) for n in n if n]
    if d.location.cell is not None and d.location.cell.table in vocab.TABLE_KEYS:
        named.append(d.location.cell.table)
    return list(dict.fromkeys(named))


def test_every_quoted_row_or_column_is_written_as_the_vocabulary_names_it(diagnostics):
    """A quoted phrase of a message that names a row or column of a table the finding is
    about (found by its words, whatever the punctuation) is exactly that row's or
    column's name: never the template's long label, never another way of joining a
    group and a column."""
    checked = 0
    for d in diagnostics:
        if d.code in OWN_WORDING:
            continue
        for table in _tables_named(d):
            for lang, quoted in (("zh", QUOTED_ZH), ("en", QUOTED_EN)):
                rows, cols = _names(table, lang)
                if table == "table4":
                    rows = set()  # its one row is named like the table (and its section heading)
                for q in quoted.findall(d.message.get(lang)):
                    if q in rows or q in cols:
                        checked += 1
                        continue
                    if lang == "zh":
                        key = vocab.label_key(q)
                        assert not key or not any(key == vocab.label_key(n) for n in rows | cols), (
                            d.code,
                            q,
                            d.message.zh,
                        )
                    else:
                        row = vocab.find_row(table, q) if table != "table4" else None
                        assert not row and not vocab.find_column(table, q), (d.code, q, d.message.en)
    assert checked > 50


def test_every_cell_reference_holds_vocabulary_names(diagnostics):
    checked = 0
    for d in diagnostics:
        cell = d.location.cell
        if cell is None or cell.table not in vocab.TABLE_KEYS:
            continue
        rows, cols = _names(cell.table, "zh")
        if cell.row is not None:
            assert cell.row in rows, (d.code, cell)
        if cell.column is not None and not (d.code == "RL202" and cell.row is None):  # a cut header as written
            assert cell.column in cols, (d.code, cell)
        checked += 1
    assert checked > 20
