"""Copied narrative: from last year's report (RL522, the record) and across agencies.

Both comparisons read Documents the engine has already built; nothing here reads a file.

**Against last year** (:func:`repeated_from_last_year`, :func:`copied_narrative`). The
unit is the sentence of the narrative (``analysis.narrative.sentences``: the text
outside the tables), with its years and numbers masked (:func:`mask`): a sentence that
differs from last year's only by the year or the figures is still last year's — what
reviewers call 与往年雷同. Section headings, short sentences (``rules/narrative.yaml``
``copy.min_chars``) and boilerplate every report repeats (``copy.boilerplate``) are
left out. The share is by characters of the masked sentences, in total and per
section key (``overview`` … ``other``, as ``document/sections.py`` finds them).

**Across agencies** (:func:`narrative_signature`). Two agencies' reports built from one
text differ in the agency's name, the figures and the years, and little else; they are
found by the batch (``reportlint.audit.near_duplicates``) from a MinHash signature of
each narrative, so that 10,000 reports never mean 50 million comparisons. The same
eligible sentences are joined, the agency's own names (``analysis.agency_names``:
full, short and place forms) removed, years and numbers masked, punctuation dropped;
the set of 4-character shingles is sketched by *one-permutation hashing* (Li, Owen &
Zhang 2012): one multiply-shift hash per shingle, its top bits choose one of
:data:`SIGNATURE_BINS` bins, the bin keeps its smallest hash; each bin's minimum is
stored as :data:`VALUE_BITS` bits of a second hash of it (*b-bit* minwise hashing, Li &
König 2010); an empty bin borrows its neighbour's (densification); the number of
distinct shingles follows. Small
integers cost nothing to keep (a record of the batch holds a list of shared ints), and
two signatures agree in a bin with probability ``J + (1 - J) / 2**VALUE_BITS``, ``J``
the shingle sets' Jaccard similarity (:func:`estimated_jaccard` corrects for it). The
share two narratives have in common (:func:`estimated_share`) is the share of the
shorter one found in the other: a report with half its text another's shares 0.5 with
it, however long that other is.

Pure Python, no dependency: the shingles come out of the UTF-16 bytes of the text as
64-bit integers (four code units each) in C (``array``), the hashes by ``map`` over int
methods, and the minimum of every bin falls out of one sort (the bin is the hash's top
bits). benchmarks/bench_near_duplicates.py measures it: about half a millisecond for
8 KB of report on the 2-core machine.
"""

from __future__ import annotations

import operator
import sys
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import field
from fractions import Fraction
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document

if TYPE_CHECKING:  # narrative is imported when a comparison runs
    from reportlint.analysis.narrative import Sentence

_MASK_NUMBER = pattern_store.compile(r"\d+(?:[.,]\d+)*")
_MASK_CN_YEAR = pattern_store.compile(r"[〇○零Oo0一二三四五六七八九]{4}(?=年)")
_MASK_CN_COUNT = pattern_store.compile(r"[零〇一二两三四五六七八九十百千]+(?=[件项次个条场期篇家])")
# Everything but letters and CJK (punctuation, the `#` of masked numbers, `_`): a copy
# re-punctuated or with other figures is still the same text.
_NOT_WORD = pattern_store.compile(r"[\W_\d]+")

# The signature's format. Changing any of these (or the normalisation) changes every
# signature: the result cache's format (run/cache.py), which keeps records, must change too.
SHINGLE = 4  # characters (UTF-16 code units) per shingle: one 64-bit integer
SIGNATURE_BINS = 128  # bins of the one-permutation hash; a power of two
SIGNATURE_LENGTH = SIGNATURE_BINS + 1  # the bins, then the number of distinct shingles
VALUE_BITS = 8  # bits of each bin's minimum kept
# An empty bin (no shingle hashed into it) borrows from the next bin that is not, its
# minimum moved on by this much per bin of distance before its b bits are taken
# (rotation densification, Shrivastava & Li 2014): every bin has a value, and two
# signatures agree on a borrowed bin about as often as on a bin of their own.
_ROTATION = 0x632BE59BD9B4E019
_BIN_SHIFT = 64 - (SIGNATURE_BINS.bit_length() - 1)
_VALUE_SHIFT = 64 - VALUE_BITS
_MASK64 = (1 << 64) - 1
# An odd 64-bit multiplier (multiply-shift hashing: the top bits of x·A mod 2^64 are a
# universal hash of x); fixed, so signatures agree across processes and machines.
_MULTIPLIER = 0x9E3779B97F4A7C15
# A bin keeps its minimum's b bits from a second hash of it: the minimum's own bits
# right after the bin's are small (it is the least of a dozen), so they would agree
# between unrelated reports far more often than 1 in 2**VALUE_BITS.
_VALUE_MULTIPLIER = 0xD6E8FEB86659FD93
# Fewer shingles than this and the narrative is too short to tell a copy from a
# shared template: no signature.
MIN_SHINGLES = 2 * SIGNATURE_BINS


