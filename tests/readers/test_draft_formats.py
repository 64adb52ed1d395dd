"""One agency draft in every format reportlint reads gives the published report's tables
and checks clean (tests/fixtures/drafts: the Huai'an 2024 report typed into the blank
template, saved by Word and LibreOffice in several formats, and with a table of contents).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reportlint.document import tables
from reportlint.document.build import build_document
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PUBLISHED = FIXTURES / "huaian-gov-2024.pdf"
DRAFTS = [
    "huaian-draft-2024.docx",
    "huaian-draft-2024-toc.docx",
    "huaian-draft-2024.pdf",
    "huaian-draft-2024.odt",
    "huaian-draft-2024.doc",
    "huaian-draft-2024.rtf",
]


@cache
def document(path: Path):
    return build_document(read(str(path)))


def table_values(path: Path) -> dict:
    out = {}
    for key, t in tables.to_json(document(path)).items():
        if t is None:
            out[key] = None
        elif key == "table4":
            out[key] = t["values"]
        else:
            out[key] = (t["layout"], {r["key"]: r["values"] for r in t["rows"]})
    return out


@pytest.mark.parametrize("name", DRAFTS)
def test_draft_gives_the_published_tables(name):
    got, want = table_values(FIXTURES / "drafts" / name), table_values(PUBLISHED)
    assert got == want
    for key in ("table2", "table3", "table4"):
        assert document(FIXTURES / "drafts" / name).tables[key].status == "read"


@pytest.mark.parametrize("name", DRAFTS)
def test_draft_identity_is_the_published_one(name):
    doc, pub = document(FIXTURES / "drafts" / name), document(PUBLISHED)
    assert doc.meta.year == pub.meta.year == 2024
    assert doc.meta.kind == pub.meta.kind == "government"
    assert doc.meta.title and "政府信息公开工作年度报告" in doc.meta.title
    assert [s.key for s in doc.sections] == [s.key for s in pub.sections]


@pytest.mark.parametrize("name", DRAFTS)
def test_draft_checks_clean(cli, name):
    import json

    proc = cli("check", "--format", "json", "--no-cache", str(FIXTURES / "drafts" / name))
    found = [d for d in json.loads(proc.out) if "type" not in d]  # findings, not the record
    assert [d for d in found if d["severity"] in ("error", "warning")] == []


def test_folder_of_every_format_checks_clean(cli, tmp_path):
    """The draft in every format offices send, one folder: every file is read, none is
    refused and none gets an error or a warning."""
    import json
    import shutil

    folder = tmp_path / "drafts"
    folder.mkdir()
    drafts = FIXTURES / "drafts"
    for name in DRAFTS:
        shutil.copy(drafts / name, folder / name)
    shutil.copy(drafts / "huaian-draft-2024.doc", folder / "huaian-draft-2024-wps.wps")
    for suffix in (".docm", ".dotx"):
        shutil.copy(drafts / "huaian-draft-2024.docx", folder / f"huaian-draft-2024-copy{suffix}")
    proc = cli("check", "--format", "json", "--no-cache", str(folder))
    assert proc.returncode == 0, proc.err
    assert proc.err.strip() == ""
    found = [d for d in json.loads(proc.out) if "type" not in d]  # findings, not the records
    assert [d for d in found if d["severity"] in ("error", "warning")] == []
    # and every one of them was checked, not passed over
    import re

    page = tmp_path / "audit.html"
    proc = cli("check", "--format", "html", "--output-file", str(page), "--no-cache", str(folder))
    assert proc.returncode == 0, proc.err
    checked = re.search(r'id="count-checked"[^>]*>(\d+)<', page.read_text(encoding="utf-8"))
    assert checked and int(checked.group(1)) == len(list(folder.iterdir())) == len(DRAFTS) + 3
