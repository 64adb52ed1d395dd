"""Word 97–2003 binary documents (.doc) and WPS documents (.wps) in the same
Word-compatible compound-file layout: text and tables, the same :class:`Extracted` as
the .docx reader.

The compound-file (OLE2) layer is read with ``olefile`` (imported only here); the
Word layer follows [MS-DOC]:

* The FIB (start of the ``WordDocument`` stream) says which table stream holds the
  piece table (``0Table``/``1Table``), how long the main text is (``ccpText``) and
  whether the file is encrypted or obfuscated (then it is refused with a message).
* The piece table (``Clx``/``PlcPcd``) maps character positions to bytes: 8-bit
  (cp1252) or UTF-16 pieces.
* Tracked deletions (``sprmCFRMarkDel`` in the character properties) are not text.
* Text: ``\\r`` ends a paragraph, ``\\x07`` a table cell or a row, ``\\x0b`` is a line
  break; field instructions (between ``\\x13`` and ``\\x14``) are skipped, a field's
  result is kept; object anchors are dropped.
* Tables: the paragraph properties (``PlcBtePapx`` → PAPX FKPs) say which paragraph
  is in a table (``sprmPFInTable``/``sprmPItap``) and which mark ends a row
  (``sprmPFTtp``); that row mark's table properties (``sprmTDefTable``) give the cell
  boundaries — gathered over the table they give the columns and each cell's colspan —
  and the merge flags (``fVertMerge``/``fVertRestart``, ``sprmTVertMerge``,
  ``fMerged``). Nested tables are flattened into their cell.
* Automatic list numbers (``一、``, ``（一）``, ``1.``) are rendered from the list
  tables (see ``_doc_numbering``), as the .docx reader renders them.
* Positions: ``paragraph=n`` (body paragraphs) or the grid cell.
"""

from __future__ import annotations

import io
import struct
from dataclasses import field

from reportlint.core import pattern_store
from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted
from reportlint.readers._doc_numbering import DocNumbering, StyleLists, paragraph_list
from reportlint.readers._grid_emit import CellSpec, GridTextReader, column_spans

MAX_PIECES = 100_000
MAX_TEXT_CHARS = 20_000_000
MAX_FKP_PAGES = 100_000
MAX_FIELD_NESTING = 64

LABEL = T("Word 97–2003 文档（.doc）", "Word 97–2003 document (.doc)")
ADVICE = T(
    "请在 Word 或 WPS 中打开后“另存为” .docx 再检查",
    "open it in Word or WPS, “Save As” .docx and check that",
)
ENCRYPTED_ADVICE = T(
    "请在 Word 或 WPS 中输入密码打开，去掉密码后“另存为” .docx 再检查",
    "open it with its password in Word or WPS, remove the password, “Save As” .docx and check that",
)

# sprm codes ([MS-DOC] 2.6)
SPRM_P_IN_TABLE = 0x2416
SPRM_P_TTP = 0x2417
SPRM_P_ITAP = 0x6649
SPRM_P_INNER_TTP = 0x244C
SPRM_P_INNER_CELL = 0x244B
SPRM_T_DEF_TABLE = 0xD608
SPRM_T_VERT_MERGE = 0xD62B
SPRM_P_CHG_TABS = 0xC615
SPRM_C_RMARK_DEL = 0x0800  # tracked deletion: the text is still in the file, not in the document
SPRM_P_HUGE_PAPX = 0x6646  # the properties are too long for the page: they are in the Data stream

PARAGRAPH_MARK = pattern_store.compile("[\r\x07]")
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
# Characters with no visible text of their own: picture/object anchors, note and
# comment references, the optional hyphen.
DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
DELETED = "\uffff"  # stands in for a character of a tracked deletion, dropped with the rest
DROPPED[ord(DELETED)] = None
DROPPED[0x1E] = "-"  # non-breaking hyphen
DROPPED[0x0C] = "\n"  # page/section break inside a paragraph


@dataclass(eq=False)
class _Props:
    """The paragraph properties of a .doc paragraph that say whether it is in a table."""

    in_table: bool = False
    ttp: bool = False
    itap: int = 0
    inner_ttp: bool = False
    edges: list[int] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "", "vfirst", "vcont", "hcont" per cell
    istd: int = 0  # paragraph style
    ilfo: int | None = None  # list (None: as the style says; 0: none)
    ilvl: int | None = None