def mask(sentence: str) -> str:
    """A sentence with its years and numbers replaced by ``#``."""
    s = _MASK_CN_YEAR.sub("#", sentence)
    s = _MASK_NUMBER.sub("#", s)
    return _MASK_CN_COUNT.sub("#", s)


# Between the sentences masked together: in no class of the masks (no match runs across
# it, a lookahead at it fails as at a sentence's end) and, when it is in no sentence, a
# place to cut the masked text apart again.
_MASK_SEPARATOR = "\x00"


def mask_all(sentences: list[str]) -> list[str]:
    """``[mask(s) for s in sentences]``, by three substitutions over all of them at once
    instead of three per sentence."""
    if any(_MASK_SEPARATOR in s for s in sentences):
        return [mask(s) for s in sentences]
    return mask(_MASK_SEPARATOR.join(sentences)).split(_MASK_SEPARATOR) if sentences else []


def _copy_settings() -> tuple[int, tuple[str, ...]]:
    from reportlint.analysis.narrative import data

    copy = data().get("copy") or {}
    return int(copy.get("min_chars", 15)), tuple(copy.get("boilerplate") or ())


@dataclass(eq=False)
class Copied:
    """How much of this year's narrative is last year's, word for word."""

    share: Fraction  # of this year's eligible narrative (by characters) found word for word last year
    copied: int  # sentences
    total: int
    first: Sentence | None  # the first copied sentence
    # section key → (copied characters, eligible characters) of this year's narrative
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)

    def section_shares(self) -> dict[str, float]:
        """Section key → share (0..1) of its eligible narrative copied, in report order."""
        return {key: copied / total for key, (copied, total) in self.sections.items() if total}


def _eligible(doc: Document, min_chars: int, boilerplate: tuple[str, ...]) -> list[tuple[Sentence, str]]:
    """(Sentence, masked text) of the narrative sentences worth comparing (once per
    document and settings: last year's check and the signature share them)."""
    return doc.memo(
        f"copied_text.eligible:{min_chars}:{boilerplate!r}", lambda: _find_eligible(doc, min_chars, boilerplate)
    )


def _find_eligible(doc: Document, min_chars: int, boilerplate: tuple[str, ...]) -> list[tuple[Sentence, str]]:
    from reportlint.analysis.narrative import sentences

    view = doc.view
    # Section headings are every report's (``三、收到和处理政府信息公开申请情况``): their
    # view spans merged, so one bisection tells whether a sentence starts in one.
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted((view.to_view(a), view.to_view(b)) for a, b in (sec.heading_span for sec in doc.sections)):
        if a >= b:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    phrases = _boilerplate_re(boilerplate)
    kept = []
    # The tests that need no masking first: a heading or boilerplate sentence is never masked.
    for s in sentences(doc):
        i = bisect_right(starts, s.start) - 1
        if i >= 0 and s.start < ends[i]:
            continue
        if phrases is not None and phrases.search(s.text):
            continue
        kept.append(s)
    masked = mask_all([s.text for s in kept])
    return [(s, m) for s, m in zip(kept, masked) if len(m) >= min_chars]


@lru_cache(maxsize=4)
def _boilerplate_re(boilerplate: tuple[str, ...]):
    """One pattern finding any of the boilerplate phrases (as written, not as patterns)."""
    import re

    if not boilerplate:
        return None
    return pattern_store.compile(
        "|".join(re.escape(b) for b in sorted(set(boilerplate), key=pattern_store.longest_first))
    )


def _section_starts(doc: Document) -> list[tuple[int, str]]:
    """(view offset where the section's heading starts, section key), in view order."""
    view = doc.view
    return sorted((view.to_view(sec.heading_span[0]), sec.key) for sec in doc.sections)


def section_at(starts: list[tuple[int, str]], view_offset: int) -> str | None:
    """The key of the section a view offset lies in (None: before the first heading)."""
    import bisect

    i = bisect.bisect_right(starts, (view_offset, "\uffff")) - 1
    return starts[i][1] if i >= 0 else None


