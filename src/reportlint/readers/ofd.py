"""OFD (GB/T 33190, the national fixed-layout format many government systems export):
the text of every page in reading order, ruled tables as real grids.

An OFD file is a ZIP of XML (read with the standard library through
:class:`~reportlint.readers._zip_package.ZipPackage`, with its zip-bomb and entity
guards): ``OFD.xml`` → ``DocBody/DocRoot`` (``Document.xml``) → ``Pages/Page/@BaseLoc``
(each page's ``Content.xml``) → layers of ``TextObject``s, each with a ``Boundary``
and ``TextCode`` runs positioned by ``X``/``Y`` and advanced by ``DeltaX``.

* Reading order: the runs of a page are grouped into lines by their baseline (within
  half a font size) and each line is read left to right; a horizontal gap wider than
  a character becomes two spaces, so a table laid out in columns reads as the
  text layer of a PDF does, and the table code recovers it from those positions.
* Ruled tables: on a page whose text looks like a table, the rules the page draws
  (``PathObject`` segments) and the characters' boxes go through the same table finder
  and cell reading as a PDF page (:mod:`reportlint.readers._ofd_grid`), so the table
  becomes real :class:`Grid` rows (merged cells, labels wrapped inside a cell joined).
* Bare page-number lines at the top or bottom of a page are not emitted (as in PDF).
* Positions: line/column of the extracted text and ``page=`` (1-based), plus the grid
  cell inside a ruled table.
* An encrypted OFD, one whose structure is missing, or one without any text (an
  image-only scan) is refused with a message saying what to do.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import field

from reportlint.core import pattern_store
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted, Grid, ReaderNote
from reportlint.document.origin import OriginMap
from reportlint.readers._builder import TextBuilder
from reportlint.readers._zip_package import ZipPackage

OFD = "{http://www.ofdspec.org/2016}"
MAX_PAGES = 2000
MAX_RUNS_PER_PAGE = 200_000
MAX_DEPTH = 64  # PageBlock nesting
MAX_DELTAS = 100_000
MAX_GEOMETRY_CHARS = 20_000  # a page with more is read as text only (as PDF pages are)
MAX_GEOMETRY_SEGMENTS = 5_000

LABEL = T("OFD 版式文档（.ofd）", "OFD fixed-layout document (.ofd)")
ADVICE = T(
    "请在数科 OFD 阅读器或 WPS 中打开后导出为 PDF，或用原始的 Word/WPS 文件再检查",
    "open it in an OFD reader or WPS and export it as PDF, or check the original Word/WPS file",
)
_NUMBER = pattern_store.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


@dataclass(eq=False)
class _Page:
    """One page: text runs for reading order, characters and rules for its tables."""

    runs: list = field(default_factory=list)
    chars: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    width: float = 210.0
    height: float = 297.0
    geometry: bool = True  # small enough for the table finder


@dataclass(eq=False)
class _Run:
    """A run of text on an OFD page and its position."""

    x: float
    y: float
    width: float
    size: float
    text: str


def _floats(value: str | None, limit: int = 8) -> list[float]:
    if not value:
        return []
    return [float(v) for v in _NUMBER.findall(value)[:limit]]


def _advances(value: str | None, count: int) -> list[float]:
    """``DeltaX`` of a TextCode: numbers, with ``g N D`` meaning D repeated N times."""
    if not value:
        return []
    tokens = value.split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < min(count, MAX_DELTAS):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                n, d = int(tokens[i + 1]), float(tokens[i + 2])
            except ValueError:
                break
            out.extend([d] * max(0, min(n, count - len(out))))
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            break
        i += 1
    return out


class _Document:
    def __init__(self, path: str, data: bytes):
        self.path = path
        self.pkg = ZipPackage(path, data, LABEL, ADVICE)
        self.default_box = [0.0, 0.0, 210.0, 297.0]  # A4, unless the document says otherwise

    def _xml(self, name: str) -> ET.Element | None:
        return self.pkg.xml(name)

    def pages(self) -> list[str]:
        root = self._xml("OFD.xml")
        if root is None or root.tag != OFD + "OFD":
            raise self.pkg.error(T("缺少 OFD.xml 入口文件", "the entry file OFD.xml is missing"))
        body = root.find(OFD + "DocBody")
        doc_root = body.findtext(OFD + "DocRoot") if body is not None else None
        if not doc_root:
            raise self.pkg.error(T("OFD.xml 中没有 DocRoot", "OFD.xml has no DocRoot"))
        doc_path = posixpath.normpath(doc_root.strip().lstrip("/"))
        if body is not None and (body.find(OFD + "Encryptions") is not None or self.pkg.info("Encryptions.xml")):
            raise self.pkg.refused(
                T("文档已加密，无法读取", "the document is encrypted"),
                T(
                    "请用原始的 Word/WPS 文件或未加密的导出件再检查",
                    "check the original Word/WPS file or an unencrypted export",
                ),
            )
        document = self._xml(doc_path)
        if document is None:
            raise self.pkg.error(T("缺少文档描述 {name}", "the document part {name} is missing").format(name=doc_path))
        common = document.find(OFD + "CommonData")
        area = common.find(OFD + "PageArea") if common is not None else None
        box = _floats(area.findtext(OFD + "PhysicalBox"), 4) if area is not None else []
        if len(box) == 4 and box[2] > 0 and box[3] > 0:
            self.default_box = box
        folder = posixpath.dirname(doc_path)
        pages = []
        pages_el = document.find(OFD + "Pages")
        for page in pages_el.iter(OFD + "Page") if pages_el is not None else ():
            loc = page.get("BaseLoc")
            if not loc:
                continue
            full = loc.lstrip("/") if loc.startswith("/") else posixpath.join(folder, loc)
            pages.append(posixpath.normpath(full))
            if len(pages) > MAX_PAGES:
                raise self.pkg.refused(
                    T("页数过多（超过 {n} 页）", "too many pages (more than {n})").format(n=MAX_PAGES)
                )
        return pages

    def page_area(self, root: ET.Element | None) -> tuple[float, float]:
        box = None
        if root is not None:
            area = root.find(OFD + "Area")
            box = _floats(area.findtext(OFD + "PhysicalBox"), 4) if area is not None else None
        if not box or len(box) < 4:
            box = self.default_box
        return box[2], box[3]

    def page(self, page_path: str) -> _Page:
        root = self._xml(page_path)
        page = _Page()
        page.width, page.height = self.page_area(root)
        content = root.find(OFD + "Content") if root is not None else None
        if content is not None:
            self._content(content, page)
        return page

    def _content(self, content: ET.Element, page: _Page) -> None:
        from reportlint.readers._ofd_grid import char_objects, segments

        out = page.runs
        stack = [(iter(content), 0.0, 0.0)]
        while stack:
            children, ox, oy = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
                continue
            if el.tag == OFD + "TextObject":
                box = _floats(el.get("Boundary"), 4) + [0.0] * 4
                size = (_floats(el.get("Size"), 1) or [3.5])[0] or 3.5
                bx, by = ox + box[0], oy + box[1]
                x = y = 0.0
                for code in el.iter(OFD + "TextCode"):
                    text = code.text or ""
                    if code.get("X") is not None:
                        x = (_floats(code.get("X"), 1) or [x])[0]
                    if code.get("Y") is not None:
                        y = (_floats(code.get("Y"), 1) or [y])[0]
                    if not text:
                        continue
                    deltas = _advances(code.get("DeltaX"), len(text) - 1)
                    width = sum(deltas) + size if deltas else size * len(text)
                    out.append(_Run(bx + x, by + y, width, size, text))
                    if len(page.chars) + len(text) <= MAX_GEOMETRY_CHARS:
                        page.chars.extend(char_objects(bx + x, by + y, size, text, deltas))
                    else:
                        page.geometry = False  # too much to analyse: read as text only
                    x += width
                    if len(out) > MAX_RUNS_PER_PAGE:
                        raise self.pkg.refused(T("页面中的文字对象过多", "a page holds too many text objects"))
            elif el.tag == OFD + "PathObject":
                if len(page.segments) >= MAX_GEOMETRY_SEGMENTS:
                    page.geometry = False
                else:
                    box = _floats(el.get("Boundary"), 4) + [0.0] * 4
                    page.segments.extend(segments(el.findtext(OFD + "AbbreviatedData") or "", ox + box[0], oy + box[1]))
            elif el.tag in (OFD + "Layer", OFD + "PageBlock") and len(el):
                if len(stack) >= MAX_DEPTH:
                    raise self.pkg.refused(
                        T(
                            "页面结构嵌套过深（超过 {n} 层）", "the page is nested too deeply (more than {n} levels)"
                        ).format(n=MAX_DEPTH)
                    )
                stack.append((iter(el), ox, oy))


def page_text_lines(runs: list[_Run]) -> list[str]:
    """The runs of one page as lines in reading order (top to bottom, left to right)."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(run.y - lines[-1][0].y) <= max(run.size, lines[-1][0].size) * 0.5:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        line.sort(key=lambda r: r.x)
        parts = []
        end = None
        for run in line:
            if end is not None:
                gap = run.x - end
                if gap > run.size * 0.9:
                    parts.append("  ")
                elif gap > run.size * 0.25:
                    parts.append(" ")
            parts.append(run.text)
            end = run.x + run.width
        out.append("".join(parts))
    return out


