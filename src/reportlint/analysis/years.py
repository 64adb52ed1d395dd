"""Shared helpers for the period rules (RL601–RL610).

Not a rule module (it defines no rule). It reads, once per document:

* the year of the title, the report year and the year of the statistical period;
* the years that sentences of the body start with (``2021年,我局…``), told apart into
  records of a year's work and plans (``2022年,我局将继续…``), leaving out comparisons
  (``…同比增长``), ``2021年以来``, dates of events (``2020年12月``) and document names;
* whether such a sentence states a figure and whether it tells history (``出台``,
  ``成立``…), which tells a sentence copied from an older report from background;
* the headings of plans (``(三)、2010年工作打算``);
* the reports named with their year in a header or footer (:func:`report_names`);
* the publication deadline for the agency's kind.

The data (deadlines, cue words) is ``rules/period.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import field
from datetime import date
from functools import lru_cache

from reportlint.analysis.agency_names import Flat, flat_view, in_spans, own_names, self_pronoun_re, sentence_bounds
from reportlint.analysis.clause_starts import ClausePattern
from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Dated, Document, Span
from reportlint.document.numerals import DATE, DATE_NUMERIC, YEAR, cn_to_int, parse_date

_NUMBERING = r"(?:\([一二三四五六七八九十\d]{1,3}\)[ \t]*[、.]?|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.])"
_ANY_YEAR = pattern_store.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)[ \t]*年|[一二][〇○零O0一二三四五六七八九]{3}年")


@lru_cache(maxsize=1)
def data() -> dict:
    return ruledata.load("period")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=pattern_store.longest_first))


@lru_cache(maxsize=1)
def _sentence_start_year() -> ClausePattern:
    """A year at the start of a sentence (after an optional item number): `2020年,` `2020年度`."""
    return ClausePattern("。;!?:\n", rf"[ \t]*(?:{_NUMBERING}[ \t]*)?(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*,?[ \t]*")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    d = data()
    return {
        # a year right after `下一步,` / `今后,`
        "after_cue": pattern_store.compile(
            rf"(?:下一步|今后|接下来)[ \t]*,?[ \t]*(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*,?[ \t]*"
        ),
        "continuation": pattern_store.compile(_alt(d["backward_continuations"])),
        "comparison": pattern_store.compile(_alt(d["comparison_cues"])),
        "forward": pattern_store.compile(rf"{_alt(d['forward_cues'])}|将[ \t]*(?:{_alt(d['future_after_jiang'])})"),
        # right after the year: the subject, then the future (`2022年,昌吉州科学技术局将继续…`)
        # (`计划`/`拟` are left out here: `2022年，我局计划投资…`, `拟定了…` may be records)
        "plan_clause": pattern_store.compile(
            rf"[^,。;:!?\n\"'《》]{{0,24}}?将[ \t]*(?:{_alt(d['future_after_jiang'])})"
        ),
        # the clause right after the year names a document: `2021年度政府信息公开工作年度报告中…`
        "document_clause": pattern_store.compile(rf"[^,。;:!?\n]{{0,30}}?(?:{_alt(d['document_words'])})"),
        # an older year's sentence that tells history, not the year's work (`2018年，我局出台…`)
        "history": pattern_store.compile(_alt(d["history_cues"])),
        # a figure of the year's work in the sentence (`主动公开政府信息106条`)
        "count": pattern_store.compile(rf"\d+(?:\.\d+)?[ \t]*(?:余|多)?[ \t]*(?:{_alt(d['count_units'])})"),
        "count_verb": pattern_store.compile(_alt(d["count_verbs"])),
        # a header or footer naming a report: `2020年政府信息公开工作年度报告`
        "report_name": pattern_store.compile(
            rf"(?<!\d)(?P<year>{YEAR})[ \t]*年(?:度)?[^\n\d|]{{0,24}}?(?:{_alt(d['report_name_words'])})"
        ),
        "plan_heading": pattern_store.compile(
            rf"^[ \t]*(?:{_NUMBERING}[ \t]*)?(?P<year>{YEAR})[ \t]*年(?:度)?[ \t]*的?[ \t]*"
            rf"(?:政府信息公开|政务公开|信息公开)?[ \t]*(?P<word>{_alt(d['plan_heading_words'])})[ \t]*(?:如下)?[ \t]*"
            r"(?:[:。][^\n]*)?$",
            re.M,
        ),
    }


@dataclass(eq=False)
class YearMention:
    """A year the report's text names, and whether it is about work done or a plan."""

    year: int
    span: Span  # the year phrase in doc.text (`2020年`)
    kind: str  # "record" (about that year's work) | "plan" (a plan for that year)
    compared: bool  # the sentence also names another year or compares figures
    counted: bool = False  # the sentence states a figure of the year's work (`主动公开…106条`)
    history: bool = False  # the sentence tells history (`出台`, `成立`, `以来`…: rules/period.yaml)


