"""Find the report's meta in the normalised view: title, year, agency and its kind,
the statistical period, the closing signature, and the debris after the report.

Everything is matched in ``doc.view.text`` (Simplified, full-width folded, pinyin and
layout debris removed) and stored as spans into ``doc.text`` via ``view.to_source``.
Names (title, agency) are stored as they read in the view. The data (title endings,
period anchors, page debris, agency suffixes) lives in ``rules/meta.yaml`` and
``rules/agencies.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document import page_meta
from reportlint.document.model import Dated, Document
from reportlint.document.numerals import (
    DATE,
    DATE_NUMERIC,
    DATE_OPT_YEAR,
    YEAR,
    cn_to_int,
    is_partial_date,
    parse_date,
)

# Characters that never occur inside an agency name.
_NAME_CHARS = r"[^\s。,;:!?、\"'《》()\[\]|<>{}/\\]"
_TITLE_SCAN_CHARS = 3000  # the title is looked for this far into the view
_TITLE_SCAN_LINES = 12  # … in at most this many non-blank lines
_BODY_SCAN_CHARS = 4000  # `由XX编制` / `本年报是…XXXX年…报告` are looked for this far


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class _Patterns:
    """The compiled patterns meta analysis uses, built from ``rules/`` once per process."""

    title: re.Pattern
    title_year_after: re.Pattern
    title_year_mid: re.Pattern
    page_title_row: re.Pattern | None
    not_title_start: tuple[str, ...]
    not_title_words: re.Pattern | None
    running_header_min: int
    wrap_max: int
    report_sentence: re.Pattern
    compiled_by: re.Pattern
    announce: re.Pattern | None
    announce_not_starts: tuple[str, ...]
    anchor: re.Pattern
    window: int
    range: re.Pattern
    debris: re.Pattern
    sig_lines: int
    max_agency: int
    agency_line: re.Pattern
    date_line: re.Pattern
    agency_date_line: re.Pattern
    suffixes: dict[str, str]
    suffix_lengths: tuple[int, ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = ruledata.load("meta")
    agencies = ruledata.load("agencies")
    endings = "|".join(re.escape(e) for e in sorted(data["title"]["endings"], key=pattern_store.longest_first))
    # `下湿壕镇政府2022年信息公开工作年度报告`: `政府` left out
    report = rf"(?:政府)?信息(?:与政务)?公开(?:{endings})"
    # `石林县委宣传部(县委网信办、县政府新闻办)2020年…`: another name of the agency in brackets
    title = pattern_store.compile(
        rf"(?P<agency>{_NAME_CHARS}{{0,40}}?)(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*"
        rf"(?P<mid>{_NAME_CHARS}{{0,30}}?)[ \t]*{report}(?=[\s|]|$)"
    )
    # `XX局政府信息公开工作年度报告(2021年度)`: the year after the title words
    title_year_after = pattern_store.compile(
        rf"(?P<agency>{_NAME_CHARS}{{2,40}}?)[ \t]*{report}[ \t]*[(\[]?[ \t]*(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*[)\]]?"
        r"(?=[\s|]|$)"
    )
    # `连云区教育局政府信息公开工作2025年度报告`: the year between `工作` and `年度报告`
    title_year_mid = pattern_store.compile(
        rf"(?P<agency>{_NAME_CHARS}{{0,40}}?)[ \t]*(?:政府)?信息(?:与政务)?公开工作[ \t]*(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*"
        r"(?:报告|年报)(?=[\s|]|$)"
    )
    # `• 标    题:XX…报告`, `| 标 题: | XX…报告 |`: a page's title row, its label spaced out
    row_labels = data["title"].get("page_title_labels") or []
    page_title_row = (
        pattern_store.compile(
            r"^[ \t]*(?:[|•·*\-][ \t]*)*(?:"
            + "|".join(
                "[ \t\u3000]*".join(map(re.escape, w)) for w in sorted(row_labels, key=pattern_store.longest_first)
            )
            + r")[ \t\u3000]*:[ \t|]*(?P<value>[^\s|][^\n|]*?)[ \t|]*$",
            re.M,
        )
        if row_labels
        else None
    )
    # a sentence naming a report is weaker evidence: `政府` must be there (`发布了2019年度信息公开
    # 工作报告` in a 2020 report names last year's)
    report_sentence = pattern_store.compile(
        rf"(?P<year>{YEAR})[ \t]*年(?:度)?[^\n。]{{0,30}}?政府信息(?:与政务)?公开(?:{endings})"
    )
    compiled_by = pattern_store.compile(
        rf"由[ \t]*(?P<agency>{_NAME_CHARS}{{2,40}}?)[ \t]*(?:负责)?(?:编制|编写|制作|根据|依据|按照)"
    )
    # `现公布华容县文旅广电局2025年度政府信息公开工作年度报告`: the report's own name in the intro
    announce_verbs = "|".join(
        re.escape(w) for w in sorted(agencies.get("announce_verbs") or [], key=pattern_store.longest_first)
    )
    announce = (
        pattern_store.compile(
            rf"(?:{announce_verbs})[ \t]*(?P<agency>{_NAME_CHARS}{{2,40}}?)(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*"
            rf"(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*{report}"
        )
        if announce_verbs
        else None
    )
    anchors = "|".join(re.escape(a) for a in sorted(data["period"]["anchors"], key=pattern_store.longest_first))
    rng = pattern_store.compile(
        rf"(?P<a>{DATE})\s*[起始]?\s*[,]?\s*(?:至|到|-{{1,2}}|~|—{{1,2}})\s*(?P<b>{DATE_OPT_YEAR})(?:\s*止)?"
    )
    debris = pattern_store.compile("|".join(f"(?:{p})" for p in data["tail_debris"]))
    suffixes: dict[str, str] = {}
    for kind, names in agencies["kinds"].items():
        for name in names:
            suffixes[name] = kind
    sig = data.get("signature", {})
    max_agency = int(sig.get("max_agency_chars", 40))
    return _Patterns(
        title=title,
        title_year_after=title_year_after,
        title_year_mid=title_year_mid,
        page_title_row=page_title_row,
        not_title_start=tuple(data["title"]["not_title_starts"]),
        not_title_words=(
            pattern_store.compile("|".join(re.escape(w) for w in data["title"]["not_title_words"]))
            if data["title"].get("not_title_words")
            else None
        ),
        running_header_min=int(data["title"].get("running_header_min", 3)),
        wrap_max=int(data["title"].get("wrap_max_chars", 24)),
        report_sentence=report_sentence,
        compiled_by=compiled_by,
        announce=announce,
        announce_not_starts=tuple(agencies.get("announce_not_starts") or ()),
        anchor=pattern_store.compile(anchors),
        window=int(data["period"].get("window", 40)),
        range=rng,
        debris=debris,
        sig_lines=int(sig.get("lines", 6)),
        max_agency=max_agency,
        agency_line=pattern_store.compile(rf"{_NAME_CHARS}{{2,{max_agency}}}"),
        date_line=pattern_store.compile(rf"(?:{DATE}|{DATE_NUMERIC})"),
        agency_date_line=pattern_store.compile(
            rf"(?P<agency>{_NAME_CHARS}{{2,{max_agency}}}?)[ \t]+(?P<date>{DATE}|{DATE_NUMERIC})"
        ),
        suffixes=suffixes,
        suffix_lengths=tuple(sorted({len(s) for s in suffixes}, reverse=True)),
    )


def agency_kind(name: str | None) -> str | None:
    """``department`` / ``government`` / ``township`` from the end of an agency name."""
    if not name:
        return None
    p = _patterns()
    name = name.strip()
    for n in p.suffix_lengths:
        if len(name) >= n:
            kind = p.suffixes.get(name[-n:])
            if kind is not None:
                return kind
    return None


def looks_like_agency(line: str) -> bool:
    """A short line that is only an agency name (`台儿庄区科技局`)."""
    p = _patterns()
    line = line.strip()
    return (
        bool(p.agency_line.fullmatch(line)) and not any(ch.isdigit() for ch in line) and agency_kind(line) is not None
    )


def analyse(doc: Document) -> None:
    p = _patterns()
    page_meta.analyse(doc, lambda text, pos: _title_end(text, pos, p))
    v = doc.view.text
    meta = doc.meta
    _find_title(doc, v, p)
    if meta.page_title is None:
        _page_title_row(doc, v, p)
    if meta.title is None and meta.page_title:
        _title_from_page(doc, p)
    elif meta.title is not None:
        meta.title_source = "body"
    _find_period(doc, v, p)
    _find_signature(doc, v, p)

    if meta.year is None:
        m = p.report_sentence.search(v, 0, min(len(v), _BODY_SCAN_CHARS))
        if m is not None:
            meta.year = cn_to_int(m.group("year"))
            meta.year_span = doc.view.to_source(*m.span("year"))
            meta.year_source = "body"
        elif meta.period_start is not None:
            meta.year = meta.period_start.value.year
            meta.year_span = meta.period_start.span
            meta.year_source = "period"

    if meta.agency is None:
        m = p.compiled_by.search(v, 0, min(len(v), _BODY_SCAN_CHARS))
        sig = meta.signature_agency
        if m is not None and agency_kind(m.group("agency")) and not _office_of(m.group("agency"), sig):
            meta.agency = m.group("agency")
            meta.agency_span = doc.view.to_source(*m.span("agency"))
            meta.agency_source = "body"
        elif meta.signature_agency:
            meta.agency = meta.signature_agency
            meta.agency_span = meta.signature_agency_span
            meta.agency_source = "signature"
        else:
            _agency_from_announcement(doc, v, p)
    if meta.kind is None:
        meta.kind = agency_kind(meta.agency)


def _agency_from_announcement(doc: Document, v: str, p: _Patterns) -> None:
    """No agency in the title, no `由XX编制`, no signature: the intro that names the report
    (`现公布华容县文旅广电局2025年度政府信息公开工作年度报告`) names its agency."""
    if p.announce is None:
        return
    m = p.announce.search(v, 0, min(len(v), _BODY_SCAN_CHARS))
    if m is None or agency_kind(m.group("agency")) is None or m.group("agency").startswith(p.announce_not_starts):
        return
    meta = doc.meta
    meta.agency = m.group("agency")
    meta.agency_span = doc.view.to_source(*m.span("agency"))
    meta.agency_source = "body"


def _office_of(compiler: str, signer: str | None) -> bool:
    """`由淮安市人民政府办公室编制`, signed `淮安市人民政府`: the office compiles its
    body's report; the report is the signer's."""
    if not signer:
        return False
    return len(compiler) > len(signer) and compiler.startswith(signer)


# -- lines of the view ------------------------------------------------------------------


def _strip_span(v: str, s: int, e: int, chars: str = " \t|") -> tuple[int, int]:
    while s < e and v[s] in chars:
        s += 1
    while e > s and v[e - 1] in chars:
        e -= 1
    return s, e


def _line_end(v: str, pos: int) -> int:
    e = v.find("\n", pos)
    return len(v) if e == -1 else e


# -- title --------------------------------------------------------------------------------


_MD_LEAD = pattern_store.compile(r"(?:#{1,6}[ \t]+|[*_]{2}[ \t]*|>[ \t]*)+")
_SENTENCE_PUNCT = pattern_store.compile(r"[。,;:!?]")
# A title or agency name broken over lines is read as one.
_TITLE_LINE_BREAK = pattern_store.compile(r"[ \t]*\n\s*")
_AGENCY_LINE_BREAK = pattern_store.compile(r"[ \t]*\n[ \t]*")


def _title_at(text: str, pos: int, end: int, p: _Patterns) -> re.Match | None:
    """A report title starting at ``pos`` (any of its shapes), ending before ``end``."""
    return (
        p.title.match(text, pos, end)
        or p.title_year_after.match(text, pos, end)
        or p.title_year_mid.match(text, pos, end)
    )


def _title_end(v: str, pos: int, p: _Patterns) -> int | None:
    """End of a report title starting at ``pos`` on its line (page-chrome scanning)."""
    m = _title_at(v, pos, _line_end(v, pos), p)
    return m.end() if m is not None else None


def _title_line(v: str, pos: int, end: int, p: _Patterns) -> tuple[int, int]:
    """The stripped span of a line, without Markdown heading / bold markers."""
    s, e = _strip_span(v, pos, end)
    m = _MD_LEAD.match(v, s, e)
    if m is not None:
        s = m.end()
    s, e = _strip_span(v, s, e, " \t|*#_")
    return s, e


def _find_title(doc: Document, v: str, p: _Patterns) -> None:
    limit = min(len(v), _TITLE_SCAN_CHARS)
    pos = 0
    seen = 0
    prev: tuple[int, int] | None = None  # the previous non-blank line (stripped span)
    lines: list[tuple[int, int]] = []
    while pos < limit and seen < _TITLE_SCAN_LINES + 1:
        end = _line_end(v, pos)
        s, e = _title_line(v, pos, end, p)
        if s < e:
            seen += 1
            lines.append((s, e))
        pos = end + 1
    # A repeated page header or footer that looks like the title: (match, previous line, joined).
    fallback: tuple[re.Match, tuple[int, int] | None, _Joined | None] | None = None
    for i, (s, e) in enumerate(lines[:_TITLE_SCAN_LINES]):
        if i > 0 and p.debris.search(v[lines[i - 1][0] : lines[i - 1][1]]) is None:
            prev = lines[i - 1]  # the previous non-blank line that is not page debris
        line = v[s:e]
        if line.startswith(p.not_title_start):
            continue
        found = _match_title(v, s, e, lines[i + 1] if i + 1 < len(lines) else None, p)
        if found is None:
            continue
        m, joined = found
        if _notice_of(joined.text if joined else v, m):
            continue  # `XX办公室关于做好2025年…报告` (编制工作的通知): a notice about reports
        if p.not_title_words and p.not_title_words.search((joined.text if joined else v), m.start(), m.end()):
            continue  # a breadcrumb, a metadata row, a crawler field
        if _repeats(v, line, p):
            fallback = fallback or (m, prev, joined)  # a running page header or footer
            continue
        _set_title(doc, v, m, prev, joined)
        return
    if fallback is not None:
        _set_title(doc, v, *fallback)


def _notice_of(text: str, m: re.Match) -> bool:
    """The name before the year holds `关于` with words after it (`XX办公室关于做好`,
    `关于印发`): the line names a notice or a document about reports, not a report.
    `XX局关于2021年…报告` (`关于` right before the year) is a report's title."""
    for group in ("agency", "mid"):
        if group in m.re.groupindex:
            name = text[m.start(group) : m.end(group)].strip(" \t")
            k = name.find("关于")
            if k != -1 and k + 2 < len(name):
                return True
    return False


