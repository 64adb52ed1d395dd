"""Numbers the narrative states, and the table cells they restate.

The narrative is the text outside tables 二/三/四, cut into sentences of the normalised
view (Simplified script, ASCII digits). Each sentence is matched with its whitespace
removed, since PDF text breaks lines inside words (``答\\n复 3050 件``); every character
remembers where it came from, so a finding points at the number as written.

A number counts only with a unit (``3119 件``, ``两件``, ``96171.6 万元``). Its *domain*
(applications, administrative review, litigation, documents, fees — or something else)
and its *category* (received, carried over, answered, 结果维持 …) come from the words
before it (see ``rules/narrative.yaml``); the category names the table cells it
restates. :func:`statements` returns what was understood, :func:`compare` tells whether
the tables agree, :func:`none_claims` finds ``未收到…申请`` / ``未发生行政复议、行政诉讼``,
:func:`claims` the "all of them" statements (``所有申请均已办结``, ``行政复议均获维持``,
``未被纠错``). Every outcome of table 三 is read, with its sub-items (``无法提供 18 件，其中
本机关不掌握相关政府信息 15 件``), outcomes listed before one number as their sum, and a
sentence that goes on about the applications of the one before it (``…；不予公开 5 件；``,
``其中自然人申请 741 件``). Precision matters more than recall: a number whose subject is
unclear is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from reportlint.analysis.reconcile import Exact, Ref, fmt, number
from reportlint.core import pattern_store
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.match_starts import finder
from reportlint.document.model import Document, Span, Table
from reportlint.document.numerals import cn_to_int
from reportlint.document.table_vocabulary import (
    cell_name,
    column_group_name,
    column_name,
    group_name,
    row_name,
    table_name,
)

TERMINATORS = "。！？；!?;"
HEADING_MAX = 32  # a line starting with `一、`/`（一）` at most this long is a heading
CLAUSE_BREAKS = "，,；;。：:（(）)！？!?、"
_HEADING_START = pattern_store.compile(
    r"\n[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、.](?!\d))"
)
_PIPE_LINE = pattern_store.compile(r"^[^\n]*\|[^\n]*\|[^\n]*$", re.M)
_WS_RE = pattern_store.compile("[ \t\n\r\u3000\xa0]+")
_TERMINATOR_RE = pattern_store.compile("[" + re.escape(TERMINATORS) + "]")
_BLANK_LINE = pattern_store.compile(r"\n[ \t\u3000]*\n")  # a blank line ends a sentence
# A number starts after anything but a digit or a decimal point, and after a comma unless
# that comma is a thousands separator (a digit before it, exactly three digits after it):
# the normalised view writes `，` as `,`, so `申请117件,2009年办结` must still see `2009年`.
_NUM = pattern_store.compile(r"(?<![\d.])(?:(?<!\d,)|(?!\d{3}(?!\d)))(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?")
_DIGITS = pattern_store.compile(r"\d+")
_CN = pattern_store.compile(r"[零〇一二两三四五六七八九十百千]+")
_CN_BEFORE_EXCLUDED = set("每逐任某第哪这那单唯同")


@lru_cache(maxsize=1)
def data() -> dict:
    from reportlint.core.ruledata import load

    return load("narrative")


def _alternation(words) -> re.Pattern:
    ws = sorted({w for w in words if w}, key=pattern_store.longest_first)
    return pattern_store.compile("|".join(re.escape(w) for w in ws)) if ws else pattern_store.compile(r"(?!x)x")


# ---------------------------------------------------------------------------------------
# Sentences of the narrative


@dataclass(eq=False)
class Sentence:
    """A sentence of the narrative, without whitespace, with a map back to the view."""

    start: int  # view offsets of the sentence
    end: int
    text: str  # the sentence with all whitespace removed
    pos: list[int]  # text index → view index
    # numbers(self), found once: the statements and the sums both read them
    _numbers: list[Number] | None = field(default=None, repr=False)

    def view_span(self, a: int, b: int) -> Span:
        if b <= a:
            v = self.pos[a] if a < len(self.pos) else self.end
            return (v, v)
        return (self.pos[a], self.pos[b - 1] + 1)

    def text_span(self, doc: Document, a: int, b: int) -> Span:
        return doc.view.to_source(*self.view_span(a, b))


def excluded_regions(doc: Document) -> list[Span]:
    """View intervals that are tables, not narrative: the recognised tables, real grids
    and lines of pipe-separated cells (sorted and merged; cached per document, treat as
    read-only)."""
    return doc.memo("narrative.excluded_regions", lambda: _excluded_regions(doc))


def _excluded_regions(doc: Document) -> list[Span]:
    view = doc.view
    spans: list[Span] = []
    for t in doc.tables.values():
        if t is None:
            continue
        a, b = t.span
        ends = [c.span[1] for _, c in t.cells() if c.span is not None]
        b = max([b, *ends])
        spans.append((view.to_view(a), view.to_view(b)))
    for g in getattr(doc.extracted, "grids", None) or []:
        spans.append((view.to_view(g.start), view.to_view(g.end)))
    for m in _PIPE_LINE.finditer(view.text):
        spans.append(m.span())
    spans.sort()
    merged: list[Span] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def sentences(doc: Document) -> list[Sentence]:
    """The narrative's sentences, in order (cached per document)."""
    return doc.memo("narrative.sentences", lambda: _sentences(doc))


def _sentences(doc: Document) -> list[Sentence]:
    text = doc.view.text
    regions = excluded_regions(doc)
    pieces: list[Span] = []
    pos = 0
    for s, e in regions + [(len(text), len(text))]:
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    out: list[Sentence] = []
    for a, b in pieces:
        cuts = {b}
        cuts.update(m.end() for m in _TERMINATOR_RE.finditer(text, a, b))
        for m in _HEADING_START.finditer(text, a, b):
            cuts.add(m.start() + 1)
            eol = text.find("\n", m.end(), b)
            if eol != -1 and eol - m.start() <= HEADING_MAX:
                cuts.add(eol)  # a heading line of its own ends its sentence
        for m in _BLANK_LINE.finditer(text[a:b]):
            cuts.add(a + m.start() + 1)
        start = a
        for cut in sorted(cuts):
            if cut <= start:
                continue
            chunk = text[start:cut]
            if _WS_RE.search(chunk):
                # the offsets between the runs of blanks (a few per sentence), not one
                # match object per character kept
                where: list[int] = []
                kept_from = start
                for m in _WS_RE.finditer(text, start, cut):
                    where.extend(range(kept_from, m.start()))
                    kept_from = m.end()
                where.extend(range(kept_from, cut))
                squeezed = _WS_RE.sub("", chunk)
            else:  # most Chinese sentences have no blank at all
                where, squeezed = list(range(start, cut)), chunk
            if squeezed:
                out.append(Sentence(start, cut, squeezed, where))
            start = cut
    return out


# ---------------------------------------------------------------------------------------
# Numbers