def copied_narrative(doc: Document, prev: Document, min_chars: int, boilerplate: tuple[str, ...]) -> Copied:
    """How much of ``doc``'s narrative repeats ``prev``'s, years and numbers masked."""
    last = {m for _, m in _eligible(prev, min_chars, boilerplate)}
    starts = _section_starts(doc)
    total_chars = copied_chars = 0
    copied = total = 0
    first = None
    sections: dict[str, list[int]] = {}
    for s, m in _eligible(doc, min_chars, boilerplate):
        total += 1
        total_chars += len(m)
        key = section_at(starts, s.start)
        tally = sections.setdefault(key, [0, 0]) if key is not None else [0, 0]
        tally[1] += len(m)
        if m in last:
            copied += 1
            copied_chars += len(m)
            tally[0] += len(m)
            if first is None:
                first = s
    share = Fraction(copied_chars, total_chars) if total_chars else Fraction(0)
    return Copied(share, copied, total, first, {k: (c, t) for k, (c, t) in sections.items()})


def copied_from(doc: Document, previous_doc: Document) -> Copied:
    """:func:`copied_narrative` of ``doc`` against ``previous_doc`` with the settings of
    ``rules/narrative.yaml``, computed once per pair of documents (RL522 and the
    record ask for the same comparison)."""
    done = doc.memo("copied_text.copied_from", dict)
    hit = done.get(id(previous_doc))
    if hit is None or hit[0] is not previous_doc:
        hit = (previous_doc, copied_narrative(doc, previous_doc, *_copy_settings()))
        done[id(previous_doc)] = hit
    return hit[1]


def repeated_from_last_year(doc: Document, previous_doc: Document | None) -> tuple[float, dict[str, float]] | None:
    """The share (0..1, by characters) of ``doc``'s narrative repeated from
    ``previous_doc``'s — years and numbers masked — in total and per section key (only
    the sections with narrative to compare, in report order); None without last year's
    report.

    The figure of the record (``ReportRecord.copied_from_last_year`` /
    ``copied_sections``); RL522 reports it above its threshold."""
    if previous_doc is None:
        return None
    copy = copied_from(doc, previous_doc)
    return float(copy.share), copy.section_shares()


# -- across agencies ----------------------------------------------------------------------


def signature_text(doc: Document) -> str:
    """The narrative as the signature sees it: the eligible sentences joined, the
    agency's own names removed, years and numbers masked, punctuation dropped."""
    from reportlint.analysis.agency_names import own_names, place_chain

    text = "".join(m for _, m in _eligible(doc, *_copy_settings()))  # years and numbers masked
    names = own_names(doc)
    forms = list(names.forms)
    if names.canonical:
        forms.extend(place_chain(names.canonical)[0])
    # Longest first, and one order for names of one length: the same text in every process.
    for form in sorted({f for f in forms if len(f) >= 2}, key=pattern_store.longest_first):
        text = text.replace(form, "")
    return _NOT_WORD.sub("", text)


def shingles(text: str) -> list[int]:
    """Every window of :data:`SHINGLE` UTF-16 code units of ``text`` as a 64-bit integer
    (little-endian code units, the same on every machine)."""
    return _shingle_array(text).tolist()


def _shingle_array(text: str) -> array:
    """:func:`shingles` as an ``array('Q')`` (no Python int made for them)."""
    raw = text.encode("utf-16-le")
    out = array("Q")
    width = 2 * SHINGLE
    for offset in range(0, width, 2):  # windows starting at units offset, offset+4, …
        usable = (len(raw) - offset) // width * width
        if usable > 0:
            out.frombytes(raw[offset : offset + usable])
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _hashes(keys: array) -> list[int]:
    """x·A mod 2^64 (:data:`_MULTIPLIER`) of every 64-bit key, by one multiplication:
    the keys are laid out in 128-bit lanes of one integer (each key in the low half of
    its lane), so each lane's product (below 2^128) never carries into the next, and the
    low half of each lane of the product is that key's hash. One C multiplication
    instead of a multiply and a mask per key (two Python ints each)."""
    n = len(keys)
    lanes = array("Q", bytes(16 * n))
    lanes[0::2] = keys
    if sys.byteorder == "big":
        lanes.byteswap()
    product = int.from_bytes(lanes, "little") * _MULTIPLIER
    out = array("Q")
    out.frombytes(product.to_bytes(16 * n, "little"))
    if sys.byteorder == "big":
        out.byteswap()
    return out[0::2].tolist()


def signature_of(keys: list[int]) -> list[int] | None:
    """The one-permutation b-bit MinHash signature of a set of 64-bit shingles — one
    value per bin, then the number of distinct shingles — or None when there are fewer
    than :data:`MIN_SHINGLES` distinct shingles."""
    return _signature_of_hashes(_hashes(array("Q", keys)))


