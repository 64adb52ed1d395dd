"""Safe access to the parts of an OOXML (.docx) package.

Guards against hostile packages (those of :class:`~reportlint.readers._zip_package.GuardedZip`):
not a zip / truncated zip, encrypted members, zip bombs (declared uncompressed size
and compression ratio are checked before reading, and every member is read with a
byte cap in case the header lies), and XML with a DOCTYPE or entity declarations
(refused outright; OOXML never needs them). Every failure is one
:class:`~reportlint.core.errors.InputError` naming the file, worded as the .docx reader
always has.
"""

from __future__ import annotations

import posixpath

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.readers._zip_package import GuardedZip

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # uncompressed size of one XML part
MAX_RATIO = 100  # uncompressed : compressed, checked on members larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"


def _damaged(path: str, detail: object) -> InputError:
    return InputError(
        T(
            "不是有效的 Word .docx 文件（文件损坏或不完整：{d}）",
            "not a valid Word .docx file (damaged or incomplete: {d})",
        ).format(d=detail),
        path,
    )


class Package(GuardedZip):
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
        self._open(data)

    def limits(self) -> tuple[int, int, int, int]:
        """The .docx limits: this module's, read at call time."""
        return MAX_MEMBER_BYTES, MAX_RATIO, RATIO_MIN_BYTES, MAX_MEMBERS

    def damaged(self, detail: object) -> InputError:
        return _damaged(self.path, detail)

    def refused(self, problem: Text) -> InputError:
        return InputError(problem, self.path)

    def encrypted(self) -> InputError:
        return InputError(
            T(
                "文档已加密，无法读取；请保存为不加密码的 .docx",
                "the document is encrypted; save it without a password",
            ),
            self.path,
        )

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