def _repeats(v: str, line: str, p: _Patterns) -> bool:
    if len(line) < 6:
        return False
    n = 0
    k = v.find(line)
    while k != -1:
        n += 1
        if n >= p.running_header_min:
            return True
        k = v.find(line, k + len(line))
    return False


class _Joined:
    """Two view lines read as one string, with offsets mapped back to the view."""

    def __init__(self, v: str, first: tuple[int, int], second: tuple[int, int]):
        self.first, self.second = first, second
        self.cut = first[1] - first[0]
        self.text = v[first[0] : first[1]] + v[second[0] : second[1]]

    def to_view(self, i: int) -> int:
        if i < self.cut:
            return self.first[0] + i
        return self.second[0] + (i - self.cut)


def _match_title(v: str, s: int, e: int, nxt: tuple[int, int] | None, p: _Patterns):
    m = _title_at(v, s, e, p)
    if m is not None:
        return m, None
    if nxt is None or _SENTENCE_PUNCT.search(v, s, e):
        return None
    if nxt[1] - nxt[0] > p.wrap_max or _SENTENCE_PUNCT.search(v, nxt[0], nxt[1]):
        return None
    # The next line is a whole title by itself (`有效` / `XX局2022年…报告`): this line is its
    # first half only if it names the body the next line's agency belongs to (`XX市管理委员会` /
    # `卫生健康办公室2023年…报告`), or the title names no agency and this line is one
    # (`XX县人民政府机关` / `2020年…报告`), never a page field's value.
    alone = _title_at(v, nxt[0], nxt[1], p)
    if (
        alone is not None
        and not looks_like_agency(v[s:e])
        and (alone.group("agency").strip(" \t") or any(ch.isdigit() for ch in v[s:e]))
    ):
        return None
    j = _Joined(v, (s, e), nxt)
    if "信息" not in j.text:
        return None
    m = _title_at(j.text, 0, len(j.text), p)
    if m is None or m.end() <= j.cut:
        return None
    return m, j