@dataclass(eq=False)
class Number:
    """A number written in a sentence, with its unit."""

    start: int  # index in Sentence.text (number and unit)
    end: int
    value: Fraction
    unit: str | None
    kind: str  # "count" | "money" | "other" (a unit we never compare) | "bare" (no unit)
    approx: bool = False
    raw: str = ""


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern:
    u = data()["units"]
    return _alternation(list(u["count"]) + list(u["money"]) + list(u["other"]))


@lru_cache(maxsize=1)
def _number_words() -> tuple[set[str], dict, set[str], tuple[str, ...], tuple[str, ...]]:
    """Count units, money units, units after Chinese numerals, approximation words
    before and after a number (``rules/narrative.yaml``)."""
    d = data()
    units = d["units"]
    return (
        set(units["count"]),
        dict(units["money"]),
        set(units["chinese"]),
        tuple(d["approximate"]["before"]),
        tuple(d["approximate"]["after"]),
    )


def _number_matches(s: str) -> Iterator[re.Match]:
    """The matches of ``_NUM.finditer(s)``, found faster. ``_NUM`` starts with lookbehinds,
    so ``re`` tries it at every character; but a match can only start where a run of
    digits does (no digit or ``.`` before it), so it is tried only there (the lookbehinds
    still see the text before), and never inside a match already taken."""
    end = 0
    for run in _DIGITS.finditer(s):
        if run.start() < end:
            continue
        m = _NUM.match(s, run.start())
        if m is not None:
            end = m.end()
            yield m


def numbers(sentence: Sentence) -> list[Number]:
    """Every number of a sentence, with its unit when it has one (found once per
    sentence; the list is shared, treat it as read-only)."""
    if sentence._numbers is None:
        sentence._numbers = _numbers(sentence)
    return sentence._numbers


def _numbers(sentence: Sentence) -> list[Number]:
    count_units, money_units, cn_units, before, after = _number_words()
    s = sentence.text
    out: list[Number] = []
    for m in _number_matches(s):
        digits, frac = m.group(1).replace(",", ""), m.group(2)
        # from integers: the same value as Fraction("12.5"), without parsing a string
        value = Fraction(int(digits + frac), 10 ** len(frac)) if frac else Fraction(int(digits))
        um = _unit_re().match(s, m.end())
        unit = um.group() if um else None
        end = um.end() if um else m.end()
        kind = (
            "bare"
            if unit is None
            else ("count" if unit in count_units else "money" if unit in money_units else "other")
        )
        # endswith/startswith with bounds, not on slices: copying the rest of a long
        # sentence for each of its numbers made this quadratic in the sentence's length
        approx = s.endswith(before, 0, m.start()) or s.startswith(after, end) or s.startswith(after, m.end())
        out.append(Number(m.start(), end, value, unit, kind, approx, s[m.start() : end]))
    for m in _CN.finditer(s):
        if m.end() >= len(s) or s[m.end()] not in cn_units:
            continue
        if m.start() > 0 and s[m.start() - 1] in _CN_BEFORE_EXCLUDED:
            continue
        if s[m.end() + 1 : m.end() + 2] == "事":  # 一件事一次办
            continue
        v = cn_to_int(m.group())
        if v is None:
            continue
        unit = s[m.end()]
        approx = s.endswith(before, 0, m.start()) or s.startswith(after, m.end() + 1)
        out.append(Number(m.start(), m.end() + 1, Fraction(v), unit, "count", approx, s[m.start() : m.end() + 1]))
    out.sort(key=lambda n: n.start)
    return out


# ---------------------------------------------------------------------------------------
# Targets: the table cells a statement restates


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Target:
    """The table cells a narrative statement speaks of (rows × columns of one table)."""

    table: str  # table2 | table3 | table4
    rows: tuple[str, ...]  # row keys; "withheld.*" = every sub-item of a group
    columns: tuple[str, ...]

    def refs(self, table: Table) -> list[Ref] | None:
        """The cells, or None when a row is not in this table's layout."""
        keys = [r.key for r in table.rows]
        if self.table == "table4":  # one data row
            return [Ref(self.table, keys[0], c) for c in self.columns] if keys else None
        rows: list[str] = []
        for r in self.rows:
            if r.endswith(".*"):
                rows.extend(k for k in keys if k.startswith(r[:-1]))
            elif r in keys:
                rows.append(r)
        if not rows:
            return None
        if len(self.rows) == 1 and not self.rows[0].endswith(".*") and self.rows[0] not in keys:
            return None
        return [Ref(self.table, r, c) for r in rows for c in self.columns]

    def value(self, doc: Document) -> Fraction | None:
        table = doc.readable_table(self.table)
        if table is None:
            return None
        refs = self.refs(table)
        if not refs:
            return None
        total = Fraction(0)
        for ref in refs:
            row = table.row(ref.row)
            if row is None or not row.found:
                return None
            v = number(row.cell(ref.column))
            if v is None:
                return None
            total += v
        return total

    def unread_run(self, doc: Document) -> tuple[str, frozenset[int]] | None:
        """For one cell that could not be read because its digits run together with its
        neighbours' (``行政规范性文件77132470``): the run as written and every value the
        cell takes in some split of it. None for anything else."""
        from reportlint.document.tables_digits import cell_candidates

        table = doc.tables.get(self.table)
        if table is None:
            return None
        refs = self.refs(table)
        if not refs or len(refs) != 1:
            return None
        row = table.row(refs[0].row)
        if row is None or not row.found:
            return None
        cell = row.cell(refs[0].column)
        if cell is None or cell.status != "unreadable" or cell.span is None:
            return None
        run = [c for c in row.cells if c.span == cell.span]
        digits = re.sub(r"[ \t\u3000]", "", cell.raw)
        values = cell_candidates(digits, len(run), run.index(cell))
        return (cell.raw.strip(), values) if values else None

    def describe(self) -> Text:
        """The cells, named as every message names them (see table_vocabulary)."""
        t = table_name(self.table)
        if self.table == "table4":
            names = [column_name("table4", c) for c in self.columns]
            if len(names) == 1:
                return cell_name("table4", None, self.columns[0])
            return T(
                f"{t.zh}" + "与".join(f"“{n.zh}”" for n in names) + "之和",
                f"{t.en}, the sum of " + " and ".join(f"'{n.en}'" for n in names),
            )
        if len(self.rows) == 1 and len(self.columns) == 1 and not self.rows[0].endswith(".*"):
            return cell_name(self.table, self.rows[0], self.columns[0])
        rparts = []
        for r in self.rows:
            if r.endswith(".*"):
                g = group_name(self.table, r[:-2])
                rparts.append((f"“{g.zh}”各小项", f"the sub-items of '{g.en}'"))
            else:
                lab = row_name(self.table, r)
                rparts.append((f"“{lab.zh}”", f"'{lab.en}'"))
        rz = "与".join(p[0] for p in rparts)
        re_ = " and ".join(p[1] for p in rparts)
        applicant_orgs = {"commercial", "research", "public_interest", "legal_service", "other_org"}
        if len(self.columns) == 1:
            c = column_name(self.table, self.columns[0])
            cz, ce = f"“{c.zh}”列", f"column '{c.en}'"
        elif self.table == "table3" and set(self.columns) == applicant_orgs:
            g = column_group_name("法人或其他组织")
            cz, ce = f"“{g.zh}”五列", f"the five '{g.en}' columns"
        else:
            cs = [column_name(self.table, c) for c in self.columns]
            cz = "与".join(f"“{c.zh}”" for c in cs) + "列"
            ce = "columns " + " and ".join(f"'{c.en}'" for c in cs)
        plural = len(self.columns) > 1 or len(self.rows) > 1 or self.rows[0].endswith(".*")
        row_word = "行" if not any(r.endswith(".*") for r in self.rows) else ""
        zh = f"{t.zh}{rz}{row_word}{cz}" + ("之和" if plural else "")
        en = f"{t.en}, " + ("the sum of " if plural else "") + f"row{'s' if len(self.rows) > 1 else ''} {re_}, {ce}"
        return T(zh, en)


