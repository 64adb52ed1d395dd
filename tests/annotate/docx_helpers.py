"""Reading an annotated .docx back, independently of the code that wrote it.

The tests check the writer's output with these: the text each comment range covers,
the comments' authors and texts, the raw (compressed) bytes of every zip member, and
the text after accepting every tracked change — all from the XML, with lxml.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

from lxml import etree

from docx_edit import docx_with_replaced_text
from reportlint import readers
from reportlint.config import ConfigLoader
from reportlint.core.diagnostics import Diagnostic
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter, LintOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REGISTRY = None


def lint(path: Path, force_report: bool = False, fix: bool = False) -> list[Diagnostic]:
    """The findings ``reportlint check`` reports for ``path`` (default configuration)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load_registry(True)
    linter = Linter(_REGISTRY, ConfigLoader(None), LintOptions(force_report=force_report, fix=fix, diff=fix))
    result = linter.lint_path(str(path))
    assert result.error is None, result.error
    return result.diagnostics


def findings_key(diags: list[Diagnostic]) -> list[tuple]:
    return [(d.code, d.location, d.message) for d in diags]


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def raw_members(data: bytes) -> dict[str, bytes]:
    """Each member's compressed bytes as stored in the file (from its local header)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            off = info.header_offset
            n, m = struct.unpack("<HH", data[off + 26 : off + 30])
            start = off + 30 + n + m
            out[info.filename] = data[start : start + info.compress_size]
    return out


def replace_in_document(src: Path, dst: Path, replacements: list[tuple[str, str]]) -> None:
    """A copy of ``src`` with text replaced in word/document.xml (each must occur once)."""
    dst.write_bytes(docx_with_replaced_text(src, replacements))


def _root(data: bytes, name: str = "word/document.xml"):
    return etree.fromstring(member(data, name))


def comment_ranges(data: bytes) -> dict[str, str]:
    """Comment id → the text (``w:t`` only) between its commentRangeStart and End."""
    root = _root(data)
    open_ids: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            out[cid] = "".join(open_ids.pop(cid, []))
        elif el.tag == W + "t" and el.text:
            for parts in open_ids.values():
                parts.append(el.text)
    return out


def comment_references(data: bytes) -> list[str]:
    return [el.get(W + "id") for el in _root(data).iter(W + "commentReference")]


def comments(data: bytes) -> dict[str, dict]:
    """Comment id → author, initials, date and text (paragraphs joined by newlines)."""
    root = _root(data, "word/comments.xml")
    out = {}
    for c in root.iter(W + "comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")]
        out[c.get(W + "id")] = {
            "author": c.get(W + "author"),
            "initials": c.get(W + "initials"),
            "date": c.get(W + "date"),
            "text": "\n".join(paragraphs),
        }
    return out


def accept_all(data: bytes) -> bytes:
    """``data`` with every tracked change accepted, as Word's 接受所有修订 does: deleted
    content removed, inserted content kept, a paragraph whose mark is deleted merged
    into the next one. Written as a plain zip (member bytes do not matter here)."""
    root = _root(data)
    for d in list(root.iter(W + "del")):
        parent = d.getparent()
        if parent.tag == W + "rPr" and parent.getparent().tag == W + "pPr":
            continue  # a deleted paragraph mark: handled below
        parent.remove(d)
    for ins in list(root.iter(W + "ins")):
        parent = ins.getparent()
        if parent.tag == W + "rPr":
            parent.remove(ins)
            continue
        index = parent.index(ins)
        for k, child in enumerate(list(ins)):
            parent.insert(index + k, child)
        parent.remove(ins)
    for mark in list(root.iter(W + "del")):
        p = mark.getparent().getparent().getparent()
        mark.getparent().remove(mark)
        nxt = p.getnext()
        while nxt is not None and nxt.tag != W + "p":
            nxt = nxt.getnext()
        assert nxt is not None, "a deleted mark of the last paragraph"
        # the merged paragraph keeps the next paragraph's properties and gets p's content first
        content = [c for c in p if c.tag != W + "pPr"]
        ppr = nxt.find(W + "pPr")
        at = 1 if ppr is not None else 0
        for k, child in enumerate(content):
            nxt.insert(at + k, child)
        p.getparent().remove(p)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "word/document.xml":
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, content)
    return out.getvalue()


def read_text(data: bytes, path: str = "x.docx") -> Extracted:
    return readers.read(path, data=data, kind="docx")


_NOISE = re.compile(r"[\s|]")


def norm(text: str) -> str:
    """Text without whitespace and cell separators: what runs hold of a span."""
    return _NOISE.sub("", text)


def span(text: str, diag: Diagnostic) -> tuple[int, int]:
    origins = OriginMap(text)
    loc = diag.location
    a = origins.line_start(loc.line) + loc.column - 1
    b = origins.line_start(loc.end_line) + loc.end_column - 1
    return a, max(a, b)


def expected_anchor(extracted: Extracted, diag: Diagnostic) -> str:
    """The text a finding's comment must cover: its span; for an empty span its table
    cell, else the whole line (paragraph) it points at."""
    text = extracted.text
    a, b = span(text, diag)
    if a < b:
        return norm(text[a:b])
    cell = diag.location.cell
    if cell is not None and cell.grid is not None and cell.grid_row and cell.grid_column:
        return norm(extracted.grids[cell.grid - 1].rows[cell.grid_row - 1][cell.grid_column - 1].text)
    for grid in extracted.grids:  # a finding about a whole table: the cell it points at
        for row in grid.rows:
            for gc in row:
                if not gc.merged and gc.start <= a <= gc.end:
                    return norm(gc.text)
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", a)
    return norm(text[start : end if end >= 0 else len(text)])
