"""Readers turn a file's bytes into :class:`~reportlint.document.extracted.Extracted`.

Heavy readers (.docx, .html, .pdf) are imported only when such a file is read.
Every failure is an :class:`~reportlint.errors.InputError` naming the file.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from reportlint.document.extracted import Extracted
from reportlint.errors import InputError
from reportlint.i18n import T

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
}
SUFFIXES = tuple(READERS)


def kind_for(path: str) -> str | None:
    entry = READERS.get(Path(path).suffix.lower())
    return entry[1] if entry else None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(T("这是一个目录，不是报告文件", "is a directory, not a report file"), path)
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                T(
                    "文件过大（{size} 字节，上限 {limit} 字节；可用 --max-file-size 调整）",
                    "file too large ({size} bytes, limit {limit}; see --max-file-size)",
                ).format(size=size, limit=max_bytes),
                path,
            )
        with p.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(T("文件不存在", "no such file"), path) from None
    except PermissionError:
        raise InputError(T("没有读取权限", "permission denied"), path) from None
    except IsADirectoryError:
        raise InputError(T("这是一个目录，不是报告文件", "is a directory, not a report file"), path) from None
    except OSError as exc:
        raise InputError(T("无法读取：{e}", "cannot read: {e}").format(e=exc.strerror or exc), path) from None


def read(path: str, data: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES, kind: str | None = None) -> Extracted:
    """Read ``path`` (or the given ``data``, e.g. from stdin) into extracted text."""
    if kind is None:
        kind = kind_for(path) or "text"
    module_name = next(m for m, k in READERS.values() if k == kind)
    if data is None:
        data = read_bytes(path, max_bytes)
    elif len(data) > max_bytes:
        raise InputError(
            T("输入过大（上限 {limit} 字节）", "input too large (limit {limit} bytes)").format(limit=max_bytes), path
        )
    module = importlib.import_module(module_name)
    return module.read(path, data, kind)