# ---------------------------------------------------------------------------------------
# Statements


@dataclass(eq=False)
class Statement:
    """A sentence's claim of a figure: the number, what it counts, and the table cells it must match."""

    sentence: Sentence
    number: Number
    domain: str  # requests | review | litigation… | documents | fees
    category: str  # e.g. new, carried_forward, upheld, issued
    targets: list[Target]  # the number agrees when it equals any of these
    label: Text  # what the number counts
    scale: Fraction = Fraction(1)  # multiply the number by this to get the table's unit
    post: bool = False  # the category word comes after the number (`103 件顺延到下年度`)
    children: list[Statement] = field(default_factory=list)
    lead: int | None = None  # where the quote starts when not at its clause (a list of outcomes)

    def span(self, doc: Document) -> Span:
        return self.sentence.text_span(doc, self.number.start, self.number.end)

    def quote(self) -> str:
        """The clause the number is in, up to the number and its unit."""
        s = self.sentence.text
        a = self.number.start
        while a > 0 and s[a - 1] not in CLAUSE_BREAKS:
            a -= 1
        while a > 0 and s[a - 1] in "）)":  # 不予公开（属于国家秘密）2 件: the aside and its clause
            j = max(s.rfind("（", 0, a - 1), s.rfind("(", 0, a - 1))
            if j < 0:
                break
            a = j
            while a > 0 and s[a - 1] not in CLAUSE_BREAKS:
                a -= 1
        if self.lead is not None:
            a = min(a, self.lead)
        b = _clause_end(s, self.number.end) if self.post else self.number.end
        q = s[a:b]
        return q if len(q) <= 40 else "…" + q[-39:]


@dataclass(eq=False)
class _Hit:
    """A domain or category word found in a sentence."""

    start: int
    end: int
    kind: str  # domain or category name
    word: str


@lru_cache(maxsize=1)
def _domain_re() -> tuple[re.Pattern, dict[str, str]]:
    owner: dict[str, str] = {}
    for dom, words in data()["domains"].items():
        for w in words:
            owner.setdefault(w, dom)
    bare = data()["bare_application"]["word"]
    owner.setdefault(bare, "bare")
    return _alternation(owner), owner


@lru_cache(maxsize=1)
def _category_res() -> dict[str, tuple[re.Pattern, dict[str, str]]]:
    d = data()
    out = {}
    owner: dict[str, str] = {}
    for cat, spec in d["requests"]["categories"].items():
        for w in spec["words"]:
            owner.setdefault(w, cat)
    for app, spec in d["requests"]["applicants"].items():
        for w in spec["words"]:
            owner.setdefault(w, "applicant:" + app)
    out["requests"] = (_alternation(owner), owner)
    owner = {w: role for role, words in d["cases"]["roles"].items() for w in words}
    out["cases"] = (_alternation(owner), owner)
    owner = {w: verb for verb, spec in d["documents"]["verbs"].items() for w in spec["words"]}
    out["documents"] = (_alternation(owner), owner)
    return out


def _domain_hits(s: str) -> list[_Hit]:
    pattern, owner = _domain_re()
    neutral = tuple(data()["bare_application"]["neutral_before"])
    # An outcome's own words (`信访举报投诉类申请`, `重复申请`) name no other subject.
    outcome_words = [m.span() for m in _category_res()["requests"][0].finditer(s)]
    hits = []
    for m in pattern.finditer(s):
        dom = owner[m.group()]
        if dom == "bare":
            before = s[: m.start()]
            if not before or not ("\u3400" <= before[-1] <= "\u9fff") or before.endswith(neutral):
                continue  # stays in its sentence's domain
            if before.endswith(("人", "组织", "机构")):
                continue  # 自然人申请, 法人或其他组织申请
            dom = "other"
        if dom == "other" and any(a <= m.start() and m.end() <= b for a, b in outcome_words):
            continue
        hits.append(_Hit(m.start(), m.end(), dom, m.group()))
    return hits


_ASIDE = pattern_store.compile(r"[（(][^（()）]*[）)]")


def _category_hits(s: str, family: str, a: int, b: int, asides: bool = False) -> list[_Hit]:
    """Category words in ``s[a:b]`` — except inside an aside closed before ``b``
    (``受理（含上年结转）申请 14 件``: 14 is what was received, not carried over), unless
    ``asides``."""
    pattern, owner = _category_res()[family]
    spans = [] if asides else [m.span() for m in _ASIDE.finditer(s, a, b)]
    return [
        _Hit(m.start(), m.end(), owner[m.group()], m.group())
        for m in pattern.finditer(s, a, b)
        if not any(x <= m.start() and m.end() <= y for x, y in spans)
    ]


def _outside_asides(s: str) -> str:
    return _ASIDE.sub("", s)


def _family(domain: str) -> str:
    if domain == "requests":
        return "requests"
    if domain in ("review", "litigation", "litigation_direct", "litigation_after_review"):
        return "cases"
    return domain


def _clause_end_keeping_lists(s: str, i: int) -> int:
    """Like :func:`_clause_end`, but ``、`` does not end the clause (行政复议、行政诉讼)."""
    while i < len(s) and (s[i] == "、" or s[i] not in CLAUSE_BREAKS):
        i += 1
    return i


def _clause_end(s: str, i: int) -> int:
    while i < len(s) and s[i] not in CLAUSE_BREAKS:
        i += 1
    return i


def statements(doc: Document) -> list[Statement]:
    """Every number of the narrative that restates a table cell (cached per document)."""
    return doc.memo("narrative.statements", lambda: _statements(doc))


def _statements(doc: Document) -> list[Statement]:
    if all(doc.readable_table(k) is None for k in ("table2", "table3", "table4")):
        return []
    out: list[Statement] = []
    carry: Statement | None = None
    prev: Sentence | None = None
    for sent in sentences(doc):
        if prev is not None and doc.view.text[prev.end : sent.start].strip():
            carry = None  # a table or other text between them
        found = _sentence_statements(doc, sent, carry)
        out.extend(found)
        reqs = [x for x in found if x.domain == "requests" and not x.category.startswith("applicant:")]
        if reqs:
            carry = reqs[-1]
        elif not (found and all(x.category.startswith("applicant:") for x in found)):
            carry = None  # a sentence of applicant figures only goes on with the same subject
        prev = sent
    return out


