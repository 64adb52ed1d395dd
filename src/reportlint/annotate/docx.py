"""A copy of a .docx with every finding as a Word comment (批注) and safe fixes as
tracked changes (修订).

How a finding finds its text: :class:`_MapReader` is reportlint's own .docx reader
(:mod:`reportlint.readers.docx`) run over an lxml tree of ``word/document.xml``, which
also records, for every character of the extracted text that comes from the file, the
``w:t`` (or ``w:tab``/``w:br``…) element it came from and the offset inside it. The
extracted text must come out identical to what the check saw, or nothing is written.
A finding's span (line/column of the extracted text) then names elements; runs are
split where the span starts and ends inside them — each piece keeps a copy of the
run's ``w:rPr``, so the text looks the same — and the comment range wraps the runs.
A finding about a table cell without a usable span is anchored on the ``w:tc``; one
without text under it (a missing section) on the paragraph its position falls in,
else on the first paragraph with text.

Why lxml: Word is strict about namespace prefixes (``mc:Ignorable`` names prefixes
that must stay declared) and :mod:`xml.etree` renames or drops declarations when it
writes a tree back. lxml keeps the document's own declarations and prefixes. It is
imported only here, when a copy is written.

Only ``word/document.xml``, the comments part, ``[Content_Types].xml`` and the main
part's relationships may change; :mod:`reportlint.annotate._zipcopy` copies every
other member's compressed bytes unchanged.
"""

from __future__ import annotations

import bisect
import copy
import posixpath
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from reportlint.annotate.notes import comment_paragraphs
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic, Edit
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.readers._docx_numbering import Numbering
from reportlint.readers._ooxml import REL_NS, Package
from reportlint.readers._zip_package import FORBIDDEN_MEMBER_CHARS
from reportlint.readers.docx import NAMESPACES, DocxReader, WordNames

AUTHOR = "reportlint"
INITIALS = "RL"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = {
    NAMESPACES[0]: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    NAMESPACES[1]: "http://purl.oclc.org/ooxml/officeDocument/relationships/comments",
}
_ID = re.compile(rb':id="(-?\d+)"')


def _cannot(path: str, why: str) -> InputError:
    return InputError(T("无法生成带批注的副本：{why}", "cannot write the annotated copy: {why}").format(why=why), path)


# -- where each character came from ----------------------------------------------------


@dataclass
class _Piece:
    """Characters ``[start, end)`` of the extracted text come from ``el``: the text of a
    ``w:t`` from ``offset`` on, or the one character a ``w:tab``/``w:br``… stands for."""

    start: int
    end: int
    el: Any
    offset: int = 0


@dataclass
class _Line:
    """A paragraph's line(s) ``[start, end)`` in the extracted text (``end`` before its
    newline); ``body``: a paragraph of the body, not of a text box or a cell."""

    p: Any
    start: int
    end: int
    body: bool


Rel = list[tuple[int, Any, int, int]]  # (offset in the paragraph/cell text, element, length, offset in element)


