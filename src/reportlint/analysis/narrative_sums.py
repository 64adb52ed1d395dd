"""The narrative's own arithmetic: a total and its parts, the shares it states, and an
old-format report that answered more applications than it received.

Works on the sentences and numbers of :mod:`reportlint.analysis.narrative` (whitespace
removed, ASCII digits, a number counts only with its unit); the words and thresholds are
in ``rules/narrative_sums.yaml``, which explains the reading.

A :class:`Breakdown` is a total and the parts a marker (``其中``, ``包括``, a bracket)
introduces right after it: ``主动公开政府信息106条，其中机构概况5条；政策法规4条；…``.
What can be said about it:

- the parts add up to more than the total — always wrong, unless another reading of the
  whole holds them (:meth:`Breakdown.alternatives`) or one part lies inside another;
- the list is the whole breakdown (:meth:`Breakdown.complete`: a catch-all last part, a
  known partition, shares adding up to 100%) and the parts do not add up to the total;
- the total is written ``173769万条`` and the parts add up to 173769: the unit is wrong;
- a share (``占25%``) is not count / total, rounded to the places written.

Precision first: whatever is not clearly a part of this whole ends the list.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache

from reportlint.analysis import narrative
from reportlint.analysis.narrative import Number, Sentence, numbers, sentences
from reportlint.core import pattern_store
from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document, Span

OPEN = "（(["
CLOSE = "）)]"
LABEL_STOPS = "，,；;：:。！？!?"  # a part's words never run over these (`、` is inside a label)
LEAD = "，,、；;：:和及与"  # what may stand before a part's words


@lru_cache(maxsize=1)
def data() -> dict:
    from reportlint.core.ruledata import load

    return load("narrative_sums")


def _alternation(words) -> re.Pattern:
    ws = sorted({w for w in words if w}, key=pattern_store.longest_first)
    return pattern_store.compile("|".join(re.escape(w) for w in ws))


# ---------------------------------------------------------------------------------------
# Numbers with their units, and shares


@dataclass(eq=False)
class Quantity:
    """A number with its unit in a sentence, in the unit's base (万元 → 元)."""

    sentence: Sentence
    start: int  # in Sentence.text: the number and its unit
    end: int
    value: Fraction  # in the base unit (万条 → 条 × 10000, 万元 → 元 × 10000)
    written: Fraction  # the number as written
    unit: str  # the base unit
    magnitude: int
    approx: bool
    raw: str
    places: int  # decimal places written

    @property
    def tolerance(self) -> Fraction:
        """How far the true figure may be from ``value``: half a step of the last place
        written when the figure is given in 万 or 亿 (``1.2万条`` is 11500–12500)."""
        if self.magnitude == 1:
            return Fraction(0)
        return Fraction(self.magnitude, 10**self.places) / 2

    def span(self, doc: Document) -> Span:
        return self.sentence.text_span(doc, self.start, self.end)


@dataclass(eq=False)
class Share:
    """A percentage written in a sentence."""

    sentence: Sentence
    start: int  # the number and its `%`
    end: int
    value: Fraction
    places: int
    raw: str
    approx: bool
    attached: bool = False  # written right after a count, with a share word (`，占25%`)

    def span(self, doc: Document) -> Span:
        return self.sentence.text_span(doc, self.start, self.end)


@dataclass(eq=False)
class Other:
    """A number or share in a sentence that belongs to no breakdown."""

    start: int
    end: int
    value: Fraction | None = None
    unit: str | None = None


Token = Quantity | Share | Other


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern:
    return _alternation(list(data()["units"]["summable"]) + list(narrative.data()["units"]["money"]))


@lru_cache(maxsize=1)
def _share_re() -> re.Pattern:
    spec = data()["percent"]
    prefix = "|".join(sorted(map(re.escape, spec["prefixes"]), key=pattern_store.longest_first))
    filler = "|".join(sorted(map(re.escape, spec["fillers"]), key=pattern_store.longest_first))
    return pattern_store.compile(rf"[，,（(]?(?:{prefix})(?:{filler})*")


def _places(raw: str) -> int:
    m = re.match(r"[\d,]*\.(\d+)", raw)
    return len(m.group(1)) if m else 0


def tokens(doc: Document, sent: Sentence) -> list[Token]:
    """The numbers of a narrative sentence of ``doc``: quantities in a unit a sum can be
    made of, shares (``25%``), and anything else (years, dates, bare numbers) as
    :class:`Other` (cached per document)."""
    table: dict[int, list[Token]] = doc.memo("narrative_sums.tokens", dict)
    key = id(sent)
    if key not in table:
        table[key] = _make_tokens(sent)
    return table[key]


@lru_cache(maxsize=1)
def _token_words() -> tuple[set[str], dict[str, int], dict[str, int], tuple[str, ...]]:
    """Summable units, magnitudes (``万`` → 10000), money units with their factor to 元,
    approximation words before a number."""
    return (
        set(data()["units"]["summable"]),
        {k: int(v) for k, v in data()["units"]["magnitudes"].items()},
        {k: int(v) for k, v in narrative.data()["units"]["money"].items()},
        tuple(narrative.data()["approximate"]["before"]),
    )


