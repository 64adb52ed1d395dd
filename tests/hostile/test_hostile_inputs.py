"""Issue 11: binary is binary, special files are never read.

Every run is a subprocess with a timeout (the conftest ``cli`` fixture), so a hang
fails the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import random
import sys

import pytest

from reportlint.core.errors import InputError
from reportlint.readers import _encoding, read_bytes

REPORT = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev")


def random_bytes(n: int, seed: int, alphabet=range(256)) -> bytes:
    rng = random.Random(seed)
    pool = list(alphabet)
    return bytes(rng.choice(pool) for _ in range(n))


# Byte sets that slip past a NUL/control-byte test: only high bytes, or printable
# ASCII mixed with high bytes — GB18030 decodes nearly all of them.
ALPHABETS = {
    "any": range(256),
    "high": range(0x80, 0x100),
    "printable-and-high": [*range(0x20, 0x7F), *range(0x80, 0x100), 10, 13],
}


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_random_bytes_are_refused_as_not_text_whatever_the_extension(cli, tmp_path, suffix, alphabet):
    bad = tmp_path / f"noise{suffix}"
    bad.write_bytes(random_bytes(4096, hash((suffix, alphabet)) & 0xFFFF, ALPHABETS[alphabet]))
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    proc = cli("check", "--no-cache", "--lang", "en", str(bad), str(good))
    assert proc.returncode == 2
    line = next(l for l in proc.err.splitlines() if bad.name in l)
    assert "not a text file" in line
    assert "good.txt" in proc.out  # the other file is still checked
    assert "Traceback" not in proc.err


def test_binary_after_a_page_of_text_is_still_binary(tmp_path):
    data = REPORT.encode("utf-8") * 400 + b"\x00\x01\x02" + random_bytes(2000, 7)
    with pytest.raises(InputError) as info:
        _encoding.decode_bytes("x.txt", data)
    assert "not a text file" in info.value.message.en


@pytest.mark.parametrize("text", [REPORT * 20, "某市人民政府辦公室政府信息公開工作年度報告。" * 30])
def test_real_gbk_text_is_still_read_simplified_and_traditional(text):
    decoded = _encoding.decode_bytes("x.txt", text.encode("gb18030"))
    assert decoded.encoding == "gb18030" and decoded.text == text


def test_corpus_reports_in_gbk_are_not_mistaken_for_binary(fixtures):
    for path in sorted(fixtures.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="strict")
        try:
            data = text.encode("gb18030")
        except UnicodeEncodeError:
            continue
        assert _encoding.decode_bytes(path.name, data).text == text


@posix_only
def test_fifo_given_as_a_report_is_refused_without_blocking(cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    proc = cli("check", "--no-cache", "--lang", "en", str(fifo), str(good))  # a hang fails on the timeout
    assert proc.returncode == 2
    line = next(l for l in proc.err.splitlines() if "pipe.txt" in l)
    assert "not a regular file" in line and "named pipe" in line
    assert "good.txt" in proc.out


@posix_only
def test_fifo_and_devices_inside_a_checked_folder_are_skipped_with_a_message(cli, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink("/dev/null", folder / "null.html")
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    proc = cli("check", "--no-cache", "--lang", "en", str(folder))
    assert proc.returncode == 2
    for name in ("pipe.txt", "zero.txt", "null.html"):
        line = next(l for l in proc.err.splitlines() if name in l)
        assert "not a regular file" in line
    assert "good.txt" in proc.out
    zh = cli("check", "--no-cache", "--lang", "zh", str(folder))
    assert "不是普通文件" in zh.err


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_given_as_a_report_is_refused(cli, device):
    proc = cli("check", "--no-cache", "--lang", "en", device)
    assert proc.returncode == 2
    assert f"{device}: not a regular file but a device" in proc.err


@posix_only
def test_read_bytes_refuses_a_fifo_even_with_a_writer(tmp_path):
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # a FIFO with data waiting must not be read either
    try:
        os.write(writer, b"data")
        with pytest.raises(InputError) as info:
            read_bytes(str(fifo))
        assert "named pipe" in info.value.message.en
    finally:
        os.close(writer)


def test_file_growing_past_the_limit_is_capped(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 1000)
    with pytest.raises(InputError) as info:
        read_bytes(str(p), max_bytes=999)
    assert "too large" in info.value.message.en
    assert read_bytes(str(p), max_bytes=1000) == b"a" * 1000
