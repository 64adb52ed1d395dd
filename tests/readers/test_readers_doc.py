"""The Word 97–2003 (.doc) / WPS (.wps) reader.

No Python library writes Word binary files, so the structure is proved on the draft
saved as .doc (its text and its merged-cell grids equal the .docx reader's, cell for
cell) and the failures on copies of it that the tests damage themselves: the
encryption flag set, the piece table pointed away, the file cut short.
"""

from __future__ import annotations

import io
import random
import shutil
import struct
from pathlib import Path

import olefile
import pytest
from readers_helpers import CJK, assert_one_clear_refusal, grid_shape, run_check

from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFT_DOC = FIXTURES / "drafts" / "huaian-draft-2024.doc"
DRAFT_DOCX = FIXTURES / "drafts" / "huaian-draft-2024.docx"


def cells(extracted):
    return [grid_shape(g) for g in extracted.grids]


def patched_doc(tmp_path, name: str, patch) -> Path:
    """A copy of the draft .doc whose WordDocument stream ``patch`` changes in place."""
    path = tmp_path / name
    shutil.copy(DRAFT_DOC, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        patch(word)
        ole.write_stream("WordDocument", bytes(word))
    return path


def test_draft_doc_reads_like_the_docx():
    doc, docx = read(str(DRAFT_DOC)), read(str(DRAFT_DOCX))
    assert doc.kind == "doc"
    assert doc.text == docx.text
    assert cells(doc) == cells(docx)
    # merged cells are there: the application table's header spans rows and columns
    spans = {(c.rowspan, c.colspan) for g in doc.grids for row in g.rows for c in row if c.merged}
    assert any(r > 1 for r, _ in spans) and any(c > 1 for _, c in spans)
    first = doc.grids[0].rows[2][1]
    assert doc.text[first.start : first.end] == "1"
    loc = doc.origins.locate(first.start)
    assert (loc.cell.grid, loc.cell.grid_row, loc.cell.grid_column) == (1, 3, 2)
    title = doc.origins.locate(doc.text.index("淮安市人民政府2024年"))
    assert title.paragraph == 2


@pytest.mark.parametrize("suffix", [".wps", ".doc"])
def test_wps_in_the_word_layout_is_read_like_a_doc(tmp_path, suffix):
    path = tmp_path / f"draft{suffix}"
    shutil.copy(DRAFT_DOC, path)
    assert read(str(path)).text == read(str(DRAFT_DOCX)).text


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm", ".wpt"])
def test_ooxml_variants_are_read_as_docx(tmp_path, suffix):
    path = tmp_path / f"draft{suffix}"
    shutil.copy(DRAFT_DOCX, path)
    ex = read(str(path))
    assert ex.kind == "docx" and ex.text == read(str(DRAFT_DOCX)).text


def test_docx_saved_as_doc_is_read_by_content(tmp_path):
    path = tmp_path / "really-docx.doc"
    shutil.copy(DRAFT_DOCX, path)
    assert read(str(path)).kind == "docx"


def test_encrypted_doc_says_what_to_do(tmp_path):
    def encrypt(word):
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        struct.pack_into("<H", word, 0x0A, flags | 0x0100)

    path = patched_doc(tmp_path, "secret.doc", encrypt)
    assert_one_clear_refusal(run_check(path), path, ".doc", "加密", "密码", "另存为")
    en = assert_one_clear_refusal(run_check(path, "--lang", "en"), path, "encrypted", "Save As")
    assert not CJK.search(en.replace(str(path), ""))


def test_word_95_is_named(tmp_path):
    path = patched_doc(tmp_path, "old95.doc", lambda word: struct.pack_into("<H", word, 2, 104))
    assert_one_clear_refusal(run_check(path), path, "Word 6.0/95", "另存为")


def test_damaged_piece_table_is_one_message(tmp_path):
    def break_clx(word):
        # fcClx (fibRgFcLcb97 entry 33) far past the end of the table stream
        csw = struct.unpack_from("<H", word, 32)[0]
        cslw = struct.unpack_from("<H", word, 34 + 2 * csw)[0]
        rg = 34 + 2 * csw + 2 + 4 * cslw + 2
        struct.pack_into("<I", word, rg + 8 * 33, 0x7FFFFFF0)

    path = patched_doc(tmp_path, "broken.doc", break_clx)
    assert_one_clear_refusal(run_check(path), path, ".doc", "损坏", "另存为")


def test_huge_text_length_is_bounded(tmp_path):
    def huge(word):
        csw = struct.unpack_from("<H", word, 32)[0]
        struct.pack_into("<I", word, 34 + 2 * csw + 2 + 4 * 3, 0xFFFFFFFF)  # ccpText

    path = patched_doc(tmp_path, "huge.doc", huge)
    proc = run_check(path)
    assert "Traceback" not in proc.stderr.decode("utf-8")
    assert proc.returncode in (0, 1, 2)


@pytest.mark.parametrize("how", ["cut", "random-after-magic"])
def test_damaged_compound_file(tmp_path, how):
    path = tmp_path / f"{how}.doc"
    data = DRAFT_DOC.read_bytes()
    if how == "cut":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(data[:8] + random.Random(3).randbytes(30_000))
    assert_one_clear_refusal(run_check(path), path, ".doc", "另存为")


def test_wps_in_its_own_format_gets_the_wps_message(tmp_path):
    path = tmp_path / "old.wps"
    path.write_bytes(b"\x00WPS" + random.Random(5).randbytes(4000))
    line = assert_one_clear_refusal(run_check(path), path, "WPS", "另存为", ".docx")
    assert ".wps" in line


def compound_file(stream_name: str, size: int = 4096) -> bytes:
    """A minimal compound file holding one stream, written by hand (olefile reads but
    does not create them): header, one FAT sector, one directory sector, the stream."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<I", header, 0x30, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)
    sectors = size // sector
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)  # the FAT itself, the directory
    for k in range(sectors):  # the stream: sectors 2 … 2 + sectors - 1, chained
        struct.pack_into("<I", fat, 4 * (2 + k), 3 + k if k < sectors - 1 else 0xFFFFFFFE)
    directory = bytearray(sector)

    def entry(index, name, kind, start, length, child=0xFFFFFFFF):
        off = 128 * index
        encoded = (name + "\0").encode("utf-16-le")
        directory[off : off + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, off + 64, len(encoded), kind, 1)
        struct.pack_into("<III", directory, off + 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", directory, off + 116, start, length)

    entry(0, "Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    entry(1, stream_name, 2, 2, size)
    for i in (2, 3):
        struct.pack_into("<III", directory, 128 * i + 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    data = bytes(header) + bytes(fat) + bytes(directory) + b"\x00" * size
    with olefile.OleFileIO(io.BytesIO(data)) as ole:  # a valid compound file
        assert ole.exists(stream_name)
    return data


def test_compound_file_that_is_not_word(tmp_path):
    path = tmp_path / "sheet.doc"
    path.write_bytes(compound_file("Workbook"))
    assert_one_clear_refusal(run_check(path), path, "WordDocument", "另存为")


@pytest.mark.parametrize("suffix", [".docx", ".doc"])
def test_password_protected_ooxml_is_named_encrypted(tmp_path, suffix):
    """Word and WPS save a .docx with an open password as a compound file holding the
    encrypted package."""
    path = tmp_path / f"secret{suffix}"
    path.write_bytes(compound_file("EncryptionInfo"))
    line = assert_one_clear_refusal(run_check(path), path, "加密", "密码", "另存为", suffix)
    assert "损坏" not in line


def test_tracked_deletion_is_not_text(tmp_path):
    """A run of the draft marked as a tracked deletion (its bold property rewritten in
    place into sprmCFRMarkDel) disappears from the text; the rest stays."""
    with olefile.OleFileIO(str(DRAFT_DOC)) as ole:
        word = ole.openstream("WordDocument").read()
    bold = b"\x35\x08\x01"  # sprmCFBold, operand 1
    at = word.find(bold, 1024)
    assert at > 0

    def delete(buf):
        buf[at : at + 3] = b"\x00\x08\x01"  # sprmCFRMarkDel, operand 1

    path = patched_doc(tmp_path, "revised.doc", delete)
    before, after = read(str(DRAFT_DOC)).text, read(str(path)).text
    # the first bold run of the draft is the heading 一、总体情况
    assert "一、总体情况" in before and "一、总体情况" not in after
    assert after.replace("\n\n", "\n") != before and len(after) == len(before) - len("一、总体情况")
    assert after.count("\n") == before.count("\n")  # paragraph and cell marks stay


def lvl(start: int, nfc: int, text: str, follow: int = 2) -> bytes:
    """One LVL record ([MS-DOC] 2.9.150): LVLF, no property lists, the number text."""
    lvlf = struct.pack("<iBB9sB4s4sBBBB", start, nfc, 0, b"\0" * 9, follow, b"\0" * 4, b"\0" * 4, 0, 0, 0, 0)
    return lvlf + struct.pack("<H", len(text)) + text.encode("utf-16-le")


def test_list_numbers_from_the_list_tables():
    """Chinese heading numbers as a report numbers its sections: level 1 ``一、``,
    level 2 ``（一）``, restarting under each level-1 item; a second list ``1.``."""
    from reportlint.readers._doc_numbering import DocNumbering

    chinese = [lvl(1, 37, "\x00、"), lvl(1, 37, "（\x01）")] + [lvl(1, 0, chr(k) + ".") for k in range(2, 9)]
    decimal = [lvl(1, 0, "\x00.", follow=0)]
    lstf = lambda lsid, simple: struct.pack("<ii18sBB", lsid, 0, b"\xff" * 18, 1 if simple else 0, 0)
    plf_lst = struct.pack("<h", 2) + lstf(11, False) + lstf(22, True)
    table = plf_lst + b"".join(chinese) + b"".join(decimal)
    lst = (0, len(plf_lst))
    lfo_at = len(table)
    lfo = (
        struct.pack("<i", 2)
        + struct.pack("<iiiBBBB", 11, 0, 0, 0, 0, 0, 0)
        + struct.pack("<iiiBBBB", 22, 0, 0, 0, 0, 0, 0)
    )
    table += lfo
    numbering = DocNumbering(table, lst, (lfo_at, len(lfo)))
    got = [numbering.number(ilfo, ilvl) for ilfo, ilvl in [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1), (2, 0), (2, 0)]]
    assert got == ["一、", "（一）", "（二）", "二、", "（一）", "1.", "2."]
    assert numbering.number(3, 0) == "" and numbering.number(0, 0) == ""


def test_damaged_list_tables_mean_no_numbers():
    from reportlint.readers._doc_numbering import DocNumbering

    junk = random.Random(9).randbytes(400)
    numbering = DocNumbering(junk, (0, 300), (300, 100))
    for ilfo in range(0, 5):
        assert isinstance(numbering.number(ilfo, 0), str)