@lru_cache(maxsize=1)
def _lead_in_re() -> re.Pattern:
    words = data()["requests"]["continuation"]["lead_in"]
    alts = "|".join(sorted(map(re.escape, words), key=pattern_store.longest_first))
    return pattern_store.compile(rf"(?:(?:{alts})[，,：:]?)?")


def _continues(s: str) -> int | None:
    """Whether a sentence goes on about the applications of the sentence before it: it
    starts (after an optional lead-in such as ``其中``) with an outcome or applicant word.
    The end of the lead-in when it does, else None."""
    spec = data()["requests"]
    m = _lead_in_re().match(s)
    i = m.end() if m else 0
    pattern, owner = _category_res()["requests"]
    w = pattern.match(s, i)
    if w is None:
        return None
    kind = owner[w.group()]
    cats = spec["categories"]
    ok = kind.startswith("applicant:") or kind in spec["continuation"]["categories"] or cats.get(kind, {}).get("block")
    return i if ok else None


def _sentence_statements(doc: Document, sent: Sentence, carried: Statement | None = None) -> list[Statement]:
    s = sent.text
    nums = numbers(sent)
    if not any(n.kind in ("count", "money") for n in nums):
        return []
    d = data()
    change = tuple(d["change"])
    dom_hits = _domain_hits(s)
    found: list[Statement] = []
    last_requests: Statement | None = None
    lead = _continues(s) if carried is not None else None
    if carried is not None and lead is not None:
        dom_hits = [h for h in dom_hits if h.start >= lead]  # 从申请人类型看: no subject of its own
        first = next(n.start for n in nums if n.kind in ("count", "money"))
        if not any(h.end <= first for h in dom_hits):
            # no subject of its own before its first number: the previous sentence's
            dom_hits.insert(0, _Hit(0, 0, "requests", ""))
            if carried.category in d["requests"]["continuation"]["applicant_parents"]:
                last_requests = carried
    prev_end = 0
    subset = tuple(d["subset"])
    past = tuple(d["past"])
    year = doc.meta.year
    last_year_token: int | None = None
    for n in nums:
        pre_a, pre_b = prev_end, n.start
        prev_end = n.end
        if n.unit == "年" and 1990 <= n.value <= 2100 and n.value.denominator == 1:
            last_year_token = int(n.value)
            continue
        if n.kind not in ("count", "money") or n.approx:
            continue
        pre = s[pre_a:pre_b]
        if any(w in pre for w in change) or any(w in pre for w in subset):
            continue
        if any(w in pre for w in ("今年", "本年", "全年")):
            last_year_token = None  # back to this year
        if year is not None and last_year_token is not None and last_year_token != year:
            continue  # 2023 年受理…: another year's figure
        before = [h for h in dom_hits if h.end <= n.start]
        domain_hit = before[-1] if before else None
        if domain_hit is None:
            ce = _clause_end(s, n.end)
            after = [h for h in dom_hits if n.end <= h.start < ce]
            domain_hit = after[0] if after else None
        if domain_hit is None or domain_hit.kind == "other":
            continue
        domain = domain_hit.kind
        local_domains = {h.kind for h in dom_hits if pre_a <= h.start and h.end <= pre_b}
        st = None
        if domain == "requests":
            if n.kind != "count":
                continue
            st = _requests(doc, sent, n, pre_a, domain_hit, last_requests)
            if st is not None and not st.category.startswith("applicant:"):
                last_requests = st
        elif _family(domain) == "cases":
            if n.kind != "count":
                continue
            st = _cases(sent, n, pre_a, domain, domain_hit, local_domains)
        elif domain == "documents":
            if n.kind != "count":
                continue
            st = _documents(doc, sent, n, pre_a, domain_hit)
        elif domain == "fees":
            if n.kind != "money":
                continue
            st = _fees(doc, sent, n, pre_a, domain_hit)
        if st is None:
            continue
        if st.category != "carried_over" and any(w in _outside_asides(pre) for w in past):
            continue  # 上年度受理…: last year's figure
        same = [x for x in found if x.domain == st.domain and x.category == st.category]
        if same and "其中" in s[same[-1].number.end : n.start]:
            continue  # 共受理 12 件，其中…受理 3 件: a part, not the whole
        found.append(st)
    return found


def _targets(table: str, spec_targets, columns=("total",)) -> list[Target]:
    return [Target(table, tuple(rows), tuple(columns)) for rows in spec_targets]


def _requests(doc, sent: Sentence, n: Number, pre_a: int, dom: _Hit, parent: Statement | None) -> Statement | None:
    s = sent.text
    spec = data()["requests"]
    cats = spec["categories"]
    hits = _category_hits(s, "requests", pre_a, n.start)
    hit = hits[-1] if hits else None
    if hit is not None and cats.get(hit.kind, {}).get("generic"):
        # `同意公开答复 9 件`, `转下一年度办理答复的有 1 件`: a generic verb (答复, 办理) after
        # a specific outcome in the same clause is that outcome's verb, not another subject.
        specific = [h for h in hits if not h.kind.startswith("applicant:") and not cats[h.kind].get("generic")]
        if specific:
            hit = specific[-1]
    cat = hit.kind if hit is not None else None
    if hit is not None and cat in cats:
        sub = _sub_item(s, hit, pre_a, n.start)
        if sub == "":
            return None
        if sub is not None:
            cat = sub
        else:
            listed = _listed_outcomes(s, hits, hit)
            if listed is None:
                return None  # a list of outcomes with something else in it
            if len(listed) > 1:
                if any(w in s[hit.end : n.start] for w in spec["each"]):
                    return None  # 不予公开、无法提供各 2 件
                return _outcome_sum(sent, n, listed, _list_start(s, hits, hit))
    post = False
    if cat is None:
        ce = min(_clause_end(s, n.end), len(s))
        later = [h for h in _category_hits(s, "requests", n.end, ce) if not h.kind.startswith("applicant:")]
        later = [h for h in later if cats[h.kind].get("after")]
        if later:
            cat, post = later[0].kind, True
    if cat is None:
        # `依申请公开 3 件`: the domain word right before the number
        filler = s[dom.end : n.start] if dom.end <= n.start else None
        if (
            filler is not None
            and dom.start >= pre_a
            and re.fullmatch(r"(?:共计|合计|总计|共|为|有|达|是|:|：)*", filler)
        ):
            cat = "mentioned"
    if cat is None:
        return None
    if cat.startswith("applicant:"):
        if parent is None:
            return None
        app = spec["applicants"][cat.split(":", 1)[1]]
        targets = [Target(t.table, t.rows, tuple(app["columns"])) for t in parent.targets]
        label = T(f"{parent.label.zh}（{hits[-1].word}）", f"{parent.label.en} ({hits[-1].word})")
        return Statement(sent, n, "requests", cat, targets, label)
    c = cats[cat]
    label = Text(c["label"]["zh"], c["label"]["en"])
    return Statement(sent, n, "requests", cat, _targets("table3", c["targets"]), label, post=post)


