"""``--annotate``: the user's own document back, with every finding where it is.

For a Word document (:mod:`reportlint.annotate.docx`) a copy with each finding as a
comment (批注) and, with ``--fix``, the safe fixes as tracked changes (修订); for a PDF
(``annotate/pdf.py``) a copy with a note on each finding's page; for .doc/.odt/.rtf
(``annotate/converted.py``) a .docx made from the document, annotated the same way.

Every writer has the signature
``annotate(path, data, extracted, diagnostics, lang, edits) -> bytes`` (the bytes of
the copy); :func:`annotate_file` re-reads the file, picks the writer and writes the copy
atomically. The writers import their libraries (lxml, pypdf) only when called.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import field

from reportlint.annotate.notes import comment_paragraphs, comment_text
from reportlint.core.diagnostics import Diagnostic, Edit
from reportlint.core.errors import InputError, UsageError
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass

# reader kind → (module, function) writing the annotated copy
WRITERS = {
    "docx": ("reportlint.annotate.docx", "annotate"),
    "pdf": ("reportlint.annotate.pdf", "annotate"),
    "doc": ("reportlint.annotate.converted", "annotate"),
    "odt": ("reportlint.annotate.converted", "annotate"),
    "rtf": ("reportlint.annotate.converted", "annotate"),
}
# suffix of the copy per reader kind; a .docx copy keeps its own suffix (.docm stays .docm)
OUTPUT_SUFFIX = {"pdf": ".pdf"}
COPY_MARK = ".reportlint"


def supported(kind: str | None) -> bool:
    return kind in WRITERS


def default_output_path(path: str, kind: str) -> str:
    """``report.docx`` → ``report.reportlint.docx``, ``report.pdf`` →
    ``report.reportlint.pdf``; formats whose copy is a Word document keep their suffix in
    the name (``report.doc`` → ``report.doc.reportlint.docx``), so that ``report.doc``
    and ``report.odt`` in one folder do not get the same copy."""
    stem, ext = os.path.splitext(path)
    if kind == "docx":
        return stem + COPY_MARK + (ext or ".docx")
    if kind in OUTPUT_SUFFIX:
        return stem + COPY_MARK + OUTPUT_SUFFIX[kind]
    return path + COPY_MARK + ".docx"


@dataclass
class Annotated:
    """What :func:`annotate_file` wrote: the copy's path and the edits written as
    tracked changes (offsets in the extracted text)."""

    path: str
    edits: list[Edit] = field(default_factory=list)


def annotate_file(
    path: str,
    diagnostics: list[Diagnostic],
    out_path: str | None,
    lang: str,
    *,
    edits: list[Edit] | tuple[Edit, ...] = (),
    in_place: bool = False,
    comments: bool = True,
    max_bytes: int | None = None,
) -> Annotated:
    """Write the annotated copy of ``path`` (to ``out_path``, default
    :func:`default_output_path`; with ``in_place`` into ``path`` itself, atomically).

    The file is read again: the positions of ``diagnostics`` are checked against
    what is read now, and a file changed since the check is refused."""
    from reportlint import readers
    from reportlint.core.atomic import read_for_rewrite, rewrite_file, write_bytes_atomic

    data = read_for_rewrite(path)
    extracted = readers.read(
        path, data=data, max_bytes=max_bytes or readers.DEFAULT_MAX_BYTES, kind=readers.kind_for(path)
    )
    kind = extracted.kind
    if kind not in WRITERS:
        raise UsageError(
            T(
                "--annotate 只适用于 Word、WPS、PDF 等文档，{p} 是{k}文件",
                "--annotate works on Word, WPS and PDF documents; {p} is a {k} file",
            ).format(p=path, k=kind)
        )
    applied: list[Edit] = []
    if kind == "docx":
        from reportlint.annotate import docx

        out, applied = docx.annotate_docx_bytes(
            data, path, extracted.text, diagnostics, lang, list(edits), comments=comments
        )
    else:
        module_name, func = WRITERS[kind]
        writer = getattr(importlib.import_module(module_name), func)
        out = writer(path, data, extracted, diagnostics, lang, list(edits))
    if in_place:
        if kind != "docx":
            raise UsageError(
                T("--in-place 只适用于 .docx 文件：{p}", "--in-place works on .docx files only: {p}").format(p=path)
            )
        if out != data:
            rewrite_file(path, out, expected=data)
        return Annotated(path, applied)
    target = out_path or default_output_path(path, kind)
    if os.path.abspath(target) == os.path.abspath(path):
        raise UsageError(
            T(
                "批注副本不能覆盖原文件 {p}（要改原文件请用 --fix --in-place）",
                "the annotated copy must not overwrite {p} (use --fix --in-place to change the file itself)",
            ).format(p=path)
        )
    try:
        write_bytes_atomic(target, out)
    except OSError as exc:
        from reportlint.core.atomic import os_error_text

        raise InputError(
            T("无法写入批注副本：{e}", "cannot write the annotated copy: {e}").format(e=os_error_text(exc).get(lang)),
            target,
        ) from None
    return Annotated(target, applied)


def output_for(path: str, kind: str, annotate_output: str | None, several: bool) -> str | None:
    """Where the copy of ``path`` goes: ``--annotate-output`` as given for one input
    file; for several it must be a folder, and the copy goes there under its default
    name. None: the default, beside the input."""
    if annotate_output is None:
        return None
    if several or os.path.isdir(annotate_output):
        return os.path.join(annotate_output, os.path.basename(default_output_path(path, kind)))
    return annotate_output


def check_annotate_output(annotate_output: str | None, n_files: int) -> None:
    """With several input files ``--annotate-output`` must be an existing folder."""
    if annotate_output is not None and n_files > 1 and not os.path.isdir(annotate_output):
        raise UsageError(
            T(
                "检查多个文件时，--annotate-output 必须是已存在的目录：{p}",
                "with several files to check, --annotate-output must be an existing folder: {p}",
            ).format(p=annotate_output)
        )


__all__ = [
    "Annotated",
    "annotate_file",
    "check_annotate_output",
    "comment_paragraphs",
    "comment_text",
    "default_output_path",
    "output_for",
    "supported",
]


class Session:
    """The ``--annotate`` / ``--fix`` step of ``reportlint check`` for documents: given
    each file's result (after baselines), write the annotated copy, or the tracked
    changes of a .docx, and say on stderr what was written. ``say`` prints a line."""

    def __init__(
        self,
        annotate: bool,
        annotate_output: str | None,
        fix: bool,
        diff: bool,
        in_place: bool,
        lang: str,
        n_files: int,
        say,
        max_bytes: int | None = None,
    ):
        if in_place and not fix:
            raise UsageError(T("--in-place 需要与 --fix 一起使用", "--in-place needs --fix"))
        if annotate_output is not None and not annotate:
            raise UsageError(T("--annotate-output 需要与 --annotate 一起使用", "--annotate-output needs --annotate"))
        check_annotate_output(annotate_output, n_files)
        self.annotate = annotate
        self.annotate_output = annotate_output
        self.fix = fix and not diff
        self.in_place = in_place
        self.lang = lang
        self.several = n_files > 1
        self.say = say
        self.max_bytes = max_bytes
        self.stdin = None  # the result of standard input, which has no file to copy

    @staticmethod
    def wanted(annotate: bool, fix: bool, in_place: bool, annotate_output: str | None) -> bool:
        return annotate or fix or in_place or annotate_output is not None

    def handle(self, result) -> None:
        """Annotate ``result``'s file; a failure becomes the result's error."""
        from reportlint.core.errors import ReportlintError
        from reportlint.run import fixer

        if result.error is not None or result.kind is None:
            return
        docx_fix = self.fix and result.kind == "docx"
        if not (self.annotate or docx_fix):
            return
        if not supported(result.kind):
            self.say(
                T(
                    "未生成批注副本：{p} 不是 Word、WPS 或 PDF 文档",
                    "no annotated copy: {p} is not a Word, WPS or PDF document",
                )
                .format(p=result.path)
                .get(self.lang)
            )
            return
        if result is self.stdin:
            self.say(
                T(
                    "未生成批注副本：标准输入没有可复制的文件", "no annotated copy: standard input has no file to copy"
                ).get(self.lang)
            )
            return
        if COPY_MARK + "." in os.path.basename(result.path):
            # an annotated copy met again in a folder walk: checked, never copied again
            self.say(
                T(
                    "未生成批注副本：{p} 本身是 reportlint 的批注副本",
                    "no annotated copy: {p} is itself an annotated copy made by reportlint",
                )
                .format(p=result.path)
                .get(self.lang)
            )
            return
        edits = fixer.collect_edits(result.diagnostics) if docx_fix else []
        try:
            if docx_fix and self.in_place:
                done = annotate_file(
                    result.path,
                    result.diagnostics,
                    None,
                    self.lang,
                    edits=edits,
                    in_place=True,
                    comments=self.annotate,
                    max_bytes=self.max_bytes,
                )
            else:
                out = output_for(result.path, result.kind, self.annotate_output, self.several)
                done = annotate_file(
                    result.path, result.diagnostics, out, self.lang, edits=edits, max_bytes=self.max_bytes
                )
        except ReportlintError as exc:
            if exc.path is None:
                exc.path = result.path
            result.error = exc
            return
        fixed = 0
        if done.edits:
            fixed_ids = fixer.fixed_diagnostics(result.diagnostics, done.edits)
            fixed = len(fixed_ids)
            result.fixed = fixed
            result.diagnostics = [d for d in result.diagnostics if id(d) not in fixed_ids]
        comments = len(result.diagnostics) + fixed if (self.annotate or not self.in_place) else 0
        self.say(
            T(
                "已写入 {p}（{c} 条批注，{e} 处修订）",
                "wrote {p} ({c} comments, {e} tracked changes)",
            )
            .format(p=done.path, c=comments, e=len(done.edits))
            .get(self.lang)
        )
