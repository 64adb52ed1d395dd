"""Property: ``--fix`` changes the bytes of its edits and nothing else.

Files are generated as a list of units, each a piece of the reader's text with the
exact bytes it came from (a character, a line end of the line's own kind, a damaged
byte). Edits are placed at unit boundaries, so the expected output is known byte for
byte: the BOM, every untouched unit's original bytes, and each replacement encoded in
the file's encoding.
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportlint.core.diagnostics import Edit
from reportlint.readers import read
from reportlint.run import fixer

ENCODINGS = {
    # name: (BOM, codec for the body)
    "utf-8": (b"", "utf-8"),
    "utf-8-sig": (codecs.BOM_UTF8, "utf-8"),
    "gb18030": (b"", "gb18030"),
    "gbk": (b"", "gbk"),
    "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32-le": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-32-be": (codecs.BOM_UTF32_BE, "utf-32-be"),
}
# Report-like characters every encoding above can hold (CJK, full-width punctuation).
ALPHABET = "政府信息公开年度报告工作情况一二三四五六七八九十。，、；：（）《》“”0123456789abcXYZ %-"
LINE_ENDS = ("\n", "\r\n", "\r")
DAMAGED_UTF8 = "utf-8 with damaged bytes"
# What the reader reports for each (an ASCII-only GBK file is also valid UTF-8, and is
# read as such: such cases are skipped, the property is about files read as written).
READ_AS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
}


@st.composite
def report_files(draw):
    encoding = draw(st.sampled_from([*sorted(ENCODINGS), DAMAGED_UTF8, DAMAGED_UTF8]))
    damage = encoding == DAMAGED_UTF8
    if damage:
        encoding = "utf-8"
    bom, codec = ENCODINGS[encoding]
    n_lines = draw(st.integers(1, 12))
    units: list[tuple[str, bytes]] = []
    damaged_lines = set(draw(st.lists(st.integers(0, n_lines - 1), min_size=1, max_size=2))) if damage else set()
    for i in range(n_lines):
        line = draw(st.text(ALPHABET, min_size=1, max_size=30))
        chars = [(ch, ch.encode(codec)) for ch in line]
        if i in damaged_lines:
            at = draw(st.integers(0, len(chars)))
            chars.insert(at, ("\ufffd", draw(st.sampled_from([b"\xff", b"\xfe", b"\xc3", b"\xe4\xb8"]))))
        units.extend(chars)
        last = i == n_lines - 1
        if not last or draw(st.booleans()):
            end = draw(st.sampled_from(LINE_ENDS))
            units.append(("\n", end.encode(codec)))
    if damaged_lines:
        # "UTF-8 with a few damaged bytes" needs plenty of valid non-ASCII text.
        units.extend((ch, ch.encode()) for ch in "年度报告政府信息公开" * 12)
    return encoding, bom, codec, units


@st.composite
def files_and_edits(draw):
    encoding, bom, codec, units = draw(report_files())
    n = len(units)
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=0, max_size=8)))
    spans = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        spans.append((a, b))
    replacements = [draw(st.text(ALPHABET, max_size=6)) for _ in spans]
    return encoding, bom, codec, units, spans, replacements


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files_and_edits())
def test_fix_bytes_equal_input_outside_the_edits(tmp_path_factory, case):
    encoding, bom, codec, units, spans, replacements = case
    data = bom + b"".join(b for _, b in units)
    path = tmp_path_factory.mktemp("fix") / "report.txt"
    path.write_bytes(data)
    extracted = read(str(path))
    text = "".join(t for t, _ in units)
    # The reader may legitimately take another reading (e.g. GBK bytes that are also
    # valid UTF-8); the property is about files it reads as generated.
    assume(extracted.text == text and extracted.encoding == READ_AS[encoding])

    # Unit index → offset in the reader's text.
    offsets = [0]
    for t, _ in units:
        offsets.append(offsets[-1] + len(t))
    edits = [Edit(offsets[a], offsets[b], r) for (a, b), r in zip(spans, replacements)]
    out = fixer.fix_bytes(data, extracted, edits)

    expected = [bom]
    pos = 0
    for (a, b), r in zip(spans, replacements):
        expected.extend(u for _, u in units[pos:a])
        expected.append(r.encode(codec))
        pos = b
    expected.extend(u for _, u in units[pos:])
    assert out == b"".join(expected)

    # And what the reader makes of the result is the edited text.
    if extracted.encoding == "utf-8" and "\ufffd" in text:
        return  # the edits may leave too little valid text for "UTF-8 with damage"
    if out.count(b"\r\n") > sum(u.count(b"\r\n") for _, u in units):
        # A deletion put a lone CR right before a LF: the bytes now hold one CRLF line
        # break, which the reader (like every editor) reads as one, not two.
        return
    path.write_bytes(out)
    again = read(str(path))
    assert again.text == fixer.apply_edits(text, edits)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(ENCODINGS)),
    st.lists(st.tuples(st.text(ALPHABET, min_size=1, max_size=10), st.sampled_from(LINE_ENDS)), min_size=2, max_size=8),
    st.data(),
)
def test_inserted_lines_take_the_line_end_of_their_line(tmp_path_factory, encoding, lines, data):
    bom, codec = ENCODINGS[encoding]
    raw = "".join(t + e for t, e in lines)
    blob = bom + raw.encode(codec)
    path = tmp_path_factory.mktemp("fixnl") / "report.txt"
    path.write_bytes(blob)
    extracted = read(str(path))
    assume(extracted.text == "".join(t + "\n" for t, _ in lines) and extracted.encoding == READ_AS[encoding])
    k = data.draw(st.integers(0, len(lines) - 1))
    at = sum(len(t) + 1 for t, _ in lines[:k])  # start of line k
    out = fixer.fix_bytes(blob, extracted, [Edit(at, at, "新标题\n")])
    before = "".join(t + e for t, e in lines[:k])
    after = "".join(t + e for t, e in lines[k:])
    assert out == bom + (before + "新标题" + lines[k][1] + after).encode(codec)


def test_second_pass_is_a_no_op_for_overlapping_deletions():
    # Two debris lines at the end of a file without a final line end: their deletions
    # overlap by one line end and are merged, so nothing is left for a second run.
    from reportlint.core.diagnostics import Diagnostic, Fix, Location, Severity
    from reportlint.core.i18n import T

    def diag(start, end):
        d = Diagnostic("RL801", "debris", "artifact", Severity.WARNING, T("x", "x"), Location(1, 1, 1, 1))
        d.fix = Fix(T("删", "del"), (Edit(start, end, ""),))
        return d

    text = "正文\n上一篇\n下一篇"
    a, b = diag(3, 7), diag(6, 10)
    edits = fixer.collect_edits([a, b])
    assert edits == [Edit(3, 10, "")]
    assert fixer.apply_edits(text, edits) == "正文\n"
    assert fixer.fixed_diagnostics([a, b], edits) == {id(a), id(b)}