_SUB_ITEM_LIST = pattern_store.compile("[、和及与或等]")
_LIST_JOINERS = pattern_store.compile(r"(?:、|和|及|以及|与|或|或者|、以及)")
_CLAUSE_START_BREAKS = "，,；;。：:！？!?"


def _sub_item(s: str, hit: _Hit, a: int, b: int) -> str | None:
    """`因属于国家秘密不予公开 2 件`, `不予公开（属于国家秘密）2 件`: a sub-item word of the
    block ``hit`` names in the same clause (asides included) — the sub-item it counts.
    "" when the clause lists several reasons for one number (nothing can be said)."""
    cats = data()["requests"]["categories"]
    if cats[hit.kind].get("block") or not any(c.get("block") == hit.kind for c in cats.values()):
        return None
    start = a
    for i in range(b - 1, a - 1, -1):
        if s[i] in _CLAUSE_START_BREAKS:
            start = i + 1
            break
    subs = [
        h for h in _category_hits(s, "requests", start, b, asides=True) if cats.get(h.kind, {}).get("block") == hit.kind
    ]
    if not subs:
        return None
    rest = "".join(s[x.end : y.start] for x, y in zip([_Hit(start, start, "", ""), *subs], [*subs, _Hit(b, b, "", "")]))
    if len({h.kind for h in subs}) > 1 or _SUB_ITEM_LIST.search(rest):
        return ""  # 因涉及国家秘密、商业秘密等不予公开 5 件: several reasons, one number
    return subs[-1].kind


def _listed_outcomes(s: str, hits: list[_Hit], hit: _Hit) -> list[str] | None:
    """The outcomes a number counts together when their words are listed right before it
    (`不予公开、无法提供、不予处理共 12 件`): ``[hit.kind]`` when there is no list, None when
    the list mixes an outcome with a word that is not one."""
    cats = data()["requests"]["categories"]
    summable = set(data()["requests"]["summable"])
    i = next(k for k, h in enumerate(hits) if h is hit)
    run = [hit]
    while i > 0 and _LIST_JOINERS.fullmatch(s[hits[i - 1].end : run[0].start] or "x"):
        i -= 1
        run.insert(0, hits[i])
    if len(run) == 1:
        return [hit.kind]
    kinds = [h.kind for h in run]
    if any(k not in summable and not cats.get(k, {}).get("block") for k in kinds) or len(set(kinds)) != len(kinds):
        return None
    return kinds


def _list_start(s: str, hits: list[_Hit], hit: _Hit) -> int:
    i = next(k for k, h in enumerate(hits) if h is hit)
    while i > 0 and _LIST_JOINERS.fullmatch(s[hits[i - 1].end : hits[i].start] or "x"):
        i -= 1
    return hits[i].start


def _outcome_sum(sent: Sentence, n: Number, kinds: list[str], lead: int) -> Statement:
    cats = data()["requests"]["categories"]
    rows = tuple(r for k in kinds for r in cats[k]["targets"][0])
    labels = [cats[k]["label"] for k in kinds]
    label = T("、".join(x["zh"] for x in labels) + "之和", " + ".join(x["en"] for x in labels))
    target = Target("table3", rows, ("total",))
    return Statement(sent, n, "requests", "+".join(kinds), [target], label, lead=lead)


_GROUP_NAMES = {
    "review": T("行政复议", "administrative review"),
    "litigation": T("行政诉讼", "litigation"),
    "litigation_direct": T("未经复议直接起诉的行政诉讼", "litigation without prior review"),
    "litigation_after_review": T("复议后起诉的行政诉讼", "litigation after review"),
}
_ROLE_NAMES = {
    "total": T("总数", "total"),
    "upheld": T("结果维持", "upheld"),
    "corrected": T("结果纠正", "corrected"),
    "other": T("其他结果", "other result"),
    "pending": T("尚未审结", "pending"),
}


def _cases(sent: Sentence, n: Number, pre_a: int, domain: str, dom: _Hit, local_domains: set[str]) -> Statement | None:
    s = sent.text
    spec = data()["cases"]
    hits = _category_hits(s, "cases", pre_a, n.start)
    role = hits[-1].kind if hits else None
    if role is None:
        if not (pre_a <= dom.start and dom.end <= n.start):
            return None  # no role and the subject is not right before the number
        role = "total"
    pre = s[pre_a : n.start]
    review_here = "review" in local_domains
    litigation_here = bool(local_domains & {"litigation", "litigation_direct", "litigation_after_review"})
    if review_here and litigation_here:
        if role != "total":
            return None
        if any(w in pre for w in spec["each"]):
            # 行政复议和行政诉讼各 0 件: both totals
            st = Statement(
                sent, n, "review", "total", [Target("table4", (), ("review.total",))], T("行政复议总数", "reviews")
            )
            st.children.append(
                Statement(
                    sent,
                    n,
                    "litigation",
                    "total",
                    [Target("table4", (), ("litigation_direct.total", "litigation_after_review.total"))],
                    T("行政诉讼总数", "lawsuits"),
                )
            )
            return st
        cols: tuple[str, ...] = ("review.total", "litigation_direct.total", "litigation_after_review.total")
        return Statement(
            sent, n, "cases", "total", [Target("table4", (), cols)], T("行政复议和行政诉讼总数", "reviews and lawsuits")
        )
    groups = spec["groups"][domain]
    cols = tuple(f"{g}.{role}" for g in groups)
    g, r = _GROUP_NAMES[domain], _ROLE_NAMES[role]
    label = g if role == "total" else T(f"{g.zh}{r.zh}", f"{g.en} {r.en}")
    return Statement(sent, n, domain, role, [Target("table4", (), cols)], label)


def _documents(doc, sent: Sentence, n: Number, pre_a: int, dom: _Hit) -> Statement | None:
    table = doc.readable_table("table2")
    if table is None:
        return None
    s = sent.text
    spec = data()["documents"]
    row = next((key for key, words in spec["objects"].items() if dom.word in words), None)
    hits = _category_hits(s, "documents", pre_a, n.start)
    if row is None or not hits:
        return None
    verb = hits[-1].kind
    columns = spec["verbs"][verb]["columns"].get(table.layout)
    if not columns:
        return None
    targets = [Target("table2", (row,), tuple(cols)) for cols in columns]
    what = T(f"{dom.word}（{hits[-1].word}）", f"{dom.word} ({hits[-1].word})")
    return Statement(sent, n, "documents", verb, targets, what)


def _fees(doc, sent: Sentence, n: Number, pre_a: int, dom: _Hit) -> Statement | None:
    table = doc.readable_table("table2")
    spec = data()["fees"]
    if table is None or not (pre_a <= dom.start):
        return None
    col = spec["columns"].get(table.layout)
    if col is None:
        return None
    money = data()["units"]["money"]
    scale = Fraction(money[n.unit]) / Fraction(money[spec["unit"]])
    return Statement(
        sent, n, "fees", "amount", [Target("table2", (spec["row"],), (col,))], T("行政事业性收费金额", "fees"), scale
    )


# ---------------------------------------------------------------------------------------
# Comparing