def _set_title(doc: Document, v: str, m: re.Match, prev: tuple[int, int] | None, joined: _Joined | None = None) -> None:
    meta = doc.meta
    to_v = joined.to_view if joined is not None else (lambda i: i)
    text = joined.text if joined is not None else v

    def vspan(a: int, b: int) -> tuple[int, int]:
        return to_v(a), to_v(b - 1) + 1 if b > a else to_v(a)

    start = to_v(m.start())
    end = vspan(m.start(), m.end())[1]
    agency_span: tuple[int, int] | None = None
    for group in ("agency", "mid"):
        if group not in m.re.groupindex:
            continue
        a, b = _strip_span(text, *m.span(group), chars=" \t")
        if text.startswith("关于", b - 2, b):  # `XX局关于2021年…报告`
            b -= 2
        if a < b:
            agency_span = vspan(a, b)
            break
    if agency_span is None and prev is not None and looks_like_agency(v[prev[0] : prev[1]]):
        # PDF: `淮安市人民政府` on the line above `2024 年政府信息公开工作年度报告`
        agency_span = prev
        start = prev[0]
    meta.title_span = doc.view.to_source(start, end)
    meta.title = _TITLE_LINE_BREAK.sub("", v[start:end])
    meta.year = cn_to_int(m.group("year"))
    meta.year_span = doc.view.to_source(*vspan(*m.span("year")))
    meta.year_source = "title"
    if agency_span is not None:
        meta.agency = _AGENCY_LINE_BREAK.sub("", v[agency_span[0] : agency_span[1]])
        meta.agency_span = doc.view.to_source(*agency_span)
        meta.agency_source = "title"


