"""Find the report's sections in the normalised view.

A section heading is a Chinese number (``一、`` … or ``第一部分``) followed by a title,
at the start of a line (Markdown ``## ``/``**`` marks before it count as the line start)
or inline, as in web pages flattened onto one line. The title is matched against the
catalogue in ``rules/sections.yaml`` (official titles and accepted variants); a heading
at the start of a line whose title is not in the catalogue is still recognised by
keywords as an ``unofficial`` variant (``四、复议和诉讼情况``).

Inline headings (the text runs on, with or without a separator):
- a catalogue title after a sentence end, or anywhere when written with the number the
  format gives it (``…082三、收到和处理…``, ``…情况第二十条…``); never after ``、,;`` or
  before ``、,;和及与`` (a list), nor after a numeral or ``第``;
- a title known by keywords only after a sentence end, with its section's own number,
  ending at a clear boundary (``。三、政府信息依申请公开工作情况 2016年``);
- a catalogue title with another number after a non-word character, only for a section
  that has no other heading and where that section belongs in order.
Table 三's own row labels (``一、本年新收…数量`` …) are excluded by ``not_headings``.

Not headings: the lines of a table of contents (after a ``目录`` line, lines ending in a
page number, or a run of three or more bare headings repeated later); the sentence listing
the parts (``全文包括:一、总体情况 二、…``); and the items of a numbered list inside a
section (``一、加强组织领导 二、工作机制保障 三、主动公开工作情况``): a heading known by
keywords that is numbered right after such an item is taken only when it has its
section's own number and no other heading of that section exists. Of two headings of one
section the first wins, except that a catalogue heading replaces a keyword one that has
another number.

When a section has no numbered heading, a table caption standing alone on its line
(``主动公开政府信息情况统计表``) or a bare official title on its own line stands in.

Reports of year <= 2018 are read against the pre-2019 outline (``old_*`` keys); when the
year is unknown, both outlines are tried and the one that finds more sections wins.

The outline sentence (``全文包括…六个部分``) may wrap over lines (it ends at ``。``, at the
count of parts, before a blank line or a heading); an item joining two parts with
``和/及/以及`` is split when both sides name different parts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.meta import body_end
from reportlint.document.model import Document, Section
from reportlint.document.numerals import SECTION_NUMERAL, cn_to_int

_CJK = pattern_store.compile(r"[\u3400-\u9fff]")
_WS = pattern_store.compile(r"\s+")
_NUMBER = pattern_store.compile(
    rf"第(?P<n1>{SECTION_NUMERAL})部分[ \t]*[、.,:]?[ \t]*|(?P<n2>{SECTION_NUMERAL})[ \t]*[、.,][ \t]*"
)
_INLINE_AFTER = "。!?"  # an inline heading follows the end of a sentence (not `;`/`:` of a list)
_REJECT_AFTER = "、,;和及与"  # a title followed by these is an item of a list, not a heading
_REJECT_BEFORE = "、,;"  # … and so is an inline title after these (`…总体情况;二、主动公开…`)
_REST_STOP = pattern_store.compile(r"[。|:;]")
# The parts an outline sentence lists (`一、总体情况二、…`, `概述、主动公开…`).
_OUTLINE_NUMBER = pattern_store.compile(rf"{SECTION_NUMERAL}[ \t]*[、.]")
_OUTLINE_SEPARATOR = pattern_store.compile(r"[、,;]")
_MAX_TITLE = 40
_MAX_INLINE_TITLE = 24
_OUTLINE_IN_OVERVIEW = 400  # how far into the overview the outline sentence may start


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Entry:
    """One section of an official outline: its key, number, title and the words that name it."""

    key: str
    number: str
    title: str
    keywords: tuple[re.Pattern, ...]


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class Outline:
    """An official outline (2019/2021 or the older one) and how its titles are looked up."""

    name: str
    entries: tuple[Entry, ...]
    by_title: dict[str, tuple[Entry, str]]  # normalised title → (entry, "official" | "variant")
    by_caption: dict[str, Entry]
    titles: re.Pattern  # any official title or variant, at a given position
    captions: re.Pattern | None  # a caption alone on its line
    bare: re.Pattern  # an official title or variant alone on its line

    def classify(self, title: str) -> tuple[Entry, str] | None:
        """Entry and variant kind for a heading title (catalogue first, then keywords)."""
        norm = normalise(title)
        hit = self.by_title.get(norm)
        if hit is not None:
            return hit
        for entry in self.entries:
            if any(k.search(norm) for k in entry.keywords):
                return entry, "unofficial"
        return None


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class _Data:
    """The outlines and patterns of ``rules/`` the section search uses, built once per process."""

    outlines: dict[str, Outline]
    not_headings: re.Pattern
    outline_sentence: re.Pattern
    toc_caption: re.Pattern  # the `目录` line of a table of contents
    toc_entry: re.Pattern  # what follows a title in a table of contents (a page number)
    toc_line: re.Pattern  # a line of a table of contents ends so
    outline_split: re.Pattern  # words joining two parts in the outline sentence (和, 及 …)


def normalise(title: str) -> str:
    """Titles are compared without whitespace, with ``,`` read as ``、`` and no end punctuation."""
    return _WS.sub("", title).replace(",", "、").rstrip("。:.、")


def _loose(title: str) -> str:
    """Regex for a title with any whitespace (line breaks in PDF text) between characters."""
    parts = []
    for ch in normalise(title):
        parts.append("[、,]" if ch == "、" else re.escape(ch))
    return r"\s*".join(parts)


def _alternation(titles) -> str:
    return "|".join(_loose(t) for t in sorted(set(titles), key=pattern_store.longest_first))


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw = ruledata.load("sections")
    outlines = {}
    for name, items in raw["outlines"].items():
        entries = []
        by_title: dict[str, tuple[Entry, str]] = {}
        by_caption: dict[str, Entry] = {}
        for item in items:
            entry = Entry(
                key=item["key"],
                number=str(item["number"]),
                title=item["title"],
                keywords=tuple(pattern_store.compile(k) for k in item.get("keywords") or ()),
            )
            entries.append(entry)
            by_title.setdefault(normalise(entry.title), (entry, "official"))
            for variant in item.get("variants") or ():
                by_title.setdefault(normalise(variant), (entry, "variant"))
            for caption in item.get("captions") or ():
                by_caption.setdefault(normalise(caption), entry)
        titles = _alternation(by_title)
        outlines[name] = Outline(
            name=name,
            entries=tuple(entries),
            by_title=by_title,
            by_caption=by_caption,
            titles=pattern_store.compile(titles),
            captions=pattern_store.compile(rf"(?m)^[ \t|#*]*(?P<t>{_alternation(by_caption)})[ \t|*]*$")
            if by_caption
            else None,
            bare=pattern_store.compile(rf"(?m)^[ \t|#*]*(?P<t>{titles})[ \t|:。*]*$"),
        )
    return _Data(
        outlines=outlines,
        not_headings=pattern_store.compile("|".join(f"(?:{p})" for p in raw["not_headings"])),
        outline_sentence=pattern_store.compile(
            rf"(?:{raw['outline_sentence']})[:]?(?P<items>[^。]{{4,300}}?)"
            # the sentence may wrap over lines, but ends before a blank line or a heading
            r"(?:等?\s*[一二三四五六七八九十\d]+\s*个?\s*部分|。|$"
            rf"|(?=\n[ \t#*]*(?:\n|$|第?{SECTION_NUMERAL}[ \t]*(?:部分|[、.,]))))"
        ),
        toc_caption=pattern_store.compile(rf"(?m)^[ \t#*]*(?:{raw['toc']['caption']})[ \t*]*$"),
        toc_entry=pattern_store.compile(rf"(?:{raw['toc']['page_number']})[ \t]*$"),  # used with match()
        toc_line=pattern_store.compile(rf"(?:{raw['toc']['page_number']})[ \t]*$"),
        outline_split=pattern_store.compile("|".join(raw["outline_joiners"])),
    )


def outline_for(year: int | None) -> str | None:
    """``pre2019`` for year <= 2018, ``current`` for 2019 on, None when unknown."""
    if year is None:
        return None
    return "pre2019" if year <= 2018 else "current"


def analyse(doc: Document) -> None:
    data = _data()
    v = doc.view.text
    name = outline_for(doc.meta.year)
    skip = _toc_spans(v, data)
    for sentence in data.outline_sentence.finditer(v):
        # `全文包括:一、总体情况 二、…` names the parts, it is not them
        if (
            not _in_spans(sentence.start(), skip)
            and len(_sentence_keys(sentence, data, data.outlines[name or "current"])) >= 2
        ):
            skip.append(sentence.span())
    skip = _merge(skip)
    if name is not None:
        found = _find(doc, v, data, data.outlines[name], skip)
    else:
        found, name = max(
            ((_find(doc, v, data, data.outlines[n], skip), n) for n in ("current", "pre2019")),
            key=lambda pair: len(pair[0]),  # ties go to the current outline (first)
        )
        if not found:
            name = "current"
    _finish_bodies(doc, found)
    doc.sections = found
    # the sentence is read with the outline the sections were found with (year unknown:
    # an old report's `全文包括概述、…` names the old parts)
    _find_outline_sentence(doc, v, data, data.outlines[name])


# -- headings ---------------------------------------------------------------------------

_LINE_MARKUP = " \t|#*>\u3000"  # what may stand before a heading on its line (Markdown `## `, `**`)
_INLINE_TITLE_END = pattern_store.compile(r"[\s\d。,;:、(（\[|!?]")


@dataclass(eq=False)
class _Candidate:
    """A line that may be the heading of an outline entry, before the headings are chosen."""

    start: int
    match: re.Match
    entry: Entry
    variant: str
    title_end: int
    inline: bool
    catalogue: bool  # the title is an official title or a listed variant (not keywords only)
    number: str  # as written
    sub_point: bool = False  # numbered right after a numbered item that is not a section


def _line_start(v: str, pos: int) -> tuple[bool, int]:
    """(at line start?, index of the previous significant character or -1).

    Markdown heading marks (``## ``), emphasis (``**``) and table bars before the number
    still count as the start of the line."""
    k = pos - 1
    while k >= 0 and v[k] in _LINE_MARKUP:
        k -= 1
    return (k < 0 or v[k] == "\n"), k


def _toc_spans(v: str, data: _Data) -> list[tuple[int, int]]:
    """Spans of tables of contents (目录): a ``目录`` line and the heading-like lines after
    it, up to the first blank or ordinary line."""
    spans = []
    for m in data.toc_caption.finditer(v):
        pos = m.end()
        end = pos
        while pos < len(v):
            nl = v.find("\n", pos)
            line_end = len(v) if nl == -1 else nl
            line = v[pos:line_end].strip()
            if not line:
                if end > m.end():
                    break  # a blank line after entries ends the contents
                pos = line_end + 1
                continue
            if not (data.toc_line.search(line) or _NUMBER.match(line)) or len(line) > 60 or line[-1] in "。;":
                break
            end = line_end
            pos = line_end + 1
        if end > m.end():
            spans.append((m.start(), end))
    return spans


def _find(doc: Document, v: str, data: _Data, outline: Outline, skip: list[tuple[int, int]]) -> list[Section]:
    """Headings of one outline. ``skip``: spans that hold no headings (tables of contents,
    the sentence listing the parts)."""
    candidates: list[_Candidate] = []
    # the last numbered item at the start of a line that is not a section (``二、工作机制保障``)
    # and its number: a heading known by keywords that is numbered right after it, with no
    # section between, is the next item of the same list (``三、主动公开工作情况``)
    last_item: tuple[int, int | None] | None = None
    fallback: list[_Candidate] = []
    skip_i = 0
    for m in _NUMBER.finditer(v):
        start = m.start()
        while skip_i < len(skip) and skip[skip_i][1] <= start:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= start:
            continue
        at_line_start, k = _line_start(v, start)
        prev = v[k] if k >= 0 else "\n"
        num_group = "n1" if m.group("n1") else "n2"
        number = m.group(num_group)
        if not at_line_start and (prev in "一二三四五六七八九十第" or prev in _REJECT_BEFORE):
            continue
        t0 = m.end()
        cand = None
        tm = outline.titles.match(v, t0)
        if tm is not None:
            after = v[tm.end()] if tm.end() < len(v) else "\n"
            entry, variant = outline.by_title[normalise(tm.group())]
            ok = after not in _REJECT_AFTER  # `全文包括:一、总体情况、二、…` — a list, not headings
            # inline: after a sentence end, or written with the number the format gives it
            # (`…082三、收到和处理…`, `…情况第二十条…` in a report flattened onto one line)
            if ok and not at_line_start and number != entry.number and (prev not in _INLINE_AFTER or _CJK.match(after)):
                ok = False
                # kept in reserve: it stands in for its section if nothing else does
                # (not after a character of a word: `统一、主动公开…` is no number)
                if not _CJK.match(prev):
                    fallback.append(_Candidate(start, m, entry, variant, tm.end(), True, True, number))
            if ok:
                if _is_toc_entry(v, tm.end(), data):
                    continue
                cand = _Candidate(start, m, entry, variant, tm.end(), not at_line_start, True, number)
            elif at_line_start:
                continue
        if cand is None:
            if at_line_start:
                line_end = v.find("\n", t0)
                if line_end == -1:
                    line_end = len(v)
                stop = _REST_STOP.search(v, t0, line_end)
                title_end = stop.start() if stop else line_end
                while title_end > t0 and v[title_end - 1] in " \t*#":
                    title_end -= 1
            elif prev in _INLINE_AFTER:
                # an inline heading known by keywords only: its title must end at a clear
                # boundary and it must carry the number the format gives it
                stop = _INLINE_TITLE_END.search(v, t0, min(len(v), t0 + _MAX_INLINE_TITLE + 1))
                if stop is None or v[stop.start()] in "、,;":
                    continue
                title_end = stop.start()
            else:
                continue
            if _is_toc_entry(v, title_end, data):
                continue
            title = normalise(v[t0:title_end])
            if not 2 <= len(title) <= _MAX_TITLE or data.not_headings.search(title):
                continue
            hit = outline.classify(title)
            if hit is None:
                if at_line_start:
                    last_item = (start, cn_to_int(number))
                continue
            if not at_line_start and (hit[0].number != number or len(title) < 4):
                continue
            cand = _Candidate(start, m, hit[0], hit[1], title_end, not at_line_start, False, number)
            if at_line_start and last_item is not None and last_item[1] is not None:
                n = cn_to_int(number)
                if n == last_item[1] + 1 and not (candidates and candidates[-1].start > last_item[0]):
                    last_item = (start, n)
                    cand.sub_point = True
        candidates.append(cand)
    candidates = _drop_contents_runs(v, candidates)
    by_key: dict[str, _Candidate] = {}
    for cand in candidates:
        if cand.sub_point:
            continue
        have = by_key.get(cand.entry.key)
        # the first heading of a section wins, but a heading in the catalogue's words wins
        # over an earlier one known by keywords only that has another number (a sub-point
        # `三、主动公开工作情况` before `二、主动公开政府信息情况`)
        if have is None or (cand.catalogue and not have.catalogue and have.number != have.entry.number):
            by_key[cand.entry.key] = cand
    for cand in candidates:
        # an item of a list inside a section is a heading only when it has the number of its
        # section and no other heading of that section exists
        if cand.sub_point and cand.number == cand.entry.number and cand.entry.key not in by_key:
            by_key[cand.entry.key] = cand
    _add_fallbacks(by_key, fallback, outline)
    to_source = doc.view.to_source
    found: dict[str, Section] = {}
    for key, c in by_key.items():
        m = c.match
        num_group = "n1" if m.group("n1") else "n2"
        t0, title_end = m.end(), c.title_end
        found[key] = Section(
            key=key,
            number=m.group(num_group),
            expected_number=c.entry.number,
            title=_WS.sub("", v[t0:title_end]) if "\n" in v[t0:title_end] else v[t0:title_end].strip(),
            official_title=c.entry.title,
            heading_span=to_source(c.start, title_end),
            body_span=(0, 0),
            variant=c.variant,
            number_span=to_source(*m.span(num_group)),
            inline=c.inline,
        )
    # captions and bare titles stand in for missing numbered headings
    if outline.captions is not None and len(found) < len(outline.entries):
        for cm in outline.captions.finditer(v):
            if _in_spans(cm.start(), skip):
                continue
            entry = outline.by_caption[normalise(cm.group("t"))]
            if entry.key not in found:
                found[entry.key] = _unnumbered(doc, v, cm, entry, "caption")
    if len(found) < len(outline.entries):
        for bm in outline.bare.finditer(v):
            if _in_spans(bm.start(), skip):
                continue
            entry, variant = outline.by_title[normalise(bm.group("t"))]
            if entry.key not in found:
                found[entry.key] = _unnumbered(doc, v, bm, entry, variant)
    return sorted(found.values(), key=lambda s: s.heading_span[0])


def _add_fallbacks(by_key: dict[str, _Candidate], fallback: list[_Candidate], outline: Outline) -> None:
    """An official title written inline with another number (`…0000000五、政府信息公开行政复议、
    行政诉讼情况行政复议…` for 四) is the heading of a section that has no other heading when
    it stands where that section belongs: after the sections before it and before the ones
    after it. A section that is there is never reported missing for its wrong number."""
    order = [e.key for e in outline.entries]
    for cand in fallback:
        key = cand.entry.key
        if key in by_key:
            continue
        i = order.index(key)
        before = [c.start for k, c in by_key.items() if order.index(k) < i]
        after = [c.start for k, c in by_key.items() if order.index(k) > i]
        if (not before or max(before) < cand.start) and (not after or cand.start < min(after)):
            by_key[key] = cand


# between two lines of a table of contents: markup, leaders and at most one page number
_CONTENTS_GAP = pattern_store.compile(r"[\s|#*>.…·_\-—]*(?:\d{1,3}[\s|#*>.…·_\-—]*)?$")


def _drop_contents_runs(v: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A table of contents without a ``目录`` line or page numbers: three or more headings
    in a row with nothing between them but a page number (on consecutive lines, or on one
    line in a flattened page), whose sections come again later."""
    runs: list[list[int]] = []
    for i, c in enumerate(candidates):
        if runs and runs[-1][-1] == i - 1:
            p = candidates[i - 1]
            if _CONTENTS_GAP.match(v, p.title_end, c.start):
                runs[-1].append(i)
                continue
        runs.append([i])
    last = {c.entry.key: i for i, c in enumerate(candidates)}  # the last candidate of each section
    drop: set[int] = set()
    for run in runs:
        if len(run) < 3:
            continue
        keys = [candidates[i].entry.key for i in run]
        if sum(last[k] > run[-1] for k in keys) * 2 >= len(keys):
            drop.update(run)
    return [c for i, c in enumerate(candidates) if i not in drop] if drop else candidates


def _is_toc_entry(v: str, pos: int, data: _Data) -> bool:
    """The rest of the line after a title is a page number (``\t1``, ``……3``)."""
    line_end = v.find("\n", pos)
    if line_end == -1:
        line_end = len(v)
    return data.toc_entry.match(v, pos, line_end) is not None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _unnumbered(doc: Document, v: str, m: re.Match, entry: Entry, variant: str) -> Section:
    s, e = m.span("t")
    return Section(
        key=entry.key,
        number=None,
        expected_number=entry.number,
        title=_WS.sub("", v[s:e]),
        official_title=entry.title,
        heading_span=doc.view.to_source(s, e),
        body_span=(0, 0),
        variant=variant,
    )


def _finish_bodies(doc: Document, found: list[Section]) -> None:
    text = doc.text
    last_end = body_end(doc)
    for i, sec in enumerate(found):
        start = sec.heading_span[1]
        if i + 1 < len(found):
            nxt = found[i + 1]
            end = nxt.heading_span[0]
            if not nxt.inline:
                # up to the line of the next heading (not its `[bookmark: …]` prefix)
                end = max(start, text.rfind("\n", 0, end) + 1)
        else:
            end = max(start, last_end)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        sec.body_span = (s, e) if s < e else (start, start)


# -- the "全文包括…" sentence -------------------------------------------------------------


def _find_outline_sentence(doc: Document, v: str, data: _Data, outline: Outline) -> None:
    first = doc.sections[0].heading_span[0] if doc.sections else len(doc.text)
    end = doc.view.to_view(first)
    if doc.sections and doc.sections[0].key == outline.entries[0].key:
        # the sentence may open the overview (`一、总体情况 根据…。本报告由…五个部分组成。`)
        head_end = doc.view.to_view(doc.sections[0].heading_span[1])
        nxt = doc.view.to_view(doc.sections[1].heading_span[0]) if len(doc.sections) > 1 else len(v)
        end = min(nxt, head_end + _OUTLINE_IN_OVERVIEW)
    # the first sentence that names parts (`本报告由XX局编制。本报告由概述、…组成` names none first)
    for m in data.outline_sentence.finditer(v, 0, end):
        keys = _sentence_keys(m, data, outline)
        if keys:
            doc.meta.outline_span = doc.view.to_source(*m.span())
            doc.meta.outline_keys = keys
            return


def _sentence_keys(m: re.Match, data: _Data, outline: Outline) -> list[str]:
    keys: list[str] = []
    items = _OUTLINE_NUMBER.sub(",", _WS.sub("", m.group("items")))  # `一、总体情况二、…`
    for item in _OUTLINE_SEPARATOR.split(items):
        for entry in _outline_parts(item, data, outline):
            if not keys or keys[-1] != entry.key:
                keys.append(entry.key)
    return keys


def _outline_parts(item: str, data: _Data, outline: Outline, depth: int = 0) -> list[Entry]:
    """The parts named by one item of the outline sentence. An item may join two parts
    (`…改进情况和其他需要报告的事项`, `…改进情况及其他…`): it is split at a joining word
    when both sides name different parts; `收到和处理…`, `行政复议和行政诉讼情况` stay whole."""
    item = item.strip()
    if not item:
        return []
    hit = outline.by_title.get(normalise(item))
    if hit is not None:
        return [hit[0]]
    if depth < 4:
        for j in data.outline_split.finditer(item):
            left, right = item[: j.start()], item[j.end() :]
            lh, rh = outline.classify(left) if left else None, outline.classify(right) if right else None
            if lh is not None and rh is not None and lh[0].key != rh[0].key:
                return _outline_parts(left, data, outline, depth + 1) + _outline_parts(right, data, outline, depth + 1)
    hit = outline.classify(item)
    return [hit[0]] if hit is not None else []
