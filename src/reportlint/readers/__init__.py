"""Readers turn a file's bytes into :class:`~reportlint.document.extracted.Extracted`.

Heavy readers (.docx, .html, .pdf) are imported only when such a file is read.
Every failure is an :class:`~reportlint.core.errors.InputError` naming the file.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.document.extracted import Extracted

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# suffix → (module, kind)
READERS = {
    ".txt": ("reportlint.readers.text", "text"),
    ".md": ("reportlint.readers.text", "markdown"),
    ".markdown": ("reportlint.readers.text", "markdown"),
    ".html": ("reportlint.readers.html", "html"),
    ".htm": ("reportlint.readers.html", "html"),
    ".docx": ("reportlint.readers.docx", "docx"),
    ".pdf": ("reportlint.readers.pdf", "pdf"),
    # Macro-enabled documents and templates are the same OOXML package as .docx; a
    # WPS template (.wpt) is that package or, from older WPS, the compound-file layout
    # of a .doc (read() tells them apart by content).
    ".docm": ("reportlint.readers.docx", "docx"),
    ".dotx": ("reportlint.readers.docx", "docx"),
    ".dotm": ("reportlint.readers.docx", "docx"),
    ".wpt": ("reportlint.readers.docx", "docx"),
    ".odt": ("reportlint.readers.odt", "odt"),
    ".doc": ("reportlint.readers.doc", "doc"),
    ".wps": ("reportlint.readers.doc", "doc"),  # the Word-compatible compound-file layout
    ".rtf": ("reportlint.readers.rtf", "rtf"),
    ".ofd": ("reportlint.readers.ofd", "ofd"),
}
SUFFIXES = tuple(READERS)
OFFICE_KINDS = ("docx", "doc", "rtf", "odt")


def kind_for(path: str) -> str | None:
    entry = READERS.get(Path(path).suffix.lower())
    return entry[1] if entry else None


def special_file_kind(mode: int) -> Text | None:
    """What a file that is not a regular file is (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return T("这是一个目录，不是报告文件", "is a directory, not a report file")
    if stat.S_ISFIFO(mode):
        what = T("命名管道", "a named pipe (FIFO)")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = T("设备文件", "a device")
    elif stat.S_ISSOCK(mode):
        what = T("套接字", "a socket")
    else:
        what = T("特殊文件", "a special file")
    return T(f"不是普通文件，而是{what.zh}，不读取", f"not a regular file but {what.en}; not read")


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``. Opened without blocking and
    checked on the open descriptor: a FIFO or device named like a report (or swapped in
    after a check by name) is refused, never read."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(T("文件不存在", "no such file"), path) from None
    except PermissionError:
        raise InputError(T("没有读取权限", "permission denied"), path) from None
    except IsADirectoryError:
        raise InputError(T("这是一个目录，不是报告文件", "is a directory, not a report file"), path) from None
    except OSError as exc:
        raise InputError(T("无法读取：{e}", "cannot read: {e}").format(e=exc.strerror or exc), path) from None
    try:
        st = os.fstat(fd)
        why = special_file_kind(st.st_mode)
        if why is not None:
            raise InputError(why, path)
        if st.st_size > max_bytes:
            raise InputError(
                T(
                    "文件过大（{size} 字节，上限 {limit} 字节；可用 --max-file-size 调整）",
                    "file too large ({size} bytes, limit {limit}; see --max-file-size)",
                ).format(size=st.st_size, limit=max_bytes),
                path,
            )
        chunks = []
        remaining = max_bytes + 1  # a file that grew past the limit since fstat is still capped
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise InputError(
                T(
                    "文件过大（上限 {limit} 字节；可用 --max-file-size 调整）",
                    "file too large (limit {limit} bytes; see --max-file-size)",
                ).format(limit=max_bytes),
                path,
            )
        return data
    except IsADirectoryError:
        raise InputError(T("这是一个目录，不是报告文件", "is a directory, not a report file"), path) from None
    except OSError as exc:
        raise InputError(T("无法读取：{e}", "cannot read: {e}").format(e=exc.strerror or exc), path) from None
    finally:
        os.close(fd)


def sniff_container_kind(data: bytes) -> str | None:
    """The reader kind of a binary document from its content (None: not one we know).

    ZIP packages are told apart by their members (OOXML ``word/``, ODF ``mimetype``,
    OFD ``OFD.xml``); the compound-file layout, RTF and PDF by their first bytes."""
    from reportlint.readers._office_sniff import OLE_MAGIC

    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "docx"  # a damaged package: the .docx reader says what is wrong with it
    lowered = {n.lower() for n in names[:10_000]}
    if "mimetype" in lowered or "content.xml" in lowered:
        return "odt"
    if "ofd.xml" in lowered:
        return "ofd"
    return "docx"


def read(
    path: str, data: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES, kind: str | None = None
) -> Extracted:
    """Read ``path`` (or the given ``data``, e.g. from stdin) into extracted text."""
    # Only bytes given by the caller (stdin) have a name that may say nothing of them;
    # a file's own suffix still decides (a .txt holding a ZIP is named as such).
    sniff = kind is None and data is not None
    if kind is None:
        kind = kind_for(path) or "text"
    if data is None:
        data = read_bytes(path, max_bytes)
    elif len(data) > max_bytes:
        raise InputError(
            T("输入过大（上限 {limit} 字节）", "input too large (limit {limit} bytes)").format(limit=max_bytes), path
        )
    if sniff and kind in ("text", "markdown"):
        # A document piped on stdin (named stdin.txt unless --stdin-filename says
        # otherwise): its first bytes say what it is.
        kind = sniff_container_kind(data) or kind
    module_name = next(m for m, k in READERS.values() if k == kind)
    if kind in OFFICE_KINDS:
        # Offices rename freely (an RTF or a .docx saved as .doc, a .wps that is a .docx):
        # the word-processing formats are told apart by their content.
        from reportlint.readers._office_sniff import sniff_office_kind

        kind = sniff_office_kind(data, kind)
        module_name = next(m for m, k in READERS.values() if k == kind)
    module = importlib.import_module(module_name)
    return module.read(path, data, kind)