def _make_tokens(sent: Sentence) -> list[Token]:
    s = sent.text
    summable, magnitudes, money, approx_before = _token_words()
    out: list[Token] = []
    for n in numbers(sent):
        out.append(_token(sent, s, n, summable, magnitudes, money, approx_before, out))
    return out


def _token(sent, s, n: Number, summable, magnitudes, money, approx_before, previous: list[Token]) -> Token:
    digits = s[n.start : n.end]
    if n.unit == "%":
        prev_end = previous[-1].end if previous else 0
        gap = s[prev_end : n.start]
        m = _share_re().fullmatch(gap) if previous and isinstance(previous[-1], Quantity) else None
        approx = n.approx or any(w in gap for w in approx_before)
        return Share(sent, n.start, n.end, n.value, _places(digits), digits, approx, attached=m is not None)
    if n.unit is not None and n.unit in summable:
        return Quantity(sent, n.start, n.end, n.value, n.value, n.unit, 1, n.approx, digits, _places(digits))
    if n.unit in money:
        factor = money[n.unit]
        return Quantity(
            sent, n.start, n.end, n.value * factor, n.value, "元", factor, n.approx, digits, _places(digits)
        )
    if n.unit is None and n.end < len(s) and s[n.end] in magnitudes:
        um = _unit_re().match(s, n.end + 1)
        if um is not None and um.group() in summable:
            factor = magnitudes[s[n.end]]
            end = um.end()
            raw = s[n.start : end]
            approx = n.approx or s.startswith(tuple(narrative.data()["approximate"]["after"]), end)
            return Quantity(
                sent, n.start, end, n.value * factor, n.value, um.group(), factor, approx, raw, _places(raw)
            )
    return Other(n.start, n.end, n.value, n.unit)


# ---------------------------------------------------------------------------------------
# Breakdowns


@dataclass(eq=False)
class Part:
    """One part of a breakdown: its quantity, its words and its share if written."""

    quantity: Quantity
    label: str  # the words naming the part
    share: Share | None = None
    continued: bool = False  # in a `；`-sentence after the marker's own sentence


@dataclass(eq=False)
class Breakdown:
    """A total and the parts the text splits it into (``共…件，其中…``)."""

    total: Quantity
    parts: list[Part]
    sample: bool = False  # `其中主要有…`, `…等`: only some parts
    earlier: list[Token] = field(default_factory=list)  # the numbers before the total
    doc: Document | None = field(default=None, repr=False)
    _alternatives: list[Fraction] | None = field(default=None, repr=False)
    overlap_said: bool = False  # the passage says its parts overlap (`两者重复发布300条`)
    cut: bool = False  # a figure of the same unit follows the last part but was not read as one

    @property
    def unit(self) -> str:
        return self.total.unit

    @property
    def approx(self) -> bool:
        return self.total.approx or any(p.quantity.approx for p in self.parts)

    def parts_sum(self, own_sentence_only: bool = False) -> Fraction:
        return sum((p.quantity.value for p in self.parts if not (own_sentence_only and p.continued)), Fraction(0))

    def tolerance(self) -> Fraction:
        return self.total.tolerance + sum((p.quantity.tolerance for p in self.parts), Fraction(0))

    def complete(self) -> str | None:
        """Why the parts are the whole breakdown (``catch_all``, ``partition``,
        ``shares``), or None when they may be only some of it."""
        if self.sample or not self.parts:
            return None
        spec = data()["breakdown"]
        if self.cut:
            return None  # the list goes on past what was read: its last part is not the last
        last = self.parts[-1].label.lstrip(LEAD)
        if last.startswith(tuple(spec["catch_all"])) and not last.startswith(tuple(spec["not_catch_all"])):
            return "catch_all"
        for partition in spec["partitions"]:
            if len(self.parts) == len(partition) and len(self.parts) >= 2:
                named = [
                    next((i for i, words in enumerate(partition) if any(w in p.label for w in words)), None)
                    for p in self.parts
                ]
                if None not in named and len(set(named)) == len(partition):
                    return "partition"
        shares = [p.share for p in self.parts if p.share is not None and not p.share.approx]
        if len(self.parts) >= 2 and len(shares) == len(self.parts) and shares_add_up(shares):
            return "shares"
        return None

    def alternatives(self) -> list[Fraction]:
        """Other readings of the whole: each earlier figure of the same unit in the
        sentence, the sums of the figures right before the marker (``受理12件，上年结转3件，
        其中…``), and the table's figures when the whole restates table 三."""
        if self._alternatives is None:
            same = [t for t in self.earlier if isinstance(t, Quantity) and t.unit == self.unit and not t.approx]
            out = [t.value for t in same]
            run = self.total.value
            for t in reversed(same):
                run += t.value
                out.append(run)
            if self.doc is not None:
                out.extend(_table_wholes(self.doc, self.total))
            self._alternatives = out
        return self._alternatives

    def overlapping(self) -> bool:
        """May the parts overlap? The passage says so (`两者重复发布300条`), a part says
        who took part (`主要领导出席8场`), or two or more parts are channels
        (`网站1200条，微信公众号800条`)."""
        spec = data()["breakdown"]
        if self.overlap_said:
            return True
        if any(w in p.label for p in self.parts for w in spec["overlap_part_words"]):
            return True
        channels = tuple(spec["channel_words"])
        return sum(1 for p in self.parts if any(w in p.label for w in channels)) >= 2

    def quote(self) -> str:
        s = self.total.sentence.text
        a = self.total.start
        while a > 0 and s[a - 1] not in "，,；;。：:！？!?":
            a -= 1
        last: Quantity | Share = self.total
        if self.parts:
            last = self.parts[-1].share or self.parts[-1].quantity
        end = quote_end(last.sentence.text, last.end)
        if last.sentence is self.total.sentence:
            q = s[a:end]
        else:
            q = s[a:] + "…" + last.sentence.text[:end]
        return q if len(q) <= 60 else q[:29] + "…" + q[-30:]