@dataclass(eq=False)
class PlanHeading:
    """A heading that announces the plan for a year (``2022年工作计划``)."""

    year: int
    span: Span  # the whole heading in doc.text
    year_span: Span
    text: str  # the heading as it reads (normalised)
    word: str  # 工作打算 / 工作计划 …


@dataclass(eq=False)
class Years:
    """The years of a report: its own, the title's, and those its text names."""

    report: int | None  # the report year (meta.year, or the configured `report: year`)
    title: int | None  # the year written in the title (None without a title)
    period: int | None  # the year of a 1 January – 31 December period (None otherwise)
    period_only_year: tuple[int, Span] | None  # `统计期限为2021年度` with no dates
    mentions: list[YearMention] = field(default_factory=list)
    headings: list[PlanHeading] = field(default_factory=list)

    @property
    def record_years(self) -> Counter:
        return Counter(m.year for m in self.mentions if m.kind == "record" and not m.compared)

    def body_year(self) -> tuple[int | None, int]:
        """The year the body's records use most, and how often (ties: None)."""
        counts = self.record_years.most_common(2)
        if not counts:
            return None, 0
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            return None, 0
        return counts[0]

    def title_is_odd(self) -> int | None:
        """The year the rest of the report uses when the title's year is the odd one out.

        The title is wrong when the statistical period and the body's own records agree
        on another year, or — without a period — when every record of the body names
        one other year (at least twice) and none names the title's year.
        """
        t = self.title
        if t is None:
            return None
        body, n = self.body_year()
        same_as_title = self.record_years.get(t, 0)
        period = self.period if self.period is not None else (self.period_only_year or (None,))[0]
        if period is not None:
            if period != t and body == period and same_as_title == 0:
                return period
            return None
        if body is not None and body != t and n >= 2 and same_as_title == 0 and len(self.record_years) == 1:
            return body
        return None


def effective_year(doc: Document) -> int | None:
    """The report year the date checks use: the year the period and the body agree on
    when the title's year is the odd one out (RL604), else the report year."""
    if doc.meta.year is None:
        return None
    return years(doc).title_is_odd() or doc.meta.year


def title_year(doc: Document) -> int | None:
    m = doc.meta
    if m.year_source != "title" or m.year_span is None:
        return None
    v = doc.view
    s, e = v.to_view(m.year_span[0]), v.to_view(m.year_span[1])
    return cn_to_int(re.sub(r"\s+", "", v.text[s:e]))


def calendar_period_year(doc: Document) -> int | None:
    m = doc.meta
    if m.period_start is None or m.period_end is None:
        return None
    a, b = m.period_start.value, m.period_end.value
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return a.year
    return None


@lru_cache(maxsize=1)
def _period_anchor() -> re.Pattern:
    anchors = ruledata.load("meta")["period"]["anchors"]
    return pattern_store.compile(
        # `统计期限为2021年度` (a year, no month after it)
        rf"(?:{_alt(anchors)})[^。\n\d一二]{{0,12}}?(?P<year>{YEAR})[ \t]*年度?"
        r"(?![ \t]*\d{1,2}[ \t]*月|[ \t]*[一二三四五六七八九十]{1,2}月)"
        # `数据统计截至2021年12月31日` (only the end)
        rf"|(?:统计|数据)[^。\n\d]{{0,12}}?截[至止][ \t]*(?P<end_year>{YEAR})[ \t]*年[ \t]*12[ \t]*月[ \t]*31[ \t]*日"
    )


def _period_only_year(doc: Document, flat: Flat) -> tuple[int, Span] | None:
    """`本报告统计期限为2021年度`, `数据统计截至2021年12月31日` — a period given as a
    year, or by its end only, without the two dates."""
    if doc.meta.period_start is not None:
        return None
    m = _period_anchor().search(flat.text)
    if m is None:
        return None
    if m.group("year") is None:
        year = cn_to_int(m.group("end_year"))
        return (year, flat.to_text(*m.span())) if year is not None else None
    year = cn_to_int(m.group("year"))
    if year is None:
        return None
    return year, flat.to_text(*m.span())


def years(doc: Document) -> Years:
    """Every year the report states, and where (computed once per document)."""
    return doc.memo("years.years", lambda: _years(doc))


