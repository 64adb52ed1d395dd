"""Byte → str decoding shared by the text and HTML readers.

Order: a byte-order mark decides; then strict UTF-8 (valid UTF-8 is UTF-8 even
when a page declares otherwise); then (HTML only) the declared charset; then
"UTF-8 with a few damaged bytes" (decoded with U+FFFD so the damage can be
reported where it is, instead of turning the whole file into GB18030 mojibake);
then GB18030 (a superset of GBK and GB2312, which Chinese agencies still use).
Known binary formats and files full of control bytes are refused with a clear
:class:`~reportlint.core.errors.InputError`.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of formats people save under a wrong name: (prefix, zh, en).
MAGIC = (
    (b"%PDF-", "PDF 文件", "a PDF file"),
    (b"PK\x03\x04", "ZIP 压缩包（可能是 .docx/.xlsx）", "a ZIP archive (perhaps .docx/.xlsx)"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Office 文件（.doc/.xls/.wps）",
        "a legacy Office file (.doc/.xls/.wps)",
    ),
    (b"{\\rtf", "RTF 文件", "an RTF file"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF87a", "GIF 图片", "a GIF image"),
    (b"GIF89a", "GIF 图片", "a GIF image"),
    (b"Rar!\x1a\x07", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩文件", "a gzip file"),
)

# "Mostly UTF-8": at least this many valid non-ASCII characters, and at most one
# damaged byte sequence per this many of them.
MOSTLY_UTF8_MIN_CHARS = 20
MOSTLY_UTF8_RATIO = 50


@dataclass(eq=False)
class Decoded:
    """A text file's bytes decoded: the text, the encoding, a BOM, replaced sequences."""

    text: str
    encoding: str
    bom: bool = False
    errors: int = 0  # number of undecodable byte sequences replaced by U+FFFD


# Control bytes that never occur in text (tab, LF, FF, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def binary_kind(data: bytes) -> Text | None:
    """Why ``data`` is not text (None when it may be text). BOM-marked data is text."""
    for bom, _ in BOMS:
        if data.startswith(bom):
            return None
    for magic, zh, en in MAGIC:
        if data.startswith(magic):
            return T(
                f"不是文本文件：内容是{zh}（请检查文件扩展名）",
                f"not a text file: the content is {en} (check the file name extension)",
            )
    # The whole file, not only its start: binary after a page of text is still binary
    # (both tests are single passes in C).
    if b"\x00" in data:
        return T("不是文本文件（二进制内容）", "not a text file (binary content)")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if data and control / len(data) > 0.05:
        return T("不是文本文件（二进制内容）", "not a text file (binary content)")
    return None


# GB18030 decodes almost any byte sequence, so "it decoded" proves nothing. Real GBK
# text is nearly all common characters — the GB2312 repertoire (its symbols and its
# 6,763 hanzi) and the Traditional forms of them — while random bytes land anywhere
# in the 22,000-character GBK space (and in its private-use and four-byte areas):
# only about a third of them are common. A file with at least GB_MIN_NON_ASCII
# non-ASCII characters of which more than GB_MAX_RARE are rare is not GBK text.
GB_MIN_NON_ASCII = 8
GB_MAX_RARE = 0.4
GB_SAMPLE_CHARS = 1_000_000  # enough to judge; bounds the cost on a 20 MB file


@lru_cache(maxsize=1)
def _common_gb_table() -> dict[int, None]:
    """A str.translate table deleting ASCII and the common characters."""
    common = set(map(chr, range(128)))
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                common.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    hanzi = "".join(ch for ch in common if "\u4e00" <= ch <= "\u9fff")
    try:
        import opencc

        common.update(opencc.OpenCC("s2t").convert("\n".join(hanzi)))
    except Exception:  # no converter: Traditional GBK text is then judged by GB2312 alone
        pass
    return dict.fromkeys(map(ord, common))


def implausible_gb18030(text: str) -> bool:
    """Whether GB18030-decoded ``text`` looks like decoded random bytes."""
    sample = text[:GB_SAMPLE_CHARS]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii < GB_MIN_NON_ASCII:
        return False
    rare = len(sample.translate(_common_gb_table()))
    return rare > non_ascii * GB_MAX_RARE


def _not_text(path: str) -> InputError:
    return InputError(
        T(
            "不是文本文件：内容既不是 UTF-8 也不像 GBK/GB18030 文本（可能是二进制文件）",
            "not a text file: the content is neither UTF-8 nor plausible GBK/GB18030 text (binary data?)",
        ),
        path,
    )


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    # U+FFFD already present in valid UTF-8 is not damage; count only new ones.
    errors = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if errors > 0 and good >= MOSTLY_UTF8_MIN_CHARS and errors * MOSTLY_UTF8_RATIO <= good:
        return Decoded(text, "utf-8", False, errors)
    return None


def normalise_charset(name: str | None) -> str | None:
    """A declared charset name → a Python codec name (None when unknown/unusable)."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312", "gb18030"):
        return "gb18030"
    if name.startswith(("utf-16", "utf-32", "unicode", "ucs-2")):
        return "utf-8"  # a byte-oriented declaration of UTF-16 means UTF-8 (WHATWG)
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(path: str, data: bytes, declared: str | None = None) -> Decoded:
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc, True)
            except UnicodeDecodeError as exc:
                raise InputError(
                    T(
                        "文件以 {enc} 字节序标记（BOM）开头，但内容不是有效的 {enc}（第 {pos} 字节处出错）",
                        "the file starts with a {enc} byte-order mark but is not valid {enc} (bad byte at offset {pos})",
                    ).format(enc=enc.upper().replace("-SIG", ""), pos=exc.start),
                    path,
                ) from None
    why = binary_kind(data)
    if why is not None:
        raise InputError(why, path)
    # Valid UTF-8 with non-ASCII text is UTF-8 whatever a page declares: GBK text is
    # practically never valid UTF-8, while saved web pages often keep a stale
    # <meta charset="gb2312"> after being re-encoded.
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = normalise_charset(declared)
    if declared and declared != "utf-8":
        try:
            text = data.decode(declared)
            if not (declared == "gb18030" and implausible_gb18030(text)):
                return Decoded(text, declared)
        except UnicodeDecodeError:
            pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    try:
        text = data.decode("gb18030")
        if implausible_gb18030(text):
            raise _not_text(path)
        return Decoded(text, "gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(
            T(
                "不是文本文件，或编码无法识别（既不是 UTF-8 也不是 GBK/GB18030，第 {pos} 字节处出错）",
                "not a text file, or an unknown encoding (neither UTF-8 nor GBK/GB18030; bad byte at offset {pos})",
            ).format(pos=exc.start),
            path,
        ) from None


def detect_newline(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR → LF (lines and columns are counted on LF)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