def quote_end(s: str, end: int) -> int:
    """Where a quote ending at ``end`` ends: after the bracket closed right there
    (``30件（占25%）``)."""
    return end + 1 if end < len(s) and s[end] in CLOSE else end


def shares_add_up(shares: list[Share]) -> bool:
    """Do these shares of one whole add up to 100%, within what rounding to the places
    written allows?"""
    spec = data()["percent"]
    places = max(s.places for s in shares)
    slack = Fraction(int(spec["sum_slack_per_share"]) * len(shares), 10**places)
    return abs(sum((s.value for s in shares), Fraction(0)) - 100) <= slack


def share_agrees(share: Share, count: Fraction, whole: Fraction) -> bool:
    """Is ``share`` count / whole as a percentage, rounded (half up, or cut) to the places
    it is written with?"""
    if whole <= 0:
        return False
    exact = count * 100 / whole
    return any(rounded(exact, share.places, how) == share.value for how in data()["percent"]["roundings"])


def rounded(value: Fraction, places: int, how: str) -> Fraction:
    mode = {"half_up": ROUND_HALF_UP, "truncate": ROUND_DOWN}[how]
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(d.quantize(Decimal(1).scaleb(-places), rounding=mode))


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern:
    return _alternation(data()["breakdown"]["markers"])


@lru_cache(maxsize=1)
def _bracket_marker_re() -> re.Pattern:
    words = sorted(map(re.escape, data()["breakdown"]["bracket_markers"]), key=pattern_store.longest_first)
    return pattern_store.compile(rf"[{re.escape(OPEN)}](?:{'|'.join(words)})")


def _closes(doc: Document, sent: Sentence) -> dict[int, int]:
    """Each opening bracket of the sentence → the index of the bracket closing it."""
    table: dict[int, dict[int, int]] = doc.memo("narrative_sums.brackets", dict)
    key = id(sent)
    if key not in table:
        pairs: dict[int, int] = {}
        stack: list[int] = []
        for j, c in enumerate(sent.text):
            if c in OPEN:
                stack.append(j)
            elif c in CLOSE and stack:
                pairs[stack.pop()] = j
        table[key] = pairs
    return table[key]


def _close_of(doc: Document, sent: Sentence, i: int, limit: int) -> int | None:
    """The index of the bracket closing the one opened at ``sent.text[i]``, before ``limit``."""
    j = _closes(doc, sent).get(i)
    return j if j is not None and j < limit else None


def _index(doc: Document, sent: Sentence, b: int) -> int:
    """How many of the sentence's tokens start before ``b``."""
    table: dict[int, list[int]] = doc.memo("narrative_sums.token_starts", dict)
    key = id(sent)
    if key not in table:
        table[key] = [t.start for t in tokens(doc, sent)]
    return bisect_left(table[key], b)


def _tokens_from(doc: Document, sent: Sentence, b: int) -> list[Token]:
    """The sentence's tokens that start at or after ``b``."""
    return tokens(doc, sent)[_index(doc, sent, b) :]


def _tokens_before(doc: Document, sent: Sentence, b: int) -> list[Token]:
    """The last tokens of the sentence that start before ``b`` (at most ``max_before``
    of them: what lies further back does not name this whole)."""
    k = _index(doc, sent, b)
    return tokens(doc, sent)[max(0, k - int(data()["breakdown"]["max_before"])) : k]


def breakdowns(doc: Document) -> list[Breakdown]:
    """Every total of the narrative with the parts stated right after it (cached)."""
    return doc.memo("narrative_sums.breakdowns", lambda: _breakdowns(doc))


