"""``reportlint check X.pdf --annotate`` on PDFs that cannot simply be updated: one
clear message naming the file, exit status 2, and no copy (not even a partial one);
or, when pypdf can repair the file, a whole new copy that reads back the same."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx_helpers as h
import pypdf

from reportlint import readers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = FIXTURES / "hongze-gov-2023.pdf"


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_an_encrypted_pdf_is_refused_with_one_message_and_no_copy(tmp_path, cli):
    # encrypted with a permissions (owner) password only: it opens and is checked, but
    # pypdf cannot append to an encrypted file, and a decrypted copy would drop its protection
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(SOURCE)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    target = tmp_path / "加密.pdf"
    with open(target, "wb") as f:
        writer.write(f)
    before = target.read_bytes()
    proc = cli("check", target.name, "--no-cache", "--annotate", cwd=tmp_path)
    assert proc.returncode == 2, proc.err
    lines = [line for line in proc.err.splitlines() if line.strip()]
    assert len(lines) == 1, proc.err
    assert "加密.pdf" in lines[0] and "已加密" in lines[0] and "Traceback" not in proc.err
    assert _leftovers(tmp_path, {target.name}) == []
    assert target.read_bytes() == before

    proc = cli("check", target.name, "--no-cache", "--annotate", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    assert "encrypted" in proc.err and "加密" not in proc.err.replace("加密.pdf", "")


def test_a_truncated_pdf_is_one_message_and_no_copy(tmp_path, cli):
    data = SOURCE.read_bytes()
    target = tmp_path / "cut.pdf"
    target.write_bytes(data[: len(data) // 2])
    proc = cli("check", target.name, "--no-cache", "--annotate", cwd=tmp_path)
    assert proc.returncode == 2, proc.err
    lines = [line for line in proc.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "cut.pdf" in lines[0] and "Traceback" not in proc.err
    assert _leftovers(tmp_path, {target.name}) == []


def test_a_broken_cross_reference_pointer_gets_a_whole_repaired_copy(tmp_path, cli):
    """pypdf reads a file whose ``startxref`` points nowhere by rebuilding its
    cross-reference; an update chained to that pointer would be a broken file, so the
    copy is written whole: every page, every note, and the same reading."""
    data = SOURCE.read_bytes()
    at = data.rfind(b"startxref")
    target = tmp_path / "badxref.pdf"
    target.write_bytes(data[:at] + b"startxref\n123\n%%EOF\n")
    diags = h.lint(target)
    assert diags
    proc = cli("check", target.name, "--no-cache", "--annotate", cwd=tmp_path)
    assert proc.returncode == 1, proc.err  # findings, and the copy written
    copy = tmp_path / "badxref.reportlint.pdf"
    out = copy.read_bytes()
    assert not out.startswith(target.read_bytes())  # not an update of the broken file
    reader = pypdf.PdfReader(io.BytesIO(out), strict=True)
    assert len(reader.pages) == len(pypdf.PdfReader(str(SOURCE)).pages)
    notes = [a.get_object() for p in reader.pages for a in p.get("/Annots") or []]
    assert len(notes) == len(diags) and all(n["/T"] == "reportlint" for n in notes)
    assert readers.read(str(copy)).text == readers.read(str(SOURCE)).text


def test_the_copy_goes_where_annotate_output_says_and_the_input_stays(tmp_path, cli):
    target = tmp_path / "report.pdf"
    shutil.copyfile(SOURCE, target)
    before = target.read_bytes()
    (tmp_path / "out").mkdir()
    proc = cli("check", target.name, "--no-cache", "--annotate", "--annotate-output", "out/review.pdf", cwd=tmp_path)
    assert proc.returncode == 1, proc.err
    assert (tmp_path / "out" / "review.pdf").read_bytes().startswith(before)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path, {"report.pdf", "out"}) == []
