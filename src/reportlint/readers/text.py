"""Plain text and Markdown: detect the encoding, keep the original lines."""

from __future__ import annotations

import codecs

from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.errors import InputError
from reportlint.i18n import T

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and control / len(head) > 0.05


def decode(path: str, data: bytes) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom)."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, True
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise InputError(T("不是文本文件（二进制内容）", "not a text file (binary content)"), path)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError as exc:
        raise InputError(
            T(
                "无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030，第 {pos} 字节处出错）",
                "unknown encoding (neither UTF-8 nor GBK/GB18030; bad byte at offset {pos})",
            ).format(pos=exc.start),
            path,
        ) from None


def read(path: str, data: bytes, kind: str = "text") -> Extracted:
    text, encoding, bom = decode(path, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    # Lines and columns are counted on \n; a CRLF file has the same lines either way.
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Extracted(
        path=path,
        kind=kind,
        text=text,
        origins=OriginMap(text),
        encoding=encoding,
        newline=newline,
        bom=bom,
    )
