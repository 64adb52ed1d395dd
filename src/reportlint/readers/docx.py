"""Word .docx: paragraphs and tables in document order, tables as real grids.

Read with the standard library only (``zipfile`` + ``xml.etree.ElementTree``; see
:mod:`reportlint.readers._ooxml` for the guards against hostile packages).

* Body content in order: ``w:p`` and ``w:tbl`` children of ``w:body``, also inside
  content controls (``w:sdt``), custom XML and inserted (tracked) content. Deleted
  text, field instructions, phonetic guides (``w:rt``) and the fallback copy of
  alternate content are skipped.
* Text from ``w:t``; ``w:tab`` → tab; ``w:br``/``w:cr`` → newline. Automatic list
  numbers (``一、``, ``（一）``, ``1.``) are rendered (see ``_docx_numbering``).
  Text boxes anchored in a paragraph follow it as lines of their own.
* Every paragraph is one line (an empty paragraph is an empty line; a ``w:br``
  adds lines). Every table row is one line, cells joined by ``" | "``, after
  ``w:gridSpan`` (colspan), ``w:vMerge`` (rowspan), ``w:hMerge`` and
  ``w:gridBefore`` are resolved into a :class:`Grid`; positions covered by a merge
  are empty strings in the line and ``GridCell(merged=True)`` with the covering
  cell's span. Paragraph breaks inside a cell become spaces; a table nested in a
  cell is flattened into that cell's text.
* A content control still showing its placeholder (``w:showingPlcHdr``) gets a
  ``content-control-placeholder`` note over its prompt (see :func:`placeholder_notes`).
* Headers and footers (``word/header*.xml``/``footer*.xml``, as the sections' ``w:sectPr``
  reference them) are read into :attr:`Extracted.furniture`, never into the text: each
  part once, with the section where it first shows (see :func:`read_furniture`).
* Positions: line/column of the extracted text itself, with ``paragraph=n``
  (1-based count of body paragraphs, tables' paragraphs not counted) or
  ``cell=CellRef(table="grid", grid=n, grid_row=r, grid_column=c)``.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable

from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.document.extracted import Extracted, Furniture, ReaderNote
from reportlint.readers._docx_numbering import Numbering
from reportlint.readers._grid_emit import (
    MAX_GRID_CELLS,
    MAX_SPAN,
    GridOwner,
    GridTextReader,
)
from reportlint.readers._ooxml import REL_NS, Package

MAX_DEPTH = 256  # XML nesting the walkers follow
MAX_TABLE_NESTING = 32

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"  # a watermark's text (string="草稿")
REL_ID_ATTRS = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",  # strict OOXML
)
MAX_PLACEHOLDER_SEARCHES = 200  # unfilled content controls looked up in the text (each a search)
# Fields whose result is a page or section number, not text (headers and footers).
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"})
NAMESPACES = (
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}",  # strict OOXML
)


class WordNames:
    """Qualified tag names for one WordprocessingML namespace."""

    # Set in __init__ from the list there; declared so the type checker knows them.
    body: str
    p: str
    tbl: str
    tr: str
    tc: str
    t: str
    tab: str
    ptab: str
    br: str
    cr: str
    noBreakHyphen: str
    softHyphen: str
    txbxContent: str
    one_char: dict[str, str]
    pPr: str
    tcPr: str
    trPr: str
    gridSpan: str
    vMerge: str
    hMerge: str
    gridBefore: str
    val: str
    sdt: str
    sdtContent: str
    customXml: str
    sectPr: str
    headerReference: str
    footerReference: str
    titlePg: str
    evenAndOddHeaders: str
    fldSimple: str
    fldChar: str
    fldCharType: str
    instrText: str
    instr: str
    type: str
    sdtPr: str
    showingPlcHdr: str

    def __init__(self, w: str):
        self.w = w
        for name in [
            "body",
            "p",
            "tbl",
            "tr",
            "tc",
            "t",
            "tab",
            "ptab",
            "br",
            "cr",
            "noBreakHyphen",
            "softHyphen",
            "txbxContent",
            "pPr",
            "tcPr",
            "trPr",
            "gridSpan",
            "vMerge",
            "hMerge",
            "gridBefore",
            "val",
            "sdt",
            "sdtContent",
            "customXml",
            "sectPr",
            "headerReference",
            "footerReference",
            "titlePg",
            "evenAndOddHeaders",
            "fldSimple",
            "fldChar",
            "fldCharType",
            "instrText",
            "instr",
            "type",
            "sdtPr",
            "showingPlcHdr",
        ]:
            setattr(self, name, w + name)
        # Subtrees that hold no visible text of their own (or text not to be shown).
        self.skip = frozenset(
            w + n
            for n in [
                "pPr",
                "rPr",
                "sectPr",
                "tblPr",
                "trPr",
                "tcPr",
                "tblGrid",
                "tblPrEx",
                "sdtPr",
                "sdtEndPr",
                "delText",
                "instrText",
                "del",
                "moveFrom",
                "customXmlPr",
                "smartTagPr",
                "fldData",
                "rt",
                "footnoteReference",
                "endnoteReference",
                "commentReference",
                "annotationRef",
                "bookmarkStart",
                "bookmarkEnd",
                "proofErr",
            ]
        ) | {MC + "Fallback"}
        # Elements that stand for one character of the text.
        self.one_char = {self.tab: "\t", self.ptab: "\t", self.br: "\n", self.cr: "\n", self.noBreakHyphen: "-"}


class DocxReader(GridTextReader):
    # Called as (offset in the paragraph's text, element, length) for every element that
    # gives the paragraph text; None here. The annotator sets it to learn where each
    # character came from, so both read a paragraph by this one walk.
    record_element: Callable[[int, ET.Element, int], None] | None = None

    def __init__(self, path: str, names: WordNames, numbering: Numbering):
        super().__init__()
        self.path = path
        self.n = names
        self.numbering = numbering
        self.paragraphs = 0
        # (offset in the text where the section begins, its w:sectPr or None), in order
        self.sections: list[tuple[int, ET.Element | None]] = []

    def _too_deep(self) -> InputError:
        return InputError(
            T(
                "文档结构嵌套过深（超过 {n} 层），无法处理", "the document is nested too deeply (more than {n} levels)"
            ).format(n=MAX_DEPTH),
            self.path,
        )

    # -- walking -------------------------------------------------------------------
    def _walk(self, container: ET.Element, is_target, is_opaque):
        """Elements under ``container`` for which ``is_target`` holds, in document
        order, through wrapper elements, never entering ``is_opaque`` ones. Iterative,
        with a depth limit: a hostile file cannot exhaust the stack."""
        stack = [iter(container)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            if is_target(el):
                yield el
            elif not isinstance(el.tag, str) or is_opaque(el):
                continue
            elif len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                stack.append(iter(el))

    def blocks(self, container: ET.Element):
        """Paragraphs and tables under ``container``, in order, through wrappers."""
        n = self.n
        return self._walk(container, lambda el: el.tag in (n.p, n.tbl), lambda el: el.tag in n.skip)

    def _children(self, container: ET.Element, target: str):
        """Elements ``target`` under ``container`` through wrappers (sdt, customXml…),
        without entering nested tables."""
        n = self.n
        opaque = (n.tbl, n.p, n.tc, n.tr)
        return self._walk(container, lambda el: el.tag == target, lambda el: el.tag in n.skip or el.tag in opaque)

    def para_text(self, p: ET.Element) -> tuple[str, list[ET.Element]]:
        """Text of paragraph ``p`` (with its list number) and its text boxes."""
        n = self.n
        record = self.record_element
        out = [self.numbering.prefix(p)]
        pos = len(out[0])
        boxes: list[ET.Element] = []
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag == n.t:
                if el.text:
                    out.append(el.text)
                    if record is not None:
                        record(pos, el, len(el.text))
                        pos += len(el.text)
            elif tag in n.one_char:
                out.append(n.one_char[tag])
                if record is not None:
                    record(pos, el, 1)
                    pos += 1
            elif tag == n.txbxContent:
                boxes.append(el)
            elif tag in n.skip or not isinstance(tag, str):
                continue
            elif len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                stack.append(iter(el))
        return "".join(out), boxes

    def box_lines(self, boxes: list[ET.Element]) -> list[str]:
        lines = []
        for box in boxes:
            for p in box.iter(self.n.p):
                text, _ = self.para_text(p)
                lines.append(text)
        return lines

    # -- output ----------------------------------------------------------------------
    def paragraph(self, p: ET.Element) -> None:
        self.paragraphs += 1
        attrs = (None, self.paragraphs, None)
        text, boxes = self.para_text(p)
        self.lines.paragraph(text, attrs)
        for line in self.box_lines(boxes):
            self.lines.paragraph(line, attrs)

    def check_nesting(self, depth: int) -> None:
        """Refuse a table nested deeper than any real report has (a crafted file)."""
        if depth >= MAX_TABLE_NESTING:
            raise InputError(
                T(
                    "Word 表格嵌套过深（超过 {n} 层）",
                    "Word tables are nested too deeply (more than {n} levels)",
                ).format(n=MAX_TABLE_NESTING),
                self.path,
            )

    def cell_text(self, tc: ET.Element, depth: int) -> str:
        parts: list[str] = []
        for block in self.blocks(tc):
            if block.tag == self.n.p:
                text, boxes = self.para_text(block)
                parts.append(text)
                parts.extend(self.box_lines(boxes))
            else:  # nested table: flattened into this cell
                self.check_nesting(depth)
                for _, tcs in self.rows(block):
                    for inner in tcs:
                        parts.append(self.cell_text(inner, depth + 1))
        return " ".join(" ".join(part.split("\n")).strip() for part in parts if part.strip())

    def _int(self, el: ET.Element | None, default: int) -> int:
        if el is None:
            return default
        try:
            return int(el.get(self.n.val, default))
        except ValueError:
            return default

    def rows(self, tbl: ET.Element):
        """(gridBefore, [w:tc]) per row."""
        n = self.n
        for tr in self._children(tbl, n.tr):
            trpr = tr.find(n.trPr)
            before = self._int(trpr.find(n.gridBefore), 0) if trpr is not None else 0
            yield min(max(before, 0), MAX_SPAN), list(self._children(tr, n.tc))

    def _tc_props(self, tc: ET.Element) -> tuple[int, str | None, str | None]:
        """(gridSpan, vMerge, hMerge) of a cell; a bare merge element means "continue"."""
        n = self.n
        tcpr = tc.find(n.tcPr)
        if tcpr is None:
            return 1, None, None
        span = min(max(self._int(tcpr.find(n.gridSpan), 1), 1), MAX_SPAN)
        vm = tcpr.find(n.vMerge)
        hm = tcpr.find(n.hMerge)
        return (
            span,
            None if vm is None else vm.get(n.val, "continue"),
            None if hm is None else hm.get(n.val, "continue"),
        )

    def table(self, tbl: ET.Element) -> None:
        """Lays the table out here and leaves the writing to :class:`GridEmitter`.
        Not :meth:`GridEmitter.table`: a row starts after its gridBefore positions,
        a cell's text is read only when it owns its position (reading a merged-away
        cell would advance the list numbers of what follows, and could refuse the file
        for tables nested in it), and a too-large table drops the merged-away cells."""
        rows = []  # (gridBefore, [(tc, span, vMerge, hMerge)]) of rows that have cells
        area = 0
        for before, tcs in self.rows(tbl):
            if tcs:
                cells = [(tc, *self._tc_props(tc)) for tc in tcs]
                rows.append((before, cells))
                area = max(area, before + sum(c[1] for c in cells))
        if not rows:
            return
        width_bound = area  # widest row; the grid is at most rows × this
        if len(rows) * width_bound > MAX_GRID_CELLS:
            self.notes.append(ReaderNote("table-too-large", self.b.length, self.b.length, f"{len(rows)}x{width_bound}"))
            self._flat_table(rows)
            return
        owner: dict[tuple[int, int], GridOwner] = {}
        width = 0
        for r, (before, cells) in enumerate(rows):
            c = before
            for tc, span, vmerge, hmerge in cells:
                top = None
                if vmerge == "continue" and r > 0:
                    above = owner.get((r - 1, c))
                    if above is not None and above.col == c:
                        top = above
                        top.rowspan = r - top.row + 1
                elif hmerge == "continue" and c > 0:
                    left = owner.get((r, c - 1))
                    if left is not None and left.row == r:
                        top = left
                        top.colspan = c + span - top.col
                if top is None:
                    top = GridOwner(r, c, self.cell_text(tc, 1), colspan=span)
                for cc in range(c, c + span):
                    owner.setdefault((r, cc), top)
                c += span
            width = max(width, c)
        self.emitter.emit(owner, len(rows), width)

    def _flat_table(self, rows) -> None:
        """A table too large for a grid: each row's own cells joined by " | ", no Grid."""
        for _, cells in rows:
            self.lines.new_line()
            texts = [self.cell_text(tc, 1) for tc, _, vmerge, hmerge in cells if "continue" not in (vmerge, hmerge)]
            self.b.add(" | ".join(texts))

    def _next_offset(self) -> int:
        """Offset in the text where the next paragraph or table row will begin."""
        return self.b.length + (0 if self.lines.first else 1)

    def body(self, body: ET.Element) -> None:
        n = self.n
        start: int | None = None
        for block in self.blocks(body):
            if start is None:
                start = self._next_offset()
            if block.tag == n.p:
                self.paragraph(block)
                ppr = block.find(n.pPr)
                sect = ppr.find(n.sectPr) if ppr is not None else None
                if sect is not None:  # the last paragraph of a section holds its properties
                    self.sections.append((start, sect))
                    start = None
            else:
                self.table(block)
        self.sections.append((self._next_offset() if start is None else start, body.find(n.sectPr)))

    # -- headers and footers -------------------------------------------------------
    def furniture_lines(self, container: ET.Element, depth: int = 0) -> list[str]:
        """Lines of a header or footer part (or of a text box or cell in one): one per
        paragraph, table rows as cells joined by ``" | "``, text boxes and a watermark's
        text as lines of their own. No list numbers; page-number fields left out."""
        lines: list[str] = []
        for block in self.blocks(container):
            if block.tag == self.n.p:
                text, extra = self.furniture_para(block, depth)
                lines.append(text)
                lines.extend(extra)
            else:
                self.check_nesting(depth)
                for _, tcs in self.rows(block):
                    cells = [
                        " ".join(x.strip() for x in self.furniture_lines(tc, depth + 1) if x.strip()) for tc in tcs
                    ]
                    lines.append(" | ".join(cells))
        return lines

    def furniture_para(self, p: ET.Element, depth: int = 0) -> tuple[str, list[str]]:
        """A header/footer paragraph's text, and the lines of its text boxes and
        watermark. The result of a page-number field (``PAGE``, ``NUMPAGES``…), simple
        (``w:fldSimple``) or complex (``w:fldChar`` … ``w:instrText`` … separate … end),
        is left out: it is Word's number, not text anyone wrote."""
        n = self.n
        out: list[str] = []
        extra: list[str] = []
        fields: list[list] = []  # open complex fields: [instruction, showing its result]
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == n.fldChar:
                kind = el.get(n.fldCharType)
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if tag == n.instrText:
                if fields:
                    fields[-1][0] += el.text or ""
                continue
            if tag == n.fldSimple and _page_field(el.get(n.instr, "")):
                continue
            hidden = any(shown and _page_field(instr) for instr, shown in fields)
            if tag == n.t:
                if el.text and not hidden:
                    out.append(el.text)
            elif tag in n.one_char:
                if not hidden:
                    out.append(n.one_char[tag])
            elif tag == n.txbxContent:
                if depth >= MAX_TABLE_NESTING:
                    raise self._too_deep()
                extra.extend(self.furniture_lines(el, depth + 1))
            elif tag == VML_TEXTPATH:
                if el.get("string", "").strip():
                    extra.append(el.get("string", "").strip())
            elif tag in n.skip:
                continue
            elif len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                stack.append(iter(el))
        return "".join(out), extra