def _breakdowns(doc: Document) -> list[Breakdown]:
    sents = sentences(doc)
    out: list[Breakdown] = []
    for i, sent in enumerate(sents):
        s = sent.text
        toks = tokens(doc, sent)
        if not any(isinstance(t, Quantity) for t in toks):
            continue
        starts: list[tuple[int, int, int | None]] = []  # (marker start, marker end, bracket close)
        for m in _bracket_marker_re().finditer(s):
            close = _close_of(doc, sent, m.start(), len(s))
            if close is not None:
                starts.append((m.start(), m.end(), close))
        taken = {a for a, _, _ in starts}
        for m in _marker_re().finditer(s):
            if m.start() - 1 in taken:
                continue
            starts.append((m.start(), m.end(), None))
        for a, b, close in sorted(starts):
            bd = _breakdown_at(doc, sents, i, a, b, close)
            if bd is not None:
                out.append(bd)
        # a bracket of parts right after a count, without a marker (`197条（A 32条、B 165条）`)
        for t in toks:
            if isinstance(t, Quantity) and t.end < len(s) and s[t.end] in OPEN and t.end not in taken:
                close = _close_of(doc, sent, t.end, len(s))
                if close is None or _bracket_marker_re().match(s, t.end):
                    continue
                bd = _parts_after(doc, sents, i, t, t.end + 1, close, bracket=True)
                if bd is not None and len(bd.parts) >= 2:
                    out.append(bd)
    return out


def _breakdown_at(doc: Document, sents: list[Sentence], i: int, a: int, b: int, close: int | None) -> Breakdown | None:
    sent = sents[i]
    s = sent.text
    spec = data()["breakdown"]
    before = _tokens_before(doc, sent, a)
    if _LEADING.fullmatch(s, 0, a):
        # `…3460条。其中，…`: the whole is the last figure of the sentence before
        if i == 0 or not sents[i - 1].text.endswith(("。", "；", ";")):
            return None
        prev = _tokens_before(doc, sents[i - 1], len(sents[i - 1].text))
        if not prev or not isinstance(prev[-1], Quantity):
            return None
        tail = sents[i - 1].text[prev[-1].end :]
        if len(tail) > int(spec["max_gap"]) + 1 or any(w in tail for w in spec["stop_words"]):
            return None
        total = prev[-1]
        earlier = prev[:-1]
    else:
        if not before or not isinstance(before[-1], Quantity):
            return None
        total = before[-1]
        gap = s[total.end : a]
        if len(gap) > int(spec["max_gap"]) or any(w in gap for w in spec["stop_words"]):
            return None
        if re.search(r"[。；;\d]", gap):
            return None
        earlier = before[:-1]
    if total.approx or _is_change(doc, total):
        return None
    limit = close if close is not None else len(s)
    bd = _parts_after(doc, sents, i, total, b, limit, bracket=close is not None)
    if bd is None:
        return None
    bd.earlier, bd.doc = earlier, doc
    if any(w in s[b : b + 4] for w in spec["sample_words"] if w != "等"):
        bd.sample = True  # `其中主要有…`, `其中如…`
    return bd


_LEADING = pattern_store.compile(r"[，,：:（(、]*")


def _table_wholes(doc: Document, total: Quantity) -> list[Fraction]:
    """When the whole restates table 三 (``受理申请50件，其中…``), the table's figures of
    the applications handled are other readings of it: authors list the outcomes of all
    applications (carried over ones too) under the number received."""
    from reportlint.analysis.narrative import Target

    if doc.readable_table("table3") is None:
        return []
    st = _statements_by_place(doc).get((id(total.sentence), total.start))
    if st is None or st.domain != "requests":
        return []
    rows = (("new",), ("new", "carried_over"), ("outcome_total",))
    values = [Target("table3", r, ("total",)).value(doc) for r in rows]
    return [v for v in values if v is not None]


def _statements_by_place(doc: Document) -> dict[tuple[int, int], narrative.Statement]:
    """narrative's statements by (sentence, where the number starts)."""
    return doc.memo(
        "narrative_sums.statements",
        lambda: {(id(st.sentence), st.number.start): st for st in narrative.statements(doc)},
    )


def _is_change(doc: Document, q: Quantity) -> bool:
    """Is the figure a change or last year's (``比上年增加300条``), not a whole?"""
    toks = tokens(doc, q.sentence)
    k = _index(doc, q.sentence, q.start)
    a = toks[k - 1].end if k > 0 else 0
    clause = q.sentence.text[a : q.start]
    return any(w in clause for w in narrative.data()["change"])