class _MapReader(DocxReader):
    """The .docx reader, recording where each character of its text came from."""

    def __init__(self, path: str, names: WordNames, numbering: Numbering):
        super().__init__(path, names, numbering)
        self.pieces: list[_Piece] = []
        self.plines: list[_Line] = []
        self.cells: dict[tuple[int, int, int], Any] = {}  # (grid, row, col) 1-based → w:tc
        self.cell_spans: list[tuple[int, int, Any]] = []  # (start, end, w:tc)
        self._last: Rel = []
        self._current: Rel = []
        self._queue: list[tuple[Any, str, Rel]] = []
        self._owners: dict | None = None
        emit = self.emitter.emit

        def recording_emit(owner, rows, width):
            self._owners = owner
            emit(owner, rows, width)

        self.emitter.emit = recording_emit
        self.record_element = self._record

    def _record(self, pos: int, el: Any, length: int) -> None:
        self._current.append((pos, el, length, 0))

    def para_text(self, p):
        self._current = []
        text, boxes = super().para_text(p)
        self._last = self._current
        return text, boxes

    def _place(self, rel: Rel, start: int) -> None:
        for r, el, length, offset in rel:
            if length > 0:
                self.pieces.append(_Piece(start + r, start + r + length, el, offset))

    def _line(self, p, text: str, attrs, body: bool) -> None:
        rel = self._last
        self.lines.paragraph(text, attrs)
        start = self.b.length - len(text)
        self._place(rel, start)
        self.plines.append(_Line(p, start, self.b.length, body))

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        attrs = (None, self.paragraphs, None)
        text, boxes = self.para_text(p)
        self._line(p, text, attrs, True)
        for box in boxes:
            for bp in box.iter(self.n.p):
                text, _ = self.para_text(bp)
                self._line(bp, text, attrs, False)

    def _cell(self, tc, depth: int) -> tuple[str, Rel]:
        """The reader's cell_text, with where each character came from."""
        parts: list[tuple[str, Rel]] = []
        for block in self.blocks(tc):
            if block.tag == self.n.p:
                text, boxes = self.para_text(block)
                parts.append((text, self._last))
                for box in boxes:
                    for bp in box.iter(self.n.p):
                        t, _ = self.para_text(bp)
                        parts.append((t, self._last))
            else:
                self.check_nesting(depth)
                for _, tcs in self.rows(block):
                    for inner in tcs:
                        parts.append(self._cell(inner, depth + 1))
        out: list[str] = []
        rel: Rel = []
        pos = 0
        for text, part_rel in parts:
            if not text.strip():
                continue
            flat = " ".join(text.split("\n"))
            lead = len(flat) - len(flat.lstrip())
            kept = flat.strip()
            if out:
                pos += 1
            for r, el, length, offset in part_rel:
                s, e = max(r - lead, 0), min(r - lead + length, len(kept))
                if e > s:
                    rel.append((pos + s, el, e - s, offset + (s - (r - lead))))
            out.append(kept)
            pos += len(kept)
        return " ".join(out), rel

    def cell_text(self, tc, depth: int) -> str:
        text, rel = self._cell(tc, depth)
        if depth == 1:
            self._queue.append((tc, text, rel))
        return text

    def table(self, tbl) -> None:
        self._queue = []
        self._owners = None
        grids = len(self.grids)
        super().table(tbl)
        if len(self.grids) == grids or self._owners is None:
            return  # a table too large for a grid: its cells are not mapped
        index = self.grids[-1].index
        seen: set[int] = set()
        owners = []
        for owner in self._owners.values():
            if id(owner) not in seen:
                seen.add(id(owner))
                owners.append(owner)
        owners.sort(key=lambda o: (o.row, o.col))
        if len(owners) != len(self._queue):
            return
        for owner, (tc, text, rel) in zip(owners, self._queue):
            if owner.gc is None or owner.text != text:
                continue
            self._place(rel, owner.gc.start)
            self.cells[(index, owner.row + 1, owner.col + 1)] = tc
            self.cell_spans.append((owner.gc.start, owner.gc.end, tc))


def _parse(raw: bytes, name: str, path: str):
    from lxml import etree

    if any(marker in raw for marker in FORBIDDEN_MEMBER_CHARS):
        raise _cannot(path, f"{name}: DOCTYPE")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise _cannot(path, f"{name}: {exc}") from None


def _serialise(root, original: bytes) -> bytes:
    from lxml import etree

    head = original[:200]
    standalone = True if b'standalone="yes"' in head or b"standalone='yes'" in head else None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


# -- the writer ----------------------------------------------------------------------------


