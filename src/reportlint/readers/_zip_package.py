"""Safe access to the members of a ZIP-based document.

:class:`GuardedZip` holds the guards every ZIP-based reader shares (.docx through
:mod:`reportlint.readers._ooxml`, .odt and .ofd through :class:`ZipPackage`) — not a
ZIP / truncated ZIP, too many members, encrypted members, zip bombs (declared size
and ratio checked before reading, every member read with a byte cap in case the
header lies), XML with a DOCTYPE or entity declarations refused. Each subclass says
how its refusals read; :class:`ZipPackage`'s name the format and say what to do
instead, and also cap what one file may inflate to in all.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text

MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members read from one file together
MAX_RATIO = 100
RATIO_MIN_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 10_000

FORBIDDEN_MEMBER_CHARS = tuple(
    marker.encode(enc) for marker in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)


class GuardedZip:
    """The members of a ZIP package, read behind the zip-bomb and entity guards.

    A subclass checks the magic bytes itself (each format words that refusal its own
    way), calls :meth:`_open`, and words the refusals: :meth:`damaged`,
    :meth:`refused` and :meth:`encrypted`."""

    path: str

    def limits(self) -> tuple[int, int, int, int]:
        """(bytes of one member, compression ratio, size from which the ratio is
        checked, members). Looked up on every read, from the subclass's own module, so
        that a test can lower one format's limit."""
        return MAX_MEMBER_BYTES, MAX_RATIO, RATIO_MIN_BYTES, MAX_MEMBERS

    # -- messages, worded by each format ---------------------------------------------
    def damaged(self, detail: object) -> InputError:
        raise NotImplementedError

    def refused(self, problem: Text) -> InputError:
        raise NotImplementedError

    def encrypted(self) -> InputError:
        raise NotImplementedError

    # -- members ---------------------------------------------------------------------
    def _open(self, data: bytes) -> None:
        max_members = self.limits()[3]
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise self.damaged(exc) from None
        if len(infos) > max_members:
            raise self.damaged(f"{len(infos)} members")
        self._names = {info.filename: info for info in infos}
        self._lower = {name.lower(): info for name, info in self._names.items()}

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._names.get(name) or self._lower.get(name.lower())

    def read(self, name: str) -> bytes | None:
        """The bytes of member ``name`` (None when absent), with the bomb guards."""
        info = self.info(name)
        if info is None:
            return None
        max_bytes, max_ratio, ratio_min_bytes, _ = self.limits()
        too_big = T(
            "压缩包内的 {name} 解压后过大（{size} 字节，上限 {limit} 字节），疑为压缩炸弹，拒绝读取",
            "{name} inside the package is too large when uncompressed ({size} bytes, limit {limit}); "
            "refused as a possible zip bomb",
        )
        if info.file_size > max_bytes:
            raise self.refused(too_big.format(name=name, size=info.file_size, limit=max_bytes))
        if info.file_size > ratio_min_bytes and info.file_size > max_ratio * max(info.compress_size, 1):
            raise self.refused(
                T(
                    "压缩包内的 {name} 压缩比异常（{ratio}:1，上限 {limit}:1），疑为压缩炸弹，拒绝读取",
                    "{name} inside the package has an abnormal compression ratio ({ratio}:1, limit {limit}:1); "
                    "refused as a possible zip bomb",
                ).format(name=name, ratio=info.file_size // max(info.compress_size, 1), limit=max_ratio)
            )
        if info.flag_bits & 0x1:
            raise self.encrypted()
        try:
            with self.zip.open(info) as fh:
                raw = fh.read(max_bytes + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
            OSError,
            ValueError,
        ) as exc:
            raise self.damaged(exc) from None
        if len(raw) > max_bytes:
            raise self.refused(too_big.format(name=name, size=f">{max_bytes}", limit=max_bytes))
        return raw

    def xml(self, name: str) -> ET.Element | None:
        raw = self.read(name)
        if raw is None:
            return None
        if any(marker in raw for marker in FORBIDDEN_MEMBER_CHARS):
            raise self.refused(
                T(
                    "{name} 含有 DOCTYPE/实体声明，出于安全考虑拒绝读取",
                    "{name} contains a DOCTYPE or entity declarations; refused for safety",
                ).format(name=name)
            )
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise self.damaged(f"{name}: {exc}") from None


class ZipPackage(GuardedZip):
    """``label`` names the format in messages (e.g. ``T("OpenDocument 文本（.odt）", "OpenDocument text (.odt)")``);
    ``advice`` says what the user can do when the file cannot be read."""

    def __init__(self, path: str, data: bytes, label: Text, advice: Text):
        self.path = path
        self.label = label
        self.advice = advice
        self.total = 0
        if not data.startswith(b"PK"):
            raise self.error(T("不是 ZIP 格式", "not a ZIP package"))
        self._open(data)

    # -- messages --------------------------------------------------------------------
    def error(self, problem: Text) -> InputError:
        """``不是有效的 <format> 文件（<problem>）；<advice>``."""
        return InputError(
            Text(
                f"不是有效的{' ' if self.label.zh[:1].isascii() else ''}{self.label.zh}文件（{problem.zh}）；{self.advice.zh}",
                f"not a valid {self.label.en} file ({problem.en}); {self.advice.en}",
            ),
            self.path,
        )

    def damaged(self, detail: object) -> InputError:
        return self.error(T("文件损坏或不完整：{d}", "damaged or incomplete: {d}").format(d=detail))

    def refused(self, problem: Text, advice: Text | None = None) -> InputError:
        """A readable package refused for safety or size: ``<format> 文件：<problem>；<advice>``."""
        advice = advice or self.advice
        return InputError(
            Text(
                f"{self.label.zh}文件：{problem.zh}；{advice.zh}",
                f"{self.label.en} file: {problem.en}; {advice.en}",
            ),
            self.path,
        )

    def encrypted(self) -> InputError:
        return self.refused(
            T("文档已加密（设置了密码），无法读取", "the document is encrypted (password-protected)"),
            T("请去掉密码后“另存为” .docx 再检查", "remove the password, “Save As” .docx and check that"),
        )

    # -- members ---------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._names)

    def read(self, name: str) -> bytes | None:
        """:meth:`GuardedZip.read`, and what one file inflates to in all is capped."""
        raw = super().read(name)
        if raw is None:
            return None
        self.total += len(raw)
        if self.total > MAX_TOTAL_BYTES:
            raise self.refused(
                T(
                    "压缩包解压后总量过大（超过 {limit} 字节），疑为压缩炸弹，拒绝读取",
                    "the package is too large when uncompressed (more than {limit} bytes); refused as a possible zip bomb",
                ).format(limit=MAX_TOTAL_BYTES)
            )
        return raw