def _parts_after(
    doc: Document, sents: list[Sentence], i: int, total: Quantity, b: int, limit: int, bracket: bool
) -> Breakdown | None:
    """The parts after the marker (``s[b:limit]`` of sentence ``i``) and, for a list
    written one item per ``；``-sentence, the sentences after it."""
    sent = sents[i]
    parts, ended, cut = _items(doc, sent, b, limit, total.unit, first=True)
    if not parts:
        return None
    whole_at = _whole_at(parts, total)
    if whole_at is not None:
        # `150条，其中A 80条…人事信息5条，微信公众号发布310条`: the first parts already make
        # the total, so what follows them is about something else
        parts, ended, cut = parts[:whole_at], True, False
    bd = Breakdown(total, parts, cut=cut)
    spec = data()["breakdown"]
    tail = sent.text[parts[-1].quantity.end : limit]
    if parts[-1].share is not None:
        tail = sent.text[parts[-1].share.end : limit]
    if tail.lstrip("，,、").startswith("等"):
        bd.sample = True
    if any(w in parts[0].label for w in spec["sample_words"] if w != "等"):
        bd.sample = True
    bd.overlap_said = _says_overlap(doc, sent)
    if ended or bracket or not sent.text.endswith(("；", ";")):
        return bd
    if abs(bd.parts_sum() - total.value) <= bd.tolerance():
        return bd  # the list is whole already: what follows is about something else
    with_share = parts[0].share is not None
    j = i + 1
    while j < len(sents):
        more, stopped, cut = _items(doc, sents[j], 0, len(sents[j].text), total.unit, first=False)
        bd.cut = bd.cut or cut
        if stopped or not more or any((p.share is not None) != with_share for p in more):
            break
        for p in more:
            p.continued = True
        bd.parts.extend(more)
        bd.overlap_said = bd.overlap_said or _says_overlap(doc, sents[j])
        if sents[j].text.rstrip("；;。").endswith("等"):
            bd.sample = True
        if not sents[j].text.endswith(("；", ";")):
            break
        j += 1
    return bd


def _whole_at(parts: list[Part], total: Quantity) -> int | None:
    """How many of the first parts (at least two, fewer than all) add up to the total
    exactly, or None."""
    run = Fraction(0)
    for k, p in enumerate(parts[:-1], start=1):
        run += p.quantity.value
        if k >= 2 and run == total.value and not p.quantity.approx:
            return k
    return None


def _says_overlap(doc: Document, sent: Sentence) -> bool:
    table: dict[int, bool] = doc.memo("narrative_sums.overlap", dict)
    key = id(sent)
    if key not in table:
        table[key] = any(w in sent.text for w in data()["breakdown"]["overlap_words"])
    return table[key]


@lru_cache(maxsize=1)
def _not_sums_re() -> re.Pattern:
    return _alternation(data()["breakdown"]["not_sum_words"])


def _items(doc: Document, sent: Sentence, b: int, limit: int, unit: str, first: bool) -> tuple[list[Part], bool, bool]:
    """The parts in ``sent.text[b:limit]``, whether the list ended there (something
    that is not a part), and whether what ended it was a figure of the list's unit whose
    words could not be read as a part's (``政务(工作)动态类信息48条``: the list may go on).
    In a sentence after the marker's (``first`` false) everything must be a part, else
    no part is taken."""
    s = sent.text
    spec = data()["breakdown"]
    stops = tuple(spec["stop_words"])
    sums = tuple(spec["sum_words"])
    not_sums = _not_sums_re()
    parts: list[Part] = []
    pos = b
    number_first = False
    toks = tokens(doc, sent)
    k = _index(doc, sent, b)
    while k < len(toks):
        t = toks[k]
        k += 1
        if t.start >= limit:
            break
        if isinstance(t, Share):
            if t.attached and parts and parts[-1].share is None and parts[-1].quantity.end <= t.start:
                parts[-1].share = t
                pos = t.end
                continue
            return (parts, True, False) if first else ([], True, False)
        if not isinstance(t, Quantity) or t.unit != unit:
            return (parts, True, False) if first else ([], True, False)
        words = s[pos : t.start]
        label = words.lstrip(LEAD)
        if (
            any(c in label for c in LABEL_STOPS + OPEN + CLOSE)
            or _marker_re().search(label)
            or re.search(r"\d", label)  # a number the reading left out: the list is not clear
        ):
            cut = not any(c in label for c in LABEL_STOPS)  # no clause break: still the list
            return (parts, True, cut) if first else ([], True, cut)
        says_sum = any(w in not_sums.sub("", label) for w in sums)
        if any(w in label for w in stops) or ((parts or not first) and says_sum):
            return (parts, True, False) if first else ([], True, False)
        if not parts:
            number_first = not label
        if number_first:
            # the number first, its words after (`其中1条播放量破亿、2条破千万`)
            e = t.end
            while e < limit and s[e] not in LABEL_STOPS + "、" + OPEN and not s[e].isdigit():
                e += 1
            label = s[t.end : e]
        parts.append(Part(t, label))
        pos = t.end
        if t.end < limit and s[t.end] in OPEN:
            close = _close_of(doc, sent, t.end, limit)
            if close is None:
                return (parts, True, False) if first else ([], True, False)
            nxt = toks[k] if k < len(toks) else None
            if isinstance(nxt, Share) and nxt.attached and nxt.end == close:
                parts[-1].share = nxt  # `30件（占25%）`
            pos = close + 1
            k = _index(doc, sent, pos)  # the bracket is this part's own breakdown
    if parts:
        # words after the last part: the list ended before the end of the text; in an item
        # sentence, only a short tail of the part's words may follow
        end = limit
        while end > pos and s[end - 1] in "；;。":
            end -= 1
        after = _AFTER_LAST.search(s, pos, end)
        if after is not None:
            return (parts, True, False) if first else ([], True, False)
    return parts, False, False


