"""Safe access to the parts of an OOXML (.docx) package.

Guards against hostile packages: not a zip / truncated zip, encrypted members,
zip bombs (declared uncompressed size and compression ratio are checked before
reading, and every member is read with a byte cap in case the header lies), and
XML with a DOCTYPE or entity declarations (refused outright; OOXML never needs them).
Every failure is one :class:`~reportlint.errors.InputError` naming the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
import xml.etree.ElementTree as ET

from reportlint.errors import InputError
from reportlint.i18n import T

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # uncompressed size of one XML part
MAX_RATIO = 100  # uncompressed : compressed, checked on members larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"

_FORBIDDEN = tuple(
    marker.encode(enc) for marker in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)


def _damaged(path: str, detail: object) -> InputError:
    return InputError(
        T(
            "不是有效的 Word .docx 文件（文件损坏或不完整：{d}）",
            "not a valid Word .docx file (damaged or incomplete: {d})",
        ).format(d=detail),
        path,
    )


class Package:
    def __init__(self, path: str, data: bytes):
        self.path = path
        if data.startswith(OLE_MAGIC):
            raise InputError(
                T(
                    "这是旧版 Word .doc 文件或加密的文档，无法读取；请另存为 .docx（不加密码）",
                    "this is a legacy Word .doc file or an encrypted document; save it as .docx without a password",
                ),
                path,
            )
        if not data.startswith(b"PK"):
            raise InputError(
                T("不是 Word .docx 文件（不是 ZIP 格式）", "not a Word .docx file (not a ZIP package)"), path
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise _damaged(path, exc) from None
        if len(infos) > MAX_MEMBERS:
            raise _damaged(path, f"{len(infos)} members")
        self._names = {info.filename: info for info in infos}
        self._lower = {name.lower(): info for name, info in self._names.items()}

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._names.get(name) or self._lower.get(name.lower())

    def read(self, name: str) -> bytes | None:
        """The bytes of member ``name`` (None when absent), with the bomb guards."""
        info = self.info(name)
        if info is None:
            return None
        too_big = T(
            "压缩包内的 {name} 解压后过大（{size} 字节，上限 {limit} 字节），疑为压缩炸弹，拒绝读取",
            "{name} inside the package is too large when uncompressed ({size} bytes, limit {limit}); "
            "refused as a possible zip bomb",
        )
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(too_big.format(name=name, size=info.file_size, limit=MAX_MEMBER_BYTES), self.path)
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                T(
                    "压缩包内的 {name} 压缩比异常（{ratio}:1，上限 {limit}:1），疑为压缩炸弹，拒绝读取",
                    "{name} inside the package has an abnormal compression ratio ({ratio}:1, limit {limit}:1); "
                    "refused as a possible zip bomb",
                ).format(name=name, ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO),
                self.path,
            )
        if info.flag_bits & 0x1:
            raise InputError(
                T("文档已加密，无法读取；请保存为不加密码的 .docx", "the document is encrypted; save it without a password"),
                self.path,
            )
        try:
            with self.zip.open(info) as fh:
                raw = fh.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, ValueError) as exc:
            raise _damaged(self.path, exc) from None
        if len(raw) > MAX_MEMBER_BYTES:
            raise InputError(too_big.format(name=name, size=f">{MAX_MEMBER_BYTES}", limit=MAX_MEMBER_BYTES), self.path)
        return raw

    def xml(self, name: str) -> ET.Element | None:
        raw = self.read(name)
        if raw is None:
            return None
        if any(marker in raw for marker in _FORBIDDEN):
            raise InputError(
                T(
                    "{name} 含有 DOCTYPE/实体声明，出于安全考虑拒绝读取",
                    "{name} contains a DOCTYPE or entity declarations; refused for safety",
                ).format(name=name),
                self.path,
            )
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise _damaged(self.path, f"{name}: {exc}") from None

    def main_part(self) -> str:
        """Name of the main document part (from _rels/.rels; word/document.xml by default)."""
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(REL_NS + "Relationship"):
                if rel.get("Type", "").endswith(OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if target and not target.startswith("..") and self.info(target) is not None:
                        return target
        return "word/document.xml"

    def part_rels_target(self, part: str, rel_type_suffix: str, default: str) -> str:
        """Target of the first relationship of ``part`` whose type ends with the suffix."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        if rels is not None:
            for rel in rels.iter(REL_NS + "Relationship"):
                if rel.get("Type", "").endswith(rel_type_suffix) and rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    return posixpath.normpath(full)
        return default