def read(path: str, data: bytes, kind: str = "ofd") -> Extracted:
    # the same page-number filter, table gate and grid rendering as PDF
    from reportlint.readers._pdf_grid import looks_tabular
    from reportlint.readers.pdf import _render_grid, page_lines

    document = _Document(path, data)
    b = TextBuilder(own_positions=True)
    notes: list[ReaderNote] = []
    grids: list[Grid] = []
    first = True
    for number, page_path in enumerate(document.pages(), start=1):
        page = document.page(page_path)
        lines = page_lines("\n".join(page_text_lines(page.runs)))
        blocks = None
        if page.geometry and page.segments and looks_tabular(lines):
            from reportlint.readers._ofd_grid import page_blocks, rule_objects

            blocks = page_blocks(page.chars, rule_objects(page.segments, 0.2), page.width, page.height)
        if blocks is None:
            blocks = [("text", line) for line in lines]
        if not any(kind_ == "grid" or str(obj).strip() for kind_, obj in blocks):
            notes.append(ReaderNote("page-without-text", b.length, b.length, str(number)))
        attrs = (number, None, None)
        for kind_, obj in blocks:
            if kind_ == "grid":
                first = False
                _render_grid(b, grids, number, obj)
                continue
            if not first:
                b.newline()
            first = False
            b.mark(attrs=attrs)
            b.add(str(obj), attrs=attrs)
    text = b.text
    if not text.strip():
        # An image-only export (a scan): nothing a linter can read.
        raise document.pkg.refused(
            T("没有可读取的文字（可能是扫描图像）", "it has no text to read (perhaps scanned images)"),
            T(
                "请用原始的 Word/WPS 文件再检查，或先做文字识别（OCR）",
                "check the original Word/WPS file, or run text recognition (OCR) first",
            ),
        )
    return Extracted(path=path, kind=kind, text=text, origins=OriginMap(text, b.segments), grids=grids, notes=notes)
