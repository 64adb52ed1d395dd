"""Every built-in rule's own documentation is true: its Bad example (``reportlint rule
CODE``) is flagged by the rule and its Good example is not, each run as a document.

The examples are whole documents, with three kinds made explicit:
- a rule that compares two years (``needs_previous``): the example holds both reports,
  each after a line ``2023 年的报告：``; the first is last year's, named by the rule's
  ``previous`` option, the second is the report checked;
- RL001 (a PDF without a text layer): its examples describe PDF files, so the test
  makes each file — a page holding only a picture, and a page of text.
"""

from __future__ import annotations

import io
import re

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

REGISTRY = load_registry(no_plugins=True)
BUILTIN = sorted(code for code in REGISTRY.rules if REGISTRY.origin[code] == "builtin")
YEAR_REPORT = re.compile(r"^\d{4} 年的报告：$", re.M)


def findings(code: str, extracted: Extracted, options: dict | None = None):
    doc = build_document(extracted)
    rule = REGISTRY.rules[code](options)
    return [d for d in Linter(REGISTRY, None).run_rules(doc, [rule], extracted) if d.code == code]


def text_document(text: str, path: str = "example.txt") -> Extracted:
    text = text.strip("\n") + "\n"
    return Extracted(path=path, kind="text", text=text, origins=OriginMap(text))


def check_example(code: str, example: str, tmp_path):
    rule = REGISTRY.rules[code]
    if not rule.needs_previous:
        return findings(code, text_document(example))
    parts = YEAR_REPORT.split(example)
    assert len(parts) == 3 and not parts[0].strip(), f"{code}: the example needs last year's and this year's report"
    last_year = tmp_path / "last-year.txt"
    last_year.write_text(parts[1].strip("\n") + "\n", encoding="utf-8")
    return findings(code, text_document(parts[2]), {"previous": str(last_year)})


def pdf_file(tmp_path, name: str, text: str | None) -> Extracted:
    """A one-page PDF: a line of text, or (``text=None``) only a picture, as a scan is."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    if text is None:
        page.setFillGray(0.4)
        page.rect(72, 400, 450, 300, fill=1)  # the scanned page: marks, no characters
    else:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        page.setFont("STSong-Light", 14)
        page.drawString(72, 750, text)
    page.showPage()
    page.save()
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return read(str(path))


@pytest.mark.parametrize("code", [c for c in BUILTIN if c != "RL001"])
def test_bad_example_is_flagged_and_good_example_is_not(code, tmp_path):
    doc = REGISTRY.rules[code].doc()
    bad = check_example(code, doc.bad, tmp_path)
    assert bad, f"{code}: its Bad example is not flagged:\n{doc.bad}"
    good = check_example(code, doc.good, tmp_path)
    assert good == [], f"{code}: its Good example is flagged: {[d.message.en for d in good]}"


def test_no_text_layer_examples_as_pdf_files(tmp_path):
    doc = REGISTRY.rules["RL001"].doc()
    assert ".pdf" in doc.bad and "scanned image" in doc.bad
    assert ".pdf" in doc.good and "text can be selected" in doc.good
    assert findings("RL001", pdf_file(tmp_path, "scan.pdf", None))
    assert findings("RL001", pdf_file(tmp_path, "text.pdf", "淮安市人民政府2024年政府信息公开工作年度报告")) == []
