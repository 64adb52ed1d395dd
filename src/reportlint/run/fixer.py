"""Apply safe fixes to .txt/.md files, changing only the bytes the fixes are about.

Edits are character offsets into the reader's text, which is decoded, stripped of its
byte-order mark and has every line end folded to ``\\n``. Re-encoding that text would
rewrite the whole file: a UTF-16BE file would come back little-endian, damaged bytes as
U+FFFD, a file with mixed LF and CRLF with one kind only. So the fixer works on the
file's bytes instead: it decodes them again in pieces whose byte spans are known
(:class:`ByteLayout`), maps each edit's start and end to byte offsets, and splices the
encoded replacement text between untouched runs of the original bytes. Everything
outside the edits is copied, never re-encoded.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import itertools
import re

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Diagnostic, Edit
from reportlint.core.errors import InputError
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.extracted import Extracted

_NEWLINE = pattern_store.compile(r"\r\n|\r|\n")


def collect_edits(diags: list[Diagnostic]) -> list[Edit]:
    """Non-overlapping edits of safe fixes, in order; on overlap the first fix wins.

    Overlapping *deletions* are the exception: deleting both means deleting their
    union, so they are merged. (Two debris lines at the end of a file without a final
    line end overlap by that line end; dropping one would leave it for a second
    ``--fix`` run, which must change nothing.) Near-linear: the accepted spans are
    kept sorted and a candidate is compared with its neighbours only.
    """
    keys: list[tuple[int, int]] = []  # accepted spans, sorted (ends ascend with starts)
    starts: list[int] = []
    texts: list[str] = []

    def overlapping(e: Edit) -> list[int]:
        i = bisect.bisect_left(starts, e.start)
        found = []
        if i > 0 and keys[i - 1][1] > e.start and keys[i - 1][0] < e.end:
            found.append(i - 1)
        k = i
        while k < len(keys) and keys[k][0] < e.end:
            if e.start < keys[k][1]:
                found.append(k)
            k += 1
        return found

    def insert(start: int, end: int, text: str) -> None:
        i = bisect.bisect_right(keys, (start, end))
        keys.insert(i, (start, end))
        starts.insert(i, start)
        texts.insert(i, text)

    for d in diags:
        if d.fix is None or not d.fix.safe:
            continue
        candidate = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(e.start < 0 or e.end < e.start for e in candidate):
            continue
        if any(a.end > b.start for a, b in itertools.pairwise(candidate)):
            continue  # a fix whose own edits overlap cannot be applied in any order
        hits = [overlapping(e) for e in candidate]
        if any(hits):
            mergeable = all(e.text == "" and e.start < e.end for e in candidate) and all(
                texts[k] == "" and keys[k][0] < keys[k][1] for found in hits for k in found
            )
            if not mergeable:
                continue
        for e in candidate:
            found = overlapping(e)
            start, end = e.start, e.end
            for k in reversed(found):
                start, end = min(start, keys[k][0]), max(end, keys[k][1])
                del keys[k], starts[k], texts[k]
            insert(start, end, e.text)
    return [Edit(s, t, text) for (s, t), text in zip(keys, texts)]


def fixed_diagnostics(diags: list[Diagnostic], edits: list[Edit]) -> set[int]:
    """``id()`` of the diagnostics whose safe fix is fully applied by ``edits`` (an edit
    of theirs is applied when it is one of ``edits`` or a deletion merged into one)."""
    applied = set(edits)
    deletions = [e for e in edits if e.text == "" and e.start < e.end]
    del_starts = [e.start for e in deletions]

    def done(e: Edit) -> bool:
        if e in applied:
            return True
        if e.text != "":
            return False
        i = bisect.bisect_right(del_starts, e.start) - 1
        return i >= 0 and deletions[i].end >= e.end

    return {id(d) for d in diags if d.fix and d.fix.safe and all(done(e) for e in d.fix.edits)}


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


# -- byte layout -------------------------------------------------------------------------


class FixError(InputError):
    """Fixes that cannot be applied without changing bytes they are not about."""


_NOT_EXACT = T(
    "未写入修复：文件内容无法逐字节还原（{why}），为免损坏文件，请手工修改",
    "fixes not written: the file cannot be rewritten byte for byte ({why}); fix it by hand to avoid damaging it",
)
_CHANGED = T(
    "未写入修复：检查期间文件已被修改，请重新运行",
    "fixes not written: the file changed while it was being checked; run again",
)


@dataclass
class _Piece:
    text: str  # decoded text of this run of bytes
    start: int  # byte span in the whole file
    end: int
    damaged: bool = False  # undecodable bytes, shown as one U+FFFD: copied verbatim


def _bom_and_codec(data: bytes, encoding: str | None, bom: bool) -> tuple[int, str]:
    """(length of the byte-order mark, codec without BOM handling) for the file."""
    encoding = (encoding or "utf-8").lower()
    if encoding == "utf-8-sig":
        return (3 if data.startswith(codecs.BOM_UTF8) else 0), "utf-8"
    if encoding == "utf-32":
        if data.startswith(codecs.BOM_UTF32_LE):
            return 4, "utf-32-le"
        if data.startswith(codecs.BOM_UTF32_BE):
            return 4, "utf-32-be"
        return 0, "utf-32"
    if encoding == "utf-16":
        if data.startswith(codecs.BOM_UTF16_LE):
            return 2, "utf-16-le"
        if data.startswith(codecs.BOM_UTF16_BE):
            return 2, "utf-16-be"
        return 0, "utf-16"
    return 0, encoding


def _decode_pieces(body: bytes, offset: int, codec: str) -> list[_Piece]:
    """``body`` decoded into runs of valid text and single damaged sequences, each with
    its byte span; the damaged ones decode to U+FFFD exactly as ``errors="replace"``."""
    pieces: list[_Piece] = []
    pos = 0
    decoder = codecs.getincrementaldecoder(codec)("strict")
    while pos < len(body):
        try:
            text = decoder.decode(body[pos:], final=True)
            pieces.append(_Piece(text, offset + pos, offset + len(body)))
            break
        except UnicodeDecodeError as exc:
            # exc.start/end are relative to the slice; the run before it decodes cleanly
            # on its own (the decoders involved keep no state across a valid character).
            good_end = pos + exc.start
            if exc.start:
                decoder.reset()
                pieces.append(_Piece(body[pos:good_end].decode(codec), offset + pos, offset + good_end))
            bad_end = pos + max(exc.end, exc.start + 1)
            pieces.append(_Piece("\ufffd", offset + good_end, offset + bad_end, damaged=True))
            pos = bad_end
            decoder.reset()
    return pieces


class ByteLayout:
    """Where each character of the reader's text lies in the file's bytes."""

    def __init__(self, data: bytes, extracted: Extracted):
        self.data = data
        bom_len, self.codec = _bom_and_codec(data, extracted.encoding, extracted.bom)
        try:
            codecs.lookup(self.codec)
        except LookupError:
            raise FixError(_NOT_EXACT.format(why=f"encoding {self.codec}"), extracted.path) from None
        self.pieces = _decode_pieces(data[bom_len:], bom_len, self.codec)
        for piece in self.pieces:
            # Unedited runs are copied, but offsets inside a run are measured by
            # encoding it: that needs an encoding that round-trips (GB18030 nearly
            # always does; check rather than trust).
            if not piece.damaged and piece.text.encode(self.codec) != data[piece.start : piece.end]:
                raise FixError(_NOT_EXACT.format(why=f"{self.codec} does not round-trip"), extracted.path)
        self.raw = "".join(p.text for p in self.pieces)
        self._piece_starts: list[int] = []  # character offset of each piece in raw
        n = 0
        for p in self.pieces:
            self._piece_starts.append(n)
            n += len(p.text)
        # The reader drops one leading U+FEFF (a BOM the codec left in) and folds
        # CRLF and lone CR to LF; keep what it takes to undo both.
        self.lead = 1 if self.raw.startswith("\ufeff") else 0
        self._crlf_at: list[int] = []  # positions in the reader's text of LFs that were CRLF
        for k, m in enumerate(re.finditer("\r\n", self.raw)):
            self._crlf_at.append(m.start() - self.lead - k)
        folded = self.raw[self.lead :]
        if "\r" in folded:
            folded = folded.replace("\r\n", "\n").replace("\r", "\n")
        if folded != extracted.text:
            raise FixError(_CHANGED, extracted.path)

    def raw_index(self, i: int) -> int:
        """Offset in the undecoded-line-ends text of offset ``i`` of the reader's text."""
        return i + self.lead + bisect.bisect_left(self._crlf_at, i)

    def byte_offsets(self, raw_offsets: list[int]) -> list[int]:
        """Byte offsets of ascending character offsets into :attr:`raw`, in one pass."""
        out = []
        piece = 0
        char_pos = 0  # within the current piece
        byte_pos = self.pieces[0].start if self.pieces else len(self.data)
        for r in raw_offsets:
            while piece < len(self.pieces) and r >= self._piece_starts[piece] + len(self.pieces[piece].text):
                byte_pos = self.pieces[piece].end
                piece += 1
                char_pos = 0
            if piece == len(self.pieces):
                out.append(len(self.data))
                continue
            p = self.pieces[piece]
            k = r - self._piece_starts[piece]
            if k == 0:
                byte_pos = p.start
                char_pos = 0
            elif p.damaged:  # cannot split a damaged sequence
                raise ValueError("edit boundary inside a damaged byte sequence")
            elif k > char_pos:
                byte_pos += len(p.text[char_pos:k].encode(self.codec))
                char_pos = k
            out.append(byte_pos)
        return out

    def newline_near(self, raw_start: int, raw_end: int, default: str) -> str:
        """The line end an edit's inserted lines get: the first one it replaces, else
        the one of the line it is on, else the line before's."""
        m = _NEWLINE.search(self.raw, raw_start)
        if m is not None:
            return m.group()
        back = max(self.raw.rfind("\n", 0, raw_start), self.raw.rfind("\r", 0, raw_start))
        if back >= 0:
            if self.raw[back] == "\n" and back > 0 and self.raw[back - 1] == "\r":
                return "\r\n"
            return self.raw[back]
        return default

    def encode(self, text: str) -> bytes:
        return text.encode(self.codec)