class _DocError(Exception):
    """Internal: the Word structures are inconsistent (the file is damaged)."""


def _u16(buf: bytes, off: int) -> int:
    if off < 0 or off + 2 > len(buf):
        raise _DocError(f"offset {off}")
    return struct.unpack_from("<H", buf, off)[0]


def _u32(buf: bytes, off: int) -> int:
    if off < 0 or off + 4 > len(buf):
        raise _DocError(f"offset {off}")
    return struct.unpack_from("<I", buf, off)[0]


def _sprms(grpprl: bytes):
    """(sprm, operand bytes) of a property list; stops at a truncated entry."""
    i, n = 0, len(grpprl)
    while i + 2 <= n:
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        else:  # variable
            if sprm == SPRM_T_DEF_TABLE:
                if i + 2 > n:
                    return
                size = struct.unpack_from("<H", grpprl, i)[0] - 1
                i += 2
            elif sprm == SPRM_P_CHG_TABS and i < n and grpprl[i] == 255:
                return  # the rare long form; nothing after it matters to us
            else:
                if i >= n:
                    return
                size = grpprl[i]
                i += 1
        if size < 0 or i + size > n:
            return
        yield sprm, grpprl[i : i + size]
        i += size


def _table_props(props: _Props, sprm: int, op: bytes) -> None:
    if sprm == SPRM_T_DEF_TABLE and op:
        count = op[0]
        need = 1 + 2 * (count + 1)
        if len(op) < need:
            return
        props.edges = [struct.unpack_from("<h", op, 1 + 2 * k)[0] for k in range(count + 1)]
        merges = []
        for k in range(count):
            off = need + 20 * k
            flags = struct.unpack_from("<H", op, off)[0] if off + 2 <= len(op) else 0
            if flags & 0x0020:  # fVertMerge
                merges.append("vfirst" if flags & 0x0040 else "vcont")
            elif flags & 0x0002:  # fMerged (continues the cell to its left)
                merges.append("hcont")
            else:
                merges.append("")
        props.merges = merges
    elif sprm == SPRM_T_VERT_MERGE and len(op) >= 2:
        itc, value = op[0], op[1]
        while len(props.merges) <= itc and len(props.merges) < 256:
            props.merges.append("")
        if itc < len(props.merges):
            props.merges[itc] = {1: "vcont", 3: "vfirst"}.get(value, "")


def _props_of(grpprl: bytes) -> _Props:
    props = _Props()
    for sprm, op in _sprms(grpprl):
        if sprm == SPRM_P_IN_TABLE:
            props.in_table = bool(op[0])
        elif sprm == SPRM_P_TTP:
            props.ttp = bool(op[0])
        elif sprm == SPRM_P_ITAP:
            props.itap = struct.unpack_from("<i", op, 0)[0]
        elif sprm == SPRM_P_INNER_TTP:
            props.inner_ttp = bool(op[0])
        else:
            _table_props(props, sprm, op)
    props.ilfo, props.ilvl = paragraph_list(grpprl, _sprms)
    if props.itap > 0:
        props.in_table = True
    elif props.in_table and props.itap == 0:
        props.itap = 1
    return props


def _fkp_pages(word: bytes, table: bytes, fc: int, lcb: int):
    """The 512-byte FKP pages of the WordDocument stream that the PlcBte at ``fc``
    (``lcb`` bytes) of the table stream names, each page once; none when the PlcBte
    lies outside the table stream."""
    if lcb < 4 or fc + lcb > len(table):
        return
    n = (lcb - 4) // 8
    if n > MAX_FKP_PAGES:
        raise _DocError("too many property pages")
    seen: set[int] = set()
    for k in range(n):
        pn = _u32(table, fc + 4 * (n + 1) + 4 * k) & 0x3FFFFF
        if pn in seen:  # a hostile table naming one page again and again
            continue
        seen.add(pn)
        page = word[pn * 512 : pn * 512 + 512]
        if len(page) == 512:
            yield page


