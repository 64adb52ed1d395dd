"""Issue 6 on the real reports: the period rules (RL6xx) and the agency-name rules
(RL53x), pinned as (code, line, severity) for every corpus file.

Each entry is a defect listed in tests/corpus/defects.md; anything else these rules
raise on a corpus file is a false alarm.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.run.engine import Linter
from reportlint.plugins.manager import load_registry
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REGISTRY = load_registry(no_plugins=True)
OURS = ("RL6", "RL53")
HAVE_PDF_READER = importlib.util.find_spec("reportlint.readers.pdf") is not None

EXPECTED: dict[str, list[tuple[str, int, str]]] = {
    "changji-kjj-2021.txt": [],  # period stated; signed 2022-01-18, before 31 January; 2022 plans are right
    "changshu-kjj-2021.txt": [
        ("RL601", 1, "warning"),  # no statistical-period sentence (no title: the first line)
    ],
    "changzhou-kjj-2021.txt": [
        ("RL607", 7, "info"),  # no closing signature: a note at the last line of the report
    ],
    "taierzhuang-kjj-2021.txt": [
        ("RL531", 1, "warning"),  # title `区科技局`, signature `台儿庄区科技局`
        ("RL533", 168, "warning"),  # body typo `去科技局`
    ],
    "zhangjiakou-kjj-2010.txt": [
        # No statistical-period sentence. The 2008 Regulation (第三十二条 lists the report's
        # contents) did not ask for one, so for a pre-2019 report it is a note.
        ("RL601", 1, "info"),
        ("RL606", 13, "warning"),  # `（三）、2010年工作打算` in the 2010 report
        ("RL610", 28, "warning"),  # the signature date is cut off: `二○`
    ],
}


def _lint(doc, extracted):
    rules = [cls() for code, cls in sorted(REGISTRY.rules.items()) if code.startswith(OURS)]
    return [d for d in Linter(REGISTRY, None).run_rules(doc, rules, extracted) if d.code.startswith(OURS)]


def _findings(name: str):
    extracted = read(str(FIXTURES / name))
    return _lint(build_document(extracted), extracted)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings(name):
    found = _findings(name)
    got = [(d.code, d.location.line, d.severity.value) for d in found]
    assert sorted(got, key=lambda x: (x[1], x[0])) == sorted(EXPECTED[name], key=lambda x: (x[1], x[0])), [
        (d.code, d.location.line, d.message.en) for d in found
    ]
    for d in found:
        assert d.message.zh and d.message.en


def _huaian():
    path = str(FIXTURES / "huaian-gov-2024.pdf")
    if HAVE_PDF_READER:
        extracted = read(path)
    else:  # until reportlint.readers.pdf exists: the plain pypdf text, pages joined by \n
        pypdf = pytest.importorskip("pypdf")
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        extracted = Extracted(path, "pdf", text, OriginMap(text))
    return build_document(extracted), extracted


def test_huaian_pdf_only_notes_the_missing_signature():
    # A correct report: statistical period 2024, every sentence about 2024, the plan
    # (`下一步，我市将…`) without a year, compiled by 淮安市人民政府办公室 (the government's
    # office) — no finding except the informational note that the body has no signature.
    doc, extracted = _huaian()
    found = _lint(doc, extracted)
    assert [(d.code, d.severity.value) for d in found] == [("RL607", "info")], [(d.code, d.message.en) for d in found]
    # at the last line of the report's text
    lines = [i for i, line in enumerate(doc.text.split("\n"), 1) if line.strip() and not line.strip().startswith("-")]
    assert found[0].location.line == lines[-1]
    assert "2025年3月31日" in found[0].message.zh  # a people's government: by 31 March


def test_template_has_no_period_or_agency_findings():
    try:
        extracted = read(str(FIXTURES / "template-2021-blank.docx"))
    except ModuleNotFoundError as exc:  # the .docx reader is being written
        pytest.skip(f"no reader for .docx yet: {exc}")
    # a blank template: no year, no agency — nothing to check the period or names against
    assert _lint(build_document(extracted), extracted) == []


def test_findings_are_at_the_defect():
    """The pinned lines point at the text the README names."""
    text = {name: (FIXTURES / name).read_text(encoding="utf-8").split("\n") for name in EXPECTED}
    assert "2010年工作打算" in text["zhangjiakou-kjj-2010.txt"][13 - 1]
    assert text["zhangjiakou-kjj-2010.txt"][28 - 1].strip() == "二○"
    assert "去科技局" in text["taierzhuang-kjj-2021.txt"][168 - 1]
    assert text["taierzhuang-kjj-2021.txt"][1 - 1].startswith("区科技局")
    found = {(d.code): d for d in _findings("taierzhuang-kjj-2021.txt")}
    assert (found["RL533"].location.column, found["RL533"].location.end_column) == (23, 27)
    assert "台儿庄区科技局" in found["RL531"].message.zh