@dataclass(eq=False)
class Mismatch:
    """A statement whose number differs from the table's."""

    statement: Statement
    stated: Fraction  # in the table's unit
    expected: list[tuple[Target, Fraction]]  # every alternative, with its value
    # The cell could not be read (its digits run together with its neighbours'), but no
    # split of the run gives the stated number: (the run as written, the values it allows).
    unread: tuple[str, frozenset[int]] | None = None
    # A block stated with the number of only one of its rows (`无法提供 265 件` where
    # 本机关不掌握 is 265 and the block 337): that row's key.
    only_row: str | None = None


def _only_row(doc: Document, target: Target, stated: Fraction) -> str | None:
    """The one sub-row of a block target whose value is ``stated``, if exactly one is."""
    table = doc.readable_table(target.table)
    if table is None or not any(r.endswith(".*") for r in target.rows):
        return None
    refs = target.refs(table) or []
    rows = [r for r in dict.fromkeys(ref.row for ref in refs)]
    if len(rows) < 2:
        return None
    hits = [r for r in rows if Target(target.table, (r,), target.columns).value(doc) == stated]
    return hits[0] if len(hits) == 1 else None


def _close(stated: Fraction, value: Fraction, n: Number, scale: Fraction) -> bool:
    if scale == 1:
        return stated == value
    # money: agree to the precision of the coarser of the two figures
    frac = n.raw.split(".", 1)[1] if "." in n.raw else ""
    leading = re.match(r"\d*", frac)  # always matches (perhaps nothing)
    digits = len(leading.group()) if leading else 0
    text_step = scale / (10**digits)
    tv = str(float(value))
    table_step = Fraction(1, 10 ** len(tv.split(".", 1)[1].rstrip("0"))) if "." in tv else Fraction(1)
    step = max(text_step, table_step)
    return abs(stated - value) <= step / 2


def compare(doc: Document, st: Statement) -> Mismatch | None:
    """A mismatch when every reading of the statement disagrees with the tables; None
    when one agrees or when a cell it needs is blank (then nothing can be said)."""
    stated = st.number.value * st.scale
    values = []
    if len(st.targets) == 1 and st.scale == 1 and stated.denominator == 1:
        unread = st.targets[0].unread_run(doc)
        if unread is not None:
            # certain only because the number is in no reading of the run at all
            return None if int(stated) in unread[1] else Mismatch(st, stated, [], unread)
    for t in st.targets:
        v = t.value(doc)
        if v is None:
            return None
        if _close(stated, v, st.number, st.scale):
            return None
        values.append((t, v))
    if not values:
        return None
    only = _only_row(doc, values[0][0], stated) if len(values) == 1 else None
    return Mismatch(st, stated, values, only_row=only)


def mismatches(doc: Document, domains: tuple[str, ...]) -> list[Mismatch]:
    out = []
    for st in statements(doc):
        for one in [st, *st.children]:
            if one.domain in domains:
                m = compare(doc, one)
                if m is not None:
                    out.append(m)
    return out


# ---------------------------------------------------------------------------------------
# "There were none"


@dataclass(eq=False)
class NoneClaim:
    """A sentence saying there was none (``未收到…申请``) of something the tables count."""

    kind: str  # "requests" | "cases"
    sentence: Sentence
    start: int  # in Sentence.text
    end: int
    covers: frozenset = frozenset()  # for cases: {"review", "litigation"}

    def span(self, doc: Document) -> Span:
        return self.sentence.text_span(doc, self.start, self.end)

    def quote(self) -> str:
        q = self.sentence.text[self.start : self.end]
        return q if len(q) <= 40 else q[:39] + "…"


def none_claims(doc: Document) -> list[NoneClaim]:
    return doc.memo("narrative.none_claims", lambda: _none_claims(doc))


@lru_cache(maxsize=1)
def _none_patterns() -> tuple[re.Pattern, re.Pattern]:
    spec = data()["none"]
    neg = "|".join(sorted(map(re.escape, spec["negators"]), key=pattern_store.longest_first))
    verbs = "|".join(sorted(map(re.escape, spec["verbs"]), key=pattern_store.longest_first))
    stop = re.escape(CLAUSE_BREAKS.replace("、", ""))
    w = int(spec["window"])
    requests = pattern_store.compile(rf"(?:{neg})(?:{verbs})?[^{stop}]{{0,{w}}}?申请")
    cw = int(spec["cases_window"])
    cases = pattern_store.compile(rf"(?:{neg})(?:{verbs})?[^{stop}]{{0,{cw}}}?(?:复议|诉讼)")
    return requests, cases


_BARE_NONE = pattern_store.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收|发生|产生|新收|出现|有)?(?:过|到)?(?:任何)?(?:相关|有关)?的?申请"
)


def _none_claims(doc: Document) -> list[NoneClaim]:
    spec = data()["none"]
    qualifiers = tuple(spec["qualifiers"])
    req_words = tuple(spec["requests_words"])
    requests_re, cases_re = _none_patterns()
    sents = sentences(doc)
    out: list[NoneClaim] = []
    section = doc.section("requests") if doc.sections else None
    for i, sent in enumerate(sents):
        s = sent.text
        for m in requests_re.finditer(s):
            body = m.group()
            if s[m.end() : m.end() + 1] in ("人", "书", "表", "材"):
                continue  # 申请人的投诉, 申请书: not about applications received
            rest = s[m.end() : _clause_end_keeping_lists(s, m.end())]
            if any(q in body for q in qualifiers) or any(w in body + rest for w in ("复议", "诉讼", "起诉")):
                continue  # 未发生因政府信息公开申请行政复议…: about cases, not applications
            if body.startswith("无") and not body[1:].startswith(req_words + ("政府信息公开申请",)):
                continue
            explicit = any(w in body for w in req_words)
            if not explicit:
                # a bare `未收到申请`: only where the text is about applications
                prev = sents[i - 1].text if i else ""
                src = doc.view.to_source(sent.start, sent.start)[0]
                in_section = section is not None and section.body_span[0] <= src < section.body_span[1]
                context = in_section or any(w in prev or w in s[: m.start()] for w in ("依申请", "公开申请"))
                if not context or not _BARE_NONE.fullmatch(body):
                    continue
            out.append(NoneClaim("requests", sent, m.start(), _clause_end(s, m.end())))
        for m in cases_re.finditer(s):
            body = m.group()
            if any(q in body for q in qualifiers):
                continue
            if body.startswith("无") and len(body) > 14 and not body.startswith("无因"):
                continue
            end = _clause_end_keeping_lists(s, m.end())
            region = s[m.start() : end]
            # `、` does not end the clause: 行政复议案、行政诉讼案
            covers = set()
            if "复议" in region.replace("复议后起诉", ""):
                covers.add("review")
            if "诉讼" in region or "起诉" in region:
                covers.add("litigation")
            if any(q in region for q in qualifiers):
                continue
            out.append(NoneClaim("cases", sent, m.start(), end, frozenset(covers)))
    return out