class _Writer:
    def __init__(self, path: str, data: bytes, now: datetime | None = None):
        self.path = path
        self.data = data
        self.pkg = Package(path, data)
        self.main = self.pkg.main_part()
        raw = self.pkg.read(self.main)
        if raw is None:
            raise _cannot(path, self.main)
        self.main_raw = raw
        self.root = _parse(raw, self.main, path)
        w = next((ns for ns in NAMESPACES if self.root.tag.startswith(ns)), None)
        if w is None or self.root.tag != w + "document":
            raise _cannot(path, self.main)
        self.w = w
        self.n = WordNames(w)
        numbering_root = self.pkg.xml(self.pkg.part_rels_target(self.main, "/numbering", "word/numbering.xml"))
        styles_root = (
            self.pkg.xml(self.pkg.part_rels_target(self.main, "/styles", "word/styles.xml")) if numbering_root else None
        )
        self.reader = _MapReader(path, self.n, Numbering(w, numbering_root, styles_root))
        body = self.root.find(self.n.body)
        if body is not None:
            self.reader.body(body)
        self.text = self.reader.b.text
        self.pieces = sorted(self.reader.pieces, key=lambda p: p.start)
        self.starts = [p.start for p in self.pieces]
        self.plines = self.reader.plines
        self.line_starts = [ln.start for ln in self.plines]
        self.date = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = self._max_id() + 1
        self.comments: list[tuple[int, list[str]]] = []

    def _max_id(self) -> int:
        best = -1
        for info in self.pkg.zip.infolist():
            if info.filename.lower().endswith(".xml") and info.filename.lower().startswith("word/"):
                raw = self.main_raw if info.filename == self.main else (self.pkg.read(info.filename) or b"")
                for m in _ID.finditer(raw):
                    best = max(best, int(m.group(1)))
        return best

    def _new_id(self) -> str:
        value = self.next_id
        self.next_id += 1
        return str(value)

    def _el(self, name: str, **attrs: str):
        el = self.root.makeelement(self.w + name)
        for key, value in attrs.items():
            el.set(self.w + key, value)
        return el

    # -- pieces and runs ---------------------------------------------------------------
    def _piece_at(self, x: int) -> int:
        """Index of the first piece ending after ``x``."""
        i = bisect.bisect_right(self.starts, x) - 1
        if i >= 0 and self.pieces[i].end > x:
            return i
        return i + 1

    def _is_run(self, el) -> bool:
        return el is not None and el.tag == self.w + "r"

    def _split_run_before(self, child) -> None:
        """Move ``child`` and what follows it in its run into a new run after it,
        with a copy of the run's properties."""
        run = child.getparent()
        if not self._is_run(run):
            return
        content = [c for c in run if c.tag != self.w + "rPr"]
        if not content or content[0] is child:
            return
        new = self.root.makeelement(run.tag, dict(run.attrib))
        rpr = run.find(self.w + "rPr")
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        moving = [child, *child.itersiblings()]
        for el in moving:
            new.append(el)
        run.addnext(new)

    def _cut(self, x: int) -> None:
        """Make ``x`` a run boundary (when it falls on text that came from the file)."""
        i = self._piece_at(x)
        if i >= len(self.pieces):
            return
        piece = self.pieces[i]
        if piece.start < x:
            t = piece.el
            if t.tag != self.n.t or not self._is_run(t.getparent()):
                return
            k = piece.offset + (x - piece.start)
            t2 = self.root.makeelement(t.tag)
            t2.text = t.text[k:]
            t.text = t.text[:k]
            t.set(XML_SPACE, "preserve")
            t2.set(XML_SPACE, "preserve")
            t2.tail = t.tail
            t.tail = None
            t.addnext(t2)
            # every piece of this w:t at or after k now belongs to t2
            for other in self.pieces:
                if other.el is t and other.offset >= k:
                    other.el, other.offset = t2, other.offset - k
            tail = _Piece(x, piece.end, t2, 0)
            piece.end = x
            self.pieces.insert(i + 1, tail)
            self.starts.insert(i + 1, x)
            i += 1
        self._split_run_before(self.pieces[i].el)

    def _runs(self, a: int, b: int) -> list:
        """The runs (or run-level elements) holding exactly the file's text in ``[a, b)``."""
        self._cut(a)
        self._cut(b)
        out: list = []
        seen: set[int] = set()
        i = self._piece_at(a)
        while i < len(self.pieces) and self.pieces[i].start < b:
            el = self.pieces[i].el
            run = el.getparent() if self._is_run(el.getparent()) else el
            if id(run) not in seen:
                seen.add(id(run))
                out.append(run)
            i += 1
        return out

    def _line_of(self, x: int) -> _Line | None:
        i = bisect.bisect_right(self.line_starts, x) - 1
        if i >= 0 and self.plines[i].start <= x <= self.plines[i].end:
            return self.plines[i]
        return None

    def _cell_of(self, x: int):
        for start, end, tc in self.reader.cell_spans:
            if start <= x <= end:
                return tc
        return None

    # -- comments ------------------------------------------------------------------------
    def comment(self, diag: Diagnostic, span: tuple[int, int], lang: str) -> None:
        cid = self._new_id()
        start_el = self._el("commentRangeStart", id=cid)
        end_el = self._el("commentRangeEnd", id=cid)
        ref = self._el("r")
        ref.append(self._el("commentReference", id=cid))
        a, b = span
        cell = diag.location.cell
        tc = None
        if cell is not None and cell.grid is not None:
            tc = self.reader.cells.get((cell.grid, cell.grid_row or 0, cell.grid_column or 0))
        # the file's own text in the span (a list number or a cell separator is drawn, not
        # written), within one story: a range never runs from the body into a text box
        runs = self._runs(a, b) if a < b else []
        if runs:
            story = self._story(runs[0])
            runs = [r for r in runs if self._story(r) is story]
        if runs:
            runs[0].addprevious(start_el)
            runs[-1].addnext(end_el)
            end_el.addnext(ref)
        elif tc is not None or (self._line_of(a) is None and self._cell_of(a) is not None):
            self._anchor_block(tc if tc is not None else self._cell_of(a), start_el, end_el, ref)
        else:
            line = self._line_of(a)
            p = line.p if line is not None else self._first_paragraph()
            if p is None:
                return
            self._anchor_paragraph(p, p, start_el, end_el, ref)
        self.comments.append((int(cid), comment_paragraphs(diag, lang)))

    def _story(self, el):
        """The text box ``el`` is in (None: the body)."""
        return next(el.iterancestors(self.n.txbxContent), None)

    def _first_paragraph(self):
        for line in self.plines:
            if line.body and line.end > line.start:
                return line.p
        return next((ln.p for ln in self.plines if ln.body), None)

    def _anchor_block(self, tc, start_el, end_el, ref) -> None:
        ps = [p for p in tc.iter(self.n.p)]
        if not ps:
            return
        self._anchor_paragraph(ps[0], ps[-1], start_el, end_el, ref)

    def _anchor_paragraph(self, first, last, start_el, end_el, ref) -> None:
        ppr = first.find(self.n.pPr)
        if ppr is not None:
            ppr.addnext(start_el)
        else:
            first.insert(0, start_el)
        last.append(end_el)
        last.append(ref)

    # -- tracked changes -------------------------------------------------------------------
    def _mark_deletable(self, a: int, b: int) -> list[_Line] | None:
        """The paragraphs whose marks ``[a, b)`` deletes, or None when the edit touches
        text that is not the file's own (a list number, a table's separators)."""
        marks: list[_Line] = []
        pos = a
        while pos < b:
            i = self._piece_at(pos)
            if i < len(self.pieces) and self.pieces[i].start <= pos:
                pos = self.pieces[i].end
                continue
            line = self._line_of(pos)
            if line is None or not line.body:
                return None
            if pos == line.end:  # its newline: the paragraph mark
                nxt = self._line_of(pos + 1)
                if nxt is None or not nxt.body or nxt.start != pos + 1 or self.text[pos : pos + 1] != "\n":
                    return None
                marks.append(line)
                pos += 1
                continue
            # generated text (a list number) goes with its paragraph, deleted whole
            if not (a <= line.start and line.end < b):
                return None
            nxt_piece = self.pieces[i].start if i < len(self.pieces) else line.end
            pos = min(max(nxt_piece, pos + 1), line.end)
        return marks

    def edit(self, e: Edit) -> bool:
        """Write ``e`` as tracked changes; False when it cannot be (nothing changed then)."""
        if "\n" in e.text:
            return False
        marks = self._mark_deletable(e.start, e.end) if e.end > e.start else []
        if marks is None:
            return False
        before = self._insertion_point(e.end) if e.text else None
        if e.text and before is None:
            return False
        if e.end > e.start:
            for run in self._runs(e.start, e.end):
                self._delete_run(run)
            for line in marks:
                self._delete_mark(line.p)
        if e.text:
            before = self._insertion_point(e.end)
            if before is None:
                return False
            self._insert(before, e.text)
        return True

    def _insertion_point(self, x: int):
        """(element to insert after or before, "after"/"before"/"in", run to copy the
        look from) for text inserted at ``x``."""
        self._cut(x)
        i = self._piece_at(x)
        if i > 0 and self.pieces[i - 1].end == x:
            el = self.pieces[i - 1].el
            run = el.getparent() if self._is_run(el.getparent()) else None
            if run is not None:
                return (self._outer(run), "after", run)
        if i < len(self.pieces) and self.pieces[i].start == x:
            el = self.pieces[i].el
            run = el.getparent() if self._is_run(el.getparent()) else None
            if run is not None:
                return (self._outer(run), "before", run)
        line = self._line_of(x)
        if line is not None and line.start == line.end:
            return (line.p, "in", None)
        return None

    def _outer(self, run):
        """``run``, or the w:del this writer wrapped round it (lxml proxies are not
        stable objects: the tree itself says what was wrapped)."""
        parent = run.getparent()
        if parent is not None and parent.tag == self.w + "del" and parent.get(self.w + "author") == AUTHOR:
            return parent
        return run

    def _delete_run(self, run) -> None:
        if not self._is_run(run) or self._outer(run) is not run:
            return
        wrap = self._el("del", id=self._new_id(), author=AUTHOR, date=self.date)
        run.addprevious(wrap)
        wrap.append(run)
        for t in run.iter(self.n.t):
            t.tag = self.w + "delText"

    def _delete_mark(self, p) -> None:
        ppr = p.find(self.n.pPr)
        if ppr is None:
            ppr = self._el("pPr")
            p.insert(0, ppr)
        rpr = ppr.find(self.w + "rPr")
        if rpr is None:
            rpr = self._el("rPr")
            later = [c for c in ppr if c.tag in (self.w + "sectPr", self.w + "pPrChange")]
            if later:
                later[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        if rpr.find(self.w + "del") is not None:
            return
        mark = self._el("del", id=self._new_id(), author=AUTHOR, date=self.date)
        ins = rpr.find(self.w + "ins")
        if ins is not None:
            ins.addnext(mark)
        else:
            rpr.insert(0, mark)

    def _insert(self, point, text: str) -> None:
        where, how, look = point
        ins = self._el("ins", id=self._new_id(), author=AUTHOR, date=self.date)
        run = self._el("r")
        if look is not None and look.find(self.w + "rPr") is not None:
            rpr = copy.deepcopy(look.find(self.w + "rPr"))
            for change in rpr.findall(self.w + "rPrChange"):
                rpr.remove(change)
            run.append(rpr)
        for i, chunk in enumerate(text.split("\t")):
            if i:
                run.append(self._el("tab"))
            if chunk:
                t = self._el("t")
                t.text = chunk
                t.set(XML_SPACE, "preserve")
                run.append(t)
        ins.append(run)
        if how == "after":
            where.addnext(ins)
        elif how == "before":
            where.addprevious(ins)
        else:
            where.append(ins)

    # -- the package -----------------------------------------------------------------------
    def package(self) -> bytes:
        from lxml import etree

        from reportlint.annotate._zipcopy import ZipLayoutError, replace_members

        changed: dict[str, bytes] = {self.main: _serialise(self.root, self.main_raw)}
        added: dict[str, bytes] = {}
        if self.comments:
            folder, name = posixpath.split(self.main)
            rels_name = posixpath.join(folder, "_rels", name + ".rels")
            rels_raw = self.pkg.read(rels_name)
            rel_type = COMMENTS_REL[self.w]
            target = None
            rels = _parse(rels_raw, rels_name, self.path) if rels_raw is not None else None
            if rels is not None:
                for rel in rels.iter(REL_NS + "Relationship"):
                    if rel.get("Type", "").endswith("/comments") and rel.get("TargetMode") != "External":
                        t = rel.get("Target", "")
                        target = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t))
                        break
            if target is not None and self.pkg.info(target) is not None:
                raw = self.pkg.read(target) or b""
                croot = _parse(raw, target, self.path)
                self._add_comments(croot)
                changed[target] = _serialise(croot, raw)
            else:
                target = self._free_name(posixpath.join(folder, "comments.xml"))
                croot = etree.Element(self.w + "comments", nsmap={"w": self.w[1:-1]})
                self._add_comments(croot)
                added[target] = etree.tostring(croot, xml_declaration=True, encoding="UTF-8", standalone=True)
                if rels is None:
                    rels = etree.Element(REL_NS + "Relationships", nsmap={None: REL_NS[1:-1]})
                used = {rel.get("Id") for rel in rels.iter(REL_NS + "Relationship")}
                rid = next(f"rIdReportlint{k}" for k in range(1, len(used) + 2) if f"rIdReportlint{k}" not in used)
                rel = etree.SubElement(rels, REL_NS + "Relationship")
                rel.set("Id", rid)
                rel.set("Type", rel_type)
                rel.set("Target", posixpath.relpath(target, folder or "."))
                rels_bytes = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
                if rels_raw is None:
                    added[rels_name] = rels_bytes
                else:
                    changed[rels_name] = rels_bytes
                ct_raw = self.pkg.read("[Content_Types].xml")
                if ct_raw is None:
                    raise _cannot(self.path, "[Content_Types].xml")
                ct = _parse(ct_raw, "[Content_Types].xml", self.path)
                over = etree.SubElement(ct, CT_NS + "Override")
                over.set("PartName", "/" + target)
                over.set("ContentType", COMMENTS_CT)
                changed["[Content_Types].xml"] = _serialise(ct, ct_raw)
        try:
            return replace_members(self.data, changed, added)
        except ZipLayoutError as exc:
            raise _cannot(self.path, str(exc)) from None

    def _free_name(self, name: str) -> str:
        if self.pkg.info(name) is None:
            return name
        stem, ext = posixpath.splitext(name)
        k = 1
        while self.pkg.info(f"{stem}{k}{ext}") is not None:
            k += 1
        return f"{stem}{k}{ext}"

    def _add_comments(self, croot) -> None:
        w = self.w
        for cid, paragraphs in self.comments:
            c = croot.makeelement(w + "comment")
            c.set(w + "id", str(cid))
            c.set(w + "author", AUTHOR)
            c.set(w + "date", self.date)
            c.set(w + "initials", INITIALS)
            for k, text in enumerate(paragraphs):
                p = c.makeelement(w + "p")
                if k == 0:
                    r0 = p.makeelement(w + "r")
                    r0.append(r0.makeelement(w + "annotationRef"))
                    p.append(r0)
                r = p.makeelement(w + "r")
                t = r.makeelement(w + "t")
                t.text = _xml_safe(text)
                t.set(XML_SPACE, "preserve")
                r.append(t)
                p.append(r)
                c.append(p)
            croot.append(c)