def _page_title_row(doc: Document, v: str, p: _Patterns) -> None:
    """A page's title row that page_meta did not read as a field (`• 标    题:XX…报告`,
    `| 标 题: | XX…报告 |`): its value is the page's title."""
    if p.page_title_row is None:
        return
    m = p.page_title_row.search(v, 0, min(len(v), _TITLE_SCAN_CHARS))
    if m is None:
        return
    meta = doc.meta
    meta.page_title = m.group("value")
    meta.page_title_span = doc.view.to_source(*m.span("value"))


def _title_from_page(doc: Document, p: _Patterns) -> None:
    """The body has no title: the page's title field (`标题: …`) stands in."""
    meta = doc.meta
    title = (meta.page_title or "").strip()
    m = p.title.fullmatch(title) or p.title_year_after.fullmatch(title) or p.title_year_mid.fullmatch(title)
    if m is None:
        return
    meta.title = title
    meta.title_span = meta.page_title_span
    meta.title_source = "page"
    meta.year = cn_to_int(m.group("year"))
    meta.year_span = meta.page_title_span
    meta.year_source = "page"
    for group in ("agency", "mid"):
        if group in m.re.groupindex:
            name = m.group(group).strip(" \t")
            if name.endswith("关于"):
                name = name[:-2]
            if name:
                meta.agency = name
                meta.agency_span = meta.page_title_span
                meta.agency_source = "page"
                break