_AFTER_LAST = pattern_store.compile(r"[" + re.escape(LABEL_STOPS) + r"\d]")


# ---------------------------------------------------------------------------------------
# What is wrong with a breakdown


@dataclass(eq=False)
class SumProblem:
    """A breakdown whose parts do not add up to its total."""

    breakdown: Breakdown
    kind: str  # "exceeds" | "part_exceeds" | "mismatch" | "unit"
    parts_sum: Fraction
    part: Part | None = None  # for part_exceeds
    why: str | None = None  # for mismatch: what makes the list the whole breakdown


def sum_problems(doc: Document) -> list[SumProblem]:
    out: list[SumProblem] = []
    for bd in breakdowns(doc):
        p = _sum_problem(bd)
        if p is not None:
            out.append(p)
    return out


def _sum_problem(bd: Breakdown) -> SumProblem | None:
    if bd.approx or not bd.parts:
        return None
    total = bd.total.value
    tol = bd.tolerance()
    s_all = bd.parts_sum()
    if (
        bd.total.magnitude > 1
        and len(bd.parts) >= 2
        and all(p.quantity.magnitude == 1 for p in bd.parts)
        and s_all == bd.total.written
        and s_all != total
    ):
        return SumProblem(bd, "unit", s_all)
    if bd.overlapping():
        return None
    if s_all == total:
        return None
    own = [p for p in bd.parts if not p.continued]
    s_own = bd.parts_sum(own_sentence_only=True)
    holds = bd.alternatives()
    for p in own:
        v = p.quantity.value
        if v > total + tol and not any(v <= w for w in holds):
            return SumProblem(bd, "part_exceeds", s_own, part=p)
    if s_own > total + tol and not any(s_own <= w + tol for w in holds):
        nested = any(
            s_own - p.quantity.value == total and any(q is not p and p.quantity.value <= q.quantity.value for q in own)
            for p in own
        )
        if not nested and len(own) >= 2:
            return SumProblem(bd, "exceeds", s_own)
    why = bd.complete()
    if (
        why is not None
        and len(bd.parts) >= 2
        and abs(s_all - total) > tol
        and not any(abs(s_all - w) <= tol for w in holds)
    ):
        if s_all > total and len(own) < len(bd.parts):
            return None  # exceeding through `；`-items only: they may be about something else
        return SumProblem(bd, "mismatch", s_all, why=why)
    return None


# ---------------------------------------------------------------------------------------
# Shares


@dataclass(eq=False)
class ShareProblem:
    """A percentage that does not follow from the figures it is a share of."""

    share: Share
    kind: str  # "share" (one share) | "share_table" (against a table figure) | "share_sum"
    count: Fraction | None = None
    whole: Fraction | None = None
    exact: Fraction | None = None
    breakdown: Breakdown | None = None
    shares_sum: Fraction | None = None
    whole_name: Text | None = None  # for share_table: the cells of the whole
    count_quantity: Quantity | None = None
    shares: list[Share] = field(default_factory=list)  # for share_sum: the set
    quote: str = ""  # for share_sum: the passage


def share_problems(doc: Document) -> list[ShareProblem]:
    out: list[ShareProblem] = []
    in_breakdown: set[int] = set()
    for bd in breakdowns(doc):
        found = False
        for p in bd.parts:
            if p.share is None:
                continue
            in_breakdown.add(id(p.share))
            if bd.approx or p.share.approx or bd.total.tolerance:
                continue
            whole = bd.total.value
            count = p.quantity.value
            if count > whole:
                continue  # a part larger than the whole: the whole was not read right
            if share_agrees(p.share, count, whole) or any(share_agrees(p.share, count, w) for w in bd.alternatives()):
                continue
            if _adjusted_to_100(bd, p):
                continue
            out.append(ShareProblem(p.share, "share", count, whole, count * 100 / whole, bd, count_quantity=p.quantity))
            found = True
        shares = [p.share for p in bd.parts if p.share is not None]
        if found or bd.approx or len(shares) < 2 or len(shares) != len(bd.parts) or any(x.approx for x in shares):
            continue
        one_whole = bd.parts_sum() == bd.total.value or bd.complete() in ("catch_all", "partition")
        if one_whole and not shares_add_up(shares):
            total = sum((x.value for x in shares), Fraction(0))
            out.append(
                ShareProblem(shares[-1], "share_sum", breakdown=bd, shares_sum=total, shares=shares, quote=bd.quote())
            )
    out.extend(_table_shares(doc, in_breakdown))
    out.extend(_share_list_problems(doc))
    out.sort(key=lambda p: (p.share.sentence.start, p.share.start))
    return out


