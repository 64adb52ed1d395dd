"""PDF: the text layer, page by page, with pypdf (imported only here).

* Text per page with ``page.extract_text()``; pypdf keeps each table row on a line.
* Page-number lines (``- 3 -``, ``— 3 —``, ``第 3 页``, ``第3页 共6页``, ``3/6``) among
  the first and last lines of a page are not emitted.
* One :class:`Segment` per line: the line/column of the extracted text itself and
  ``page=`` (1-based).
* A PDF without a text layer (a scan: no or almost no text on every page) gives
  an :class:`Extracted` with (nearly) empty text and a ``no-text-layer`` note; a
  page without text in an otherwise readable PDF gives a ``page-without-text`` note.
* A password-protected or corrupt PDF is an :class:`~reportlint.errors.InputError`.
  (A PDF encrypted only with an owner password — printing/copying restrictions —
  opens with the empty user password, as in any viewer, and is read.)
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from contextlib import contextmanager

from reportlint.document.extracted import Extracted, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.errors import InputError
from reportlint.i18n import T
from reportlint.readers._builder import TextBuilder

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 16  # below this on average, the PDF has no real text layer
EDGE_LINES = 3  # page numbers are looked for among this many lines at each end of a page

_DASH = r"[-—–－~～_·•]"
PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    rf"{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"  # - 3 -   — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 (共 6 页)
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"  # 共 6 页 第 3 页
    r"|(?:page\s*)?\d{1,4}\s*/\s*\d{1,4}"  # 3/6, Page 3 / 6
    r"|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r")\s*$",
    re.I,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@contextmanager
def _quiet():
    """pypdf reports recoverable damage through logging and warnings; keep it quiet."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _damaged(path: str, exc: BaseException) -> InputError:
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return InputError(
        T("PDF 文件已损坏，无法读取（{d}）", "the PDF is damaged and cannot be read ({d})").format(d=detail), path
    )


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line))


def page_lines(raw: str) -> list[str]:
    """Lines of one page's extracted text, page-number lines removed."""
    text = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:EDGE_LINES]) | set(content[-EDGE_LINES:])
    drop = {i for i in edges if is_page_number(lines[i])}
    if drop:
        lines = [line for i, line in enumerate(lines) if i not in drop]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
    return lines


def _open(path: str, data: bytes):
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise _damaged(path, exc) from None
    try:
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise InputError(
                    T(
                        "PDF 已加密（AES），需要安装 cryptography 包才能读取",
                        "the PDF is encrypted with AES; install the 'cryptography' package to read it",
                    ),
                    path,
                ) from None
            if not opened:
                raise InputError(
                    T("PDF 设有打开密码，无法读取；请提供未加密的版本", "the PDF is password-protected; provide an unencrypted copy"),
                    path,
                )
        pages = reader.pages
        count = len(pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(
            T("PDF 设有打开密码，无法读取；请提供未加密的版本", "the PDF is password-protected; provide an unencrypted copy"),
            path,
        ) from None
    except Exception as exc:
        raise _damaged(path, exc) from None
    if count > MAX_PAGES:
        raise InputError(
            T("PDF 页数过多（{n} 页，上限 {limit} 页）", "the PDF has too many pages ({n}, limit {limit})").format(
                n=count, limit=MAX_PAGES
            ),
            path,
        )
    return pages, count


def read(path: str, data: bytes, kind: str = "pdf") -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise InputError(T("不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)"), path)
    notes: list[ReaderNote] = []
    per_page: list[list[str]] = []
    with _quiet():
        pages, count = _open(path, data)
        for number in range(1, count + 1):
            try:
                raw = pages[number - 1].extract_text() or ""
            except Exception as exc:  # one bad page must not hide the others
                notes.append(ReaderNote("page-unreadable", detail=f"page {number}: {type(exc).__name__}: {exc}"[:200]))
                raw = ""
            per_page.append(page_lines(raw))

    b = TextBuilder(own_positions=True)
    first = True
    empty_pages: list[tuple[int, int]] = []
    chars = 0
    for number, lines in enumerate(per_page, start=1):
        attrs = (number, None, None)
        if not lines:
            empty_pages.append((number, b.length))
            continue
        for line in lines:
            if first:
                first = False
            else:
                b.newline()
            b.mark(attrs=attrs)
            b.add(line, attrs=attrs)
            chars += sum(1 for ch in line if not ch.isspace())
    text = b.text
    if chars < max(1, count) * MIN_CHARS_PER_PAGE:
        notes.insert(
            0,
            ReaderNote(
                "no-text-layer",
                0,
                0,
                f"{count} page(s), {chars} character(s) of text",
            ),
        )
    else:
        for number, offset in empty_pages:
            notes.append(ReaderNote("page-without-text", offset, offset, f"page {number}"))
    return Extracted(path=path, kind=kind, text=text, origins=OriginMap(text, b.segments), notes=notes)
