"""Near-duplicate reports across agencies (reportlint.audit.near_duplicates): the batch's
search over the records' narrative signatures. Batches are built from the real
fixtures: a copy made here with another agency's name and other figures, the same
agency's next year, unrelated reports."""

from __future__ import annotations

import json
import operator
import random
import re
from pathlib import Path

import pytest

from reportlint.analysis.copied_text import SIGNATURE_BINS, narrative_signature, signature_of
from reportlint.audit.near_duplicates import (
    CANDIDATE_RECALL,
    DEFAULT_THRESHOLD,
    agreeing_bins,
    agreement_mask,
    band_starts,
    candidate_pairs,
    candidate_probability,
    find_pairs,
    first_agreeing_band,
    packed,
    rows_per_band,
)
from reportlint.core.records import ReportRecord, packed_signature, signature_bins, signature_size
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UNRELATED = ["changshu-kjj-2021.txt", "taierzhuang-kjj-2021.txt", "shuyang-gov-2025.txt", "pingtan-gov-2021.txt"]


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def copied_by_another_agency(text: str) -> str:
    """阜康市科学技术局's report made from 昌吉州科学技术局's: name, place and figures changed."""
    text = text.replace("昌吉州科学技术局", "阜康市科学技术局").replace("州科学技术局", "市科学技术局")
    text = text.replace("昌吉回族自治州", "阜康市").replace("昌吉州", "阜康市")
    return re.sub(r"\d+", lambda m: str(int(m.group()) * 2 + 3), text)


def packed_or_none(signature: list[int] | None) -> bytes | None:
    return packed_signature(signature) if signature is not None else None


def record_of(path: str, text: str) -> ReportRecord:
    doc = build_document(Extracted(path=path, kind="text", text=text, origins=OriginMap(text)))
    signature = packed_or_none(narrative_signature(doc))
    return ReportRecord(path=path, agency=doc.meta.agency, year=doc.meta.year, signature=signature)


def test_a_copy_by_another_agency_is_a_pair_and_unrelated_reports_are_not():
    original = record_of("changji.txt", read("changji-kjj-2021.txt"))
    copy = record_of("fukang.txt", copied_by_another_agency(read("changji-kjj-2021.txt")))
    assert copy.agency == "阜康市科学技术局"
    others = [record_of(name, read(name)) for name in UNRELATED]
    pairs = find_pairs([others[0], original, *others[1:], copy])
    assert [(p.path_a, p.path_b) for p in pairs] == [("changji.txt", "fukang.txt")]
    assert pairs[0].share > 0.8
    assert (pairs[0].agency_a, pairs[0].agency_b) == ("昌吉州科学技术局", "阜康市科学技术局")


def test_two_different_fixtures_are_not_pairs():
    records = [record_of(name, read(name)) for name in ["changji-kjj-2021.txt", *UNRELATED]]
    assert all(r.signature is not None for r in records)
    assert find_pairs(records) == []
    assert find_pairs(records, threshold=0.3) == []


def test_the_same_agency_is_never_a_pair():
    """Last year's report of the same agency is RL522's comparison, not a near duplicate:
    the same name, a shortened name (as last year's report is paired), or one roster entry."""
    text = read("changji-kjj-2021.txt")
    this_year = record_of("2022.txt", re.sub(r"20\d\d", lambda m: str(int(m.group()) + 1), text))
    last_year = record_of("2021.txt", text)
    assert find_pairs([last_year, this_year]) == []
    shortened = record_of("short.txt", text)
    shortened.agency = "州科学技术局"
    assert find_pairs([last_year, shortened]) == []
    by_roster = record_of("fukang.txt", copied_by_another_agency(text))
    by_roster.roster_name = last_year.roster_name = "昌吉州科学技术局"
    assert find_pairs([last_year, by_roster]) == []
    by_roster.roster_name = "阜康市科学技术局"
    assert len(find_pairs([last_year, by_roster])) == 1


