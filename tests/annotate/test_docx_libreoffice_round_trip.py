"""The annotated copy opens in LibreOffice: converted headless to PDF, every finding is
there as a comment by reportlint (LibreOffice exports Word comments as PDF text notes).

Skipped, with the reason, where LibreOffice is not installed. With
``REPORTLINT_WRITE_ARTIFACTS=1`` (and poppler's ``pdftoppm``) the test also renders the
first annotated page to tests/artifacts/annotated-draft-page.png, the picture kept in
the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx_helpers as h
import pypdf
import pytest

from reportlint.annotate import annotate_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)


def to_pdf(docx_path: Path, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"  # a profile of its own: no lock shared with a running LibreOffice
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def test_libreoffice_opens_the_copy_and_shows_every_comment(tmp_path: Path) -> None:
    source = tmp_path / "draft.docx"
    h.replace_in_document(
        FIXTURES / "drafts" / "huaian-draft-2024.docx",
        source,
        [
            ("1288", "1289"),
            ("规范审查程序", "规范XX审查程序"),
            ("（一）主动公开情况。2024年", "（一）主动公开情况。2023年"),
        ],
    )
    diags = h.lint(source)
    out = annotate_file(str(source), diags, None, "zh")
    pdf = to_pdf(Path(out.path), tmp_path)

    reader = pypdf.PdfReader(str(pdf))
    notes = []
    first_page = None
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Text":
                notes.append((str(annot.get("/T")), str(annot.get("/Contents"))))
                first_page = first_page or number
    assert len(notes) == len(diags)
    assert all(author.startswith("reportlint") for author, _ in notes)
    assert sorted(contents.split("\n")[0] for _, contents in notes) == sorted(d.message.zh for d in diags)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in "".join(text.split())

    if os.environ.get("REPORTLINT_WRITE_ARTIFACTS") and shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        stem = ARTIFACTS / "annotated-draft-page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                str(first_page),
                "-l",
                str(first_page),
                str(pdf),
                str(stem),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
