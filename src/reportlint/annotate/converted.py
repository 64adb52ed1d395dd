"""The annotated copy of a .doc, .wps, .odt or .rtf: a .docx made from what was read.

Word comments need a WordprocessingML document to live in, and these formats cannot
be given one in place. So a clean .docx is generated from the extracted text — one
``w:p`` per line, the title and section headings in bold, and one ``w:tbl`` per real
grid with the same rows, columns and merges (``w:gridSpan`` / ``w:vMerge``) — and is
handed to the Word annotator (:func:`reportlint.annotate.docx.annotate_docx_bytes`),
which puts each finding's comment on its text or cell.

Positions stay right because the generated document reads back, through reportlint's
own .docx reader, as the very text the findings were found in (one paragraph per line,
rows laid out by the same grid emitter): the findings' offsets name the same
characters in both. When a character cannot be written to XML (a control character is
written as U+FFFD) the two texts are aligned and offsets are mapped through that
alignment.

The package is minimal and valid: ``[Content_Types].xml``, the package and document
relationships, ``word/document.xml`` and ``word/styles.xml``, written with
:mod:`zipfile`.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from collections.abc import Callable
from difflib import SequenceMatcher
from xml.sax.saxutils import escape

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic, Edit
from reportlint.document.extracted import Extracted, Grid

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4, twips
MARGIN_TOP, MARGIN_SIDE = 1440, 1800
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
_NOT_XML = pattern_store.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
# Body text in SimSun (宋体) 12 pt; tables with single borders, as the official tables are.
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault>"
    '<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>'
    "<w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)


def _runs(text: str, bold: bool, size: int | None = None) -> str:
    """Runs for one line of text; a tab is ``w:tab`` (the .docx reader reads it back
    as a tab)."""
    props = ""
    if bold or size:
        props = "<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "")
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
        props += "</w:rPr>"
    out = []
    for k, piece in enumerate(text.split("\t")):
        if k:
            out.append(f"<w:r>{props}<w:tab/></w:r>")
        if piece:
            safe = escape(_NOT_XML.sub("\ufffd", piece))
            out.append(f'<w:r>{props}<w:t xml:space="preserve">{safe}</w:t></w:r>')
    return "".join(out)


def _paragraph(text: str, style: str | None = None) -> str:
    if style == "title":
        return f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_runs(text, True, 32)}</w:p>'
    if style == "heading":
        return f"<w:p>{_runs(text, True)}</w:p>"
    return f"<w:p>{_runs(text, False)}</w:p>"


def _column_widths(grid: Grid, width: int) -> list[int]:
    """Column widths (twips) over the text width, by the longest text of a one-column
    cell in each column: label columns get room, number columns stay narrow."""
    weights = [4] * width  # room for a four-digit number
    for row in grid.rows:
        for gc in row:
            if not gc.merged and gc.colspan == 1 and gc.col < width:
                weights[gc.col] = max(weights[gc.col], min(len(gc.text), 12))
    total = sum(weights) or 1
    return [max(TEXT_WIDTH * w // total, 1) for w in weights]


def _table(grid: Grid) -> str:
    """One ``w:tbl`` with the grid's rows, columns and merges: a cell spanning columns
    has ``w:gridSpan``; one spanning rows starts a ``w:vMerge`` that the cells below
    continue; a position covered from the left is no ``w:tc`` of its own."""
    width = max((len(row) for row in grid.rows), default=0)
    owners: dict[int, tuple[int, int]] = {}  # a cell's start offset → its (row, col)
    for row in grid.rows:
        for gc in row:
            if not gc.merged:
                owners.setdefault(gc.start, (gc.row, gc.col))
    columns = _column_widths(grid, width)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in columns),
        "</w:tblGrid>",
    ]
    for r, row in enumerate(grid.rows):
        out.append("<w:tr>")
        for gc in row:
            props = []
            if gc.merged:
                r0, c0 = owners.get(gc.start, (gc.row, gc.col))
                if r0 == r or gc.col != c0:
                    continue  # covered from the left: the owner's gridSpan reaches here
                props.append("<w:vMerge/>")
                text = ""
            else:
                if gc.rowspan > 1:
                    props.append('<w:vMerge w:val="restart"/>')
                text = gc.text
            if gc.colspan > 1:
                props.insert(0, f'<w:gridSpan w:val="{gc.colspan}"/>')
            cell_width = sum(columns[gc.col : gc.col + gc.colspan])
            tcpr = f'<w:tcPr><w:tcW w:w="{cell_width}" w:type="dxa"/>{"".join(props)}</w:tcPr>'
            out.append(f"<w:tc>{tcpr}<w:p>{_runs(text, False)}</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _line_styles(extracted: Extracted) -> dict[int, str]:
    """Line start offset → "title" / "heading" for the report's title lines and
    section headings (as the checker found them)."""
    from reportlint.document.build import build_document

    doc = build_document(extracted)
    text = extracted.text
    styles: dict[int, str] = {}

    def line_start(offset: int) -> int:
        return text.rfind("\n", 0, offset) + 1

    for section in doc.sections:
        start = section.heading_span[0]
        if not section.inline and not text[line_start(start) : start].strip():
            styles[line_start(start)] = "heading"
    if doc.meta.title_span is not None:
        a, b = doc.meta.title_span
        at = line_start(a)
        while at <= b and at < len(text):
            styles[at] = "title"
            nxt = text.find("\n", at)
            if nxt == -1:
                break
            at = nxt + 1
    return styles


def document_xml(extracted: Extracted) -> str:
    """``word/document.xml`` for the extracted text: every line a paragraph, every
    grid a table."""
    text = extracted.text
    styles = _line_styles(extracted)
    grids = {g.start: g for g in extracted.grids}
    body: list[str] = []
    offset = 0
    skip_to = -1
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if start < skip_to:
            continue
        grid = grids.get(start)
        if grid is not None and grid.rows:
            body.append(_table(grid))
            skip_to = grid.end
            continue
        body.append(_paragraph(line, styles.get(start)))
    sect = (
        f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_TOP}" '
        f'w:left="{MARGIN_SIDE}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )


def generated_docx(extracted: Extracted) -> bytes:
    """A minimal, valid .docx package holding the extracted text and grids."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        z.writestr("word/document.xml", document_xml(extracted))
        z.writestr("word/styles.xml", STYLES)
    return buf.getvalue()


def offset_map(original: str, generated: str) -> Callable[[int], int] | None:
    """None when the generated document reads back as ``original``; else a map of
    offsets in ``original`` to offsets in ``generated`` through their alignment (an
    offset in text that differs goes to the end of the last run of equal text)."""
    if original == generated:
        return None
    blocks = [b for b in SequenceMatcher(None, original, generated, autojunk=False).get_matching_blocks() if b.size]
    starts = [b.a for b in blocks]

    def remap(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return 0
        block = blocks[i]
        return block.b + min(offset - block.a, block.size)

    return remap


def annotate(
    path: str, data: bytes, extracted: Extracted, diagnostics: list[Diagnostic], lang: str, edits: list[Edit]
) -> bytes:
    """The dispatch entry (see :mod:`reportlint.annotate`): the generated .docx with
    every finding as a comment and the safe fixes as tracked changes."""
    from reportlint.annotate.docx import annotate_docx_bytes
    from reportlint.readers import docx as docx_reader

    package = generated_docx(extracted)
    reread = docx_reader.read(path, package).text
    out, _ = annotate_docx_bytes(
        package, path, extracted.text, diagnostics, lang, edits, remap=offset_map(extracted.text, reread)
    )
    return out


__all__ = ["annotate", "document_xml", "generated_docx", "offset_map"]
