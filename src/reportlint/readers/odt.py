"""OpenDocument text (.odt; LibreOffice, WPS's ODF export): paragraphs and tables in
document order, tables as real grids — the same :class:`Extracted` as the .docx reader.

Read with the standard library (``zipfile`` + ``xml.etree``) through
:class:`~reportlint.readers._zip_package.ZipPackage` (zip-bomb and entity guards).

* Body: ``text:p``/``text:h`` and ``table:table`` under ``office:text``, also inside
  lists, sections and indexes (a table of contents is text like any other). Tracked
  deletions, annotations, notes and ruby readings are skipped.
* Automatic list numbers (``一、``, ``（一）``, ``1.``) are rendered from the list
  styles (see ``_odf_numbering``).
* Text: ``text:s`` → spaces, ``text:tab`` → tab, ``text:line-break`` → newline;
  text boxes (``draw:text-box``) anchored in a paragraph follow it as lines.
* Tables: rows through header-rows/row-groups; ``number-columns-spanned``,
  ``number-rows-spanned`` and ``covered-table-cell`` become the merges of a
  :class:`Grid`; ``number-*-repeated`` is honoured within bounds (a spreadsheet-like
  table repeating an empty row a million times is not expanded).
* Positions: ``paragraph=n`` (body paragraphs) or the grid cell.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.document.extracted import Extracted
from reportlint.readers._grid_emit import CellSpec, GridTextReader
from reportlint.readers._odf_numbering import OUTLINE, OdfNumbering
from reportlint.readers._zip_package import ZipPackage

MAX_DEPTH = 256
MAX_TABLE_NESTING = 32
MAX_REPEAT = 1000  # number-rows/columns-repeated followed at most this far
MAX_ROWS = 100_000

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"

LABEL = T("OpenDocument 文本（.odt）", "OpenDocument text (.odt)")
ADVICE = T(
    "请在 WPS、Word 或 LibreOffice 中打开后“另存为” .docx 再检查",
    "open it in WPS, Word or LibreOffice, “Save As” .docx and check that",
)

ENCRYPTED = T("文档已加密（设置了打开密码），无法读取", "the document is encrypted (it has an open password)")
ENCRYPTED_ADVICE = T(
    "请在 WPS、Word 或 LibreOffice 中输入密码打开，去掉密码后“另存为” .docx 再检查",
    "open it with its password in WPS, Word or LibreOffice, remove the password, “Save As” .docx and check that",
)

PARAGRAPHS = (TEXT + "p", TEXT + "h")
# Containers of body blocks the walk goes through.
WRAPPERS = frozenset(
    TEXT + n
    for n in [
        "list",
        "list-item",
        "list-header",
        "section",
        "index-body",
        "table-of-content",
        "alphabetical-index",
        "illustration-index",
        "table-index",
        "object-index",
        "user-index",
        "bibliography",
        "numbered-paragraph",
        "change-region",
        "inserted",
    ]
) | {OFFICE + "text"}
# Subtrees with no visible body text (or text not to be shown).
SKIP = frozenset(
    [
        TEXT + n
        for n in [
            "tracked-changes",
            "note",
            "ruby-text",
            "sequence-decls",
            "variable-decls",
            "user-field-decls",
            "dde-connection-decls",
            "index-title-template",
            "table-of-content-source",
            "alphabetical-index-source",
            "illustration-index-source",
            "table-index-source",
            "object-index-source",
            "user-index-source",
            "bibliography-source",
        ]
    ]
    + [OFFICE + "annotation", OFFICE + "annotation-end", OFFICE + "forms", TABLE + "table-columns"]
    + [TABLE + "table-column", TABLE + "table-column-group", TABLE + "table-header-columns"]
)
ROW_CONTAINERS = frozenset(TABLE + n for n in ("table-header-rows", "table-rows", "table-row-group")) | {
    TEXT + "soft-page-break"
}


def _int(el: ET.Element, name: str, default: int = 1) -> int:
    try:
        return int(el.get(TABLE + name, default))
    except ValueError:
        return default


class _Reader(GridTextReader):
    def __init__(self, path: str, numbering: OdfNumbering):
        super().__init__()
        self.path = path
        self.numbering = numbering
        self.paragraphs = 0

    def _too_deep(self) -> InputError:
        return InputError(
            T(
                f"文档结构嵌套过深（超过 {MAX_DEPTH} 层），无法处理；{ADVICE.zh}",
                f"the document is nested too deeply (more than {MAX_DEPTH} levels); {ADVICE.en}",
            ),
            self.path,
        )

    def blocks(self, container: ET.Element):
        """(element, list number) of the paragraphs and tables under ``container`` in
        order, through wrappers; iterative. A list item's first paragraph carries the
        item's rendered number (``""`` elsewhere)."""
        # per open element: (children, list style, list level, item still unnumbered, start override)
        # (children, list style, list level, [number the next paragraph], start override)
        stack: list[tuple[Iterator[ET.Element], str | None, int, list[bool], int | None]] = [
            (iter(container), None, 0, [False], None)
        ]
        while stack:
            children, style, level, pending, start = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag in PARAGRAPHS or tag == TABLE + "table":
                prefix = ""
                if pending[0] and tag in PARAGRAPHS:
                    prefix = self.numbering.number(style, level, start)
                elif tag == TEXT + "h" and not level and el.get(TEXT + "is-list-header") != "true":
                    prefix = self.numbering.number(OUTLINE, _int_text(el, "outline-level"))
                pending[0] = False
                yield el, prefix
            elif tag in WRAPPERS and len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                if tag == TEXT + "list":
                    style = el.get(TEXT + "style-name") or style
                    level += 1
                    continues = el.get(TEXT + "continue-numbering") == "true" or el.get(TEXT + "continue-list")
                    self.numbering.start_list(style, level, bool(continues))
                    stack.append((iter(el), style, level, [False], None))
                elif tag == TEXT + "list-item":
                    start_value = el.get(TEXT + "start-value")
                    try:
                        override = int(start_value) if start_value else None
                    except ValueError:
                        override = None
                    stack.append((iter(el), style, level, [True], override))
                else:
                    stack.append((iter(el), style, level, [False], None))

    def para_text(self, p: ET.Element) -> tuple[str, list[ET.Element]]:
        """Text of paragraph ``p`` and the text boxes anchored in it."""
        out = [p.text or ""]
        boxes: list[ET.Element] = []
        stack: list[tuple[Iterator[ET.Element], ET.Element | None]] = [
            (iter(p), None)
        ]  # (children, element whose tail follows them)
        while stack:
            children, owner = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
                if owner is not None and owner.tail:
                    out.append(owner.tail)
                continue
            tag = el.tag
            enter = False
            if tag == TEXT + "s":
                out.append(" " * min(max(_int_text(el, "c"), 1), MAX_REPEAT))
            elif tag == TEXT + "tab":
                out.append("\t")
            elif tag == TEXT + "line-break":
                out.append("\n")
            elif tag == DRAW + "text-box":
                boxes.append(el)
            elif tag in SKIP or not isinstance(tag, str) or tag == TABLE + "table":
                pass
            else:
                if el.text:
                    out.append(el.text)
                enter = len(el) > 0
            if enter:
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                stack.append((iter(el), el))
            elif el.tail:
                out.append(el.tail)
        return "".join(out), boxes

    def box_lines(self, boxes: list[ET.Element]) -> list[str]:
        lines = []
        for box in boxes:
            for block, prefix in self.blocks(box):
                if block.tag in PARAGRAPHS:
                    lines.append(prefix + self.para_text(block)[0])
        return lines

    def paragraph(self, p: ET.Element, prefix: str = "") -> None:
        self.paragraphs += 1
        attrs = (None, self.paragraphs, None)
        text, boxes = self.para_text(p)
        self.lines.paragraph(prefix + text, attrs)
        for line in self.box_lines(boxes):
            self.lines.paragraph(line, attrs)

    def cell_text(self, cell: ET.Element, depth: int) -> str:
        parts: list[str] = []
        for block, prefix in self.blocks(cell):
            if block.tag in PARAGRAPHS:
                text, boxes = self.para_text(block)
                parts.append(prefix + text)
                parts.extend(self.box_lines(boxes))
            else:  # nested table: flattened into this cell
                if depth >= MAX_TABLE_NESTING:
                    raise InputError(
                        T(
                            f"表格嵌套过深（超过 {MAX_TABLE_NESTING} 层）；{ADVICE.zh}",
                            f"tables are nested too deeply (more than {MAX_TABLE_NESTING} levels); {ADVICE.en}",
                        ),
                        self.path,
                    )
                for row in self.rows(block):
                    for inner in row:
                        parts.append(self.cell_text(inner, depth + 1))
        return " ".join(" ".join(part.split("\n")).strip() for part in parts if part.strip())

    def rows(self, table: ET.Element):
        """``table:table-row`` elements of ``table`` (repeats expanded within bounds), each
        as its list of cell elements (repeats expanded)."""
        stack = [iter(table)]
        count = 0
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            if el.tag == TABLE + "table-row":
                cells = []
                for cell in el:
                    if cell.tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                        cells.extend([cell] * min(max(_int(cell, "number-columns-repeated"), 1), MAX_REPEAT))
                repeat = min(max(_int(el, "number-rows-repeated"), 1), MAX_REPEAT)
                for _ in range(repeat):
                    count += 1
                    if count > MAX_ROWS:
                        return
                    yield cells
            elif el.tag in ROW_CONTAINERS and len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self._too_deep()
                stack.append(iter(el))

    def table(self, table: ET.Element) -> None:
        rows: list[list[CellSpec]] = []
        texts: dict[int, str] = {}  # a repeated cell element is read once
        for cells in self.rows(table):
            row = []
            for cell in cells:
                if cell.tag == TABLE + "covered-table-cell":
                    row.append(CellSpec("", covered=True))
                    continue
                key = id(cell)
                if key not in texts:
                    texts[key] = self.cell_text(cell, 1)
                row.append(
                    CellSpec(
                        texts[key],
                        colspan=_int(cell, "number-columns-spanned"),
                        rowspan=_int(cell, "number-rows-spanned"),
                    )
                )
            rows.append(row)
        # Trailing empty rows (a repeated blank row) carry nothing a reviewer wrote.
        while rows and all(not c.text for c in rows[-1]) and len(rows) > 1:
            rows.pop()
        self.emitter.table(rows, placeholders=True)

    def body(self, body: ET.Element) -> None:
        for block, prefix in self.blocks(body):
            if block.tag in PARAGRAPHS:
                self.paragraph(block, prefix)
            else:
                self.table(block)