def test_records_without_a_signature_are_left_out():
    original = record_of("changji.txt", read("changji-kjj-2021.txt"))
    unread = ReportRecord(path="scan.pdf", status="unreadable")
    # a signature of another format (an older cache's: the bins without the size)
    old = ReportRecord(path="old.txt", agency="某局", signature=signature_bins(original.signature or b""))
    assert find_pairs([original, unread, old]) == []


@pytest.mark.parametrize("threshold", [0, -0.5, 1.5])
def test_a_threshold_outside_0_1_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        find_pairs([], threshold)


def test_pairs_are_sorted_by_share_and_the_threshold_decides():
    text = read("changji-kjj-2021.txt")
    doc = build_document(Extracted(path="a", kind="text", text=text, origins=OriginMap(text)))
    problems = doc.section("problems")
    assert problems is not None
    # a second copy with 存在的主要问题及改进情况 rewritten from another report
    donor = read("taierzhuang-kjj-2021.txt")
    donor_doc = build_document(Extracted(path="b", kind="text", text=donor, origins=OriginMap(donor)))
    donor_problems = donor_doc.section("problems")
    assert donor_problems is not None
    partial = (
        text[: problems.body_span[0]]
        + donor[donor_problems.body_span[0] : donor_problems.body_span[1]]
        + text[problems.body_span[1] :]
    )
    records = [
        record_of("changji.txt", text),
        record_of("partial.txt", copied_by_another_agency(partial).replace("阜康市", "奇台县")),
        record_of("fukang.txt", copied_by_another_agency(text)),
    ]
    pairs = find_pairs(records, threshold=0.3)
    assert len(pairs) == 3
    assert [p.share for p in pairs] == sorted((p.share for p in pairs), reverse=True)
    assert {pairs[0].path_a, pairs[0].path_b} == {"changji.txt", "fukang.txt"}
    high = find_pairs(records, threshold=0.9)
    assert [(p.path_a, p.path_b) for p in high] == [("changji.txt", "fukang.txt")]


def test_the_band_width_keeps_pairs_at_the_threshold_candidates():
    for threshold in (0.3, 0.5, 0.7, 0.8, 0.9):
        rows = rows_per_band(threshold)
        jaccard = threshold / (2 - threshold)  # two equally long narratives
        assert candidate_probability(jaccard, rows) >= CANDIDATE_RECALL
        assert candidate_probability(jaccard, rows + 1) < CANDIDATE_RECALL  # the widest such band
    assert rows_per_band(0.9) > rows_per_band(DEFAULT_THRESHOLD) > rows_per_band(0.3)


def test_packed_signatures_count_the_same_agreeing_bins():
    signatures = [
        packed_or_none(
            narrative_signature(
                build_document(Extracted(path=n, kind="text", text=read(n), origins=OriginMap(read(n))))
            )
        )
        for n in UNRELATED
    ]
    copy = record_of("fukang.txt", copied_by_another_agency(read("changji-kjj-2021.txt"))).signature
    signatures.append(copy)
    signatures.append(record_of("changji.txt", read("changji-kjj-2021.txt")).signature)
    for a in signatures:
        for b in signatures:
            assert a is not None and b is not None
            assert agreeing_bins(packed(a), packed(b)) == sum(map(operator.eq, a[:SIGNATURE_BINS], b[:SIGNATURE_BINS]))