def row_amount(table: Table, row_key: str) -> tuple[Ref, Exact] | None:
    """(cell, value) of a table-三 row's total — or of its largest applicant cell when the
    total is blank (a row ``1 0 0 0 0 0 | ·`` still counts one); None when nothing is known."""
    row = table.row(row_key)
    if row is None or not row.found:
        return None
    total = number(row.cell("total"))
    if total is not None:
        return Ref("table3", row_key, "total"), total
    known = [(v, c.column) for c in row.cells if (v := number(c)) is not None]
    if not known:
        return None
    value, column = max(known)
    return Ref("table3", row_key, column), value


# ---------------------------------------------------------------------------------------
# "All of them": claims about every application or case


@dataclass(eq=False)
class Claim:
    """A statement about *all* of the year's applications or cases (``所有申请均已办结``,
    ``行政复议均获维持``, ``未被纠错``). ``kind``: finished | all_granted | upheld |
    not_corrected | not_lost; ``covers`` (cases): the groups of table 四 it is about."""

    kind: str
    sentence: Sentence
    start: int  # in Sentence.text: the start of the clause the claim is in
    end: int  # the end of the claim's words
    covers: tuple[str, ...] = ()

    def span(self, doc: Document) -> Span:
        return self.sentence.text_span(doc, self.start, self.end)

    def quote(self) -> str:
        q = self.sentence.text[self.start : self.end]
        return q if len(q) <= 40 else "…" + q[-39:]


_CLAIM_STOP = "，,；;。：:！？!?"


def _alts(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=pattern_store.longest_first))


@lru_cache(maxsize=1)
def _claim_patterns() -> dict[str, list[re.Pattern]]:
    spec = data()["claims"]
    stop = re.escape(_CLAIM_STOP)
    f = spec["finished"]
    w = int(f["window"])
    uni = _alts(f["universal"])
    u = spec["upheld"]
    g = spec["all_granted"]
    return {
        "finished": [
            pattern_store.compile(rf"(?:{uni})[^{stop}]{{0,{w}}}?(?:{_alts(f['verbs'])})"),
            pattern_store.compile(rf"(?:{uni})[^{stop}]{{0,{w}}}?(?:{_alts(f['verbs_done'])})"),
            *(pattern_store.compile(r) for r in f["rates"]),
        ],
        "all_granted": [pattern_store.compile(rf"(?:{_alts(g['universal'])}){g['pattern']}")],
        "upheld": [
            pattern_store.compile(rf"(?:{_alts(u['universal'])}){u['pattern']}"),
            *(pattern_store.compile(r) for r in u["rates"]),
        ],
        "not_corrected": [pattern_store.compile(r) for r in spec["not_corrected"]["patterns"]],
        "not_lost": [pattern_store.compile(r) for r in spec["not_lost"]["patterns"]],
    }


@lru_cache(maxsize=1)
def _any_claim() -> re.Pattern:
    """Matches where any of ``_claim_patterns`` does: a sentence it finds nothing in
    holds no claim, and is not searched with each pattern in turn (most sentences)."""
    every = [p.pattern for ps in _claim_patterns().values() for p in ps]
    return pattern_store.compile("|".join(f"(?:{p})" for p in every))


def claims(doc: Document) -> list[Claim]:
    """Every "all of them" claim of the narrative whose subject is clearly the report
    year's own applications (finished) or cases (the others) — cached per document."""
    return doc.memo("narrative.claims", lambda: _claims(doc))


def _claims(doc: Document) -> list[Claim]:
    if doc.readable_table("table3") is None and doc.readable_table("table4") is None:
        return []
    by_sentence: dict[int, list[Statement]] = {}
    for st in statements(doc):
        by_sentence.setdefault(id(st.sentence), []).append(st)
    out: list[Claim] = []
    prev: tuple[Sentence, list[Statement]] | None = None
    # tried only where a claim can begin: the alternation gives `re` no prefix to skip to
    any_claim = finder(_any_claim())
    for sent in sentences(doc):
        sts = by_sentence.get(id(sent), [])
        if prev is not None and doc.view.text[prev[0].end : sent.start].strip():
            prev = None
        if next(any_claim(sent.text), None) is None:
            prev = (sent, sts)
            continue
        taken: list[tuple[int, int]] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()  # one claim of a kind per sentence
        for kind, patterns in _claim_patterns().items():
            for pattern in patterns:
                for m in pattern.finditer(sent.text):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    claim = _claim(doc, sent, m, kind, sts, prev)
                    if claim is not None and (kind, claim.covers) not in seen:
                        taken.append(m.span())
                        seen.add((kind, claim.covers))
                        out.append(claim)
        prev = (sent, sts)
    out.sort(key=lambda c: (c.sentence.start, c.start))
    return out


def _clause_start(s: str, i: int, stop: str = _CLAIM_STOP) -> int:
    while i > 0 and s[i - 1] not in stop:
        i -= 1
    return i


def _claim(
    doc: Document,
    sent: Sentence,
    m: re.Match,
    kind: str,
    sts: list[Statement],
    prev: tuple[Sentence, list[Statement]] | None,
) -> Claim | None:
    s = sent.text
    spec = data()["claims"]
    a = _clause_start(s, m.start())
    clause = s[a : m.end()]
    before = s[: m.start()]
    prev_clause = s[_clause_start(s, max(a - 1, 0)) : a]
    if s[m.end() : m.end() + 1] == "的":
        return None  # 未被纠错的案件: a qualifier, not a claim
    if any(w in clause or w in prev_clause for w in spec["plans"]):
        return None
    if any(w in clause for w in spec["except"]) or re.search("除.*(?:外|以外|之外)", before):
        return None
    if any(w in clause for w in spec["parts"]):
        return None
    year = doc.meta.year
    if any(int(y) != year for y in re.findall(r"((?:19|20)\d{2})年", s[: m.end()])) and year is not None:
        return None  # 2023 年…: another year's applications
    if kind in ("finished", "all_granted"):
        return _requests_claim(doc, sent, m, kind, a, sts, prev[1] if prev else [])
    return _cases_claim(doc, sent, m, kind, a, prev[0] if prev else None)


