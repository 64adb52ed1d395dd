import itertools
import json

from reportlint.core.diagnostics import Diagnostic, Edit, Fix, Location, Severity
from reportlint.core.i18n import T
from reportlint.core.results import FileResult
from reportlint.run import baseline, fixer, suppress


def diag(code, line, path="a.txt"):
    return Diagnostic(code, "x", "artifact", Severity.ERROR, T("消息", "msg"), Location(line, 1, line, 2), path=path)


def test_disable_enable_and_next_line():
    src = "\n".join(
        [
            "a",
            "<!-- reportlint-disable RL801 -->",
            "b",
            "c",
            "<!-- reportlint-enable -->",
            "d",
            "<!-- reportlint-disable-next-line RL701, XT702 -->",
            "e",
            "<!-- reportlint-disable-next-line XT999 -->",
            "f",
        ]
    )
    sup = suppress.parse(src)
    diags = [diag("RL801", 3), diag("RL801", 4), diag("RL801", 6), diag("XT702", 8), diag("RL701", 10)]
    kept = suppress.filter_diagnostics(diags, sup)
    assert [(d.code, d.location.line) for d in kept] == [("RL801", 6), ("RL701", 10)]
    unused = sup.unused()
    assert [(u.line, sorted(u.codes)) for u in unused] == [(9, ["XT999"])]


def test_disable_all_without_codes_until_end():
    sup = suppress.parse("x\n<!-- reportlint-disable -->\ny")
    assert suppress.filter_diagnostics([diag("XT123", 3), diag("XT456", 1)], sup)[0].location.line == 1


def test_baseline_counts_hide_known_and_show_new(tmp_path):
    path = str(tmp_path / "r.txt")
    base = str(tmp_path / "baseline.json")
    first = [FileResult(path, [diag("RL801", 1, path), diag("RL801", 2, path), diag("RL601", 3, path)])]
    assert baseline.write(base, first) == 3
    with open(base, encoding="utf-8") as fh:
        stored = json.load(fh)
    assert stored == {"version": 1, "files": {"r.txt": {"RL601": 1, "RL801": 2}}}
    # Same findings: all hidden.
    again = [FileResult(path, [diag("RL801", 5, path), diag("RL801", 6, path), diag("RL601", 3, path)])]
    assert baseline.apply(base, again) == 3 and again[0].diagnostics == []
    # One more RL801 and a new rule: RL801 findings are all shown, with the baseline count.
    more = [
        FileResult(
            path, [diag("RL801", 1, path), diag("RL801", 2, path), diag("RL801", 9, path), diag("RL701", 4, path)]
        )
    ]
    baseline.apply(base, more)
    codes = [d.code for d in more[0].diagnostics]
    assert codes == ["RL801", "RL801", "RL801", "RL701"]
    assert more[0].diagnostics[0].data["baseline"] == 2


def test_fix_keeps_encoding_bom_and_crlf(tmp_path):
    p = tmp_path / "r.txt"
    original = "标题。。\r\n正文\r\n"
    p.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    from reportlint.readers import read

    ex = read(str(p))
    assert ex.bom and ex.newline == "\r\n" and ex.text == "标题。。\n正文\n"
    d = diag("RL805", 1, str(p))
    d.fix = Fix(T("删", "del"), (Edit(3, 4, ""),))
    edits = fixer.collect_edits([d])
    fixer.write_fixed(ex, fixer.apply_edits(ex.text, edits))
    assert p.read_bytes() == b"\xef\xbb\xbf" + "标题。\r\n正文\r\n".encode()


def test_fix_gbk_file_stays_gbk(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("科技局。。\n".encode("gbk"))
    from reportlint.readers import read

    ex = read(str(p))
    assert ex.encoding == "gb18030"
    fixer.write_fixed(ex, fixer.apply_edits(ex.text, [Edit(3, 4, "")]))
    assert p.read_bytes() == "科技局。\n".encode("gbk")


def test_overlapping_fixes_first_wins():
    a, b = diag("RL1", 1), diag("RL2", 1)
    a.fix = Fix(T("a", "a"), (Edit(0, 3, "x"),))
    b.fix = Fix(T("b", "b"), (Edit(2, 5, "y"),))
    assert fixer.collect_edits([a, b]) == [Edit(0, 3, "x")]


def _first_wins(diags):
    """The specification of collect_edits for fixes that insert or replace: the
    straightforward quadratic version."""
    edits = []
    for d in diags:
        if d.fix is None or not d.fix.safe:
            continue
        candidate = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(a.end > b.start for a, b in itertools.pairwise(candidate)):
            continue
        if any(not (e.end <= o.start or e.start >= o.end) for e in candidate for o in edits):
            continue
        edits.extend(candidate)
    return sorted(edits, key=lambda e: (e.start, e.end))


def test_collect_edits_matches_the_quadratic_specification():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    edit = st.builds(
        lambda a, n, t: Edit(a, a + n, t), st.integers(0, 40), st.integers(0, 6), st.sampled_from(["x", "yz", "\n"])
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.lists(edit, min_size=1, max_size=3), max_size=12))
    def check(fixes):
        diags = []
        for i, edits in enumerate(fixes):
            d = diag(f"RL{i}", 1)
            d.fix = Fix(T("f", "f"), tuple(edits))
            diags.append(d)
        assert fixer.collect_edits(diags) == _first_wins(diags)

    check()


def test_overlapping_deletions_are_merged_and_count_as_fixed():
    a, b, c = diag("RL1", 1), diag("RL2", 1), diag("RL3", 1)
    a.fix = Fix(T("a", "a"), (Edit(0, 4, ""),))
    b.fix = Fix(T("b", "b"), (Edit(3, 8, ""),))
    c.fix = Fix(T("c", "c"), (Edit(6, 9, "z"),))  # a replacement overlapping: dropped
    edits = fixer.collect_edits([a, b, c])
    assert edits == [Edit(0, 8, "")]
    assert fixer.fixed_diagnostics([a, b, c], edits) == {id(a), id(b)}


def test_write_fixed_without_edits_changes_only_the_changed_region(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes("标题。。\r\n正文\n末行\r\n".encode("utf-16-be").join([b"\xfe\xff", b""]))
    from reportlint.readers import read

    ex = read(str(p))
    fixer.write_fixed(ex, ex.text.replace("。。", "。"))
    assert p.read_bytes() == b"\xfe\xff" + "标题。\r\n正文\n末行\r\n".encode("utf-16-be")
