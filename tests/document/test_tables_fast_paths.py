"""The table reader's shortcuts read what the general forms read (reportlint.document.tables*).

Each shortcut (a whole-number cell built without ``parse_value``, a whole-number token
taken without the token tests, the digit splits shared by every document of a process)
is compared with the general form on varied inputs built here; the reading cache is
shown to keep apart two rows of one width whose arithmetic differs.
"""

from __future__ import annotations

import itertools

import pytest

from reportlint.document import tables
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.document.tables_digits import MAX_ALTS, shared_splits, split_tokens
from reportlint.document.tables_match import RowSpec
from reportlint.document.tables_text import Item, is_bare_sign, read_cells
from reportlint.document.values import is_number_token, is_value_token, parse_value

COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")
APPLICANT_SUMS = ((tuple(range(6)), 6),)  # table 三: the six applicant columns add up to 总计
LABEL = "本年新收政府信息公开申请数量"


def _doc(text: str):
    return build_document(Extracted(path="x.txt", kind="text", text=text, origins=OriginMap(text)), {"year": 2023})


def _spec(sums) -> RowSpec:
    return RowSpec(
        key="new",
        label=LABEL,
        keys=((LABEL, "exact"),),
        columns=COLUMNS,
        kinds=("count",) * len(COLUMNS),
        units=(None,) * len(COLUMNS),
        sums=sums,
    )


@pytest.mark.parametrize("first", ["with_sums", "without_sums"])
def test_reading_cache_keeps_rows_of_one_width_with_different_arithmetic_apart(first):
    # `801000081` after a seven-column label: by the row's arithmetic it is
    # 80|1|0|0|0|0|81; a row of seven columns with no arithmetic cannot split it.
    text = f"一、{LABEL}801000081\n二、其他\n"
    ctx = tables._Ctx(_doc(text))
    pos = ctx.tn.index(LABEL) + len(LABEL)
    read = ctx.reader(len(ctx.tn))
    with_sums, without_sums = _spec(APPLICANT_SUMS), _spec(())
    order = [with_sums, without_sums] if first == "with_sums" else [without_sums, with_sums]
    got = {id(spec): read(pos, spec) for spec in order}

    summed = got[id(with_sums)]
    assert [it.kind for it in summed.items] == ["r"] * 7
    assert [text[it.start : it.end] for it in summed.items] == ["80", "1", "0", "0", "0", "0", "81"]
    assert [it.kind for it in got[id(without_sums)].items] == ["u"] * 7
    # and each is what a reader that never saw the other row reads
    for spec in order:
        fresh = tables._Ctx(_doc(text)).reader(len(ctx.tn))(pos, spec)
        assert [(it.kind, it.start, it.end) for it in fresh.items] == [
            (it.kind, it.start, it.end) for it in got[id(spec)].items
        ]


CELL_TEXTS = [
    "0", "7", "42", "0012", "3119", "3,119", "96171.6", "251000元", "+3", "-2", "减4", "增加5",
    "", "/", "—", "无", "XX", "若干", "１２", "١٢", "²", "3 119", "12件",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["count", "money", "change"])
@pytest.mark.parametrize("unit", [None, "万元"])
def test_whole_number_cell_is_built_as_parse_value_reads_it(kind, unit):
    for raw in CELL_TEXTS:
        text = f"规章 {raw} 尾"
        ctx = tables._Ctx(_doc(text))
        item = Item("v", 3, 3 + len(raw))
        cell = ctx.make_cell("col", kind, unit, item)
        p = parse_value(raw, kind)
        assert (cell.raw, cell.value, type(cell.value), cell.invalid, cell.found) == (
            raw,
            p.value,
            type(p.value),
            p.invalid,
            True,
        ), raw
        assert cell.unit == (p.unit or (unit if p.value is not None else None)), raw
        assert cell.status == ("blank" if p.value is None and not p.invalid else "read"), raw
        assert cell.span == (3, 3 + len(raw))


