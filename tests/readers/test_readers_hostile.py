"""Hostile input: every reader fails with one clear, bilingual InputError, and its work is
bounded by what the input is (limits on size, depth and cells), never by how fast the
machine is. The time each case takes is measured in benchmarks/bench_hostile.py."""

from __future__ import annotations

import io
import os
import random
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reportlint.core.errors import InputError
from reportlint.readers import _ooxml, read
from reportlint.readers import html as html_reader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TEMPLATE = FIXTURES / "template-2021-blank.docx"
CJK = re.compile(r"[\u4e00-\u9fff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def expect_input_error(path, data=None, max_bytes=None) -> InputError:
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    with pytest.raises(InputError) as info:
        read(str(path), data=data, **kwargs)
    err = info.value
    assert err.path == str(path)
    assert CJK.search(err.message.zh), err.message.zh
    assert err.message.en and not CJK.search(err.message.en.replace(str(path), "")), err.message.en
    assert err.message.zh != err.message.en
    return err


def docx_with(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    base = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for info in base.infolist():
            if info.filename not in members:
                z.writestr(info.filename, base.read(info))
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


# -- .docx --------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", [b"", b"PK\x03\x04"], ids=["random", "zip-magic-then-random"])
def test_random_bytes_docx(tmp_path, prefix):
    path = tmp_path / "random.docx"
    path.write_bytes(prefix + random.Random(7).randbytes(20_000))
    expect_input_error(path)


def test_truncated_docx(tmp_path):
    data = TEMPLATE.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    err = expect_input_error(path)
    assert "docx" in err.message.en


def test_zip_bomb_declared_size(tmp_path):
    # 60 MB of XML whitespace compresses to ~60 KB: refused from the declared size, unread.
    xml = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b" " * (60 * 1024 * 1024) + b"</w:body></w:document>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_with({"word/document.xml": xml}))
    assert path.stat().st_size < 1024 * 1024
    err = expect_input_error(path)
    assert "zip bomb" in err.message.en and "压缩炸弹" in err.message.zh


def test_zip_bomb_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(_ooxml, "RATIO_MIN_BYTES", 1024 * 1024)
    xml = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b"\t" * (3 * 1024 * 1024) + b"</w:body></w:document>"
    path = tmp_path / "ratio.docx"
    path.write_bytes(docx_with({"word/document.xml": xml}))
    err = expect_input_error(path)
    assert "compression ratio" in err.message.en and "压缩比" in err.message.zh


def test_zip_header_lying_about_size(tmp_path):
    # The central directory claims 100 bytes; the member really inflates to 2 MB.
    xml = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b" " * (2 * 1024 * 1024) + b"</w:body></w:document>"
    data = bytearray(docx_with({"word/document.xml": xml}))
    real = struct.pack("<I", len(xml))
    fake = struct.pack("<I", 100)
    name = b"word/document.xml"
    central = data.index(b"PK\x01\x02")  # first central directory entry
    while True:  # find this member's central directory entry
        n = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + n] == name:
            break
        central = data.index(b"PK\x01\x02", central + 4)
    assert data[central + 24 : central + 28] == real
    data[central + 24 : central + 28] = fake
    local = struct.unpack("<I", data[central + 42 : central + 46])[0]
    assert data[local + 22 : local + 26] == real
    data[local + 22 : local + 26] = fake
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    err = expect_input_error(path)
    assert "damaged" in err.message.en  # zipfile stops at the declared size and the CRC fails


def test_xml_entities_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(docx_with({"word/document.xml": laughs.encode()}))
    err = expect_input_error(path)
    assert "DOCTYPE" in err.message.en and "DOCTYPE" in err.message.zh


def test_missing_document_xml(tmp_path):
    base = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, base.read(info))
    path = tmp_path / "hollow.docx"
    path.write_bytes(out.getvalue())
    err = expect_input_error(path)
    assert "word/document.xml" in err.message.en


