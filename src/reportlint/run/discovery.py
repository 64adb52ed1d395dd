"""Expand the paths given on the command line into report files."""

from __future__ import annotations

import os
from pathlib import Path

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.readers import SUFFIXES, special_file_kind

# Formats reports are also kept in that no reader here can read. In a folder they are
# listed as not checked (with what to do), never passed over silently; named on the
# command line they get the same message instead of being read as text.
UNREADABLE_SUFFIXES = {
    ".dot": T("Word 97–2003 模板（.dot）", "a Word 97–2003 template (.dot)"),
    ".uof": T("标文通 UOF 文档（.uof）", "a UOF (Uniform Office Format) document (.uof)"),
    ".uot": T("标文通 UOF 文档（.uot）", "a UOF (Uniform Office Format) document (.uot)"),
    ".mht": T("网页存档（.mht）", "a web archive (.mht)"),
    ".mhtml": T("网页存档（.mhtml）", "a web archive (.mhtml)"),
    ".xps": T("XPS 文档（.xps）", "an XPS document (.xps)"),
    ".oxps": T("XPS 文档（.oxps）", "an XPS document (.oxps)"),
    ".ceb": T("方正 CEB 文档（.ceb）", "a Founder CEB document (.ceb)"),
    ".caj": T("CAJ 文档（.caj）", "a CAJ document (.caj)"),
    ".wri": T("Windows 写字板文档（.wri）", "a Windows Write document (.wri)"),
    ".pages": T("Apple Pages 文档（.pages）", "an Apple Pages document (.pages)"),
}

SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".reportlint_cache", ".tox"}


def expand(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Files to check (in a stable order) and the errors for paths that give none."""
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(_walk(p, errors))
            if not found:
                errors.append(
                    InputError(
                        T(
                            "目录中没有可检查的报告文件（{s}）",
                            "no report files in this directory ({s})",
                        ).format(s=" ".join(SUFFIXES)),
                        raw,
                    )
                )
            candidates = found
        else:
            why = unreadable_format(raw)
            if why is not None:
                errors.append(InputError(why, raw))
                continue
            candidates = [raw]  # a missing or odd file is reported by the reader
        for f in candidates:
            key = os.path.normpath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, errors


# Fixed-layout formats: no word processor saves them back as a document.
FIXED_LAYOUT_SUFFIXES = (".xps", ".oxps", ".ceb", ".caj")


def unreadable_format(path: str) -> Text | None:
    """Why a file of a format reports come in, but no reader here reads, is not checked."""
    suffix = Path(path).suffix.lower()
    what = UNREADABLE_SUFFIXES.get(suffix)
    if what is None:
        return None
    if suffix in FIXED_LAYOUT_SUFFIXES:
        return T(
            f"未检查：这是{what.zh}，无法读取；请用原始的 Word/WPS 文件或导出的 PDF 再检查",
            f"not checked: this is {what.en}, which cannot be read; check the original Word/WPS file "
            "or a PDF exported from it",
        )
    return T(
        f"未检查：这是{what.zh}，无法读取；请在 Word 或 WPS 中打开后“另存为” .docx（或导出 PDF）再检查",
        f"not checked: this is {what.en}, which cannot be read; open it in Word or WPS, "
        '"Save As" .docx (or export a PDF) and check that',
    )


def not_checked_results(errors: list[InputError]):
    """The paths :func:`expand` could give no file for, as results: every output
    format then lists them as not checked, with the reason."""
    from reportlint.core.results import FileResult
    from reportlint.run.records import unreadable_record

    for err in errors:
        path = err.path or ""
        yield FileResult(path=path, error=err, record=unreadable_record(path, err.message))


def _walk(root: Path, errors: list[InputError]):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            unreadable = None if name.startswith((".", "~$")) else unreadable_format(name)
            if unreadable is not None:
                errors.append(InputError(unreadable, os.path.join(dirpath, name)))
                continue
            if name.lower().endswith(SUFFIXES) and not name.startswith((".", "~$")):
                path = os.path.join(dirpath, name)
                # A FIFO or device named like a report is skipped, never opened: reading
                # a FIFO blocks for ever. stat() itself never blocks.
                try:
                    why = special_file_kind(os.stat(path).st_mode)
                except OSError:
                    why = None  # a dangling link: the reader reports it
                if why is not None:
                    errors.append(InputError(why, path))
                    continue
                yield path