_XML_BAD = pattern_store.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


def _spans(text: str, diagnostics: list[Diagnostic], remap: Callable[[int], int] | None) -> list[tuple[int, int]]:
    origins = OriginMap(text)
    out = []
    for d in diagnostics:
        loc = d.location
        a = origins.line_start(loc.line) + loc.column - 1
        b = origins.line_start(loc.end_line) + loc.end_column - 1
        a, b = max(0, min(a, len(text))), max(0, min(b, len(text)))
        b = max(a, b)
        if remap is not None:
            a, b = remap(a), remap(b)
        out.append((a, b))
    return out


def annotate_docx_bytes(
    data: bytes,
    path: str,
    text: str,
    diagnostics: list[Diagnostic],
    lang: str,
    edits: list[Edit] | tuple[Edit, ...] = (),
    remap: Callable[[int], int] | None = None,
    now: datetime | None = None,
    comments: bool = True,
) -> tuple[bytes, list[Edit]]:
    """The annotated copy of the .docx ``data`` and the edits written as tracked
    changes (those that could not be — they touch a list number or a table's
    separators — are left out and their findings keep only their comments).

    ``text`` is the extracted text the diagnostics' positions and the ``edits`` refer
    to; ``remap`` maps its offsets to those of the text reportlint's reader gets from
    ``data`` when the two differ (a .docx generated from another format)."""
    writer = _Writer(path, data, now)
    if remap is None and writer.text != text:
        raise InputError(
            T(
                "无法生成带批注的副本：文件在检查后已被修改，请重新运行",
                "cannot write the annotated copy: the file changed after it was checked; run again",
            ),
            path,
        )
    spans = _spans(text, diagnostics, remap)
    if comments:
        for d, span in zip(diagnostics, spans):
            writer.comment(d, span, lang)
    applied: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        moved = e if remap is None else Edit(remap(e.start), remap(e.end), e.text)
        if writer.edit(moved):
            applied.append(e)
    if not writer.comments and not applied:
        return data, applied
    return writer.package(), applied


def annotate(
    path: str, data: bytes, extracted: Extracted, diagnostics: list[Diagnostic], lang: str, edits: list[Edit]
) -> bytes:
    """The dispatch entry (see :mod:`reportlint.annotate`)."""
    out, _ = annotate_docx_bytes(data, path, extracted.text, diagnostics, lang, edits)
    return out