def _years(doc: Document) -> Years:
    flat = flat_view(doc)
    out = Years(
        report=doc.meta.year,
        title=title_year(doc),
        period=calendar_period_year(doc),
        period_only_year=_period_only_year(doc, flat),
    )
    out.mentions = _mentions(doc, flat)
    out.headings = _plan_headings(flat)
    return out


def _subject_re(doc: Document) -> re.Pattern:
    names = own_names(doc).forms
    words = [re.escape(n) for n in names if len(n) >= 3]
    words.append(self_pronoun_re().pattern)
    words.append(_patterns()["continuation"].pattern)
    return pattern_store.compile("|".join(words))


def _mentions(doc: Document, flat: Flat) -> list[YearMention]:
    p = _patterns()
    text = flat.text
    protected = flat.protected()
    subject = _subject_re(doc)
    body_end = _body_end(doc, flat)
    title = doc.meta.title_span
    found: dict[int, YearMention] = {}
    cue_matches = ((m.start(), m) for m in p["after_cue"].finditer(text, 0, body_end))
    for kind_re, matches in (("start", _sentence_start_year().matches(text, 0, body_end)), ("after_cue", cue_matches)):
        for start, m in matches:
            ys, ye = m.span("year")
            if ys in found or in_spans(ys, ye, protected):
                continue
            if title is not None and title[0] <= flat.to_text(ys, ye)[0] < title[1]:
                continue  # the title's own year
            year = cn_to_int(m.group("year"))
            if year is None or not 1990 <= year <= 2100:
                continue
            s, e = sentence_bounds(text, ys)
            sentence = text[s:e]
            rest = text[m.end() : e]
            year_end = text.find("年", ye) + 1
            if kind_re == "after_cue" or p["plan_clause"].match(rest):
                kind = "plan"
            elif subject.match(rest) and not p["forward"].search(rest):
                if not text[start : m.end()].rstrip(" \t").endswith(",") and p["document_clause"].match(rest):
                    continue  # `2021年度政府信息公开工作年度报告中提出的问题`
                kind = "record"
            else:
                continue
            others = {cn_to_int(re.sub(r"[ \t年]", "", y.group())) for y in _ANY_YEAR.finditer(sentence)} - {year}
            compared = bool(others) or bool(p["comparison"].search(sentence))
            counted = bool(p["count"].search(sentence)) and bool(p["count_verb"].search(sentence))
            history = bool(p["history"].search(sentence))
            found[ys] = YearMention(year, flat.to_text(ys, year_end), kind, compared, counted, history)
    return [found[k] for k in sorted(found)]


def report_names(text: str) -> list[tuple[int, tuple[int, int]]]:
    """(year, span) of every report named with its year in ``text`` (a normalised
    header or footer: `2020年政府信息公开工作年度报告`)."""
    out = []
    for m in _patterns()["report_name"].finditer(text):
        year = cn_to_int(m.group("year"))
        if year is not None and 1990 <= year <= 2100:
            out.append((year, m.span()))
    return out


def _plan_headings(flat: Flat) -> list[PlanHeading]:
    out = []
    for m in _patterns()["plan_heading"].finditer(flat.text):
        year = cn_to_int(m.group("year"))
        if year is None:
            continue
        s, e = m.span()
        while s < e and flat.text[s] in " \t":
            s += 1
        line_end = flat.text.find("\n", s)
        line_end = len(flat.text) if line_end == -1 else line_end
        head_end = min(line_end, m.end("word"))
        ys, ye = m.span("year")
        out.append(
            PlanHeading(
                year=year,
                span=flat.to_text(s, head_end),
                year_span=flat.to_text(ys, flat.text.find("年", ye) + 1),
                text=flat.text[s:head_end].strip(),
                word=m.group("word"),
            )
        )
    return out


def _body_end(doc: Document, flat: Flat) -> int:
    """Flat offset where the body ends (the signature is not a sentence of the body)."""
    span = doc.meta.signature_span
    if span is None:
        return len(flat.text)
    v = doc.view.to_view(span[0])
    return bisect.bisect_left(flat.src, v, 0, len(flat.text))


# -- deadlines ---------------------------------------------------------------------------