class _Paragraphs:
    """Paragraph properties by file offset of the paragraph mark (PlcBtePapx + FKPs)."""

    def __init__(self, word: bytes, table: bytes, fc: int, lcb: int, data_stream: bytes = b""):
        self.data_stream = data_stream
        self.runs: list[tuple[int, int, int, bytes]] = []  # (fc start, fc end, style index, grpprl)
        for page in _fkp_pages(word, table, fc, lcb):
            crun = page[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                continue
            for i in range(crun):
                start = _u32(page, 4 * i)
                end = _u32(page, 4 * (i + 1))
                b_offset = page[4 * (crun + 1) + 13 * i] * 2
                grpprl = b""
                istd = 0
                if b_offset and b_offset < 511:
                    cb = page[b_offset]
                    if cb:
                        body = page[b_offset + 1 : b_offset + 1 + 2 * cb - 1]
                    else:
                        cb2 = page[b_offset + 1] if b_offset + 1 < 512 else 0
                        body = page[b_offset + 2 : b_offset + 2 + 2 * cb2]
                    istd = struct.unpack_from("<H", body, 0)[0] if len(body) >= 2 else 0
                    grpprl = body[2:]  # after the style index
                self.runs.append((start, end, istd, grpprl))
        self.runs.sort(key=lambda r: r[0])
        self._starts = [r[0] for r in self.runs]
        self._cache: dict[int, _Props] = {}

    def at(self, fc: int) -> _Props:
        import bisect

        if not self.runs:
            return _Props()
        i = bisect.bisect_right(self._starts, fc) - 1
        if i < 0 or not (self.runs[i][0] <= fc < self.runs[i][1]):
            return _Props()
        props = self._cache.get(i)
        if props is None:
            props = self._cache[i] = _props_of(self._resolve(self.runs[i][3]))
            props.istd = self.runs[i][2]
        return props

    def _resolve(self, grpprl: bytes) -> bytes:
        """The property list itself, fetched from the Data stream for sprmPHugePapx."""
        for sprm, op in _sprms(grpprl):
            if sprm == SPRM_P_HUGE_PAPX and len(op) == 4:
                offset = struct.unpack_from("<I", op, 0)[0]
                if offset + 2 <= len(self.data_stream):
                    size = struct.unpack_from("<H", self.data_stream, offset)[0]
                    return self.data_stream[offset + 2 : offset + 2 + size] + grpprl
        return grpprl


def _deleted_ranges(word: bytes, table: bytes, fc: int, lcb: int) -> list[tuple[int, int]]:
    """File offset ranges of text marked as a tracked deletion (PlcBteChpx → CHPX FKPs)."""
    out: list[tuple[int, int]] = []
    for page in _fkp_pages(word, table, fc, lcb):
        crun = page[511]
        if 4 * (crun + 1) + crun > 511:
            continue
        for i in range(crun):
            offset = page[4 * (crun + 1) + i] * 2
            if not offset:
                continue
            grpprl = page[offset + 1 : offset + 1 + page[offset]]
            if any(sprm == SPRM_C_RMARK_DEL and op[:1] in (b"\x01", b"\x81") for sprm, op in _sprms(grpprl)):
                out.append((_u32(page, 4 * i), _u32(page, 4 * (i + 1))))
    return out


def _drop_deleted(text: str, offsets: _Offsets, deleted: list[tuple[int, int]]) -> str:
    """``text`` with the characters of tracked deletions replaced by :data:`DELETED`
    (paragraph and cell marks kept: the table structure stays as it is)."""
    if not deleted:
        return text
    import bisect

    deleted = sorted(deleted)
    his = [hi for _, hi in deleted]  # runs do not overlap, so their ends are sorted too
    chars = list(text)
    ends = offsets.starts[1:] + [len(text)]
    for (fc, width), start, end in zip(offsets.pieces, offsets.starts, ends):
        fc_end = fc + (end - start) * width
        for lo, hi in deleted[bisect.bisect_right(his, fc) :]:
            if lo >= fc_end:
                break
            first = start + max(0, (lo - fc + width - 1) // width)
            last = start + min(end - start, (hi - fc + width - 1) // width)
            for i in range(first, last):
                if chars[i] not in "\r\x07":
                    chars[i] = DELETED
    return "".join(chars)


@dataclass(eq=False)
class _Piece:
    """One piece of a .doc file's piece table: where its characters are stored."""

    cp: int
    cp_end: int
    fc: int
    compressed: bool


def _pieces(table: bytes, fc: int, lcb: int) -> list[_Piece]:
    clx = table[fc : fc + lcb]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        if i + 3 > len(clx):
            raise _DocError("truncated Prc")
        i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise _DocError("no piece table")
    size = _u32(clx, i + 1)
    plc = clx[i + 5 : i + 5 + size]
    if len(plc) < size or size < 4:
        raise _DocError("truncated piece table")
    n = (size - 4) // 12
    if n > MAX_PIECES:
        raise _DocError("too many pieces")
    pieces = []
    for k in range(n):
        cp, cp_end = _u32(plc, 4 * k), _u32(plc, 4 * (k + 1))
        raw = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        compressed = bool(raw & 0x40000000)
        offset = raw & 0x3FFFFFFF
        pieces.append(_Piece(cp, cp_end, offset // 2 if compressed else offset, compressed))
    return pieces


class _Offsets:
    """File offset of each character of the main text, from the pieces (no per-character
    table: a hostile file's length costs no memory here)."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # offset in the text where each piece begins
        self.pieces: list[tuple[int, int]] = []  # (file offset, bytes per character)

    def add(self, text_offset: int, fc: int, width: int) -> None:
        self.starts.append(text_offset)
        self.pieces.append((fc, width))

    def at(self, index: int) -> int:
        import bisect

        k = bisect.bisect_right(self.starts, index) - 1
        if k < 0:
            return -1
        fc, width = self.pieces[k]
        return fc + (index - self.starts[k]) * width


def _main_text(word: bytes, pieces: list[_Piece], ccp_text: int) -> tuple[str, _Offsets]:
    """The main document's characters and where each one is in the file."""
    chars: list[str] = []
    offsets = _Offsets()
    total = 0
    for piece in sorted(pieces, key=lambda p: p.cp):
        if piece.cp >= ccp_text:
            break
        count = min(piece.cp_end, ccp_text) - piece.cp
        if count <= 0:
            continue
        if total + count > MAX_TEXT_CHARS:
            raise _DocError("text too long")
        width = 1 if piece.compressed else 2
        raw = word[piece.fc : piece.fc + count * width]
        text = raw.decode("cp1252", "replace") if piece.compressed else raw.decode("utf-16-le", "replace")
        text = text[:count]
        offsets.add(total, piece.fc, width)
        chars.append(text)
        total += len(text)
    return "".join(chars), offsets


def _strip_fields(text: str) -> str:
    """Drop field instructions (``\\x13 … \\x14``), keep results (``\\x14 … \\x15``)."""
    if FIELD_BEGIN not in text:  # a field's separator or end left from an earlier paragraph
        return (
            text.replace(FIELD_SEPARATOR, "").replace(FIELD_END, "")
            if FIELD_END in text or FIELD_SEPARATOR in text
            else text
        )
    out = []
    stack: list[bool] = []  # per open field: in its instruction part
    for ch in text:
        if ch == FIELD_BEGIN:
            if len(stack) < MAX_FIELD_NESTING:
                stack.append(True)
            continue
        if ch == FIELD_SEPARATOR:
            if stack:
                stack[-1] = False
            continue
        if ch == FIELD_END:
            if stack:
                stack.pop()
            continue
        if not any(stack):
            out.append(ch)
    return "".join(out)


class _Reader(GridTextReader):
    def __init__(self, path: str, numbering: DocNumbering | None = None, styles: StyleLists | None = None):
        super().__init__()
        self.path = path
        self.numbering = numbering
        self.styles = styles
        self.paragraphs = 0
        self.rows: list[tuple[list[str], _Props]] = []
        self.cells: list[str] = []
        self.cell_parts: list[str] = []

    @staticmethod
    def clean(text: str) -> str:
        return _strip_fields(text).translate(DROPPED).replace("\x0b", "\n")

    def flush_table(self) -> None:
        if self.cell_parts:  # a cell never closed: keep its text in the last row
            self.cells.append(self._cell_text())
        if self.cells:
            self.rows.append((self.cells, _Props()))
            self.cells = []
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        spans = column_spans([props.edges for _, props in rows])
        spec_rows = []
        for (cells, props), row_spans in zip(rows, spans):
            specs = []
            for i, text in enumerate(cells):
                merge = props.merges[i] if i < len(props.merges) else ""
                span = row_spans[i] if i < len(row_spans) else 1
                specs.append(
                    CellSpec(text, colspan=span, continues_up=merge == "vcont", continues_left=merge == "hcont")
                )
            spec_rows.append(specs)
        self.emitter.table(spec_rows)

    def _cell_text(self) -> str:
        parts, self.cell_parts = self.cell_parts, []
        return " ".join(" ".join(p.split("\n")).strip() for p in parts if p.strip())

    def list_number(self, props: _Props) -> str:
        """The automatic number of a paragraph ("" when it has none)."""
        if self.numbering is None or not self.numbering.lfo_lsid:
            return ""
        ilfo, ilvl = props.ilfo, props.ilvl
        if (ilfo is None or ilvl is None) and self.styles is not None:
            style_lfo, style_lvl = self.styles.of(props.istd)
            ilfo = style_lfo if ilfo is None else ilfo
            ilvl = style_lvl if ilvl is None else ilvl
        if not ilfo or ilfo < 0:
            return ""
        return self.numbering.number(ilfo, ilvl or 0)

    def paragraph(self, text: str, mark: str, props: _Props) -> None:
        if not props.in_table:
            self.flush_table()
            self.paragraphs += 1
            self.lines.paragraph(self.list_number(props) + self.clean(text), (None, self.paragraphs, None))
            return
        if props.itap > 1:  # nested table: its text goes into the enclosing cell
            if not props.inner_ttp:
                self.cell_parts.append(self.clean(text))
            return
        if props.ttp:
            self.rows.append((self.cells, props))
            self.cells = []
            self.cell_parts = []
            return
        self.cell_parts.append(self.list_number(props) + self.clean(text))
        if mark == "\x07":
            self.cells.append(self._cell_text())

    def run(self, text: str, offsets: _Offsets, paragraphs: _Paragraphs) -> None:
        start = 0
        for mark in PARAGRAPH_MARK.finditer(text):
            i, ch = mark.start(), mark.group()
            props = paragraphs.at(offsets.at(i))
            if ch == "\x07" and not props.in_table:
                # a cell mark without table properties: still a cell
                props = _Props(in_table=True, itap=1)
            self.paragraph(text[start:i], ch, props)
            start = i + 1
        if start < len(text):
            self.paragraph(text[start:], "\r", _Props())
        self.flush_table()


def _label(path: str) -> Text:
    """What the file is, as its name says (the content may still be a compound file)."""
    suffix = path.lower().rpartition(".")[2]
    if suffix in ("wps", "wpt"):
        return Text(f"WPS 文字文档（.{suffix}）", f"WPS Writer document (.{suffix})")
    if suffix in ("docx", "docm", "dotx", "dotm"):  # a compound file under an OOXML name: encrypted
        return Text(f"Word 文档（.{suffix}）", f"Word document (.{suffix})")
    return LABEL


def _refuse(path: str, label: Text, problem: Text, advice: Text = ADVICE) -> InputError:
    return InputError(
        Text(f"{label.zh}：{problem.zh}；{advice.zh}", f"{label.en}: {problem.en}; {advice.en}"),
        path,
    )


def read(path: str, data: bytes, kind: str = "doc") -> Extracted:
    label = _label(path)
    try:
        import olefile
    except ImportError:  # a broken install: say so instead of a traceback
        raise _refuse(
            path,
            label,
            T("缺少读取此格式所需的 olefile 包", "the olefile package needed for this format is not installed"),
            T("请运行 pip install olefile，或另存为 .docx 再检查", "run pip install olefile, or save it as .docx"),
        ) from None
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if not data.strip(b"\0 \t\r\n"):
            problem = T("文件是空的", "the file is empty")
        elif data.startswith(b"\xdb\xa5"):
            problem = T("这是 Word 2.0 或更早的格式，不支持", "this is the Word 2.0 (or older) format, not supported")
        elif label.en.startswith("WPS"):
            problem = T(
                "不是 Word 兼容格式（可能是 WPS 早期专有格式）",
                "it is not in the Word-compatible layout (perhaps an early WPS-only format)",
            )
        else:
            problem = T("不是 Word 二进制格式（复合文档）", "it is not in the Word binary (compound file) format")
        raise _refuse(
            path,
            label,
            problem,
            T("请在 WPS 或 Word 中“另存为” .docx 后再检查", "in WPS or Word, “Save As” .docx and check that"),
        )
    # The library's own wording (Python internals such as "Exceeds the limit (4300
    # digits)…") helps nobody who holds the file: say what it is and what to do.
    damaged = T("文件损坏或不完整", "the file is damaged or incomplete")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises many kinds on malformed input
        raise _refuse(path, label, damaged) from None
    try:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise _refuse(
                path,
                label,
                T("文档已加密（设置了打开密码），无法读取", "the document is encrypted (it has an open password)"),
                ENCRYPTED_ADVICE,
            )
        if not ole.exists("WordDocument"):
            raise _refuse(
                path,
                label,
                T(
                    "这个复合文档不是 Word 文档（没有 WordDocument 流；可能是 Excel、PowerPoint 或 WPS 专有格式）",
                    "this compound file is not a Word document (no WordDocument stream; perhaps Excel, "
                    "PowerPoint or a WPS-only format)",
                ),
                T("请在 WPS 或 Word 中“另存为” .docx 后再检查", "in WPS or Word, “Save As” .docx and check that"),
            )
        word = ole.openstream("WordDocument").read()
        text, offsets, paragraphs, numbering, styles = _parse(path, label, ole, word)
    except InputError:
        raise
    except Exception:  # _DocError, struct/olefile errors on a damaged sector chain …
        raise _refuse(path, label, damaged) from None
    finally:
        ole.close()
    reader = _Reader(path, numbering, styles)
    reader.run(text, offsets, paragraphs)
    return reader.extracted(path, kind)


def _parse(path: str, label: Text, ole, word: bytes):
    if len(word) < 32 or _u16(word, 0) not in (0xA5EC, 0xA5DC):  # 0xA5DC: Word 6.0/95
        raise _DocError("no Word FIB")
    nfib = _u16(word, 2)
    flags = _u16(word, 0x0A)
    if flags & 0x0100:  # fEncrypted
        raise _refuse(
            path,
            label,
            T("文档已加密（设置了打开密码），无法读取", "the document is encrypted (it has an open password)"),
            ENCRYPTED_ADVICE,
        )
    if nfib < 0xC0:  # Word 6.0 is 101, Word 95 is 104; Word 97 and later write 0xC1 or more
        raise _refuse(
            path,
            label,
            T("这是 Word 6.0/95 或更早的格式，不支持", "this is the Word 6.0/95 (or older) format, not supported"),
        )
    table_name = "1Table" if flags & 0x0200 else "0Table"
    if not ole.exists(table_name):
        raise _DocError(f"no {table_name} stream")
    table = ole.openstream(table_name).read()
    # FIB: FibBase (32 bytes), csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcb.
    pos = 32
    csw = _u16(word, pos)
    pos += 2 + 2 * csw
    cslw = _u16(word, pos)
    rg_lw = pos + 2
    ccp_text = _u32(word, rg_lw + 4 * 3)
    pos = rg_lw + 4 * cslw
    cb_fc_lcb = _u16(word, pos)
    rg_fc_lcb = pos + 2
    if cb_fc_lcb < 34:
        raise _DocError("short FIB")

    def fc_lcb(index: int) -> tuple[int, int]:
        return _u32(word, rg_fc_lcb + 8 * index), _u32(word, rg_fc_lcb + 8 * index + 4)

    fc_clx, lcb_clx = fc_lcb(33)
    fc_papx, lcb_papx = fc_lcb(13)
    pieces = _pieces(table, fc_clx, lcb_clx)
    text, offsets = _main_text(word, pieces, ccp_text)
    fc_chpx, lcb_chpx = fc_lcb(12)
    text = _drop_deleted(text, offsets, _deleted_ranges(word, table, fc_chpx, lcb_chpx))
    data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    paragraphs = _Paragraphs(word, table, fc_papx, lcb_papx, data_stream)
    numbering = styles = None
    if cb_fc_lcb > 74:
        numbering = DocNumbering(table, fc_lcb(73), fc_lcb(74))
        if numbering.lfo_lsid:
            styles = StyleLists(table, *fc_lcb(1), _sprms)
    return text, offsets, paragraphs, numbering, styles
