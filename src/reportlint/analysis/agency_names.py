"""Shared helpers for the agency-name rules (RL531–RL534); the period rules use them too.

Not a rule module (it defines no rule). It knows how to:

* read a text as sentences even when a PDF broke its lines (:func:`flat_view`);
* split an agency name into its place and its function (``台儿庄区`` + ``科技局``) and
  tell how two names relate (the same agency, an abbreviation, a shortened name
  without its place, a unit of it, or another agency);
* collect the names the report gives its own agency (title, ``由XX编制``, signature).

The data (place endings, self-pronouns, subject continuations) is ``rules/agency.yaml``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import field
from functools import lru_cache

from reportlint.analysis.clause_starts import ClausePattern
from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.meta import agency_kind
from reportlint.document.model import Document, Span
from reportlint.document.numerals import YEAR

CJK = "\u4e00-\u9fff"
# A clause boundary in the view (full-width marks are already folded to ASCII there).
BOUNDARY = "。;!?:,\n"
_PAGE_NUMBER_LINE = pattern_store.compile(
    r"[ \t]*(?:-[ \t]*\d+[ \t]*-|第[ \t]*\d+[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?)[ \t]*"
)
BOOK_TITLE = pattern_store.compile(r"《[^《》\n]{0,80}》")


# Where in the report an agency's name was read, as the messages name the place.
NAME_SOURCES = {
    "title": ("标题", "the title"),
    "compiled": ("编制说明", "the sentence naming who compiled the report"),
    "signature": ("落款", "the signature"),
}


@lru_cache(maxsize=1)
def data() -> dict:
    return ruledata.load("agency")


# -- a flat view: sentences across PDF line breaks ----------------------------------------


@dataclass(eq=False)
class Flat:
    """The view with the line breaks a PDF put inside paragraphs removed.

    ``src[i]`` is the view offset of flat character ``i``. For every other input the
    flat text is the view itself (a line break there ends a paragraph or a heading).
    """

    text: str
    src: list[int]
    doc: Document
    # The spans of protected(), found once: several rules ask for them.
    _protected: list[tuple[int, int]] | None = field(default=None, repr=False)

    def to_text(self, start: int, end: int) -> Span:
        """Flat span → span in ``doc.text``."""
        if end <= start:
            v = self.src[start] if start < len(self.src) else len(self.doc.view.text)
            return self.doc.view.to_source(v, v)
        return self.doc.view.to_source(self.src[start], self.src[end - 1] + 1)

    def protected(self) -> list[tuple[int, int]]:
        """Flat spans of names of documents (``《2021年政务公开工作要点》``); the list is
        shared between callers, who only read it."""
        if self._protected is None:
            self._protected = [m.span() for m in BOOK_TITLE.finditer(self.text)]
        return self._protected


def flat_view(doc: Document) -> Flat:
    """The view with wrapped lines of fixed layouts joined (computed once per document)."""
    return doc.memo("agency_names.flat_view", lambda: _flat_view(doc))


def _flat_view(doc: Document) -> Flat:
    v = doc.view.text
    if doc.extracted.kind not in ("pdf", "ofd"):  # fixed layouts wrap lines
        flat = Flat(v, list(range(len(v) + 1)), doc)
    else:
        lines = []
        pos = 0
        while pos <= len(v):
            end = v.find("\n", pos)
            end = len(v) if end == -1 else end
            lines.append((pos, end))
            pos = end + 1
        lengths = [len(v[s:e].strip()) for s, e in lines if len(v[s:e].strip()) >= 10]
        full = 0.8 * _median(lengths) if lengths else 0
        out: list[str] = []
        src: list[int] = []
        for i, (s, e) in enumerate(lines):
            line = v[s:e]
            if _PAGE_NUMBER_LINE.fullmatch(line):
                continue  # `- 3 -` between two halves of a sentence
            out.append(line)
            src.extend(range(s, e))
            stripped = line.rstrip()
            wrapped = bool(stripped) and len(stripped.strip()) >= full and stripped[-1] not in "。;!?:"
            if i < len(lines) - 1 and not wrapped:
                out.append("\n")
                src.append(e)
        src.append(len(v))
        flat = Flat("".join(out), src, doc)
    return flat


_SENTENCE_END = pattern_store.compile(r"[。;!?\n]")
_SENTENCE_REACH = 4000  # a sentence is looked for this far around ``pos`` (keeps it linear)


def _median(values: list[int]) -> float:
    """``statistics.median`` (the middle value, or the mean of the two middle ones),
    without importing ``statistics`` and ``random`` at every start."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence around ``pos`` (ends at 。/;/!/? or a line break).

    Looked for at most ``_SENTENCE_REACH`` characters either way, so that a text with
    thousands of sentences and no `!` at all is not scanned whole for each of them."""
    lo = max(0, pos - _SENTENCE_REACH)
    s = max(text.rfind(ch, lo, pos) for ch in "。;!?\n")
    s = s + 1 if s != -1 else lo
    m = _SENTENCE_END.search(text, pos, min(len(text), pos + _SENTENCE_REACH))
    e = m.end() if m is not None else min(len(text), pos + _SENTENCE_REACH)
    return s, e


def in_spans(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``s..e`` lies inside one of ``spans``, which are sorted and do not overlap
    (as ``finditer`` gives them, :meth:`Flat.protected`): only the last span starting at
    or before ``s`` can hold it, found by bisection, so a check per mention stays
    logarithmic in the number of spans instead of scanning them all."""
    i = bisect.bisect_right(spans, (s, math.inf)) - 1
    return i >= 0 and e <= spans[i][1]