@pytest.mark.parametrize(
    "token, shortcut",
    [("0", True), ("12", True), ("007", True), ("１２", False), ("١٢", False), ("²", False), ("12件", False)],
)
def test_whole_number_token_is_what_the_token_tests_call_a_value(token, shortcut):
    # The reader takes an ASCII run of digits as a value without asking the token tests;
    # other digits (`²` is a digit to str.isdigit, and no value) go through the tests.
    assert (token.isdigit() and token.isascii()) == shortcut
    if shortcut:
        assert is_value_token(token) and is_number_token(token) and not is_bare_sign(token)


@pytest.mark.parametrize(
    "line",
    ["746 12 0 0 10 1 769", "0\t0\t0", "１２ 3 /", "3 减 4", "12 XX 7", "5 0 0 其他", "  9  ", "1 2 3 4 5 6 7 8 9 10"],
)
def test_a_line_of_numbers_reads_its_cells_in_order(line):
    text = f"{LABEL} {line}\n"
    pos = len(LABEL)
    got = read_cells(text, text, pos, len(text), 7)
    tokens = line.split()
    kinds = [it.kind for it in got.items]
    for it, kind in zip(got.items, kinds):
        tok = text[it.start : it.end]
        assert tok in tokens
        assert kind == ("v" if is_number_token(tok) else "b" if is_value_token(tok) else "t")


def _runs():
    yield ("801000081",), 7, APPLICANT_SUMS
    yield ("0000000",), 7, APPLICANT_SUMS
    yield ("0000000",), 7, ()
    yield ("12", "30", "042"), 7, APPLICANT_SUMS
    yield ("1111111111111",), 7, APPLICANT_SUMS
    for digits in itertools.islice(itertools.product("0129", repeat=8), 0, 4000, 97):
        yield ("".join(digits),), 7, APPLICANT_SUMS
        yield ("".join(digits),), 8, ()


def test_shared_splits_answer_as_split_tokens():
    for digits, want, sums in _runs():
        assert shared_splits(digits, want, sums) == split_tokens(list(digits), want, sums, MAX_ALTS + 1), digits


def _choose_by_every_pair(cands, nrows):
    """The choice as first written: every earlier candidate tried against each one."""
    cands = sorted(cands, key=lambda c: (c.row, c.ts))
    best, back = [0.0] * len(cands), [-1] * len(cands)
    for i, c in enumerate(cands):
        b, bj = 0.0, -1
        for j in range(i):
            p = cands[j]
            if p.row < c.row and p.end <= c.core and best[j] > b:
                b, bj = best[j], j
        best[i], back[i] = b + c.weight, bj
    chosen = [None] * nrows
    if not cands:
        return chosen, 0.0
    i = max(range(len(cands)), key=lambda k: best[k])
    score = best[i]
    while i != -1:
        chosen[cands[i].row] = cands[i]
        i = back[i]
    return chosen, score


def test_choice_skips_only_candidates_of_the_same_row():
    import random

    from reportlint.document.tables_match import Candidate, choose
    from reportlint.document.tables_text import Read

    rng = random.Random(16)
    for _ in range(400):
        nrows = rng.randint(1, 8)
        cands = []
        for _ in range(rng.randint(0, 14)):
            ts = rng.randint(0, 60)
            te = ts + rng.randint(1, 6)
            read = Read([], 0, te + rng.randint(0, 12))
            c = Candidate(rng.randrange(nrows), 0, 1, ts, te, "exact", read, core=ts + rng.randint(0, 2))
            c.weight = rng.choice([1.0, 1.5, 2.0, 1.0 + rng.random()])  # ties too
            cands.append(c)
        got, score = choose(list(cands), nrows)
        want, want_score = _choose_by_every_pair(list(cands), nrows)
        assert score == want_score
        assert [id(c) if c else None for c in got] == [id(c) if c else None for c in want]