def placeholder_notes(body: ET.Element, names: WordNames, text: str) -> list[ReaderNote]:
    """A ``content-control-placeholder`` note for every content control (``w:sdt``)
    that still shows its placeholder (``w:showingPlcHdr``): nobody filled it in, whatever
    its prompt says (``请输入单位名称``). The span is the prompt's place in ``text``, found
    in document order from the previous one; a prompt not found as such (split over
    paragraphs, numbered) gets no note."""
    n = names
    notes: list[ReaderNote] = []
    cursor = searches = 0
    for sdt in body.iter(n.sdt):
        pr = sdt.find(n.sdtPr)
        if pr is None or not _on(pr.find(n.showingPlcHdr), n):
            continue
        content = sdt.find(n.sdtContent)
        if content is None:
            continue
        paragraphs = [p for p in content.iter(n.p)] or [content]
        prompt = "\n".join("".join(t.text or "" for t in p.iter(n.t)) for p in paragraphs).strip()
        if not prompt:
            continue
        searches += 1
        if searches > MAX_PLACEHOLDER_SEARCHES:
            break
        at = text.find(prompt, cursor)
        if at == -1:
            continue
        notes.append(ReaderNote("content-control-placeholder", at, at + len(prompt), prompt))
        cursor = at + len(prompt)
    return notes


