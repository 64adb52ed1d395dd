"""What a reviewer needs from a finding on a real report beyond its code and position
(those are pinned in tests/corpus/expected.yaml): the place it marks, the fact it names,
the table cell it points at, and a fix that really repairs the report.
"""

from __future__ import annotations

from pathlib import Path

from reportlint.config import ConfigLoader
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter
from reportlint.run.fixer import apply_edits, collect_edits

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)


def findings(name: str, *codes: str):
    result = Linter(REGISTRY, ConfigLoader(None, isolated=True)).lint_path(str(FIXTURES / name))
    assert result.error is None, result.error
    return [d for d in result.diagnostics if d.code in codes]


def build_document_of(name: str):
    from reportlint.readers import read

    return build_document(read(str(FIXTURES / name)))


def source_line(name: str, line: int) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")[line - 1]


def test_blank_template_gets_one_unfilled_finding_per_table():
    found = findings("template-2021-blank.docx", "RL303")
    assert sorted(d.location.cell.table for d in found) == ["table2", "table3", "table4"]


def test_agency_typo_is_underlined_exactly():
    (typo,) = findings("taierzhuang-kjj-2021.txt", "RL533")
    line = source_line("taierzhuang-kjj-2021.txt", typo.location.line)
    assert line[typo.location.column - 1 : typo.location.end_column - 1] == "去科技局"


def test_short_title_agency_names_the_signature():
    (short,) = findings("taierzhuang-kjj-2021.txt", "RL531")
    assert source_line("taierzhuang-kjj-2021.txt", short.location.line).startswith("区科技局")
    assert "台儿庄区科技局" in short.message.zh and "台儿庄区科技局" in short.message.en


def test_cut_signature_date_is_marked_at_the_cut():
    (cut,) = findings("zhangjiakou-kjj-2010.txt", "RL610")
    assert source_line("zhangjiakou-kjj-2010.txt", cut.location.line).strip() == "二○"


def test_missing_signature_note_sits_at_the_last_line_and_names_the_deadline():
    # Huai'an is a people's government: its 2024 report is due by 31 March 2025.
    (note,) = findings("huaian-gov-2024.pdf", "RL607")
    assert note.severity.value == "info"
    text = build_document_of("huaian-gov-2024.pdf").text.split("\n")
    body_lines = [i for i, line in enumerate(text, 1) if line.strip() and not line.strip().startswith("-")]
    assert note.location.line == body_lines[-1]
    assert "2025年3月31日" in note.message.zh


def test_outline_findings_on_real_reports_carry_fixes():
    for name in ("taierzhuang-kjj-2021.txt", "changshu-kjj-2021.txt"):
        found = findings(name, "RL103", "RL104", "RL105")
        assert found, name
        assert all(d.fix is not None and d.fix.edits for d in found), [(name, d.code) for d in found if not d.fix]


def test_outline_fixes_restore_taierzhuangs_six_official_sections():
    name = "taierzhuang-kjj-2021.txt"
    text = (FIXTURES / name).read_text(encoding="utf-8")
    fixed = apply_edits(text, collect_edits(findings(name, "RL103", "RL104")))
    doc = build_document(Extracted(path="fixed.txt", kind="text", text=fixed, origins=OriginMap(fixed)))
    assert [(s.number, s.key, s.variant) for s in doc.sections] == [
        ("一", "overview", "official"),
        ("二", "proactive", "official"),
        ("三", "requests", "official"),
        ("四", "review", "official"),
        ("五", "problems", "official"),
        ("六", "other", "official"),
    ]
    rules = [REGISTRY.rules[code]() for code in ("RL103", "RL104")]
    assert list(Linter(REGISTRY, None).run_rules(doc, rules, doc.extracted)) == []