# -- names ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern:
    suffixes = "|".join(re.escape(s) for s in sorted(data()["admin_suffixes"], key=pattern_store.longest_first))
    # `常州市`: a place whose name ends in 州 is followed by its level (市/县/区/旗)
    return pattern_store.compile(
        rf"(?P<place>[{CJK}]{{1,12}}?(?:{suffixes})(?:(?<=州)[市县区旗])?)(?P<func>[{CJK}].*)$"
    )


@lru_cache(maxsize=1)
def admin_suffixes() -> tuple[str, ...]:
    return tuple(sorted(data()["admin_suffixes"], key=pattern_store.longest_first))


def split_place(name: str) -> tuple[str, str]:
    """``台儿庄区科技局`` → (``台儿庄区``, ``科技局``); ``区科技局`` → (``区``, ``科技局``);
    a name with no place → ("", name)."""
    name = squeeze(name)
    for suffix in admin_suffixes():
        if name.startswith(suffix) and len(name) > len(suffix):
            return suffix, name[len(suffix) :]
    m = _place_re().match(name)
    if m is None:
        return "", name
    return m.group("place"), m.group("func")


@lru_cache(maxsize=1)
def _nested_place_re() -> re.Pattern:
    d = data()
    suffixes = "|".join(re.escape(s) for s in sorted(d["nested_place_suffixes"], key=pattern_store.longest_first))
    endings = "|".join(re.escape(s) for s in d["name_endings"])
    # at least two characters before the ending: `城市管理局`, `园区管委会` name no place
    return pattern_store.compile(rf"(?P<place>(?:(?!{endings})[{CJK}]){{2,12}}?(?:{suffixes}))(?P<func>[{CJK}]{{2,}})$")


def place_chain(name: str) -> tuple[list[str], str]:
    """The places a name starts with, outermost first, and its function:
    ``临沂市兰山区科技局`` → ([``临沂市``, ``兰山区``], ``科技局``); ``区科技局`` →
    ([``区``], ``科技局``). Only the first place may be a bare level (``区``); a place
    inside it must be a name (``兰山区``), never a township (``运河街道`` stays in the
    function: it is the body's own name)."""
    place, func = split_place(name)
    if not place:
        return [], func
    places = [place]
    while True:
        m = _nested_place_re().match(func)
        if m is None:
            break
        places.append(m.group("place"))
        func = m.group("func")
    return places, func


def ends_with_admin(place: str) -> bool:
    return place.endswith(admin_suffixes())


_BLANKS = pattern_store.compile(r"\s+")


def squeeze(name: str) -> str:
    # compiled once: called for every place name a clause begins with (RL531, RL535)
    return _BLANKS.sub("", name or "")


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def relation(a: str, b: str) -> str:
    """How name ``a`` relates to name ``b``:

    ``same``; ``unit`` (``a`` is ``b`` plus a unit: ``淮安市人民政府办公室`` of
    ``淮安市人民政府``); ``parent`` (the reverse); ``abbreviation`` (one drops characters
    of the other but keeps its start: ``常州市科技局`` / ``常州市科学技术局``); ``shorter``
    (``a`` lacks the place ``b`` starts with: ``区科技局`` / ``台儿庄区科技局``);
    ``longer`` (the reverse); ``different`` (another agency, or a misspelt name).
    """
    a, b = squeeze(a), squeeze(b)
    if not a or not b:
        return "different"
    if a == b:
        return "same"
    if a.startswith(b):
        return "unit"
    if b.startswith(a):
        return "parent"
    if len(a) < len(b) and is_subsequence(a, b):
        return "abbreviation" if a[0] == b[0] else "shorter"
    if len(b) < len(a) and is_subsequence(b, a):
        return "abbreviation" if a[0] == b[0] else "longer"
    # `兰山区科学技术局` / `临沂市兰山区科技局`: the same innermost place and function,
    # one name abbreviated and giving its city as well
    pa, fa = place_chain(a)
    pb, fb = place_chain(b)
    if pa and pb and pa[-1] == pb[-1] and pa[-1] not in admin_suffixes() and same_function(fa, fb):
        if pa == pb:
            return "abbreviation"
        if len(pa) < len(pb) and pb[-len(pa) :] == pa:
            return "shorter"
        if len(pb) < len(pa) and pa[-len(pb) :] == pb:
            return "longer"
    return "different"


def same_function(f1: str, f2: str) -> bool:
    """``科学技术局`` and ``科技局`` name the same kind of agency; ``科学技术厅`` does not."""
    if f1 == f2:
        return True
    if not f1 or not f2 or f1[0] != f2[0] or f1[-1] != f2[-1]:
        return False
    short, long = sorted((f1, f2), key=len)
    return is_subsequence(short, long)