# -- statistical period -------------------------------------------------------------------


def _find_period(doc: Document, v: str, p: _Patterns) -> None:
    found = None
    for a in p.anchor.finditer(v):
        r = p.range.search(v, a.end(), min(len(v), a.end() + p.window + 60))
        if r is not None and r.start() - a.end() <= p.window and "。" not in v[a.end() : r.start()]:
            found = (a.start(), r)
            break
    if found is None:
        # no anchor word: accept a bare 1 January – 31 December range (`2021年1月1日—2021年12月31日`)
        for r in p.range.finditer(v):
            start = parse_date(r.group("a"))
            end = parse_date(r.group("b"), default_year=start.year if start else None)
            if start and end and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
                found = (r.start(), r)
                break
            if (
                start
                and end
                and r.group().rstrip().endswith("止")
                and v[max(0, r.start() - 1) : r.start()] in ("自", "从")
            ):
                found = (r.start() - 1, r)  # `自2021年1月1日始至2021年11月30日止`: a period all the same
                break
    if found is None:
        return
    anchor_start, r = found
    start = parse_date(r.group("a"))
    if start is None:
        return
    end = parse_date(r.group("b"), default_year=start.year)
    meta = doc.meta
    meta.period_start = _dated(doc, *r.span("a"), start)
    if end is not None:
        meta.period_end = _dated(doc, *r.span("b"), end)
    # the whole sentence: from the previous sentence end to the next 。 (or the line end)
    s = max(v.rfind(ch, 0, anchor_start) for ch in "。\n;!?") + 1
    while s < anchor_start and v[s] in " \t":
        s += 1
    stop = v.find("。", r.end())
    nl = _line_end(v, r.end())
    e = nl if stop == -1 or stop > nl else stop + 1
    meta.period_span = doc.view.to_source(s, e)