def _page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in PAGE_FIELDS


def _part_rels(pkg: Package, part: str) -> dict[str, str]:
    """Relationship id → target part of ``part`` (internal targets only)."""
    folder, name = posixpath.split(part)
    rels = pkg.xml(posixpath.join(folder, "_rels", name + ".rels"))
    out: dict[str, str] = {}
    if rels is None:
        return out
    for rel in rels.iter(REL_NS + "Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target or rel.get("Id") is None:
            continue
        full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[rel.get("Id", "")] = posixpath.normpath(full)
    return out


def _on(el: ET.Element | None, names: WordNames) -> bool:
    """An on/off property: present and not switched off (``w:val="0"``/``false``)."""
    return el is not None and el.get(names.val, "true").lower() not in ("0", "false", "off")


def read_furniture(pkg: Package, main: str, reader: DocxReader) -> list[Furniture]:
    """The headers and footers a reader sees, each once, at the first section that
    shows it. A section without a reference of a kind keeps the previous section's;
    a title-page header counts only where ``w:titlePg`` is on, an even-page one only
    where the settings turn on ``w:evenAndOddHeaders``. Parts no section shows are
    not read: no reader sees them."""
    n = reader.n
    rels = _part_rels(pkg, main)
    try:
        settings = pkg.xml(pkg.part_rels_target(main, "/settings", "word/settings.xml"))
    except InputError:
        settings = None  # the body was read; a damaged settings part only hides even pages
    even_pages = settings is not None and _on(settings.find(n.evenAndOddHeaders), n)
    current: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    out: list[Furniture] = []
    count = len(reader.sections)
    for number, (anchor, sect) in enumerate(reader.sections, 1):
        title_page = False
        if sect is not None:
            title_page = _on(sect.find(n.titlePg), n)
            for kind, tag in (("header", n.headerReference), ("footer", n.footerReference)):
                for ref in sect.findall(tag):
                    rid = next((ref.get(a) for a in REL_ID_ATTRS if ref.get(a)), None)
                    target = rels.get(rid or "")
                    if target is not None:
                        current[(kind, ref.get(n.type, "default"))] = target
        for kind in ("header", "footer"):
            for variant in ("first", "default", "even"):
                if (variant == "first" and not title_page) or (variant == "even" and not even_pages):
                    continue
                target = current.get((kind, variant))
                if target is None or target in seen:
                    continue
                seen.add(target)
                try:
                    root = pkg.xml(target)
                    if root is None or root.tag not in (n.w + "hdr", n.w + "ftr"):
                        continue  # missing, or not a header or footer at all
                    lines = [line.strip() for line in reader.furniture_lines(root)]
                except InputError:
                    continue  # a damaged or refused part is not read: the body was, and is checked
                text = "\n".join(line for line in lines if line.strip(" |\t"))
                if text:
                    out.append(Furniture(kind, target, text, number, anchor, variant, count))
    return out


def read(path: str, data: bytes, kind: str = "docx") -> Extracted:
    pkg = Package(path, data)
    main = pkg.main_part()
    root = pkg.xml(main)
    if root is None:
        raise InputError(
            T(
                "不是有效的 Word .docx 文件（缺少正文部件 {name}）",
                "not a valid Word .docx file (the main part {name} is missing)",
            ).format(name=main),
            path,
        )
    w = next((ns for ns in NAMESPACES if root.tag.startswith(ns)), None)
    if w is None or root.tag != w + "document":
        raise InputError(
            T(
                "不是 Word 文档（{name} 不是 WordprocessingML 正文）",
                "not a Word document ({name} is not WordprocessingML)",
            ).format(name=main),
            path,
        )
    names = WordNames(w)
    body = root.find(names.body)
    numbering_root = pkg.xml(pkg.part_rels_target(main, "/numbering", "word/numbering.xml"))
    styles_root = pkg.xml(pkg.part_rels_target(main, "/styles", "word/styles.xml")) if numbering_root else None
    reader = DocxReader(path, names, Numbering(w, numbering_root, styles_root))
    if body is not None:
        reader.body(body)
    extracted = reader.extracted(path, kind)
    if body is not None:
        extracted.notes.extend(placeholder_notes(body, names, extracted.text))
    extracted.furniture = read_furniture(pkg, main, reader)
    return extracted