def test_the_first_agreeing_band_is_the_first_band_equal_bin_for_bin():
    """find_pairs decides a candidate in the first band it agrees on, and passes it by in
    the later ones: that band must be the one a bin-by-bin comparison finds."""
    records, _ = synthetic_batch(60, 20, seed=3)
    signatures = [r.signature for r in records if r.signature]
    checked = 0
    for rows in (2, 3, 5):
        starts = band_starts(rows)
        bands = range(SIGNATURE_BINS // rows)
        for a in signatures:
            for b in signatures:
                equal = [t for t in bands if a[t * rows : (t + 1) * rows] == b[t * rows : (t + 1) * rows]]
                mask = agreement_mask(packed(a), packed(b))
                assert first_agreeing_band(mask, rows, starts) == (equal[0] if equal else -1)
                checked += bool(equal) and a is not b
    assert checked > 40  # the planted copies agree on some band


def test_a_short_narrative_fills_every_bin_and_still_matches_its_copy():
    """300 shingles over 128 bins leave some bins empty; they borrow their neighbour's
    minimum, so every bin is a byte and a copy still agrees on nearly all of them."""
    rng = random.Random(5)
    keys = [rng.getrandbits(64) for _ in range(300)]
    from reportlint.analysis import copied_text

    used = {((k * copied_text._MULTIPLIER) & copied_text._MASK64) >> copied_text._BIN_SHIFT for k in keys}
    assert len(used) < SIGNATURE_BINS  # some bins are empty
    a = signature_of(keys)
    b = signature_of(keys[:285] + [rng.getrandbits(64) for _ in range(15)])
    other = signature_of([rng.getrandbits(64) for _ in range(300)])
    assert a is not None and b is not None and other is not None
    assert all(0 <= v < 256 for v in a[:SIGNATURE_BINS]) and a[SIGNATURE_BINS] == 300
    assert signature_size(packed_signature(a)) == 300 and list(signature_bins(packed_signature(a))) == a[:-1]
    records = [ReportRecord("a", agency="甲", signature=packed_signature(a))]
    records.append(ReportRecord("b", agency="乙", signature=packed_signature(b)))
    records.append(ReportRecord("c", agency="丙", signature=packed_signature(other)))
    (pair,) = find_pairs(records)
    assert (pair.path_a, pair.path_b) == ("a", "b") and pair.share > 0.8


def synthetic_batch(reports: int, planted: int, seed: int):
    """Synthetic shingle sets: a shared pool (the template's phrases) and each its own;
    ``planted`` copies keeping 60–100 % of an original's shingles."""
    rng = random.Random(seed)
    pool = [rng.getrandbits(64) for _ in range(2000)]
    sets = [rng.sample(pool, 300) + [rng.getrandbits(64) for _ in range(600)] for _ in range(reports)]
    records = [
        ReportRecord(path=f"r{i}", agency=f"机关{i}", signature=packed_or_none(signature_of(s)))
        for i, s in enumerate(sets)
    ]
    pairs = set()
    for n, source in enumerate(rng.sample(range(reports), planted)):
        keys = rng.sample(sets[source], int(len(sets[source]) * rng.uniform(0.6, 1.0)))
        keys += [rng.getrandbits(64) for _ in range(len(sets[source]) - len(keys))]
        records.append(ReportRecord(path=f"copy{n}", agency=f"复制{n}", signature=packed_or_none(signature_of(keys))))
        pairs.add(frozenset((f"r{source}", f"copy{n}")))
    return records, pairs


def test_planted_copies_are_found_without_comparing_every_pair():
    records, planted = synthetic_batch(400, 20, seed=17)
    found = {frozenset((p.path_a, p.path_b)) for p in find_pairs(records)}
    assert found == planted
    signatures = [r.signature for r in records if r.signature]
    candidates = candidate_pairs(signatures, rows_per_band(DEFAULT_THRESHOLD))
    assert len(candidates) < len(signatures) * (len(signatures) - 1) // 2 // 20


def test_the_cli_lists_the_copy_of_another_agency(tmp_path, cli):
    batch = tmp_path / "reports"
    batch.mkdir()
    (batch / "changji-2021.txt").write_text(read("changji-kjj-2021.txt"), encoding="utf-8")
    (batch / "fukang-2021.txt").write_text(copied_by_another_agency(read("changji-kjj-2021.txt")), encoding="utf-8")
    for name in UNRELATED[:2]:
        (batch / name).write_text(read(name), encoding="utf-8")
    proc = cli("check", str(batch), "--select", "RL522", "--format", "json", "--no-cache")
    assert proc.returncode == 0, proc.err
    out = json.loads(proc.out)
    pairs = [e for e in out if e.get("type") == "near-duplicate"]
    assert len(pairs) == 1, pairs
    assert {Path(pairs[0]["path_a"]).name, Path(pairs[0]["path_b"]).name} == {"changji-2021.txt", "fukang-2021.txt"}
    assert pairs[0]["share"] > 0.8
    assert all("signature" not in e for e in out)  # the signature is not shown


def partly_copied(text: str) -> str:
    """阜康市's report with 存在的主要问题及改进情况 of its own (台儿庄区科技局's text) and the
    rest 昌吉州科学技术局's."""
    doc = build_document(Extracted(path="a", kind="text", text=text, origins=OriginMap(text)))
    donor = read("taierzhuang-kjj-2021.txt")
    donor_doc = build_document(Extracted(path="b", kind="text", text=donor, origins=OriginMap(donor)))
    own, other = doc.section("problems"), donor_doc.section("problems")
    assert own is not None and other is not None
    replaced = text[: own.body_span[0]] + donor[other.body_span[0] : other.body_span[1]] + text[own.body_span[1] :]
    return copied_by_another_agency(replaced)


def test_the_cli_takes_the_threshold_from_the_configuration(tmp_path, cli):
    batch = tmp_path / "reports"
    batch.mkdir()
    (batch / "changji-2021.txt").write_text(read("changji-kjj-2021.txt"), encoding="utf-8")
    (batch / "fukang-2021.txt").write_text(partly_copied(read("changji-kjj-2021.txt")), encoding="utf-8")

    def pairs() -> list[dict]:
        proc = cli("check", str(batch), "--select", "RL522", "--format", "json", "--no-cache")
        assert proc.returncode == 0, proc.err
        return [e for e in json.loads(proc.out) if e.get("type") == "near-duplicate"]

    (found,) = pairs()  # the default threshold
    assert DEFAULT_THRESHOLD <= found["share"] < 0.95
    (batch / ".reportlint.yaml").write_text("near-duplicates: 0.95\n", encoding="utf-8")
    assert pairs() == []
    (batch / ".reportlint.yaml").write_text("near-duplicates: 1.5\n", encoding="utf-8")
    proc = cli("check", str(batch), "--select", "RL522", "--format", "json", "--no-cache")
    assert proc.returncode == 2
    assert ".reportlint.yaml" in proc.err and "near-duplicates" in proc.err
    assert "Traceback" not in proc.err


def test_one_template_filled_in_by_hundreds_of_agencies_gives_pairs_linear_in_the_batch():
    # 300 agencies' reports written from changji's text (one signature, names apart): every
    # pair would be 44,850 pairs; each copy is paired with a few of its group instead.
    from reportlint.audit.near_duplicates import EXACT_GROUP, REPRESENTATIVES

    signature = record_of("changji.txt", read("changji-kjj-2021.txt")).signature
    copies = [ReportRecord(path=f"{i:03}.txt", agency=f"第{i}科学技术局", signature=signature) for i in range(300)]
    pairs = find_pairs(copies)
    assert len(pairs) <= REPRESENTATIVES * len(copies)
    listed = {p.path_a for p in pairs} | {p.path_b for p in pairs}
    assert listed == {r.path for r in copies}  # every copy is still listed
    assert all(p.share > 0.9 for p in pairs)
    # a small group is compared pair by pair, as before
    few = copies[:EXACT_GROUP]
    assert len(find_pairs(few)) == EXACT_GROUP * (EXACT_GROUP - 1) // 2


def pairs_by_definition(records: list[ReportRecord], threshold: float) -> set[tuple[str, str]]:
    """What find_pairs lists, computed the slow way: a pair is decided in the first band
    its two signatures agree on bin for bin, in that band's group — every pair of a group
    of up to EXACT_GROUP, else each member with the group's first REPRESENTATIVES — and
    listed when the estimated share reaches the threshold and the agencies differ."""
    from reportlint.analysis.copied_text import estimated_share
    from reportlint.audit.near_duplicates import EXACT_GROUP, REPRESENTATIVES
    from reportlint.run.previous_year import same_agency

    rows = rows_per_band(threshold)
    bands = SIGNATURE_BINS // rows
    signed = [r for r in records if r.signature]
    bins = [signature_bins(r.signature) for r in signed if r.signature]
    unpacked = [[*b, signature_size(r.signature)] for b, r in zip(bins, signed, strict=True) if r.signature]

    def band_of(i: int, t: int) -> bytes:
        return bins[i][t * rows : (t + 1) * rows]

    out = set()
    for band in range(bands):
        groups: dict[bytes, list[int]] = {}
        for i in range(len(signed)):
            groups.setdefault(band_of(i, band), []).append(i)
        for g in groups.values():
            for y in range(1, len(g)):
                for x in range(y) if len(g) <= EXACT_GROUP else range(min(y, REPRESENTATIVES)):
                    i, j = g[x], g[y]
                    first = next(t for t in range(bands) if band_of(i, t) == band_of(j, t))
                    if first != band or estimated_share(unpacked[i], unpacked[j]) < threshold:
                        continue
                    if not same_agency(signed[i].agency, signed[j].agency):
                        out.add((signed[i].path, signed[j].path))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_the_pairs_are_those_of_the_definition_for_a_template_copied_with_changes(seed):
    """A template copied by 150 agencies, each copy with some of its text its own (the
    groups of a band then differ from band to band), among unrelated reports and a few
    copies of a second text: find_pairs passes by the pairs decided in an earlier band
    without comparing them again, and must list exactly the pairs of the definition."""
    rng = random.Random(seed)
    template = [rng.getrandbits(64) for _ in range(900)]
    other = [rng.getrandbits(64) for _ in range(700)]
    sets = []
    for _ in range(150):
        own = rng.choice([0, 0, 0, 5, 20, 60])  # most copies exact, some with text of their own
        sets.append(template[own:] + [rng.getrandbits(64) for _ in range(own)])
    sets += [other[: rng.randint(500, 700)] for _ in range(12)]
    sets += [[rng.getrandbits(64) for _ in range(800)] for _ in range(40)]
    rng.shuffle(sets)
    records = [
        ReportRecord(path=f"{i:03}.txt", agency=f"第{i}号机关", signature=packed_or_none(signature_of(s)))
        for i, s in enumerate(sets)
    ]
    for threshold in (DEFAULT_THRESHOLD, 0.8):
        found = {(p.path_a, p.path_b) for p in find_pairs(records, threshold)}
        assert len(found) > 150  # the template's copies, each beside a few others
        assert found == pairs_by_definition(records, threshold)


def test_the_summary_searches_pairs_only_when_an_output_or_a_profile_uses_them():
    """A format that shows no pairs (github, junit, csv-records…) skips the search, unless
    a scoring profile may deduct for a near duplicate (suqian's does)."""
    from reportlint.audit.summary import build_summary

    def batch() -> list[ReportRecord]:
        return [
            record_of("changji.txt", read("changji-kjj-2021.txt")),
            record_of("fukang.txt", copied_by_another_agency(read("changji-kjj-2021.txt"))),
        ]

    assert len(build_summary(batch()).near_duplicates) == 1
    assert build_summary(batch(), near_duplicates=False).near_duplicates == []
    scored = build_summary(batch(), near_duplicates=False, profile="suqian")
    assert len(scored.near_duplicates) == 1 and scored.profile == "suqian"