def deadline(doc: Document) -> tuple[date, str] | None:
    """The last publication day and which rule gives it: department | township |
    government | pre2019 | unknown. None without a report year.

    A local date configured for the agency's kind (``deadlines:`` in
    ``.reportlint.yaml``, carried in ``doc.facts["deadlines"]`` as ``"MM-DD"``) replaces
    the statutory one for reports under the 2019 Regulation; :func:`local_deadline` tells
    the two apart. Reports for 2018 and earlier keep the 2008 Regulation's 31 March."""
    year = effective_year(doc)
    if year is None:
        return None
    d = data()["deadlines"]
    if doc.format == "pre2019" or year <= 2018:
        basis = "pre2019"
    else:
        kind = doc.meta.kind
        basis = kind if kind is not None and kind in d else "unknown"
    local = local_deadline(doc, basis)
    month, day = local if local is not None else d[basis]
    try:
        return date(year + 1, month, day), basis
    except ValueError:  # a configured 02-29 in a year that has none: the last day of February
        return date(year + 1, month, day - 1), basis


def local_deadline(doc: Document, basis: str | None = None) -> tuple[int, int] | None:
    """(month, day) of the configured local deadline for the report's kind, or None when
    the statutory date applies (no ``deadlines:`` entry for the kind, a report under the
    2008 Regulation, or the kind unknown). ``basis``: :func:`deadline`'s, when known."""
    configured = doc.facts.get("deadlines")
    if not configured:
        return None
    if basis is None:
        found = deadline(doc)
        if found is None:
            return None
        basis = found[1]
    value = configured.get(basis)
    if not isinstance(value, str):
        return None
    month, _, day = value.partition("-")
    return int(month), int(day)


def issued_on(doc: Document):
    """The date the report was issued and where it comes from: the signature's date
    (``"signature"``), else the publishing page's date (``"page"``, `发布时间: …`).
    None when neither is known."""
    m = doc.meta
    if m.signed_on is not None:
        return m.signed_on, "signature"
    published = page_date(doc)
    if published is not None and not m.signature_truncated:
        return published, "page"
    return None


@lru_cache(maxsize=2)
def _page_date_re(key: str = "labels") -> re.Pattern:
    d = data()["page_date"]
    labels = _alt(d[key])
    fields = _alt(d["next_fields"])
    return pattern_store.compile(
        # a label standing on its own (line start, a blank, a `|` cell, a bullet), then a date
        rf"(?:^|(?<=[\s|•·]))(?:{labels})[ \t\u3000]*[:：|][ \t\u3000|]*(?P<date>{DATE_NUMERIC}|{DATE})"
        # a date with no label, right before another page field (`2024年01月26日来源:区教育局`)
        rf"|(?:^|(?<=[\s|]))(?P<bare>{DATE_NUMERIC}|{DATE})[ \t\u3000]*(?=(?:{fields})[ \t\u3000]*[:：])",
        re.M,
    )


def page_date(doc: Document) -> Dated | None:
    """The publishing page's date: the one the page fields gave (``meta.published_on``),
    else a labelled date among the fields above the report's first sentence that the
    page reader left in the text (`来源:区政府办 时间:2017-01-12 10:01`,
    `• 公文生成日期:2014-03-05`, `发文日期 | 2018-02-28`). None when there is none."""
    if doc.meta.published_on is not None:
        return doc.meta.published_on
    return doc.memo("years.page_date", lambda: _page_date(doc))


def _page_date(doc: Document) -> Dated | None:
    text = doc.text
    limit = min(len(text), int(data()["page_date"]["scan_chars"]))
    stop = text.find("。", 0, limit)
    head_end = limit if stop == -1 else stop
    m = _page_date_re("labels").search(text, 0, head_end) or _page_date_re("document_labels").search(text, 0, head_end)
    if m is None:
        return None
    group = "date" if m.group("date") is not None else "bare"
    when = parse_date(re.sub(r"\s+", "", m.group(group)))
    if when is None:
        return None
    return Dated(value=when, span=m.span(group), raw=m.group(group))


def last_content_line(doc: Document) -> Span:
    """The last sentence of the last non-blank line of the report, before any trailing
    debris (in doc.text): where a missing signature would follow."""
    text = doc.text
    end = doc.meta.debris_span[0] if doc.meta.debris_span else len(text)
    if doc.meta.signature_span is not None:
        end = min(end, doc.meta.signature_span[1])
    while end > 0:
        s = text.rfind("\n", 0, end) + 1
        line = text[s:end]
        stripped = line.strip(" \t\r\u3000|")
        if stripped:
            a = s + len(line) - len(line.lstrip(" \t\r\u3000|"))
            b = s + len(line.rstrip(" \t\r\u3000|"))
            stop = max(text.rfind(ch, a, b - 1) for ch in "。；;!！?？")
            return (stop + 1 if stop != -1 else a), b
        end = s - 1
    return doc.first_line_span()