def _adjusted_to_100(bd: Breakdown, part: Part) -> bool:
    """Was the share moved by one unit of its last place so that the shares of the whole
    breakdown add up to exactly 100% (``431件，占82.4%；86件，占16.4%；6件，占1.2%`` of
    523: 1.15% written 1.2%, as rounding alone gives 99.9%)? A common practice, not an
    error."""
    share = part.share
    if share is None or bd.parts_sum() != bd.total.value or bd.total.value <= 0:
        return False
    shares = [p.share for p in bd.parts]
    if len(shares) < 2 or any(x is None or x.approx for x in shares):
        return False
    if sum((x.value for x in shares if x is not None), Fraction(0)) != 100:
        return False
    unit = Fraction(1, 10**share.places)
    exact = part.quantity.value * 100 / bd.total.value
    if abs(share.value - exact) >= unit * 3 / 2:
        return False  # more than one unit off: not an adjustment
    plain = sum(
        (rounded(p.quantity.value * 100 / bd.total.value, x.places, "half_up") for p, x in zip(bd.parts, shares) if x),
        Fraction(0),
    )
    return plain != 100


@lru_cache(maxsize=1)
def _named_share_re() -> re.Pattern:
    spec = data()["percent"]
    prefix = "|".join(sorted(map(re.escape, spec["prefixes"]), key=pattern_store.longest_first))
    filler = "|".join(sorted(map(re.escape, spec["fillers"]), key=pattern_store.longest_first))
    stops = re.escape(LABEL_STOPS + OPEN + CLOSE + "、")
    return pattern_store.compile(rf"(?P<label>[^\d{stops}]{{1,20}}?)(?:{prefix})(?:{filler})*")


def share_lists(doc: Document) -> list[list[tuple[str, Share]]]:
    """Runs of shares each named by its own words, without counts (``自然人申请占95%，
    法人或其他组织申请占5%``), in one sentence."""
    out: list[list[tuple[str, Share]]] = []
    for sent in sentences(doc):
        run: list[tuple[str, Share]] = []
        prev_end = 0
        for t in tokens(doc, sent):
            item = _named_share(sent.text, prev_end, t, first=not run)
            if item is None and run:
                if len(run) >= 2:
                    out.append(run)
                run = []
                item = _named_share(sent.text, prev_end, t, first=True)
            if item is not None:
                run.append(item)
            prev_end = t.end
        if len(run) >= 2:
            out.append(run)
    return out


def _named_share(s: str, prev_end: int, t: Token, first: bool) -> tuple[str, Share] | None:
    """``(words, share)`` for a share named by the words of its own clause (``法人申请占5%``);
    after the first of a run, nothing else may stand between it and the one before."""
    if not isinstance(t, Share) or t.attached:
        return None
    gap = s[prev_end : t.start]
    cut = max(gap.rfind(c) for c in LABEL_STOPS + "、")
    head, clause = gap[: cut + 1], gap[cut + 1 :]
    m = _named_share_re().fullmatch(clause)
    if m is None or (not first and head.strip(LEAD)):
        return None
    return m.group("label"), t


def _share_list_problems(doc: Document) -> Iterator[ShareProblem]:
    spec = data()["breakdown"]
    for run in share_lists(doc):
        shares = [x for _, x in run]
        if any(x.approx for x in shares):
            continue
        labels = [label.lstrip(LEAD) for label, _ in run]
        if any(w in label for label in labels for w in spec["overlap_words"] + spec["overlap_part_words"]):
            continue
        if sum(1 for label in labels if any(w in label for w in spec["channel_words"])) >= 2:
            continue  # channels may overlap
        last = labels[-1].removeprefix("其中")
        complete = last.startswith(tuple(spec["catch_all"])) and not last.startswith(tuple(spec["not_catch_all"]))
        for partition in spec["partitions"]:
            if len(labels) == len(partition):
                named = [
                    next((i for i, ws in enumerate(partition) if any(w in lab for w in ws)), None) for lab in labels
                ]
                complete = complete or (None not in named and len(set(named)) == len(partition))
        if complete and not shares_add_up(shares):
            sent = shares[0].sentence
            a = shares[0].start - len(run[0][0])
            while a > 0 and sent.text[a - 1] not in LABEL_STOPS:
                a -= 1
            quote = sent.text[a : shares[-1].end]
            quote = quote if len(quote) <= 60 else quote[:29] + "…" + quote[-30:]
            total = sum((x.value for x in shares), Fraction(0))
            yield ShareProblem(shares[-1], "share_sum", shares_sum=total, shares=shares, quote=quote)