def test_deeply_nested_docx_xml(tmp_path):
    depth = 50_000
    xml = (
        f'<w:document xmlns:w="{W}"><w:body>'
        + "<w:sdt><w:sdtContent>" * depth
        + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
        + "</w:sdtContent></w:sdt>" * depth
        + "</w:body></w:document>"
    )
    path = tmp_path / "deep.docx"
    path.write_bytes(docx_with({"word/document.xml": xml.encode()}))
    err = expect_input_error(path)
    assert "nested" in err.message.en


def test_huge_grid_span_does_not_explode(tmp_path):
    rows = "".join(
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999"/></w:tcPr><w:p><w:r><w:t>r</w:t></w:r></w:p></w:tc></w:tr>'
        for _ in range(500)
    )
    xml = f'<w:document xmlns:w="{W}"><w:body><w:tbl>{rows}</w:tbl></w:body></w:document>'
    ex = read("span.docx", data=docx_with({"word/document.xml": xml.encode()}))
    # 500 rows of 999,999 columns each would be half a billion cells: the grid is refused.
    assert ex.grids == [] and [n.kind for n in ex.notes] == ["table-too-large"]
    assert ex.text.split("\n")[:2] == ["r", "r"]


# -- text ---------------------------------------------------------------------------------


def test_50mb_single_line_text_over_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        chunk = "政府信息公开".encode() * (1024 * 1024 // 18)
        written = 0
        while written < 50 * 1024 * 1024:
            fh.write(chunk)
            written += len(chunk)
    read_sizes = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read_sizes.append(n) or real_read(fd, n))
    err = expect_input_error(path, max_bytes=1024 * 1024)
    monkeypatch.undo()
    assert "--max-file-size" in err.message.en
    assert read_sizes == []  # refused on its size, before a single byte of it is read
    # The same bytes handed over directly (e.g. from stdin) are refused the same way.
    data = path.read_bytes()
    err = expect_input_error(path, data=data, max_bytes=1024 * 1024)
    assert "limit" in err.message.en


READ_ONE_LINE = """
import sys
from reportlint.readers import read
ex = read(sys.argv[1], max_bytes=16 * 1024 * 1024)
print(ex.origins.line_count, len(ex.text))
"""


def test_large_single_line_text_under_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes("统计期限".encode() * (1024 * 1024))  # 12 MB, one line
    # In a subprocess: work quadratic in the line's length would never end, and the
    # timeout of minutes (not a speed limit: it takes about a second) turns that into
    # a failure instead of a stalled suite.
    proc = subprocess.run(
        [sys.executable, "-c", READ_ONE_LINE, str(path)], capture_output=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout.split() == [b"1", str(4 * 1024 * 1024).encode()]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_binary_file(tmp_path, suffix):
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(random.Random(3).randbytes(50_000))
    err = expect_input_error(path)
    assert "binary" in err.message.en or "encoding" in err.message.en


def test_image_named_pdf(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(5000))
    expect_input_error(path)


# -- HTML ---------------------------------------------------------------------------------


def test_deeply_nested_html(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "正文" + "</div>" * 100_000, encoding="utf-8")
    err = expect_input_error(path)
    assert "nested" in err.message.en and "嵌套" in err.message.zh


def test_deeply_nested_tables(tmp_path):
    path = tmp_path / "tables.html"
    path.write_text("<table><tr><td>" * 200 + "x", encoding="utf-8")
    expect_input_error(path)


@pytest.mark.parametrize(
    "markup",
    ["<a b=" * 40_000, "</x" * 60_000, "<!--" * 60_000],
    ids=["unterminated-start-tags", "unterminated-end-tags", "unterminated-comments"],
)
def test_pathological_html_is_time_bounded(tmp_path, monkeypatch, markup):
    monkeypatch.setattr(html_reader, "TIME_BASE", 0.3)
    monkeypatch.setattr(html_reader, "TIME_PER_MB", 0.0)
    path = tmp_path / "slow.html"
    path.write_text(markup, encoding="utf-8")
    expect_input_error(path)


def test_huge_html_over_the_limit(tmp_path):
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * (3 * 1024 * 1024) + b"</p>")
    expect_input_error(path, max_bytes=1024 * 1024)
