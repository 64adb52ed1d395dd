"""Text/Markdown reader: encodings, line structure, binary and undecodable input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reportlint.core.errors import InputError
from reportlint.readers import read
from reportlint.readers import text as text_reader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS_TEXTS = sorted(p.name for p in FIXTURES.glob("*.txt"))

SAMPLE = "淮安市人民政府\n2024年政府信息公开工作年度报告\n\n一、总体情况\n\t本年新收申请3119件。\n"


@pytest.mark.parametrize(
    "encoding, data_encoding, bom",
    [
        ("utf-8", "utf-8", False),
        ("utf-8-sig", "utf-8-sig", True),
        ("utf-16", "utf-16", True),  # Python writes a BOM (little-endian here)
        ("utf-16-be", "utf-16", True),
        ("utf-16-le", "utf-16", True),
        ("utf-32", "utf-32", True),
        ("utf-32-be", "utf-32", True),
        ("gbk", "gb18030", False),
        ("gb2312", "gb18030", False),
        ("gb18030", "gb18030", False),
    ],
)
def test_each_encoding_round_trips(tmp_path, encoding, data_encoding, bom):
    raw = SAMPLE.encode(encoding)
    if encoding in ("utf-16-be", "utf-16-le", "utf-32-be"):
        raw = "\ufeff".encode(encoding) + raw  # explicit BOM
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(raw)
    ex = read(str(path))
    assert ex.text == SAMPLE
    assert ex.encoding == data_encoding
    assert ex.bom is bom
    assert ex.kind == "text"
    assert ex.origins.identity
    assert ex.editable
    assert ex.notes == []


def test_gb18030_only_characters(tmp_path):
    # 𠀀 (CJK Ext. B) and ㄅ are not in GBK's two-byte set; GB18030 encodes them.
    sample = "附件𠀀：统计表ㄅ\n"
    path = tmp_path / "r.txt"
    path.write_bytes(sample.encode("gb18030"))
    ex = read(str(path))
    assert ex.text == sample
    assert ex.encoding == "gb18030"


@pytest.mark.parametrize("name", CORPUS_TEXTS)
def test_corpus_texts_are_read_verbatim(name):
    raw = (FIXTURES / name).read_bytes()
    ex = read(str(FIXTURES / name))
    assert ex.encoding == "utf-8"
    assert ex.text == raw.decode("utf-8").replace("\r\n", "\n")
    # Line structure is the file's own.
    assert ex.origins.line_count == ex.text.count("\n") + 1
    assert ex.text.split("\n") == raw.decode("utf-8").replace("\r\n", "\n").split("\n")


@pytest.mark.parametrize("name", CORPUS_TEXTS)
def test_corpus_texts_saved_as_gb18030(tmp_path, name):
    original = (FIXTURES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(original.encode("gb18030"))
    ex = read(str(path))
    assert ex.encoding == "gb18030"
    assert ex.text == original


def test_crlf_and_cr_newlines_keep_lines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行\r\n第二行\r\n\r\n第四行".encode())
    ex = read(str(path))
    assert ex.newline == "\r\n"
    assert ex.text == "第一行\n第二行\n\n第四行"
    assert ex.origins.locate(ex.text.index("第四行")).line == 4

    path.write_bytes("甲\r乙\r丙".encode("gbk"))
    ex = read(str(path))
    assert ex.newline == "\r"
    assert ex.text.split("\n") == ["甲", "乙", "丙"]


def test_markdown_kind(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 标题\n\n| a | b |\n", encoding="utf-8")
    ex = read(str(path))
    assert ex.kind == "markdown"
    assert ex.text == "# 标题\n\n| a | b |\n"


def test_binary_file_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError) as info:
        read(str(path))
    assert info.value.path == str(path)
    assert "二进制" in info.value.message.zh
    assert "binary" in info.value.message.en


@pytest.mark.parametrize(
    "head, zh, en",
    [
        (b"%PDF-1.7\n", "PDF", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc", ".doc"),
        (b"\x89PNG\r\n\x1a\n", "PNG", "PNG"),
    ],
)
def test_known_binary_formats_are_named(tmp_path, head, zh, en):
    path = tmp_path / "report.txt"
    path.write_bytes(head + b"ordinary ascii after the magic number\n" * 10)
    with pytest.raises(InputError) as info:
        read(str(path))
    assert zh in info.value.message.zh and en in info.value.message.en


def test_control_characters_mean_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"abc\x01\x02\x03\x04\x05\x06def" * 100)
    with pytest.raises(InputError):
        read(str(path))


def test_undecodable_bytes_refused_with_offset(tmp_path):
    # Valid GBK first, then bytes that are neither UTF-8 nor GB18030 (0xFF is never valid).
    good = "政府信息公开".encode("gbk")
    path = tmp_path / "bad.txt"
    path.write_bytes(good + b"\xff\xff\xfe" + good)
    with pytest.raises(InputError) as info:
        read(str(path))
    err = info.value
    assert err.path == str(path)
    assert "编码" in err.message.zh and "encoding" in err.message.en
    assert f"{len(good)}" in err.message.en  # the offset of the first bad byte


def test_utf8_with_a_damaged_byte_stays_utf8(tmp_path):
    text = "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。" * 3
    raw = text.encode("utf-8")
    cut = raw.index("统计".encode())
    damaged = raw[:cut] + b"\xff" + raw[cut:]
    path = tmp_path / "damaged.txt"
    path.write_bytes(damaged)
    ex = read(str(path))
    assert ex.encoding == "utf-8"
    assert ex.text.replace("\ufffd", "", 1) == text
    assert [n.kind for n in ex.notes] == ["decode-errors"]
    assert ex.text[ex.notes[0].start] == "\ufffd"


def test_bom_with_invalid_body(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF8 + "正常".encode() + b"\xff\xfe\xfd")
    with pytest.raises(InputError) as info:
        read(str(path))
    assert "BOM" in info.value.message.zh and "byte-order mark" in info.value.message.en


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    ex = read(str(path))
    assert ex.text == ""


def test_legacy_helpers_still_work():
    assert text_reader.decode("x.txt", "中文".encode("gbk")) == ("中文", "gb18030", False)
    assert text_reader.looks_binary(b"\x00\x01binary")
    assert not text_reader.looks_binary("中文".encode())