# The lower bound of every bin (its hashes' top bits are its number).
_BIN_STARTS = [b << _BIN_SHIFT for b in range(SIGNATURE_BINS)]


def _signature_of_hashes(hashes: list[int]) -> list[int] | None:
    """:func:`signature_of`, from the shingles' hashes (:func:`_hashes`). ``A`` being
    odd, x·A mod 2^64 is one-to-one: the distinct hashes are as many as the distinct
    shingles."""
    distinct = sorted(set(hashes))
    n = len(distinct)
    if n < MIN_SHINGLES:
        return None
    # Sorted ascending, a bin's hashes are consecutive and its first is its minimum: at
    # the bisection of the bin's lower bound; a bin is empty when the next bin's
    # bisection is the same. All of it by ``map``: no bytecode per bin or per hash.
    at = list(map(bisect_left, repeat(distinct, SIGNATURE_BINS), _BIN_STARTS))
    at.append(n)
    if len(set(at)) == SIGNATURE_BINS + 1:  # no bin is empty
        lowest = list(map(distinct.__getitem__, at[:SIGNATURE_BINS]))
    else:
        found = {b: distinct[at[b]] for b in range(SIGNATURE_BINS) if at[b] < at[b + 1]}
        _densify(found)
        lowest = [found[b] for b in range(SIGNATURE_BINS)]
    masked = map(_MASK64.__and__, map(_VALUE_MULTIPLIER.__mul__, lowest))
    bins = list(map(operator.rshift, masked, repeat(_VALUE_SHIFT, SIGNATURE_BINS)))
    bins.append(n)
    return bins


def _densify(lowest: dict[int, int]) -> None:
    """Give every empty bin the minimum of the next bin that has one (circularly),
    moved on by :data:`_ROTATION` per bin of distance."""
    import bisect

    own = sorted(lowest)  # there is one at least: MIN_SHINGLES > SIGNATURE_BINS
    for b in range(SIGNATURE_BINS):
        if b in lowest:
            continue
        i = bisect.bisect_left(own, b)
        donor = own[i] if i < len(own) else own[0]
        lowest[b] = (lowest[donor] + ((donor - b) % SIGNATURE_BINS) * _ROTATION) & _MASK64


def narrative_signature(doc: Document) -> list[int] | None:
    """The MinHash signature of ``doc``'s narrative (:data:`SIGNATURE_LENGTH` integers:
    :data:`SIGNATURE_BINS` small ones, then the size of the shingle set; see the module
    doc), or None when the narrative is too short to compare."""
    return _signature_of_hashes(_hashes(_shingle_array(signature_text(doc))))


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity of two narratives' shingle sets estimated from their
    signatures: the share of bins where they agree, corrected for the chance agreement
    of b-bit values."""
    a, b = a[:SIGNATURE_BINS], b[:SIGNATURE_BINS]
    agree = sum(map(operator.eq, a, b))
    used = min(len(a), len(b))
    return jaccard_of_agreement(agree, used)


def jaccard_of_agreement(agree: int, used: int) -> float:
    """The Jaccard similarity that makes ``agree`` of ``used`` b-bit bins agree."""
    if not used:
        return 0.0
    chance = 1.0 / (1 << VALUE_BITS)
    return max(0.0, (agree / used - chance) / (1.0 - chance))


def agreement_of_jaccard(jaccard: float) -> float:
    """The share of b-bit bins two signatures of this Jaccard similarity agree on."""
    chance = 1.0 / (1 << VALUE_BITS)
    return jaccard + (1.0 - jaccard) * chance


def overlap_share(jaccard: float, size_a: int, size_b: int) -> float:
    """The share of the shorter narrative found in the other, from the Jaccard
    similarity and the sizes of the two shingle sets: ``|A ∩ B| / min(|A|, |B|)`` with
    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``. A report of which half is another's text
    shares 0.5 with it; a report copied whole into a longer one, 1."""
    if jaccard <= 0 or min(size_a, size_b) <= 0:
        return 0.0
    common = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, common / min(size_a, size_b))


def jaccard_of_share(share: float, size_a: int, size_b: int) -> float:
    """The Jaccard similarity at which :func:`overlap_share` is ``share`` (its inverse)."""
    small, large = sorted((size_a, size_b))
    common = share * small
    return common / (small + large - common)


def estimated_share(a: list[int], b: list[int]) -> float:
    """The share of narrative the two reports of these signatures have in common (0..1):
    :func:`overlap_share` of :func:`estimated_jaccard`."""
    return overlap_share(estimated_jaccard(a, b), a[SIGNATURE_BINS], b[SIGNATURE_BINS])
