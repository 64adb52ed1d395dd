"""The offset maps: a match in the view must land on the user's own line and column."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.document.normalize import build_view
from reportlint.document.origin import OriginMap, Segment

ALPHABET = st.sampled_from(
    list("科技局报告年一二三、。，（）()：: \n\t|　０１２３ＡＢ學術數統計xuéshù[]bookmark_Hlk")
    + ["學(xué)", "術(shù)", "[bookmark: _Hlk1]", "|" * 25, "\u200b"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_view_maps_every_char_back_into_the_text(text):
    view = build_view(text)
    assert len(view.src) == len(view.text) + 1
    assert list(view.src) == sorted(view.src)  # monotone: order is preserved
    for i, ch in enumerate(view.text):
        src = view.src[i]
        assert 0 <= src < len(text)
        # A newline in the view is a newline in the text: lines never shift.
        if ch == "\n":
            assert text[src] == "\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_view_spans_round_trip_to_text_spans(text, a, b):
    view = build_view(text)
    a, b = sorted((min(a, len(view.text)), min(b, len(view.text))))
    s, e = view.to_source(a, b)
    assert 0 <= s <= e <= len(text)
    if b > a:
        assert e > s


def test_pinyin_and_traditional_are_normalised_and_located():
    text = "標題\n本年報中所列數(shù)據(jù)的統(tǒng)計期限自2021年1月1日起"
    view = build_view(text)
    i = view.text.index("统计期限")
    s, e = view.to_source(i, i + 4)
    assert text[s:e] == "統(tǒng)計期限"
    loc = OriginMap(text).locate(s, e)
    assert (loc.line, loc.column) == (2, text.split("\n")[1].index("統") + 1)
    assert loc.end_column == loc.column + len("統(tǒng)計期限")


def test_fullwidth_folding():
    assert build_view("（一）２０２１年：").text == "(一)2021年:"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab中\n", max_size=5), max_size=10))
def test_identity_origin_map_matches_naive_line_column(parts):
    text = "".join(parts)
    om = OriginMap(text)
    for off in range(len(text)):
        line = text.count("\n", 0, off) + 1
        col = off - (text.rfind("\n", 0, off) + 1) + 1
        loc = om.locate(off, off + 1)
        assert (loc.line, loc.column) == (line, col)


def test_segment_origin_map_uses_source_positions():
    text = "一、总体情况\n规章 | 0"
    om = OriginMap(text, [Segment(0, 10, 5), Segment(7, 20, 9), Segment(12, 21, 3)])
    loc = om.locate(2, 6)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (10, 7, 10, 11)
    loc = om.locate(12, 13)
    assert (loc.line, loc.column) == (21, 3)
