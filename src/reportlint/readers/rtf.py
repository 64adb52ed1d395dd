"""Rich Text Format (.rtf; Word, WPS, LibreOffice): paragraphs and tables in order,
tables as real grids — the same :class:`Extracted` as the .docx reader.

A small tokenizer over the bytes (no dependency; one regular expression in linear
time plus a bounded group stack):

* Text: plain characters, ``\\'hh`` bytes decoded in the code page of the current
  font's ``\\fcharset`` (GBK for 134, Big5 for 136…) or of ``\\ansicpg``, ``\\uN``
  with its ``\\ucN`` fallback skipped; ``\\par`` ends a paragraph, ``\\line`` is a
  newline, ``\\tab`` a tab. Destinations with no visible body text (font and colour
  tables, style sheet, pictures, objects, headers, footers, notes, field
  instructions, every ``{\\*…}``) are skipped; a field's result is kept; hidden
  (``\\v``) text and tracked deletions (``\\deleted``) are not text.
* Tables: ``\\cell`` ends a cell, ``\\row`` a row; each row's ``\\cellxN`` right
  boundaries, gathered over the whole table, give the columns, so a cell spanning
  several boundaries gets that colspan; ``\\clvmgf``/``\\clvmrg`` (vertical) and
  ``\\clmgf``/``\\clmrg`` (horizontal) merges become the merges of a :class:`Grid`.
  Nested tables (``\\nestcell``) are flattened into their cell.
* Positions: ``paragraph=n`` (body paragraphs) or the grid cell.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import field

from reportlint.core.errors import InputError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted
from reportlint.readers._grid_emit import CellSpec, GridTextReader, column_spans

MAX_GROUP_DEPTH = 1000
MAX_CELLS_PER_ROW = 1000

LABEL = T("RTF 文档（.rtf）", "RTF document (.rtf)")
ADVICE = T(
    "请在 Word 或 WPS 中打开后“另存为” .docx 再检查",
    "open it in Word or WPS, “Save As” .docx and check that",
)

# Destinations whose text is not body text.
SKIP_DESTINATIONS = frozenset(
    [
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "footnote",
        "annotation",
        "atnid",
        "atnauthor",
        "atndate",
        "comment",
        "fldinst",
        "listtable",
        "listoverridetable",
        "revtbl",
        "rsidtbl",
        "xmlnstbl",
        "themedata",
        "colorschememapping",
        "datastore",
        "latentstyles",
        "generator",
        "pgdsctbl",
        "nonshppict",
        "shpinst",
        "shppict",
        "bkmkstart",
        "bkmkend",
        "filetbl",
        "private",
        "txe",
        "xe",
        "tc",
        "nesttableprops",
        "objdata",
        "result",
        "picprop",
        "blipuid",
    ]
)
# \fcharset → code page of the bytes written with that font.
# 0 (ANSI) and 1 (default) mean the document's own code page (\ansicpg), so they are not here.
CHARSET_CODEPAGES = {
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "big5",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}

TOKEN = re.compile(  # a bytes pattern: re compiles it (the pattern store keeps str patterns only)
    rb"\\([a-zA-Z]{1,32})(-?[0-9]{1,10})? ?"  # control word
    rb"|\\'([0-9a-fA-F]{2})"  # hex byte
    rb"|\\([^a-zA-Z'])"  # control symbol
    rb"|([{}])"
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)",
    re.S,
)


@dataclass(eq=False)
class _State:
    """Character and paragraph properties that groups save and restore."""

    skip: bool = False
    uc: int = 1
    font: int | None = None
    hidden: bool = False  # \v hidden text or \deleted tracked deletion: not shown


@dataclass(eq=False)
class _Row:
    """A table row of an RTF document while it is parsed."""

    cells: list[list[str]] = field(default_factory=list)  # text pieces of each finished cell
    cellx: list[int] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "", "vfirst", "vcont", "hfirst", "hcont" per cellx
    left: int = 0


class _Reader(GridTextReader):
    def __init__(self, path: str, data: bytes):
        super().__init__()
        self.path = path
        self.data = data
        self.paragraphs = 0
        self.codepage = "cp1252"
        self.font_codepages: dict[int, str] = {}
        self.default_font: int | None = None
        # current paragraph / cell
        self.para: list[str] = []
        self.pending: bytearray = bytearray()
        self.pending_codepage = "cp1252"
        self.in_table = False  # \intbl of the current paragraph
        self.cell: list[str] = []  # pieces of the cell being filled (paragraphs joined by spaces)
        self.row = _Row()
        self.row_defs_pending: list[tuple[int, str]] = []  # (cellx, merge) since \trowd
        self.row_left = 0
        self.cell_merge = ""
        self.table_rows: list[_Row] = []
        self.nest = 0  # \itap > 1: inside a nested table
        self.list_number_at: int | None = None  # index in self.para where a \listtext group began
        self.list_number_depth = 0

    def _end_list_number(self) -> None:
        self._flush_bytes()
        at, self.list_number_at = self.list_number_at, None
        number = "".join(self.para[at:]).strip()
        if number and number[-1].isalnum():
            number += " "
        self.para[at:] = [number]

    # -- text --------------------------------------------------------------------------
    def _flush_bytes(self) -> None:
        if self.pending:
            self.para.append(bytes(self.pending).decode(self.pending_codepage, "replace"))
            self.pending.clear()

    def _codepage(self, state: _State) -> str:
        font = state.font if state.font is not None else self.default_font
        return self.font_codepages.get(font, self.codepage) if font is not None else self.codepage

    def _byte(self, value: int, state: _State) -> None:
        cp = self._codepage(state)
        if self.pending and cp != self.pending_codepage:
            self._flush_bytes()
        self.pending_codepage = cp
        self.pending.append(value)

    def _text(self, text: str) -> None:
        self._flush_bytes()
        self.para.append(text)

    def _end_paragraph(self) -> None:
        self._flush_bytes()
        text = "".join(self.para)
        self.para = []
        if self.in_table:
            self.cell.append(text)
            return
        self._flush_table()
        self.paragraphs += 1
        self.lines.paragraph(text, (None, self.paragraphs, None))

    def _end_cell(self) -> None:
        self._flush_bytes()
        self.cell.append("".join(self.para))
        self.para = []
        text = " ".join(" ".join(p.split("\n")).strip() for p in self.cell if p.strip())
        self.cell = []
        if len(self.row.cells) < MAX_CELLS_PER_ROW:
            self.row.cells.append([text])

    def _end_row(self) -> None:
        if self.para or self.pending:  # text after the last \cell: part of no cell
            self._flush_bytes()
            self.para = []
        defs = self.row_defs_pending
        self.row.cellx = [x for x, _ in defs]
        self.row.merges = [m for _, m in defs]
        self.row.left = self.row_left
        if self.row.cells:
            self.table_rows.append(self.row)
        self.row = _Row()

    def _flush_table(self) -> None:
        if not self.table_rows:
            return
        rows, self.table_rows = self.table_rows, []
        spans = column_spans([[row.left] + row.cellx if row.cellx else [] for row in rows])
        spec_rows: list[list[CellSpec]] = []
        for row, row_spans in zip(rows, spans):
            specs = []
            for i, pieces in enumerate(row.cells):
                merge = row.merges[i] if i < len(row.merges) else ""
                span = row_spans[i] if i < len(row_spans) else 1
                specs.append(
                    CellSpec(pieces[0], colspan=span, continues_up=merge == "vcont", continues_left=merge == "hcont")
                )
            spec_rows.append(specs)
        self.emitter.table(spec_rows)

    # -- parsing -----------------------------------------------------------------------
    def _error(self, problem: Text) -> InputError:
        return InputError(
            T(
                f"不是有效的 {LABEL.zh}文件（{problem.zh}）；{ADVICE.zh}",
                f"not a valid {LABEL.en} file ({problem.en}); {ADVICE.en}",
            ),
            self.path,
        )

    def run(self) -> None:
        data = self.data
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
            raise self._error(T("缺少 {\\rtf 文件头", "the {\\rtf header is missing"))
        state = _State()
        stack: list[_State] = []
        skip_chars = 0  # \uN fallback characters still to skip
        dest_expected = False  # after "{\*": the group is an ignorable destination
        fonttbl_depth = None  # group depth of the font table
        font_pending: int | None = None
        pos, n = 0, len(data)
        match = TOKEN.match
        while pos < n:
            m = match(data, pos)
            if m is None:  # a lone backslash at the end
                break
            pos = m.end()
            word, brace, text = m.group(1), m.group(5), m.group(6)
            if brace is not None:
                if brace == b"{":
                    if len(stack) >= MAX_GROUP_DEPTH:
                        raise self._error(
                            T(
                                f"分组嵌套过深（超过 {MAX_GROUP_DEPTH} 层）",
                                f"groups are nested too deeply (more than {MAX_GROUP_DEPTH} levels)",
                            )
                        )
                    stack.append(state)
                    state = _State(state.skip, state.uc, state.font, state.hidden)
                else:
                    if fonttbl_depth is not None and len(stack) <= fonttbl_depth:
                        fonttbl_depth = None
                    if self.list_number_at is not None and len(stack) <= self.list_number_depth:
                        self._end_list_number()
                    if stack:
                        state = stack.pop()
                skip_chars = 0
                dest_expected = False
                continue
            if word is not None:
                name = word.decode("ascii")
                param = m.group(2)
                value = int(param) if param is not None else None
                if dest_expected:
                    dest_expected = False
                    state.skip = True
                    continue
                if name == "bin":  # raw bytes follow: step over them
                    pos = min(n, pos + max(value or 0, 0))
                    continue
                if skip_chars and name not in ("u",):
                    skip_chars -= 1
                    continue
                if name in SKIP_DESTINATIONS:
                    if name == "fonttbl":
                        fonttbl_depth = len(stack)
                        state.skip = True
                    else:
                        state.skip = True
                    continue
                if fonttbl_depth is not None:
                    # inside the font table: \fN and \fcharsetN give each font's code page
                    if name == "f" and value is not None:
                        font_pending = value
                    elif name == "fcharset" and value is not None and font_pending is not None:
                        cp = CHARSET_CODEPAGES.get(value)
                        if cp:
                            self.font_codepages[font_pending] = cp
                    elif name == "cpg" and value is not None and font_pending is not None:
                        self.font_codepages[font_pending] = _codepage_name(value) or self.codepage
                    continue
                if name in ("listtext", "pntext") and not state.skip:
                    # the list number Word drew, e.g. "一、\tab": kept as the .docx reader renders it
                    self._flush_bytes()
                    self.list_number_at = len(self.para)
                    self.list_number_depth = len(stack)
                    continue
                self._control(name, value, state)
                if name == "u" and value is not None:
                    skip_chars = state.uc
                continue
            if state.skip:
                continue
            hexbyte = m.group(3)
            if hexbyte is not None:
                if skip_chars:
                    skip_chars -= 1
                    continue
                if not state.hidden:
                    self._byte(int(hexbyte, 16), state)
                continue
            symbol = m.group(4)
            if symbol is not None:
                dest_expected = False
                if symbol == b"*":
                    dest_expected = True
                    continue
                if skip_chars:
                    skip_chars -= 1
                    continue
                if state.hidden:
                    continue
                if symbol in (b"\\", b"{", b"}"):
                    self._text(symbol.decode("ascii"))
                elif symbol == b"~":
                    self._text("\u00a0")
                elif symbol == b"_":
                    self._text("-")
                elif symbol in (b"\n", b"\r"):
                    self._end_paragraph()
                elif symbol == b"\t":
                    self._text("\t")
                continue
            if text is not None:
                dest_expected = False
                if skip_chars:
                    k = min(skip_chars, len(text))
                    skip_chars -= k
                    text = text[k:]
                if text and not state.hidden:
                    self._text(text.decode(self._codepage(state), "replace"))
        if stack:
            # Groups left open: the file was cut off (an interrupted save or download).
            raise self._error(
                T(
                    "文件不完整：有 {n} 个分组没有结束（缺少 }}），可能保存或下载时中断",
                    "the file is incomplete: {n} groups are never closed (missing }}); the save or download was "
                    "probably interrupted",
                ).format(n=len(stack))
            )
        # End of file: what is still open is written out.
        self._flush_bytes()
        if self.para:
            self.in_table = False
            self._end_paragraph()
        if self.row.cells:
            self._end_row()
        self._flush_table()

    def _control(self, name: str, value: int | None, state: _State) -> None:
        if name == "ansicpg" and value is not None:
            self.codepage = _codepage_name(value) or self.codepage
        elif name == "deff" and value is not None:
            self.default_font = value
        elif name == "uc" and value is not None:
            state.uc = min(max(value, 0), 10)
        elif name == "f" and value is not None:
            state.font = value
        elif name in ("v", "deleted"):
            state.hidden = value != 0
        elif name == "plain":
            state.hidden = False
        elif state.skip:
            return
        elif name == "u" and value is not None:
            if not state.hidden:
                code = value + 65536 if value < 0 else value
                self._text(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd")
        elif name == "par":
            self._end_paragraph()
        elif name in ("line",):
            self._text("\n")
        elif name == "tab":
            self._text("\t")
        elif name in ("emdash", "endash"):
            self._text("—" if name == "emdash" else "–")
        elif name in ("lquote", "rquote", "ldblquote", "rdblquote"):
            self._text({"lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”"}[name])
        elif name == "bullet":
            self._text("•")
        elif name == "pard":
            self.in_table = False
            self.nest = 0
        elif name == "intbl":
            self.in_table = True
        elif name == "itap" and value is not None:
            self.nest = value
            self.in_table = value > 0
        elif name in ("nestcell", "nestrow"):
            self._text(" ")
        elif name == "cell":
            self.in_table = True
            self._end_cell()
        elif name == "row":
            self._end_row()
        elif name == "trowd":
            self.row_defs_pending = []
            self.row_left = 0
            self.cell_merge = ""
        elif name == "trleft" and value is not None:
            self.row_left = value
        elif name in ("clvmgf", "clvmrg", "clmgf", "clmrg"):
            self.cell_merge = {"clvmgf": "vfirst", "clvmrg": "vcont", "clmgf": "hfirst", "clmrg": "hcont"}[name]
        elif name == "cellx" and value is not None:
            if len(self.row_defs_pending) < MAX_CELLS_PER_ROW:
                self.row_defs_pending.append((value, self.cell_merge))
            self.cell_merge = ""
        elif name == "sect":
            self._end_paragraph()


def _codepage_name(value: int) -> str | None:
    name = "gbk" if value == 936 else f"cp{value}"
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def read(path: str, data: bytes, kind: str = "rtf") -> Extracted:
    reader = _Reader(path, data)
    reader.run()
    return reader.extracted(path, kind)