def _dated(doc: Document, vs: int, ve: int, value) -> Dated:
    span = doc.view.to_source(vs, ve)
    return Dated(value=value, span=span, raw=doc.text[span[0] : span[1]])


# -- signature and trailing debris ------------------------------------------------------


def _find_signature(doc: Document, v: str, p: _Patterns) -> None:
    meta = doc.meta
    content: list[tuple[int, int]] = []  # stripped spans of non-blank lines, last first
    debris_start: int | None = None
    debris_end: int | None = None
    pos = len(v)
    in_debris = True
    while pos >= 0 and len(content) < p.sig_lines:
        s = v.rfind("\n", 0, pos) + 1
        a, b = _strip_span(v, s, pos, " \t")
        if a < b:
            if in_debris and p.debris.search(v[a:b]) is not None:
                debris_start = a
                debris_end = debris_end or b
            else:
                in_debris = False
                content.append((a, b))
        if s == 0:
            break
        pos = s - 1
    if debris_start is not None and debris_end is not None:  # set together
        span = doc.view.to_source(debris_start, debris_end)
        if meta.debris_span is not None:  # page chrome after it (page_meta)
            span = (min(span[0], meta.debris_span[0]), max(span[1], meta.debris_span[1]))
        meta.debris_span = span
    if not content:
        return

    last = content[0]
    line = v[last[0] : last[1]]
    date_span: tuple[int, int] | None = None
    agency_span: tuple[int, int] | None = None
    truncated = False
    if p.date_line.fullmatch(line):
        date_span = last
    else:
        m = p.agency_date_line.fullmatch(line)
        if m is not None and looks_like_agency(m.group("agency")):
            date_span = (last[0] + m.start("date"), last[0] + m.end("date"))
            agency_span = (last[0] + m.start("agency"), last[0] + m.end("agency"))
        elif is_partial_date(line) and len(content) > 1 and looks_like_agency(v[content[1][0] : content[1][1]]):
            date_span = last
            truncated = True
        elif looks_like_agency(line):
            agency_span = last  # an agency line with no date at all
    if date_span is None and agency_span is None:
        return
    if agency_span is None and date_span is not None and len(content) > 1:
        prev = content[1]
        if looks_like_agency(v[prev[0] : prev[1]]):
            agency_span = prev
    start = agency_span[0] if agency_span else date_span[0]  # type: ignore[index]
    end = date_span[1] if date_span else agency_span[1]  # type: ignore[index]
    meta.signature_span = doc.view.to_source(start, end)
    if agency_span is not None:
        meta.signature_agency = v[agency_span[0] : agency_span[1]]
        meta.signature_agency_span = doc.view.to_source(*agency_span)
    if date_span is not None and not truncated:
        value = parse_date(v[date_span[0] : date_span[1]])
        if value is not None:
            meta.signed_on = _dated(doc, *date_span, value)
    meta.signature_truncated = truncated


def body_end(doc: Document) -> int:
    """Offset in ``doc.text`` where the report body ends (signature or trailing debris)."""
    ends = [s[0] for s in (doc.meta.signature_span, doc.meta.debris_span) if s is not None]
    return min(ends) if ends else len(doc.text)
