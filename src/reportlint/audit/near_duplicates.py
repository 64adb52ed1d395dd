"""Near-duplicate reports in a batch: two agencies whose narratives are mostly the same.

Every checked report's record carries a MinHash signature of its narrative
(:func:`reportlint.analysis.copied_text.narrative_signature`: the agency's own names,
years and numbers normalised away, so two agencies' reports built from one text match).
:func:`find_pairs` finds the pairs whose estimated shared share reaches a threshold
without comparing every pair: *LSH banding* cuts each signature into bands of
``rows`` bins; two reports become candidates when they agree on every bin of at least
one band, and only candidates are compared on the whole signature. Bands are hashed one
at a time (a dict of one band's keys, then dropped) and each candidate is decided when
it is met, in the first band it agrees on (:func:`first_agreeing_band`: later bands pass
it by), so no set of candidates is kept: memory beyond the signatures stays one band of
the batch, however many candidates a batch of reports written from one template gives.
The signatures are one contiguous table of bytes (:func:`signature_table`, 1.3 MB for
10,000 reports; a record keeps its signature packed, ``core.records.packed_signature``),
and a band's keys are cut from it when the band's turn comes. The work is linear in the
number of reports plus the candidates, and a candidate is decided with a few
big-integer operations on the signatures packed a byte per bin (:func:`agreeing_bins`).
Two reports met together in a group of an earlier band were decided there: they are
passed by without those operations, a whole group at once when its members were all in
one group before (a template's copies meet again band after band).

The share of a pair is the share of the shorter narrative found in the other
(``copied_text.estimated_share``). The band width follows the threshold
(:func:`rows_per_band`): the widest band for which a pair of equally long narratives
exactly at the threshold still becomes a candidate with probability at least
:data:`CANDIDATE_RECALL` (pairs above it almost surely do). A short narrative copied
into one much longer has a lower Jaccard similarity for the same share, so it is found
less surely the longer the other is: copied whole into one three times its length, it
is still a candidate four times in five at the default threshold. Wider bands mean fewer
chance candidates between reports that only share the template's phrases (about 5 % of
4-character shingles between two unrelated real reports).

Pairs of the *same* agency (equal or shortened names, as last year's report is paired:
:func:`reportlint.run.previous_year.same_agency`, or the same roster entry) are left
out: a report against the same agency's other year is RL522's comparison, two files of
one agency for one year the roster's duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reportlint.analysis.copied_text import (
    SIGNATURE_BINS,
    VALUE_BITS,
    agreement_of_jaccard,
    jaccard_of_share,
    overlap_share,
)
from reportlint.core.records import (
    SIGNATURE_SIZE_BYTES,
    NearDuplicate,
    ReportRecord,
    signature_bins,
    signature_size,
)

DEFAULT_THRESHOLD = 0.5  # the share of narrative two reports have in common (0..1)
CANDIDATE_RECALL = 0.75  # chance that a pair exactly at the threshold is compared at all
# Reports agreeing on one band: up to EXACT_GROUP of them, every pair is compared. A
# larger group is what hundreds of agencies filling in one template give: comparing every
# pair would be quadratic in time and in the pairs listed (a 10,000-report batch of ~900
# copies of each of 11 texts gave 4.5 million pairs and 2 GB), so each member is compared
# with the group's first REPRESENTATIVES members only — every copy is still listed, beside
# the reports it was copied with, and the work and the pairs stay linear in the batch.
EXACT_GROUP = 32
REPRESENTATIVES = 4
_CHANCE = 1.0 / (1 << VALUE_BITS)  # two b-bit values agreeing by chance


def candidate_probability(jaccard: float, rows: int, bins: int = SIGNATURE_BINS) -> float:
    """The chance that two signatures of this Jaccard similarity agree on a whole band
    of at least one of the ``bins // rows`` bands (b-bit values agree by chance too)."""
    return 1.0 - (1.0 - agreement_of_jaccard(jaccard) ** rows) ** (bins // rows)


def rows_per_band(threshold: float, bins: int = SIGNATURE_BINS) -> int:
    """The widest band (bins per band) that keeps a pair of equally long narratives at
    ``threshold`` a candidate with probability :data:`CANDIDATE_RECALL`."""
    jaccard = jaccard_of_share(threshold, 1, 1)
    rows = 1
    while rows < bins and candidate_probability(jaccard, rows + 1, bins) >= CANDIDATE_RECALL:
        rows += 1
    return rows


def signature_table(signatures: Iterable[bytes]) -> bytes:
    """The bins of packed signatures (:func:`~reportlint.core.records.packed_signature`)
    one after the other, :data:`SIGNATURE_BINS` bytes each: the one contiguous table
    :func:`band_groups` cuts into bands (1.3 MB for 10,000 reports)."""
    return b"".join(signature_bins(s) for s in signatures)


def band_groups(table: bytes, rows: int) -> Iterator[tuple[int, list[int]]]:
    """``(band, indices)`` for every group of two or more signatures of a
    :func:`signature_table` equal on every bin of a band of ``rows`` bins.

    Per band, the keys are tuples built by ``zip`` over that band's bins of every
    signature (each a slice of the table, taken when the band's turn comes and dropped
    after it), and the keys seen twice are found with a dict and a set comprehension:
    no Python statement runs per report, only per report sharing a band with another."""
    for band, start in enumerate(range(0, SIGNATURE_BINS - rows + 1, rows)):
        keys = list(zip(*(table[k::SIGNATURE_BINS] for k in range(start, start + rows))))
        last = {key: i for i, key in enumerate(keys)}
        if len(last) == len(keys):
            continue  # no two reports agree on this band
        shared = {key for i, key in enumerate(keys) if last[key] != i}
        del last
        groups: dict[tuple[int, ...], list[int]] = {}
        for i, key in [(i, key) for i, key in enumerate(keys) if key in shared]:
            groups.setdefault(key, []).append(i)
        del keys, shared
        for group in groups.values():
            yield band, group


def candidate_pairs(signatures: Sequence[bytes], rows: int) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of signatures equal on every bin of some band
    of ``rows`` bins (what :func:`find_pairs` compares; kept as a set here, for counting)."""
    table = signature_table(signatures)
    return {(g[x], g[y]) for _, g in band_groups(table, rows) for y in range(1, len(g)) for x in range(y)}


def _same_agency(a: ReportRecord, b: ReportRecord) -> bool:
    if a.roster_name and b.roster_name:
        return a.roster_name == b.roster_name
    from reportlint.run.previous_year import same_agency

    return same_agency(a.agency, b.agency)


def packed(signature: bytes) -> int:
    """A packed signature's bins as one integer, a byte per bin: :func:`agreement_mask`
    then compares two in a few big-integer operations."""
    return int.from_bytes(signature_bins(signature), "little")


_LOW_BITS = int.from_bytes(b"\x01" * SIGNATURE_BINS, "little")


def agreement_mask(a: int, b: int) -> int:
    """Bit ``8 k`` set where two :func:`packed` signatures agree on bin ``k`` (the bytes
    of ``a ^ b`` that are zero: each byte's bits folded onto its lowest, inverted)."""
    x = a ^ b
    x |= x >> 4
    x |= x >> 2
    x |= x >> 1
    return ~x & _LOW_BITS


def agreeing_bins(a: int, b: int) -> int:
    """The bins on which two :func:`packed` signatures agree."""
    return agreement_mask(a, b).bit_count()


def band_starts(rows: int) -> int:
    """Bit ``8 k`` set for the first bin ``k`` of every band of ``rows`` bins."""
    return sum(1 << (8 * start) for start in range(0, SIGNATURE_BINS - rows + 1, rows))


def first_agreeing_band(mask: int, rows: int, starts: int) -> int:
    """The first band on all of whose ``rows`` bins an :func:`agreement_mask` is set
    (-1 when there is none)."""
    whole = mask
    for k in range(1, rows):
        whole &= mask >> (8 * k)
    whole &= starts
    return ((whole & -whole).bit_length() - 1) // (8 * rows) if whole else -1


def _usable(signature: bytes | None) -> bool:
    """A signature of this format: as many bins as this version makes, each a value of
    :data:`VALUE_BITS` bits, a positive size (a record cached by another version may
    carry another)."""
    if not signature or type(signature) is not bytes or len(signature) != SIGNATURE_BINS + SIGNATURE_SIZE_BYTES:
        return False
    return max(signature_bins(signature)) < 1 << VALUE_BITS and signature_size(signature) > 0


def find_pairs(records: Iterable[ReportRecord], threshold: float = DEFAULT_THRESHOLD) -> list[NearDuplicate]:
    """The pairs of reports of different agencies whose narratives share at least
    ``threshold`` (0 < threshold ≤ 1) of their text, as estimated from the records'
    signatures; most shared first (then by path). Records without a signature (not
    checked, not a report, a narrative too short to compare) are left out. In a group of
    more than :data:`EXACT_GROUP` reports agreeing on a band, each is paired with the
    group's first :data:`REPRESENTATIVES` only."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"near-duplicate threshold must be in (0, 1], not {threshold!r}")
    signed = [r for r in records if _usable(r.signature)]
    table = signature_table(r.signature for r in signed)  # type: ignore[misc]
    sizes = [signature_size(r.signature) for r in signed]  # type: ignore[arg-type]
    packs = [int.from_bytes(table[o : o + SIGNATURE_BINS], "little") for o in range(0, len(table), SIGNATURE_BINS)]
    rows = rows_per_band(threshold)
    starts = band_starts(rows)
    bins, chance = SIGNATURE_BINS, _CHANCE
    found: list[NearDuplicate] = []
    # The group each report was last met in (its number, counted over the bands; -1:
    # none yet). Two reports with the same one agreed on an earlier band, so their pair
    # was decided there: it is passed by without comparing the signatures again — what
    # first_agreeing_band would decide, known without it. A group whose members all
    # share their last one (a template's copies, band after band) is passed by whole.
    last_group = [-1] * len(signed)
    for number, (band, group) in enumerate(band_groups(table, rows)):
        before = [last_group[i] for i in group]
        for i in group:
            last_group[i] = number
        if before[0] >= 0 and before.count(before[0]) == len(before):
            continue  # every pair of the group was decided in an earlier band
        exact = len(group) <= EXACT_GROUP
        for y in range(1, len(group)):
            j, met_j = group[y], before[y]
            # A group of many reports written from one template: each is compared with
            # its first few members only (see EXACT_GROUP), not with every other.
            for x in range(y) if exact else range(min(y, REPRESENTATIVES)):
                if met_j >= 0 and before[x] == met_j:
                    continue  # met in an earlier band's group: decided there
                i = group[x]
                mask = agreement_mask(packs[i], packs[j])
                agree = mask.bit_count()
                # The count of agreeing bins the threshold needs for these two sizes
                # (jaccard_of_share and agreement_of_jaccard, inlined: this runs for
                # every candidate).
                size_a, size_b = sizes[i], sizes[j]
                small, large = (size_a, size_b) if size_a < size_b else (size_b, size_a)
                common = threshold * small
                needed = common / (small + large - common)
                if agree < (needed + (1.0 - needed) * chance) * bins - 1e-9:
                    continue  # most candidates: turned down in every band they meet
                if band and first_agreeing_band(mask, rows, starts) != band:
                    continue  # taken in an earlier band
                share = overlap_share((agree / bins - chance) / (1.0 - chance), size_a, size_b)
                ra, rb = signed[i], signed[j]
                if share < threshold or _same_agency(ra, rb):
                    continue
                found.append(NearDuplicate(ra.path, rb.path, ra.agency, rb.agency, round(share, 3)))
    found.sort(key=lambda d: (-d.share, d.path_a, d.path_b))
    return found
