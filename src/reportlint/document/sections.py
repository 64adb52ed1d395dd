"""Find the report's sections in the normalised view.

A section heading is a Chinese number (``一、`` … or ``第一部分``) followed by a title,
either at the start of a line or inline after a sentence end (``。 二、主动公开政府信息情况``,
as in web pages flattened to one line). The title is matched against the catalogue in
``rules/sections.yaml`` (official titles and accepted variants); a heading at the start
of a line whose title is not in the catalogue is still recognised by keywords as an
``unofficial`` variant (``四、复议和诉讼情况``). Inline headings must match the catalogue,
so sentences and list items are never taken for headings. Table 三's own row labels
(``一、本年新收…数量`` …) are excluded by ``not_headings``.

When a section has no numbered heading, a table caption standing alone on its line
(``主动公开政府信息情况统计表``) or a bare official title on its own line stands in.

Reports of year <= 2018 are read against the pre-2019 outline (``old_*`` keys); when the
year is unknown, both outlines are tried and the one that finds more sections wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlint import ruledata
from reportlint.document.meta import body_end
from reportlint.document.model import Document, Section
from reportlint.document.numerals import SECTION_NUMERAL

_CJK = re.compile(r"[\u3400-\u9fff]")
_WS = re.compile(r"\s+")
_NUMBER = re.compile(
    rf"第(?P<n1>{SECTION_NUMERAL})部分[ \t]*[、.,:]?[ \t]*|(?P<n2>{SECTION_NUMERAL})[ \t]*[、.,][ \t]*"
)
_INLINE_AFTER = "。!?"  # an inline heading follows the end of a sentence (not `;`/`:` of a list)
_REJECT_AFTER = "、,;和及与"  # a title followed by these is an item of a list, not a heading
_REST_STOP = re.compile(r"[。|:;]")
_MAX_TITLE = 40


@dataclass(frozen=True)
class Entry:
    key: str
    number: str
    title: str
    keywords: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Outline:
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


@dataclass(frozen=True)
class _Data:
    outlines: dict[str, Outline]
    not_headings: re.Pattern
    outline_sentence: re.Pattern


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
    return "|".join(_loose(t) for t in sorted(set(titles), key=len, reverse=True))


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
                keywords=tuple(re.compile(k) for k in item.get("keywords") or ()),
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
            titles=re.compile(titles),
            captions=re.compile(rf"(?m)^[ \t|]*(?P<t>{_alternation(by_caption)})[ \t|]*$") if by_caption else None,
            bare=re.compile(rf"(?m)^[ \t|]*(?P<t>{titles})[ \t|:。]*$"),
        )
    return _Data(
        outlines=outlines,
        not_headings=re.compile("|".join(f"(?:{p})" for p in raw["not_headings"])),
        outline_sentence=re.compile(
            rf"(?:{raw['outline_sentence']})[:]?(?P<items>[^。\n]{{4,300}}?)"
            r"(?:等?[一二三四五六七八九十\d]+个?部分|。|\n|$)"
        ),
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
    if name is not None:
        found = _find(doc, v, data, data.outlines[name])
    else:
        found = max(
            (_find(doc, v, data, data.outlines[n]) for n in ("current", "pre2019")),
            key=len,  # ties go to the current outline (first)
        )
    _finish_bodies(doc, found)
    doc.sections = found
    _find_outline_sentence(doc, v, data, data.outlines[name or "current"])


# -- headings ---------------------------------------------------------------------------


def _line_start(v: str, pos: int) -> tuple[bool, int]:
    """(at line start?, index of the previous significant character or -1)."""
    k = pos - 1
    while k >= 0 and v[k] in " \t|":
        k -= 1
    return (k < 0 or v[k] == "\n"), k


def _find(doc: Document, v: str, data: _Data, outline: Outline) -> list[Section]:
    by_key: dict[str, Section] = {}
    to_source = doc.view.to_source
    for m in _NUMBER.finditer(v):
        start = m.start()
        at_line_start, k = _line_start(v, start)
        if not at_line_start and v[k] not in _INLINE_AFTER:
            continue
        t0 = m.end()
        hit = None
        title_end = t0
        tm = outline.titles.match(v, t0)
        if tm is not None:
            after = v[tm.end()] if tm.end() < len(v) else "\n"
            if after in _REJECT_AFTER or (_CJK.match(after) and not at_line_start):
                continue  # `全文包括:一、总体情况、二、…` — a list, not headings
            hit = outline.by_title[normalise(tm.group())]
            title_end = tm.end()
        if hit is None:
            if not at_line_start:
                continue
            line_end = v.find("\n", t0)
            if line_end == -1:
                line_end = len(v)
            stop = _REST_STOP.search(v, t0, line_end)
            title_end = stop.start() if stop else line_end
            while title_end > t0 and v[title_end - 1] in " \t":
                title_end -= 1
            title = normalise(v[t0:title_end])
            if not 2 <= len(title) <= _MAX_TITLE or data.not_headings.search(title):
                continue
            hit = outline.classify(title)
            if hit is None:
                continue
        entry, variant = hit
        if entry.key in by_key:
            continue
        num_group = "n1" if m.group("n1") else "n2"
        by_key[entry.key] = Section(
            key=entry.key,
            number=m.group(num_group),
            expected_number=entry.number,
            title=_WS.sub("", v[t0:title_end]) if "\n" in v[t0:title_end] else v[t0:title_end].strip(),
            official_title=entry.title,
            heading_span=to_source(start, title_end),
            body_span=(0, 0),
            variant=variant,
            number_span=to_source(*m.span(num_group)),
            inline=not at_line_start,
        )
    # captions and bare titles stand in for missing numbered headings
    if outline.captions is not None and len(by_key) < len(outline.entries):
        for cm in outline.captions.finditer(v):
            entry = outline.by_caption[normalise(cm.group("t"))]
            if entry.key not in by_key:
                by_key[entry.key] = _unnumbered(doc, v, cm, entry, "caption")
    if len(by_key) < len(outline.entries):
        for bm in outline.bare.finditer(v):
            entry, variant = outline.by_title[normalise(bm.group("t"))]
            if entry.key not in by_key:
                by_key[entry.key] = _unnumbered(doc, v, bm, entry, variant)
    return sorted(by_key.values(), key=lambda s: s.heading_span[0])


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
    m = data.outline_sentence.search(v, 0, doc.view.to_view(first))
    if m is None:
        return
    keys: list[str] = []
    for item in re.split(r"[、,;]", m.group("items")):
        item = item.strip()
        if not item:
            continue
        hit = outline.classify(item)
        if hit is not None and (not keys or keys[-1] != hit[0].key):
            keys.append(hit[0].key)
    if not keys:
        return
    doc.meta.outline_span = doc.view.to_source(*m.span())
    doc.meta.outline_keys = keys