def _requests_claim(
    doc: Document, sent: Sentence, m: re.Match, kind: str, a: int, sts: list[Statement], prev_sts: list[Statement]
) -> Claim | None:
    """A claim about the year's applications (finished, all_granted), when its subject is
    what was received: a universal subject (``所有申请``), the number received right
    before it, or the sentence before (``上述申请…``)."""
    s = sent.text
    d = data()
    claims_spec = d["claims"]
    spec = claims_spec["subject"]
    cats = d["requests"]["categories"]
    if kind == "finished":
        f = claims_spec["finished"]
        clause = s[a : m.end()]
        if "已" not in clause and (
            any(m.group().endswith(w) for w in f["verbs_done"]) or any(w in clause for w in f["timeliness"])
        ):
            return None  # 均按时答复, 均在法定期限内办结, 在法定期限内全部办结: about time
        if any(st.category == "carried_forward" for st in sts) or any(w in s for w in cats["carried_forward"]["words"]):
            return None  # the sentence says itself what is carried forward
    else:
        others = [w for k, c in cats.items() if k in d["requests"]["summable"] and k != "granted" for w in c["words"]]
        others += [w for c in cats.values() if c.get("block") for w in c["words"]]
        if any(w in s for w in others):
            return None  # 部分公开 2 件…: the sentence names other outcomes itself
    subject = pattern_store.compile("|".join(spec["subjects"])).search(s, a, m.start())
    requests = [
        st
        for st in sts
        if st.domain == "requests" and not st.category.startswith("applicant:") and st.number.end <= m.start()
    ]
    allowed = set(spec["categories"])
    if subject is not None:
        start = subject.start()
    elif requests:
        last = requests[-1]
        if last.category not in allowed:
            return None  # 答复 3050 件…均…: about those answered
        start = _clause_start(s, last.number.start)
    else:
        named = [h for h in _domain_hits(s) if h.kind == "requests" and a <= h.start < m.start()]
        carried = [st for st in prev_sts if st.domain == "requests" and not st.category.startswith("applicant:")]
        lead = s[a : m.start()]
        if named:
            start = named[-1].start  # 依申请公开办结率 100%
        elif a == 0 and carried and carried[-1].category in allowed:
            # `…受理申请 12 件。上述申请均已办结。`: the subject of the sentence before
            if lead and not lead.startswith(tuple(spec["back_references"])):
                return None
            start = 0
        else:
            return None
    region = s[start : m.end()]
    if any(w in region for w in d["subset"]) or any(w in region for w in d["past"]):
        return None  # 网上申请…, 上年结转的申请…: a part, or last year's
    if any(w in s[start : m.start()] for w in claims_spec["parts"]):
        return None  # …，其中 18 件…均…: a part
    if kind == "all_granted" and any(w in region for w in claims_spec["all_granted"]["conditions"]):
        return None  # 对符合条件的均予以公开: a part
    if any(h.kind not in ("requests", "bare") and start <= h.start < m.end() for h in _domain_hits(s)):
        return None  # 咨询、信访…均已办结: another subject
    return Claim(kind, sent, a, m.end())


def _cases_claim(doc: Document, sent: Sentence, m: re.Match, kind: str, a: int, prev: Sentence | None) -> Claim | None:
    s = sent.text
    d = data()
    g = m.group()
    if g.startswith(("无论", "无需", "无须", "无法", "未经")) or (
        g.startswith(("未", "没", "无")) and re.search(r"\d|[一二两三四五六七八九十]件", g)
    ):
        return None  # 未经复议直接起诉被纠正 1 件: a group's name and a count, no claim
    hits = [h for h in _domain_hits(s) if h.end <= m.end()]
    if any(h.kind == "other" for h in hits if h.start >= a):
        return None
    fams = [h for h in hits if _family(h.kind) == "cases"]
    if not fams and a == 0 and prev is not None and s.startswith(tuple(d["claims"]["back_references"])):
        # `…发生行政复议 2 件。上述案件均获维持。`: the cases of the sentence before
        earlier = [h for h in _domain_hits(prev.text) if h.kind != "other"]
        if earlier and _family(earlier[-1].kind) == "cases" and not any(w in prev.text for w in d["past"]):
            fams = [_Hit(0, 0, h.kind, h.word) for h in earlier if _family(h.kind) == "cases"]
    if kind == "not_lost":
        covers = {"litigation"}
    else:
        covers = set()
        for h in fams:
            covers.add("review" if h.kind == "review" else "litigation")
    if not covers:
        return None
    first = min((h.start for h in fams), default=a)
    region = s[min(first, a) : m.end()]
    if any(w in region for w in d["past"]) or any(w in s[first : m.start()] for w in d["claims"]["parts"]):
        return None
    if any(w in region for w in d["requests"]["categories"]["carried_over"]["words"]):
        return None
    groups: list[str] = []
    if "review" in covers:
        groups.append("review")
    if "litigation" in covers:
        groups.extend(["litigation_direct", "litigation_after_review"])
    return Claim(kind, sent, a, m.end(), tuple(groups))


def mismatch_params(m: Mismatch) -> dict[str, Any]:
    """Message parameters for a mismatch: ``quote``, ``what``/``what_en``, ``target``/
    ``target_en``, ``expected`` (with unit), ``stated`` (as written), ``others``/``others_en``
    (the other readings that were also tried)."""
    st = m.statement
    unit = data()["fees"]["unit"] if st.scale != 1 else (st.number.unit or "")
    first = st.targets[0] if m.unread is not None else m.expected[0][0]
    desc = first.describe()
    common = {
        "quote": st.quote(),
        "what": st.label.zh,
        "what_en": st.label.en,
        "target": desc.zh,
        "target_en": desc.en,
        "stated": st.number.raw,
    }
    if m.unread is not None:
        return dict(common, run=m.unread[0])
    value = m.expected[0][1]
    others_zh = "".join(f"；{t.describe().zh}为 {fmt(v)}{unit}" for t, v in m.expected[1:])
    others_en = "".join(f"; {t.describe().en} is {fmt(v)}" for t, v in m.expected[1:])
    if m.only_row is not None:
        t = m.expected[0][0]
        row = row_name(t.table, m.only_row)
        others_zh += f"（正文的 {st.number.raw} 只是其中“{row.zh}”一行的数字）"
        others_en += f" ({st.number.raw} is only the row '{row.en}')"
    return {
        **common,
        "expected": f"{fmt(value)}{unit}",
        "expected_en": f"{fmt(value)} {unit}" if st.scale != 1 else fmt(value),
        "others": others_zh,
        "others_en": others_en,
    }


def mismatch_key(m: Mismatch) -> str:
    """The message of a mismatch rule for ``m``: "mismatch", or "unread" when the cell
    could not be read but no reading of it gives the stated number."""
    return "unread" if m.unread is not None else "mismatch"


def unread_message(table: str) -> Text:
    """The "unread" message of the narrative-against-table rules, about ``table``."""
    name = table_name(table)
    table_zh, table_en = name.zh, name.en
    return T(
        f"正文“{{quote}}”与{table_zh}不一致：{{what}}，{{target}}的数字与相邻单元格连在一起写作“{{run}}”，"
        f"无法逐格读出，但无论怎样拆分都不会是 {{stated}}；请核对正文和{table_zh}，并把{table_zh}的数字分栏填写",
        f"the text '{{quote}}' disagrees with {table_en}: {{what_en}}: {{target_en}} is run together with the "
        f"cells next to it as '{{run}}' and cannot be read cell by cell, but no reading of it gives {{stated}};"
        f" check the text and {table_en}, and write each number of {table_en} in its own cell",
    )


def mismatch_data(m: Mismatch) -> dict[str, Any]:
    st = m.statement
    if m.unread is not None:
        return {
            "stated": fmt(m.stated),
            "domain": st.domain,
            "category": st.category,
            "run": m.unread[0],
            "possible": sorted(m.unread[1]),
        }
    return {
        "stated": fmt(m.stated),
        "domain": st.domain,
        "category": st.category,
        "cells": [
            {"table": t.table, "rows": list(t.rows), "columns": list(t.columns), "value": fmt(v)} for t, v in m.expected
        ],
    }