@lru_cache(maxsize=1)
def name_in_text_re() -> re.Pattern:
    """An agency name with a place, in running text (the match must be anchored by the caller)."""
    d = data()
    suffixes = "|".join(re.escape(s) for s in sorted(d["admin_suffixes"], key=pattern_store.longest_first))
    endings = "|".join(re.escape(s) for s in sorted(d["name_endings"], key=pattern_store.longest_first))
    # the name ends at its first ending: `苏州市科学技术局指导我局` is `苏州市科学技术局`
    return pattern_store.compile(rf"[{CJK}]{{1,12}}?(?:{suffixes})(?:(?!{endings})[{CJK}]){{1,16}}(?:{endings})")


@lru_cache(maxsize=1)
def compiled_by_re() -> re.Pattern:
    return pattern_store.compile(data()["compiled_by"])


@lru_cache(maxsize=1)
def contact_re() -> re.Pattern:
    cues = "|".join(re.escape(c) for c in data()["contact_cues"])
    return pattern_store.compile(rf"(?:{cues})\s*:?\s*(?P<name>{name_in_text_re().pattern})")


@lru_cache(maxsize=1)
def self_pronoun_re() -> re.Pattern:
    return pattern_store.compile(
        "|".join(re.escape(p) for p in sorted(data()["self_pronouns"], key=pattern_store.longest_first))
    )


@lru_cache(maxsize=1)
def continuation_re() -> re.Pattern:
    words = sorted(data()["subject_continuations"], key=pattern_store.longest_first)
    return pattern_store.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=1)
def subject_re() -> ClausePattern:
    """A name at the start of a clause (optionally after `2021年,`), followed by what a
    subject of the report's own work is followed by."""
    return ClausePattern(
        BOUNDARY,
        rf"[ \t]*(?:{YEAR}[ \t]*年度?[ \t]*,?[ \t]*)?"
        rf"(?P<name>{name_in_text_re().pattern})(?=[ \t]*(?:{continuation_re().pattern}))",
    )


@dataclass(eq=False)
class NameRef:
    """One place where the report names its own agency."""

    name: str
    span: Span  # in doc.text
    source: str  # "title" | "compiled" | "signature"


@dataclass(eq=False)
class OwnNames:
    """Every name the report gives its own agency, and the fullest of them."""

    refs: list[NameRef] = field(default_factory=list)
    canonical: str | None = None  # the fullest name the report gives its agency
    forms: list[str] = field(default_factory=list)  # names the agency may go by (longest first)

    def ref(self, source: str) -> NameRef | None:
        for r in self.refs:
            if r.source == source:
                return r
        return None

    def is_own(self, name: str) -> bool:
        """The name is the agency's (or a unit of it, or an abbreviation)."""
        name = squeeze(name)
        candidates = [self.canonical] + [r.name for r in self.refs] if self.canonical else []
        return any(relation(name, c) != "different" for c in candidates if c)


def own_names(doc: Document) -> OwnNames:
    """The report's own agency names (computed once per document)."""
    return doc.memo("agency_names.own_names", lambda: _own_names(doc))


def _own_names(doc: Document) -> OwnNames:
    meta = doc.meta
    out = OwnNames()
    if meta.agency and meta.agency_source == "title" and meta.agency_span:
        out.refs.append(NameRef(squeeze(meta.agency), meta.agency_span, "title"))
    flat = flat_view(doc)
    m = compiled_by_re().search(flat.text, 0, min(len(flat.text), 4000))
    if m is not None and agency_kind(m.group("name")):
        out.refs.append(NameRef(squeeze(m.group("name")), flat.to_text(*m.span("name")), "compiled"))
    if meta.signature_agency and meta.signature_agency_span:
        out.refs.append(NameRef(squeeze(meta.signature_agency), meta.signature_agency_span, "signature"))
    if out.refs:
        base = out.refs[0].name
        for r in out.refs[1:]:
            rel = relation(base, r.name)
            if rel == "shorter":
                base = r.name  # `区科技局` in the title, `台儿庄区科技局` in the signature
            elif rel == "parent" and agency_kind(base) is None and r.source == "signature":
                base = r.name  # `宿迁市` in the title, `宿迁市人民政府` in the signature
        out.canonical = base
        forms = {base}
        places, func = place_chain(base)
        if places:
            place = places[-1]  # `通州区` of `南通市通州区科学技术局`
            if len(places) > 1:
                forms.add(place + func)
            own_place_in_func = split_place(func)[0] not in ("", *admin_suffixes())
            if not (agency_kind(base) == "township" and own_place_in_func):
                # not `区经纬街道办事处` for `道里区经纬街道办事处`: a township's name is its own
                for suffix in admin_suffixes():
                    if place.endswith(suffix):
                        forms.add(suffix + func)  # `区科技局`
                        break
        forms.add(func)
        for r in out.refs:
            if relation(r.name, base) in ("same", "shorter", "abbreviation"):
                forms.add(r.name)
        out.forms = sorted(forms, key=pattern_store.longest_first)
    return out