def _int_text(el: ET.Element, name: str) -> int:
    try:
        return int(el.get(TEXT + name, 1))
    except ValueError:
        return 1


def _encrypted(pkg: ZipPackage) -> bool:
    manifest = pkg.xml("META-INF/manifest.xml")
    if manifest is None:
        return False
    return any(True for _ in manifest.iter(MANIFEST + "encryption-data"))


def read(path: str, data: bytes, kind: str = "odt") -> Extracted:
    pkg = ZipPackage(path, data, LABEL, ADVICE)
    mimetype = (pkg.read("mimetype") or b"").strip()
    if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise pkg.error(
            T("这是 {m}，不是文字处理文档", "this is {m}, not a word-processing document").format(
                m=mimetype.decode("ascii", "replace")[:80]
            )
        )
    if _encrypted(pkg):
        raise pkg.refused(ENCRYPTED, ENCRYPTED_ADVICE)
    root = pkg.xml("content.xml")
    if root is None:
        raise pkg.error(T("缺少正文部件 content.xml", "the part content.xml is missing"))
    if root.tag != OFFICE + "document-content":
        raise pkg.error(T("content.xml 不是 OpenDocument 正文", "content.xml is not OpenDocument content"))
    styles_root = pkg.xml("styles.xml")
    reader = _Reader(path, OdfNumbering(root.find(OFFICE + "automatic-styles"), styles_root))
    office_body = root.find(OFFICE + "body")
    text_root = office_body.find(OFFICE + "text") if office_body is not None else None
    if text_root is None:
        raise pkg.error(T("没有文字正文（office:text）", "it has no text body (office:text)"))
    reader.body(text_root)
    return reader.extracted(path, kind)