def fix_bytes(data: bytes, extracted: Extracted, edits: list[Edit]) -> bytes:
    """``data`` (the file's bytes, which the reader turned into ``extracted``) with
    ``edits`` applied; every byte outside the edits is kept as it was.

    Raises :class:`FixError` when that cannot be guaranteed.
    """
    if not edits:
        return data
    layout = ByteLayout(data, extracted)
    size = len(extracted.text)
    if any(not (0 <= e.start <= e.end <= size) for e in edits):
        raise FixError(_NOT_EXACT.format(why="an edit lies outside the text"), extracted.path)
    raw_spans = [(layout.raw_index(e.start), layout.raw_index(e.end)) for e in edits]
    flat = sorted({r for span in raw_spans for r in span})
    try:
        offsets = dict(zip(flat, layout.byte_offsets(flat)))
    except ValueError as exc:
        raise FixError(_NOT_EXACT.format(why=str(exc)), extracted.path) from None
    out = []
    pos = 0
    for e, (rs, re_) in zip(edits, raw_spans):
        bs, be = offsets[rs], offsets[re_]
        out.append(data[pos:bs])
        replacement = e.text
        if "\n" in replacement:
            replacement = replacement.replace("\n", layout.newline_near(rs, re_, extracted.newline))
        try:
            out.append(layout.encode(replacement))
        except UnicodeEncodeError:
            raise FixError(
                _NOT_EXACT.format(why=f"the fix has characters {layout.codec} cannot hold"), extracted.path
            ) from None
        pos = be
    out.append(data[pos:])
    return b"".join(out)


def edits_between(before: str, after: str) -> list[Edit]:
    """One edit turning ``before`` into ``after``: the part between their common
    prefix and suffix (for callers that only have the fixed text)."""
    if before == after:
        return []
    n = min(len(before), len(after))
    lo = 0
    while lo < n and before[lo] == after[lo]:
        lo += 1
    hi = 0
    while hi < n - lo and before[len(before) - 1 - hi] == after[len(after) - 1 - hi]:
        hi += 1
    return [Edit(lo, len(before) - hi, after[lo : len(after) - hi])]


def write_fixed(extracted: Extracted, text: str, edits: list[Edit] | None = None) -> None:
    """Write the fixes into the file in place (see :func:`reportlint.core.atomic.rewrite_file`).

    ``edits`` are those that turned ``extracted.text`` into ``text``; without them the
    single changed region between the two is used.
    """
    from reportlint.core.atomic import read_for_rewrite, rewrite_file

    if edits is None:
        edits = edits_between(extracted.text, text)
    if not edits:
        return
    data = read_for_rewrite(extracted.path)
    rewrite_file(extracted.path, fix_bytes(data, extracted, edits), expected=data)