def _table_shares(doc: Document, done: set[int]) -> Iterator[ShareProblem]:
    """A share of a count that restates table 三 (``予以公开22件，占31.4%``) with no
    total in its passage: against the table's figures of the whole (row 一, 一 + 二,
    （七）总计) — it agrees when it is the share of any one of them."""
    from reportlint.analysis.narrative import Target

    if doc.readable_table("table3") is None:
        return
    outcomes = {"granted", "partly_granted", "granted_or_partly", "withheld", "unavailable", "not_processed", "other"}
    by_place = _statements_by_place(doc)
    wholes = [Target("table3", ("outcome_total",), ("total",)), Target("table3", ("new",), ("total",))]
    both = Target("table3", ("new", "carried_over"), ("total",))
    for sent in sentences(doc):
        toks = tokens(doc, sent)
        for k, t in enumerate(toks):
            if not isinstance(t, Share) or not t.attached or t.approx or id(t) in done or k == 0:
                continue
            q = toks[k - 1]
            if not isinstance(q, Quantity) or q.approx:
                continue
            st = by_place.get((id(sent), q.start))
            if st is None or st.category not in outcomes or st.number.approx:
                continue
            values = [w.value(doc) for w in (*wholes, both)]
            if any(v is None for v in values):
                continue
            if any(share_agrees(t, q.value, v) for v in values if v is not None):
                continue
            whole = values[0]
            assert whole is not None
            if whole == 0:
                continue
            yield ShareProblem(
                t,
                "share_table",
                q.value,
                whole,
                q.value * 100 / whole,
                whole_name=wholes[0].describe(),
                count_quantity=q,
            )


# ---------------------------------------------------------------------------------------
# Old-format reports: answered more than received


@dataclass(eq=False)
class AnsweredExceeds:
    """More requests answered than were received and carried over."""

    received: Quantity
    answered: Quantity
    carried_over: Quantity | None


def answered_exceeds_received(doc: Document) -> list[AnsweredExceeds]:
    """In a report without table 三: ``办结171件`` after ``受理117件`` (plus 上年结转 when
    stated) for the same year's applications."""
    if doc.tables.get("table3") is not None:
        return []
    spec = data()["old_format"]
    units = set(spec["units"])
    window = int(spec["max_sentences"])
    sents = sentences(doc)
    out: list[AnsweredExceeds] = []
    found: list[tuple[int, str, Quantity]] = []
    for i, sent in enumerate(sents):
        for kind, q in _request_figures(doc, sent, units):
            found.append((i, kind, q))
    for k, (i, kind, q) in enumerate(found):
        if kind != "received":
            continue
        carried: Quantity | None = None
        for j, kind2, q2 in found[k + 1 :]:
            if j - i > window:
                break
            if kind2 in ("received", "barrier"):
                break
            if q2.unit != q.unit:
                continue
            if kind2 == "carried_over":
                carried = q2 if carried is None else carried
                continue
            limit = q.value + (carried.value if carried is not None else 0)
            if q2.value > limit:
                out.append(AnsweredExceeds(q, q2, carried))
            break
    return out


@lru_cache(maxsize=1)
def _request_words() -> tuple[re.Pattern, dict[str, str]]:
    """The words naming received, carried-over and answered applications, and which is which."""
    spec = data()["old_format"]
    kinds = {"received": spec["received"], "carried_over": spec["carried_over"], "answered": spec["answered"]}
    return _alternation([w for ws in kinds.values() for w in ws]), {w: k for k, ws in kinds.items() for w in ws}


def _request_figures(doc: Document, sent: Sentence, units: set[str]) -> Iterator[tuple[str, Quantity]]:
    """(``received`` | ``carried_over`` | ``answered``, the figure) for each count of this
    year's applications in the sentence whose subject is clear."""
    spec = data()["old_format"]
    s = sent.text
    words, owner = _request_words()
    requests = tuple(spec["requests_words"])
    exclude = tuple(spec["exclude_words"])
    year = doc.meta.year
    years = [
        (t.start, int(t.value))
        for t in tokens(doc, sent)
        if isinstance(t, Other) and t.unit == "年" and t.value is not None and _is_year(t.value)
    ]
    prev_end = 0
    for t in tokens(doc, sent):
        pre = s[prev_end : t.start]
        prev_end = t.end
        if not isinstance(t, Quantity) or t.unit not in units or t.magnitude != 1:
            continue
        hits = list(words.finditer(pre))
        if not hits:
            continue
        kind = owner[hits[-1].group()]
        clause_a = t.start
        while clause_a > 0 and s[clause_a - 1] not in "，,；;。：:":
            clause_a -= 1
        clause = s[clause_a : t.start]
        stated_year = next((y for at, y in reversed(years) if at < t.start), None)
        if (
            t.approx
            or any(w in clause for w in exclude)
            or any(w in pre for w in exclude)
            or (year is not None and stated_year is not None and stated_year != year)
        ):
            yield "barrier", t  # a figure of another year or another kind: pairs do not reach over it
            continue
        if kind == "carried_over":
            yield kind, t
            continue
        if not any(w in clause for w in requests):
            # `…申请117件，已全部办结171件`: a bare answered clause after the applications
            bare = clause.replace(hits[-1].group(), "")
            if kind != "answered" or len(bare) > int(spec["bare_answered_chars"]):
                continue
            if not any(w in s[:clause_a] for w in requests):
                continue
        yield kind, t


def _is_year(v: Fraction) -> bool:
    return v.denominator == 1 and 1900 <= v < 2100
